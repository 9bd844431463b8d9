/**
 * Clearing payments in an interbank network: Eisenberg–Noe with optional
 * Rogers–Veraart default costs and optional seniority of external creditors.
 *
 * Sources.
 * - Eisenberg, L. & Noe, T. H. (2001), "Systemic risk in financial systems",
 *   Management Science 47(2):236–249. Clearing vector (§2):
 *       p_i = min{ p̄_i, e_i + Σ_j Π_ji p_j },   Π_ij = L_ij / p̄_i,
 *   and the fictitious default algorithm (§3), at most n rounds.
 * - Rogers, L. C. G. & Veraart, L. A. M. (2013), "Failure and rescue in an
 *   interbank network", Management Science 59(4):882–898. A defaulting bank
 *   realises α of its external assets and β of its interbank receivables:
 *       p_i = p̄_i                      if e_i + Σ_j Π_ji p_j ≥ p̄_i,
 *       p_i = α e_i + β Σ_j Π_ji p_j    otherwise,
 *   and the greatest clearing vector is found by their Greatest Clearing
 *   Vector Algorithm (Definition 3.6), which has the same structure as the
 *   fictitious default algorithm. α = β = 1 is Eisenberg–Noe.
 * (Formulas as recorded in models.md §2, [V-src]/[V-run].)
 *
 * Conventions (models.md, "Conventions the engine adopts", binding):
 * - `liabilities[i][j]` is what bank i owes bank j; `externalAssets[i]` = e_i;
 *   `externalLiabilities[i]` = ℓ_i (default 0).
 * - 'pari-passu' (default): external creditors rank with interbank creditors,
 *   p̄_i = Σ_j L_ij + ℓ_i and Π divides by that total (as R
 *   `systemicrisk::default_clearing`, models.md §2.2). `payments` are totals,
 *   external creditors included.
 * - 'senior': a bank pays its external creditors first, then its interbank
 *   creditors pro rata with what is left: interbank payments
 *   q_i = min{ L̄_i, max(0, v_i − ℓ_i) } with v_i the realisable value. This
 *   is Eisenberg–Noe on interbank debts with operating cash flow e_i − ℓ_i.
 *   `payments` are still totals (external + interbank).
 * - The greatest clearing vector is returned. A bank defaults when its assets
 *   at the clearing vector, e_i + Σ_j Π_ji p_j, fall short of p̄_i by more than
 *   a relative 1e-11 (`CLEARING_TIE_TOLERANCE`); inside that band it is solvent
 *   and pays in full, which is the greatest-vector choice at a tie.
 * - Equity E_i = e_i + Σ_j Π_ji p_j − p_i for solvent banks and 0 for
 *   defaulters (limited liability: shareholders of a defaulter get nothing;
 *   the shortfall falls on creditors). With default costs the realised value
 *   lost by defaulters, (1 − α) e_i + (1 − β) Σ_j Π_ji p_j, is reported in
 *   `defaultCosts`, so that Σ e = Σ E + Σ externalPayments + Σ defaultCosts.
 *
 * Algorithm and termination. State: interbank payments q, starting at the
 * interbank obligations L̄ (p = p̄). Each round finds the banks whose assets
 * fall short of their obligations; they join the default set D (D only grows,
 * because payments only fall). The payments of D then solve the affine system
 *     q_i = c_i + g_i Σ_j W_ji q_j   (i ∈ D),  q_j = L̄_j (j ∉ D),
 * with W_ji = L_ji / L̄_j (pari passu: c_i = s_i α e_i, g_i = s_i β with
 * s_i = L̄_i / p̄_i; senior: c_i = α e_i − ℓ_i, g_i = β, projected on q ≥ 0).
 * The loop stops when no new bank defaults, so there are at most n rounds
 * with a solve plus one final check. Each solve is either
 * - direct (Gaussian elimination with partial pivoting on the |D| × |D|
 *   system; for the senior projection, Chandrasekaran's algorithm for
 *   M-matrix complementarity problems, at most |D| eliminations), exact up to
 *   rounding; or
 * - iterative: projected Gauss–Seidel sweeps started from the previous
 *   payments, which are a supersolution, so the payments fall monotonically
 *   to the greatest solution (the matrix I − diag(g) W_DDᵀ is an M-matrix).
 *   A solve stops when the largest fall in a sweep, δ_k, is at most
 *   tolerance × max p̄ (default tolerance 1e-13) and so is the geometric tail
 *   estimate δ_k·r/(1 − r), r = δ_k/δ_{k−1} (the true error is at most
 *   δ_k·ρ/(1 − ρ), ρ the spectral radius of diag(g) W_DDᵀ), or after
 *   `maxSweeps` sweeps. If the cap is hit on a set of at most 2,000 banks the
 *   direct solve is used instead; otherwise `converged` is false and the
 *   payments are an upper bound on the clearing vector.
 * 'auto' (the default for `clearingVector`) solves directly when |D| ≤ 200
 * and iteratively above, which keeps a dense 1,000-bank network inside the
 * interactive budget (a direct 1,000 × 1,000 solve costs about 0.7 s in JS).
 * `rounds` counts the rounds of this algorithm whichever solver is used: the
 * waves of default that Eisenberg & Noe read as a measure of systemic risk.
 * Dense input (≤ 2,048 banks, ≥ 25 % nonzeros) is stored as a dense matrix,
 * sparser input as compressed rows; the results are the same.
 */
