/**
 * A population of leveraged isolated-margin perpetual positions, stored in
 * typed arrays and pre-sorted by liquidation price, so that a cascade is a
 * pointer walk down (longs) or up (shorts) the ladder.
 *
 * `generatePopulation` draws a synthetic market: each position is long with
 * probability `longShare`; its leverage is one of the tiers
 * 2, 3, 5, 10, 20, 25, 50, 100× drawn with weights w_i ∝ base_i·(L_i/10)^tilt;
 * its notional is lognormal, N = median·exp(σ_N·Z); a share `recentShare` was
 * opened at the current price (these give sharp liquidation clusters at
 * P·(1 ∓ 1/L)/(1 ∓ m), one per tier), the rest at P·exp(σ_e·Z). Positions
 * that would already have been liquidated at the current price are redrawn:
 * the population is the set of survivors (at most 16 draws per position,
 * then the entry is set to the current price, where every legal position
 * survives — so generation always terminates).
 *
 * The tiers, their base weights and the size law are illustrative choices
 * for the book's figures, not estimates from venue data (no such data is in
 * the project's reference notes). The liquidation price of each position
 * follows the binding convention of models.md (see positions.ts).
 */
import { EngineInputError, requirePositive } from '../core/errors';
import { defineParams, type ParamValues } from '../core/params';
import { createRng } from '../core/random';
import { MAX_LEVERAGE } from './positions';
import { argsortNonNegative } from './sort';
import { resolveParams } from './validate';

/** Leverage tiers drawn by `generatePopulation` (×). */
export const LEVERAGE_TIERS: readonly number[] = [2, 3, 5, 10, 20, 25, 50, 100];
/** Base weights of the tiers (sum 1; illustrative). */
export const DEFAULT_TIER_WEIGHTS: readonly number[] = [0.08, 0.08, 0.14, 0.26, 0.16, 0.12, 0.1, 0.06];

/** Parameters of `generatePopulation` (drives the population widget's controls). */
export const populationSpec = defineParams({
  positions: {
    label: 'Positions',
    symbol: 'n',
    min: 100,
    max: 1_000_000,
    step: 100,
    default: 10_000,
    integer: true,
    description: 'Number of open leveraged positions.',
  },
  price: {
    label: 'Current price',
    symbol: 'P',
    unit: '$',
    min: 1,
    max: 100_000,
    step: 1,
    default: 100,
    description: 'Mark price at which the population is observed; every position survives at this price.',
  },
  longShare: {
    label: 'Share of longs',
    display: 'percent',
    unit: '%',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.6,
    description: 'Probability that a position is long.',
  },
  entrySpread: {
    label: 'Entry spread',
    symbol: '\\sigma_e',
    display: 'percent',
    unit: '%',
    min: 0,
    max: 0.3,
    step: 0.005,
    default: 0.05,
    description: 'Standard deviation of log(entry / current price) for positions not opened at the current price.',
  },
  recentShare: {
    label: 'Opened at the current price',
    display: 'percent',
    unit: '%',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.3,
    description: 'Share of positions opened at the current price; they stack up in one liquidation cluster per leverage tier.',
  },
  medianNotional: {
    label: 'Median position',
    unit: '$',
    min: 100,
    max: 1_000_000,
    step: 100,
    default: 10_000,
    description: 'Median notional of a position (lognormal sizes).',
  },
  sizeDispersion: {
    label: 'Size dispersion',
    symbol: '\\sigma_N',
    min: 0,
    max: 2.5,
    step: 0.1,
    default: 1.2,
    description: 'Standard deviation of log notional: 0 gives equal sizes, 2 a few whales.',
  },
  leverageTilt: {
    label: 'Leverage appetite',
    symbol: '\\theta',
    min: -2,
    max: 2,
    step: 0.1,
    default: 0,
    description: 'Tilts the tier weights by (L/10)^θ: positive values favour high leverage.',
  },
  maintenanceMargin: {
    label: 'Maintenance margin rate',
    symbol: 'm',
    display: 'percent',
    unit: '%',
    min: 0.001,
    max: 0.009,
    step: 0.0005,
    default: 0.005,
    description: 'Maintenance rate of every position (below 1/100, the initial margin of the highest tier).',
  },
});

/** Values of `populationSpec`. */
export type PopulationParams = ParamValues<typeof populationSpec>;

/**
 * Positions in parallel typed arrays (index i is one position). All arrays
 * have length `count`. Plain data: safe to post to a Web Worker.
 */
