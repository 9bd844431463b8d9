/**
 * Two venues linked by an arbitrageur: margin synchronisation across venues.
 *
 * Venues A and B list the same perpetual, each with its own population of
 * leveraged positions, order book and liquidation engine (`cascadeInTime.ts`).
 * The shock hits A only. After every step, an arbitrageur with limited
 * capital and speed buys on the cheaper venue and sells on the dearer one,
 * until the gap is down to its threshold θ (fees and risk) or it runs out of
 * speed (`arbSpeed` $ per step) or capital (`arbCapital` $, the largest
 * inventory per leg at the mid): with A cheaper it trades the q that solves
 *
 *   ln P_B(x_B + q) − ln P_A(x_A − q) = ln(1 + θ)       (found by bisection),
 *
 * capped by speed and capital. The arbitrage carries A's fall to B, B's
 * liquidation engine fires, and its selling comes back to A through the same
 * channel: the two venues' liquidation engines synchronise.
 *
 * Termination: both sims stop after `maxSteps` steps; the run ends earlier
 * when both are quiescent and the arbitrageur did not trade in the step.
 * The bisection is capped at 200 halvings (`core/numeric.bisect`).
 *
 * The default shock kind here is a large market order on A (`shockKind:
 * 'order'`), which recovers as A's book refills; a 'news' shock on A alone
 * would be a venue-specific fair price and leaves a permanent gap that only
 * the arbitrageur's capital closes. Limited arbitrage capital as the channel
 * of contagion follows Shleifer & Vishny (1997), "The limits of arbitrage",
 * Journal of Finance 52(1), 35–55 ("almost all arbitrage requires capital …
 * arbitrage becomes ineffective in extreme circumstances"; abstract read via
 * the project's search store). The venue-to-venue mechanism is the engine's
 * own stylisation.
 */
import { bisect } from '../core/numeric';
import { defineParams, type ParamValues } from '../core/params';
import { cascadeSpec, validatePopulation, type CascadeParams } from './cascade';
import { createCascadeSim, timeCascadeSpec, type TimeCascadeParams, type TimeCascadeResult } from './cascadeInTime';
import { midAt, validateBook, type OrderBook } from './orderBook';
import type { Population } from './population';
import { resolveParams } from './validate';

/** The arbitrageur linking the two venues: capital, speed and threshold. */
export const twoVenueSpec = defineParams({
  arbCapital: {
    label: 'Arbitrage capital',
    unit: '$',
    min: 0,
    max: 1_000_000_000,
    step: 100_000,
    default: 20_000_000,
    description: 'Largest inventory the arbitrageur can carry on each leg.',
  },
  arbSpeed: {
    label: 'Arbitrage speed',
    unit: '$ per step',
    min: 0,
    max: 100_000_000,
    step: 10_000,
    default: 2_000_000,
    description: 'Most notional the arbitrageur trades on each venue per step.',
  },
  arbThreshold: {
    label: 'Arbitrage threshold',
    symbol: '\\theta',
    display: 'percent',
    unit: '%',
    min: 0,
    max: 0.02,
    step: 0.0005,
    default: 0.001,
    description: 'Price gap (fees and risk) below which the arbitrageur does not trade.',
  },
});

/** Values of `twoVenueSpec`. */
export type TwoVenueParams = ParamValues<typeof twoVenueSpec>;

/** Result of `twoVenueCascade`: both price paths, liquidations per venue, the arbitrageur's inventory and PnL. */
export interface TwoVenueResult {
  steps: number;
  /** Mid of each venue after each step (after the arbitrageur's trades) ($). */
  priceA: Float64Array;
  priceB: Float64Array;
  /** Arbitrageur's inventory on A after each step (units; B holds the opposite). */
  arbInventory: Float64Array;
  /** Notional at entry liquidated on each venue in each step ($). */
  liquidatedA: Float64Array;
  liquidatedB: Float64Array;
  /** Full time-cascade results per venue (their price paths are before the arbitrageur's trade of each step). */
  venueA: TimeCascadeResult;
  venueB: TimeCascadeResult;
  /** Arbitrageur's cash plus inventory at the final mids ($). */
  arbPnl: number;
  /** Largest |P_B/P_A − 1| along the run. */
  maxGap: number;
}

