/**
 * A collateral-call spiral for a leveraged liability-driven investment (LDI) fund, the mechanism of the UK
 * gilt crisis of September–October 2022 (historical-cases.md §8, for context only: rising yields → collateral
 * calls on repo and swap leverage → gilt sales when cash buffers ran out → higher yields → more calls; buffers
 * sized for about 100–150 bp; the Bank of England's temporary purchases stopped the spiral).
 *
 * STYLISED MODEL (own construction; no published model is reproduced):
 *   • The fund has NAV N₀ and a leveraged gilt exposure X₀ = L·N₀ (via repo and swaps), modelled as a
 *     zero-coupon gilt of maturity D, so its value is X(Y) = X₀·e^{−D·Y} after a yield rise Y (modified duration D;
 *     to first order the fall is X₀·D·ΔY, "duration × Δy").
 *   • The fund keeps its hedge. Every yield rise produces a collateral call equal to the fall in the exposure's
 *     value, call_k = X(Y_{k−1}) − X(Y_k), and the same mark-to-market loss on the NAV.
 *   • Calls are paid from a cash buffer sized to absorb a yield rise b: C₀ = X₀·(1 − e^{−D·b}).
 *     When cash runs out, the shortfall is raised by selling gilts at market prices; sales lift yields by κ per
 *     £bn sold to the market (linear price impact in yield terms).
 *   • Optional central-bank backstop: from round `startRound` on, the bank buys the sales that would push the
 *     yield rise above `yieldCap` (a price floor), up to `capacity` £bn in total; sales it absorbs have no impact.
 *   • The spiral stops when the buffer covers the call, when the yield increments fall below 1e-12, or when the
 *     NAV reaches zero (the fund is wiped out; lenders' close-out is not modelled).
 *
 * Analytic form without backstop: cumulative sales are max(0, X₀(1 − e^{−DY}) − C₀), so the yield rise follows
 *   Y_{k+1} = g(Y_k),  g(Y) = s + κ·X₀·max(0, e^{−D·b} − e^{−D·Y}),  Y₀ = s (the shock),
 * an increasing, concave map: Y_k rises monotonically to Y*, the smallest fixed point of g above s. The NAV reaches
 * zero iff Y* ≥ Y_wipe = −ln(1 − 1/L)/D (for L > 1): the loss X₀(1 − e^{−DY}) equals N₀ at Y_wipe. The local
 * amplification (extra yield per unit of yield once the buffer is gone) is g′(Y) = κ·X₀·D·e^{−DY}. A larger buffer b
 * lowers g pointwise, so it lowers the yield path round by round and cannot make a wipe-out more likely.
 */
import { defineParams, type ParamValues } from '../core/params';
import { EngineInputError, requireFinite, requireInRange, requireInteger, requireNonNegative, requirePositive } from '../core/errors';

