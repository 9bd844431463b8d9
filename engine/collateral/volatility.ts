/**
 * Volatility estimators used by the margin models: the RiskMetrics EWMA and a
 * rolling (equally weighted) window. Both assume a zero mean for daily returns,
 * as RiskMetrics does, so a series of zero returns has zero estimated volatility.
 *
 * Index convention: out[t] is the estimate after observing r_0 … r_t, i.e. the
 * forecast for day t + 1 that a CCP uses to set the margin at the end of day t.
 */
import { defineParams, type ParamValues } from '../core/params';
import { EngineInputError, requireFinite, requireInteger } from '../core/errors';

/** Decay factor the RiskMetrics Technical Document recommends for daily data. */
export const RISKMETRICS_DAILY_LAMBDA = 0.94;

/** Days used by default to seed the EWMA recursion (mean of the first squared returns). */
export const EWMA_SEED_DAYS = 20;

/** Slider specification of the EWMA decay factor. */
export const ewmaParams = defineParams({
  lambda: {
    label: 'EWMA decay factor',
    symbol: '\\lambda',
    min: 0.8,
    max: 0.995,
    step: 0.005,
    default: RISKMETRICS_DAILY_LAMBDA,
    description: 'Weight of yesterday’s variance estimate; 0.94 is the RiskMetrics choice for daily data. Lower reacts faster.',
  },
});
/** Values of `ewmaParams`. */
export type EwmaParams = ParamValues<typeof ewmaParams>;

/** Slider specification of the rolling-window length. */
export const rollingWindowParams = defineParams({
  window: {
    label: 'Lookback window',
    symbol: 'W',
    unit: 'days',
    min: 10,
    max: 1260,
    step: 10,
    default: 250,
    integer: true,
    description: 'Number of most recent daily returns weighted equally (250 ≈ one year).',
  },
});
/** Values of `rollingWindowParams`. */
export type RollingWindowParams = ParamValues<typeof rollingWindowParams>;

/** Throw unless the series is non-empty and every entry is finite. */
export function requireReturnSeries(returns: ArrayLike<number>, param = 'returns'): void {
  if (!returns || typeof returns.length !== 'number' || returns.length === 0) {
    throw new EngineInputError('invalid-shape', `${param} must be a non-empty series of numbers`, param);
  }
  for (let i = 0; i < returns.length; i++) {
    const x = returns[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new EngineInputError('not-finite', `${param}[${i}] must be a finite number (got ${String(x)})`, param);
    }
  }
}

/** Options of `ewmaVariance`. */
export interface EwmaOptions {
  /** Decay factor λ, strictly between 0 and 1 (default 0.94). */
  lambda?: number;
  /**
   * Variance before the first observation, s²₋₁. Default: the mean of r² over the first
   * min(n, 20) days (a short look-ahead confined to the warm-up, documented here).
   */
  initialVariance?: number;
}

/**
 * RiskMetrics exponentially weighted moving average of squared returns
 * (J.P. Morgan/Reuters, RiskMetrics — Technical Document, 4th ed., New York, 1996, Chapter 5,
 * §5.2 "EWMA" and §5.3 on the choice of the decay factor; λ = 0.94 for daily data):
 *   σ²_{t+1|t} = λ σ²_{t|t−1} + (1 − λ) r²_t,
 * which is the brief's σ²_t = λσ²_{t−1} + (1−λ) r²_{t−1} with the index shifted so that out[t] uses r_t.
 * Returns variances (daily², Float64Array of the series' length). λ outside (0, 1) is an EngineInputError.
 * A zero series gives zero variance (and so zero margin): that is the estimator's honest answer.
 */
export function ewmaVariance(returns: ArrayLike<number>, opts: EwmaOptions = {}): Float64Array {
  requireReturnSeries(returns);
  const lambda = opts.lambda ?? RISKMETRICS_DAILY_LAMBDA;
  requireFinite(lambda, 'lambda');
  if (!(lambda > 0 && lambda < 1))
    throw new EngineInputError('out-of-range', `EWMA decay factor lambda must lie strictly between 0 and 1 (got ${lambda})`, 'lambda');
  const n = returns.length;
  let v: number;
  if (opts.initialVariance !== undefined) {
    v = requireFinite(opts.initialVariance, 'initialVariance');
    if (v < 0) throw new EngineInputError('out-of-range', `initialVariance must be zero or positive (got ${v})`, 'initialVariance');
  } else {
    const m = Math.min(n, EWMA_SEED_DAYS);
    let s = 0;
    for (let i = 0; i < m; i++) s += returns[i]! * returns[i]!;
    v = s / m;
  }
  const out = new Float64Array(n);
  const w = 1 - lambda;
  for (let t = 0; t < n; t++) {
    const r = returns[t]!;
    v = lambda * v + w * r * r;
    out[t] = v;
  }
  return out;
}

/** EWMA volatility: the square root of `ewmaVariance` (daily, in return units). */
export function ewmaVolatility(returns: ArrayLike<number>, opts: EwmaOptions = {}): Float64Array {
  const v = ewmaVariance(returns, opts);
  for (let i = 0; i < v.length; i++) v[i] = Math.sqrt(v[i]!);
  return v;
}

/**
 * Equally weighted zero-mean variance over the last W days:
 *   σ²_t = (1/m) Σ_{k=t−m+1}^{t} r²_k,  m = min(W, t + 1)
 * (an expanding window until W observations exist). O(n): a running sum, recomputed exactly
 * every W days so that rounding cannot accumulate; clamped at 0 against cancellation.
 */
export function rollingVariance(returns: ArrayLike<number>, window: number): Float64Array {
  requireReturnSeries(returns);
  const W = requireInteger(window, 1, 1e7, 'window');
  const n = returns.length;
  const out = new Float64Array(n);
  let s = 0;
  for (let t = 0; t < n; t++) {
    const r = returns[t]!;
    s += r * r;
    if (t >= W) {
      const old = returns[t - W]!;
      s -= old * old;
    }
    if (t >= W && (t + 1) % W === 0) {
      // Exact recomputation of the window sum (bounds floating-point drift; amortised O(1)).
      s = 0;
      for (let k = t - W + 1; k <= t; k++) s += returns[k]! * returns[k]!;
    }
    const m = t + 1 < W ? t + 1 : W;
    out[t] = s > 0 ? s / m : 0;
  }
  return out;
}

/** Rolling-window volatility: the square root of `rollingVariance`. */
export function rollingVolatility(returns: ArrayLike<number>, window: number): Float64Array {
  const v = rollingVariance(returns, window);
  for (let i = 0; i < v.length; i++) v[i] = Math.sqrt(v[i]!);
  return v;
}
