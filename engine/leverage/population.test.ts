import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { quantile } from '../core/numeric';
import { DEFAULT_TIER_WEIGHTS, LEVERAGE_TIERS, createPopulation, generatePopulation, populationSummary, type Population } from './population';
import { liquidationPrice } from './positions';
import { argsortNonNegative } from './sort';

/** True when longOrder/shortOrder are sorted ladders that together index every position once. */
function laddersValid(pop: Population): boolean {
  const seen = new Uint8Array(pop.count);
  for (let k = 0; k < pop.longOrder.length; k++) {
    const i = pop.longOrder[k]!;
    if (pop.side[i] !== 1) return false;
    seen[i]!++;
    if (k > 0 && pop.liquidation[i]! > pop.liquidation[pop.longOrder[k - 1]!]!) return false;
  }
  for (let k = 0; k < pop.shortOrder.length; k++) {
    const i = pop.shortOrder[k]!;
    if (pop.side[i] !== -1) return false;
    seen[i]!++;
    if (k > 0 && pop.liquidation[i]! < pop.liquidation[pop.shortOrder[k - 1]!]!) return false;
  }
  return seen.every((v) => v === 1);
}

describe('radix argsort', () => {
  it('sorts non-negative doubles exactly, stably, like a comparator sort (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0, 1, 95.5, 1e-300, 5e-324)), { maxLength: 300 }), (xs) => {
        const keys = Float64Array.from(xs);
        const idx = Uint32Array.from(xs.map((_, i) => i));
        const got = Array.from(argsortNonNegative(keys, idx));
        const want = xs.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
        expect(got).toEqual(want);
      }),
    );
  });
  it('refuses negative or non-finite keys', () => {
    expect(() => argsortNonNegative(Float64Array.from([1, -1]), Uint32Array.from([0, 1]))).toThrow(EngineInputError);
    expect(() => argsortNonNegative(Float64Array.from([Infinity]), Uint32Array.from([0]))).toThrow(EngineInputError);
  });
});

