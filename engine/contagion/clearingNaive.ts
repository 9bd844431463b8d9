/**
 * The plain reference for the clearing vector: Picard (Jacobi) iteration of
 * the clearing map from p = p̄ downward,
 *     p ← Φ(p),   Φ_i(p) = p̄_i if e_i + Σ_j Π_ji p_j ≥ p̄_i, else α e_i + β Σ_j Π_ji p_j,
 * on dense arrays. Φ is monotone, so the iterates fall monotonically to the
 * greatest clearing vector (Eisenberg & Noe 2001, Management Science
 * 47(2):236–249, §2 and Lemma 4; Rogers & Veraart 2013, Management Science
 * 59(4):882–898, §3). It converges only geometrically, which is why the book's
 * `clearingVector` uses the fictitious default algorithm instead; this version
 * exists as an independent check in tests and as the baseline in benchmarks.
 * Pari-passu external creditors only.
 *
 * Termination: stops when no payment changes by more than tolerance × max p̄
 * (default 1e-14) or after `maxIterations` (default 100,000) iterations.
 */
import { requireInRange } from '../core/errors';
import { requireSquareNonNegative, requireVector } from './network';
import { CLEARING_TIE_TOLERANCE } from './eisenbergNoe';

/** Greatest clearing vector by plain Picard iteration from p̄ (reference implementation; see the module comment). */
export function clearingVectorNaive(x: {
  liabilities: number[][];
  externalAssets: number[];
  externalLiabilities?: number[];
  recovery?: { alpha: number; beta: number };
  tolerance?: number;
  maxIterations?: number;
}): { payments: number[]; defaulted: boolean[]; iterations: number; converged: boolean } {
  const L = x.liabilities;
  const n = requireSquareNonNegative(L, 'liabilities', true);
  const e = requireVector(x.externalAssets, n, 'externalAssets');
  const ext = x.externalLiabilities ? requireVector(x.externalLiabilities, n, 'externalLiabilities') : new Float64Array(n);
  const alpha = x.recovery ? requireInRange(x.recovery.alpha, 0, 1, 'recovery.alpha') : 1;
  const beta = x.recovery ? requireInRange(x.recovery.beta, 0, 1, 'recovery.beta') : 1;
  const tol = x.tolerance ?? 1e-14;
  const maxIt = x.maxIterations ?? 100000;
  const tie = CLEARING_TIE_TOLERANCE; // local copy: module bindings are slow in hot loops under the test runner
  const pbar = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = ext[i]!;
    for (let j = 0; j < n; j++) s += L[i]![j]!;
    pbar[i] = s;
  }
  // Pi[j*n+i] = L_ji / p̄_j, stored so that column i of Π is contiguous in i's row of PiT.
  const PiT = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) PiT[i * n + j] = pbar[j]! > 0 ? L[j]![i]! / pbar[j]! : 0;
  let p = Float64Array.from(pbar);
  let next = new Float64Array(n);
  const scale = Math.max(...pbar, 0);
  const defaulted = new Array<boolean>(n).fill(false);
  let it = 0;
  let converged = false;
  while (it < maxIt) {
    it++;
    let change = 0;
    for (let i = 0; i < n; i++) {
      let inc = 0;
      for (let j = 0; j < n; j++) inc += PiT[i * n + j]! * p[j]!;
      const short = pbar[i]! - (e[i]! + inc) > tie * pbar[i]!;
      defaulted[i] = short;
      const v = short ? alpha * e[i]! + beta * inc : pbar[i]!;
      next[i] = v;
      change = Math.max(change, Math.abs(v - p[i]!));
    }
    [p, next] = [next, p];
    if (change <= tol * scale) {
      converged = true;
      break;
    }
  }
  return { payments: Array.from(p), defaulted, iterations: it, converged };
}
