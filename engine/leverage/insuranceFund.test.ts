import { EngineInputError } from '../core/errors';
import { sum } from '../core/numeric';
import { cascade } from './cascade';
import { adlScore, insuranceFundCascade, type InsuranceCascadeResult } from './insuranceFund';
import { createOrderBook } from './orderBook';
import { createPopulation, generatePopulation, type Population } from './population';

/** Checks every accounting identity of a run; returns nothing, fails loudly. */
function checkAccounts(pop: Population, r: InsuranceCascadeResult): void {
  // Fund: end = start + inflows − outflows, path never negative, per-round flows add up.
  const scale = Math.max(1, r.fundStart + r.inflows);
  expect(Math.abs(r.fundEnd - (r.fundStart + r.inflows - r.outflows))).toBeLessThanOrEqual(1e-9 * scale);
  expect(r.fundPath[r.fundPath.length - 1]).toBe(r.fundEnd);
  expect(Array.from(r.fundPath).every((f) => f >= 0)).toBe(true);
  expect(Math.abs(sum(r.roundInflow) - r.inflows)).toBeLessThanOrEqual(1e-9 * scale);
  expect(Math.abs(sum(r.roundOutflow) - r.outflows)).toBeLessThanOrEqual(1e-9 * scale);
  expect(r.badDebt).toBeGreaterThanOrEqual(0);
  // PnL conservation: realised PnL of the closed legs + margin lost = fund change − bad debt.
  const terms: number[] = [];
  let marginScale = 0;
  let worstQty = 0;
  for (let i = 0; i < pop.count; i++) {
    if (r.liquidatedRound[i] === 0) continue;
    const s = pop.side[i]!;
    terms.push(s * r.marketQuantity[i]! * (r.fillPrice[i]! - pop.entry[i]!));
    terms.push(s * r.adlQuantity[i]! * (pop.bankruptcy[i]! - pop.entry[i]!));
    terms.push(r.marginAtLiquidation[i]!);
    marginScale += pop.margin[i]!;
    // Closed quantity = what was left of the position (it may have been deleveraged earlier as a counterparty).
    const err = Math.abs(r.marketQuantity[i]! + r.adlQuantity[i]! - (pop.quantity[i]! - r.deleveragedQuantity[i]!)) / pop.quantity[i]!;
    worstQty = Math.max(worstQty, err);
  }
  expect(worstQty).toBeLessThan(1e-9);
  expect(Math.abs(sum(terms) - (r.fundEnd - r.fundStart - r.badDebt))).toBeLessThanOrEqual(1e-9 * Math.max(1, marginScale));
  // ADL: every unit taken from a liquidated position lands on an opposite counterparty, at the bankruptcy price.
  const byEvents = sum(r.deleveraged.map((e) => e.quantity));
  expect(byEvents).toBeCloseTo(sum(r.adlQuantity), 6);
  expect(byEvents).toBeCloseTo(sum(r.deleveragedQuantity), 6);
  let eventsOk = true;
  let rankingOk = true;
  r.deleveraged.forEach((e, k) => {
    const c = e.counterparty;
    const pnl = pop.side[c]! * e.quantity * (e.price - pop.entry[c]!);
    if (pop.side[c] !== -pop.side[e.liquidated]! || e.price !== pop.bankruptcy[e.liquidated] || Math.abs(e.realisedPnl - pnl) > 1e-9 * Math.max(1, Math.abs(pnl))) eventsOk = false;
    // Ranking: within a round, counterparties are taken in non-increasing score order.
    const a = r.deleveraged[k - 1];
    if (a && a.round === e.round && pop.side[a.counterparty] === pop.side[c] && e.score > a.score) rankingOk = false;
  });
  expect(eventsOk).toBe(true);
  expect(rankingOk).toBe(true);
}