import { EngineInputError, requireInRange } from '../core/errors';
import { defineParams, type ParamValues } from '../core/params';
import { solveDenseInPlace } from './linearSolve';
import { requireNetwork, requireSquareNonNegative, requireVector, type WeightedNetwork } from './network';

/** Relative band inside which a bank whose assets equal its obligations counts as solvent. */
export const CLEARING_TIE_TOLERANCE = 1e-11;

/** Default set sizes up to this are solved directly in 'auto' mode. */
const DIRECT_MAX = 200;
/** Dense input up to this size with ≥ 25 % nonzeros uses the dense backend (n² doubles). */
const DENSE_BACKEND_MAX = 2048;
/** Largest default set whose compacted system may be stored densely for the iterative solve (k² doubles). */
const DENSE_COMPACT_MAX = 2000;
/** Largest default set for which a stalled iterative solve falls back to the direct one. */
const DIRECT_FALLBACK_MAX = 2000;

/** Rank of external creditors relative to interbank creditors (models.md Conventions). */
export type ExternalSeniority = 'pari-passu' | 'senior';
/** Solver for each round of the fictitious default algorithm (see the module comment). */
export type ClearingMethod = 'auto' | 'direct' | 'iterative';

/** Options shared by the dense and sparse clearing functions. */
export interface ClearingOptions {
  /** Rank of external creditors (default 'pari-passu'). */
  externalSeniority?: ExternalSeniority;
  /** Rogers–Veraart recovery rates: α on external assets, β on interbank receivables (default 1, 1 = Eisenberg–Noe). */
  recovery?: { alpha: number; beta: number };
  /** How to solve each round's linear system (default 'auto' for dense input, 'iterative' for sparse input). */
  method?: ClearingMethod;
  /** Stopping tolerance of the iterative solve, relative to the largest obligation (default 1e-13). */
  tolerance?: number;
  /** Sweep cap per iterative solve (default 10,000). */
  maxSweeps?: number;
  /**
   * Also return the state after every round of the fictitious default
   * algorithm (`clearingVector` only; for figures that replay the waves of
   * default). Costs one copy of the payments per round.
   */
  trace?: boolean;
}

/** State of the fictitious default algorithm after one round (entry 0: before anyone defaults). */
export interface ClearingRound {
  /** Banks in the default set so far. */
  defaulted: boolean[];
  /** Total payments with the default set fixed (defaulters pay α e + β × income, the others p̄). */
  payments: number[];
  /** Equity at these payments (0 for defaulters and for banks whose assets fall short but have not yet been added). */
  equity: number[];
}

/** Dense input (the API contract). `liabilities[i][j]` = what i owes j. */
export interface ClearingInput extends ClearingOptions {
  liabilities: number[][];
  externalAssets: number[];
  externalLiabilities?: number[];
}

/** Sparse input: `network` edge i → j carries what i owes j (duplicate edges add up). */
export interface SparseClearingInput extends ClearingOptions {
  network: WeightedNetwork;
  externalAssets: ArrayLike<number>;
  externalLiabilities?: ArrayLike<number>;
}

