import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { createOrderBook } from './orderBook';
import { createPopulation, generatePopulation } from './population';
import { predatoryCascade } from './predatory';

/** 1,000 longs of $10k at 100, 20×, m = 0.5 %: one cluster at 95.477. Book: $5M per 1 % at 100 (u1 = 50,000 units, a = 2e-7). */
const cluster = () => {
  const n = 1000;
  return createPopulation({ price: 100, side: new Array(n).fill(1), entry: new Array(n).fill(100), notional: new Array(n).fill(1e4), leverage: new Array(n).fill(20), maintenanceMargin: 0.005 });
};
const book = () => createOrderBook({ depth: 5e6 }, 100);

describe('predatory trading (Brunnermeier & Pedersen 2005)', () => {
  it('hand case: the predator pushes a 4 % fall into the cluster and buys back at the trough', () => {
    const r = predatoryCascade(cluster(), book(), { shock: 0.04, predatorNotional: 3e6 });
    // Without predator: 96 > 95.477, nothing happens.
    expect(r.baseline.liquidatedCount).toBe(0);
    expect(r.baseline.dislocation).toBeCloseTo(0.04, 12);
    // Predator sells 3e6/96 = 31,250 units: ln-move 0.00625 → 95.40 < 95.477: the whole cluster (100,000 units, ln-move 0.02) goes.
    expect(r.predator.quantity).toBeCloseTo(31_250, 9);
    expect(r.predated.liquidatedNotional).toBeCloseTo(1e7, 3);
    expect(r.extraLiquidatedNotional).toBeCloseTo(1e7, 3);
    expect(r.predated.troughPrice).toBeCloseTo(96 * Math.exp(-0.02625), 9);
    expect(r.predated.finalPrice).toBeCloseTo(96 * Math.exp(-0.02), 9);
    // Profit = (96/a)·[(1 − e^{−0.00625}) − (e^{−0.02} − e^{−0.02625})], a = 2e-7.
    const a = 2e-7;
    expect(r.predator.profit).toBeCloseTo((96 / a) * (1 - Math.exp(-0.00625) - (Math.exp(-0.02) - Math.exp(-0.02625))), 3);
    expect(r.predator.profit).toBeGreaterThan(0);
    expect(r.predated.troughDislocation).toBeGreaterThan(r.baseline.dislocation);
  });

  it('with no shock at all, a large enough sale triggers the crisis and profits from it', () => {
    // ln(100/95.477) = 0.0463 needs ≈ 231,000 units ≈ $23M: a $25M sale reaches the cluster.
    const r = predatoryCascade(cluster(), book(), { shock: 0, predatorNotional: 25e6 });
    expect(r.baseline.liquidatedCount).toBe(0);
    expect(r.predated.liquidatedCount).toBe(1000);
    expect(r.predator.profit).toBeGreaterThan(0);
  });

  it('makes exactly nothing when the cluster stays out of reach, and equals the baseline without a trade', () => {
    const r = predatoryCascade(cluster(), book(), { shock: 0.01, predatorNotional: 1e6 });
    expect(r.predated.liquidatedCount).toBe(0);
    expect(r.predator.profit).toBe(0);
    expect(r.predated.finalPrice).toBeCloseTo(99, 12);
    const none = predatoryCascade(cluster(), book(), { shock: 0.05, predatorNotional: 0 });
    expect(none.predator.profit).toBe(0);
    expect(none.predated.troughPrice).toBe(none.baseline.finalPrice);
  });

  it('the predator never loses, and never reduces the liquidations (property, both directions)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        fc.double({ min: 0, max: 5e7, noNaN: true }),
        fc.constantFrom('down' as const, 'up' as const),
        (seed, shock, predatorNotional, direction) => {
          const pop = generatePopulation({ positions: 1000 }, seed);
          const r = predatoryCascade(pop, createOrderBook({}, 100), { shock, predatorNotional, direction });
          expect(r.predator.profit).toBeGreaterThanOrEqual(-1e-9 * Math.max(1, predatorNotional));
          expect(r.extraLiquidatedNotional).toBeGreaterThanOrEqual(-1e-6);
          expect(r.predated.troughDislocation).toBeGreaterThanOrEqual(r.baseline.dislocation - 1e-12);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses bad options', () => {
    expect(() => predatoryCascade(cluster(), book(), { predatorNotional: -1 })).toThrow(EngineInputError);
  });
});