/**
 * Two-venue cascade (see the module comment). Options: the cascade spec
 * (applied to venue A; shockKind defaults to 'order'), the time-cascade spec
 * (both venues) and the arbitrage spec.
 */
export function twoVenueCascade(
  popA: Population,
  bookA: OrderBook,
  popB: Population,
  bookB: OrderBook,
  options?: Partial<CascadeParams & TimeCascadeParams & TwoVenueParams>,
): TwoVenueResult {
  const opts = { shockKind: 'order' as const, ...options };
  const pc = resolveParams(cascadeSpec, opts, 'twoVenueCascade');
  const pt = resolveParams(timeCascadeSpec, opts, 'twoVenueCascade');
  const pa = resolveParams(twoVenueSpec, opts, 'twoVenueCascade');
  validatePopulation(popA);
  validatePopulation(popB);
  validateBook(bookA);
  validateBook(bookB);
  const simA = createCascadeSim(popA, bookA, { ...pc, ...pt });
  const simB = createCascadeSim(popB, bookB, { ...pt, shock: 0 });
  const max = pt.maxSteps;
  const priceA = new Float64Array(max);
  const priceB = new Float64Array(max);
  const arbInventory = new Float64Array(max);
  const liquidatedA = new Float64Array(max);
  const liquidatedB = new Float64Array(max);
  const logTheta = Math.log(1 + pa.arbThreshold);
  let inv = 0; // units long on A (short on B)
  let cash = 0;
  let k = 0;
  let maxGap = Math.abs(simB.mid() / simA.mid() - 1);
  let prevLiqA = 0;
  let prevLiqB = 0;
  // Bound: each sim refuses to step after maxSteps, and k < maxSteps.
  while (k < max) {
    const okA = simA.step();
    const okB = simB.step();
    if (!okA || !okB) break;
    // Arbitrage: buy the cheaper venue, sell the dearer one.
    const a = simA.book();
    const b = simB.book();
    const mA = midAt(a, a.displacement);
    const mB = midAt(b, b.displacement);
    let traded = 0;
    const dir = mA < mB ? 1 : -1; // +1: buy A / sell B
    const gap = (q: number): number =>
      dir === 1
        ? Math.log(midAt(b, b.displacement + q)) - Math.log(midAt(a, a.displacement - q)) - logTheta
        : Math.log(midAt(a, a.displacement + q)) - Math.log(midAt(b, b.displacement - q)) - logTheta;
    if (gap(0) > 0) {
      const speedUnits = pa.arbSpeed / mA;
      const capUnits = pa.arbCapital / mA;
      const room = dir * inv >= 0 ? Math.max(0, capUnits - Math.abs(inv)) : Math.abs(inv) + capUnits;
      const qMax = Math.min(speedUnits, room);
      if (qMax > 0) {
        const q = gap(qMax) >= 0 ? qMax : (bisect(gap, 0, qMax, qMax * 1e-12) ?? 0);
        if (q > 0) {
          const fa = simA.trade(-dir * q);
          const fb = simB.trade(dir * q);
          cash += dir === 1 ? fb.value - fa.value : fa.value - fb.value;
          inv += dir * q;
          traded = q;
        }
      }
    }
    const pA = simA.mid();
    const pB = simB.mid();
    priceA[k] = pA;
    priceB[k] = pB;
    arbInventory[k] = inv;
    const nowA = simA.liquidatedNotional();
    const nowB = simB.liquidatedNotional();
    liquidatedA[k] = nowA - prevLiqA;
    liquidatedB[k] = nowB - prevLiqB;
    prevLiqA = nowA;
    prevLiqB = nowB;
    maxGap = Math.max(maxGap, Math.abs(pB / pA - 1));
    k++;
    if (traded === 0 && simA.quiescent() && simB.quiescent()) break;
  }
  const venueA = simA.result();
  const venueB = simB.result();
  const pA = simA.mid();
  const pB = simB.mid();
  return {
    steps: k,
    priceA: priceA.slice(0, k),
    priceB: priceB.slice(0, k),
    arbInventory: arbInventory.slice(0, k),
    liquidatedA: liquidatedA.slice(0, k),
    liquidatedB: liquidatedB.slice(0, k),
    venueA,
    venueB,
    arbPnl: cash + inv * pA - inv * pB,
    maxGap,
  };
}
