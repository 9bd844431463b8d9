import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { cascade } from './cascade';
import { cascadeInTime, createCascadeSim } from './cascadeInTime';
import { createOrderBook, quantityToMove } from './orderBook';
import { createPopulation, generatePopulation } from './population';

/** 1,000 longs of $10k opened at 100 with 20× and m = 0.5 %: one cluster at 95.477. */
const cluster = () => {
  const n = 1000;
  return createPopulation({ price: 100, side: new Array(n).fill(1), entry: new Array(n).fill(100), notional: new Array(n).fill(1e4), leverage: new Array(n).fill(20), maintenanceMargin: 0.005 });
};

describe('cascade in time', () => {
  it('with no speed limit and no resilience it retraces the rounds model step for step', () => {
    const pop = generatePopulation({}, 9);
    const book = createOrderBook({ resilience: 0 }, 100);
    const rounds = cascade(pop, book, { shock: 0.03 });
    const time = cascadeInTime(pop, book, { shock: 0.03, speedLimit: 1e9 });
    expect(time.steps).toBe(rounds.rounds);
    time.price.forEach((p, k) => expect(p).toBeCloseTo(rounds.roundPrice[k + 1]!, 9));
    expect(time.liquidatedNotional).toBeCloseTo(rounds.liquidatedNotional, 3);
    expect(time.quiescent).toBe(true);
  });

  it('a slow liquidation engine on a resilient book gives a shallower trough for the same liquidations', () => {
    const book = createOrderBook({ depth: 5e6, resilience: 0.05 }, 100);
    const fast = cascadeInTime(cluster(), book, { shock: 0.046, speedLimit: 1e9 });
    const slow = cascadeInTime(cluster(), book, { shock: 0.046, speedLimit: 1e5 });
    // Fast: $10M into $5M per 1 % at once → trough 95.4·e^{−0.02}.
    expect(fast.lowPrice).toBeCloseTo(95.4 * Math.exp(-0.02), 9);
    // Slow: 1,000 units per step with decay e^{−0.05} per step: displacement < 1000/(1 − e^{−0.05}) ≈ 20,500 units → < 0.41 % below 95.4.
    expect(slow.lowPrice).toBeGreaterThan(95.4 * Math.exp(-0.01 * (1000 / (1 - Math.exp(-0.05))) / 50_000));
    expect(slow.peakDislocation).toBeLessThan(fast.peakDislocation - 0.01);
    expect(slow.liquidatedNotional).toBeCloseTo(1e7, 3);
    expect(fast.liquidatedNotional).toBeCloseTo(1e7, 3);
    expect(slow.steps).toBe(100); // $10M at $100k per step
  });

  it('conserves notional across steps and positions, and records the backlog', () => {
    const pop = generatePopulation({ positions: 5000 }, 4);
    const r = cascadeInTime(pop, createOrderBook({}, 100), { shock: 0.03, speedLimit: 1e6 });
    const bySteps = Array.from(r.stepNotional).reduce((a, b) => a + b, 0);
    let byPositions = 0;
    let full = 0;
    for (let i = 0; i < pop.count; i++) {
      byPositions += r.closedQuantity[i]! * pop.entry[i]!;
      if (r.closedQuantity[i]! >= pop.quantity[i]! * (1 - 1e-12)) full++;
      if (r.closedQuantity[i]! > 0) {
        expect(r.triggerStep[i]).toBeGreaterThan(0);
        expect(r.fillPrice[i]).toBeGreaterThan(0);
      }
    }
    expect(bySteps).toBeCloseTo(r.liquidatedNotional, 3);
    expect(byPositions).toBeCloseTo(r.liquidatedNotional, 3);
    expect(full).toBe(r.liquidatedCount);
    expect(r.quiescent).toBe(true);
    expect(r.backlog[r.steps - 1]).toBe(0);
    expect(Array.from(r.stepNotional).every((v) => v <= 1e6 * (1 + 1e-12))).toBe(true);
  });

  it('ends within maxSteps and, without resilience, within ceil(Σ notional / limit) + N + 1 steps (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 1e4, max: 1e7, noNaN: true }), fc.integer({ min: 10, max: 400 }), (seed, limit, maxSteps) => {
        const pop = generatePopulation({ positions: 300 }, seed);
        let total = 0;
        for (let i = 0; i < pop.count; i++) total += pop.notional[i]!;
        const r = cascadeInTime(pop, createOrderBook({ resilience: 0, depth: 1e6 }, 100), { shock: 0.05, speedLimit: limit, maxSteps });
        expect(r.steps).toBeLessThanOrEqual(maxSteps);
        expect(r.steps).toBeLessThanOrEqual(Math.ceil(total / limit) + pop.count + 1);
        if (r.steps < maxSteps) expect(r.quiescent).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('stops at maxSteps with the backlog reported when the engine is too slow', () => {
    const r = cascadeInTime(cluster(), createOrderBook({}, 100), { shock: 0.05, speedLimit: 1e5, maxSteps: 10 });
    expect(r.steps).toBe(10);
    expect(r.quiescent).toBe(false);
    expect(r.backlog[9]).toBeCloseTo(1e7 - 10 * 1e5, 3);
  });

  it('an outside trade can trigger the next step; the sim is deterministic', () => {
    const book = createOrderBook({ depth: 5e6 }, 100);
    const sim = createCascadeSim(cluster(), book, { shock: 0 });
    sim.step();
    expect(sim.quiescent()).toBe(true);
    sim.trade(quantityToMove(book, 95.4));
    expect(sim.mid()).toBeCloseTo(95.4, 9);
    expect(sim.quiescent()).toBe(false);
    sim.step();
    expect(sim.liquidatedNotional()).toBeCloseTo(2e6, 3); // default speed limit $2M per step
    const a = cascadeInTime(generatePopulation({}, 3), book, {});
    const b = cascadeInTime(generatePopulation({}, 3), book, {});
    expect(a.price).toEqual(b.price);
  });

  it('refuses bad options', () => {
    const pop = generatePopulation({ positions: 100 }, 1);
    expect(() => cascadeInTime(pop, createOrderBook({}, 100), { dt: 0 })).toThrow(EngineInputError);
    expect(() => cascadeInTime(pop, createOrderBook({}, 100), { maxSteps: 12.5 })).toThrow(EngineInputError);
    expect(() => createCascadeSim(pop, createOrderBook({}, 100), {}).trade(Number.NaN)).toThrow(EngineInputError);
  });
});
