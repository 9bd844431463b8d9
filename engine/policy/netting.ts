/**
 * Netting of exposures: multilateral netting of a bilateral network (what a
 * central counterparty does to gross obligations), margin with and without
 * netting across venues, and the expected-exposure arithmetic of Duffie & Zhu.
 *
 * Sources. Duffie, D. & Zhu, H. (2011), "Does a central clearing counterparty
 * reduce counterparty risk?", Review of Asset Pricing Studies 1(1):74–95,
 * doi:10.1093/rapstu/rar001 (citation checked in the project's search store):
 * "adding a central clearing counterparty (CCP) for a class of derivatives …
 * reduces netting efficiency" for plausible cases, and "clearing different
 * classes of derivatives in separate CCPs always increases counterparty
 * exposures relative to clearing the combined set of derivatives in a single
 * CCP" (abstract). The netting identities below are accounting; the
 * closed-form expected exposures of `ccpNettingEfficiency` are this module's
 * own derivation for independent normal exposures, in the set-up of the
 * paper's §2 (its exact propositions were not checked).
 */
import { EngineInputError, requireInteger, requireNonNegative, requirePositive } from '../core/errors';

/** Check a square matrix of finite non-negative numbers with a zero diagonal; returns n. */
export function requireExposureMatrix(m: unknown, param: string): number {
  if (!Array.isArray(m)) throw new EngineInputError('invalid-shape', `${param} must be an array of rows`, param);
  const n = m.length;
  for (let i = 0; i < n; i++) {
    const row: unknown = m[i];
    if (!Array.isArray(row) || row.length !== n) {
      throw new EngineInputError('invalid-shape', `${param} must be square: row ${i} has ${Array.isArray(row) ? row.length : 'no'} entries, expected ${n}`, param);
    }
    for (let j = 0; j < n; j++) {
      const v: unknown = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new EngineInputError('not-finite', `${param}[${i}][${j}] must be a finite number (got ${String(v)})`, param);
      if (v < 0) throw new EngineInputError('out-of-range', `${param}[${i}][${j}] must be ≥ 0 (got ${v})`, param);
      if (i === j && v !== 0) throw new EngineInputError('invalid-parameter', `${param}[${i}][${i}] must be 0: a bank owes nothing to itself (got ${v})`, param);
    }
  }
  return n;
}

/** Result of `multilateralNetting` (amounts in the matrix's units). */
export interface NettingResult {
  /** Σ_j L_ji: what each bank is owed. */
  receivables: number[];
  /** Σ_j L_ij: what each bank owes. */
  payables: number[];
  /** Net position receivables − payables (> 0: net creditor). Σ net = 0. */
  net: number[];
  /** After bilateral netting: max(0, L_ij − L_ji) (each pair settles one way). */
  bilateralNet: number[][];
  /** Σ L_ij. */
  grossTotal: number;
  /** Σ max(0, L_ij − L_ji) = ½ Σ_{i,j} |L_ij − L_ji|. */
  bilateralNetTotal: number;
  /** Σ max(0, −net_i) = ½ Σ |net_i|: what remains to be paid through a CCP. */
  multilateralNetTotal: number;
  /** 1 − multilateral/gross (0 for an empty network): the share of gross obligations netting removes. */
  nettingRatio: number;
  /**
   * The star network through a central counterparty (node n, last): bank i
   * owes the CCP max(0, −net_i) and the CCP owes bank i max(0, net_i).
   */
  ccpLiabilities: number[][];
}

/**
 * Multilateral netting of `exposures[i][j]` = what bank i owes bank j
 * (the orientation of `clearingVector`'s liabilities). Net positions are
 * conserved by construction: each bank's net is its receivables minus its
 * payables, before bilateral netting, after it and in the star through the
 * CCP, and they sum to zero. gross ≥ bilateral net ≥ multilateral net.
 */