export interface Population {
  /** Mark price the population refers to ($). */
  price: number;
  count: number;
  /** +1 long, −1 short. */
  side: Int8Array;
  /** Entry price ($). */
  entry: Float64Array;
  /** Units held (> 0). */
  quantity: Float64Array;
  /** Notional at entry, quantity × entry ($). */
  notional: Float64Array;
  /** Isolated margin held ($); notional / leverage at opening. */
  margin: Float64Array;
  /** Nominal leverage at opening (×). */
  leverage: Float64Array;
  /** Maintenance margin rate (fraction). */
  maintenanceMargin: Float64Array;
  /** Liquidation price ($). */
  liquidation: Float64Array;
  /** Bankruptcy price ($), where the position's equity is zero. */
  bankruptcy: Float64Array;
  /** Indices of the longs, liquidation price descending (first hit on the way down). */
  longOrder: Uint32Array;
  /** Indices of the shorts, liquidation price ascending (first hit on the way up). */
  shortOrder: Uint32Array;
}

/** Explicit positions for `createPopulation` (parallel arrays). */
export interface PopulationInput {
  price: number;
  /** +1 long, −1 short. */
  side: ArrayLike<number>;
  entry: ArrayLike<number>;
  notional: ArrayLike<number>;
  leverage: ArrayLike<number>;
  maintenanceMargin: number | ArrayLike<number>;
}

/** Sort the longs and shorts of a population by liquidation price (internal helper, also used after funding). */
export function ladderOrders(side: Int8Array, liquidation: Float64Array): { longOrder: Uint32Array; shortOrder: Uint32Array } {
  let nL = 0;
  for (let i = 0; i < side.length; i++) if (side[i] === 1) nL++;
  const longs = new Uint32Array(nL);
  const shorts = new Uint32Array(side.length - nL);
  for (let i = 0, a = 0, b = 0; i < side.length; i++) {
    if (side[i] === 1) longs[a++] = i;
    else shorts[b++] = i;
  }
  const longOrder = argsortNonNegative(liquidation, longs).reverse();
  const shortOrder = argsortNonNegative(liquidation, shorts);
  return { longOrder, shortOrder };
}

/**
 * Build a population from explicit positions (validated): side ±1, entry > 0,
 * notional > 0, 1 < leverage ≤ 125, 0 ≤ m < 1/leverage. Positions already
 * past their liquidation price at `price` are allowed; a cascade liquidates
 * them in its first round even without a shock.
 */
export function createPopulation(input: PopulationInput): Population {
  if (!input || typeof input !== 'object') throw new EngineInputError('invalid-shape', 'population input must be an object', 'population');
  const price = requirePositive(input.price, 'price');
  const n = input.side?.length;
  if (typeof n !== 'number') throw new EngineInputError('invalid-shape', 'side must be an array', 'side');
  for (const key of ['entry', 'notional', 'leverage'] as const) {
    if (input[key]?.length !== n) throw new EngineInputError('invalid-shape', `${key} must have the same length as side (${n})`, key);
  }
  const mmIn = input.maintenanceMargin;
  if (typeof mmIn !== 'number' && mmIn?.length !== n) {
    throw new EngineInputError('invalid-shape', `maintenanceMargin must be a number or an array of length ${n}`, 'maintenanceMargin');
  }
  const side = new Int8Array(n);
  const entry = new Float64Array(n);
  const quantity = new Float64Array(n);
  const notional = new Float64Array(n);
  const margin = new Float64Array(n);
  const leverage = new Float64Array(n);
  const maintenanceMargin = new Float64Array(n);
  const liquidation = new Float64Array(n);
  const bankruptcy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = input.side[i];
    if (s !== 1 && s !== -1) throw new EngineInputError('invalid-parameter', `side[${i}] must be +1 (long) or -1 (short) (got ${String(s)})`, 'side');
    const P0 = input.entry[i]!;
    const N = input.notional[i]!;
    const L = input.leverage[i]!;
    const m = typeof mmIn === 'number' ? mmIn : mmIn[i]!;
    if (!(P0 > 0) || !Number.isFinite(P0)) throw new EngineInputError('out-of-range', `entry[${i}] must be a positive price (got ${P0})`, 'entry');
    if (!(N > 0) || !Number.isFinite(N)) throw new EngineInputError('out-of-range', `notional[${i}] must be positive (got ${N})`, 'notional');
    if (!(L > 1 && L <= MAX_LEVERAGE)) {
      throw new EngineInputError('out-of-range', `leverage[${i}] must be in (1, ${MAX_LEVERAGE}] (got ${L})`, 'leverage');
    }
    if (!(m >= 0 && m < 1 / L)) {
      throw new EngineInputError('out-of-range', `maintenanceMargin[${i}] must be in [0, 1/leverage) = [0, ${1 / L}) (got ${m})`, 'maintenanceMargin');
    }
    side[i] = s;
    entry[i] = P0;
    notional[i] = N;
    quantity[i] = N / P0;
    margin[i] = N / L;
    leverage[i] = L;
    maintenanceMargin[i] = m;
    liquidation[i] = s === 1 ? (P0 * (1 - 1 / L)) / (1 - m) : (P0 * (1 + 1 / L)) / (1 + m);
    bankruptcy[i] = s === 1 ? P0 * (1 - 1 / L) : P0 * (1 + 1 / L);
  }
  const { longOrder, shortOrder } = ladderOrders(side, liquidation);
  return { price, count: n, side, entry, quantity, notional, margin, leverage, maintenanceMargin, liquidation, bankruptcy, longOrder, shortOrder };
}

