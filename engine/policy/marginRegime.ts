/**
 * The venue's margin model inside the policy harness: a maintenance-margin
 * rate scaled with a volatility estimate (procyclical), with or without the
 * three anti-procyclicality (APC) options of EMIR RTS — Commission Delegated
 * Regulation (EU) No 153/2013, Article 28(1) (models.md §6.2, exact text):
 * (a) a buffer of at least 25 % "which it allows to be temporarily exhausted
 * in periods where calculated margin requirements are rising significantly";
 * (b) at least 25 % weight on stressed observations; (c) margins not lower
 * than with volatility "estimated over a 10 year historical lookback period".
 *
 * Volatility estimate at a margin run (the RiskMetrics EWMA on daily returns,
 * read intraday: today's return so far is today's observation):
 *     σ̂² = λ·σ₀² + (1 − λ)·r²,   r = ln(mid / P_start),   σ₀ = σ_calm/√365.25.
 * Calculated requirement, in the reading of `marginSeries` (collateral engine):
 *     (b)  σ²_b = (1 − w)·σ̂² + w·σ_s²          (σ_s: stressed daily volatility)
 *     (c)  C = max(σ_b, σ_f)                   (σ_f: long-lookback daily volatility)
 *     (a)  posted P = the buffer state machine of `applyMarginBuffer` applied to
 *          the run-by-run series of C (run 0 is the calm run before the shock,
 *          r = 0), so C ≤ P ≤ (1 + B)·C.
 * A VaR margin is proportional to σ (`varMargin`), so the constant factor
 * z_α·√MPOR cancels in the ratio used here. Normalisation: the population was
 * opened under the rate m, so each regime's requirement before the shock is m:
 *     m_t = min(m · P_t / P_0, MAX_MARGIN_RATE),
 * and the tools differ in how much the rate RISES. What APC costs in calm
 * times — its requirement before the shock relative to the plain model,
 * P_0 / σ̂(r = 0) — is reported as `calmMarginRatio` (1.25 for a 25 % buffer).
 *
 * Readings (the regulation gives principles, not arithmetic): (b) and (c) as in
 * models.md §6.2 and `marginSeries`; the intraday use of the daily EWMA and
 * the normalisation to the population's rate are this harness's own choices.
 */
import { defineParams, narrowSpec, type ParamValues } from '../core/params';
import { EngineInputError, requireInRange } from '../core/errors';
import { apcParams } from '../collateral/marginSeries';
import { DAYS_PER_YEAR } from '../leverage/orderBook';

/** Largest maintenance rate the harness lets the margin model demand (half the notional). */
export const MAX_MARGIN_RATE = 0.5;

/** Parameters of the APC tool (ranges of the buffer, trigger and stress weight reused from `apcParams`). */
export const apcMarginSpec = defineParams({
  tools: {
    kind: 'choice',
    label: 'APC options',
    description: 'Which EMIR Article 28 options the venue applies to its volatility-scaled margin.',
    options: [
      { value: 'buffer', label: '(a) Releasable buffer' },
      { value: 'stressWeight', label: '(b) Weight on stressed observations' },
      { value: 'floor', label: '(c) Long-lookback floor' },
      { value: 'all', label: 'All three' },
    ],
    default: 'buffer',
  },
  bufferFraction: apcParams.bufferFraction,
  releaseThreshold: narrowSpec(apcParams.releaseThreshold, { default: 0.1 }),
  releaseLookback: {
    label: 'Release lookback',
    symbol: 'h',
    unit: 'margin runs',
    min: 1,
    max: 60,
    step: 1,
    default: 5,
    integer: true,
    description: 'Margin runs over which the rise of the calculated margin is measured.',
  },
  rebuildRuns: {
    label: 'Buffer rebuild time',
    symbol: 'R',
    unit: 'margin runs',
    min: 1,
    max: 500,
    step: 1,
    default: 60,
    integer: true,
    description: 'Margin runs to rebuild a fully used buffer once margins stop rising (linear rebuild).',
  },
  stressWeight: apcParams.stressWeight,
  stressVolatility: {
    label: 'Stressed volatility',
    symbol: '\\sigma_s',
    display: 'percent',
    unit: '% a year',
    min: 0.05,
    max: 5,
    step: 0.05,
    default: 1.2,
    description: 'Annual volatility of the stressed observations that option (b) weights in.',
  },
  floorVolatility: {
    label: 'Long-lookback volatility',
    symbol: '\\sigma_f',
    display: 'percent',
    unit: '% a year',
    min: 0.05,
    max: 5,
    step: 0.05,
    default: 0.8,
    description: 'Annual volatility over the long (10-year) lookback that option (c) uses as a floor.',
  },
});

