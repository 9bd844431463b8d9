import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { cascade } from './cascade';
import { annualisedFunding, applyFunding, basisUnwind, basisUnwindCascade, fundingPayment, fundingRate, premiumIndex } from './funding';
import { createOrderBook } from './orderBook';
import { generatePopulation } from './population';
import { liquidationPriceFromMargin } from './positions';

describe('premium index and funding rate', () => {
  it('premium index: hand values of the impact-price formula', () => {
    // Bids above the index: (100.2 − 100)/100 = 0.002; asks below it: −(100 − 99.9)/100 = −0.001; index inside the spread: 0.
    expect(premiumIndex({ impactBid: 100.2, impactAsk: 100.3, index: 100 })).toBeCloseTo(0.002, 15);
    expect(premiumIndex({ impactBid: 99.7, impactAsk: 99.9, index: 100 })).toBeCloseTo(-0.001, 15);
    expect(premiumIndex({ impactBid: 99.9, impactAsk: 100.1, index: 100 })).toBe(0);
    expect(() => premiumIndex({ impactBid: 101, impactAsk: 100, index: 100 })).toThrow(EngineInputError);
  });

  it('funding: F = P + clamp(I − P, ±0.05 %), capped (hand values, I = 0.01 %)', () => {
    expect(fundingRate(0.0003)).toBeCloseTo(0.0001, 15); // |I − P| = 0.02 % < 0.05 % → F = I
    expect(fundingRate(-0.0004)).toBeCloseTo(0.0001, 15); // I − P = 0.05 % exactly → F = I
    expect(fundingRate(0.001)).toBeCloseTo(0.0005, 15); // 0.1 % − 0.05 %
    expect(fundingRate(-0.002)).toBeCloseTo(-0.0015, 15); // −0.2 % + 0.05 %
    expect(fundingRate(0.02)).toBe(0.0075); // capped
    expect(fundingRate(-0.02, { cap: 0.01 })).toBe(-0.01);
  });

  it('funding equals I inside the band, stays within ±b of the premium, and rises with it (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.005, max: 0.005, noNaN: true }), fc.double({ min: -0.005, max: 0.005, noNaN: true }), (P, dP) => {
        const F = fundingRate(P);
        if (Math.abs(0.0001 - P) <= 0.0005) expect(F).toBeCloseTo(0.0001, 15);
        expect(F).toBeGreaterThanOrEqual(P - 0.0005 - 1e-15);
        expect(F).toBeLessThanOrEqual(P + 0.0005 + 1e-15);
        expect(fundingRate(P + Math.abs(dP))).toBeGreaterThanOrEqual(F - 1e-15);
      }),
    );
  });

  it('payments: longs pay shorts when funding is positive; annualised over 8-hour intervals', () => {
    expect(fundingPayment({ side: 'long', quantity: 10, markPrice: 100, rate: 0.0001 })).toBeCloseTo(-0.1, 15);
    expect(fundingPayment({ side: 'short', quantity: 10, markPrice: 100, rate: 0.0001 })).toBeCloseTo(0.1, 15);
    expect(fundingPayment({ side: 'long', quantity: 10, markPrice: 100, rate: -0.0002 })).toBeCloseTo(0.2, 15);
    // 3 intervals a day × 365.25 days.
    expect(annualisedFunding(0.0001)).toBeCloseTo(0.0001 * 1095.75, 15);
  });
});