/** Greatest clearing vector and the balance sheets it implies (plain arrays, as in the API contract). */
export interface ClearingResult {
  /** Total payment of each bank (interbank + external) at the greatest clearing vector. */
  payments: number[];
  /** True when a bank cannot pay its obligations in full. */
  defaulted: boolean[];
  /** Equity E_i = e_i + Σ_j Π_ji p_j − p_i for solvent banks, 0 for defaulters. */
  equity: number[];
  /** Fictitious-default rounds: how many times the default set grew (0 when nobody defaults). */
  rounds: number;
  /** Total obligations p̄_i = Σ_j L_ij + ℓ_i. */
  obligations: number[];
  /** Payments to other banks, q_i. */
  interbankPayments: number[];
  /** Payments to external creditors. */
  externalPayments: number[];
  /** Value destroyed at each defaulter, (1 − α) e_i + (1 − β) Σ_j Π_ji p_j (0 when α = β = 1). */
  defaultCosts: number[];
  /** Σ defaultCosts: the money lost to the system (Σ e = Σ E + Σ external payments + valueLost). */
  valueLost: number;
  /** Gauss–Seidel sweeps used in total (0 when every solve was direct). */
  sweeps: number;
  /** False only if an iterative solve hit its sweep cap on a large default set. */
  converged: boolean;
  /** With `trace: true`: the state after each round, entry 0 before any default, the last equal to the result. */
  trace?: ClearingRound[];
}

/** The same result with typed arrays, for large networks. */
export interface SparseClearingResult {
  payments: Float64Array;
  defaulted: Uint8Array;
  equity: Float64Array;
  rounds: number;
  obligations: Float64Array;
  interbankPayments: Float64Array;
  externalPayments: Float64Array;
  defaultCosts: Float64Array;
  valueLost: number;
  sweeps: number;
  converged: boolean;
}

/** Parameters of the clearing model that a widget lets readers change. */
export const clearingParams = defineParams({
  alpha: {
    label: 'Recovery on external assets',
    symbol: '\\alpha',
    unit: '%',
    display: 'percent',
    min: 0,
    max: 1,
    step: 0.01,
    default: 1,
    description: 'Share of its external assets a defaulting bank realises (Rogers–Veraart; 100 % = Eisenberg–Noe).',
  },
  beta: {
    label: 'Recovery on interbank claims',
    symbol: '\\beta',
    unit: '%',
    display: 'percent',
    min: 0,
    max: 1,
    step: 0.01,
    default: 1,
    description: 'Share of its interbank receivables a defaulting bank realises (Rogers–Veraart; 100 % = Eisenberg–Noe).',
  },
  externalSeniority: {
    kind: 'choice',
    label: 'External creditors',
    description: 'Whether depositors and other external creditors rank with banks or are paid first.',
    options: [
      { value: 'pari-passu', label: 'Pari passu with banks' },
      { value: 'senior', label: 'Senior to banks' },
    ],
    default: 'pari-passu',
  },
});
/** Values of `clearingParams`. */
export type ClearingParams = ParamValues<typeof clearingParams>;

/**
 * Internal problem: for each creditor i, its debtors j and W_ji = L_ji / L̄_j,
 * either as "incoming" CSR (inOffsets/inSources/inWeights) or, for dense
 * input, as a dense creditor-major matrix WT with WT[i·n + j] = W_ji
 * (contiguous rows, no index loads: about twice as fast on dense networks).
 */
interface Problem {
  n: number;
  inOffsets: Int32Array;
  inSources: Int32Array;
  inWeights: Float64Array;
  WT: Float64Array | null;
  e: Float64Array;
  ext: Float64Array;
  lbar: Float64Array;
  pbar: Float64Array;
  alpha: number;
  beta: number;
  senior: boolean;
}

function readOptions(x: ClearingOptions): { alpha: number; beta: number; senior: boolean } {
  const sen = x.externalSeniority ?? 'pari-passu';
  if (sen !== 'pari-passu' && sen !== 'senior') {
    throw new EngineInputError('invalid-parameter', `externalSeniority must be 'pari-passu' or 'senior' (got ${String(sen)})`, 'externalSeniority');
  }
  let alpha = 1;
  let beta = 1;
  if (x.recovery !== undefined) {
    alpha = requireInRange(x.recovery.alpha, 0, 1, 'recovery.alpha');
    beta = requireInRange(x.recovery.beta, 0, 1, 'recovery.beta');
  }
  return { alpha, beta, senior: sen === 'senior' };
}