export function multilateralNetting(exposures: number[][]): NettingResult {
  const n = requireExposureMatrix(exposures, 'exposures');
  const receivables = new Array<number>(n).fill(0);
  const payables = new Array<number>(n).fill(0);
  const bilateralNet: number[][] = [];
  let grossTotal = 0;
  let bilateralNetTotal = 0;
  for (let i = 0; i < n; i++) {
    const row = exposures[i]!;
    const out = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j++) {
      const v = row[j]!;
      payables[i]! += v;
      receivables[j]! += v;
      grossTotal += v;
      const d = v - exposures[j]![i]!;
      if (d > 0) {
        out[j] = d;
        bilateralNetTotal += d;
      }
    }
    bilateralNet.push(out);
  }
  const net = receivables.map((r, i) => r - payables[i]!);
  let multilateralNetTotal = 0;
  const ccpLiabilities: number[][] = [];
  for (let i = 0; i <= n; i++) ccpLiabilities.push(new Array<number>(n + 1).fill(0));
  for (let i = 0; i < n; i++) {
    const v = net[i]!;
    if (v < 0) {
      ccpLiabilities[i]![n] = -v;
      multilateralNetTotal += -v;
    } else if (v > 0) ccpLiabilities[n]![i] = v;
  }
  return {
    receivables,
    payables,
    net,
    bilateralNet,
    grossTotal,
    bilateralNetTotal,
    multilateralNetTotal,
    nettingRatio: grossTotal > 0 ? 1 - multilateralNetTotal / grossTotal : 0,
    ccpLiabilities,
  };
}

/** Input of `crossVenueNetting`: one account's positions on several venues. */
export interface CrossVenueInput {
  /** positions[v][a]: signed units of asset a held on venue v (long > 0, short < 0). */
  positions: number[][];
  /** Price of each asset ($ per unit, > 0). */
  prices: number[];
  /** Margin rate of each asset (fraction of notional), or one rate for all. */
  marginRates: number[] | number;
}

/** Result of `crossVenueNetting` ($). */
export interface CrossVenueResult {
  /** Margin each venue asks on its own legs: Σ_a r_a·p_a·|x_va|. */
  perVenueMargin: number[];
  /** Σ of the venues' margins (no cross-venue netting). */
  separateMargin: number;
  /** Margin on the netted position, Σ_a r_a·p_a·|Σ_v x_va| (one clearing house for all venues). */
  nettedMargin: number;
  /** separate − netted (≥ 0 by the triangle inequality). */
  saving: number;
  /** Σ_v x_va for each asset (units). */
  netPositions: number[];
  /** Σ_v |x_va| for each asset (units). */
  grossPositions: number[];
}

/**
 * Margin of one account with and without netting across venues ("cross-venue
 * clearing"): each venue margins the legs it sees; a common clearing house
 * margins the net position. A basis trade long on one venue and short on
 * another pays two margins separately and none netted. The netted margin is
 * never higher — the margin version of Duffie & Zhu's result that splitting
 * clearing across CCPs cannot reduce exposures. Margin here is linear in the
 * gross per-asset position (no offsets between assets within a venue).
 */
export function crossVenueNetting(input: CrossVenueInput): CrossVenueResult {
  if (!input || typeof input !== 'object') throw new EngineInputError('invalid-shape', 'crossVenueNetting needs { positions, prices, marginRates }', 'input');
  const { positions, prices } = input;
  if (!Array.isArray(prices) || prices.length === 0) throw new EngineInputError('invalid-shape', 'prices must be a non-empty array', 'prices');
  const A = prices.length;
  prices.forEach((p, a) => requirePositive(p, `prices[${a}]`));
  const rates: number[] = typeof input.marginRates === 'number' ? new Array<number>(A).fill(input.marginRates) : input.marginRates;
  if (!Array.isArray(rates) || rates.length !== A) throw new EngineInputError('invalid-shape', `marginRates must be a number or ${A} numbers`, 'marginRates');
  rates.forEach((r, a) => {
    requireNonNegative(r, `marginRates[${a}]`);
    if (r > 1) throw new EngineInputError('out-of-range', `marginRates[${a}] must be at most 1 (got ${r})`, 'marginRates');
  });
  if (!Array.isArray(positions) || positions.length === 0) throw new EngineInputError('invalid-shape', 'positions must list at least one venue', 'positions');
  const netPositions = new Array<number>(A).fill(0);
  const grossPositions = new Array<number>(A).fill(0);
  const perVenueMargin: number[] = [];
  let separateMargin = 0;
  positions.forEach((row, v) => {
    if (!Array.isArray(row) || row.length !== A) throw new EngineInputError('invalid-shape', `positions[${v}] must have ${A} entries (one per asset)`, 'positions');
    let m = 0;
    for (let a = 0; a < A; a++) {
      const x = row[a];
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new EngineInputError('not-finite', `positions[${v}][${a}] must be a finite number (got ${String(x)})`, 'positions');
      netPositions[a]! += x;
      grossPositions[a]! += Math.abs(x);
      m += rates[a]! * prices[a]! * Math.abs(x);
    }
    perVenueMargin.push(m);
    separateMargin += m;
  });
  let nettedMargin = 0;
  for (let a = 0; a < A; a++) nettedMargin += rates[a]! * prices[a]! * Math.abs(netPositions[a]!);
  return { perVenueMargin, separateMargin, nettedMargin, saving: Math.max(0, separateMargin - nettedMargin), netPositions, grossPositions };
}

