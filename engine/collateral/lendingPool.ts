/**
 * An Aave-style lending pool under a price shock: positions borrow a stable asset (price 1 base unit) against
 * one or more collateral assets; when the oracle price falls, positions with health factor < 1 are liquidated
 * with Aave v3 rules (close factor v3.2 or v3.3, liquidation bonus; see `aaveLiquidation.ts`, models.md §7.1);
 * liquidators sell the seized collateral into a market with price impact, which lowers the next step's price and
 * can trigger further liquidations; a position left with debt and no collateral is bad debt (v3.3 "deficit").
 *
 * Modelling choices (stated because the protocol leaves them to liquidators and markets):
 *   • One liquidation call per liquidatable position per step, covering the largest debt the rules allow and
 *     seizing the position's largest collateral (by value). Under v3.3, if that call would leave dust (less than
 *     MIN_LEFTOVER_BASE of collateral), the liquidator covers less so that exactly MIN_LEFTOVER_BASE remains.
 *   • Market price of asset a at step t: P_a(t) = P_a(0)·shock_a(t)·exp(−k_a·S_a(t−1)/Q_a), with S_a the units
 *     sold by liquidators before step t, Q_a the pool's initial units of a and k_a the log-price impact of selling
 *     all of them (permanent impact). The oracle reports the market price.
 *   • Bad debt: residual debt of a position whose collateral is all gone is written off (v3.3 burns it as a
 *     reserve deficit; under v3.2 it would stay as unbacked debt — it is counted as bad debt either way).
 * Conservation (tested): per asset, seized + remaining = initial units; debt repaid + remaining + bad debt =
 * initial debt.
 *
 * Performance: structure-of-arrays (Float64Array) state; per-asset max-heaps of exact price triggers mean a step
 * only evaluates the single-collateral positions that have fallen below HF 1 (plus every multi-collateral one).
 */
import { createRng } from '../core/random';
import { defineParams, type ParamValues } from '../core/params';
import { EngineInputError, requireFinite, requireInRange, requireInteger, requireNonNegative, requirePositive } from '../core/errors';
import {
  AAVE_CLOSE_FACTOR_HF_THRESHOLD,
  AAVE_MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD,
  AAVE_MIN_LEFTOVER_BASE,
  requireLiquidationThreshold,
  type AaveCloseFactorRule,
} from './aaveLiquidation';

/** A collateral asset of the pool (prices in base units). */
export interface LendingAsset {
  symbol: string;
  /** Price in base units at step 0. */
  price: number;
  /** Liquidation threshold LT, 0 < LT < 1. */
  liquidationThreshold: number;
  /** Maximum loan-to-value used when positions borrow; 0 < LTV < LT. */
  ltv: number;
  /** Liquidation bonus as a fraction (0.05 = Aave's 10500 bps). */
  liquidationBonus: number;
}

/** A pool of N positions over A collateral assets (structure of arrays; JSON- and postMessage-friendly). */
export interface LendingPool {
  assets: LendingAsset[];
  /** Collateral units, row-major: collateral[i·A + a]. */
  collateral: Float64Array;
  /** Debt of each position in base units (the borrowed asset is priced at 1). */
  debt: Float64Array;
}

/** Slider specifications of the generated pool population (`generateLendingPool`). */
export const lendingPoolParams = defineParams({
  positions: {
    label: 'Positions',
    min: 100,
    max: 200_000,
    step: 100,
    default: 5000,
    integer: true,
    description: 'Number of borrowers in the pool.',
  },
  medianCollateral: {
    label: 'Median collateral',
    unit: '$',
    min: 500,
    max: 1_000_000,
    step: 500,
    default: 10_000,
    description: 'Median collateral value per position (log-normal across positions).',
  },
  collateralDispersion: {
    label: 'Size dispersion',
    symbol: 's',
    min: 0,
    max: 3,
    step: 0.1,
    default: 1.5,
    description: 'Standard deviation of log collateral value across positions.',
  },
  meanUtilisation: {
    label: 'Mean borrowing use',
    symbol: '\\bar u',
    unit: '%',
    min: 0.5,
    max: 0.99,
    step: 0.01,
    default: 0.75,
    display: 'percent',
    description: 'Average debt as a share of the most each position may borrow (uniform on [2ū − 1, 1]).',
  },
  liquidationThreshold: {
    label: 'Liquidation threshold',
    symbol: 'LT',
    unit: '%',
    min: 0.5,
    max: 0.95,
    step: 0.005,
    default: 0.825,
    display: 'percent',
    description: 'Share of collateral value counted in the health factor; liquidation when Σ value·LT < debt.',
  },
  ltvGap: {
    label: 'LT − max LTV',
    unit: '%',
    min: 0.005,
    max: 0.2,
    step: 0.005,
    default: 0.025,
    display: 'percent',
    description: 'How far below the liquidation threshold the maximum loan-to-value sits.',
  },
  liquidationBonus: {
    label: 'Liquidation bonus',
    unit: '%',
    min: 0,
    max: 0.2,
    step: 0.005,
    default: 0.05,
    display: 'percent',
    description: 'Extra collateral a liquidator receives per unit of debt repaid (Aave 10500 bps = 5 %).',
  },
  multiAssetShare: {
    label: 'Positions with two collaterals',
    unit: '%',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0.3,
    display: 'percent',
    description: 'Share of positions that hold a second collateral asset.',
  },
  seed: { label: 'Random seed', min: 0, max: 4294967295, step: 1, default: 1, integer: true, description: 'Seed of the population draw.' },
});
/** Values of `lendingPoolParams`. */
export type LendingPoolParams = ParamValues<typeof lendingPoolParams>;

