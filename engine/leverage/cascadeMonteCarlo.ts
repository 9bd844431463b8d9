/**
 * Monte Carlo over random markets: how large do liquidation cascades get when
 * the shocks that start them are small and thin-tailed?
 *
 * Each run draws
 *   - a population (`generatePopulation`) whose share of longs, leverage
 *     appetite, entry spread and share opened at the current price are
 *     uniform on the ranges of `CASCADE_MC_RANGES` (markets that look alike
 *     from outside but differ in where their liquidation prices cluster);
 *   - a downward news shock s ~ Exponential(mean `meanShock`), capped at the
 *     cascade spec's maximum (50 %): a thin (exponential) tail;
 * and runs the cascade by rounds (`cascade.ts`) on a book whose depth is
 * scaled to the market's size: the book parameters describe a market of
 * `CASCADE_MC_REFERENCE_POSITIONS` positions (the population spec's default), and a run
 * with n positions gets n / CASCADE_MC_REFERENCE_POSITIONS times the resting depth, so
 * the ratio of open interest to depth is the same at every size.
 *
 * It records, on a fixed log-spaced grid of sizes x, the share of runs whose
 * shock exceeded x and the share whose final move (dislocation) exceeded x:
 * the two complementary distribution functions. Where the second lies far
 * above the first in the tail, the cascade has turned thin-tailed news into
 * heavy-tailed price moves.
 *
 * Generator for a Web Worker: yields `{ done, total, partial }` after every
 * run (the partial summary has constant size) and returns the final summary
 * with quantiles. Deterministic by seed: run k uses population seed
 * hash(seed, k) and the k-th draws of one stream.
 *
 * The parameter ranges are illustrative choices for the book's figure, not
 * estimates from venue data.
 */
import { defineParams, type ParamValues } from '../core/params';
import { createRng, hashInts } from '../core/random';
import { cascade, cascadeSpec } from './cascade';
import { createOrderBook, orderBookSpec, type OrderBook, type OrderBookParams } from './orderBook';
import { generatePopulation, populationSpec } from './population';
import { resolveParams } from './validate';

/** Size of the market the book parameters describe (the population spec's default). */
export const CASCADE_MC_REFERENCE_POSITIONS = populationSpec.positions.default;

/** Ranges of the population parameters drawn for each simulated market (uniform). */
export const CASCADE_MC_RANGES = {
  longShare: [0.3, 0.8],
  leverageTilt: [-1, 1.5],
  entrySpread: [0.02, 0.15],
  recentShare: [0.1, 0.5],
} as const;

/** Sizes (fractions) at which the complementary distributions are recorded: 0.1 % to 50 %, log-spaced. */
export const CASCADE_MC_GRID: readonly number[] = Array.from({ length: 41 }, (_, i) => 0.001 * Math.pow(500, i / 40));

/** Parameters of the Monte Carlo. */
export const cascadeMonteCarloSpec = defineParams({
  runs: {
    label: 'Markets simulated',
    min: 10,
    max: 5_000,
    step: 10,
    default: 1_000,
    integer: true,
    description: 'Number of random markets, each hit by one random shock.',
  },
  positions: {
    label: 'Positions per market',
    min: 500,
    max: 20_000,
    step: 500,
    default: 2_000,
    integer: true,
    description: 'Open positions in each simulated market (the book is scaled with it).',
  },
  meanShock: {
    label: 'Mean shock',
    display: 'percent',
    unit: '%',
    min: 0.002,
    max: 0.05,
    step: 0.001,
    default: 0.01,
    description: 'Mean of the exponential distribution of the initial shocks.',
  },
  seed: {
    label: 'Seed',
    min: 1,
    max: 1_000_000,
    step: 1,
    default: 1,
    integer: true,
    description: 'Seed of the random markets and shocks.',
  },
});

/** Values of `cascadeMonteCarloSpec`. */
export type CascadeMonteCarloParams = ParamValues<typeof cascadeMonteCarloSpec>;

/** Input of `cascadeMonteCarlo`: the Monte Carlo parameters and the order book of a reference-size market. */
export type CascadeMonteCarloInput = Partial<CascadeMonteCarloParams> & { book?: Partial<OrderBookParams> };

/** Summary of the runs so far (constant size, safe to post from a worker). */
export interface CascadeMonteCarloSummary {
  /** Runs completed. */
  runs: number;
  /** Runs requested. */
  total: number;
  /** The grid of sizes (fractions), `CASCADE_MC_GRID`. */
  grid: number[];
  /** Share of runs whose initial shock exceeded each grid size. */
  shockExceed: number[];
  /** Share of runs whose final move exceeded each grid size. */
  moveExceed: number[];
  meanShock: number;
  meanMove: number;
  largestShock: number;
  largestMove: number;
  /** The market the runs describe (resolved inputs), so a figure can tell whether a result matches its settings. */
  market: { positions: number; meanShock: number; seed: number; profile: OrderBookParams['profile']; depth: number };
  /** Quantiles of the final move (only in the final result). */
  moveQuantiles?: { p50: number; p90: number; p99: number };
  /** Quantiles of the amplification final move / shock (only in the final result). */
  amplificationQuantiles?: { p50: number; p90: number; p99: number };
}

