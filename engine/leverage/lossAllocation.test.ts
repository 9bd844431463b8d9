import { EngineInputError } from '../core/errors';
import { sum } from '../core/numeric';
import { insuranceFundCascade } from './insuranceFund';
import { lossAllocation } from './lossAllocation';
import { createOrderBook } from './orderBook';
import { generatePopulation } from './population';

const pop = generatePopulation({}, 1);
const book = createOrderBook({}, 100);

describe('loss allocation of an insurance-fund cascade', () => {
  it('with a large fund: no ADL, no bad debt, and the fund net cost is outflows − inflows', () => {
    const r = insuranceFundCascade(pop, book, { shock: 0.03, fund: 1e9 });
    const a = lossAllocation(pop, r);
    expect(a.fundRanOutRound).toBeNull();
    expect(a.deleveragedAccounts).toBe(0);
    expect(a.adlNotional).toBe(0);
    expect(a.badDebt).toBe(0);
    expect(a.fundNetCost).toBeCloseTo(a.fundOutflows - a.fundInflows, 6);
    expect(a.liquidatedAccounts).toBe(r.liquidatedCount);
    expect(a.marginLost).toBeCloseTo(sum(Array.from(r.marginAtLiquidation)), 6);
    expect(a.topDeleveraged).toEqual([]);
  });

  it('with a small fund: the fund runs out, opposite winners are deleveraged in ranking order', () => {
    const r = insuranceFundCascade(pop, book, { shock: 0.03, fund: 300_000 });
    const a = lossAllocation(pop, r, 5);
    expect(a.fundRanOutRound).not.toBeNull();
    expect(r.roundAdl[a.fundRanOutRound! - 1]).toBeGreaterThan(0);
    for (let k = 0; k < a.fundRanOutRound! - 1; k++) expect(r.roundAdl[k]).toBe(0);
    expect(a.deleveragedAccounts).toBe(new Set(r.deleveraged.map((e) => e.counterparty)).size);
    expect(a.adlNotional).toBeCloseTo(sum(r.deleveraged.map((e) => e.quantity * e.price)), 6);
    expect(a.adlHaircut).toBeCloseTo(sum(r.deleveraged.map((e) => e.haircut)), 6);
    expect(a.topDeleveraged.length).toBe(5);
    // Longs were liquidated, so the deleveraged accounts are shorts, taken from the first ADL round in score order.
    for (const d of a.topDeleveraged) {
      expect(d.side).toBe('short');
      expect(pop.side[d.index]).toBe(-1);
      expect(d.quantity).toBeGreaterThan(0);
    }
    const first = a.topDeleveraged.filter((d) => d.round === a.topDeleveraged[0]!.round);
    for (let k = 1; k < first.length; k++) expect(first[k - 1]!.score).toBeGreaterThanOrEqual(first[k]!.score);
  });

  it('refuses a result from another population', () => {
    const other = generatePopulation({ positions: 200 }, 3);
    const r = insuranceFundCascade(pop, book, { shock: 0.02 });
    expect(() => lossAllocation(other, r)).toThrow(EngineInputError);
  });
});