/** Slider specifications of a stress scenario (ramp shock, impact, close-factor rule). */
export const lendingStressParams = defineParams({
  shock: {
    label: 'Price shock',
    unit: '%',
    min: 0,
    max: 0.9,
    step: 0.01,
    default: 0.3,
    display: 'percent',
    description: 'Fall in the oracle price of every collateral asset, reached at the end of the ramp.',
  },
  rampSteps: {
    label: 'Ramp length',
    unit: 'steps',
    min: 1,
    max: 200,
    step: 1,
    default: 20,
    integer: true,
    description: 'Steps over which the oracle price falls.',
  },
  steps: { label: 'Steps', unit: 'steps', min: 2, max: 1000, step: 1, default: 100, integer: true, description: 'Length of the simulated path.' },
  impact: {
    label: 'Market impact of liquidations',
    symbol: 'k',
    unit: '%',
    min: 0,
    max: 2,
    step: 0.05,
    default: 0.2,
    display: 'percent',
    description: 'Log-price fall if liquidators sold all of the pool’s collateral of an asset (0: no feedback).',
  },
  closeFactor: {
    kind: 'choice',
    label: 'Close-factor rule',
    description: 'Aave v3.2 (50 %, 100 % at HF ≤ 0.95) or v3.3 (100 % unless collateral and debt ≥ $2000 and HF > 0.95).',
    options: [
      { value: 'v3.2', label: 'Aave v3.2' },
      { value: 'v3.3', label: 'Aave v3.3' },
    ],
    default: 'v3.3',
  },
});
/** Values of `lendingStressParams`. */
export type LendingStressParams = ParamValues<typeof lendingStressParams>;

/** Two generic collateral assets used when none are given (round numbers, not any live market's settings). */
export function defaultLendingAssets(p: { liquidationThreshold?: number; ltvGap?: number; liquidationBonus?: number } = {}): LendingAsset[] {
  const lt = p.liquidationThreshold ?? 0.825;
  const gap = p.ltvGap ?? 0.025;
  const bonus = p.liquidationBonus ?? 0.05;
  return [
    { symbol: 'A', price: 100, liquidationThreshold: lt, ltv: lt - gap, liquidationBonus: bonus },
    { symbol: 'B', price: 20, liquidationThreshold: lt, ltv: lt - gap, liquidationBonus: bonus },
  ];
}

function checkAssets(assets: LendingAsset[]): void {
  if (!Array.isArray(assets) || assets.length === 0) throw new EngineInputError('invalid-shape', 'a pool needs at least one collateral asset', 'assets');
  assets.forEach((a, i) => {
    requirePositive(a.price, `assets[${i}].price`);
    const lt = requireLiquidationThreshold(a.liquidationThreshold, `assets[${i}].liquidationThreshold`);
    const ltv = requireFinite(a.ltv, `assets[${i}].ltv`);
    if (!(ltv > 0 && ltv < lt)) throw new EngineInputError('out-of-range', `assets[${i}].ltv must lie in (0, LT = ${lt}) (got ${ltv})`, `assets[${i}].ltv`);
    requireInRange(a.liquidationBonus, 0, 1, `assets[${i}].liquidationBonus`);
  });
}

/** Throw unless the pool's arrays are consistent, finite and non-negative, and its assets valid. */
export function validateLendingPool(pool: LendingPool): void {
  checkAssets(pool.assets);
  const A = pool.assets.length;
  const n = pool.debt.length;
  if (pool.collateral.length !== n * A) {
    throw new EngineInputError('invalid-shape', `collateral must hold positions × assets = ${n * A} entries (got ${pool.collateral.length})`, 'collateral');
  }
  for (let i = 0; i < n; i++)
    if (!(pool.debt[i]! >= 0 && Number.isFinite(pool.debt[i]!))) throw new EngineInputError('out-of-range', `debt[${i}] must be finite and ≥ 0`, 'debt');
  for (let j = 0; j < n * A; j++) {
    if (!(pool.collateral[j]! >= 0 && Number.isFinite(pool.collateral[j]!)))
      throw new EngineInputError('out-of-range', `collateral[${j}] must be finite and ≥ 0`, 'collateral');
  }
}

