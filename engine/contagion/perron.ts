/**
 * Perron root (largest eigenvalue) of a non-negative matrix, the stability
 * indicator of linear DebtRank: Bardoscia, Battiston, Caccioli & Caldarelli
 * (2015), "DebtRank: A microscopic foundation for shock propagation",
 * PLoS ONE 10(6):e0130406 — losses stay bounded in the linear regime when
 * λ_max(Λ) < 1 and at least one bank defaults when λ_max > 1 (models.md §3.2).
 *
 * Method: power iteration on the shifted matrix A + I. For a non-negative A,
 * ρ(A) + 1 is the only eigenvalue of A + I of largest modulus (any other
 * eigenvalue λ has |λ + 1| < ρ + 1 unless λ = ρ), so the shift removes the
 * oscillation of plain power iteration on periodic matrices (e.g. a cycle).
 * The iterate x stays strictly positive, so the Collatz–Wielandt bounds
 *     min_i (Ax)_i / x_i ≤ ρ(A) ≤ max_i (Ax)_i / x_i
 * hold at every step (Collatz–Wielandt; Horn & Johnson, Matrix Analysis, 2nd ed., ch. 8).
 * Stops when the bounds agree to `tolerance` (relative, default 1e-10). For
 * reducible matrices the lower bound can stall; once the gap stops shrinking
 * it also stops when the norm-ratio estimate changes by less than the
 * tolerance and so does its geometric-tail estimate. Otherwise it stops after
 * `maxIterations` (default 10,000) iterations, each O(nonzeros).
 */
import { requireInRange } from '../core/errors';
import { requireSquareNonNegative } from './network';

/** Perron root estimate with certified bounds and the Perron vector. */
export interface PerronRootResult {
  /** Estimate of the spectral radius ρ(A) (the Perron root). */
  value: number;
  /** Certified Collatz–Wielandt bounds: lower ≤ ρ(A) ≤ upper. */
  lower: number;
  upper: number;
  /** Non-negative Perron vector estimate, max-normalised to 1. */
  vector: number[];
  iterations: number;
  converged: boolean;
}

/** Perron root of a square non-negative matrix with certified bounds (see the module comment). */
export function perronRoot(matrix: number[][], options: { tolerance?: number; maxIterations?: number } = {}): PerronRootResult {
  const n = requireSquareNonNegative(matrix, 'matrix', false);
  const tol = options.tolerance === undefined ? 1e-10 : requireInRange(options.tolerance, 0, 0.1, 'tolerance');
  const maxIt = options.maxIterations === undefined ? 10000 : Math.floor(requireInRange(options.maxIterations, 1, 1e7, 'maxIterations'));
  if (n === 0) return { value: 0, lower: 0, upper: 0, vector: [], iterations: 0, converged: true };
  // CSR of the nonzeros.
  const off = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = matrix[i]!;
    for (let j = 0; j < n; j++) {
      if (row[j]! !== 0) {
        cols.push(j);
        vals.push(row[j]!);
      }
    }
    off[i + 1] = cols.length;
  }
  const col = Int32Array.from(cols);
  const val = Float64Array.from(vals);
  let x = new Float64Array(n).fill(1);
  let y = new Float64Array(n);
  let lower = 0;
  let upper = Infinity;
  let mu = NaN;
  let prevDelta = Infinity;
  let prevGap = Infinity;
  for (let it = 1; it <= maxIt; it++) {
    lower = Infinity;
    upper = 0;
    let big = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = off[i]!; k < off[i + 1]!; k++) s += val[k]! * x[col[k]!]!;
      const ratio = s / x[i]!;
      if (ratio < lower) lower = ratio;
      if (ratio > upper) upper = ratio;
      const z = s + x[i]!;
      y[i] = z;
      if (z > big) big = z;
    }
    // x is max-normalised, so the max-norm ratio of (A + I)x to x is `big`.
    const newMu = big - 1;
    if (upper - lower <= tol * upper) {
      // Return the x the bounds were computed on: (Ax)_i / x_i ∈ [lower, upper] for every i.
      return { value: 0.5 * (lower + upper), lower, upper, vector: Array.from(x), iterations: it, converged: true };
    }
    for (let i = 0; i < n; i++) y[i]! /= big;
    [x, y] = [y, x];
    const delta = Math.abs(newMu - mu);
    const r = delta / prevDelta;
    mu = newMu;
    const target = tol * Math.max(mu, Number.MIN_VALUE);
    // The stall test is for reducible matrices only: it applies once the Collatz–Wielandt gap has
    // stopped shrinking (for irreducible matrices the gap keeps shrinking geometrically).
    const gap = upper - lower;
    const stuck = gap >= prevGap * (1 - 1e-6);
    prevGap = gap;
    if (stuck && (delta === 0 || (delta <= target && r < 1 && (delta * r) / (1 - r) <= target))) {
      return { value: Math.min(upper, Math.max(lower, mu)), lower, upper, vector: Array.from(x), iterations: it, converged: true };
    }
    prevDelta = delta;
  }
  return { value: Math.min(upper, Math.max(lower, mu)), lower, upper, vector: Array.from(x), iterations: maxIt, converged: false };
}

/** Largest eigenvalue (Perron root) of a non-negative square matrix; see `perronRoot`. */
export function largestEigenvalue(matrix: number[][], options?: { tolerance?: number; maxIterations?: number }): number {
  return perronRoot(matrix, options).value;
}
