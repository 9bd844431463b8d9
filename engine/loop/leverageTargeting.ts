/**
 * Leverage targeting: why the loop gain rises with leverage.
 *
 * A fund holds assets A financed with equity E and debt, and keeps its leverage
 * L = A/E constant, as marked-to-market intermediaries were shown to do by
 * Adrian & Shin (2010), "Liquidity and leverage", Journal of Financial
 * Intermediation 19(3):418–437. After a return r on its assets, equity becomes
 * E(1 + L·r) and assets A(1 + r); to restore leverage L the fund must hold
 * L·E(1 + Lr) = A(1 + Lr), so it sells
 *
 *     A(1 + r) − A(1 + Lr) = −A·(L − 1)·r.
 *
 * A 1 % fall therefore forces sales of k = 0.01·A·(L − 1) ($M), and with price
 * impact λ (% per $M) the loop gain of the feedback multiplier is
 *
 *     g(L) = λ · 0.01 · A · (L − 1),      critical leverage L* = 1 + 1/(0.01·λ·A).
 *
 * Equity is wiped out once the total move reaches 1/L. The derivation is the
 * book's own (the balance-sheet arithmetic of Adrian & Shin's section 2).
 */
import { defineParams, type ParamValues } from '../core/params';
import { requireInRange, requireNonNegative, requirePositive } from '../core/errors';
import { feedbackMultiplier, type FeedbackMultiplierResult } from './feedbackMultiplier';

export const leverageTargetingParams = defineParams({
  leverage: {
    label: 'Target leverage',
    symbol: 'L',
    unit: '×',
    min: 1,
    max: 40,
    step: 0.5,
    default: 8,
    description: 'Assets divided by equity, which the fund restores after every move.',
  },
  assets: {
    label: 'Fund assets',
    symbol: 'A',
    unit: '$M',
    min: 10,
    max: 5000,
    step: 10,
    default: 1000,
    description: 'Size of the leveraged holdings at the start.',
  },
  impact: {
    label: 'Price impact per $M',
    symbol: '\\lambda',
    unit: '% per $M',
    min: 0,
    max: 0.05,
    step: 0.0005,
    default: 0.006,
    description: 'How far the price moves, in %, for each $M sold.',
  },
  shock: {
    label: 'Initial shock',
    symbol: 's',
    unit: '%',
    display: 'percent',
    min: 0.001,
    max: 0.2,
    step: 0.001,
    default: 0.01,
    description: 'The first fall in the asset price.',
  },
});

export type LeverageTargetingParams = ParamValues<typeof leverageTargetingParams>;

export interface LeverageTargetingResult {
  /** Forced sales per 1 % fall, k = 0.01·A·(L − 1) ($M). */
  salesPerPercent: number;
  /** Loop gain g = λ·k. */
  gain: number;
  /** Leverage at which g = 1 (Infinity when λ = 0). */
  criticalLeverage: number;
  /** The multiplier result for this leverage (rounds, total, stability). */
  loop: FeedbackMultiplierResult;
  /** Fraction of equity lost at the final move, min(1, L·X). */
  equityLoss: number;
  /** Move that wipes equity out, 1/L. */
  wipeoutMove: number;
}

/** Loop gain as a function of leverage: g(L) = λ·0.01·A·(L − 1). */
export function leverageLoopGain(leverage: number, assets: number, impact: number): number {
  requireInRange(leverage, 1, 1000, 'leverage');
  requirePositive(assets, 'assets');
  requireNonNegative(impact, 'impact');
  return impact * 0.01 * assets * (leverage - 1);
}

/** Critical leverage L* = 1 + 1/(0.01·λ·A); Infinity when λ = 0. */
export function criticalLeverage(assets: number, impact: number): number {
  requirePositive(assets, 'assets');
  requireNonNegative(impact, 'impact');
  return impact === 0 ? Number.POSITIVE_INFINITY : 1 + 1 / (0.01 * impact * assets);
}

export function leverageTargeting(p: LeverageTargetingParams, rounds = 12): LeverageTargetingResult {
  const gain = leverageLoopGain(p.leverage, p.assets, p.impact);
  const salesPerPercent = 0.01 * p.assets * (p.leverage - 1);
  // Express the loop as the generic multiplier with k = sales per 1 % and λ = impact.
  const loop = feedbackMultiplier({ shock: p.shock, sensitivity: salesPerPercent, impact: p.impact, rounds });
  const finalMove = loop.stable ? Math.min(1, loop.total) : 1;
  return {
    salesPerPercent,
    gain,
    criticalLeverage: criticalLeverage(p.assets, p.impact),
    loop,
    equityLoss: Math.min(1, p.leverage * finalMove),
    wipeoutMove: 1 / p.leverage,
  };
}

/** The multiplier 1/(1 − g(L)) over a grid of leverages, for the figure (Infinity past L*). */
export function multiplierByLeverage(assets: number, impact: number, leverages: number[]): { leverage: number; gain: number; multiplier: number }[] {
  return leverages.map((L) => {
    const g = leverageLoopGain(L, assets, impact);
    return { leverage: L, gain: g, multiplier: g < 1 ? 1 / (1 - g) : Number.POSITIVE_INFINITY };
  });
}