/**
 * Draw a pool of positions (seeded). Position i: collateral value V_i = median·exp(s·Z_i) (log-normal), put in a
 * primary asset chosen uniformly; with probability `multiAssetShare` a share f ~ U(0.1, 0.5) goes to a second,
 * different asset. Debt = u_i·Σ_a value_ia·LTV_a with u_i ~ U(2ū − 1, 1), so every position starts with
 * HF ≥ min_a LT_a/LTV_a > 1.
 */
export function generateLendingPool(
  p: Omit<LendingPoolParams, 'liquidationThreshold' | 'ltvGap' | 'liquidationBonus'> & {
    assets?: LendingAsset[];
    liquidationThreshold?: number;
    ltvGap?: number;
    liquidationBonus?: number;
  },
): LendingPool {
  const n = requireInteger(p.positions, 1, 5_000_000, 'positions');
  const median = requirePositive(p.medianCollateral, 'medianCollateral');
  const s = requireNonNegative(p.collateralDispersion, 'collateralDispersion');
  const ubar = requireInRange(p.meanUtilisation, 0.5, 1, 'meanUtilisation');
  const multi = requireInRange(p.multiAssetShare, 0, 1, 'multiAssetShare');
  const assetOpts: { liquidationThreshold?: number; ltvGap?: number; liquidationBonus?: number } = {};
  if (p.liquidationThreshold !== undefined) assetOpts.liquidationThreshold = requireLiquidationThreshold(p.liquidationThreshold);
  if (p.ltvGap !== undefined) assetOpts.ltvGap = p.ltvGap;
  if (p.liquidationBonus !== undefined) assetOpts.liquidationBonus = p.liquidationBonus;
  const assets = p.assets ?? defaultLendingAssets(assetOpts);
  checkAssets(assets);
  const A = assets.length;
  const rng = createRng(p.seed);
  const collateral = new Float64Array(n * A);
  const debt = new Float64Array(n);
  const uLo = 2 * ubar - 1;
  for (let i = 0; i < n; i++) {
    const value = median * Math.exp(s * rng.normal());
    const primary = A === 1 ? 0 : rng.int(A);
    let second = -1;
    let f = 0;
    if (A > 1 && rng.next() < multi) {
      second = (primary + 1 + rng.int(A - 1)) % A;
      f = rng.uniform(0.1, 0.5);
    }
    const a0 = assets[primary]!;
    collateral[i * A + primary] = ((1 - f) * value) / a0.price;
    let borrowable = (1 - f) * value * a0.ltv;
    if (second >= 0) {
      const a1 = assets[second]!;
      collateral[i * A + second] = (f * value) / a1.price;
      borrowable += f * value * a1.ltv;
    }
    debt[i] = rng.uniform(uLo, 1) * borrowable;
  }
  return { assets: assets.map((a) => ({ ...a })), collateral, debt };
}

/** Liquidation rules and reporting options of a pool simulation. */
export interface LendingRules {
  /** Aave close-factor rule. Default 'v3.3'. */
  closeFactor?: AaveCloseFactorRule;
  /** Log-price impact k_a of selling all the pool's initial units of asset a (one number for all assets or one per asset). Default 0. */
  impact?: number | ArrayLike<number>;
  /** v3.3 thresholds in base units (defaults 2000 and 1000, from the code). */
  minBaseMaxCloseFactorThreshold?: number;
  minLeftoverBase?: number;
  /** Health-factor histogram bin edges (increasing, from 0); the last bin is open-ended. */
  histogramEdges?: ArrayLike<number>;
  /** Record a histogram every this many steps (0: only before the first and after the last step). Default 0. */
  histogramEvery?: number;
}

/** Default health-factor bins: finer around the liquidation boundary HF = 1. */
export const DEFAULT_HF_EDGES: readonly number[] = [0, 0.5, 0.8, 0.9, 0.95, 1, 1.05, 1.1, 1.2, 1.35, 1.5, 2, 3];

/** Health-factor distribution of the positions with debt at one moment. */
export interface HealthHistogram {
  /** Step after which it was taken (−1: initial state). */
  step: number;
  /** counts[j]: positions with debt and edges[j] ≤ HF < edges[j+1] (last bin open). */
  counts: number[];
  /** Positions with no debt (HF = ∞). */
  noDebt: number;
}

/** What happened in one step of a pool simulation. */
export interface LendingStepReport {
  step: number;
  /** Market (= oracle) price of each asset used in this step. */
  prices: Float64Array;
  liquidations: number;
  debtRepaid: number;
  /** Units of each asset seized (and sold) this step. */
  seized: Float64Array;
  /** Value of seized collateral at this step's prices. */
  seizedValue: number;
  badDebt: number;
}

