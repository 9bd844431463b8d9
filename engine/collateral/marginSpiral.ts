/**
 * A stylised margin/loss spiral after Brunnermeier & Pedersen (2009), "Market liquidity and funding
 * liquidity", Review of Financial Studies 22(6):2201–2238.
 *
 * STYLISED VERSION. models.md §6.1 marks the paper's exact formulas [unverified]; this model keeps only the
 * mechanism the abstract states (verified): a speculator's total margin cannot exceed its capital, margins rise
 * with price moves ("destabilizing margins", m = σ̄ + θ|Δp| in the paper's VaR-based form, [unverified]), and
 * funding and market liquidity reinforce each other. It is not the paper's equilibrium model.
 *
 * Set-up (units: price p in $ per unit, position x in units, capital W in $, margin m in $ per unit):
 *   funding constraint  x·m ≤ W;
 *   margin per unit     m = m₀ + θ·D, D = p₀ − p the cumulative price fall (θ ≥ 0; θ = 0: constant margin);
 *   price impact        each unit sold lowers the price by Λ (linear, permanent).
 * Round by round, starting with an exogenous fall η:
 *   a fall d hits the position held:  W ← W − x·d,  m ← m₀ + θ·D;
 *   if x > W/m the speculator must sell s = x − max(W, 0)/m, and the next fall is d' = Λ·s.
 * Each sale is split into a loss-spiral part (what it would sell if the margin had not moved: the capital
 * loss alone, x − W/m_before) and a margin-spiral part (the extra sale caused by the higher margin); the price
 * moves they cause, Λ·s_loss and Λ·s_margin, add up to the total move beyond the initial shock.
 *
 * Analytic condition (own derivation for this stylised model). With a binding constraint x = W/m, a fall d
 * forces the sale s = x·d·(1 + θ)/(m + θd), so successive falls satisfy
 *   d_{k+1}/d_k = Λ·x_k·(1 + θ)/(m_k + θ·d_k) ≤ ρ₀ := Λ·x₀·(1 + θ)/m₀,
 * because x only falls and m only rises. Loss-spiral share Λx₀/m₀, margin-spiral share Λx₀θ/m₀.
 *   • ρ₀ < 1 (stable): the spiral converges geometrically; the total move is at most η/(1 − ρ₀) and tends to
 *     η/(1 − ρ₀) as η → 0 (the linear multiplier).
 *   • ρ₀ ≥ 1 (spiral): each round's fall is at least as large as the last at first; even a vanishing shock ends
 *     in a large crash, which stops only once deleveraging (x falls, m rises) pushes the round ratio below 1
 *     or the speculator is wiped out (W ≤ 0, everything sold). The move never exceeds η + Λ·x₀.
 * With the widget's relative parameters (Λ = fullSaleImpact·p₀/x₀, m₀ = marginRate·p₀):
 *   ρ₀ = fullSaleImpact·(1 + θ)/marginRate  (when the speculator starts fully levered, usage = 1).
 */
import { defineParams, type ParamValues } from '../core/params';
import { EngineInputError, requireInRange, requireInteger, requirePositive } from '../core/errors';

/** Slider specifications of the stylised margin spiral (relative units; see the module comment for ρ₀). */
export const marginSpiralParams = defineParams({
  price: { label: 'Initial price', unit: '$', min: 1, max: 1000, step: 1, default: 100, symbol: 'p_0', description: 'Price of the asset before the shock.' },
  capital: { label: 'Capital', unit: '$M', min: 1, max: 1000, step: 1, default: 10, symbol: 'W_0', description: 'The speculator’s own funds.' },
  marginRate: {
    label: 'Initial margin rate',
    symbol: 'm_0/p_0',
    unit: '%',
    min: 0.02,
    max: 0.5,
    step: 0.01,
    default: 0.1,
    display: 'percent',
    description: 'Margin per unit as a share of the price before the shock (10 % allows leverage 10).',
  },
  marginSensitivity: {
    label: 'Margin sensitivity',
    symbol: '\\theta',
    min: 0,
    max: 3,
    step: 0.05,
    default: 0.5,
    description: 'Dollars of extra margin per unit for each dollar the price has fallen (0: constant margin, loss spiral only).',
  },
  usage: {
    label: 'Use of funding capacity',
    symbol: 'u',
    unit: '%',
    min: 0.1,
    max: 1,
    step: 0.05,
    default: 1,
    display: 'percent',
    description: 'Initial position as a share of the largest position the capital allows (1: fully levered).',
  },
  fullSaleImpact: {
    label: 'Market impact of the whole position',
    symbol: '\\Lambda x_0/p_0',
    unit: '%',
    min: 0,
    max: 0.2,
    step: 0.005,
    default: 0.04,
    display: 'percent',
    description: 'Price fall if the speculator sold its whole initial position: a measure of market illiquidity.',
  },
  shock: {
    label: 'Initial shock',
    symbol: '\\eta/p_0',
    unit: '%',
    min: 0.001,
    max: 0.3,
    step: 0.001,
    default: 0.02,
    display: 'percent',
    description: 'Exogenous fall in the price that starts the spiral, as a share of the price.',
  },
});
/** Values of `marginSpiralParams`. */
export type MarginSpiralParams = ParamValues<typeof marginSpiralParams>;

/** State after one round of the spiral. */
export interface MarginSpiralRound {
  round: number;
  /** Price after this round's fall (before the next sale's impact). */
  price: number;
  /** Capital after marking the position to the new price. */
  capital: number;
  /** Position after this round's forced sale. */
  position: number;
  /** Margin per unit after the fall. */
  margin: number;
  /** Funding capacity W/m after the fall (units). */
  capacity: number;
  /** Units sold this round, total and split into loss-spiral and margin-spiral parts. */
  sale: number;
  lossSale: number;
  marginSale: number;
  /** The price fall that hit the position this round. */
  fall: number;
}