describe('generatePopulation', () => {
  it('is deterministic by seed and differs across seeds', () => {
    const a = generatePopulation({ positions: 2000 }, 7);
    const b = generatePopulation({ positions: 2000 }, 7);
    const c = generatePopulation({ positions: 2000 }, 8);
    expect(a.entry).toEqual(b.entry);
    expect(a.notional).toEqual(b.notional);
    expect(a.longOrder).toEqual(b.longOrder);
    expect(a.entry).not.toEqual(c.entry);
  });

  it('contains only survivors at the current price, with valid ladders (property over params and seeds)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.record({
          positions: fc.integer({ min: 1, max: 30 }).map((k) => k * 100),
          longShare: fc.double({ min: 0, max: 1, noNaN: true }),
          entrySpread: fc.double({ min: 0, max: 0.3, noNaN: true }),
          recentShare: fc.double({ min: 0, max: 1, noNaN: true }),
          leverageTilt: fc.double({ min: -2, max: 2, noNaN: true }),
          maintenanceMargin: fc.double({ min: 0.001, max: 0.009, noNaN: true }),
        }),
        (seed, params) => {
          const pop = generatePopulation(params, seed);
          let survivors = true;
          for (let i = 0; i < pop.count; i++) {
            if (pop.side[i] === 1 ? !(pop.liquidation[i]! < pop.price) : !(pop.liquidation[i]! > pop.price)) survivors = false;
          }
          return survivors && laddersValid(pop);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('draws sides, tiers and sizes with the stated frequencies (100,000 positions)', () => {
    const n = 100_000;
    const pop = generatePopulation({ positions: n }, 2024);
    // Long share: binomial standard error sqrt(0.6·0.4/n) = 0.00155; 5 SE = 0.0077.
    expect(Math.abs(pop.longOrder.length / n - 0.6)).toBeLessThan(5 * Math.sqrt(0.24 / n));
    // Tier frequencies: each within 5 binomial SE of its weight.
    LEVERAGE_TIERS.forEach((L, k) => {
      let c = 0;
      for (let i = 0; i < n; i++) if (pop.leverage[i] === L) c++;
      const w = DEFAULT_TIER_WEIGHTS[k]!;
      expect(Math.abs(c / n - w)).toBeLessThan(5 * Math.sqrt((w * (1 - w)) / n));
    });
    // Lognormal sizes: the log of the sample median has SE ≈ 1.2533·σ/√n = 0.0048 for σ = 1.2; 5 SE = 0.024.
    expect(Math.abs(Math.log(quantile(pop.notional, 0.5) / 10_000))).toBeLessThan(5 * 1.2533 * 1.2 / Math.sqrt(n));
    // Every liquidation price follows the binding formula.
    for (let i = 0; i < 1000; i++) {
      const pl = liquidationPrice({ entryPrice: pop.entry[i]!, leverage: pop.leverage[i]!, maintenanceMargin: 0.005, side: pop.side[i] === 1 ? 'long' : 'short' });
      expect(pop.liquidation[i]).toBeCloseTo(pl, 10);
    }
  });

  it('a higher leverage appetite raises every position\'s leverage for the same seed (first-order dominance)', () => {
    const lo = generatePopulation({ positions: 3000, leverageTilt: 0 }, 3);
    const hi = generatePopulation({ positions: 3000, leverageTilt: 1 }, 3);
    let raised = 0;
    for (let i = 0; i < lo.count; i++) {
      expect(hi.leverage[i]!).toBeGreaterThanOrEqual(lo.leverage[i]!);
      expect(hi.side[i]).toBe(lo.side[i]);
      if (hi.leverage[i]! > lo.leverage[i]!) raised++;
    }
    expect(raised).toBeGreaterThan(100);
  });

  it('summary adds up', () => {
    const pop = generatePopulation({ positions: 500 }, 1);
    const s = populationSummary(pop);
    let total = 0;
    for (let i = 0; i < pop.count; i++) total += pop.notional[i]!;
    expect(s.longNotional + s.shortNotional).toBeCloseTo(total, 6);
    expect(s.longs + s.shorts).toBe(500);
  });

  it('refuses bad parameters', () => {
    expect(() => generatePopulation({ positions: 10 }, 1)).toThrow(EngineInputError);
    expect(() => generatePopulation({ longShare: 1.5 }, 1)).toThrow(/Share of longs/);
    expect(() => generatePopulation({}, -1)).toThrow(EngineInputError);
    expect(() => generatePopulation({ maintenanceMargin: 0.009 }, 1, { tiers: [{ leverage: 125, weight: 1 }] })).toThrow(/below 1\/125/);
  });
});

describe('createPopulation', () => {
  it('builds ladders from explicit positions and validates them', () => {
    const pop = createPopulation({ price: 100, side: [1, -1, 1], entry: [100, 100, 100], notional: [1, 2, 3], leverage: [10, 10, 20], maintenanceMargin: 0 });
    expect(Array.from(pop.longOrder)).toEqual([2, 0]); // 95 then 90
    expect(Array.from(pop.shortOrder)).toEqual([1]);
    expect(pop.liquidation[2]).toBeCloseTo(95, 12);
    expect(pop.bankruptcy[1]).toBeCloseTo(110, 12);
    expect(pop.margin[2]).toBeCloseTo(0.15, 12);
    expect(() => createPopulation({ price: 100, side: [2], entry: [100], notional: [1], leverage: [10], maintenanceMargin: 0 })).toThrow(/side\[0\]/);
    expect(() => createPopulation({ price: 100, side: [1], entry: [100], notional: [1], leverage: [1], maintenanceMargin: 0 })).toThrow(/leverage\[0\]/);
    expect(() => createPopulation({ price: 100, side: [1], entry: [100], notional: [1], leverage: [10], maintenanceMargin: 0.2 })).toThrow(/maintenanceMargin\[0\]/);
    expect(() => createPopulation({ price: 100, side: [1], entry: [-100], notional: [1], leverage: [10], maintenanceMargin: 0 })).toThrow(/entry\[0\]/);
    expect(() => createPopulation({ price: 100, side: [1, 1], entry: [100], notional: [1, 1], leverage: [10, 10], maintenanceMargin: 0 })).toThrow(/same length/);
  });
});