/** Running totals of a pool simulation (conservation: seized + remaining = initial; repaid + remaining + bad = initial). */
export interface LendingSummary {
  initialDebt: number;
  debtRepaid: number;
  remainingDebt: number;
  badDebt: number;
  initialCollateral: Float64Array;
  seizedCollateral: Float64Array;
  remainingCollateral: Float64Array;
  liquidationCalls: number;
  liquidatedPositions: number;
  badDebtPositions: number;
}

/** A step-by-step pool simulation (see `createLendingSimulation`). */
export interface LendingSimulation {
  readonly assets: readonly LendingAsset[];
  readonly positions: number;
  /** Steps taken so far. */
  readonly t: number;
  /** Advance one step with the given oracle multipliers (one per asset, relative to the step-0 price). */
  step(shock: ArrayLike<number>): LendingStepReport;
  /** Current health-factor histogram (at the last step's prices, or the initial prices before any step). */
  histogram(): HealthHistogram;
  summary(): LendingSummary;
  /** Copy of the current pool state. */
  snapshot(): LendingPool;
}

function resolveImpact(impact: LendingRules['impact'], A: number): Float64Array {
  const out = new Float64Array(A);
  if (impact === undefined) return out;
  if (typeof impact === 'number') return out.fill(requireNonNegative(impact, 'impact'));
  if (impact.length !== A) throw new EngineInputError('invalid-shape', `impact needs one value per asset (${A}), got ${impact.length}`, 'impact');
  for (let a = 0; a < A; a++) out[a] = requireNonNegative(impact[a], `impact[${a}]`);
  return out;
}

/**
 * A step-by-step lending-pool simulation (the pool passed in is copied, never mutated). Each `step` sets the market
 * prices (oracle multiplier × impact of earlier liquidation sales) and liquidates every position with HF < 1 once,
 * evaluating only the positions that can have crossed HF = 1 (see the scheduling comment inside). Each step
 * terminates: every position is evaluated at most once per step.
 */