function buildDense(x: ClearingInput): Problem {
  if (!x || typeof x !== 'object') throw new EngineInputError('invalid-parameter', 'clearingVector needs {liabilities, externalAssets}');
  const L = x.liabilities;
  if (!Array.isArray(L)) throw new EngineInputError('invalid-shape', 'liabilities must be an array of rows', 'liabilities');
  const n = L.length;
  const lbar = new Float64Array(n);
  const inCount = new Int32Array(n + 1);
  // One pass validates and counts: any entry that is not a finite number ≥ 0, a bad row or a nonzero
  // diagonal sends us to the slow validator, which throws the precise error.
  let bad = false;
  for (let j = 0; j < n && !bad; j++) {
    const row: unknown = L[j];
    if (!Array.isArray(row) || row.length !== n || row[j] !== 0) {
      bad = true;
      break;
    }
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v: unknown = row[i];
      if (typeof v !== 'number' || !(v >= 0) || v === Infinity) {
        bad = true;
        break;
      }
      if (v > 0) {
        s += v;
        inCount[i + 1]!++;
      }
    }
    lbar[j] = s;
  }
  if (bad) requireSquareNonNegative(L, 'liabilities', true);
  const e = requireVector(x.externalAssets, n, 'externalAssets');
  const ext = x.externalLiabilities === undefined ? new Float64Array(n) : requireVector(x.externalLiabilities, n, 'externalLiabilities');
  const opts = readOptions(x);
  for (let i = 0; i < n; i++) inCount[i + 1]! += inCount[i]!;
  const pbar = new Float64Array(n);
  for (let i = 0; i < n; i++) pbar[i] = lbar[i]! + ext[i]!;
  // Reciprocals speed up the row scaling; a subnormal total (1e-310) has no finite reciprocal,
  // so those rows divide instead (otherwise 0·∞ would put NaN into the weights).
  const inv = Float64Array.from(lbar, (l) => (l > 0 ? 1 / l : 0));
  const divide = Uint8Array.from(lbar, (l) => (l > 0 && !Number.isFinite(1 / l) ? 1 : 0));
  const m = inCount[n]!;
  // Blocked transposes: 64 creditors at a time, so the writes stay within a few cache lines per row.
  const B = 64;
  if (n <= DENSE_BACKEND_MAX && m >= 0.25 * n * n) {
    const WT = new Float64Array(n * n);
    for (let i0 = 0; i0 < n; i0 += B) {
      const i1 = Math.min(n, i0 + B);
      for (let j = 0; j < n; j++) {
        const row = L[j]!;
        const w = inv[j]!;
        if (divide[j]) for (let i = i0; i < i1; i++) WT[i * n + j] = row[i]! / lbar[j]!;
        else for (let i = i0; i < i1; i++) WT[i * n + j] = row[i]! * w;
      }
    }
    return { n, inOffsets: new Int32Array(n + 1), inSources: new Int32Array(0), inWeights: new Float64Array(0), WT, e, ext, lbar, pbar, ...opts };
  }
  const inOffsets = inCount;
  const fill = inOffsets.slice(0, n);
  const inSources = new Int32Array(m);
  const inWeights = new Float64Array(m);
  for (let i0 = 0; i0 < n; i0 += B) {
    const i1 = Math.min(n, i0 + B);
    for (let j = 0; j < n; j++) {
      const row = L[j]!;
      const w = inv[j]!;
      for (let i = i0; i < i1; i++) {
        const v = row[i]!;
        if (v > 0) {
          const k = fill[i]!++;
          inSources[k] = j;
          inWeights[k] = divide[j] ? v / lbar[j]! : v * w;
        }
      }
    }
  }
  return { n, inOffsets, inSources, inWeights, WT: null, e, ext, lbar, pbar, ...opts };
}