/** Tier weights tilted by (L/10)^tilt and normalised to a cumulative distribution. */
function tierCdf(tiers: readonly number[], weights: readonly number[], tilt: number): Float64Array {
  const cdf = new Float64Array(tiers.length);
  let acc = 0;
  for (let i = 0; i < tiers.length; i++) {
    acc += weights[i]! * Math.pow(tiers[i]! / 10, tilt);
    cdf[i] = acc;
  }
  for (let i = 0; i < cdf.length; i++) cdf[i] = cdf[i]! / acc;
  cdf[cdf.length - 1] = 1;
  return cdf;
}

/** Largest number of entry draws per position before falling back to the current price. */
export const MAX_ENTRY_DRAWS = 16;

/**
 * Seeded synthetic population (see the module comment). Same params and seed →
 * identical arrays. Sides, tiers, sizes and entries come from four forked
 * streams, so moving one slider leaves the other draws in place.
 * `options.tiers` replaces the default tiers (leverage in (1, 125], weights > 0).
 */
export function generatePopulation(
  params: Partial<PopulationParams>,
  seed: number,
  options: { tiers?: readonly { leverage: number; weight: number }[] } = {},
): Population {
  const p = resolveParams(populationSpec, params, 'generatePopulation');
  const rng = createRng(seed);
  const tiers = options.tiers ? options.tiers.map((t) => t.leverage) : LEVERAGE_TIERS;
  const weights = options.tiers ? options.tiers.map((t) => t.weight) : DEFAULT_TIER_WEIGHTS;
  if (tiers.length === 0) throw new EngineInputError('invalid-shape', 'tiers must not be empty', 'tiers');
  tiers.forEach((L, i) => {
    if (!(L > 1 && L <= MAX_LEVERAGE)) throw new EngineInputError('out-of-range', `tier leverage must be in (1, ${MAX_LEVERAGE}] (got ${L})`, 'tiers');
    if (!(p.maintenanceMargin < 1 / L)) {
      throw new EngineInputError('out-of-range', `maintenance margin ${p.maintenanceMargin} must be below 1/${L} for tier ${L}×`, 'maintenanceMargin');
    }
    if (!(weights[i]! > 0) || !Number.isFinite(weights[i]!)) throw new EngineInputError('out-of-range', 'tier weights must be positive', 'tiers');
  });
  const cdf = tierCdf(tiers, weights, p.leverageTilt);
  const sideRng = rng.fork(1);
  const tierRng = rng.fork(2);
  const sizeRng = rng.fork(3);
  const entryRng = rng.fork(4);
  const n = p.positions;
  const P = p.price;
  const m = p.maintenanceMargin;
  const side = new Int8Array(n);
  const entry = new Float64Array(n);
  const notional = new Float64Array(n);
  const leverage = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = sideRng.next() < p.longShare ? 1 : -1;
    const u = tierRng.next();
    let k = 0;
    while (k < cdf.length - 1 && u >= cdf[k]!) k++; // at most tiers.length steps
    const L = tiers[k]!;
    const N = p.medianNotional * Math.exp(p.sizeDispersion * sizeRng.normal());
    // Survivors only: a long survives at P iff its entry is below P·(1 − m)/(1 − 1/L); a short iff above P·(1 + m)/(1 + 1/L).
    let P0 = P;
    if (entryRng.next() >= p.recentShare && p.entrySpread > 0) {
      const limit = s === 1 ? (P * (1 - m)) / (1 - 1 / L) : (P * (1 + m)) / (1 + 1 / L);
      for (let draw = 0; draw < MAX_ENTRY_DRAWS; draw++) {
        const candidate = P * Math.exp(p.entrySpread * entryRng.normal());
        if (s === 1 ? candidate < limit : candidate > limit) {
          P0 = candidate;
          break;
        }
      }
    }
    side[i] = s;
    entry[i] = P0;
    notional[i] = N;
    leverage[i] = L;
  }
  return createPopulation({ price: P, side, entry, notional, leverage, maintenanceMargin: m });
}

/** Total notional of longs and shorts ($), and the open interest. */
export function populationSummary(pop: Population): { longNotional: number; shortNotional: number; longs: number; shorts: number } {
  let longNotional = 0;
  let shortNotional = 0;
  for (let i = 0; i < pop.count; i++) {
    if (pop.side[i] === 1) longNotional += pop.notional[i]!;
    else shortNotional += pop.notional[i]!;
  }
  return { longNotional, shortNotional, longs: pop.longOrder.length, shorts: pop.shortOrder.length };
}