export function createLendingSimulation(pool: LendingPool, rules: LendingRules = {}): LendingSimulation {
  validateLendingPool(pool);
  const assets = pool.assets.map((a) => ({ ...a }));
  const A = assets.length;
  const n = pool.debt.length;
  const rule = rules.closeFactor ?? 'v3.3';
  if (rule !== 'v3.2' && rule !== 'v3.3')
    throw new EngineInputError('invalid-parameter', `closeFactor must be 'v3.2' or 'v3.3' (got ${String(rule)})`, 'closeFactor');
  const isV33 = rule === 'v3.3';
  const T =
    rules.minBaseMaxCloseFactorThreshold === undefined
      ? AAVE_MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD
      : requireNonNegative(rules.minBaseMaxCloseFactorThreshold, 'minBaseMaxCloseFactorThreshold');
  const minLeft = rules.minLeftoverBase === undefined ? AAVE_MIN_LEFTOVER_BASE : requireNonNegative(rules.minLeftoverBase, 'minLeftoverBase');
  const impact = resolveImpact(rules.impact, A);
  const edges = Float64Array.from(rules.histogramEdges ?? DEFAULT_HF_EDGES);
  if (edges.length < 2 || edges[0] !== 0)
    throw new EngineInputError('invalid-shape', 'histogramEdges must start at 0 and have at least two edges', 'histogramEdges');
  for (let j = 1; j < edges.length; j++)
    if (!(edges[j]! > edges[j - 1]!) || !Number.isFinite(edges[j]!))
      throw new EngineInputError('invalid-shape', 'histogramEdges must be finite and strictly increasing', 'histogramEdges');

  const coll = Float64Array.from(pool.collateral);
  const debt = Float64Array.from(pool.debt);
  const basePrice = Float64Array.from(assets, (a) => a.price);
  const lt = Float64Array.from(assets, (a) => a.liquidationThreshold);
  const bonus = Float64Array.from(assets, (a) => a.liquidationBonus);
  const initialCollateral = new Float64Array(A);
  for (let i = 0; i < n; i++) for (let a = 0; a < A; a++) initialCollateral[a] = initialCollateral[a]! + coll[i * A + a]!;
  let initialDebt = 0;
  for (let i = 0; i < n; i++) initialDebt += debt[i]!;
  const seizedTotal = new Float64Array(A);
  const liquidated = new Uint8Array(n);
  const prices = Float64Array.from(basePrice);
  const priceLt = new Float64Array(A);
  let debtRepaid = 0;
  let badDebt = 0;
  let calls = 0;
  let liquidatedPositions = 0;
  let badDebtPositions = 0;
  let t = 0;

  const hfOf = (i: number): number => {
    const d = debt[i]!;
    if (d <= 0) return Infinity;
    let w = 0;
    const base = i * A;
    for (let a = 0; a < A; a++) w += coll[base + a]! * prices[a]! * lt[a]!;
    return w / d;
  };

  const histogram = (): HealthHistogram => {
    const counts = new Array<number>(edges.length).fill(0);
    let noDebt = 0;
    const last = edges.length - 1;
    for (let i = 0; i < n; i++) {
      const h = hfOf(i);
      if (h === Infinity) {
        noDebt++;
        continue;
      }
      // Binary search for the bin: edges[j] ≤ h < edges[j+1]; ≤ log2(edges) iterations.
      let lo = 0;
      let hi = last;
      if (h >= edges[last]!) lo = last;
      else {
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (h >= edges[mid]!) lo = mid;
          else hi = mid;
        }
      }
      counts[lo]!++;
    }
    return { step: t - 1, counts, noDebt };
  };

  // ---- Scheduling: which positions can possibly be liquidatable this step? -------------------------------
  // HF is linear in prices. For a position last evaluated at step s (its state unchanged since), with r_a = P_a/P_a(0):
  //   • single collateral asset a: HF(t) = HF(s)·r_a(t)/r_a(s) exactly, so HF(t) < 1 iff r_a(t) < r_a(s)/HF(s);
  //   • several assets: HF(t) ≥ HF(s)·min_a r_a(t)/r_a(s) ≥ HF(s)·C(t)/C(s), where C(t) = Π_{u ≤ t} min_a r_a(u)/r_a(u−1)
  //     (a minimum of products is at least the product of minima), so HF(t) < 1 ⇒ C(t) < C(s)/HF(s).
  // Positions sit in max-heaps keyed by that trigger (one heap per asset for single-collateral positions, one for
  // multi-collateral ones); each step pops exactly those whose trigger is at or above the current level, evaluates
  // them and re-inserts them with a fresh trigger after the step. When asset prices diverge the multi-collateral
  // bound is loose, so that group switches to a plain scan while more than half of it would be popped each step,
  // and back to its heap when fewer than a quarter would. Either way the outcome is identical to scanning every
  // position every step (a test checks this against a naive scan); a step costs O(k log N) for k candidates.
  const TRIGGER_SLACK = 1 + 1e-12; // guards the trigger against rounding (a safe position may be re-checked, never missed)
  const hfThreshold = AAVE_CLOSE_FACTOR_HF_THRESHOLD; // local copies: no module-binding lookups in the hot loop
  interface TriggerHeap {
    id: Int32Array;
    key: Float64Array;
    size: number;
  }
  const heaps: TriggerHeap[] = Array.from({ length: A + 1 }, () => ({ id: new Int32Array(n), key: new Float64Array(n), size: 0 }));
  const heapPush = (h: TriggerHeap, id: number, key: number): void => {
    const hk = h.key;
    const hi = h.id;
    let j = h.size++;
    while (j > 0) {
      const parent = (j - 1) >> 1;
      if (hk[parent]! >= key) break;
      hk[j] = hk[parent]!;
      hi[j] = hi[parent]!;
      j = parent;
    }
    hk[j] = key;
    hi[j] = id;
  };
  const heapPopTop = (h: TriggerHeap): void => {
    const hk = h.key;
    const hi = h.id;
    const size = --h.size;
    const lastKey = hk[size]!;
    const lastId = hi[size]!;
    let j = 0;
    for (;;) {
      const l = 2 * j + 1;
      if (l >= size) break;
      const r = l + 1;
      const c = r < size && hk[r]! > hk[l]! ? r : l;
      if (hk[c]! <= lastKey) break;
      hk[j] = hk[c]!;
      hi[j] = hi[c]!;
      j = c;
    }
    hk[j] = lastKey;
    hi[j] = lastId;
  };
  const ratio = new Float64Array(A); // r_a at the current step
  for (let a = 0; a < A; a++) {
    priceLt[a] = prices[a]! * lt[a]!;
    ratio[a] = 1;
  }
  const pending = new Int32Array(n);
  const pendingKey = new Float64Array(n);
  const pendingAsset = new Int32Array(n);
  let nPending = 0;
  const isMulti = new Uint8Array(n);
  let Ccur = 1; // C(t), the cumulative product of the step-by-step worst price change
  const prevRatio = new Float64Array(A).fill(1);
  /** Trigger of position i (debt > 0) at the current prices, and its heap (asset index, or A for multi-collateral). */
  const triggerOf = (i: number): number => {
    const base = i * A;
    let w = 0;
    for (let a = 0; a < A; a++) w += coll[base + a]! * priceLt[a]!;
    if (!(w > 0)) return Infinity;
    if (isMulti[i] === 1) return ((Ccur * debt[i]!) / w) * TRIGGER_SLACK;
    let held = 0;
    for (let a = 0; a < A; a++) if (coll[base + a]! > 0) held = a;
    return ((ratio[held]! * debt[i]!) / w) * TRIGGER_SLACK;
  };
  const groupOf = (i: number): number => {
    if (isMulti[i] === 1) return A;
    const base = i * A;
    let held = 0;
    for (let a = 0; a < A; a++) if (coll[base + a]! > 0) held = a;
    return held;
  };
  /** Queue position i (debt > 0) for re-insertion after the step, keyed by its trigger at current prices. */
  const schedule = (i: number): void => {
    pending[nPending] = i;
    pendingAsset[nPending] = groupOf(i);
    pendingKey[nPending++] = triggerOf(i);
  };
  const flushPending = (): void => {
    for (let k = 0; k < nPending; k++) heapPush(heaps[pendingAsset[k]!]!, pending[k]!, pendingKey[k]!);
    nPending = 0;
  };
  // Multi-collateral positions: fixed at the start (a position never gains collateral; one that loses all but one
  // asset keeps the looser multi-asset trigger, which is still valid).
  const multiList: number[] = [];
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let a = 0; a < A; a++) if (coll[i * A + a]! > 0) count++;
    if (count > 1) {
      isMulti[i] = 1;
      multiList.push(i);
    }
    if (debt[i]! > 0) schedule(i);
  }
  const multi = Int32Array.from(multiList);
  flushPending();
  let multiScan = false; // multi-collateral group: heap (false) or plain scan (true)

  // Per-step accumulators (reset in `step`), shared with `liquidate`.
  let seized = new Float64Array(A);
  let stepRepaid = 0;
  let stepBad = 0;
  let stepCalls = 0;
  let seizedValue = 0;

  /** Liquidate position i (debt d > 0, weighted collateral w < d) once at the current prices. */
  const liquidate = (i: number, d: number, w: number): void => {
    const base = i * A;
    const hf = w / d;
    // Seize the largest collateral by value.
    let best = -1;
    let bestValue = 0;
    for (let a = 0; a < A; a++) {
      const v = coll[base + a]! * prices[a]!;
      if (v > bestValue) {
        bestValue = v;
        best = a;
      }
    }
    if (best < 0) {
      // No collateral left at all: the residual debt is bad debt.
      badDebt += d;
      stepBad += d;
      debt[i] = 0;
      badDebtPositions++;
      return;
    }
    const P = prices[best]!;
    const balance = coll[base + best]!;
    const b1 = 1 + bonus[best]!;
    let maxDebt: number;
    if (isV33) maxDebt = bestValue >= T && d >= T && hf > hfThreshold ? 0.5 * d : d;
    else maxDebt = hf > hfThreshold ? 0.5 * d : d;
    let take = (maxDebt * b1) / P;
    let repaid = maxDebt;
    if (take >= balance) {
      take = balance;
      repaid = (balance * P) / b1;
    }
    if (isV33 && repaid < d && take < balance && (d - repaid < minLeft || (balance - take) * P < minLeft)) {
      // MUST_NOT_LEAVE_DUST: cover less so that exactly minLeftoverBase of collateral remains.
      // (If even that would leave less than minLeftoverBase of debt, the call reverts: no liquidation this step.)
      take = balance - minLeft / P;
      repaid = (take * P) / b1;
      if (!(take > 0) || d - repaid < minLeft) return;
    }
    const left = balance - take;
    coll[base + best] = left > 0 ? left : 0;
    const dLeft = d - repaid;
    debt[i] = dLeft > 0 ? dLeft : 0;
    seized[best] = seized[best]! + take;
    seizedValue += take * P;
    stepRepaid += repaid;
    stepCalls++;
    if (liquidated[i] === 0) {
      liquidated[i] = 1;
      liquidatedPositions++;
    }
    if (debt[i]! > 0) {
      let any = false;
      for (let a = 0; a < A; a++) if (coll[base + a]! > 0) any = true;
      if (!any) {
        badDebt += debt[i]!;
        stepBad += debt[i]!;
        debt[i] = 0;
        badDebtPositions++;
      }
    }
  };

  const step = (shock: ArrayLike<number>): LendingStepReport => {
    if (!shock || shock.length !== A) throw new EngineInputError('invalid-shape', `step needs one oracle multiplier per asset (${A})`, 'shock');
    for (let a = 0; a < A; a++) {
      const m = shock[a];
      if (typeof m !== 'number' || !Number.isFinite(m) || !(m > 0))
        throw new EngineInputError('out-of-range', `oracle multiplier for asset ${a} must be a positive finite number (got ${String(m)})`, 'shock');
    }
    let worst = Infinity;
    for (let a = 0; a < A; a++) {
      const q = initialCollateral[a]!;
      prices[a] = basePrice[a]! * shock[a]! * (q > 0 ? Math.exp((-impact[a]! * seizedTotal[a]!) / q) : 1);
      priceLt[a] = prices[a]! * lt[a]!;
      const r = prices[a]! / basePrice[a]!;
      ratio[a] = r;
      const f = r / prevRatio[a]!;
      if (f < worst) worst = f;
      prevRatio[a] = r;
    }
    Ccur *= worst;
    const C = Ccur;
    seized = new Float64Array(A);
    stepRepaid = 0;
    stepBad = 0;
    stepCalls = 0;
    seizedValue = 0;
    // Pop every position whose trigger is at or above its group's level (r_a, or C for the multi-collateral heap).
    // Each is popped at most once per step (re-insertion waits until the step ends): at most N pops per step.
    let multiPops = 0;
    for (let g = 0; g <= A; g++) {
      if (g === A && multiScan) break;
      const h = heaps[g]!;
      const level = g < A ? ratio[g]! : C;
      while (h.size > 0 && h.key[0]! >= level) {
        const i = h.id[0]!;
        heapPopTop(h);
        if (g === A) multiPops++;
        const d = debt[i]!;
        const base = i * A;
        let w = 0;
        for (let a = 0; a < A; a++) w += coll[base + a]! * priceLt[a]!;
        if (w < d) liquidate(i, d, w);
        if (debt[i]! > 0) schedule(i);
      }
    }
    if (multiScan) {
      // Scan mode: evaluate every multi-collateral position; count how many the heap would pop at this level.
      let wouldPop = 0;
      for (let k = 0; k < multi.length; k++) {
        const i = multi[k]!;
        const d = debt[i]!;
        if (!(d > 0)) continue;
        const base = i * A;
        let w = 0;
        for (let a = 0; a < A; a++) w += coll[base + a]! * priceLt[a]!;
        if (w < d) {
          liquidate(i, d, w);
          w = 0;
          for (let a = 0; a < A; a++) w += coll[base + a]! * priceLt[a]!;
        }
        const dd = debt[i]!;
        if (dd > 0 && w < 1.02 * dd) wouldPop++; // HF < 1.02: would be popped after a 2 % fall
      }
      if (wouldPop < multi.length / 4) {
        // Back to the heap: rebuild it from the current state (one O(N_multi log N_multi) pass).
        multiScan = false;
        heaps[A]!.size = 0;
        for (let k = 0; k < multi.length; k++) {
          const i = multi[k]!;
          if (debt[i]! > 0) heapPush(heaps[A]!, i, triggerOf(i));
        }
      }
    }
    flushPending();
    if (!multiScan && multiPops > multi.length / 2) {
      multiScan = true; // the multi-asset bound is loose (diverging prices): scan that group instead
      heaps[A]!.size = 0;
    }
    for (let a = 0; a < A; a++) seizedTotal[a] = seizedTotal[a]! + seized[a]!;
    debtRepaid += stepRepaid;
    calls += stepCalls;
    const report: LendingStepReport = {
      step: t,
      prices: Float64Array.from(prices),
      liquidations: stepCalls,
      debtRepaid: stepRepaid,
      seized,
      seizedValue,
      badDebt: stepBad,
    };
    t++;
    return report;
  };

  const summary = (): LendingSummary => {
    let remainingDebt = 0;
    for (let i = 0; i < n; i++) remainingDebt += debt[i]!;
    const remainingCollateral = new Float64Array(A);
    for (let i = 0; i < n; i++) for (let a = 0; a < A; a++) remainingCollateral[a] = remainingCollateral[a]! + coll[i * A + a]!;
    return {
      initialDebt,
      debtRepaid,
      remainingDebt,
      badDebt,
      initialCollateral: Float64Array.from(initialCollateral),
      seizedCollateral: Float64Array.from(seizedTotal),
      remainingCollateral,
      liquidationCalls: calls,
      liquidatedPositions,
      badDebtPositions,
    };
  };

  return {
    assets,
    positions: n,
    get t() {
      return t;
    },
    step,
    histogram,
    summary,
    snapshot: () => ({ assets: assets.map((a) => ({ ...a })), collateral: Float64Array.from(coll), debt: Float64Array.from(debt) }),
  };
}

