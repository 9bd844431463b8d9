import { defaultParams } from '../core/params';
import { fireSaleParams, fireSaleExample, fireSaleEquilibrium, salesAtPrice } from './fireSales';
import { fireSaleSystem, fireSaleRounds, fireSaleBufferCurve, fireSaleBufferParams } from './fireSaleRounds';

const base = { ...defaultParams(fireSaleParams), ...defaultParams(fireSaleBufferParams) };
const spiral = { ...base, priceImpact: 0.05 };

describe('fireSaleSystem', () => {
  it('is the book example when both buffers are zero', () => {
    expect(fireSaleSystem(base)).toEqual(fireSaleExample(base));
  });

  it('moves the cash buffer out of the illiquid asset and the extra capital out of outside debt', () => {
    const x0 = fireSaleSystem(base);
    const x = fireSaleSystem({ ...base, cashBuffer: 0.1, extraCapital: 0.05 });
    x.illiquidHoldings.forEach((e, i) => {
      expect(e + x.cash[i]!).toBeCloseTo(x0.illiquidHoldings[i]! + x0.cash[i]!, 14);
      expect(x.externalLiabilities![i]).toBeCloseTo(x0.externalLiabilities![i]! - 0.05, 14);
    });
  });
});

describe('fireSaleRounds', () => {
  it('starts at P0, falls monotonically and ends at the equilibrium', () => {
    const r = fireSaleRounds(fireSaleSystem(spiral));
    expect(r.rounds[0]!.price).toBe(spiral.fundamentalPrice);
    for (let k = 1; k < r.rounds.length; k++) expect(r.rounds[k]!.price).toBeLessThanOrEqual(r.rounds[k - 1]!.price);
    expect(r.truncated).toBe(false);
    expect(r.rounds.at(-1)!.price).toBe(r.equilibrium.price);
    expect(r.rounds.at(-1)!.totalSales).toBeCloseTo(r.equilibrium.totalSales, 9);
    // With price impact 0.05 the spiral takes every bank down.
    expect(r.equilibrium.defaulted.every(Boolean)).toBe(true);
  });

  it('applies the sales rule at each round’s price', () => {
    const x = fireSaleSystem(spiral);
    const r = fireSaleRounds(x);
    for (const round of r.rounds) {
      round.banks.forEach((b, i) => {
        if (!b.defaulted) {
          expect(b.sales).toBeCloseTo(salesAtPrice(round.price, b.equity, x.illiquidHoldings[i]!, x.capitalRatio), 12);
          expect(b.ratio).toBeCloseTo(b.equity / (round.price * x.illiquidHoldings[i]!), 12);
        } else expect(b.sales).toBe(x.illiquidHoldings[i]);
      });
      // Next price follows from this round's sales: p_{k+1} = P0 exp(−α S(p_k)).
      const k = round.round;
      if (k + 1 < r.rounds.length && !r.truncated) expect(r.rounds[k + 1]!.price).toBeCloseTo(Math.min(round.price, x.fundamentalPrice! * Math.exp(-x.priceImpact * round.totalSales)), 12);
    }
  });

  it('cuts the replay after maxRounds and appends the equilibrium', () => {
    const x = fireSaleSystem(base);
    const full = fireSaleEquilibrium(x);
    const r = fireSaleRounds(x, 3);
    expect(full.priceHistory.length).toBeGreaterThan(4);
    expect(r.truncated).toBe(true);
    expect(r.rounds.length).toBe(4);
    expect(r.rounds.at(-1)!.price).toBe(full.price);
  });
});

describe('fireSaleBufferCurve', () => {
  it('shows that either buffer, if large enough, stops the spiral', () => {
    const c = fireSaleBufferCurve(spiral, [0, 0.05, 0.1, 0.2, 0.3]);
    expect(c[0]!.failedCash).toBe(10);
    expect(c[0]!.priceCash).toBe(c[0]!.priceCapital);
    for (let k = 1; k < c.length; k++) {
      expect(c[k]!.priceCash).toBeGreaterThanOrEqual(c[k - 1]!.priceCash - 1e-12);
      expect(c[k]!.priceCapital).toBeGreaterThanOrEqual(c[k - 1]!.priceCapital - 1e-12);
    }
    expect(c.at(-1)!.failedCash).toBe(0);
    expect(c.at(-1)!.failedCapital).toBe(0);
  });
});