/** Slider specifications of the LDI spiral (yields and buffers as fractions: 0.01 = 100 bp; amounts in £bn). */
export const ldiSpiralParams = defineParams({
  nav: {
    label: 'Fund NAV',
    unit: '£bn',
    min: 1,
    max: 500,
    step: 1,
    default: 100,
    symbol: 'N_0',
    description: 'Net asset value of the LDI fund (or sector) before the shock.',
  },
  leverage: {
    label: 'Leverage',
    symbol: 'L',
    unit: '×',
    min: 1,
    max: 8,
    step: 0.1,
    default: 3,
    description: 'Gilt exposure (physical plus repo and swaps) per unit of NAV.',
  },
  duration: {
    label: 'Duration',
    symbol: 'D',
    unit: 'years',
    min: 2,
    max: 40,
    step: 1,
    default: 20,
    description: 'Modified duration of the gilt exposure (long gilts: about 15–25).',
  },
  initialYield: {
    label: 'Initial yield',
    symbol: 'y_0',
    unit: '%',
    min: 0,
    max: 0.1,
    step: 0.0005,
    default: 0.035,
    display: 'percent',
    description: 'Long gilt yield before the shock (only the level shown; the spiral depends on the rise).',
  },
  yieldShock: {
    label: 'Yield shock',
    symbol: 's',
    unit: '%',
    min: 0,
    max: 0.03,
    step: 0.0005,
    default: 0.015,
    display: 'percent',
    description: 'Exogenous rise in yields that starts the spiral (0.01 = 100 bp).',
  },
  buffer: {
    label: 'Collateral buffer',
    symbol: 'b',
    unit: '%',
    min: 0,
    max: 0.05,
    step: 0.0005,
    default: 0.01,
    display: 'percent',
    description: 'Yield rise the fund’s cash buffer can absorb (0.01 = 100 bp; buffers were about 100–150 bp before the 2022 crisis).',
  },
  impact: {
    label: 'Yield impact of sales',
    symbol: '\\kappa',
    unit: '% per £bn',
    min: 0,
    max: 0.001,
    step: 0.00001,
    default: 0.0002,
    display: 'percent',
    description: 'Rise in yield per £bn of gilts sold into the market (0.0002 = 2 bp per £bn).',
  },
  backstop: {
    kind: 'choice',
    label: 'Central-bank backstop',
    description: 'A buyer of last resort that purchases gilts above a yield cap, up to a capacity.',
    options: [
      { value: 'off', label: 'Off' },
      { value: 'on', label: 'On' },
    ],
    default: 'off',
  },
  backstopCapacity: {
    label: 'Backstop capacity',
    unit: '£bn',
    min: 0,
    max: 200,
    step: 1,
    default: 65,
    description: 'Most the central bank will buy in total.',
  },
  backstopYieldCap: {
    label: 'Backstop yield cap',
    unit: '%',
    min: 0,
    max: 0.05,
    step: 0.0005,
    default: 0.02,
    display: 'percent',
    description: 'Yield rise above the initial yield at which the backstop buys every further sale (a price floor).',
  },
  backstopStartRound: {
    label: 'Backstop starts at round',
    min: 0,
    max: 20,
    step: 1,
    default: 0,
    integer: true,
    description: 'Round of the spiral from which the backstop operates (0: from the start).',
  },
});
/** Values of `ldiSpiralParams`. */
export type LdiSpiralParams = ParamValues<typeof ldiSpiralParams>;

/** One round of the LDI spiral (amounts in £bn, yields as fractions). */
export interface LdiRound {
  round: number;
  /** Yield level after this round's rise, and the cumulative rise Y_k. */
  yield: number;
  yieldRise: number;
  /** Collateral call this round (£bn) and the part paid from the cash buffer. */
  call: number;
  paidFromCash: number;
  /** Gilts sold this round to meet the shortfall (£bn), and the part bought by the backstop. */
  forcedSale: number;
  backstopPurchase: number;
  /** NAV and cash after the round (£bn). */
  nav: number;
  cash: number;
}

/** Output of `ldiSpiral`: the rounds and a summary. */
export interface LdiSpiralResult {
  rounds: LdiRound[];
  finalYieldRise: number;
  maxYieldRise: number;
  totalCalls: number;
  totalForcedSales: number;
  totalBackstop: number;
  /** The NAV reached zero (wiped out), and the round it happened in (−1 if never). */
  navHitsZero: boolean;
  wipeoutRound: number;
  /** Yield rise at which the NAV is exactly exhausted, −ln(1 − 1/L)/D (Infinity when L ≤ 1). */
  wipeoutYieldRise: number;
  /** Initial cash buffer C₀ = X₀(1 − e^{−Db}). */
  initialCash: number;
  /** Local amplification κ·X₀·D·e^{−D·max(s, b)}: the yield feedback per unit of yield as the spiral starts. */
  amplification: number;
  /** Ended by itself within the round limit (false only if `maxRounds` was hit). */
  converged: boolean;
}

/** Stop once a round's yield increment is below this (in yield units: 1e-12 = 1e-8 bp). */
const YIELD_TOLERANCE = 1e-12;

/**
 * Run the stylised LDI collateral spiral (see the module comment). Terminates: the loop ends on no sale, on a
 * yield increment below 1e-12, on a wipe-out, or after `maxRounds` (default 100,000) rounds.
 */