function quantileSorted(xs: Float64Array, p: number): number {
  if (xs.length === 0) return 0;
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(xs.length - 1, lo + 1);
  return xs[lo]! + (h - lo) * (xs[hi]! - xs[lo]!);
}

/** The order book of a market with `positions` positions, from the parameters of a reference-size market. */
export function scaledCascadeBook(book: Partial<OrderBookParams> | undefined, positions: number, price: number): OrderBook {
  const base = createOrderBook(book ?? {}, price);
  return { ...base, depthUnits: (base.depthUnits * positions) / CASCADE_MC_REFERENCE_POSITIONS };
}

/** Monte Carlo of cascade sizes over random markets (see the module comment). */
export function* cascadeMonteCarlo(input?: CascadeMonteCarloInput): Generator<{ done: number; total: number; partial: CascadeMonteCarloSummary }, CascadeMonteCarloSummary> {
  const p = resolveParams(cascadeMonteCarloSpec, input, 'cascadeMonteCarlo');
  const price = populationSpec.price.default;
  const bookParams = resolveParams(orderBookSpec, input?.book, 'cascadeMonteCarlo');
  const book = scaledCascadeBook(bookParams, p.positions, price);
  const market = { positions: p.positions, meanShock: p.meanShock, seed: p.seed, profile: bookParams.profile, depth: bookParams.depth };
  const rng = createRng(p.seed);
  const grid = CASCADE_MC_GRID.slice();
  const shockCount = new Array<number>(grid.length).fill(0);
  const moveCount = new Array<number>(grid.length).fill(0);
  const moves = new Float64Array(p.runs);
  const amps = new Float64Array(p.runs);
  let sumShock = 0;
  let sumMove = 0;
  let largestShock = 0;
  let largestMove = 0;
  const maxShock = cascadeSpec.shock.max;
  const summary = (done: number): CascadeMonteCarloSummary => ({
    runs: done,
    total: p.runs,
    grid,
    shockExceed: shockCount.map((c) => (done > 0 ? c / done : 0)),
    moveExceed: moveCount.map((c) => (done > 0 ? c / done : 0)),
    meanShock: done > 0 ? sumShock / done : 0,
    meanMove: done > 0 ? sumMove / done : 0,
    largestShock,
    largestMove,
    market,
  });
  const R = CASCADE_MC_RANGES;
  for (let k = 0; k < p.runs; k++) {
    const pop = generatePopulation(
      {
        positions: p.positions,
        price,
        longShare: rng.uniform(R.longShare[0], R.longShare[1]),
        leverageTilt: rng.uniform(R.leverageTilt[0], R.leverageTilt[1]),
        entrySpread: rng.uniform(R.entrySpread[0], R.entrySpread[1]),
        recentShare: rng.uniform(R.recentShare[0], R.recentShare[1]),
      },
      hashInts(p.seed, k),
    );
    const shock = Math.min(maxShock, rng.exponential(1 / p.meanShock));
    const r = cascade(pop, book, { shock, direction: 'down', shockKind: 'news' });
    const move = r.dislocation;
    moves[k] = move;
    amps[k] = shock > 0 ? move / shock : 1;
    sumShock += shock;
    sumMove += move;
    largestShock = Math.max(largestShock, shock);
    largestMove = Math.max(largestMove, move);
    for (let j = 0; j < grid.length; j++) {
      if (shock > grid[j]!) shockCount[j]!++;
      if (move > grid[j]!) moveCount[j]!++;
    }
    yield { done: k + 1, total: p.runs, partial: summary(k + 1) };
  }
  const out = summary(p.runs);
  const sm = moves.slice().sort();
  const sa = amps.slice().sort();
  out.moveQuantiles = { p50: quantileSorted(sm, 0.5), p90: quantileSorted(sm, 0.9), p99: quantileSorted(sm, 0.99) };
  out.amplificationQuantiles = { p50: quantileSorted(sa, 0.5), p90: quantileSorted(sa, 0.9), p99: quantileSorted(sa, 0.99) };
  return out;
}

/** Synchronous version of `cascadeMonteCarlo` (for a small default computed at build time, and for tests). */
export function runCascadeMonteCarlo(input?: CascadeMonteCarloInput): CascadeMonteCarloSummary {
  const it = cascadeMonteCarlo(input);
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
  }
}
