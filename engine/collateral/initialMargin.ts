/**
 * Initial margin from a volatility estimate, for a position whose daily P&L is
 * normal with zero mean and daily volatility σ (in return units):
 *
 *   VaR model:  IM = z_α · σ · √MPOR · notional,                 z_α = Φ⁻¹(α)
 *   ES model:   IM = φ(z_α)/(1 − α) · σ · √MPOR · notional        (normal expected shortfall)
 *
 * with the margin period of risk (MPOR) in days scaled by the square-root-of-time rule.
 * Liquidation periods (MPOR): 2 days for exchange-traded derivatives, 5 days for OTC derivatives,
 * as listed for EMIR in Commission Implementing Decision (EU) 2021/85 (US equivalence; models.md §6.2).
 * The ES factor is the closed form of E[L | L ≥ VaR_α] for a loss L ~ N(0, σ²):
 * since ∫_z^∞ x φ(x) dx = φ(z), ES_α = σ φ(z_α)/(1 − α).
 *
 * A zero volatility legitimately gives zero margin.
 */
import { defineParams, type ParamValues } from '../core/params';
import { EngineInputError, requireFinite, requireNonNegative, requireInRange } from '../core/errors';
import { normalPdf, normalQuantile } from './normal';

/** Margin model: normal value at risk or normal expected shortfall. */
export type MarginModel = 'var' | 'es';

/** Liquidation period for exchange-traded derivatives listed for EMIR (models.md §6.2), in days. */
export const MPOR_EXCHANGE_TRADED_DAYS = 2;
/** Liquidation period for OTC derivatives (days). */
export const MPOR_OTC_DAYS = 5;

/** Slider specifications of the initial-margin model (confidence, MPOR, model, position size). */
export const initialMarginParams = defineParams({
  model: {
    kind: 'choice',
    label: 'Margin model',
    description: 'Value at risk (a quantile of losses) or expected shortfall (the mean loss beyond it), both normal.',
    options: [
      { value: 'var', label: 'Value at risk' },
      { value: 'es', label: 'Expected shortfall' },
    ],
    default: 'var',
  },
  confidence: {
    label: 'Confidence level',
    symbol: '\\alpha',
    unit: '%',
    min: 0.9,
    max: 0.999,
    step: 0.001,
    default: 0.99,
    display: 'percent',
    description: 'Probability that the margin covers the loss over the margin period of risk.',
  },
  mpor: {
    label: 'Margin period of risk',
    symbol: '\\text{MPOR}',
    unit: 'days',
    min: 1,
    max: 10,
    step: 1,
    default: MPOR_OTC_DAYS,
    integer: true,
    description: 'Days needed to close out a defaulter’s position: at least 2 for exchange-traded, 5 for OTC derivatives.',
  },
  notional: {
    label: 'Position size',
    unit: '$M',
    min: 1,
    max: 1000,
    step: 1,
    default: 100,
    description: 'Market value of the position being margined.',
  },
});
/** Values of `initialMarginParams`. */
export type InitialMarginParams = ParamValues<typeof initialMarginParams>;

/** Check the confidence level: strictly between 0.5 and 1 (a margin quantile below the median makes no sense). */
export function requireConfidence(confidence: number): number {
  requireFinite(confidence, 'confidence');
  if (!(confidence > 0.5 && confidence < 1)) {
    throw new EngineInputError('out-of-range', `confidence must lie strictly between 0.5 and 1 (got ${confidence})`, 'confidence');
  }
  return confidence;
}

/** Check the margin period of risk: a positive number of days (fractions allowed, e.g. 0.5 for intraday). */
export function requireMpor(mpor: number): number {
  requireFinite(mpor, 'mpor');
  if (!(mpor > 0) || mpor > 365) throw new EngineInputError('out-of-range', `mpor must lie in (0, 365] days (got ${mpor})`, 'mpor');
  return mpor;
}

/**
 * The factor k with IM = k · σ · √MPOR · notional: z_α for VaR, φ(z_α)/(1 − α) for ES.
 * (At α = 0.99: z = 2.3263 and the ES factor is 2.6652, per SciPy.)
 */
export function marginQuantileFactor(model: MarginModel, confidence: number): number {
  requireConfidence(confidence);
  const z = normalQuantile(confidence);
  if (model === 'var') return z;
  if (model === 'es') return normalPdf(z) / (1 - confidence);
  throw new EngineInputError('invalid-parameter', `model must be 'var' or 'es' (got ${String(model)})`, 'model');
}

/** Initial margin for daily volatility σ: VaR IM = z_α σ √MPOR · notional (notional default 1 gives a fraction). */
export function varMargin(p: { sigma: number; mpor: number; confidence: number; notional?: number }): number {
  return initialMargin({ ...p, model: 'var' });
}

/** Initial margin for daily volatility σ: normal ES IM = φ(z_α)/(1 − α) · σ √MPOR · notional. */
export function esMargin(p: { sigma: number; mpor: number; confidence: number; notional?: number }): number {
  return initialMargin({ ...p, model: 'es' });
}

/** Initial margin under either model; see the module comment for the formulas. */
export function initialMargin(p: { sigma: number; mpor: number; confidence: number; notional?: number; model: MarginModel }): number {
  const sigma = requireNonNegative(p.sigma, 'sigma');
  const mpor = requireMpor(p.mpor);
  const notional = p.notional === undefined ? 1 : requireNonNegative(p.notional, 'notional');
  return marginQuantileFactor(p.model, p.confidence) * sigma * Math.sqrt(mpor) * notional;
}

/**
 * A haircut that rises with volatility: the fall in collateral value not exceeded with probability α
 * over the MPOR for a log-normal price, h = 1 − exp(−z_α σ √MPOR), kept inside [floor, cap].
 * This is the standard VaR-style haircut; margins set this way are the "destabilising margins" of
 * Brunnermeier & Pedersen (2009, RFS 22(6)) because they rise when measured volatility rises.
 * Always in [0, 1): a haircut of 100 % would make the collateral worthless.
 */
export function volatilityHaircut(p: { sigma: number; mpor: number; confidence: number; floor?: number; cap?: number }): number {
  const sigma = requireNonNegative(p.sigma, 'sigma');
  const mpor = requireMpor(p.mpor);
  requireConfidence(p.confidence);
  const floor = p.floor === undefined ? 0 : requireInRange(p.floor, 0, 0.99, 'floor');
  const cap = p.cap === undefined ? 0.99 : requireInRange(p.cap, 0, 0.99, 'cap');
  if (floor > cap) throw new EngineInputError('out-of-range', `haircut floor ${floor} exceeds cap ${cap}`, 'floor');
  const h = 1 - Math.exp(-normalQuantile(p.confidence) * sigma * Math.sqrt(mpor));
  return h < floor ? floor : h > cap ? cap : h;
}

/** `volatilityHaircut` for each day of a volatility series (e.g. the output of `ewmaVolatility`). */
export function haircutSeries(sigma: ArrayLike<number>, p: { mpor: number; confidence: number; floor?: number; cap?: number }): Float64Array {
  const out = new Float64Array(sigma.length);
  for (let t = 0; t < sigma.length; t++) out[t] = volatilityHaircut({ ...p, sigma: sigma[t]! });
  return out;
}
