/**
 * Liquidation map ("liquidation heatmap" in practitioners' dashboards): how
 * much notional would be force-closed at each price level, longs below the
 * current price and shorts above it, plus the cumulative curves from the
 * current price outwards ("if the price reaches this level, this much has
 * been liquidated"), which is what a trader reads to see where a cascade
 * could start and how large it could get.
 *
 * Notional is counted at entry (quantity × entry price), as everywhere in
 * the leverage engine. Static map: it ignores that liquidations themselves
 * move the price (that is the cascade's job).
 *
 * Source: the engine's own aggregation of the binding liquidation-price
 * convention (models.md); data vendors' heatmaps estimate the positions
 * themselves from open interest and assumed leverage, a methodology the
 * project's notes do not document [unverified], so no vendor figure is used.
 */
import { EngineInputError, requireInteger, requirePositive } from '../core/errors';
import type { Population } from './population';

/** Binning of the liquidation map. */
export interface LiquidationMapOptions {
  /** Number of equal-width price bins (1 … 100,000). */
  bins: number;
  /** [low, high] price range of the map ($), 0 ≤ low < high. */
  range: [number, number];
  /** Price the cumulative curves start from; defaults to the population's price. */
  currentPrice?: number;
}

/** Liquidation notional by price bin, and cumulative from the current price outwards. */
export interface LiquidationMap {
  /** Bin edges, length bins + 1. */
  edges: Float64Array;
  /** Bin centres, length bins. */
  centers: Float64Array;
  /** Long notional whose liquidation price falls in each bin ($). */
  long: Float64Array;
  /** Short notional whose liquidation price falls in each bin ($). */
  short: Float64Array;
  /**
   * Long notional liquidated if the price falls from `currentPrice` to the
   * bin's lower edge: Σ long notional with lowerEdge ≤ P_liq ≤ current. Zero for bins whose lower edge is above the current price.
   */
  cumulativeLong: Float64Array;
  /** Short notional liquidated if the price rises to the bin's upper edge: Σ short notional with current ≤ P_liq ≤ upperEdge. */
  cumulativeShort: Float64Array;
  currentPrice: number;
  /** Notional with liquidation prices outside the range (not in any bin). */
  outside: { long: number; short: number };
}

/**
 * Bin the population's liquidation prices (one pass over the typed arrays,
 * O(n + bins)). Bins are half-open [e_j, e_{j+1}) except the last, which
 * includes the upper end.
 */
export function liquidationMap(pop: Population, options: LiquidationMapOptions): LiquidationMap {
  const bins = requireInteger(options?.bins, 1, 100_000, 'bins');
  const range = options.range;
  if (!Array.isArray(range) || range.length !== 2) throw new EngineInputError('invalid-shape', 'range must be [low, high]', 'range');
  const lo = range[0];
  const hi = range[1];
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo < 0 || !(hi > lo)) {
    throw new EngineInputError('out-of-range', `range must satisfy 0 ≤ low < high (got [${lo}, ${hi}])`, 'range');
  }
  const current = options.currentPrice === undefined ? pop.price : requirePositive(options.currentPrice, 'currentPrice');
  const width = (hi - lo) / bins;
  const edges = new Float64Array(bins + 1);
  const centers = new Float64Array(bins);
  for (let j = 0; j <= bins; j++) edges[j] = lo + j * width;
  edges[bins] = hi;
  for (let j = 0; j < bins; j++) centers[j] = 0.5 * (edges[j]! + edges[j + 1]!);
  const long = new Float64Array(bins);
  const short = new Float64Array(bins);
  // Only positions on the "live" side of the current price enter the cumulative curves.
  const longLive = new Float64Array(bins);
  const shortLive = new Float64Array(bins);
  let outLong = 0;
  let outShort = 0;
  const { side, liquidation, notional } = pop;
  const inv = 1 / width;
  for (let i = 0; i < pop.count; i++) {
    const p = liquidation[i]!;
    const N = notional[i]!;
    const isLong = side[i] === 1;
    if (p < lo || p > hi) {
      if (isLong) outLong += N;
      else outShort += N;
      continue;
    }
    let j = Math.floor((p - lo) * inv);
    if (j >= bins) j = bins - 1;
    // Guard against rounding at an edge: make e_j ≤ p < e_{j+1} hold exactly.
    if (j > 0 && p < edges[j]!) j--;
    else if (j < bins - 1 && p >= edges[j + 1]!) j++;
    if (isLong) {
      long[j]! += N;
      if (p <= current) longLive[j]! += N;
    } else {
      short[j]! += N;
      if (p >= current) shortLive[j]! += N;
    }
  }
  const cumulativeLong = new Float64Array(bins);
  const cumulativeShort = new Float64Array(bins);
  let acc = 0;
  for (let j = bins - 1; j >= 0; j--) {
    if (edges[j]! > current) continue;
    acc += longLive[j]!;
    cumulativeLong[j] = acc;
  }
  acc = 0;
  for (let j = 0; j < bins; j++) {
    if (edges[j + 1]! < current) continue;
    acc += shortLive[j]!;
    cumulativeShort[j] = acc;
  }
  return { edges, centers, long, short, cumulativeLong, cumulativeShort, currentPrice: current, outside: { long: outLong, short: outShort } };
}
