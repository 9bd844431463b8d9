/**
 * A seeded market in which noise traders move the price and a dealer
 * delta-hedges an option book, so that the dealer's hedge trades feed back into
 * the price: the mechanism of gamma squeezes (short dealer gamma) and of
 * pinning (long dealer gamma).
 *
 * Ingredients
 * - Noise traders: i.i.d. normal order flow each step, scaled so that without
 *   a dealer the price has annual volatility σ (and an optional drift μ).
 * - Price impact of the step's net order flow q (shares), with κ the relative
 *   price move of a Q₀ = 1,000,000-share trade:
 *     linear        Δln S = κ·q/Q₀
 *     square root   Δln S = κ·sign(q)·√(|q|/Q₀)
 *   (log returns keep the price positive). The two laws agree for a Q₀ trade.
 * - The dealer holds h = −Δ_book shares (Black–Scholes delta of the book at the
 *   model volatility σ with r = q = 0, time to expiry decaying in trading time),
 *   and re-hedges every k steps
 *   at the last observed price: the trade q = h(Sₙ, τₙ) − h_prev executes in the
 *   next step, together with that step's noise flow. Expired (cash-settled)
 *   options have no delta: their hedge is unwound at the next re-hedge.
 *
 * What it shows. With the linear law and hedge-interval returns Rⱼ the
 * dynamics are, to first order, Rⱼ = g·Rⱼ₋₁ + εⱼ with loop gain
 * g = −λ·S·Γ_book (λ = κ/Q₀ per share; `hedgingLoopGain`): an AR(1) with
 * lag-1 autocorrelation g. Short gamma (g > 0) gives momentum, long gamma
 * (g < 0) reversal. Over horizons much longer than the hedge lag the variance
 * tends to σ²/(1 − g)², i.e. σ_eff = σ/(1 + λSΓ_book) of `effectiveVolatility`
 * (Frey & Stremme 1997; models.md §5.1): amplified for short gamma, damped for
 * long gamma. Because hedges lag, the variance *at* the hedge interval is
 * σ²/(1 − g²), larger for either sign; this is why `realisedVol` is measured
 * on daily close-to-close returns (several hedges per day by default) and the
 * per-step figure is reported separately as `realisedVolIntraday`.
 * The empirical counterpart (dealer gamma imbalance → intraday momentum when
 * negative, reversal when positive) is Barbon & Buraschi, "Gamma Fragility"
 * (SSRN 3725454, 2020/2021), as summarised in models.md §5.2 (secondary
 * reading; the primary text was not retrieved).
 *
 * Stability. With linear impact the loop has no equilibrium once g ≥ 1
 * (σ_eff's denominator ≤ 0). The run then stops at that re-hedge and reports
 * `unstable: true` and the step. Independently of the law, a run that leaves
 * the band [S₀/1000, 1000·S₀] is declared a blow-up and stopped the same way.
 * Nothing is clamped. With square-root impact the loop gain falls as trades
 * grow, so only the band applies.
 */
import { defaultParams, defineParams, type ParamValues } from '../core/params';
import { EngineInputError, requireFinite, requireInteger, requireNonNegative, requirePositive } from '../core/errors';
import { createRng, MAX_SEED } from '../core/random';
import { autocorrelation } from '../core/numeric';
import type { OptionKind } from './blackScholes';
import { normCdf, normPdf } from './normal';

// Local bindings for the hot loop (module-runner live bindings are getters in some hosts, e.g. Vitest).
const Phi = normCdf;
const phi = normPdf;

/** Reference trade size Q₀ for the impact parameter κ (shares). */
export const REFERENCE_TRADE = 1_000_000;
/** Trading days per year used to convert steps and days into years. */
export const TRADING_DAYS = 252;
/** The run stops as a blow-up if the price leaves [S₀/BLOWUP_FACTOR, S₀·BLOWUP_FACTOR]. */
export const BLOWUP_FACTOR = 1000;
/** Hard cap on the number of steps (every loop in this module is bounded by it). */
export const MAX_STEPS = 1_000_000;

/**
 * Parameters of the hedging-feedback market. Defaults: a 20-day run of
 * 5-minute steps, dealers short 2 million at-the-money calls (20,000
 * contracts) expiring in 30 days, re-hedged every 30 minutes, with 2 % impact
 * per million shares (loop gain about 0.2 rising to 0.4).
 */
