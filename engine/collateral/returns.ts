/**
 * Simulated daily return series for the margin models of Chapter 4: a calm →
 * stress → calm "volatility regime" series, and a GARCH(1,1) series.
 *
 * Returns are daily log returns with zero mean, r_t = σ_t·ε_t with ε_t ~ N(0, 1)
 * drawn from the engine's seeded generator (`createRng`), so the same seed gives
 * the same series in Node, the browser and a worker.
 */
import { createRng } from '../core/random';
import { defineParams, type ParamValues } from '../core/params';
import { EngineInputError, requireFinite, requireInteger, requirePositive, requireNonNegative } from '../core/errors';

/** Trading days per year used to convert annual volatility to daily: σ_daily = σ_annual/√252. */
export const TRADING_DAYS_PER_YEAR = 252;

/** Largest series length accepted (about 400 years of trading days): a guard against runaway allocations. */
export const MAX_SERIES_DAYS = 100_000;

/** Parameters of `regimeReturns` (volatilities annual, in engine fractions: 0.15 = 15 %). */
export const regimeReturnsParams = defineParams({
  calmDays: {
    label: 'Calm period',
    symbol: 'T_{\\text{calm}}',
    unit: 'days',
    min: 20,
    max: 2520,
    step: 10,
    default: 750,
    integer: true,
    description: 'Trading days of calm market before the stress episode.',
  },
  stressDays: {
    label: 'Stress episode',
    symbol: 'T_{\\text{stress}}',
    unit: 'days',
    min: 5,
    max: 500,
    step: 5,
    default: 60,
    integer: true,
    description: 'Trading days of high volatility.',
  },
  recoveryDays: {
    label: 'Calm recovery',
    symbol: 'T_{\\text{rec}}',
    unit: 'days',
    min: 0,
    max: 2520,
    step: 10,
    default: 500,
    integer: true,
    description: 'Trading days of calm market after the stress episode.',
  },
  calmVol: {
    label: 'Calm volatility',
    symbol: '\\sigma_{\\text{calm}}',
    unit: '%',
    min: 0.02,
    max: 0.6,
    step: 0.01,
    default: 0.15,
    display: 'percent',
    description: 'Annualised volatility of daily returns in calm periods.',
  },
  stressVol: {
    label: 'Stress volatility',
    symbol: '\\sigma_{\\text{stress}}',
    unit: '%',
    min: 0.05,
    max: 1.5,
    step: 0.01,
    default: 0.6,
    display: 'percent',
    description: 'Annualised volatility of daily returns during the stress episode.',
  },
  seed: {
    label: 'Random seed',
    min: 0,
    max: 4294967295,
    step: 1,
    default: 1,
    integer: true,
    description: 'Seed of the random draws: the same seed gives the same series.',
  },
});
/** Values of `regimeReturnsParams`. */
export type RegimeReturnsParams = ParamValues<typeof regimeReturnsParams>;

/** Regime label per day in `RegimeReturns.regime`: calm days before the stress episode. */
export const REGIME_CALM = 0;
/** Regime label of stress days. */
export const REGIME_STRESS = 1;
/** Regime label of recovery days. */
export const REGIME_RECOVERY = 2;

/** Output of `regimeReturns`. */
export interface RegimeReturns {
  /** Daily log returns, length calmDays + stressDays + recoveryDays. */
  returns: Float64Array;
  /** True daily volatility of each day's draw. */
  sigma: Float64Array;
  /** 0 calm, 1 stress, 2 recovery. */
  regime: Uint8Array;
  /** First stress day (index) and one past the last stress day. */
  stressStart: number;
  stressEnd: number;
}

/**
 * A calm → stress → calm return series with piecewise-constant volatility:
 * r_t = σ(t)·ε_t, ε_t iid N(0, 1), σ(t) = σ_calm outside [stressStart, stressEnd) and σ_stress inside.
 * Volatilities are annual by default (converted with √252); pass `volUnits: 'daily'` to give daily volatilities.
 * A stylised regime-switching series (the figure device used, e.g., by Murphy, Vasios & Vause 2014,
 * "An investigation into the procyclicality of risk-based initial margin models", Bank of England
 * Financial Stability Paper 29, which studies margin models on simulated as well as historical data).
 */