/** Oracle multipliers per asset and step: path[a][t] (a single path is applied to every asset). */
export type ShockPath = ArrayLike<number> | ArrayLike<number>[];

function normaliseShockPath(path: ShockPath, A: number): ArrayLike<number>[] {
  if (!path || typeof (path as ArrayLike<unknown>).length !== 'number')
    throw new EngineInputError('invalid-shape', 'shockPath must be an array of multipliers or one array per asset', 'shockPath');
  const first = (path as ArrayLike<unknown>)[0];
  const paths: ArrayLike<number>[] =
    typeof first === 'number' || (path as ArrayLike<unknown>).length === 0
      ? Array.from({ length: A }, () => path as ArrayLike<number>)
      : Array.from(path as ArrayLike<number>[]);
  if (paths.length !== A) throw new EngineInputError('invalid-shape', `shockPath needs one path per asset (${A}), got ${paths.length}`, 'shockPath');
  const T = paths[0]!.length;
  if (T === 0) throw new EngineInputError('invalid-shape', 'shockPath must have at least one step', 'shockPath');
  for (const p of paths) if (p.length !== T) throw new EngineInputError('invalid-shape', 'every asset path must have the same length', 'shockPath');
  return paths;
}

/** Output of `lendingStressTest`: per-step series (typed arrays), histograms and a summary. */
export interface LendingStressResult {
  steps: number;
  assets: string[];
  /** Market price of each asset per step: prices[a][t]. */
  prices: Float64Array[];
  /** Liquidation calls, debt repaid, value seized and new bad debt per step. */
  liquidations: Float64Array;
  debtRepaid: Float64Array;
  seizedValue: Float64Array;
  badDebt: Float64Array;
  /** Health-factor histograms: before the first step, every `histogramEvery` steps, and after the last step. */
  histogramEdges: number[];
  histograms: HealthHistogram[];
  summary: LendingSummary;
  /** Sum of new bad debt over the path. */
  totalBadDebt: number;
}