export function ldiSpiral(
  p: Partial<LdiSpiralParams> & Pick<LdiSpiralParams, 'leverage' | 'duration' | 'yieldShock' | 'buffer' | 'impact'> & { maxRounds?: number },
): LdiSpiralResult {
  const nav0 = requirePositive(p.nav ?? 100, 'nav');
  const L = requireInRange(p.leverage, 0.01, 1000, 'leverage');
  const D = requireInRange(p.duration, 0.01, 1000, 'duration');
  const y0 = requireFinite(p.initialYield ?? 0.035, 'initialYield');
  const shock = requireNonNegative(p.yieldShock, 'yieldShock');
  const b = requireNonNegative(p.buffer, 'buffer');
  const kappa = requireNonNegative(p.impact, 'impact');
  const backstopOn = (p.backstop ?? 'off') === 'on';
  if (p.backstop !== undefined && p.backstop !== 'on' && p.backstop !== 'off') {
    throw new EngineInputError('invalid-parameter', `backstop must be 'on' or 'off' (got ${String(p.backstop)})`, 'backstop');
  }
  const capacity = requireNonNegative(p.backstopCapacity ?? 65, 'backstopCapacity');
  const cap = requireNonNegative(p.backstopYieldCap ?? 0.02, 'backstopYieldCap');
  const start = requireInteger(p.backstopStartRound ?? 0, 0, 1_000_000, 'backstopStartRound');
  const maxRounds = requireInteger(p.maxRounds ?? 100_000, 1, 10_000_000, 'maxRounds');

  const X0 = L * nav0;
  const value = (Y: number): number => X0 * Math.exp(-D * Y);
  const initialCash = X0 * (1 - Math.exp(-D * b));
  const wipeoutYieldRise = L > 1 ? -Math.log(1 - 1 / L) / D : Infinity;

  let cash = initialCash;
  let nav = nav0;
  let Y = 0;
  let rise = shock; // this round's yield increment
  let capacityLeft = capacity;
  let totalCalls = 0;
  let totalForcedSales = 0;
  let totalBackstop = 0;
  let maxYieldRise = 0;
  let navHitsZero = false;
  let wipeoutRound = -1;
  let converged = false;
  const rounds: LdiRound[] = [{ round: 0, yield: y0, yieldRise: 0, call: 0, paidFromCash: 0, forcedSale: 0, backstopPurchase: 0, nav: nav0, cash }];

  for (let k = 1; k <= maxRounds; k++) {
    const before = value(Y);
    Y += rise;
    if (Y > maxYieldRise) maxYieldRise = Y;
    const call = before - value(Y);
    totalCalls += call;
    nav -= call;
    if (nav <= 0) {
      navHitsZero = true;
      wipeoutRound = k;
      rounds.push({
        round: k,
        yield: y0 + Y,
        yieldRise: Y,
        call,
        paidFromCash: Math.min(cash, call),
        forcedSale: 0,
        backstopPurchase: 0,
        nav,
        cash: Math.max(0, cash - call),
      });
      converged = true;
      break;
    }
    const paid = Math.min(cash, call);
    cash -= paid;
    const sale = call - paid;
    let bought = 0;
    if (sale > 0 && backstopOn && k >= start && capacityLeft > 0) {
      // Sales the market can absorb before the yield rise reaches the cap; the bank buys the rest (up to capacity).
      const room = kappa > 0 ? Math.max(0, (cap - Y) / kappa) : Infinity;
      bought = Math.min(capacityLeft, Math.max(0, sale - room));
      capacityLeft -= bought;
    }
    totalForcedSales += sale;
    totalBackstop += bought;
    rounds.push({ round: k, yield: y0 + Y, yieldRise: Y, call, paidFromCash: paid, forcedSale: sale, backstopPurchase: bought, nav, cash });
    rise = kappa * (sale - bought);
    if (sale === 0 || rise < YIELD_TOLERANCE) {
      // The last increment (below 1e-12) is dropped so that yields, calls and NAV stay consistent.
      converged = true;
      break;
    }
  }

  return {
    rounds,
    finalYieldRise: Y,
    maxYieldRise,
    totalCalls,
    totalForcedSales,
    totalBackstop,
    navHitsZero,
    wipeoutRound,
    wipeoutYieldRise,
    initialCash,
    amplification: kappa * X0 * D * Math.exp(-D * Math.max(shock, b)),
    converged,
  };
}