function buildSparse(x: SparseClearingInput): Problem {
  if (!x || typeof x !== 'object') throw new EngineInputError('invalid-parameter', 'clearingVectorSparse needs {network, externalAssets}');
  const net = x.network;
  requireNetwork(net, 'network');
  const { n } = net;
  const m = net.targets.length;
  if (!(net.weights instanceof Float64Array) || net.weights.length !== m) {
    throw new EngineInputError('invalid-shape', `network.weights must be a Float64Array with one amount per edge (${m})`, 'network');
  }
  const e = requireVector(x.externalAssets, n, 'externalAssets');
  const ext = x.externalLiabilities === undefined ? new Float64Array(n) : requireVector(x.externalLiabilities, n, 'externalLiabilities');
  const opts = readOptions(x);
  const lbar = new Float64Array(n);
  const inOffsets = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = net.offsets[j]!; k < net.offsets[j + 1]!; k++) {
      const w = net.weights[k]!;
      if (!Number.isFinite(w)) throw new EngineInputError('not-finite', `network.weights[${k}] must be finite (got ${w})`, 'network');
      if (w < 0) throw new EngineInputError('out-of-range', `network.weights[${k}] must be ≥ 0 (got ${w})`, 'network');
      if (w > 0) {
        s += w;
        inOffsets[net.targets[k]! + 1]!++;
      }
    }
    lbar[j] = s;
  }
  for (let i = 0; i < n; i++) inOffsets[i + 1]! += inOffsets[i]!;
  const fill = inOffsets.slice(0, n);
  const inSources = new Int32Array(inOffsets[n]!);
  const inWeights = new Float64Array(inOffsets[n]!);
  for (let j = 0; j < n; j++) {
    const lb = lbar[j]!;
    for (let k = net.offsets[j]!; k < net.offsets[j + 1]!; k++) {
      const w = net.weights[k]!;
      if (w > 0) {
        const slot = fill[net.targets[k]!]!++;
        inSources[slot] = j;
        inWeights[slot] = w / lb;
      }
    }
  }
  const pbar = new Float64Array(n);
  for (let i = 0; i < n; i++) pbar[i] = lbar[i]! + ext[i]!;
  return { n, inOffsets, inSources, inWeights, WT: null, e, ext, lbar, pbar, ...opts };
}

interface Solved {
  q: Float64Array;
  income: Float64Array;
  inD: Uint8Array;
  rounds: number;
  sweeps: number;
  converged: boolean;
}

function incomeOf(P: Problem, q: Float64Array, i: number): number {
  let s = 0;
  const WT = P.WT;
  if (WT) {
    const n = P.n;
    const o = i * n;
    for (let j = 0; j < n; j++) s += WT[o + j]! * q[j]!;
  } else {
    for (let k = P.inOffsets[i]!; k < P.inOffsets[i + 1]!; k++) s += P.inWeights[k]! * q[P.inSources[k]!]!;
  }
  return s;
}

/**
 * Visit the debtors j of creditor i with W_ji > 0: visit(j, W_ji).
 * (Used where a row is assembled once per round, not in the sweep loops.)
 */
function forDebtors(P: Problem, i: number, visit: (j: number, w: number) => void): void {
  const WT = P.WT;
  if (WT) {
    const o = i * P.n;
    for (let j = 0; j < P.n; j++) {
      const w = WT[o + j]!;
      if (w !== 0) visit(j, w);
    }
  } else {
    for (let k = P.inOffsets[i]!; k < P.inOffsets[i + 1]!; k++) visit(P.inSources[k]!, P.inWeights[k]!);
  }
}

/** Affine coefficients of a defaulted bank: q_i = proj(c_i + g_i · income_i). */
function coefficients(P: Problem): { c: Float64Array; g: Float64Array } {
  const c = new Float64Array(P.n);
  const g = new Float64Array(P.n);
  for (let i = 0; i < P.n; i++) {
    if (P.senior) {
      c[i] = P.alpha * P.e[i]! - P.ext[i]!;
      g[i] = P.beta;
    } else {
      const s = P.pbar[i]! > 0 ? P.lbar[i]! / P.pbar[i]! : 0;
      c[i] = s * P.alpha * P.e[i]!;
      g[i] = s * P.beta;
    }
  }
  return { c, g };
}

/**
 * Direct solve on the default set `D` (list of banks). Pari passu: one
 * Gaussian elimination on all of D. Senior: the projected system
 * q = max(0, c + G Wᵀ q) is a linear complementarity problem with an M-matrix,
 * solved by Chandrasekaran's (1970) algorithm ("A special case of the
 * complementary pivot problem", Opsearch 7:263–268): start with every bank of D
 * paying 0, let the banks whose value c_i + g_i·income_i is positive pay, solve
 * for them, and repeat; the set of paying banks only grows, so at most |D|
 * eliminations. Returns false if a system is singular to working precision.
 */
