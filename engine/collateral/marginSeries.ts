/**
 * Initial margin day by day, with and without the three anti-procyclicality (APC) options of
 * EMIR RTS — Commission Delegated Regulation (EU) No 153/2013, Article 28(1) (models.md §6.2, exact text):
 *   (a) "applying a margin buffer at least equal to 25 % of the calculated margins which it allows to be
 *       temporarily exhausted in periods where calculated margin requirements are rising significantly";
 *   (b) "assigning at least 25 % weight to stressed observations in the lookback period";
 *   (c) "ensuring that its margin requirements are not lower than those that would be calculated using
 *       volatility estimated over a 10 year historical lookback period".
 *
 * The regulation gives the principle, not the arithmetic. The readings used here (stated again on each tool):
 *   (b) σ²_blend,t = (1 − w)·σ²_t + w·σ²_stress,t with w ≥ 0.25 (models.md §6.2's "one reasonable reading");
 *   (c) IM_t = max(IM(σ_t), IM(σ_10y,t)), σ²_10y,t the zero-mean variance of the last 10×252 days
 *       (all available days while the history is shorter);
 *   (a) a buffer state machine: IM_t = (1 + b_t)·C_t with b_t ∈ [0, B], B ≥ 0.25 (see `applyMarginBuffer`).
 * When several tools are on, (b) changes the variance, (c) floors the resulting margin, and (a) is applied
 * on top of that floored "calculated margin".
 */
import { defineParams, type ParamValues } from '../core/params';
import { EngineInputError, requireInRange, requireInteger, requireNonNegative } from '../core/errors';
import { ewmaVariance, rollingVariance, requireReturnSeries, RISKMETRICS_DAILY_LAMBDA } from './volatility';
import { marginQuantileFactor, requireMpor, MPOR_OTC_DAYS, type MarginModel } from './initialMargin';
import { TRADING_DAYS_PER_YEAR } from './returns';

/** EMIR Art. 28(1)(a) and (b) minimum: 25 %. */
export const EMIR_APC_MIN_SHARE = 0.25;
/** EMIR Art. 28(1)(c) lookback: 10 years. */
export const EMIR_FLOOR_YEARS = 10;

/** Slider specifications of the three APC tools (one spec drives widgets, URLs and exercises). */
export const apcParams = defineParams({
  bufferFraction: {
    label: 'APC buffer',
    symbol: 'B',
    unit: '%',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0.25,
    display: 'percent',
    description: 'Buffer on top of the calculated margin in calm periods; EMIR option (a) requires at least 25 %.',
  },
  releaseThreshold: {
    label: 'Release trigger',
    symbol: 'g',
    unit: '%',
    min: 0.01,
    max: 2,
    step: 0.05,
    default: 0.5,
    display: 'percent',
    description: 'Rise of the calculated margin over the release lookback that counts as “rising significantly” and releases the buffer.',
  },
  releaseLookback: {
    label: 'Release lookback',
    symbol: 'h',
    unit: 'days',
    min: 1,
    max: 60,
    step: 1,
    default: 10,
    integer: true,
    description: 'Days over which the rise of the calculated margin is measured.',
  },
  rebuildDays: {
    label: 'Buffer rebuild time',
    symbol: 'R',
    unit: 'days',
    min: 1,
    max: 500,
    step: 1,
    default: 60,
    integer: true,
    description: 'Days to rebuild a fully used buffer once margins stop rising (linear rebuild).',
  },
  stressWeight: {
    label: 'Stress weight',
    symbol: 'w',
    unit: '%',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0.25,
    display: 'percent',
    description: 'Weight of stressed observations in the variance; EMIR option (b) requires at least 25 %.',
  },
  stressWindow: {
    label: 'Stress window',
    unit: 'days',
    min: 10,
    max: 1000,
    step: 10,
    default: 250,
    integer: true,
    description: 'Length of the stressed period: the most volatile window of this length seen so far.',
  },
  floorYears: {
    label: 'Floor lookback',
    unit: 'years',
    min: 1,
    max: 20,
    step: 1,
    default: EMIR_FLOOR_YEARS,
    integer: true,
    description: 'Years of history for the volatility floor; EMIR option (c) uses 10.',
  },
});
/** Values of `apcParams`. */
export type ApcParams = ParamValues<typeof apcParams>;