export const hedgingSimulationSpec = defineParams({
  steps: { label: 'Steps', unit: 'steps', min: 10, max: 20000, step: 10, default: 1560, integer: true, description: 'Number of simulation steps (78 steps = one trading day by default).' },
  stepsPerDay: { label: 'Steps per day', unit: 'steps', min: 1, max: 390, step: 1, default: 78, integer: true, description: 'Steps in one trading day (78 = 5-minute steps over 6.5 hours).' },
  spot: { label: 'Initial price', symbol: 'S_0', unit: '$', min: 10, max: 500, step: 1, default: 100, description: 'Price of the underlying at the start.' },
  vol: { label: 'Noise volatility', symbol: '\\sigma', unit: '%', display: 'percent', min: 0.01, max: 1.5, step: 0.01, default: 0.2, description: 'Annual volatility the noise traders alone would cause; also the dealer’s pricing volatility.' },
  drift: { label: 'Buying pressure', symbol: '\\mu', unit: '%/yr', display: 'percent', min: -3, max: 3, step: 0.05, default: 0, description: 'Net drift of the noise traders’ flow, as an annual log-return.' },
  impact: { label: 'Price impact', symbol: '\\kappa', unit: '% per 1M shares', display: 'percent', min: 0, max: 0.1, step: 0.001, default: 0.02, description: 'Relative price move caused by a 1-million-share order.' },
  impactLaw: { kind: 'choice', label: 'Impact law', description: 'Linear: impact proportional to size; square root: proportional to √size.', options: [ { value: 'linear', label: 'Linear' }, { value: 'sqrt', label: 'Square root' } ], default: 'linear' },
  hedgeInterval: { label: 'Hedging interval', unit: 'steps', min: 1, max: 390, step: 1, default: 6, integer: true, description: 'The dealer re-hedges every this many steps (6 five-minute steps = 30 minutes).' },
  dealerPosition: { kind: 'choice', label: 'Dealer position', description: 'Short options = short gamma (customers bought them); long = long gamma.', options: [ { value: 'short', label: 'Short gamma' }, { value: 'none', label: 'No dealer' }, { value: 'long', label: 'Long gamma' } ], default: 'short' },
  bookSize: { label: 'Book size', unit: 'M options', min: 0, max: 10, step: 0.1, default: 2, description: 'Options in the dealer’s book, in millions of shares of underlying (1 = 10,000 contracts of 100).' },
  optionKind: { kind: 'choice', label: 'Option type', description: 'Calls or puts (their gamma is the same; their delta and hence the hedge level differ).', options: [ { value: 'call', label: 'Calls' }, { value: 'put', label: 'Puts' } ], default: 'call' },
  strike: { label: 'Strike', symbol: 'K', unit: '$', min: 10, max: 500, step: 1, default: 100, description: 'Strike of the options in the book.' },
  expiryDays: { label: 'Days to expiry', unit: 'trading days', min: 0, max: 250, step: 1, default: 30, description: 'Time to expiry of the book at the start, in trading days.' },
  seed: { label: 'Random seed', min: 0, max: MAX_SEED, step: 1, default: 1, integer: true, description: 'Same seed, same noise: compare regimes on identical noise.' },
});

/** Parameter values of the hedging market, as described by `hedgingSimulationSpec`. */
export type HedgingParams = ParamValues<typeof hedgingSimulationSpec>;
/** 'short' = dealers short the options (short gamma), 'long' = long gamma, 'none' = no dealer. */
export type DealerPosition = HedgingParams['dealerPosition'];

/** One line of the dealer's book. `quantity` in options on one share each: + dealer long, − dealer short. */
export interface HedgeBookLine {
  strike: number;
  kind: OptionKind;
  /** Time to expiry at the start of the run, in years. */
  expiry: number;
  quantity: number;
}

/** Everything a figure needs; typed arrays have length `stepsRun + 1` (index 0 = start). */
export interface HedgingResult {
  /** Time since the start in years (trading time). */
  time: Float64Array;
  price: Float64Array;
  /** Shares the dealer bought during each step (negative = sold); 0 at index 0. */
  hedgeTrade: Float64Array;
  /** Dealer's stock holding at the end of each step (shares). */
  holdings: Float64Array;
  /** Loop gain g = −λ·S·Γ_book at the last re-hedge (held between re-hedges); λ = κ/Q₀ (for the square-root law, the linear-equivalent gain). */
  loopGain: Float64Array;
  /** Annualised volatility of daily close-to-close log returns (per-step returns if the run is shorter than a day). */
  realisedVol: number;
  /** Annualised volatility of per-step log returns. */
  realisedVolIntraday: number;
  /** Lag-1 autocorrelation of log returns over successive hedging intervals; null with fewer than 3 intervals. */
  autocorrelation: number | null;
  /** Number of complete days and hedge intervals used by the two statistics above. */
  days: number;
  intervals: number;
  stepsRun: number;
  unstable: boolean;
  /** Step at which the run was stopped, or null. */
  unstableStep: number | null;
  unstableReason: 'loop-gain' | 'blow-up' | null;
  maxLoopGain: number;
  minLoopGain: number;
  /** Net shares bought by the dealer over the run (Σ hedgeTrade). */
  netDealerTrade: number;
  finalPrice: number;
}

