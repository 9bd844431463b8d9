/**
 * Vulnerable banks: fire-sale spillovers from leverage targeting.
 *
 * Source: Greenwood, R., Landier, A. & Thesmar, D. (2015), "Vulnerable
 * banks", Journal of Financial Economics 115(3):471–485 (NBER w18537). The
 * formulas below are recorded in models.md §4.2 as [unverified] (from memory;
 * the NBER PDF was not in the store); this file implements that reading.
 *
 * N banks, K assets. a_n total assets, b_n leverage (debt / equity, so equity
 * e_n = a_n / (1 + b_n)), M (N × K) portfolio weights (rows sum to at most 1),
 * F (K) asset returns of the shock (negative = a fall), ℓ_k price impact per
 * dollar sold (return per dollar of net sales). With A = diag(a), B = diag(b),
 * L = diag(ℓ), E = Σ_n e_n:
 *   direct return of bank n        R = M F
 *   sales to restore leverage      φ = A B M F  (dollars; negative = sales)
 *   asset-level net trades         Mᵀ φ;   price change L Mᵀ A B M F
 *   aggregate vulnerability        AV  = 1ᵀ A M L Mᵀ A B M F / E
 *   systemicness of bank n         S_n = 1ᵀ A M L Mᵀ a_n b_n (m_n · F) δ_n / E
 *   indirect vulnerability of n    IV_n = δ_nᵀ A M L Mᵀ A B M F / e_n
 * Since Σ_n a_n b_n (m_n · F) δ_n = A B M F, Σ_n S_n = AV exactly.
 * Sign convention: the formulas are returns, so with a price fall (F < 0)
 * AV, S_n and IV_n are negative; −AV is the share of aggregate equity lost
 * through fire sales.
 */
import { EngineInputError } from '../core/errors';
import { defineParams, type ParamValues } from '../core/params';
import { requireVector } from './network';

/** Inputs of `vulnerableBanks` (N banks, K assets). */
export interface VulnerableBanksInput {
  /** a_n > 0, total assets of each bank. */
  assets: number[];
  /** b_n ≥ 0, debt / equity. */
  leverage: number[];
  /** M: weights[n][k] ≥ 0, share of bank n's assets in asset k (each row sums to ≤ 1). */
  weights: number[][];
  /** F: return of each asset in the shock (e.g. −0.1). */
  shock: number[];
  /** ℓ_k ≥ 0: price change per dollar of net sales of asset k. */
  priceImpact: number[];
}

/** Fire-sale exposures: aggregate vulnerability, systemicness and indirect vulnerability. */
export interface VulnerableBanksResult {
  /** e_n = a_n / (1 + b_n). */
  equity: number[];
  /** R_n = (M F)_n, the direct return on each bank's assets. */
  directReturn: number[];
  /** φ_n = a_n b_n R_n, dollar trades to restore leverage (negative = sales). */
  sales: number[];
  /** (Mᵀ φ)_k, net dollar trades in each asset. */
  assetSales: number[];
  /** (L Mᵀ φ)_k, fire-sale return of each asset. */
  priceChange: number[];
  /** AV (a return on aggregate equity; negative = loss). */
  aggregateVulnerability: number;
  /** S_n for each bank; Σ S_n = AV. */
  systemicness: number[];
  /** IV_n for each bank (a return on its own equity). */
  indirectVulnerability: number[];
  /** Σ_n a_n R_n / E: the direct loss of the shock as a return on aggregate equity. */
  directReturnOnEquity: number;
}

/** Scalar parameters a GLT widget lets readers change (bank data are inputs). */
export const vulnerableBanksParams = defineParams({
  shock: {
    label: 'Shock to the shocked asset',
    symbol: 'F',
    unit: '%',
    display: 'percent',
    min: -0.5,
    max: 0,
    step: 0.01,
    default: -0.1,
    description: 'Return of the asset hit by the initial shock.',
  },
  priceImpact: {
    label: 'Price impact per $bn sold',
    symbol: '\\ell',
    unit: '% per $bn',
    display: 'percent',
    min: 0,
    max: 0.01,
    step: 0.0001,
    default: 0.001,
    description: 'Fall in an asset’s price for each $bn of net sales (the same for every asset).',
  },
});
/** Values of `vulnerableBanksParams`. */
export type VulnerableBanksParams = ParamValues<typeof vulnerableBanksParams>;

