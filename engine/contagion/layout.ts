/**
 * Node positions for drawing small networks (figures only; no model logic).
 *
 * - `circularLayout`: node k at angle 2πk/n, starting at the top and going
 *   clockwise, on a circle inscribed in the unit square.
 * - `springLayout`: the force-directed method of Fruchterman & Reingold (1991),
 *   "Graph drawing by force-directed placement", Software: Practice and
 *   Experience 21(11):1129–1164. Every pair of nodes repels with force k²/d,
 *   every link (direction ignored) attracts with force d²/k, with
 *   k = √(area / n); a weak pull towards the centre keeps components that are
 *   not linked to each other on the page. Each step moves a node by at most the
 *   current "temperature", which cools linearly to 0, so the layout settles.
 *   The start is the circular layout plus a small seeded jitter, so the same
 *   network and seed always give the same picture (no Math.random).
 * Both return positions in [pad, 1 − pad]² (default pad 0.06).
 *
 * Cost: `iterations` × n² pair forces plus the links; for the book's drawings
 * (n ≤ 40, 300 iterations) well under 10 ms.
 */
import { createRng } from '../core/random';
import { requireInRange, requireInteger } from '../core/errors';
import { requireNetwork, type Network } from './network';

/** A position in the unit square. */
export interface NodePosition {
  x: number;
  y: number;
}

/** Node k on a circle, starting at the top, clockwise. */
export function circularLayout(n: number, pad = 0.06): NodePosition[] {
  requireInteger(n, 0, 1e6, 'n');
  requireInRange(pad, 0, 0.4, 'pad');
  const r = 0.5 - pad;
  if (n === 1) return [{ x: 0.5, y: 0.5 }];
  return Array.from({ length: n }, (_, k) => {
    const a = -Math.PI / 2 + (2 * Math.PI * k) / n;
    return { x: 0.5 + r * Math.cos(a), y: 0.5 + r * Math.sin(a) };
  });
}

/** Rescale positions so that they span [pad, 1 − pad] in the longer direction, centred, keeping the aspect ratio. */
function normalise(xs: Float64Array, ys: Float64Array, pad: number): NodePosition[] {
  const n = xs.length;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, xs[i]!);
    x1 = Math.max(x1, xs[i]!);
    y0 = Math.min(y0, ys[i]!);
    y1 = Math.max(y1, ys[i]!);
  }
  const span = Math.max(x1 - x0, y1 - y0);
  if (!(span > 0)) return Array.from({ length: n }, () => ({ x: 0.5, y: 0.5 }));
  const s = (1 - 2 * pad) / span;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return Array.from({ length: n }, (_, i) => ({ x: 0.5 + (xs[i]! - cx) * s, y: 0.5 + (ys[i]! - cy) * s }));
}

/** Fruchterman–Reingold layout of a network (see the module comment). */
export function springLayout(net: Network, options: { iterations?: number; seed?: number; pad?: number } = {}): NodePosition[] {
  requireNetwork(net);
  const iterations = options.iterations === undefined ? 300 : requireInteger(options.iterations, 1, 100000, 'iterations');
  const pad = options.pad === undefined ? 0.06 : requireInRange(options.pad, 0, 0.4, 'pad');
  const rng = createRng(options.seed ?? 1);
  const n = net.n;
  if (n <= 1) return circularLayout(n, pad);
  const start = circularLayout(n, 0);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = start[i]!.x + 0.02 * (rng.next() - 0.5);
    ys[i] = start[i]!.y + 0.02 * (rng.next() - 0.5);
  }
  const k = Math.sqrt(1 / n);
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const t0 = 0.1;
  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ux = xs[i]! - xs[j]!;
        let uy = ys[i]! - ys[j]!;
        let d = Math.hypot(ux, uy);
        if (d < 1e-9) {
          // Coincident nodes: push apart along a fixed direction that depends on the pair.
          ux = Math.cos(i + 2 * j);
          uy = Math.sin(i + 2 * j);
          d = 1e-9;
        }
        const f = (k * k) / d;
        const fx = (ux / Math.max(d, 1e-9)) * f;
        const fy = (uy / Math.max(d, 1e-9)) * f;
        dx[i]! += fx;
        dy[i]! += fy;
        dx[j]! -= fx;
        dy[j]! -= fy;
      }
    }
    for (let i = 0; i < n; i++) {
      for (let e = net.offsets[i]!; e < net.offsets[i + 1]!; e++) {
        const j = net.targets[e]!;
        const ux = xs[i]! - xs[j]!;
        const uy = ys[i]! - ys[j]!;
        const d = Math.hypot(ux, uy);
        if (d === 0) continue;
        const f = (d * d) / k;
        dx[i]! -= (ux / d) * f;
        dy[i]! -= (uy / d) * f;
        dx[j]! += (ux / d) * f;
        dy[j]! += (uy / d) * f;
      }
    }
    const temp = t0 * (1 - it / iterations);
    for (let i = 0; i < n; i++) {
      // Gravity towards the centre (0.5, 0.5), weak next to the link forces.
      dx[i]! -= 0.05 * (xs[i]! - 0.5) / k;
      dy[i]! -= 0.05 * (ys[i]! - 0.5) / k;
      const len = Math.hypot(dx[i]!, dy[i]!);
      if (len > 0) {
        const step = Math.min(len, temp);
        xs[i]! += (dx[i]! / len) * step;
        ys[i]! += (dy[i]! / len) * step;
      }
    }
  }
  return normalise(xs, ys, pad);
}
