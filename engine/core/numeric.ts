/** Small numeric helpers shared by the models. Pure; no allocation in hot paths unless stated. */

/** n evenly spaced values from a to b inclusive. */
export function linspace(a: number, b: number, n: number): number[] {
  if (n <= 1) return [a];
  const out = new Array<number>(n);
  const h = (b - a) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = a + i * h;
  out[n - 1] = b;
  return out;
}

/** Kahan–Babuška (Neumaier) compensated sum, for conservation checks. */
export function sum(xs: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

export function mean(xs: ArrayLike<number>): number {
  return xs.length === 0 ? Number.NaN : sum(xs) / xs.length;
}

/** Sample variance (n − 1 denominator). */
export function variance(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return Number.NaN;
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < n; i++) s += (xs[i]! - m) ** 2;
  return s / (n - 1);
}

export function stdev(xs: ArrayLike<number>): number {
  return Math.sqrt(variance(xs));
}

/** Quantile by linear interpolation between order statistics (type 7, as R's default). */
export function quantile(xs: ArrayLike<number>, p: number): number {
  const n = xs.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(xs).sort();
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Lag-k autocorrelation of a series (biased estimator, as in most textbooks). */
export function autocorrelation(xs: ArrayLike<number>, lag = 1): number {
  const n = xs.length;
  if (n <= lag + 1) return Number.NaN;
  const m = mean(xs);
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - m;
    den += d * d;
    if (i + lag < n) num += d * (xs[i + lag]! - m);
  }
  return den === 0 ? 0 : num / den;
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * Root of a continuous f on [a, b] with f(a)·f(b) ≤ 0, by bisection to `tol`.
 * Returns null when the bracket does not change sign. Always terminates:
 * at most ceil(log2((b − a)/tol)) + 1 halvings, capped at 200.
 */
export function bisect(f: (x: number) => number, a: number, b: number, tol = 1e-12): number | null {
  let fa = f(a);
  const fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (Math.sign(fa) === Math.sign(fb)) return null;
  let lo = a;
  let hi = b;
  for (let i = 0; i < 200 && hi - lo > tol; i++) {
    const mid = 0.5 * (lo + hi);
    const fm = f(mid);
    if (fm === 0) return mid;
    if (Math.sign(fm) === Math.sign(fa)) {
      lo = mid;
      fa = fm;
    } else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Relative-or-absolute closeness test used throughout the tests and exercise checks. */
export function isClose(a: number, b: number, rel = 1e-9, abs = 0): boolean {
  return Math.abs(a - b) <= Math.max(abs, rel * Math.max(Math.abs(a), Math.abs(b)));
}

/** Round to a number of significant digits (for display and stable snapshots). */
export function roundSig(x: number, digits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number.parseFloat(x.toPrecision(digits));
}
