/**
 * Procyclicality metrics of a margin series, after the two kinds of measure proposed by
 * Murphy, Vasios & Vause (2014), "An investigation into the procyclicality of risk-based initial margin
 * models", Bank of England Financial Stability Paper No. 29 — "one that examines margin variation across
 * the cycle and one that focuses on short-term margin increases" (abstract). The exact definitions used
 * here are the plain readings of those two ideas (the paper's own formulas were not checked):
 *   peak-to-trough ratio = max_t IM_t / min_t IM_t over the window;
 *   largest n-day increase = max_t (IM_t − IM_{t−n}), also reported as a ratio IM_t/IM_{t−n} − 1;
 *   worst-day call = max_t [max(0, IM_t − IM_{t−1}) + VM_t], the largest single-day margin call
 *   (initial-margin increase plus, when given, that day's variation margin).
 */
import { defineParams, type ParamValues } from '../core/params';
import { EngineInputError, requireInteger } from '../core/errors';
import { requireReturnSeries } from './volatility';

/** Slider specification of the procyclicality metrics (the n of the n-day increase). */
export const procyclicalityParams = defineParams({
  horizonDays: {
    label: 'Increase horizon',
    symbol: 'n',
    unit: 'days',
    min: 1,
    max: 60,
    step: 1,
    default: 5,
    integer: true,
    description: 'Window over which the largest margin increase is measured (a liquidity-planning horizon).',
  },
});
/** Values of `procyclicalityParams`. */
export type ProcyclicalityParams = ParamValues<typeof procyclicalityParams>;

/** Output of `procyclicalityMetrics` (margins in the series' units, days as indices). */
export interface ProcyclicalityMetrics {
  peak: number;
  trough: number;
  /** peak/trough; Infinity when the trough is 0 and the peak positive. */
  peakToTrough: number;
  /** Largest n-day increase IM_t − IM_{t−n} (≤ 0 if margins never rise over n days). */
  maxIncrease: number;
  /** Day t (end of the window) of the largest n-day increase. */
  maxIncreaseDay: number;
  /** Largest relative n-day increase IM_t/IM_{t−n} − 1 over days with IM_{t−n} > 0 (0 if none). */
  maxIncreaseRatio: number;
  /** Largest one-day call: max(0, ΔIM_t) + VM_t. */
  worstDayCall: number;
  worstDay: number;
}

/**
 * Procyclicality metrics of a margin series on the days [from, to) (default: the whole series).
 * Throws EngineInputError when the window is not longer than `horizonDays` (no n-day change exists),
 * when a margin is negative, or when the margins are zero throughout (a series with no variance: the
 * peak-to-trough ratio 0/0 has no meaning).
 */
export function procyclicalityMetrics(
  margins: ArrayLike<number>,
  opts: { horizonDays?: number; from?: number; to?: number; variation?: ArrayLike<number> } = {},
): ProcyclicalityMetrics {
  requireReturnSeries(margins, 'margins');
  const n = margins.length;
  const from = requireInteger(opts.from ?? 0, 0, n - 1, 'from');
  const to = requireInteger(opts.to ?? n, from + 1, n, 'to');
  const h = requireInteger(opts.horizonDays ?? 5, 1, 100_000, 'horizonDays');
  if (to - from <= h) {
    throw new EngineInputError('invalid-shape', `need more than ${h} days of margins to measure an ${h}-day increase (got ${to - from})`, 'margins');
  }
  const vm = opts.variation;
  if (vm !== undefined) {
    requireReturnSeries(vm, 'variation');
    if (vm.length !== n) throw new EngineInputError('invalid-shape', `variation must have the margins' length ${n} (got ${vm.length})`, 'variation');
  }
  let peak = -Infinity;
  let trough = Infinity;
  for (let t = from; t < to; t++) {
    const m = margins[t]!;
    if (m < 0) throw new EngineInputError('out-of-range', `margins must be non-negative (day ${t}: ${m})`, 'margins');
    if (m > peak) peak = m;
    if (m < trough) trough = m;
  }
  if (peak === 0) {
    throw new EngineInputError('out-of-range', 'margins are zero throughout (a series with no variance): the peak-to-trough ratio is undefined', 'margins');
  }
  const peakToTrough = trough > 0 ? peak / trough : Infinity;

  let maxIncrease = -Infinity;
  let maxIncreaseDay = from + h;
  let maxIncreaseRatio = 0;
  for (let t = from + h; t < to; t++) {
    const d = margins[t]! - margins[t - h]!;
    if (d > maxIncrease) {
      maxIncrease = d;
      maxIncreaseDay = t;
    }
    const base = margins[t - h]!;
    if (base > 0) {
      const r = margins[t]! / base - 1;
      if (r > maxIncreaseRatio) maxIncreaseRatio = r;
    }
  }

  let worstDayCall = -Infinity;
  let worstDay = from + 1;
  for (let t = from + 1; t < to; t++) {
    const d = margins[t]! - margins[t - 1]!;
    const call = (d > 0 ? d : 0) + (vm ? vm[t]! : 0);
    if (call > worstDayCall) {
      worstDayCall = call;
      worstDay = t;
    }
  }
  return { peak, trough, peakToTrough, maxIncrease, maxIncreaseDay, maxIncreaseRatio, worstDayCall, worstDay };
}