/** Option (a): a releasable buffer. */
export interface BufferToolOptions {
  /** Buffer B as a fraction of calculated margin (EMIR: ≥ 0.25). Default 0.25. */
  fraction?: number;
  /**
   * Relative rise g of the calculated margin over `releaseLookback` days that releases the buffer. Default 0.5:
   * an EWMA(0.94) volatility estimate has sampling noise of roughly 12 % even with constant true volatility, so a
   * smaller trigger would release the buffer on noise in calm periods (with g = 0.1 over 5 days the buffer was full on
   * only about 8 % of calm days of the default regime series; with 0.5 over 10 days, about 97 %).
   */
  releaseThreshold?: number;
  /** Lookback h in days for the rise test. Default 10. */
  releaseLookback?: number;
  /** Days R to rebuild the full buffer once margins stop rising. Default 60. */
  rebuildDays?: number;
}

/** Option (b): weight on stressed observations. */
export interface StressWeightToolOptions {
  /** Weight w of the stressed variance (EMIR: ≥ 0.25). Default 0.25. */
  weight?: number;
  /**
   * Daily volatility of the stressed observations (e.g. a historical crisis). When absent, the stressed
   * variance is that of the most volatile `window`-day window observed up to day t (no look-ahead).
   */
  stressVol?: number;
  /** Length of the stressed window in days. Default 250. */
  window?: number;
}

/** Option (c): a floor from long-lookback volatility. */
export interface FloorToolOptions {
  /** Lookback in years (EMIR: 10). Default 10. */
  years?: number;
  /** Trading days per year for the lookback. Default 252. */
  daysPerYear?: number;
  /** A given long-run daily volatility (when the series is shorter than the lookback). Default: estimated. */
  sigma?: number;
}

/** Which volatility estimator drives the calculated margin. */
export type VolatilityEstimator = { kind: 'ewma'; lambda?: number; initialVariance?: number } | { kind: 'rolling'; window: number };

/** Options of `marginSeries`. */
export interface MarginSeriesOptions {
  /** 'var' (default) or 'es'. */
  model?: MarginModel;
  /** Margin period of risk in days (default 5, OTC). */
  mpor?: number;
  /** Confidence level α (default 0.99). */
  confidence?: number;
  /** Position size; margins are in the same units (default 1: margin as a fraction of the position). */
  notional?: number;
  /** Volatility estimator (default RiskMetrics EWMA, λ = 0.94). */
  estimator?: VolatilityEstimator;
  /** APC tools to apply; `true` means the tool with its defaults. */
  apc?: { buffer?: BufferToolOptions | boolean; stressWeight?: StressWeightToolOptions | boolean; floor10y?: FloorToolOptions | boolean };
}

/** Buffer state: full (calm; margin = (1 + B)·calculated). */
export const BUFFER_FULL = 0;
/** Buffer state: being drawn down while calculated margins rise significantly. */
export const BUFFER_RELEASED = 1;
/** Buffer state: being rebuilt linearly after a release. */
export const BUFFER_REBUILDING = 2;

/** Output of the buffer tool (a). */
export interface BufferedMargin {
  margin: Float64Array;
  /** b_t, the buffer in use as a fraction of the calculated margin. */
  fraction: Float64Array;
  /** 0 full (margin = (1 + B)·C exactly), 1 released, 2 rebuilding. */
  state: Uint8Array;
}

/** Output of `marginSeries`: per-day arrays, with and without each APC tool. */
export interface MarginSeriesResult {
  /** Base daily volatility estimate σ_t. */
  sigma: Float64Array;
  /** Calculated margin without any APC tool, IM(σ_t). */
  calculated: Float64Array;
  /** Margin with tool (a) alone, and its buffer path; null when (a) is off. */
  buffer: BufferedMargin | null;
  /** Margin with tool (b) alone and the stressed daily volatility used; null when (b) is off. */
  stressWeighted: { margin: Float64Array; stressSigma: Float64Array } | null;
  /** Margin with tool (c) alone and the floor volatility used; null when (c) is off. */
  floor10y: { margin: Float64Array; floorSigma: Float64Array } | null;
  /** Margin with every enabled tool together ((b), then (c), then (a)); equals `calculated` when none is on. */
  combined: Float64Array;
  /** Buffer path of the combined margin; null when (a) is off. */
  combinedBuffer: BufferedMargin | null;
  /** Whether each enabled tool meets the EMIR minimum (25 % buffer, 25 % weight, 10-year floor). */
  emirCompliant: { buffer: boolean | null; stressWeight: boolean | null; floor10y: boolean | null };
}

function resolveTool<T extends object>(x: T | boolean | undefined): T | null {
  if (x === undefined || x === false) return null;
  if (x === true) return {} as T;
  if (typeof x !== 'object') throw new EngineInputError('invalid-parameter', 'APC tool options must be an object or a boolean');
  return x;
}

