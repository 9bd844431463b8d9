/**
 * Liquidation cascade with an insurance fund and auto-deleveraging (ADL).
 *
 * Conventions (BitMEX's published mechanism, the engine's reading):
 *  - A liquidated position's margin is lost to its owner. If its fill is
 *    better than its bankruptcy price, the equity left, M + s·q·(p_fill − P0) ≥ 0,
 *    is paid INTO the fund (the whole remaining margin; no refund, no fee).
 *  - If the fill is worse than the bankruptcy price, the fund pays the
 *    shortfall −(M + s·q·(p_fill − P0)).
 *  - When the fund cannot pay, the part of the position it cannot cover is
 *    not sold into the book: it is closed against opposite positions at the
 *    liquidated position's BANKRUPTCY price (where that part's equity is
 *    exactly zero), taking counterparties in ADL ranking order
 *        score = PnL% × effective leverage   (PnL% > 0)
 *              = PnL% / effective leverage   (PnL% < 0),
 *        PnL% = s·(P_mark − P0)/P0,  effective leverage = P_mark / |P_mark − P_bk|,
 *    highest score first (BitMEX "Auto-Deleveraging": "Ranking = PNL
 *    Percentage * Effective Leverage (if PNL percentage > 0) … Effective
 *    Leverage = abs(Mark Value) / (Mark Value − Bankrupt Value)", and "The
 *    price at which a trader's positions are closed out is the bankruptcy
 *    price of the initial liquidated order"; bitmex.com/app/autoDeleveraging,
 *    read via the project's search store). A counterparty closed in part
 *    keeps the same liquidation price (its margin shrinks in proportion).
 *  - Whatever ADL cannot match (no opposite position left) is sold into the
 *    book after all; a shortfall the fund cannot pay is bad debt, reported
 *    separately (the venue's own capital). The fund never goes negative.
 *
 * Each round (see `cascade.ts`): (1) the positions reached are listed in
 * ladder order; (2) the round's fill is estimated as if all of them were sold
 * into the book; (3) with that estimate, the fund takes every inflow, then
 * covers shortfalls in ladder order and routes what it cannot cover to ADL,
 * decided before the order is sent as venues do; (4) the market part is
 * executed and the books are settled at the actual average fill. Selling
 * less only improves the fill, so every shortfall settled in (4) is at most
 * the one the fund planned for in (3) (exactly so when a round liquidates
 * one side only, which is the case for any population that survives at its
 * own price).
 *
 * Accounting identities the tests check: fund_end = fund_start + inflows −
 * outflows; and Σ realised PnL of the closed legs + Σ margin lost =
 * fund_end − fund_start − bad debt.
 *
 * With a fund large enough, the result is identical to `cascade` (no ADL).
 */
import { EngineInputError, requireNonNegative, requirePositive } from '../core/errors';
import { defineParams, type ParamValues } from '../core/params';
import { applyShock, cascadeSpec, validatePopulation, type CascadeParams } from './cascade';
import { bookMid, midAt, valueBetween, validateBook, type OrderBook } from './orderBook';
import type { Population } from './population';
import { resolveParams } from './validate';

/** Initial balance of the insurance fund. */
export const insuranceSpec = defineParams({
  fund: {
    label: 'Insurance fund',
    symbol: 'F_0',
    unit: '$',
    min: 0,
    max: 1_000_000_000,
    step: 100_000,
    default: 300_000,
    description: 'Balance of the insurance fund before the shock.',
  },
});

/** Values of `insuranceSpec`. */
export type InsuranceParams = ParamValues<typeof insuranceSpec>;

/** One ADL match: part of a liquidated position closed against a counterparty at the liquidated position's bankruptcy price. */
export interface AdlEvent {
  round: number;
  /** Index of the liquidated position. */
  liquidated: number;
  /** Index of the deleveraged counterparty. */
  counterparty: number;
  /** Units closed. */
  quantity: number;
  /** Closing price: the liquidated position's bankruptcy price ($). */
  price: number;
  /** Counterparty's realised PnL on the units closed: s_c·a·(price − P0_c) ($). */
  realisedPnl: number;
  /** Profit the counterparty gave up against closing at the round's final mid: s_c·a·(mid − price) ($; positive = loss). */
  haircut: number;
  /** The counterparty's ADL score when ranked. */
  score: number;
}