/** Aggregate vulnerability, systemicness and indirect vulnerability (see the module comment). */
export function vulnerableBanks(p: VulnerableBanksInput): VulnerableBanksResult {
  if (!p || typeof p !== 'object') throw new EngineInputError('invalid-parameter', 'vulnerableBanks needs {assets, leverage, weights, shock, priceImpact}');
  if (!Array.isArray(p.assets)) throw new EngineInputError('invalid-shape', 'assets must be an array', 'assets');
  const N = p.assets.length;
  const a = requireVector(p.assets, N, 'assets');
  for (let n = 0; n < N; n++) if (!(a[n]! > 0)) throw new EngineInputError('out-of-range', `assets[${n}] must be positive (got ${a[n]})`, 'assets');
  const b = requireVector(p.leverage, N, 'leverage');
  if (!Array.isArray(p.shock)) throw new EngineInputError('invalid-shape', 'shock must be an array', 'shock');
  const K = p.shock.length;
  const F = requireVector(p.shock, K, 'shock', -Infinity, Infinity);
  const ell = requireVector(p.priceImpact, K, 'priceImpact');
  if (!Array.isArray(p.weights) || p.weights.length !== N) throw new EngineInputError('invalid-shape', `weights must have one row per bank (${N})`, 'weights');
  const M = p.weights.map((row, n) => {
    const r = requireVector(row, K, `weights[${n}]`);
    let s = 0;
    for (const w of r) s += w;
    if (s > 1 + 1e-9) throw new EngineInputError('out-of-range', `weights[${n}] sums to ${s}; portfolio weights must sum to at most 1`, 'weights');
    return r;
  });

  const equity = Array.from(a, (ai, n) => ai / (1 + b[n]!));
  let E = 0;
  for (const e of equity) E += e;
  const R = M.map((row) => row.reduce((s, w, k) => s + w * F[k]!, 0));
  const phi = R.map((r, n) => a[n]! * b[n]! * r);
  // Price change of each asset for a vector of bank trades t: L Mᵀ t.
  const priceChangeOf = (t: ArrayLike<number>): number[] => {
    const out = new Array<number>(K).fill(0);
    for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) out[k]! += M[n]![k]! * t[n]!;
    return out.map((v, k) => v * ell[k]!);
  };
  // Dollar gains of every bank from asset returns dp: A M dp; summed, or for one bank.
  const gainOf = (dp: number[], n: number): number => a[n]! * M[n]!.reduce((s, w, k) => s + w * dp[k]!, 0);
  const assetSales = new Array<number>(K).fill(0);
  for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) assetSales[k]! += M[n]![k]! * phi[n]!;
  const dp = priceChangeOf(phi);
  let total = 0;
  const indirectVulnerability: number[] = [];
  for (let n = 0; n < N; n++) {
    const g = gainOf(dp, n);
    total += g;
    indirectVulnerability.push(g / equity[n]!);
  }
  const systemicness: number[] = [];
  const single = new Array<number>(N).fill(0);
  for (let m = 0; m < N; m++) {
    single.fill(0);
    single[m] = phi[m]!;
    const dpm = priceChangeOf(single);
    let s = 0;
    for (let n = 0; n < N; n++) s += gainOf(dpm, n);
    systemicness.push(s / E);
  }
  let direct = 0;
  for (let n = 0; n < N; n++) direct += a[n]! * R[n]!;
  return {
    equity,
    directReturn: R,
    sales: phi,
    assetSales,
    priceChange: dp,
    aggregateVulnerability: total / E,
    systemicness,
    indirectVulnerability,
    directReturnOnEquity: direct / E,
  };
}