describe('insurance fund and auto-deleveraging', () => {
  it('ADL score follows the BitMEX ranking (hand values)', () => {
    // Long 100 → mark 110, bankrupt 90: PnL% 0.1, effective leverage 110/20 = 5.5 → 0.55.
    expect(adlScore({ side: 1, entry: 100, bankruptcy: 90, mark: 110 })).toBeCloseTo(0.55, 12);
    // Short 100 → mark 90, bankrupt 120: PnL% 0.1, effective leverage 90/30 = 3 → 0.3.
    expect(adlScore({ side: -1, entry: 100, bankruptcy: 120, mark: 90 })).toBeCloseTo(0.3, 12);
    // Losing long 100 → 95, bankrupt 90: PnL% −0.05, effective leverage 19 → −0.05/19.
    expect(adlScore({ side: 1, entry: 100, bankruptcy: 90, mark: 95 })).toBeCloseTo(-0.05 / 19, 12);
  });

  it('hand case: the fund pays half the shortfall, ADL closes the other half at the bankruptcy price', () => {
    // Long 1,000 units at 100, 10× (margin 10,000; bankrupt 90); short 2,000 units at 100, 5×.
    // A 12 % news gap takes the mark to 88, past the long's bankruptcy price. Depth $1B per 1 % makes impact ~1e-6.
    const pop = createPopulation({ price: 100, side: [1, -1], entry: [100, 100], notional: [1e5, 2e5], leverage: [10, 5], maintenanceMargin: 0.005 });
    const r = insuranceFundCascade(pop, createOrderBook({ depth: 1e9 }, 100), { shock: 0.12, fund: 1000 });
    // Shortfall if all sold at 88: 10,000 + 1,000·(88 − 100) = −2,000; fund 1,000 covers half → 500 units to market, 500 to ADL.
    expect(r.marketQuantity[0]).toBeCloseTo(500, 0);
    expect(r.adlQuantity[0]).toBeCloseTo(500, 0);
    // Market leg: 5,000 + 500·(88 − 100) = −1,000, paid by the fund, which ends (almost) empty.
    expect(r.equityAtFill[0]).toBeCloseTo(-1000, -1);
    expect(r.fundEnd).toBeLessThan(1);
    expect(r.outflows).toBeCloseTo(1000, -1);
    expect(r.badDebt).toBe(0);
    // ADL: the short closes 500 units at 90: realised −500·(90 − 100) = 5,000; it gives up 500·(90 − 88) = 1,000 against the mark.
    expect(r.deleveraged).toHaveLength(1);
    const e = r.deleveraged[0]!;
    expect(e).toMatchObject({ liquidated: 0, counterparty: 1, price: 90 });
    expect(e.quantity).toBeCloseTo(500, 0);
    expect(e.realisedPnl).toBeCloseTo(5000, -1);
    expect(e.haircut).toBeCloseTo(1000, -1);
    expect(r.liquidatedRound[1]).toBe(0);
    checkAccounts(pop, r);
  });

  it('balances the fund and PnL exactly on the default population, for every fund size', () => {
    const pop = generatePopulation({}, 12);
    const book = createOrderBook({}, 100);
    for (const fund of [0, 1e5, 3e5, 1e6, 1e9]) {
      for (const shock of [0.01, 0.03, 0.08]) checkAccounts(pop, insuranceFundCascade(pop, book, { fund, shock }));
    }
  });

  it('with a large enough fund it is the plain cascade; an empty fund routes losses to ADL and damps the cascade', () => {
    const pop = generatePopulation({}, 12);
    const book = createOrderBook({}, 100);
    const plain = cascade(pop, book, { shock: 0.03 });
    const rich = insuranceFundCascade(pop, book, { shock: 0.03, fund: 1e9 });
    expect(rich.deleveraged).toHaveLength(0);
    expect(rich.roundPrice).toEqual(plain.roundPrice);
    expect(rich.liquidatedNotional).toBeCloseTo(plain.liquidatedNotional, 3);
    const empty = insuranceFundCascade(pop, book, { shock: 0.03, fund: 0 });
    expect(empty.deleveraged.length).toBeGreaterThan(0);
    expect(empty.dislocation).toBeLessThanOrEqual(plain.dislocation);
    expect(empty.fundEnd).toBeGreaterThanOrEqual(0);
  });

  it('with no opposite positions to deleverage, the shortfall the fund cannot pay is bad debt', () => {
    const pop = createPopulation({ price: 100, side: [1, 1], entry: [100, 100], notional: [1e5, 1e5], leverage: [10, 20], maintenanceMargin: 0.005 });
    const r = insuranceFundCascade(pop, createOrderBook({ depth: 1e9 }, 100), { shock: 0.12, fund: 0 });
    expect(r.deleveraged).toHaveLength(0);
    // Both fill near 88: 10,000 − 12,000 = −2,000 and 5,000 − 12,000 = −7,000 → bad debt ≈ 9,000.
    expect(r.badDebt).toBeCloseTo(-(r.equityAtFill[0]! + r.equityAtFill[1]!), 6);
    expect(r.badDebt).toBeCloseTo(9000, -1);
    expect(r.fundEnd).toBe(0);
    checkAccounts(pop, r);
  });

  it('refuses a negative fund', () => {
    const pop = generatePopulation({ positions: 100 }, 1);
    expect(() => insuranceFundCascade(pop, createOrderBook({}, 100), { fund: -1 })).toThrow(EngineInputError);
  });
});