/** Output of `marginSpiral`: the rounds, the decomposition and the analytic condition. */
export interface MarginSpiralResult {
  rounds: MarginSpiralRound[];
  /** Exogenous shock η in price units. */
  shock: number;
  /** Total price fall p₀ − p_final = η + lossSpiral + marginSpiral. */
  totalMove: number;
  /** Price fall caused by loss-spiral sales, and by margin-spiral sales. */
  lossSpiral: number;
  marginSpiral: number;
  /** totalMove / η. */
  multiplier: number;
  /** ρ₀ = Λx₀(1 + θ)/m₀ and its loss (Λx₀/m₀) and margin (Λx₀θ/m₀) parts. */
  ratio: number;
  lossRatio: number;
  marginRatio: number;
  /** ρ₀ < 1. */
  stable: boolean;
  /** 1/(1 − ρ₀) when stable (the small-shock multiplier and an upper bound on `multiplier`), else Infinity. */
  linearMultiplier: number;
  /** Capital fell to zero or below: everything was sold. */
  wipedOut: boolean;
  finalPrice: number;
  finalCapital: number;
  finalPosition: number;
  /** The spiral ended (no forced sale, or the falls decayed below 1e-12 of the price) within the round limit. */
  converged: boolean;
}

/** Stop once a decaying fall is below this share of the initial price. */
const FALL_TOLERANCE = 1e-12;

/**
 * Run the stylised margin spiral (see the module comment). Terminates: each round either ends the loop
 * (no sale, fall below tolerance while decaying, or nothing left to sell) or counts towards `maxRounds`
 * (default 100,000); the total sale is at most x₀, so the falls are summable.
 */
export function marginSpiral(p: MarginSpiralParams & { maxRounds?: number }): MarginSpiralResult {
  const p0 = requirePositive(p.price, 'price');
  const W0 = requirePositive(p.capital, 'capital');
  const rate = requireInRange(p.marginRate, 1e-6, 10, 'marginRate');
  const theta = requireInRange(p.marginSensitivity, 0, 1e6, 'marginSensitivity');
  const usage = requireInRange(p.usage, 1e-6, 1, 'usage');
  const impact = requireInRange(p.fullSaleImpact, 0, 10, 'fullSaleImpact');
  const shockFrac = requireInRange(p.shock, 0, 1, 'shock');
  const maxRounds = requireInteger(p.maxRounds ?? 100_000, 1, 10_000_000, 'maxRounds');
  if (!(shockFrac + impact < 1)) {
    // The total fall is at most η + Λx₀ = p₀(shock + fullSaleImpact); keep the price positive.
    throw new EngineInputError(
      'out-of-range',
      `shock + fullSaleImpact must stay below 1 so the price stays positive (got ${shockFrac + impact})`,
      'fullSaleImpact',
    );
  }

  const m0 = rate * p0;
  const x0 = (usage * W0) / m0;
  const lambda = (impact * p0) / x0; // price fall per unit sold
  const eta = shockFrac * p0;

  const lossRatio = (lambda * x0) / m0;
  const marginRatio = (lambda * x0 * theta) / m0;
  const ratio = lossRatio + marginRatio;

  let price = p0;
  let W = W0;
  let x = x0;
  let m = m0;
  let D = 0;
  let fall = eta;
  let prevFall = Infinity;
  let lossSpiral = 0;
  let marginSpiral = 0;
  let converged = false;
  const rounds: MarginSpiralRound[] = [
    { round: 0, price: p0, capital: W0, position: x0, margin: m0, capacity: W0 / m0, sale: 0, lossSale: 0, marginSale: 0, fall: 0 },
  ];

  for (let k = 1; k <= maxRounds; k++) {
    // The fall hits the position held.
    price -= fall;
    D += fall;
    W -= x * fall;
    const mBefore = m;
    m = m0 + theta * D;
    const capacity = W > 0 ? W / m : 0;
    let sale = 0;
    let lossSale = 0;
    if (x > capacity) {
      sale = x - capacity;
      const lossOnly = x - (W > 0 ? W / mBefore : 0);
      lossSale = lossOnly < 0 ? 0 : lossOnly > sale ? sale : lossOnly;
      x = capacity;
    }
    const marginSale = sale - lossSale;
    rounds.push({ round: k, price, capital: W, position: x, margin: m, capacity, sale, lossSale, marginSale, fall });
    if (sale === 0) {
      converged = true;
      break;
    }
    prevFall = fall;
    fall = lambda * sale;
    lossSpiral += lambda * lossSale;
    marginSpiral += lambda * marginSale;
    if ((fall < FALL_TOLERANCE * p0 && fall < prevFall) || x === 0) {
      // Apply the last (negligible, or final) fall and stop: nothing more to sell, or the spiral has decayed.
      price -= fall;
      D += fall;
      W -= x * fall;
      m = m0 + theta * D;
      rounds.push({ round: k + 1, price, capital: W, position: x, margin: m, capacity: W > 0 ? W / m : 0, sale: 0, lossSale: 0, marginSale: 0, fall });
      converged = true;
      break;
    }
  }

  const totalMove = p0 - price;
  return {
    rounds,
    shock: eta,
    totalMove,
    lossSpiral,
    marginSpiral,
    multiplier: eta > 0 ? totalMove / eta : 1,
    ratio,
    lossRatio,
    marginRatio,
    stable: ratio < 1,
    linearMultiplier: ratio < 1 ? 1 / (1 - ratio) : Infinity,
    wipedOut: W <= 0,
    finalPrice: price,
    finalCapital: W,
    finalPosition: x,
    converged,
  };
}