/**
 * Run a pool through an oracle path step by step (`shockPath[a][t]`: multiplier of asset a's step-0 price; one path
 * applies to every asset). Terminates after exactly the path's length in steps, each one pass over the positions.
 */
export function lendingStressTest(pool: LendingPool, shockPath: ShockPath, rules: LendingRules = {}): LendingStressResult {
  const sim = createLendingSimulation(pool, rules);
  const A = sim.assets.length;
  const paths = normaliseShockPath(shockPath, A);
  const T = paths[0]!.length;
  const every = requireInteger(rules.histogramEvery ?? 0, 0, 1e9, 'histogramEvery');
  const prices = Array.from({ length: A }, () => new Float64Array(T));
  const liquidations = new Float64Array(T);
  const debtRepaid = new Float64Array(T);
  const seizedValue = new Float64Array(T);
  const badDebt = new Float64Array(T);
  const histograms: HealthHistogram[] = [sim.histogram()];
  const m = new Float64Array(A);
  let totalBadDebt = 0;
  for (let t = 0; t < T; t++) {
    for (let a = 0; a < A; a++) m[a] = paths[a]![t]!;
    const r = sim.step(m);
    for (let a = 0; a < A; a++) prices[a]![t] = r.prices[a]!;
    liquidations[t] = r.liquidations;
    debtRepaid[t] = r.debtRepaid;
    seizedValue[t] = r.seizedValue;
    badDebt[t] = r.badDebt;
    totalBadDebt += r.badDebt;
    if ((every > 0 && (t + 1) % every === 0) || t === T - 1) histograms.push(sim.histogram());
  }
  return {
    steps: T,
    assets: sim.assets.map((a) => a.symbol),
    prices,
    liquidations,
    debtRepaid,
    seizedValue,
    badDebt,
    histogramEdges: Array.from(rules.histogramEdges ?? DEFAULT_HF_EDGES),
    histograms,
    summary: sim.summary(),
    totalBadDebt,
  };
}

