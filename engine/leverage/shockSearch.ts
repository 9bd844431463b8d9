/**
 * The smallest shock on a grid that makes a cascade reach a target: the
 * "find the smallest shock that…" experiments of Chapter 3.
 *
 * For a news shock in one direction the cascade's final price is monotone in
 * the shock (a lower starting price can only reach more liquidation prices,
 * and every later round starts lower too), so the liquidated notional and the
 * dislocation are non-decreasing in the shock. The search is therefore a
 * binary search over the grid step, 2·step, … , max: O(log(max/step))
 * cascades. The tests check it against a linear scan.
 */
import { requirePositive } from '../core/errors';
import { cascade, cascadeSpec, type CascadeParams, type CascadeResult } from './cascade';
import type { OrderBook } from './orderBook';
import type { Population } from './population';

/** What the cascade must reach. */
export type CascadeShockTarget = { liquidatedNotional: number } | { dislocation: number };

function reaches(r: CascadeResult, target: CascadeShockTarget): boolean {
  return 'liquidatedNotional' in target ? r.liquidatedNotional >= target.liquidatedNotional : r.dislocation >= target.dislocation;
}

/**
 * Smallest shock k·step (k ≥ 1, ≤ max) whose cascade reaches `target`, or
 * null if even `max` does not. Shocks are rounded to 12 significant digits so
 * that they equal the values a slider produces.
 */
export function smallestCascadeShock(
  pop: Population,
  book: OrderBook,
  target: CascadeShockTarget,
  options: { step?: number; max?: number } & Partial<Omit<CascadeParams, 'shock'>> = {},
): number | null {
  const step = requirePositive(options.step ?? cascadeSpec.shock.step, 'step');
  const max = Math.min(cascadeSpec.shock.max, requirePositive(options.max ?? cascadeSpec.shock.max, 'max'));
  const rest = { direction: options.direction, shockKind: options.shockKind };
  const at = (k: number) => Number.parseFloat((k * step).toPrecision(12));
  const test = (k: number) => reaches(cascade(pop, book, { ...rest, shock: at(k) }), target);
  let hi = Math.floor(max / step + 1e-9);
  if (hi < 1 || !test(hi)) return null;
  let lo = 0; // invariant: test(lo) false (or lo = 0), test(hi) true
  // Each pass halves hi − lo: at most log2(max/step) + 1 passes.
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (test(mid)) hi = mid;
    else lo = mid;
  }
  return at(hi);
}
