/**
 * Predatory trading ahead of a known liquidation cluster.
 *
 * A predator who can see the liquidation map sells ahead of the forced
 * sellers (buys ahead of them in a squeeze), lets the cascade run, then buys
 * back at the depressed price. In the rounds model (`cascade.ts`):
 *
 *   1. the shock moves the price;
 *   2. the predator sells q = notional / mid units (proceeds V_sell);
 *   3. the liquidation cascade runs from there (it is deeper: the predator's
 *      sale pushed the price into more liquidation levels);
 *   4. the predator buys the q units back (cost V_buy) at the trough.
 *
 * Profit V_sell − V_buy (mirror image for an upward squeeze). Because the
 * mid falls with the cumulative quantity sold into the book, the buy-back
 * interval [x0 + L, x0 + L + q] is the sale interval [x0, x0 + q] shifted by
 * the liquidations L ≥ 0, so the profit is ≥ 0 and is zero exactly when the
 * cascade sells nothing. The predator profits from the forced sellers, who
 * fill at worse prices, and ends with a flat position: the "sell first, buy
 * back later" pattern and price overshooting of Brunnermeier & Pedersen.
 *
 * Source: Brunnermeier, M. K., & Pedersen, L. H. (2005). Predatory trading.
 * Journal of Finance 60(4), 1825–1863 (abstract: "if one trader needs to
 * sell, others also sell and subsequently buy back the asset. This leads to
 * price overshooting and a reduced liquidation value for the distressed
 * trader … a trader profits from triggering another trader's crisis"; read
 * via the project's search store). Their model is a continuous-time game
 * with strategic traders; this is the book's mechanical illustration with a
 * fixed predator trade, not their equilibrium.
 */
import { defineParams, type ParamValues } from '../core/params';
import { applyShock, cascade, cascadeSpec, runRounds, validatePopulation, type CascadeParams, type LadderWalk } from './cascade';
import { bookMid, midAt, valueBetween, validateBook, type OrderBook } from './orderBook';
import type { Population } from './population';
import { resolveParams } from './validate';

/** Size of the predator's trade. */
export const predatorySpec = defineParams({
  predatorNotional: {
    label: "Predator's trade",
    unit: '$',
    min: 0,
    max: 200_000_000,
    step: 100_000,
    default: 5_000_000,
    description: 'Notional the predator sells ahead of the liquidations (buys, in a squeeze) and trades back afterwards.',
  },
});

/** Values of `predatorySpec`. */
export type PredatoryParams = ParamValues<typeof predatorySpec>;

/** Result of `predatoryCascade`: the cascade with and without the predator, and the predator's trades and profit. */
export interface PredatoryResult {
  /** The same shock without a predator. */
  baseline: { finalPrice: number; dislocation: number; liquidatedNotional: number; liquidatedCount: number; rounds: number };
  /** With the predator. */
  predated: {
    /** Mid after the cascade, before the buy-back ($). */
    troughPrice: number;
    /** Mid after the buy-back ($). */
    finalPrice: number;
    /** |trough / start − 1|. */
    troughDislocation: number;
    /** |final / start − 1|. */
    dislocation: number;
    liquidatedNotional: number;
    liquidatedCount: number;
    rounds: number;
    /** Mid after each round, index 0 = after the predator's first trade. */
    roundPrice: Float64Array;
  };
  predator: {
    /** Units traded each way. */
    quantity: number;
    /** Average price of the first trade and of the trade back ($). */
    entryPrice: number;
    exitPrice: number;
    /** Profit ($): ≥ 0, zero when the cascade trades nothing. */
    profit: number;
  };
  startPrice: number;
  /** Extra notional liquidated because of the predator ($). */
  extraLiquidatedNotional: number;
}

/** Cascade with and without a front-running predator (see the module comment). */
export function predatoryCascade(pop: Population, book: OrderBook, options?: Partial<CascadeParams & PredatoryParams>): PredatoryResult {
  const pc = resolveParams(cascadeSpec, options, 'predatoryCascade');
  const pp = resolveParams(predatorySpec, options, 'predatoryCascade');
  validatePopulation(pop);
  validateBook(book);
  const base = cascade(pop, book, pc);
  const startPrice = bookMid(book);
  const shocked = applyShock(book, pc);
  const s = pc.direction === 'down' ? 1 : -1; // +1: the predator sells first
  const x0 = shocked.displacement;
  const q = pp.predatorNotional / midAt(shocked, x0);
  const first = valueBetween(shocked, x0, x0 + s * q);
  const walk: LadderWalk = { li: 0, si: 0, displacement: x0 + s * q };
  const liquidatedRound = new Int32Array(pop.count);
  const r = runRounds(pop, shocked, walk, liquidatedRound);
  const trough = midAt(shocked, walk.displacement);
  const back = valueBetween(shocked, walk.displacement, walk.displacement - s * q);
  const final = midAt(shocked, walk.displacement - s * q);
  return {
    baseline: {
      finalPrice: base.finalPrice,
      dislocation: base.dislocation,
      liquidatedNotional: base.liquidatedNotional,
      liquidatedCount: base.liquidatedCount,
      rounds: base.rounds,
    },
    predated: {
      troughPrice: trough,
      finalPrice: final,
      troughDislocation: Math.abs(trough / startPrice - 1),
      dislocation: Math.abs(final / startPrice - 1),
      liquidatedNotional: r.longNotional + r.shortNotional,
      liquidatedCount: r.count,
      rounds: r.roundCount.length,
      roundPrice: Float64Array.from(r.roundPrice),
    },
    predator: {
      quantity: q,
      entryPrice: q > 0 ? first / q : startPrice,
      exitPrice: q > 0 ? back / q : startPrice,
      profit: s * (first - back),
    },
    startPrice,
    extraLiquidatedNotional: r.longNotional + r.shortNotional - base.liquidatedNotional,
  };
}
