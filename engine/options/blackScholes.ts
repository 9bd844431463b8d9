/**
 * Black–Scholes–Merton prices and Greeks of European options with a continuous
 * dividend yield.
 *
 * Sources: F. Black & M. Scholes (1973), "The pricing of options and corporate
 * liabilities", Journal of Political Economy 81(3):637–654; R. C. Merton (1973),
 * "Theory of rational option pricing", Bell Journal of Economics and Management
 * Science 4(1):141–183 (continuous dividend yield q). Greeks in the standard
 * form, e.g. J. C. Hull, "Options, Futures, and Other Derivatives" (chapter
 * "The Greek letters"); every Greek is checked against finite differences of
 * the price in blackScholes.test.ts. Conventions (binding, shared/reference/models.md
 * "Conventions"): rates, yields and volatility are annual decimals, time in
 * years, vega per 1.00 of volatility, theta per year.
 *
 *   m  = ln(S/K) + (r − q)T,   s = σ√T,   d₁ = m/s + s/2,   d₂ = m/s − s/2
 *   call = S e^{−qT} Φ(d₁) − K e^{−rT} Φ(d₂)
 *   put  = K e^{−rT} Φ(−d₂) − S e^{−qT} Φ(−d₁)
 *
 * d₁ and d₂ are written as m/s ± s/2 (rather than d₂ = d₁ − s) so that neither
 * becomes ∞ − ∞ when s is huge.
 */
import { defineParams } from '../core/params';
import { EngineInputError, requireFinite, requireNonNegative, requirePositive } from '../core/errors';
import { INV_SQRT_2PI, normCdf, normPdf } from './normal';

/** European call (pays max(S − K, 0)) or put (pays max(K − S, 0)) at expiry. */
export type OptionKind = 'call' | 'put';

/** A European option (contract API, ARCHITECTURE.md). Units: currency, years, annual decimals. */
export interface OptionSpec {
  spot: number;
  strike: number;
  /** Annual volatility σ (0.2 = 20 %). */
  vol: number;
  /** Time to expiry T in years. */
  time: number;
  /** Continuously compounded risk-free rate r (default 0). */
  rate?: number;
  /** Continuous dividend (or borrow) yield q (default 0). */
  dividendYield?: number;
  kind: OptionKind;
}

/** Price and first-order Greeks: vega per 1.00 of vol, theta = −∂V/∂T per year. */
export interface Greeks {
  price: number;
  /** ∂V/∂S. */
  delta: number;
  /** ∂²V/∂S² (per currency unit of spot). */
  gamma: number;
  /** ∂V/∂σ, per 1.00 (= 100 vol points) of volatility. */
  vega: number;
  /** ∂V/∂t = −∂V/∂T, per year (calendar decay; usually negative). */
  theta: number;
}

/** Greeks plus the two cross-derivatives that drive dealers' "vanna and charm flows". */
export interface ExtendedGreeks extends Greeks {
  /** ∂²V/∂S∂σ = ∂Δ/∂σ (per 1.00 of vol). */
  vanna: number;
  /** ∂Δ/∂t = −∂Δ/∂T, per year (delta decay). */
  charm: number;
}

/**
 * Parameters of a single option, for widgets and exercises. Time in years,
 * rates and volatility as fractions shown in percent.
 */