export function regimeReturns(p: RegimeReturnsParams & { volUnits?: 'annual' | 'daily' }): RegimeReturns {
  const calmDays = requireInteger(p.calmDays, 1, MAX_SERIES_DAYS, 'calmDays');
  const stressDays = requireInteger(p.stressDays, 0, MAX_SERIES_DAYS, 'stressDays');
  const recoveryDays = requireInteger(p.recoveryDays, 0, MAX_SERIES_DAYS, 'recoveryDays');
  const n = calmDays + stressDays + recoveryDays;
  if (n > MAX_SERIES_DAYS) throw new EngineInputError('out-of-range', `series longer than ${MAX_SERIES_DAYS} days`, 'calmDays');
  const units = p.volUnits ?? 'annual';
  if (units !== 'annual' && units !== 'daily') throw new EngineInputError('invalid-parameter', `volUnits must be 'annual' or 'daily'`, 'volUnits');
  const scale = units === 'annual' ? 1 / Math.sqrt(TRADING_DAYS_PER_YEAR) : 1;
  const calm = requirePositive(p.calmVol, 'calmVol') * scale;
  const stress = requirePositive(p.stressVol, 'stressVol') * scale;
  const rng = createRng(p.seed);
  const returns = new Float64Array(n);
  const sigma = new Float64Array(n);
  const regime = new Uint8Array(n);
  const stressStart = calmDays;
  const stressEnd = calmDays + stressDays;
  for (let t = 0; t < n; t++) {
    const inStress = t >= stressStart && t < stressEnd;
    const s = inStress ? stress : calm;
    sigma[t] = s;
    regime[t] = inStress ? REGIME_STRESS : t < stressStart ? REGIME_CALM : REGIME_RECOVERY;
    returns[t] = s * rng.normal();
  }
  return { returns, sigma, regime, stressStart, stressEnd };
}

/** Parameters of `garchReturns`. ω is a daily variance (1e-6 ≈ a daily vol of 0.1 %). */
export const garchParams = defineParams({
  days: {
    label: 'Days',
    unit: 'days',
    min: 50,
    max: 5040,
    step: 10,
    default: 1260,
    integer: true,
    description: 'Length of the simulated series in trading days.',
  },
  omega: {
    label: 'Variance intercept',
    symbol: '\\omega',
    unit: 'daily variance',
    min: 1e-7,
    max: 1e-4,
    step: 1e-7,
    default: 2e-6,
    description: 'Constant term of the conditional variance (daily variance units).',
  },
  alpha: {
    label: 'Reaction to news',
    symbol: '\\alpha',
    min: 0,
    max: 0.3,
    step: 0.005,
    default: 0.09,
    description: 'Weight of yesterday’s squared return in today’s variance.',
  },
  beta: {
    label: 'Persistence',
    symbol: '\\beta',
    min: 0,
    max: 0.995,
    step: 0.005,
    default: 0.9,
    description: 'Weight of yesterday’s variance in today’s variance; α + β must stay below 1.',
  },
  seed: { label: 'Random seed', min: 0, max: 4294967295, step: 1, default: 1, integer: true, description: 'Seed of the random draws.' },
});
/** Values of `garchParams`. */
export type GarchParams = ParamValues<typeof garchParams>;

/** Output of `garchReturns`. */
export interface GarchReturns {
  /** Daily log returns r_t = σ_t ε_t. */
  returns: Float64Array;
  /** Conditional daily volatility σ_t used for day t. */
  sigma: Float64Array;
  /** Unconditional (long-run) daily volatility √(ω/(1 − α − β)). */
  longRunVol: number;
}

/**
 * GARCH(1,1) returns (Bollerslev 1986, "Generalized autoregressive conditional heteroskedasticity",
 * Journal of Econometrics 31:307–327, eq. (2) with p = q = 1):
 *   r_t = σ_t ε_t,  σ²_t = ω + α r²_{t−1} + β σ²_{t−1},  ε_t iid N(0, 1).
 * Requires ω > 0, α ≥ 0, β ≥ 0 and α + β < 1 (covariance stationarity; the unconditional variance is
 * ω/(1 − α − β)). The recursion starts at the unconditional variance unless `initialVariance` is given.
 */
export function garchReturns(p: GarchParams & { initialVariance?: number }): GarchReturns {
  const n = requireInteger(p.days, 1, MAX_SERIES_DAYS, 'days');
  const omega = requirePositive(p.omega, 'omega');
  const alpha = requireNonNegative(p.alpha, 'alpha');
  const beta = requireNonNegative(p.beta, 'beta');
  if (!(alpha + beta < 1)) {
    throw new EngineInputError('out-of-range', `GARCH(1,1) needs alpha + beta < 1 for a finite long-run variance (got ${alpha + beta})`, 'beta');
  }
  const longRunVar = omega / (1 - alpha - beta);
  let v = p.initialVariance === undefined ? longRunVar : requirePositive(p.initialVariance, 'initialVariance');
  requireFinite(v, 'initialVariance');
  const rng = createRng(p.seed);
  const returns = new Float64Array(n);
  const sigma = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const s = Math.sqrt(v);
    const r = s * rng.normal();
    sigma[t] = s;
    returns[t] = r;
    v = omega + alpha * r * r + beta * v;
  }
  return { returns, sigma, longRunVol: Math.sqrt(longRunVar) };
}