/** A ramp from 1 down to 1 − shock over `rampSteps` steps, then flat, `steps` long in total. */
export function rampShockPath(shock: number, rampSteps: number, steps: number): Float64Array {
  const s = requireInRange(shock, 0, 0.999, 'shock');
  const R = requireInteger(rampSteps, 1, 1e7, 'rampSteps');
  const T = requireInteger(steps, 1, 1e7, 'steps');
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) out[t] = 1 - s * Math.min(1, (t + 1) / R);
  return out;
}

/** One shock size of the sweep and its outcome. */
export interface LendingSweepPoint {
  shock: number;
  liquidationCalls: number;
  liquidatedPositions: number;
  debtRepaid: number;
  badDebt: number;
  /** Final market price of each asset relative to its step-0 price. */
  finalPriceRatio: number[];
}

/** One point of the shock sweep (chunkable: a worker may call it per shock). */
export function lendingShockPoint(pool: LendingPool, shock: number, opts: { rampSteps: number; steps: number; rules?: LendingRules }): LendingSweepPoint {
  const res = lendingStressTest(pool, rampShockPath(shock, opts.rampSteps, opts.steps), { ...opts.rules, histogramEvery: 0 });
  return {
    shock,
    liquidationCalls: res.summary.liquidationCalls,
    liquidatedPositions: res.summary.liquidatedPositions,
    debtRepaid: res.summary.debtRepaid,
    badDebt: res.summary.badDebt,
    finalPriceRatio: res.prices.map((p, a) => p[res.steps - 1]! / pool.assets[a]!.price),
  };
}

/**
 * Sweep over shock sizes as a generator for a Web Worker: yields `{ done, total, partial }` after each shock
 * (partial = the points so far) and returns all points. The same pool is re-run from its initial state for each
 * shock. Terminates after `shocks.length` points.
 */
export function* lendingShockSweep(
  pool: LendingPool,
  opts: { shocks: ArrayLike<number>; rampSteps: number; steps: number; rules?: LendingRules },
): Generator<{ done: number; total: number; partial: LendingSweepPoint[] }, LendingSweepPoint[]> {
  validateLendingPool(pool);
  const total = opts.shocks.length;
  const points: LendingSweepPoint[] = [];
  for (let k = 0; k < total; k++) {
    points.push(lendingShockPoint(pool, opts.shocks[k]!, opts));
    yield { done: k + 1, total, partial: points.slice() };
  }
  return points;
}