/**
 * Option (a): apply a releasable buffer to a calculated margin series C_t (reading of Art. 28(1)(a)):
 *   - calm (buffer full): IM_t = (1 + B)·C_t;
 *   - "rising significantly" when C_t > (1 + g)·C_{t−h}: the posted margin is held at yesterday's level while the
 *     buffer lasts, b_t = clamp(IM_{t−1}/C_t − 1, 0, B), so IM_t = max(C_t, min(IM_{t−1}, (1 + B)·C_t));
 *   - otherwise, if the buffer is not full, it is rebuilt linearly: b_t = min(B, b_{t−1} + B/R).
 * Hence C_t ≤ IM_t ≤ (1 + B)·C_t every day, with equality on the right in calm (full-buffer) days.
 */
export function applyMarginBuffer(calculated: ArrayLike<number>, opts: BufferToolOptions = {}): BufferedMargin {
  requireReturnSeries(calculated, 'calculated');
  const B = requireInRange(opts.fraction ?? EMIR_APC_MIN_SHARE, 0, 10, 'fraction');
  const g = requireInRange(opts.releaseThreshold ?? 0.5, 0, 100, 'releaseThreshold');
  const h = requireInteger(opts.releaseLookback ?? 10, 1, 10_000, 'releaseLookback');
  const R = requireInteger(opts.rebuildDays ?? 60, 1, 100_000, 'rebuildDays');
  const n = calculated.length;
  const margin = new Float64Array(n);
  const fraction = new Float64Array(n);
  const state = new Uint8Array(n);
  let b = B;
  let prev = (1 + B) * Math.max(0, calculated[0]!);
  for (let t = 0; t < n; t++) {
    const c = calculated[t]!;
    if (c < 0) throw new EngineInputError('out-of-range', `calculated margin must be non-negative (day ${t}: ${c})`, 'calculated');
    const past = calculated[t >= h ? t - h : 0]!;
    let s = BUFFER_FULL;
    if (c > (1 + g) * past) {
      // Rising significantly: draw the buffer down so the posted margin does not rise while it lasts.
      b = c > 0 ? Math.min(B, Math.max(0, prev / c - 1)) : B;
      s = BUFFER_RELEASED;
    } else if (b < B) {
      b = Math.min(B, b + B / R);
      s = b < B ? BUFFER_REBUILDING : BUFFER_FULL;
    }
    const m = (1 + b) * c;
    margin[t] = m;
    fraction[t] = b;
    state[t] = s;
    prev = m;
  }
  return { margin, fraction, state };
}

/**
 * Stressed variance for option (b) without look-ahead: the largest zero-mean variance of any full
 * `window`-day window ending on or before day t; before the first full window, the mean of r² so far.
 */
export function stressedVariance(returns: ArrayLike<number>, window: number): Float64Array {
  const W = requireInteger(window, 1, 1e7, 'window');
  const roll = rollingVariance(returns, W);
  const out = new Float64Array(roll.length);
  let worst = 0;
  for (let t = 0; t < roll.length; t++) {
    if (t + 1 >= W) {
      if (roll[t]! > worst) worst = roll[t]!;
      out[t] = worst;
    } else out[t] = roll[t]!; // expanding mean until the first full window
  }
  return out;
}

/**
 * Margin per day with and without each APC tool, from a series of daily returns (see the module comment).
 * Units: margins are per unit of `notional` (the default 1 gives margin as a fraction of the position).
 * A zero-variance series legitimately gives zero margins for the base, (b) (if the stressed volatility is
 * zero too), (c) and (a).
 * O(n) per tool; every loop is a single pass over the series.
 */
