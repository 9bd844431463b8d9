/**
 * The threshold cascade: a population of leveraged holders, each forced to sell
 * once the price has fallen past its own liquidation threshold.
 *
 * Holder i has a threshold d_i (a fall, as a fraction of the starting price,
 * at which its margin is exhausted) and a position of size q_i ($M). Forced
 * sales move the price linearly: Q $M sold moves it by 0.01·Q/D, where D is
 * the market depth in $M per 1 % move. Starting from a shock s, the cumulative
 * fall after round r is
 *
 *     x_{r+1} = s + 0.01 · V(x_r) / D,     V(x) = Σ_{i : d_i ≤ x} q_i ,
 *
 * a monotone iteration that stops at the smallest fixed point x* ≥ s of
 * x = s + 0.01·V(x)/D. Because V is a step function, x* can jump when s moves
 * a little: once the first holders of a dense cluster are tripped, their sales
 * trip the rest. This is the threshold model of cascades familiar from
 * Granovetter (1978), "Threshold models of collective behavior", American
 * Journal of Sociology 83(6):1420–1443, and from power-grid failures; the
 * market version here (thresholds = liquidation prices, load = forced sales)
 * is the book's own minimal model.
 *
 * Termination: each round either liquidates at least one new holder or stops,
 * so there are at most N + 1 rounds for N holders.
 */
import { defineParams, type ParamValues } from '../core/params';
import { EngineInputError, requireInRange, requireInteger, requirePositive } from '../core/errors';
import { createRng } from '../core/random';

export const thresholdPopulationParams = defineParams({
  holders: {
    label: 'Leveraged holders',
    symbol: 'N',
    min: 10,
    max: 100_000,
    step: 10,
    default: 5000,
    integer: true,
    description: 'Number of leveraged positions in the market.',
  },
  totalNotional: {
    label: 'Total leveraged notional',
    unit: '$M',
    min: 0,
    max: 5000,
    step: 10,
    default: 600,
    description: 'Sum of all positions that can be force-sold.',
  },
  clusterCenter: {
    label: 'Cluster distance',
    unit: '%',
    display: 'percent',
    min: 0.01,
    max: 0.5,
    step: 0.005,
    default: 0.1,
    description: 'How far below today’s price the dense cluster of liquidation thresholds sits.',
  },
  clusterWidth: {
    label: 'Cluster spread',
    unit: '%',
    display: 'percent',
    min: 0.001,
    max: 0.1,
    step: 0.001,
    default: 0.01,
    description: 'Standard deviation of thresholds inside the cluster.',
  },
  clusterShare: {
    label: 'Share in the cluster',
    unit: '%',
    display: 'percent',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.6,
    description: 'Fraction of holders whose thresholds sit in the cluster; the rest are spread evenly.',
  },
  spreadMax: {
    label: 'Widest threshold',
    unit: '%',
    display: 'percent',
    min: 0.02,
    max: 0.9,
    step: 0.01,
    default: 0.4,
    description: 'Thresholds outside the cluster are spread evenly between 0.5 % and this fall.',
  },
  seed: {
    label: 'Seed',
    min: 0,
    max: 999_999,
    step: 1,
    default: 7,
    integer: true,
    description: 'Random seed for the population.',
  },
});

export const thresholdCascadeParams = defineParams({
  shock: {
    label: 'Initial shock',
    symbol: 's',
    unit: '%',
    display: 'percent',
    min: 0,
    max: 0.5,
    step: 0.001,
    default: 0.05,
    description: 'The first price fall, before any liquidation.',
  },
  depth: {
    label: 'Market depth',
    symbol: 'D',
    unit: '$M per 1 %',
    min: 1,
    max: 500,
    step: 1,
    default: 60,
    description: 'How much can be sold before the price falls by 1 %.',
  },
});

export type ThresholdPopulationParams = ParamValues<typeof thresholdPopulationParams>;
export type ThresholdCascadeParams = ParamValues<typeof thresholdCascadeParams>;

/** Holders sorted by threshold (ascending), with prefix sums of size for O(1) volume queries. */
export interface ThresholdPopulation {
  /** Liquidation thresholds (fraction of price fall), ascending. */
  thresholds: Float64Array;
  /** Position sizes ($M), aligned with `thresholds`. */
  sizes: Float64Array;
  /** cumulative[i] = Σ_{j<i} sizes[j]; length N + 1. */
  cumulative: Float64Array;
  total: number;
}

/** Smallest threshold drawn, so no holder is liquidated by a zero shock. */
const MIN_THRESHOLD = 0.005;

/**
 * Draw a population: a share of thresholds from a normal cluster (clipped to
 * [0.5 %, 99 %]), the rest uniform on [0.5 %, spreadMax]; sizes lognormal
 * (σ = 0.75) scaled to the total notional. Sizes are drawn independently of
 * thresholds, so they are drawn after sorting the thresholds (same
 * distribution, no index sort needed).
 */