/** The stepping interface (d3-force style): advance synchronously, read results at any time. */
export interface HedgingSimulation {
  readonly params: Readonly<HedgingParams>;
  readonly book: readonly HedgeBookLine[];
  /** Steps taken so far. */
  readonly stepIndex: number;
  /** True once all steps are taken or the run stopped as unstable. */
  readonly done: boolean;
  /** Advance up to n steps (default 1); returns the number taken (0 when done). */
  step(n?: number): number;
  /** Result for the steps taken so far (copies; safe to post to the main thread). */
  result(): HedgingResult;
}

/** The book implied by the spec's single-line parameters (empty for 'none' or a zero book). */
export function bookFromParams(p: Pick<HedgingParams, 'dealerPosition' | 'bookSize' | 'optionKind' | 'strike' | 'expiryDays'>): HedgeBookLine[] {
  if (p.dealerPosition === 'none' || p.bookSize === 0) return [];
  const sign = p.dealerPosition === 'long' ? 1 : -1;
  return [{ strike: p.strike, kind: p.optionKind, expiry: p.expiryDays / TRADING_DAYS, quantity: sign * p.bookSize * REFERENCE_TRADE }];
}

function checkChoice<T extends string>(v: unknown, allowed: readonly T[], param: string): T {
  if (!allowed.includes(v as T)) throw new EngineInputError('invalid-parameter', `${param} must be one of ${allowed.join(', ')} (got ${String(v)})`, param);
  return v as T;
}

/** Validate parameters (engine limits, looser than the sliders' ranges). */
export function checkHedgingParams(p: HedgingParams): HedgingParams {
  if (p === null || typeof p !== 'object') throw new EngineInputError('invalid-parameter', 'params must be an object', 'params');
  return {
    steps: requireInteger(p.steps, 1, MAX_STEPS, 'steps'),
    stepsPerDay: requireInteger(p.stepsPerDay, 1, 100_000, 'stepsPerDay'),
    spot: requirePositive(p.spot, 'spot'),
    vol: requirePositive(p.vol, 'vol'),
    drift: requireFinite(p.drift, 'drift'),
    impact: requireNonNegative(p.impact, 'impact'),
    impactLaw: checkChoice(p.impactLaw, ['linear', 'sqrt'] as const, 'impactLaw'),
    hedgeInterval: requireInteger(p.hedgeInterval, 1, MAX_STEPS, 'hedgeInterval'),
    dealerPosition: checkChoice(p.dealerPosition, ['short', 'none', 'long'] as const, 'dealerPosition'),
    bookSize: requireNonNegative(p.bookSize, 'bookSize'),
    optionKind: checkChoice(p.optionKind, ['call', 'put'] as const, 'optionKind'),
    strike: requirePositive(p.strike, 'strike'),
    expiryDays: requireNonNegative(p.expiryDays, 'expiryDays'),
    seed: requireInteger(p.seed, 0, MAX_SEED, 'seed'),
  };
}

function checkBook(book: readonly HedgeBookLine[]): HedgeBookLine[] {
  if (!Array.isArray(book)) throw new EngineInputError('invalid-shape', 'book must be an array of lines', 'book');
  return book.map((l, i) => {
    if (l === null || typeof l !== 'object') throw new EngineInputError('invalid-shape', `book[${i}] must be an object`, `book[${i}]`);
    return {
      strike: requirePositive(l.strike, `book[${i}].strike`),
      kind: checkChoice(l.kind, ['call', 'put'] as const, `book[${i}].kind`),
      expiry: requireNonNegative(l.expiry, `book[${i}].expiry`),
      quantity: requireFinite(l.quantity, `book[${i}].quantity`),
    };
  });
}