function solveDirect(P: Problem, q: Float64Array, D: Int32Array, c: Float64Array, g: Float64Array): boolean {
  const x = new Float64Array(P.n);
  x.set(q);
  const paying = new Uint8Array(P.n);
  for (const i of D) {
    x[i] = 0;
    if (!P.senior) paying[i] = 1;
  }
  const pos = new Int32Array(P.n).fill(-1);
  // Bounded: every pass but the last adds at least one bank to `paying` (≤ |D| + 1 passes).
  for (let pass = 0; pass <= D.length; pass++) {
    let grew = false;
    for (const i of D) {
      if (!paying[i] && c[i]! + g[i]! * incomeOf(P, x, i) > 0) {
        paying[i] = 1;
        grew = true;
      }
    }
    if (pass > 0 && !grew) break;
    const U: number[] = [];
    for (const i of D) if (paying[i]) U.push(i);
    const k = U.length;
    if (k === 0) break;
    for (let r = 0; r < k; r++) pos[U[r]!] = r;
    const a = new Float64Array(k * k);
    const b = new Float64Array(k);
    for (let r = 0; r < k; r++) {
      const i = U[r]!;
      a[r * k + r] = 1;
      let rhs = c[i]!;
      const gi = g[i]!;
      const ro = r * k;
      forDebtors(P, i, (j, wji) => {
        const col = pos[j]!;
        if (col >= 0) a[ro + col]! -= gi * wji;
        else rhs += gi * wji * x[j]!; // solvent (pays L̄_j) or not paying (0)
      });
      b[r] = rhs;
    }
    for (let r = 0; r < k; r++) pos[U[r]!] = -1;
    try {
      solveDenseInPlace(a, b, k);
    } catch {
      return false;
    }
    // Rounding can leave −1e-17 where the exact value is 0.
    for (let r = 0; r < k; r++) x[U[r]!] = Math.max(0, b[r]!);
  }
  // The exact solution lies below the previous (super)solution; min() only removes rounding noise.
  for (const i of D) q[i] = Math.min(q[i]!, x[i]!);
  return true;
}

/**
 * Projected Gauss–Seidel on the default set, from above. The system is first
 * compacted: payments of banks outside D are constants (L̄_j), so each row
 * keeps only its debtors inside D, in local indices, plus a constant term.
 * Returns sweeps used and whether the tolerance was met.
 */
function solveIterative(P: Problem, q: Float64Array, D: Int32Array, c: Float64Array, g: Float64Array, tol: number, maxSweeps: number): { sweeps: number; converged: boolean } {
  let scale = 0;
  for (let i = 0; i < P.n; i++) scale = Math.max(scale, P.pbar[i]!);
  const stop = tol * scale;
  const { senior } = P;
  const k = D.length;
  const local = new Int32Array(P.n).fill(-1);
  for (let r = 0; r < k; r++) local[D[r]!] = r;
  // Compact system: x_r = proj(b_r + Σ_s A_rs x_s), A_rs = g_i W_ji for debtors j = D[s] of creditor i = D[r];
  // debtors outside D pay constants (L̄_j), folded into b_r. Stored densely (k × k, contiguous rows, no index
  // loads) when mostly full, otherwise as CSR (off/col/val).
  const b = new Float64Array(k);
  const x = new Float64Array(k);
  let A: Float64Array | null = null;
  const off = new Int32Array(k + 1);
  let col = new Int32Array(0);
  let val = new Float64Array(0);
  let nnz = 0;
  for (let r = 0; r < k; r++) {
    const i = D[r]!;
    if (P.WT) nnz += k;
    else for (let e = P.inOffsets[i]!; e < P.inOffsets[i + 1]!; e++) if (local[P.inSources[e]!]! >= 0) nnz++;
    off[r + 1] = nnz;
  }
  if (k <= DENSE_COMPACT_MAX && nnz > 0.5 * k * k) {
    const Ad = new Float64Array(k * k);
    A = Ad;
    const WT = P.WT;
    for (let r = 0; r < k; r++) {
      const i = D[r]!;
      const gi = g[i]!;
      const ro = r * k;
      let rhs = c[i]!;
      if (WT) {
        const o = i * P.n;
        for (let j = 0; j < P.n; j++) {
          const l = local[j]!;
          const w = gi * WT[o + j]!;
          if (l >= 0) Ad[ro + l] = w;
          else rhs += w * q[j]!;
        }
      } else {
        forDebtors(P, i, (j, wji) => {
          const l = local[j]!;
          if (l >= 0) Ad[ro + l]! += gi * wji;
          else rhs += gi * wji * q[j]!;
        });
      }
      b[r] = rhs;
      x[r] = q[i]!;
    }
  } else {
    col = new Int32Array(nnz);
    val = new Float64Array(nnz);
    let t = 0;
    for (let r = 0; r < k; r++) {
      const i = D[r]!;
      const gi = g[i]!;
      let rhs = c[i]!;
      forDebtors(P, i, (j, wji) => {
        const l = local[j]!;
        if (l >= 0) {
          col[t] = l;
          val[t++] = gi * wji;
        } else rhs += gi * wji * q[j]!;
      });
      b[r] = rhs;
      x[r] = q[i]!;
    }
  }
  let prev = Infinity;
  let sweeps = maxSweeps;
  let converged = false;
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let change = 0;
    for (let r = 0; r < k; r++) {
      let v = b[r]!;
      if (A) {
        const ro = r * k;
        for (let s = 0; s < k; s++) v += A[ro + s]! * x[s]!;
      } else {
        for (let t = off[r]!; t < off[r + 1]!; t++) v += val[t]! * x[col[t]!]!;
      }
      if (senior && v < 0) v = 0;
      const old = x[r]!;
      // Monotone from above: never raise a payment (guards against rounding noise).
      if (v < old) {
        x[r] = v;
        if (old - v > change) change = old - v;
      }
    }
    if (change === 0) {
      sweeps = sweep;
      converged = true;
      break;
    }
    // Remaining error ≈ change·r/(1 − r), r = change/prev the observed contraction (geometric tail).
    const ratio = change / prev;
    if (change <= stop && ratio < 1 && (change * ratio) / (1 - ratio) <= stop) {
      sweeps = sweep;
      converged = true;
      break;
    }
    prev = change;
  }
  for (let r = 0; r < k; r++) q[D[r]!] = x[r]!;
  return { sweeps, converged };
}