describe('funding on a population', () => {
  it('moves margins and liquidation prices consistently and keeps the ladders sorted', () => {
    const pop = generatePopulation({ positions: 2000 }, 6);
    const { population: after, payments, paidByLongs, receivedByShorts, net } = applyFunding(pop, { rate: 0.001, markPrice: 100 });
    let longQ = 0;
    let shortQ = 0;
    let ok = true;
    for (let i = 0; i < pop.count; i++) {
      if (pop.side[i] === 1) longQ += pop.quantity[i]!;
      else shortQ += pop.quantity[i]!;
      // Positive funding: longs pay (their liquidation price rises), shorts receive (theirs rises too, away from the price).
      if (!(after.liquidation[i]! > pop.liquidation[i]!)) ok = false;
      const want = liquidationPriceFromMargin({ entryPrice: pop.entry[i]!, quantity: pop.quantity[i]!, margin: after.margin[i]!, maintenanceMargin: pop.maintenanceMargin[i]!, side: pop.side[i] === 1 ? 'long' : 'short' });
      if (Math.abs(after.liquidation[i]! - want) > 1e-9 * want) ok = false;
      if (Math.abs(after.margin[i]! - (pop.margin[i]! + payments[i]!)) > 1e-9 * pop.margin[i]!) ok = false;
    }
    expect(ok).toBe(true);
    expect(paidByLongs).toBeCloseTo(0.001 * 100 * longQ, 6);
    expect(receivedByShorts).toBeCloseTo(0.001 * 100 * shortQ, 6);
    expect(net).toBeCloseTo(paidByLongs - receivedByShorts, 6);
    for (let k = 1; k < after.longOrder.length; k++) expect(after.liquidation[after.longOrder[k]!]!).toBeLessThanOrEqual(after.liquidation[after.longOrder[k - 1]!]!);
    for (let k = 1; k < after.shortOrder.length; k++) expect(after.liquidation[after.shortOrder[k]!]!).toBeGreaterThanOrEqual(after.liquidation[after.shortOrder[k - 1]!]!);
  });

  it('a month of positive funding erodes the longs\' margins and enlarges the next down cascade', () => {
    let pop = generatePopulation({}, 6);
    const book = createOrderBook({}, 100);
    const before = cascade(pop, book, { shock: 0.02 });
    for (let k = 0; k < 90; k++) pop = applyFunding(pop, { rate: 0.0005, markPrice: 100 }).population; // 30 days × 3
    const after = cascade(pop, book, { shock: 0.02 });
    expect(after.liquidatedNotional).toBeGreaterThan(before.liquidatedNotional);
    expect(after.dislocation).toBeGreaterThan(before.dislocation);
  });
});

describe('basis-trade unwind', () => {
  const perp = () => createOrderBook({ depth: 10_000_000 }, 100);
  const spot = () => createOrderBook({ depth: 10_000_000 }, 100);

  it('does nothing while funding stays above the threshold', () => {
    const r = basisUnwind(perp(), spot(), 0.0001);
    expect(r.triggered).toBe(false);
    expect(r.closeNotional).toBe(0);
    expect(r.basisAfter).toBe(r.basisBefore);
  });

  it('when funding flips, buys the perpetual and sells the spot (hand values on $10M books)', () => {
    const r = basisUnwind(perp(), spot(), -0.0002); // default: half of $20M unwinds
    expect(r.triggered).toBe(true);
    expect(r.closeNotional).toBe(1e7);
    // 100,000 units through 100,000 units per 1 %: perp 100·e^{0.01}, spot 100·e^{−0.01}, basis e^{0.02} − 1.
    expect(r.perp.midAfter).toBeCloseTo(100 * Math.exp(0.01), 9);
    expect(r.spot.midAfter).toBeCloseTo(100 * Math.exp(-0.01), 9);
    expect(r.basisAfter).toBeCloseTo(Math.expm1(0.02), 12);
    expect(r.fundingAfter).toBe(0.0075); // a 2 % premium hits the cap
  });

  it('the unwind squeezes the perpetual\'s shorts, and only them', () => {
    const pop = generatePopulation({}, 8);
    const { unwind, cascade: c } = basisUnwindCascade(pop, perp(), spot(), -0.001, { basisNotional: 5e7 });
    expect(unwind.triggered).toBe(true);
    expect(c.startPrice).toBeCloseTo(unwind.perp.midAfter, 12);
    expect(c.longNotional).toBe(0);
    expect(c.shortNotional).toBeGreaterThan(0);
    expect(c.finalPrice).toBeGreaterThan(unwind.perp.midAfter);
  });
});