/**
 * Create a hedging-feedback simulation. `book` overrides the single line that
 * the parameters describe (`bookFromParams`); the dealer starts hedged.
 * Deterministic: exactly one normal draw per step from `createRng(seed)`, so
 * runs with different books but the same seed see the same noise.
 */
export function createHedgingSimulation(params: HedgingParams, book?: readonly HedgeBookLine[]): HedgingSimulation {
  const p = checkHedgingParams(params);
  const lines = book === undefined ? bookFromParams(p) : checkBook(book);
  const nLines = lines.length;
  const N = p.steps;
  const k = p.hedgeInterval;
  const dt = 1 / (TRADING_DAYS * p.stepsPerDay);
  const sqrtDt = Math.sqrt(dt);
  const lambda = p.impact / REFERENCE_TRADE; // relative impact per share (linear law)
  const linear = p.impactLaw === 'linear';
  const noiseSd = p.vol * sqrtDt;
  // Square-root law in units of the noise flow's scale s_q = Q₀σ²dt/(κ²√(2/π)),
  // chosen so that noise alone has variance σ²dt (E|Z| = √(2/π)):
  // Δln S = σ√dt (π/2)^{1/4} sign(Z + q/s_q) √|Z + q/s_q|. Finite for κ = 0.
  const sqrtScale = noiseSd * Math.pow(Math.PI / 2, 0.25);
  const flowToZ = (p.impact * p.impact * Math.sqrt(2 / Math.PI)) / (REFERENCE_TRADE * noiseSd * noiseSd);
  const driftStep = p.drift * dt;
  const S0 = p.spot;
  const lnLo = Math.log(S0 / BLOWUP_FACTOR);
  const lnHi = Math.log(S0 * BLOWUP_FACTOR);

  const rng = createRng(p.seed);
  const time = new Float64Array(N + 1);
  const price = new Float64Array(N + 1);
  const trade = new Float64Array(N + 1);
  const holdings = new Float64Array(N + 1);
  const gainPath = new Float64Array(N + 1);
  const lnK = new Float64Array(nLines);
  for (let i = 0; i < nLines; i++) lnK[i] = Math.log(lines[i]!.strike);

  let target = 0; // hedge target at the last evaluation
  let bookGamma = 0;
  /** Dealer's target holding −Δ_book and book gamma at price S, step n (one pass over the book). */
  const evaluateBook = (S: number, n: number): void => {
    let delta = 0;
    let gamma = 0;
    const lnS = Math.log(S);
    for (let i = 0; i < nLines; i++) {
      const l = lines[i]!;
      const tau = l.expiry - n * dt;
      if (!(tau > 1e-9 * dt)) continue; // expired and cash-settled: no delta
      const sd = p.vol * Math.sqrt(tau);
      const d1 = (lnS - lnK[i]!) / sd + sd / 2;
      const nd = Phi(d1);
      delta += l.quantity * (l.kind === 'call' ? nd : nd - 1);
      gamma += (l.quantity * phi(d1)) / (S * sd);
    }
    target = -delta;
    bookGamma = gamma;
  };

  let n = 0;
  let h = 0;
  let gain = 0;
  let maxGain = Number.NEGATIVE_INFINITY;
  let minGain = Number.POSITIVE_INFINITY;
  let pending = 0; // trade to execute in the next step
  let lnS = Math.log(S0);
  let unstableStep: number | null = null;
  let unstableReason: HedgingResult['unstableReason'] = null;
  price[0] = S0;
  if (nLines > 0) {
    evaluateBook(S0, 0);
    h = target; // start hedged: no initial trade
  }
  holdings[0] = h;

  const impactSqrt = (x: number): number => (x >= 0 ? sqrtScale * Math.sqrt(x) : -sqrtScale * Math.sqrt(-x));
  /** One step; false (and nothing recorded) when the run is over or has just been stopped. */
  const stepOnce = (): boolean => {
    if (n >= N || unstableStep !== null) return false;
    const S = Math.exp(lnS);
    pending = 0;
    if (nLines > 0 && n % k === 0) {
      evaluateBook(S, n);
      gain = -lambda * S * bookGamma;
      if (gain > maxGain) maxGain = gain;
      if (gain < minGain) minGain = gain;
      if (linear && gain >= 1) {
        // No equilibrium: 1 + λSΓ_book ≤ 0 (effectiveVolatility's unstable regime).
        unstableStep = n;
        unstableReason = 'loop-gain';
        gainPath[n] = gain;
        return false;
      }
      pending = target - h;
      h = target;
    }
    const z = rng.normal();
    const r = linear ? noiseSd * z + lambda * pending : impactSqrt(z + flowToZ * pending);
    const next = lnS + driftStep + r;
    if (!(next > lnLo && next < lnHi)) {
      unstableStep = n;
      unstableReason = 'blow-up';
      return false;
    }
    lnS = next;
    n++;
    time[n] = n * dt;
    price[n] = Math.exp(lnS);
    trade[n] = pending;
    holdings[n] = h;
    gainPath[n] = gain;
    return true;
  };
  gainPath[0] = nLines > 0 ? -lambda * S0 * bookGamma : 0;

  const sim: HedgingSimulation = {
    params: p,
    book: lines,
    get stepIndex() {
      return n;
    },
    get done() {
      return n >= N || unstableStep !== null;
    },
    step(count = 1): number {
      const c = requireInteger(count, 0, MAX_STEPS, 'n');
      let taken = 0;
      // At most c iterations.
      while (taken < c && stepOnce()) taken++;
      return taken;
    },
    result(): HedgingResult {
      return summarise(p, {
        time: time.slice(0, n + 1),
        price: price.slice(0, n + 1),
        trade: trade.slice(0, n + 1),
        holdings: holdings.slice(0, n + 1),
        gain: gainPath.slice(0, n + 1),
        unstableStep,
        unstableReason,
        maxGain: nLines > 0 && maxGain > Number.NEGATIVE_INFINITY ? maxGain : 0,
        minGain: nLines > 0 && minGain < Number.POSITIVE_INFINITY ? minGain : 0,
      });
    },
  };
  return sim;
}