function solve(P: Problem, method: ClearingMethod, tol: number, maxSweeps: number, onRound?: (s: Solved) => void): Solved {
  const { n } = P;
  const q = Float64Array.from(P.lbar);
  const inD = new Uint8Array(n);
  const income = new Float64Array(n);
  const { c, g } = coefficients(P);
  let Dsize = 0;
  let rounds = 0;
  let sweeps = 0;
  let converged = true;
  // Snapshot of the current round for `trace` (round 0: everybody still pays in full).
  const snapshot = (): void => {
    if (!onRound) return;
    const inc = new Float64Array(n);
    for (let i = 0; i < n; i++) inc[i] = incomeOf(P, q, i);
    onRound({ q: Float64Array.from(q), income: inc, inD: Uint8Array.from(inD), rounds, sweeps, converged });
  };
  snapshot();
  // At most n + 1 passes: every pass except the last adds at least one bank to D.
  for (let pass = 0; pass <= n; pass++) {
    let added = 0;
    for (let i = 0; i < n; i++) {
      const inc = incomeOf(P, q, i);
      income[i] = inc;
      if (!inD[i] && P.pbar[i]! - (P.e[i]! + inc) > CLEARING_TIE_TOLERANCE * P.pbar[i]!) {
        inD[i] = 1;
        added++;
      }
    }
    if (added === 0) break;
    rounds++;
    Dsize += added;
    const D = new Int32Array(Dsize);
    for (let i = 0, k = 0; i < n; i++) if (inD[i]) D[k++] = i;
    const direct = method === 'direct' || (method === 'auto' && Dsize <= DIRECT_MAX);
    let done = false;
    if (direct) done = solveDirect(P, q, D, c, g);
    if (!done) {
      const r = solveIterative(P, q, D, c, g, tol, maxSweeps);
      sweeps += r.sweeps;
      if (!r.converged) {
        if (Dsize <= DIRECT_FALLBACK_MAX && !direct && solveDirect(P, q, D, c, g)) {
          /* exact fallback succeeded */
        } else converged = false;
      }
    }
    snapshot();
  }
  for (let i = 0; i < n; i++) income[i] = incomeOf(P, q, i);
  return { q, income, inD, rounds, sweeps, converged };
}

