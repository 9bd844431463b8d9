/**
 * The linear feedback multiplier: the leverage loop in its simplest form.
 *
 * A shock moves the price by s. Leveraged holders are forced to trade k (in $M)
 * for every 1 % the price has moved against them; every $M of forced flow moves
 * the price by λ %. The first round of forced flow adds s·λk, which forces
 * s·(λk)² more, and so on. With loop gain g = λk the total move is the
 * geometric series
 *
 *     X = s + s·g + s·g² + … = s / (1 − g)          (converges iff g < 1)
 *
 * and the loop explodes (the move grows without bound until something else
 * stops it) when g ≥ 1. This is the partial-equilibrium "multiplier" argument
 * that runs through the literature on fire sales and liquidity spirals
 * (e.g. Brunnermeier & Pedersen 2009, Rev. Financial Studies 22(6):2201–2238,
 * where the amplification factor has the same 1/(1 − ·) form); the notation
 * and units here are the book's own.
 *
 * Units: s is a fraction of the price (0.02 = 2 %); k is $M per 1 % move;
 * λ is % of price per $M. g = λ·k is dimensionless.
 */
import { defineParams, type ParamValues } from '../core/params';
import { requireFinite, requireInteger, requireNonNegative, requireInRange } from '../core/errors';

export const feedbackMultiplierParams = defineParams({
  shock: {
    label: 'Initial shock',
    symbol: 's',
    unit: '%',
    display: 'percent',
    min: 0.001,
    max: 0.2,
    step: 0.001,
    default: 0.02,
    description: 'The first price move, before any forced trading.',
  },
  sensitivity: {
    label: 'Forced flow per 1 % move',
    symbol: 'k',
    unit: '$M',
    min: 0,
    max: 200,
    step: 1,
    default: 50,
    description: 'How much leveraged holders must sell for every 1 % the price falls.',
  },
  impact: {
    label: 'Price impact per $M',
    symbol: '\\lambda',
    unit: '% per $M',
    min: 0,
    max: 0.05,
    step: 0.0005,
    default: 0.012,
    description: 'How far the price moves, in %, for each $M sold into the market.',
  },
  rounds: {
    label: 'Rounds shown',
    symbol: 'N',
    min: 1,
    max: 40,
    step: 1,
    default: 12,
    integer: true,
    description: 'How many rounds of the loop to draw.',
  },
});

export type FeedbackMultiplierParams = ParamValues<typeof feedbackMultiplierParams>;

export interface MultiplierRound {
  /** Round number; round 0 is the initial shock. */
  round: number;
  /** The move added in this round, s·gⁿ (fraction of price). */
  move: number;
  /** Cumulative move after this round (fraction of price), capped at 1 (price at zero). */
  cumulative: number;
}

export interface FeedbackMultiplierResult {
  /** Loop gain g = λ·k. */
  gain: number;
  /** True when g < 1: the series converges. */
  stable: boolean;
  /** Amplification factor 1/(1 − g), or Infinity when the loop is unstable. */
  multiplier: number;
  /** Closed-form total move s/(1 − g) (fraction of price), or Infinity when unstable. */
  total: number;
  /** Whether the total move reaches 100 % (price would hit zero), and at which round. */
  hitsZeroAtRound: number | null;
  /** Rounds needed for the partial sum to reach 99 % of the total (null when unstable or g = 0 trivially 0). */
  roundsTo99: number | null;
  rounds: MultiplierRound[];
}

/**
 * Round-by-round moves s·gⁿ and the closed-form total s/(1 − g).
 * Inputs are validated; the function never returns NaN.
 */
export function feedbackMultiplier(p: FeedbackMultiplierParams): FeedbackMultiplierResult {
  const s = requireInRange(p.shock, 0, 1, 'shock');
  const k = requireNonNegative(p.sensitivity, 'sensitivity');
  const lambda = requireNonNegative(p.impact, 'impact');
  const n = requireInteger(p.rounds, 0, 10_000, 'rounds');
  const gain = requireFinite(lambda * k, 'gain');
  const stable = gain < 1;
  const multiplier = stable ? 1 / (1 - gain) : Number.POSITIVE_INFINITY;
  const total = stable ? s * multiplier : Number.POSITIVE_INFINITY;

  const rounds: MultiplierRound[] = [];
  let move = s;
  let cumulative = 0;
  let hitsZeroAtRound: number | null = null;
  for (let r = 0; r <= n; r++) {
    cumulative += move;
    if (cumulative >= 1 && hitsZeroAtRound === null) hitsZeroAtRound = r;
    rounds.push({ round: r, move, cumulative: Math.min(1, cumulative) });
    move *= gain;
  }
  if (stable && total > 1 && hitsZeroAtRound === null) {
    // The series converges, but only beyond 100 %: it reaches zero at the first n with s(1 − g^{n+1})/(1 − g) ≥ 1.
    hitsZeroAtRound = gain === 0 ? 0 : Math.ceil(Math.log(1 - (1 - gain) / s) / Math.log(gain)) - 1;
  }
  let roundsTo99: number | null = null;
  if (stable) {
    // Partial sum after round n is total·(1 − g^{n+1}); it reaches 99 % when g^{n+1} ≤ 0.01.
    roundsTo99 = gain === 0 ? 0 : Math.max(0, Math.ceil(Math.log(0.01) / Math.log(gain) - 1 - 1e-12));
  }
  return { gain, stable, multiplier, total, hitsZeroAtRound, roundsTo99, rounds };
}
