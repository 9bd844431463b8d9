/**
 * A secondary result that follows its inputs one frame late. A widget with several
 * figures recomputes everything in the same task when a slider moves; a costly result
 * that feeds only a later figure (a sweep, a buffer curve) can wait until the first
 * figure has been painted, so the figure the reader is watching answers at once and
 * the rest follows a frame later. The first value is computed at once (it is in the
 * server-rendered page); stale runs are dropped when the inputs change again.
 *
 * Create it during component initialisation (it owns an effect).
 */
import { untrack } from 'svelte';

export class AfterPaint<A, T> {
  current: T = $state.raw() as T;
  /** True while a newer value is on its way (the figure can say "updating…"). */
  pending = $state(false);

  constructor(inputs: () => A, compute: (a: A) => T) {
    const first = untrack(inputs);
    this.current = compute(first);
    let initial = true;
    $effect(() => {
      const a = inputs();
      if (initial) {
        initial = false;
        if (same(a, first)) return;
      }
      this.pending = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // rAF, then a task: the browser paints the frame with the first figure before this runs.
      const frame = requestAnimationFrame(() => {
        timer = setTimeout(() => {
          this.current = compute(a);
          this.pending = false;
        }, 0);
      });
      return () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      };
    });
  }
}

function same(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
