import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { liquidationMap } from './liquidationMap';
import { createPopulation, generatePopulation } from './population';

describe('liquidation map', () => {
  it('bins a hand-made population', () => {
    // Longs at 10×: liq 90 (N 1) and 95 (20×, N 2); shorts: liq 110 (10×, N 3), 105 (20×, N 4). m = 0.
    const pop = createPopulation({ price: 100, side: [1, 1, -1, -1], entry: [100, 100, 100, 100], notional: [1, 2, 3, 4], leverage: [10, 20, 10, 20], maintenanceMargin: 0 });
    const map = liquidationMap(pop, { bins: 4, range: [80, 120] }); // edges 80, 90, 100, 110, 120
    expect(Array.from(map.edges)).toEqual([80, 90, 100, 110, 120]);
    expect(Array.from(map.long)).toEqual([0, 3, 0, 0]); // 90 and 95 both in [90, 100)
    expect(Array.from(map.short)).toEqual([0, 0, 4, 3]); // 105 in [100, 110); 110 in [110, 120]
    // Falling to 80 liquidates both longs; to 90 (edge of bin 1) also both; bins above the price hold 0.
    expect(Array.from(map.cumulativeLong)).toEqual([3, 3, 0, 0]);
    expect(Array.from(map.cumulativeShort)).toEqual([0, 0, 4, 7]);
    expect(map.outside).toEqual({ long: 0, short: 0 });
  });

  it('conserves notional and its cumulative curves equal direct sums (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.5, max: 0.99, noNaN: true }), (seed, bins, lowFrac) => {
        const pop = generatePopulation({ positions: 1000, entrySpread: 0.1 }, seed);
        const lo = 100 * lowFrac;
        const hi = 100 / lowFrac;
        const map = liquidationMap(pop, { bins, range: [lo, hi] });
        let total = 0;
        for (let i = 0; i < pop.count; i++) total += pop.notional[i]!;
        let binned = map.outside.long + map.outside.short;
        for (let j = 0; j < bins; j++) binned += map.long[j]! + map.short[j]!;
        expect(Math.abs(binned - total)).toBeLessThan(1e-9 * total);
        for (const j of [0, Math.floor(bins / 2), bins - 1]) {
          let wantL = 0;
          let wantS = 0;
          for (let i = 0; i < pop.count; i++) {
            const p = pop.liquidation[i]!;
            if (pop.side[i] === 1 && map.edges[j]! <= 100 && p >= map.edges[j]! && p <= 100 && p <= hi) wantL += pop.notional[i]!;
            if (pop.side[i] === -1 && map.edges[j + 1]! >= 100 && p <= map.edges[j + 1]! && p >= 100 && p >= lo) wantS += pop.notional[i]!;
          }
          expect(Math.abs(map.cumulativeLong[j]! - wantL)).toBeLessThan(1e-9 * total);
          expect(Math.abs(map.cumulativeShort[j]! - wantS)).toBeLessThan(1e-9 * total);
        }
        // From the current price outwards the curves only grow.
        for (let j = 1; j < bins; j++) {
          expect(map.cumulativeLong[j]!).toBeLessThanOrEqual(map.cumulativeLong[j - 1]! + 1e-9);
          expect(map.cumulativeShort[j]!).toBeGreaterThanOrEqual(map.cumulativeShort[j - 1]! - 1e-9);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('refuses bad options', () => {
    const pop = generatePopulation({ positions: 100 }, 1);
    expect(() => liquidationMap(pop, { bins: 0, range: [0, 1] })).toThrow(EngineInputError);
    expect(() => liquidationMap(pop, { bins: 2.5, range: [0, 1] })).toThrow(EngineInputError);
    expect(() => liquidationMap(pop, { bins: 10, range: [2, 1] })).toThrow(/low < high/);
    expect(() => liquidationMap(pop, { bins: 10, range: [0, Number.NaN] })).toThrow(EngineInputError);
  });
});