export function marginSeries(returns: ArrayLike<number>, opts: MarginSeriesOptions = {}): MarginSeriesResult {
  requireReturnSeries(returns);
  const n = returns.length;
  const model = opts.model ?? 'var';
  const mpor = requireMpor(opts.mpor ?? MPOR_OTC_DAYS);
  const confidence = opts.confidence ?? 0.99;
  const notional = opts.notional === undefined ? 1 : requireNonNegative(opts.notional, 'notional');
  const k = marginQuantileFactor(model, confidence) * Math.sqrt(mpor) * notional;

  const est = opts.estimator ?? { kind: 'ewma', lambda: RISKMETRICS_DAILY_LAMBDA };
  let variance: Float64Array;
  if (est.kind === 'ewma') {
    const o: { lambda: number; initialVariance?: number } = { lambda: est.lambda ?? RISKMETRICS_DAILY_LAMBDA };
    if (est.initialVariance !== undefined) o.initialVariance = est.initialVariance;
    variance = ewmaVariance(returns, o);
  } else if (est.kind === 'rolling') variance = rollingVariance(returns, est.window);
  else throw new EngineInputError('invalid-parameter', `estimator.kind must be 'ewma' or 'rolling'`, 'estimator');

  const sigma = new Float64Array(n);
  const calculated = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const s = Math.sqrt(variance[t]!);
    sigma[t] = s;
    calculated[t] = k * s;
  }

  const bufferOpts = resolveTool<BufferToolOptions>(opts.apc?.buffer);
  const stressOpts = resolveTool<StressWeightToolOptions>(opts.apc?.stressWeight);
  const floorOpts = resolveTool<FloorToolOptions>(opts.apc?.floor10y);

  // (b) stressed-observation weight.
  let stressWeighted: MarginSeriesResult['stressWeighted'] = null;
  let blendVar: Float64Array = variance;
  if (stressOpts) {
    const w = requireInRange(stressOpts.weight ?? EMIR_APC_MIN_SHARE, 0, 1, 'stressWeight.weight');
    let stressVar: Float64Array;
    if (stressOpts.stressVol !== undefined) {
      const sv = requireNonNegative(stressOpts.stressVol, 'stressWeight.stressVol');
      stressVar = new Float64Array(n).fill(sv * sv);
    } else stressVar = stressedVariance(returns, stressOpts.window ?? 250);
    blendVar = new Float64Array(n);
    const margin = new Float64Array(n);
    const stressSigma = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const v = (1 - w) * variance[t]! + w * stressVar[t]!;
      blendVar[t] = v;
      margin[t] = k * Math.sqrt(v);
      stressSigma[t] = Math.sqrt(stressVar[t]!);
    }
    stressWeighted = { margin, stressSigma };
  }

  // (c) floor from long-lookback volatility.
  let floor10y: MarginSeriesResult['floor10y'] = null;
  if (floorOpts) {
    const years = requireInRange(floorOpts.years ?? EMIR_FLOOR_YEARS, 0.01, 100, 'floor10y.years');
    const dpy = requireInRange(floorOpts.daysPerYear ?? TRADING_DAYS_PER_YEAR, 1, 366, 'floor10y.daysPerYear');
    let floorSigma: Float64Array;
    if (floorOpts.sigma !== undefined) {
      floorSigma = new Float64Array(n).fill(requireNonNegative(floorOpts.sigma, 'floor10y.sigma'));
    } else {
      floorSigma = rollingVariance(returns, Math.max(1, Math.round(years * dpy)));
      for (let t = 0; t < n; t++) floorSigma[t] = Math.sqrt(floorSigma[t]!);
    }
    const margin = new Float64Array(n);
    for (let t = 0; t < n; t++) margin[t] = Math.max(calculated[t]!, k * floorSigma[t]!);
    floor10y = { margin, floorSigma };
  }

  // (a) buffer, alone and on top of (b) and (c).
  const buffer = bufferOpts ? applyMarginBuffer(calculated, bufferOpts) : null;
  let combinedCalc: Float64Array = calculated;
  if (stressOpts || floorOpts) {
    combinedCalc = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      let m = k * Math.sqrt(blendVar[t]!);
      if (floor10y) {
        const f = k * floor10y.floorSigma[t]!;
        if (f > m) m = f;
      }
      combinedCalc[t] = m;
    }
  }
  const combinedBuffer = bufferOpts ? (combinedCalc === calculated ? buffer : applyMarginBuffer(combinedCalc, bufferOpts)) : null;
  const combined = combinedBuffer ? combinedBuffer.margin : combinedCalc === calculated ? Float64Array.from(calculated) : combinedCalc;

  const emirCompliant = {
    buffer: bufferOpts ? (bufferOpts.fraction ?? EMIR_APC_MIN_SHARE) >= EMIR_APC_MIN_SHARE : null,
    stressWeight: stressOpts ? (stressOpts.weight ?? EMIR_APC_MIN_SHARE) >= EMIR_APC_MIN_SHARE : null,
    floor10y: floorOpts ? (floorOpts.years ?? EMIR_FLOOR_YEARS) >= EMIR_FLOOR_YEARS : null,
  };
  return { sigma, calculated, buffer, stressWeighted, floor10y, combined, combinedBuffer, emirCompliant };
}