export function thresholdPopulation(p: ThresholdPopulationParams): ThresholdPopulation {
  const n = requireInteger(p.holders, 1, 10_000_000, 'holders');
  const totalNotional = requireInRange(p.totalNotional, 0, 1e9, 'totalNotional');
  const centre = requireInRange(p.clusterCenter, 0, 0.99, 'clusterCenter');
  const width = requireInRange(p.clusterWidth, 0, 1, 'clusterWidth');
  const share = requireInRange(p.clusterShare, 0, 1, 'clusterShare');
  const spreadMax = requireInRange(p.spreadMax, MIN_THRESHOLD, 0.99, 'spreadMax');
  const rng = createRng(requireInteger(p.seed, 0, 0xffffffff, 'seed'));

  const thresholds = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let d: number;
    if (rng.next() < share) d = centre + width * rng.normal();
    else d = MIN_THRESHOLD + (spreadMax - MIN_THRESHOLD) * rng.next();
    thresholds[i] = Math.min(0.99, Math.max(MIN_THRESHOLD, d));
  }
  thresholds.sort();

  const sizes = new Float64Array(n);
  let raw = 0;
  for (let i = 0; i < n; i++) {
    const s = Math.exp(0.75 * rng.normal());
    sizes[i] = s;
    raw += s;
  }
  const scale = raw > 0 ? totalNotional / raw : 0;
  const cumulative = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    sizes[i] = sizes[i]! * scale;
    cumulative[i + 1] = cumulative[i]! + sizes[i]!;
  }
  return { thresholds, sizes, cumulative, total: cumulative[n]! };
}

export interface CascadeRound {
  round: number;
  /** Cumulative price fall at the start of this round (fraction). */
  move: number;
  /** Notional liquidated in this round ($M). */
  liquidated: number;
  /** Holders liquidated in this round. */
  accounts: number;
}

export interface ThresholdCascadeResult {
  shock: number;
  /** Final cumulative fall x* (fraction), at most 1. */
  finalMove: number;
  /** finalMove / shock (1 when nothing was liquidated; 0 shock gives 1). */
  amplification: number;
  liquidatedNotional: number;
  accountsLiquidated: number;
  /** Rounds in which someone was liquidated. */
  roundCount: number;
  /** True when forced sales alone would push the price to zero. */
  hitFloor: boolean;
  rounds: CascadeRound[];
}

/** Number of thresholds ≤ x, by binary search. */
function countAtOrBelow(thresholds: Float64Array, x: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (thresholds[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Run the cascade round by round from a shock. O(N) for the pointer walk plus
 * O(log N) per round; at most N + 1 rounds.
 */
export function thresholdCascade(pop: ThresholdPopulation, p: ThresholdCascadeParams): ThresholdCascadeResult {
  const shock = requireInRange(p.shock, 0, 1, 'shock');
  const depth = requirePositive(p.depth, 'depth');
  const { thresholds, cumulative } = pop;
  const n = thresholds.length;
  if (cumulative.length !== n + 1) throw new EngineInputError('invalid-shape', 'population arrays do not match', 'population');

  const perM = 0.01 / depth; // price fall per $M sold
  const rounds: CascadeRound[] = [];
  let x = shock;
  let k = 0; // holders liquidated so far (a prefix of the sorted array)
  let hitFloor = false;
  for (let r = 0; r <= n; r++) {
    const next = countAtOrBelow(thresholds, x);
    if (next <= k) break;
    const liquidated = cumulative[next]! - cumulative[k]!;
    rounds.push({ round: r + 1, move: x, liquidated, accounts: next - k });
    k = next;
    x = shock + perM * cumulative[k]!;
    if (x >= 1) {
      x = 1;
      hitFloor = true;
      k = n;
      break;
    }
  }
  return {
    shock,
    finalMove: x,
    amplification: shock > 0 ? x / shock : 1,
    liquidatedNotional: cumulative[k]!,
    accountsLiquidated: k,
    roundCount: rounds.length,
    hitFloor,
    rounds,
  };
}

/**
 * Final fall against shock size over a grid of shocks: the figure that shows
 * the jump. Reuses the sorted population, so a 200-point sweep over 100,000
 * holders is 200 pointer walks.
 */
export function cascadeResponseCurve(pop: ThresholdPopulation, depth: number, shocks: readonly number[]): { shock: number; finalMove: number; liquidated: number }[] {
  return shocks.map((shock) => {
    const r = thresholdCascade(pop, { shock, depth });
    return { shock, finalMove: r.finalMove, liquidated: r.liquidatedNotional };
  });
}

/**
 * Histogram of liquidation notional by threshold, for drawing the population
 * ("where the thresholds sit"). Bins of equal width on [0, maxMove].
 */
export function thresholdHistogram(pop: ThresholdPopulation, bins: number, maxMove: number): { from: number; to: number; notional: number; holders: number }[] {
  requireInteger(bins, 1, 10_000, 'bins');
  requirePositive(maxMove, 'maxMove');
  const out = Array.from({ length: bins }, (_, i) => ({ from: (i * maxMove) / bins, to: ((i + 1) * maxMove) / bins, notional: 0, holders: 0 }));
  const { thresholds, sizes } = pop;
  for (let i = 0; i < thresholds.length; i++) {
    const b = Math.floor((thresholds[i]! / maxMove) * bins);
    if (b >= 0 && b < bins) {
      out[b]!.notional += sizes[i]!;
      out[b]!.holders += 1;
    }
  }
  return out;
}

/**
 * The smallest shock (on a grid of step `resolution`) whose cascade liquidates
 * at least `fraction` of all notional. Null if no shock up to `maxShock` does.
 * Used by the "find the smallest shock that…" exercises.
 */
export function smallestShockLiquidating(pop: ThresholdPopulation, depth: number, fraction: number, maxShock = 0.5, resolution = 0.0005): number | null {
  requireInRange(fraction, 0, 1, 'fraction');
  const steps = Math.round(maxShock / resolution);
  for (let i = 0; i <= steps; i++) {
    const shock = i * resolution;
    if (thresholdCascade(pop, { shock, depth }).liquidatedNotional >= fraction * pop.total - 1e-9) return shock;
  }
  return null;
}