export const blackScholesSpec = defineParams({
  spot: { label: 'Spot price', symbol: 'S', unit: '$', min: 1, max: 300, step: 0.5, default: 100, description: 'Current price of the underlying asset.' },
  strike: { label: 'Strike', symbol: 'K', unit: '$', min: 1, max: 300, step: 0.5, default: 100, description: 'Price at which the option can be exercised at expiry.' },
  vol: { label: 'Volatility', symbol: '\\sigma', unit: '%', display: 'percent', min: 0, max: 2, step: 0.01, default: 0.2, description: 'Annualised implied volatility of the underlying.' },
  time: { label: 'Time to expiry', symbol: 'T', unit: 'years', min: 0, max: 5, step: 0.01, default: 1, description: 'Years until the option expires.' },
  rate: { label: 'Interest rate', symbol: 'r', unit: '%', display: 'percent', min: -0.05, max: 0.2, step: 0.0025, default: 0.05, description: 'Continuously compounded risk-free rate.' },
  dividendYield: { label: 'Dividend yield', symbol: 'q', unit: '%', display: 'percent', min: 0, max: 0.2, step: 0.0025, default: 0, description: 'Continuous dividend yield of the underlying.' },
  kind: { kind: 'choice', label: 'Option type', description: 'A call pays max(S − K, 0) at expiry, a put max(K − S, 0).', options: [ { value: 'call', label: 'Call' }, { value: 'put', label: 'Put' } ], default: 'call' },
});

/** Validated inputs with discount factors. */
interface Prepared {
  S: number;
  K: number;
  sigma: number;
  T: number;
  r: number;
  q: number;
  call: boolean;
  dfR: number; // e^{−rT}
  dfQ: number; // e^{−qT}
  m: number; // ln(S/K) + (r − q)T
  sd: number; // σ√T
}

/** Validate an option and throw `EngineInputError` for impossible inputs. */
export function checkOption(o: OptionSpec): void {
  prepare(o);
}

function prepare(o: OptionSpec): Prepared {
  if (o === null || typeof o !== 'object') throw new EngineInputError('invalid-parameter', 'option must be an object', 'option');
  if (o.kind !== 'call' && o.kind !== 'put') {
    throw new EngineInputError('invalid-parameter', `kind must be 'call' or 'put' (got ${String(o.kind)})`, 'kind');
  }
  const S = requirePositive(o.spot, 'spot');
  const K = requirePositive(o.strike, 'strike');
  const sigma = requireNonNegative(o.vol, 'vol');
  const T = requireNonNegative(o.time, 'time');
  const r = o.rate === undefined ? 0 : requireFinite(o.rate, 'rate');
  const q = o.dividendYield === undefined ? 0 : requireFinite(o.dividendYield, 'dividendYield');
  const dfR = Math.exp(-r * T);
  const dfQ = Math.exp(-q * T);
  if (!Number.isFinite(dfR)) throw new EngineInputError('out-of-range', `rate × time is too negative to discount (e^{−rT} overflows)`, 'rate');
  if (!Number.isFinite(dfQ)) throw new EngineInputError('out-of-range', `dividendYield × time is too negative (e^{−qT} overflows)`, 'dividendYield');
  const sd = sigma * Math.sqrt(T);
  const m = Math.log(S / K) + (r - q) * T;
  return { S, K, sigma, T, r, q, call: o.kind === 'call', dfR, dfQ, m, sd };
}

/** Below this σ√T the option is treated as at its σ√T → 0 limit (products like T·σ√T would underflow). */
const TINY_SD = 1e-100;

/** φ(d)·x, taking 0 when the density has underflowed (x may then be ±∞). */
function pdfTimes(pdf: number, x: number): number {
  return pdf === 0 ? 0 : pdf * x;
}

/** Clamp to the model-free bounds, which rounding alone can cross by an ulp. */
function withinBounds(p: Prepared, price: number): number {
  const fwdS = p.S * p.dfQ;
  const fwdK = p.K * p.dfR;
  const lo = p.call ? Math.max(fwdS - fwdK, 0) : Math.max(fwdK - fwdS, 0);
  const hi = p.call ? fwdS : fwdK;
  return price < lo ? lo : price > hi ? hi : price;
}

function priceOf(p: Prepared): number {
  if (p.sd < TINY_SD || !(p.S * p.sd > 0)) {
    // Expiry or zero volatility: the discounted forward intrinsic value.
    return p.call ? Math.max(p.S * p.dfQ - p.K * p.dfR, 0) : Math.max(p.K * p.dfR - p.S * p.dfQ, 0);
  }
  const x = p.m / p.sd;
  const d1 = x + p.sd / 2;
  const d2 = x - p.sd / 2;
  const raw = p.call ? p.S * p.dfQ * normCdf(d1) - p.K * p.dfR * normCdf(d2) : p.K * p.dfR * normCdf(-d2) - p.S * p.dfQ * normCdf(-d1);
  return withinBounds(p, raw);
}

