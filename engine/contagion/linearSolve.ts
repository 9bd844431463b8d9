/**
 * Dense linear solve by Gaussian elimination with partial pivoting
 * (Golub & Van Loan, Matrix Computations, 4th ed., Algorithm 3.4.1).
 * Used for the small linear systems of the fictitious default algorithm and in
 * tests. O(k³/3) flops for a k × k system; exact up to rounding.
 */
import { EngineInputError } from '../core/errors';

/**
 * Solve M x = b in place. `a` is the k × k matrix in row-major order and is
 * overwritten by its LU factors; `b` is overwritten by the solution, which is
 * also returned. Throws 'no-convergence' when a pivot is below `singularTol`
 * times the largest entry of M (the system is singular to working precision).
 */
export function solveDenseInPlace(a: Float64Array, b: Float64Array, k: number, singularTol = 1e-13): Float64Array {
  let scale = 0;
  for (let i = 0; i < k * k; i++) scale = Math.max(scale, Math.abs(a[i]!));
  const tiny = singularTol * (scale || 1);
  for (let c = 0; c < k; c++) {
    let piv = c;
    let best = Math.abs(a[c * k + c]!);
    for (let r = c + 1; r < k; r++) {
      const v = Math.abs(a[r * k + c]!);
      if (v > best) {
        best = v;
        piv = r;
      }
    }
    if (best <= tiny) throw new EngineInputError('no-convergence', `linear system is singular (pivot ${best} in column ${c})`);
    if (piv !== c) {
      for (let j = 0; j < k; j++) {
        const t = a[c * k + j]!;
        a[c * k + j] = a[piv * k + j]!;
        a[piv * k + j] = t;
      }
      const t = b[c]!;
      b[c] = b[piv]!;
      b[piv] = t;
    }
    const d = a[c * k + c]!;
    for (let r = c + 1; r < k; r++) {
      const f = a[r * k + c]! / d;
      if (f === 0) continue;
      const ro = r * k;
      const co = c * k;
      for (let j = c + 1; j < k; j++) a[ro + j]! -= f * a[co + j]!;
      b[r]! -= f * b[c]!;
    }
  }
  for (let r = k - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let j = r + 1; j < k; j++) s -= a[r * k + j]! * b[j]!;
    b[r] = s / a[r * k + r]!;
  }
  return b;
}

/** Convenience wrapper for tests and small examples: solve M x = b for number[][] M. */
export function solveLinearSystem(m: number[][], b: number[]): number[] {
  const k = m.length;
  if (b.length !== k) throw new EngineInputError('invalid-shape', `right-hand side has ${b.length} entries, matrix has ${k} rows`, 'b');
  const a = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const row = m[i]!;
    if (row.length !== k) throw new EngineInputError('invalid-shape', `matrix must be square (row ${i} has ${row.length} entries)`, 'm');
    for (let j = 0; j < k; j++) a[i * k + j] = row[j]!;
  }
  return Array.from(solveDenseInPlace(a, Float64Array.from(b), k));
}