interface RawRun {
  time: Float64Array;
  price: Float64Array;
  trade: Float64Array;
  holdings: Float64Array;
  gain: Float64Array;
  unstableStep: number | null;
  unstableReason: HedgingResult['unstableReason'];
  maxGain: number;
  minGain: number;
}

/** Annualised root-mean-square of log returns over blocks of `block` steps (complete blocks only). */
function blockVol(price: Float64Array, block: number, dt: number): { vol: number; count: number } {
  const count = Math.floor((price.length - 1) / block);
  if (count === 0) return { vol: 0, count: 0 };
  let ss = 0;
  for (let b = 0; b < count; b++) {
    const r = Math.log(price[(b + 1) * block]! / price[b * block]!);
    ss += r * r;
  }
  return { vol: Math.sqrt(ss / (count * block * dt)), count };
}

function summarise(p: HedgingParams, raw: RawRun): HedgingResult {
  const { price, trade } = raw;
  const stepsRun = price.length - 1;
  const dt = 1 / (TRADING_DAYS * p.stepsPerDay);
  const intraday = blockVol(price, 1, dt);
  const daily = blockVol(price, p.stepsPerDay, dt);
  const k = p.hedgeInterval;
  const intervals = Math.floor(stepsRun / k);
  const rets = new Float64Array(intervals);
  for (let j = 0; j < intervals; j++) rets[j] = Math.log(price[(j + 1) * k]! / price[j * k]!);
  const ac = intervals >= 3 ? autocorrelation(rets, 1) : Number.NaN;
  let net = 0;
  for (let i = 0; i < trade.length; i++) net += trade[i]!;
  return {
    time: raw.time,
    price,
    hedgeTrade: trade,
    holdings: raw.holdings,
    loopGain: raw.gain,
    realisedVol: daily.count > 0 ? daily.vol : intraday.vol,
    realisedVolIntraday: intraday.vol,
    autocorrelation: Number.isFinite(ac) ? ac : null,
    days: daily.count,
    intervals,
    stepsRun,
    unstable: raw.unstableStep !== null,
    unstableStep: raw.unstableStep,
    unstableReason: raw.unstableReason,
    maxLoopGain: raw.maxGain,
    minLoopGain: raw.minGain,
    netDealerTrade: net,
    finalPrice: price[stepsRun]!,
  };
}

/** Run a hedging simulation to the end (or to its blow-up). Pure: same inputs, same output. */
export function runHedgingSimulation(params: HedgingParams, book?: readonly HedgeBookLine[]): HedgingResult {
  const sim = createHedgingSimulation(params, book);
  sim.step(sim.params.steps); // at most `steps` iterations
  return sim.result();
}

/** Default parameters (the spec's defaults). */
export const defaultHedgingParams: Readonly<HedgingParams> = Object.freeze(defaultParams(hedgingSimulationSpec));