/**
 * Limits as σ√T → 0 (expiry or zero volatility). With H = 1 in the money
 * forward (m > 0), 0 out of it, ½ exactly at the money forward (m = 0, the limit
 * of Φ(d₁) there): delta = e^{−qT}H (call) or −e^{−qT}(1 − H) (put); gamma 0
 * away from the strike and +∞ at it (a Dirac mass); vega 0 away and
 * S e^{−qT}√T φ(0) at it; theta is the time derivative of the discounted
 * intrinsic value, plus −∞ at the strike at expiry when σ > 0.
 */
function degenerate(p: Prepared): ExtendedGreeks {
  const tie = p.m === 0;
  const H = p.m > 0 ? 1 : tie ? 0.5 : 0;
  const price = priceOf(p);
  const delta = p.call ? p.dfQ * H : -p.dfQ * (1 - H);
  const gamma = tie ? Number.POSITIVE_INFINITY : 0;
  const sqrtT = Math.sqrt(p.T);
  const vega = tie ? p.S * p.dfQ * sqrtT * INV_SQRT_2PI : 0;
  const carry = p.call ? (p.q * p.S * p.dfQ - p.r * p.K * p.dfR) * H : (p.r * p.K * p.dfR - p.q * p.S * p.dfQ) * (1 - H);
  const theta = carry + (tie && p.sigma > 0 && p.T === 0 ? Number.NEGATIVE_INFINITY : 0);
  const vanna = tie ? (p.dfQ * INV_SQRT_2PI * sqrtT) / 2 : 0;
  // At the tie ∂d₁/∂T = (2(r − q) + σ²/2)/(2σ√T) → sign(·)·∞ as σ√T → 0.
  const c = 2 * (p.r - p.q) + (p.sigma * p.sigma) / 2;
  const charmDiffusion = tie && c !== 0 ? -Math.sign(c) * Number.POSITIVE_INFINITY : 0;
  const charm = (p.call ? p.q * p.dfQ * H : -p.q * p.dfQ * (1 - H)) + charmDiffusion;
  return { price, delta, gamma, vega, theta, vanna, charm };
}

function greeksOf(p: Prepared): ExtendedGreeks {
  if (p.sd < TINY_SD || !(p.S * p.sd > 0)) return degenerate(p);
  const { S, K, sigma, T, r, q, dfR, dfQ, sd } = p;
  const x = p.m / sd;
  const d1 = x + sd / 2;
  const d2 = x - sd / 2;
  const pdf1 = normPdf(d1);
  const sqrtT = Math.sqrt(T);
  const nd1 = normCdf(d1);
  const nd2 = normCdf(d2);
  const nmd1 = normCdf(-d1);
  const nmd2 = normCdf(-d2);
  const price = withinBounds(p, p.call ? S * dfQ * nd1 - K * dfR * nd2 : K * dfR * nmd2 - S * dfQ * nmd1);
  const delta = p.call ? dfQ * nd1 : -dfQ * nmd1;
  const gamma = (dfQ * pdf1) / (S * sd);
  const vega = S * dfQ * pdf1 * sqrtT;
  const decay = -(S * dfQ * pdf1 * sigma) / (2 * sqrtT);
  const theta = p.call ? decay - r * K * dfR * nd2 + q * S * dfQ * nd1 : decay + r * K * dfR * nmd2 - q * S * dfQ * nmd1;
  const vanna = -dfQ * pdfTimes(pdf1, d2) / sigma;
  // ∂d₁/∂T = (2(r − q)T − d₂σ√T)/(2Tσ√T) = (r − q)/(σ√T) − d₂/(2T); charm = −∂Δ/∂T.
  const dd1dT = (r - q) / sd - d2 / (2 * T);
  const charmDiffusion = -dfQ * pdfTimes(pdf1, dd1dT);
  const charm = p.call ? q * dfQ * nd1 + charmDiffusion : -q * dfQ * nmd1 + charmDiffusion;
  const g = { price, delta, gamma, vega, theta, vanna, charm };
  // Last-resort guard for inputs at the edge of underflow (∞ − ∞ in a derivative):
  // there the option is numerically at its σ√T → 0 limit.
  for (const v of Object.values(g)) if (Number.isNaN(v)) return degenerate(p);
  return g;
}