function assemble(P: Problem, s: Solved): SparseClearingResult {
  const { n } = P;
  const payments = new Float64Array(n);
  const equity = new Float64Array(n);
  const interbankPayments = new Float64Array(n);
  const externalPayments = new Float64Array(n);
  const defaultCosts = new Float64Array(n);
  const defaulted = new Uint8Array(n);
  let valueLost = 0;
  for (let i = 0; i < n; i++) {
    const inc = s.income[i]!;
    const assets = P.e[i]! + inc;
    if (s.inD[i]) {
      defaulted[i] = 1;
      const v = P.alpha * P.e[i]! + P.beta * inc;
      payments[i] = v;
      // Pari passu: the interbank share is s_i·v; senior: what is left after external creditors.
      const q = P.senior ? Math.min(P.lbar[i]!, Math.max(0, v - P.ext[i]!)) : P.pbar[i]! > 0 ? (v * P.lbar[i]!) / P.pbar[i]! : 0;
      interbankPayments[i] = q;
      externalPayments[i] = v - q;
      defaultCosts[i] = assets - v;
      valueLost += assets - v;
    } else {
      payments[i] = P.pbar[i]!;
      interbankPayments[i] = P.lbar[i]!;
      externalPayments[i] = P.ext[i]!;
      equity[i] = Math.max(0, assets - P.pbar[i]!);
    }
  }
  return {
    payments,
    defaulted,
    equity,
    rounds: s.rounds,
    obligations: Float64Array.from(P.pbar),
    interbankPayments,
    externalPayments,
    defaultCosts,
    valueLost,
    sweeps: s.sweeps,
    converged: s.converged,
  };
}

function readSolver(x: ClearingOptions, fallback: ClearingMethod): { method: ClearingMethod; tol: number; maxSweeps: number } {
  const method = x.method ?? fallback;
  if (method !== 'auto' && method !== 'direct' && method !== 'iterative') {
    throw new EngineInputError('invalid-parameter', `method must be 'auto', 'direct' or 'iterative' (got ${String(method)})`, 'method');
  }
  const tol = x.tolerance === undefined ? 1e-13 : requireInRange(x.tolerance, 0, 1e-3, 'tolerance');
  const maxSweeps = x.maxSweeps === undefined ? 10000 : requireInRange(x.maxSweeps, 1, 1e7, 'maxSweeps');
  return { method, tol, maxSweeps: Math.floor(maxSweeps) };
}

/**
 * Greatest clearing vector of a dense liability matrix (Eisenberg–Noe 2001 §3,
 * fictitious default algorithm; Rogers–Veraart 2013 Definition 3.6 when
 * `recovery` is given). See the module comment for conventions and bounds.
 *
 * @throws EngineInputError for a non-square, negative or non-finite matrix, a
 *   nonzero diagonal (self-loop), vectors of the wrong length, negative
 *   external assets or liabilities, or recovery rates outside [0, 1].
 */
export function clearingVector(x: ClearingInput): ClearingResult {
  const P = buildDense(x);
  const { method, tol, maxSweeps } = readSolver(x, 'auto');
  const trace: ClearingRound[] | undefined = x.trace ? [] : undefined;
  const onRound = trace
    ? (s: Solved) => {
        const a = assemble(P, s);
        trace.push({ defaulted: Array.from(a.defaulted, (d) => d === 1), payments: Array.from(a.payments), equity: Array.from(a.equity) });
      }
    : undefined;
  const r = assemble(P, solve(P, method, tol, maxSweeps, onRound));
  return {
    ...(trace ? { trace } : {}),
    payments: Array.from(r.payments),
    defaulted: Array.from(r.defaulted, (d) => d === 1),
    equity: Array.from(r.equity),
    rounds: r.rounds,
    obligations: Array.from(r.obligations),
    interbankPayments: Array.from(r.interbankPayments),
    externalPayments: Array.from(r.externalPayments),
    defaultCosts: Array.from(r.defaultCosts),
    valueLost: r.valueLost,
    sweeps: r.sweeps,
    converged: r.converged,
  };
}

/**
 * Greatest clearing vector of a sparse liability network (edge i → j with
 * weight = what i owes j). Same model and conventions as `clearingVector`;
 * each round's system is solved by projected Gauss–Seidel by default
 * (`method: 'iterative'`), costing O(edges) per sweep.
 */
export function clearingVectorSparse(x: SparseClearingInput): SparseClearingResult {
  const P = buildSparse(x);
  const { method, tol, maxSweeps } = readSolver(x, 'iterative');
  return assemble(P, solve(P, method, tol, maxSweeps));
}