/** Result of `insuranceFundCascade`: the cascade, the fund's path and flows, and every ADL match. */
export interface InsuranceCascadeResult {
  startPrice: number;
  shockedPrice: number;
  finalPrice: number;
  dislocation: number;
  rounds: number;
  /** Mid after each round, index 0 = after the shock. */
  roundPrice: Float64Array;
  /** Notional at entry of the positions liquidated in each round ($). */
  roundNotional: Float64Array;
  /** Average fill of each round's market order ($; the mid when nothing was sold). */
  roundFill: Float64Array;
  /** Fund balance after each round, index 0 = initial ($). */
  fundPath: Float64Array;
  roundInflow: Float64Array;
  roundOutflow: Float64Array;
  /** Units closed by ADL in each round. */
  roundAdl: Float64Array;
  fundStart: number;
  fundEnd: number;
  inflows: number;
  outflows: number;
  badDebt: number;
  liquidatedNotional: number;
  liquidatedCount: number;
  /** Round (1-based) in which each position was liquidated; 0 = not liquidated. */
  liquidatedRound: Int32Array;
  /** Units of each liquidated position sold into the book. */
  marketQuantity: Float64Array;
  /** Units of each liquidated position closed by ADL. */
  adlQuantity: Float64Array;
  /** Margin each liquidated position held when liquidated ($). */
  marginAtLiquidation: Float64Array;
  /** Market fill of each liquidated position ($; 0 when nothing went to market). */
  fillPrice: Float64Array;
  /** Equity of each market leg at its fill: margin share + s·q_mkt·(fill − P0) ($). */
  equityAtFill: Float64Array;
  /** Units of each position closed as an ADL counterparty. */
  deleveragedQuantity: Float64Array;
  /** Every ADL match, in order. */
  deleveraged: AdlEvent[];
  book: OrderBook;
}

/** ADL score of an open position at a mark price (BitMEX ranking; see the module comment). */
export function adlScore(p: { side: 1 | -1; entry: number; bankruptcy: number; mark: number }): number {
  if (p?.side !== 1 && p?.side !== -1) throw new EngineInputError('invalid-parameter', `side must be +1 or -1 (got ${String(p?.side)})`, 'side');
  requirePositive(p.entry, 'entry');
  requirePositive(p.mark, 'mark');
  requireNonNegative(p.bankruptcy, 'bankruptcy');
  // At the bankruptcy price the effective leverage is infinite and PnL% < 0: the score is −0, never NaN.
  const pnlPct = (p.side * (p.mark - p.entry)) / p.entry;
  const effLev = p.mark / Math.abs(p.mark - p.bankruptcy);
  return pnlPct > 0 ? pnlPct * effLev : pnlPct / effLev;
}

/**
 * Cascade by rounds with an insurance fund and ADL (see the module comment).
 * Options: the cascade spec (shock, direction, shockKind) and `fund`.
 */