/**
 * Payoff of a European option at expiry: max(S − K, 0) for a call, max(K − S, 0)
 * for a put: the terminal condition of the Black & Scholes (1973) valuation
 * equation. The hockey stick the Greeks widget draws beneath the price curve.
 */
export function optionPayoff(kind: OptionKind, spot: number, strike: number): number {
  const S = requireNonNegative(spot, 'spot');
  const K = requirePositive(strike, 'strike');
  return kind === 'call' ? Math.max(S - K, 0) : Math.max(K - S, 0);
}

/**
 * Black–Scholes–Merton price of a European call or put (Black & Scholes 1973;
 * Merton 1973): call = S e^{−qT}Φ(d₁) − K e^{−rT}Φ(d₂), put by parity.
 * At expiry (T = 0) or zero volatility it is the discounted forward intrinsic
 * value max(±(S e^{−qT} − K e^{−rT}), 0). Throws `EngineInputError` for
 * non-positive spot or strike, negative vol or time, non-finite inputs.
 */
export function bsPrice(o: OptionSpec): number {
  return priceOf(prepare(o));
}

/**
 * Price, delta, gamma, vega (per 1.00 of vol) and theta (per year) of a
 * European option (Black & Scholes 1973; Merton 1973; Hull, "The Greek letters"):
 *   Δ = e^{−qT}Φ(d₁) (call), −e^{−qT}Φ(−d₁) (put);  Γ = e^{−qT}φ(d₁)/(Sσ√T);
 *   vega = S e^{−qT}φ(d₁)√T;
 *   Θ = −S e^{−qT}φ(d₁)σ/(2√T) ∓ rK e^{−rT}Φ(±d₂) ± qS e^{−qT}Φ(±d₁).
 * Limits σ√T → 0: delta is a step (½ exactly at the money forward), gamma 0
 * away from the strike (+∞ exactly at it). Never NaN for valid inputs.
 */
export function bsGreeks(o: OptionSpec): Greeks {
  const g = greeksOf(prepare(o));
  return { price: g.price, delta: g.delta, gamma: g.gamma, vega: g.vega, theta: g.theta };
}

/**
 * `bsGreeks` plus vanna = ∂Δ/∂σ = −e^{−qT}φ(d₁)d₂/σ and charm = ∂Δ/∂t =
 * ±qe^{−qT}Φ(±d₁) − e^{−qT}φ(d₁)(2(r − q)T − d₂σ√T)/(2Tσ√T) (upper signs for
 * calls; differentiated from Δ = e^{−qT}Φ(d₁); E. G. Haug (2007), "The Complete
 * Guide to Option Pricing Formulas", 2nd ed., lists the same forms). Per 1.00
 * of vol and per year; both are checked against finite differences in tests.
 */
export function bsGreeksExtended(o: OptionSpec): ExtendedGreeks {
  return greeksOf(prepare(o));
}

/** Vanna ∂²V/∂S∂σ (per 1.00 of vol); see `bsGreeksExtended`. */
export function bsVanna(o: OptionSpec): number {
  return greeksOf(prepare(o)).vanna;
}

/** Charm ∂Δ/∂t (per year; negative of ∂Δ/∂T); see `bsGreeksExtended`. */
export function bsCharm(o: OptionSpec): number {
  return greeksOf(prepare(o)).charm;
}