/** Values of `apcMarginSpec`. */
export type ApcMarginParams = ParamValues<typeof apcMarginSpec>;

/** Inputs of a margin regime. */
export interface MarginRegimeConfig {
  /** The population's maintenance rate m (the requirement before the shock). */
  baseRate: number;
  /** Calm annual volatility σ_calm. */
  volatility: number;
  /** EWMA decay λ. */
  decay: number;
  /** 'fixed' keeps m throughout; 'volatility' scales it. */
  model: 'fixed' | 'volatility';
  /** APC options, or null for the plain volatility-scaled margin. */
  apc: ApcMarginParams | null;
}

/** A margin model stepped run by run (pure state, no clock). */
export interface MarginRegime {
  /** Margin run at log return r = ln(mid/P_start): returns the maintenance rate m_t in force until the next run. */
  run(logReturn: number): number;
  /** The requirement before the shock relative to the plain volatility model (1 without APC). */
  readonly calmMarginRatio: number;
  /** Calculated series C (run 0 = calm), for tests and figures. */
  calculated(): number[];
  /** Posted series P (run 0 = calm). */
  posted(): number[];
}

/**
 * Create the margin regime (see the module comment). Throws `EngineInputError`
 * for a rate outside [0, 1), a non-positive volatility or a decay outside (0, 1).
 */
export function createMarginRegime(cfg: MarginRegimeConfig): MarginRegime {
  const m = requireInRange(cfg.baseRate, 0, 0.999, 'baseRate');
  const sigmaCalm = requireInRange(cfg.volatility, 1e-6, 100, 'volatility') / Math.sqrt(DAYS_PER_YEAR);
  const lambda = requireInRange(cfg.decay, 1e-6, 1 - 1e-9, 'decay');
  if (cfg.model !== 'fixed' && cfg.model !== 'volatility') {
    throw new EngineInputError('invalid-parameter', `margin model must be 'fixed' or 'volatility' (got ${String(cfg.model)})`, 'marginModel');
  }
  const apc = cfg.apc;
  const which = apc?.tools;
  const useBuffer = which === 'buffer' || which === 'all';
  const useStress = which === 'stressWeight' || which === 'all';
  const useFloor = which === 'floor' || which === 'all';
  const w = useStress ? apc!.stressWeight : 0;
  const sigmaStress = useStress ? apc!.stressVolatility / Math.sqrt(DAYS_PER_YEAR) : 0;
  const sigmaFloor = useFloor ? apc!.floorVolatility / Math.sqrt(DAYS_PER_YEAR) : 0;
  const B = useBuffer ? apc!.bufferFraction : 0;
  const g = useBuffer ? apc!.releaseThreshold : 0;
  const h = useBuffer ? apc!.releaseLookback : 1;
  const R = useBuffer ? apc!.rebuildRuns : 1;

  const calc = (r: number): number => {
    const v = lambda * sigmaCalm * sigmaCalm + (1 - lambda) * r * r;
    const vb = (1 - w) * v + w * sigmaStress * sigmaStress;
    return Math.max(Math.sqrt(vb), sigmaFloor);
  };
  const plainCalm = Math.sqrt(lambda) * sigmaCalm;
  const C: number[] = [];
  const P: number[] = [];
  // Buffer state (the recursion of `applyMarginBuffer`, run by run).
  let b = B;
  let prev = 0;
  const post = (c: number): number => {
    const t = C.length;
    C.push(c);
    if (t === 0) {
      prev = (1 + B) * c;
      P.push(prev);
      return prev;
    }
    if (useBuffer) {
      const past = C[t >= h ? t - h : 0]!;
      if (c > (1 + g) * past) b = c > 0 ? Math.min(B, Math.max(0, prev / c - 1)) : B;
      else if (b < B) b = Math.min(B, b + B / R);
    }
    const p = (1 + b) * c;
    P.push(p);
    prev = p;
    return p;
  };
  const P0 = post(calc(0));
  const calmMarginRatio = cfg.model === 'fixed' ? 1 : P0 / plainCalm;
  return {
    run(logReturn: number): number {
      if (cfg.model === 'fixed') return m;
      if (!Number.isFinite(logReturn)) throw new EngineInputError('not-finite', `log return must be finite (got ${logReturn})`, 'logReturn');
      const p = post(calc(logReturn));
      return Math.min(m * (p / P0), MAX_MARGIN_RATE);
    },
    calmMarginRatio,
    calculated: () => C.slice(),
    posted: () => P.slice(),
  };
}