export function insuranceFundCascade(pop: Population, book: OrderBook, options?: Partial<CascadeParams & InsuranceParams>): InsuranceCascadeResult {
  const pc = resolveParams(cascadeSpec, options, 'insuranceFundCascade');
  const pf = resolveParams(insuranceSpec, options, 'insuranceFundCascade');
  validatePopulation(pop);
  validateBook(book);
  const n = pop.count;
  const { side, entry, bankruptcy, liquidation, longOrder, shortOrder, notional } = pop;
  const rem = Float64Array.from(pop.quantity); // open units
  const margin = Float64Array.from(pop.margin); // margin held
  const liquidatedRound = new Int32Array(n);
  const marketQuantity = new Float64Array(n);
  const adlQuantity = new Float64Array(n);
  const marginAtLiquidation = new Float64Array(n);
  const fillPrice = new Float64Array(n);
  const equityAtFill = new Float64Array(n);
  const deleveragedQuantity = new Float64Array(n);
  const deleveraged: AdlEvent[] = [];

  const startPrice = bookMid(book);
  const base = applyShock(book, pc);
  let x = base.displacement;
  let mid = midAt(base, x);
  let fund = pf.fund;
  let inflows = 0;
  let outflows = 0;
  let badDebt = 0;
  let liquidatedNotional = 0;
  let liquidatedCount = 0;
  const roundPrice = [mid];
  const roundNotional: number[] = [];
  const roundFill: number[] = [];
  const fundPath = [fund];
  const roundInflow: number[] = [];
  const roundOutflow: number[] = [];
  const roundAdl: number[] = [];
  let li = 0;
  let si = 0;
  const nL = longOrder.length;
  const nS = shortOrder.length;
  const T: number[] = [];
  const mkt = new Float64Array(n); // scratch: market units per position this round
  const adl = new Float64Array(n); // scratch: ADL units per position this round

  // Bound: each continuing round liquidates ≥ 1 position for the first time (pointers only advance), so ≤ N + 1 passes.
  for (let pass = 0; pass <= n; pass++) {
    T.length = 0;
    while (li < nL && liquidation[longOrder[li]!]! >= mid) {
      const i = longOrder[li++]!;
      if (rem[i]! > 0) T.push(i); // a position fully closed earlier by ADL is skipped
    }
    while (si < nS && liquidation[shortOrder[si]!]! <= mid) {
      const i = shortOrder[si++]!;
      if (rem[i]! > 0) T.push(i);
    }
    // The two walks stop at the first open-or-closed position out of reach, so an empty T means nothing is reachable: stop.
    if (T.length === 0) break;
    const round = roundNotional.length + 1;
    // (2) estimate the fill if everything went to market
    let Q = 0;
    for (const i of T) Q += side[i]! * rem[i]!;
    const pEst = Q === 0 ? mid : valueBetween(base, x, x + Q) / Math.abs(Q);
    // (3) plan: inflows first, then shortfalls in ladder order
    let F = fund;
    for (const i of T) {
      const e = margin[i]! + side[i]! * rem[i]! * (pEst - entry[i]!);
      if (e >= 0) F += e;
    }
    let needAdl = false;
    for (const i of T) {
      mkt[i] = rem[i]!;
      adl[i] = 0;
      const e = margin[i]! + side[i]! * rem[i]! * (pEst - entry[i]!);
      if (e >= 0) continue;
      const d = -e;
      if (F >= d) F -= d;
      else {
        const frac = F / d;
        F = 0;
        mkt[i] = frac * rem[i]!;
        adl[i] = rem[i]! - mkt[i]!;
        needAdl = true;
      }
    }
    // ADL matching against ranked opposite positions
    let adlUnits = 0;
    const events: AdlEvent[] = [];
    if (needAdl) {
      const ranked: Record<string, { order: number[]; score: Float64Array; ptr: number }> = {};
      const inT = new Set(T);
      const rankSide = (s: 1 | -1) => {
        const key = String(s);
        if (ranked[key]) return ranked[key]!;
        const order: number[] = [];
        const score = new Float64Array(n);
        for (let c = 0; c < n; c++) {
          if (side[c] !== s || rem[c]! <= 0 || liquidatedRound[c] !== 0 || inT.has(c)) continue;
          score[c] = adlScore({ side: s, entry: entry[c]!, bankruptcy: bankruptcy[c]!, mark: mid });
          order.push(c);
        }
        order.sort((a, b) => score[b]! - score[a]! || a - b);
        return (ranked[key] = { order, score, ptr: 0 });
      };
      for (const i of T) {
        let want = adl[i]!;
        if (want <= 0) continue;
        const book2 = rankSide(side[i] === 1 ? -1 : 1);
        // Each iteration either exhausts `want` or closes the counterparty at `ptr` and advances: ≤ candidates + 1 iterations.
        while (want > 0 && book2.ptr < book2.order.length) {
          const c = book2.order[book2.ptr]!;
          const take = Math.min(want, rem[c]!);
          const pb = bankruptcy[i]!;
          margin[c] = margin[c]! * (1 - take / rem[c]!);
          rem[c] = rem[c]! - take;
          if (rem[c]! <= 0) {
            rem[c] = 0;
            margin[c] = 0;
            book2.ptr++;
          }
          deleveragedQuantity[c]! += take;
          events.push({ round, liquidated: i, counterparty: c, quantity: take, price: pb, realisedPnl: side[c]! * take * (pb - entry[c]!), haircut: 0, score: book2.score[c]! });
          want -= take;
          adlUnits += take;
        }
        if (want > 0) {
          // No opposite position left: the rest goes to the book after all.
          mkt[i] = mkt[i]! + want;
          adl[i] = adl[i]! - want;
        }
      }
    }
    // (4) execute the market part and settle at the actual fill
    let Qm = 0;
    for (const i of T) Qm += side[i]! * mkt[i]!;
    const value = valueBetween(base, x, x + Qm);
    const before = mid;
    const pFill = Qm === 0 ? before : value / Math.abs(Qm);
    x += Qm;
    mid = midAt(base, x);
    let inR = 0;
    let outR = 0;
    let notionalR = 0;
    const eq: number[] = [];
    for (const i of T) {
      const share = mkt[i]! / rem[i]!;
      const e = mkt[i]! > 0 ? margin[i]! * share + side[i]! * mkt[i]! * (pFill - entry[i]!) : 0;
      eq.push(e);
      if (e > 0) {
        fund += e;
        inR += e;
      }
    }
    T.forEach((i, k) => {
      const e = eq[k]!;
      if (e < 0) {
        const pay = Math.min(fund, -e);
        fund -= pay;
        outR += pay;
        badDebt += -e - pay;
      }
      liquidatedRound[i] = round;
      marketQuantity[i] = mkt[i]!;
      adlQuantity[i] = adl[i]!;
      marginAtLiquidation[i] = margin[i]!;
      fillPrice[i] = mkt[i]! > 0 ? pFill : 0;
      equityAtFill[i] = e;
      notionalR += notional[i]!;
      rem[i] = 0;
      margin[i] = 0;
    });
    for (const ev of events) {
      ev.haircut = side[ev.counterparty]! * ev.quantity * (mid - ev.price);
      deleveraged.push(ev);
    }
    inflows += inR;
    outflows += outR;
    liquidatedNotional += notionalR;
    liquidatedCount += T.length;
    roundPrice.push(mid);
    roundNotional.push(notionalR);
    roundFill.push(pFill);
    fundPath.push(fund);
    roundInflow.push(inR);
    roundOutflow.push(outR);
    roundAdl.push(adlUnits);
  }
  const finalPrice = roundPrice[roundPrice.length - 1]!;
  return {
    startPrice,
    shockedPrice: roundPrice[0]!,
    finalPrice,
    dislocation: Math.abs(finalPrice / startPrice - 1),
    rounds: roundNotional.length,
    roundPrice: Float64Array.from(roundPrice),
    roundNotional: Float64Array.from(roundNotional),
    roundFill: Float64Array.from(roundFill),
    fundPath: Float64Array.from(fundPath),
    roundInflow: Float64Array.from(roundInflow),
    roundOutflow: Float64Array.from(roundOutflow),
    roundAdl: Float64Array.from(roundAdl),
    fundStart: pf.fund,
    fundEnd: fund,
    inflows,
    outflows,
    badDebt,
    liquidatedNotional,
    liquidatedCount,
    liquidatedRound,
    marketQuantity,
    adlQuantity,
    marginAtLiquidation,
    fillPrice,
    equityAtFill,
    deleveragedQuantity,
    deleveraged,
    book: { ...base, displacement: x },
  };
}
