import { EngineInputError } from '../core/errors';
import { fundingRate, fundingSpec } from './funding';
import { createOrderBook } from './orderBook';
import { generatePopulation } from './population';
import { twoVenueCascade } from './twoVenue';
import { venueFundingPaths } from './venueFunding';

describe('funding on two venues', () => {
  it('at the index both venues charge the interest component; the gap is zero', () => {
    const f = venueFundingPaths([100, 100], [100, 100], 100);
    expect(f.fundingA).toEqual([fundingSpec.interestRate.default, fundingSpec.interestRate.default]);
    expect(f.gap).toEqual([0, 0]);
    expect(f.maxFundingSpread).toBe(0);
  });

  it('a venue 3 % below the index pays the capped negative rate (shorts pay longs)', () => {
    const f = venueFundingPaths([97], [100], 100);
    expect(f.premiumA[0]).toBeCloseTo(-0.03, 12);
    expect(f.fundingA[0]).toBeCloseTo(-fundingSpec.cap.default, 12);
    expect(f.fundingB[0]).toBeCloseTo(fundingRate(0), 12);
    expect(f.gap[0]).toBeCloseTo(100 / 97 - 1, 12);
    expect(f.maxFundingSpread).toBeCloseTo(fundingSpec.cap.default + fundingRate(0), 12);
    expect(f.maxSpreadStep).toBe(0);
  });

  it('without arbitrage capital the funding rates of the two venues diverge more than with it', () => {
    const A = generatePopulation({}, 21);
    const B = generatePopulation({}, 22);
    const book = () => createOrderBook({}, 100);
    const linked = twoVenueCascade(A, book(), B, book(), {});
    const cut = twoVenueCascade(A, book(), B, book(), { arbCapital: 0 });
    const fl = venueFundingPaths(linked.priceA, linked.priceB, 100);
    const fc = venueFundingPaths(cut.priceA, cut.priceB, 100);
    expect(fc.maxGap).toBeGreaterThan(fl.maxGap);
    // Averaged over the run, the cut venues disagree more.
    const meanSpread = (f: typeof fl) => f.fundingA.reduce((s, a, k) => s + Math.abs(a - f.fundingB[k]!), 0) / f.fundingA.length;
    expect(meanSpread(fc)).toBeGreaterThan(meanSpread(fl));
  });

  it('refuses mismatched or non-positive input', () => {
    expect(() => venueFundingPaths([100], [100, 100], 100)).toThrow(EngineInputError);
    expect(() => venueFundingPaths([100], [0], 100)).toThrow(EngineInputError);
    expect(() => venueFundingPaths([100], [100], 0)).toThrow(EngineInputError);
  });
});