/** Result of `ccpNettingEfficiency`: expected exposures per dealer in units of σ. */
export interface NettingEfficiency {
  /** All classes netted bilaterally: (N − 1)·√K·φ, φ = 1/√(2π). */
  bilateral: number;
  /** k classes cleared in one CCP, the rest netted bilaterally: √((N − 1)k)·φ + (N − 1)·√(K − k)·φ. */
  withCcp: number;
  /** withCcp < bilateral. */
  ccpReducesExposure: boolean;
  /** Smallest number of dealers for which clearing k of K classes reduces the expected exposure (null if none up to 1e6). */
  breakEvenDealers: number | null;
}

/**
 * Expected counterparty exposure per dealer with and without a CCP, for N
 * dealers and K classes of derivatives whose pairwise exposures X_ijc are
 * independent N(0, σ²) with X_jic = −X_ijc (the set-up of Duffie & Zhu 2011
 * §2; the closed forms are this module's own derivation, using
 * E[max(Z, 0)] = s/√(2π) for Z ~ N(0, s²)):
 *   bilateral netting of all classes with each of N − 1 counterparties:
 *       E = (N − 1)·σ·√K/√(2π);
 *   clearing k classes in one CCP (the exposure to the CCP nets across all
 *   N − 1 counterparties, the other K − k classes stay bilateral):
 *       E = σ·√((N − 1)k)/√(2π) + (N − 1)·σ·√(K − k)/√(2π).
 * A CCP for a few classes can raise exposures when there are few dealers:
 * it breaks the netting across classes. The CCP's own exposure and default
 * fund are not counted.
 */
export function ccpNettingEfficiency(p: { dealers: number; classes: number; clearedClasses: number; sigma?: number }): NettingEfficiency {
  const N = requireInteger(p?.dealers, 2, 1_000_000, 'dealers');
  const K = requireInteger(p.classes, 1, 10_000, 'classes');
  const k = requireInteger(p.clearedClasses, 0, K, 'clearedClasses');
  const sigma = p.sigma === undefined ? 1 : requirePositive(p.sigma, 'sigma');
  const phi = sigma / Math.sqrt(2 * Math.PI);
  const exposures = (dealers: number): [number, number] => [
    (dealers - 1) * Math.sqrt(K) * phi,
    Math.sqrt((dealers - 1) * k) * phi + (dealers - 1) * Math.sqrt(K - k) * phi,
  ];
  const [bilateral, withCcp] = exposures(N);
  // withCcp < bilateral ⇔ √(k/(N−1)) < √K − √(K−k): monotone in N, so the break-even is a closed form.
  let breakEvenDealers: number | null = null;
  if (k > 0) {
    const gap = Math.sqrt(K) - Math.sqrt(K - k);
    // N − 1 > k / gap²; the smallest integer N with strict inequality, checked against the formulas.
    let cand = Math.max(2, Math.floor(k / (gap * gap)) + 1);
    // Rounding guard: at most two corrections either way.
    for (let t = 0; t < 2 && cand > 2; t++) {
      const [b, c] = exposures(cand - 1);
      if (c < b) cand--;
    }
    for (let t = 0; t < 2; t++) {
      const [b, c] = exposures(cand);
      if (!(c < b)) cand++;
    }
    const [b, c] = exposures(cand);
    breakEvenDealers = c < b && cand <= 1_000_000 ? cand : null;
  }
  return { bilateral, withCcp, ccpReducesExposure: withCcp < bilateral, breakEvenDealers };
}
