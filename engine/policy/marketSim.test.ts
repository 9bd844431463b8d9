import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { cascade, cascadeInTime, createOrderBook, createPopulation, type Population } from '../leverage';
import { createPolicySim, runPolicy } from './marketSim';
import { buildPolicyMarket, resolveScenario, type PolicyMarket, type PolicyScenario } from './scenario';
import type { PolicyTools } from './tools';

/**
 * 1,000 longs of $10k opened at 100 with 20× and m = 0.5 %: margin $500 and 100 units each,
 * bankruptcy 95, liquidation 95·/0.995 = 95.477. A flat book with $5M within 1 % holds
 * u1 = 50,000 units per 1 % (log) move.
 */
function clusterMarket(scenario: Partial<PolicyScenario>, resilience = 0, leverage = 20): PolicyMarket {
  const n = 1000;
  const population: Population = createPopulation({
    price: 100,
    side: new Array(n).fill(1),
    entry: new Array(n).fill(100),
    notional: new Array(n).fill(1e4),
    leverage: new Array(n).fill(leverage),
    maintenanceMargin: 0.005,
  });
  return {
    scenario: resolveScenario({ shock: 0.046, marginModel: 'fixed', steps: 600, ...scenario }),
    population,
    book: createOrderBook({ depth: 5e6, resilience }, 100),
  };
}

/** Average price of selling q units from mid P into the flat book: P(1 − e^{−aq})/(aq), a = 0.01/u1. */
const flatAverage = (P: number, q: number) => (P * -Math.expm1((-0.01 * q) / 50_000)) / ((0.01 * q) / 50_000);

describe('policy harness market: hand-computed cases', () => {
  it('no tools: the whole cluster is sold in the first step (news shock 4.6 %, no resilience)', () => {
    const r = runPolicy(clusterMarket({}));
    // Reference 95.4 < 95.477: all 100,000 units sell at once; δ = 0.01·100,000/50,000 = 0.02.
    expect(r.outcome.pricePath![1]).toBeCloseTo(95.4 * Math.exp(-0.02), 10); // 93.51095
    expect(r.outcome.liquidatedNotional).toBeCloseTo(1e7, 4);
    expect(r.outcome.durationSteps).toBe(1);
    expect(r.outcome.finalDislocation).toBeCloseTo(1 - 0.954 * Math.exp(-0.02), 12);
    expect(r.outcome.peakDislocation).toBeCloseTo(1 - 0.954 * Math.exp(-0.02), 12);
    // Fill 95.4·(1 − e^{−0.02})/0.02 = 94.45233 < bankruptcy 95: equity 500 + 100·(fill − 100) = −54.77
    // per position, so all 1,000 default.
    const fill = flatAverage(95.4, 100_000);
    expect(fill).toBeCloseTo(94.45233, 5);
    expect(r.outcome.defaults).toBe(1000);
    expect(r.outcome.badDebt).toBeCloseTo(1000 * -(500 + 100 * (fill - 100)), 4);
    expect(r.outcome.marginCalled).toBe(0); // fixed margin
  });

  it('a backstop of $1M at a 2 % discount takes the first 10,696.1 units off the book', () => {
    const r = runPolicy(clusterMarket({}), { backstop: { capacity: 1e6, discount: 0.02 } });
    // Backstop price 95.4·0.98 = 93.492; units 1e6/93.492 = 10,696.10; the book gets 89,303.90 units.
    const bsUnits = 1e6 / (95.4 * 0.98);
    expect(r.backstopValue).toBeCloseTo(1e6, 6);
    expect(r.backstopNotional).toBeCloseTo(bsUnits * 100, 4);
    expect(r.outcome.pricePath![1]).toBeCloseTo(95.4 * Math.exp((-0.01 * (100_000 - bsUnits)) / 50_000), 10); // 93.7112
    expect(r.outcome.liquidatedNotional).toBeCloseTo(1e7, 4);
  });

  it('a 5 % band lets the first step sell only down to the floor, then pauses after 15 s of limit state', () => {
    const r = runPolicy(clusterMarket({}), { priceBand: { width: 0.05, referenceWindow: 300, limitStateSteps: 15, pauseSteps: 300 } });
    // Reference = 100 (five calm minutes) → floor 95. Units from 95.4 to 95: u1·ln(95.4/95)/0.01 = 21,008.43.
    expect(r.bandLower![0]).toBeCloseTo(95, 12);
    expect(r.outcome.pricePath![1]).toBeCloseTo(95, 10);
    expect(r.stepNotional[0]).toBeCloseTo(((50_000 * Math.log(95.4 / 95)) / 0.01) * 100, 3);
    // Next reference: (299·100 + 95)/300.
    expect(r.bandLower![1]).toBeCloseTo(((299 * 100 + 95) / 300) * 0.95, 10);
    // The band binds in steps 0…14, so steps 15…314 are paused.
    expect(r.halted[14]).toBe(0);
    expect(r.halted[15]).toBe(1);
    expect(r.halted[314]).toBe(1);
    expect(r.halted[315]).toBe(0);
    expect(r.pauses).toBeGreaterThanOrEqual(1);
    expect(r.stepNotional.slice(15, 315).every((v) => v === 0)).toBe(true);
  });

  it('a halt at 5 % with a $1M/step engine and no resilience delays the end by exactly its length', () => {
    const D = 100;
    const base = runPolicy(clusterMarket({}), { speedLimit: { speedLimit: 1e6 } });
    const r = runPolicy(clusterMarket({}), { speedLimit: { speedLimit: 1e6 }, tradingHalt: { trigger: 0.05, duration: D } });
    // 10,000 units a step: mids 95.4·e^{−0.002k}: 95.209 (4.79 %), 95.019 (4.98 %), 94.829 (5.17 %) → halt after step 3.
    expect(r.outcome.pricePath![3]).toBeCloseTo(95.4 * Math.exp(-0.006), 10);
    expect(r.halts).toBe(1);
    expect(Array.from(r.halted.slice(3, 3 + D)).every((h) => h === 1)).toBe(true);
    expect(r.halted[2]).toBe(0);
    expect(r.halted[3 + D]).toBe(0);
    expect(base.outcome.durationSteps).toBe(10);
    expect(r.outcome.durationSteps).toBe(10 + D);
    // Only a delay: same final price (93.511, 6.49 % < the 10 % second level), same liquidations.
    expect(r.outcome.finalDislocation).toBeCloseTo(base.outcome.finalDislocation!, 12);
    expect(r.outcome.peakDislocation).toBeCloseTo(base.outcome.peakDislocation!, 12);
    expect(r.outcome.liquidatedNotional).toBeCloseTo(1e7, 4);
  });

  it('a volatility-scaled margin calls (m·C/C₀ − m)·mid·units on positions that stay open', () => {
    // 2× longs (bankruptcy 50) survive a 10 % news fall. r = ln 0.9; σ₀² = 0.36/365.25 = 9.8563e-4;
    // σ̂² = 0.94σ₀² + 0.06·r² = 1.59254e-3; C/C₀ = σ̂/(√0.94·σ₀) = 1.3110673 → m = 0.65553 %.
    const r = runPolicy(clusterMarket({ shock: 0.1, marginModel: 'volatility', volatility: 0.6, marginDecay: 0.94 }, 0, 2));
    expect(r.marginRate[0]).toBeCloseTo(0.005 * 1.3110672642, 10);
    expect(r.outcome.marginCalled).toBeCloseTo(0.005 * (1.3110672642 - 1) * 90 * 100_000, 3); // ≈ 13,998
    expect(r.outcome.liquidatedNotional).toBe(0);
    expect(r.peakMarginCall).toBeCloseTo(r.outcome.marginCalled!, 9); // one call, then the mid stays at 90
  });
});

describe('policy harness market: it is the leverage engine cascade when no tool is on', () => {
  it('retraces cascadeInTime step for step with a speed limit (cluster, resilient book)', () => {
    const m = clusterMarket({}, 0.05);
    const r = runPolicy(m, { speedLimit: { speedLimit: 1e5 } });
    const c = cascadeInTime(m.population, m.book, { shock: 0.046, speedLimit: 1e5 });
    expect(c.steps).toBe(100);
    c.price.forEach((p, k) => expect(r.outcome.pricePath![k + 1]).toBe(p));
    expect(r.outcome.liquidatedNotional).toBeCloseTo(c.liquidatedNotional, 6);
  });

  it('retraces cascadeInTime on a generated market, with and without a speed limit', () => {
    const m = buildPolicyMarket({ marginModel: 'fixed', seed: 11 });
    for (const [tools, limit] of [
      [{}, 1e9],
      [{ speedLimit: { speedLimit: 2e6 } }, 2e6],
    ] as [PolicyTools, number][]) {
      const r = runPolicy(m, tools);
      const c = cascadeInTime(m.population, m.book, { shock: m.scenario.shock, speedLimit: limit, maxSteps: m.scenario.steps });
      expect(c.quiescent).toBe(true);
      c.price.forEach((p, k) => expect(r.outcome.pricePath![k + 1]).toBe(p));
      expect(r.outcome.liquidatedNotional).toBeCloseTo(c.liquidatedNotional, 4);
      expect(r.liquidatedCount).toBe(c.liquidatedCount);
    }
  });

  it('without resilience, the final price is the rounds cascade’s, whatever the speed limit', () => {
    const m = buildPolicyMarket({ marginModel: 'fixed', resilience: 0, seed: 3 });
    const rounds = cascade(m.population, m.book, { shock: m.scenario.shock });
    for (const tools of [{}, { speedLimit: { speedLimit: 1e6 } }] as PolicyTools[]) {
      const r = runPolicy(m, tools);
      expect(r.unfilledNotional).toBe(0);
      expect(r.outcome.pricePath![m.scenario.steps]).toBeCloseTo(rounds.finalPrice, 10);
    }
  });
});

describe('policy harness market: bounds, determinism and bad input', () => {
  it('runs exactly the horizon and then refuses to step', () => {
    const m = buildPolicyMarket({ positions: 500, steps: 120 });
    const sim = createPolicySim(m, { tradingHalt: true });
    let k = 0;
    while (sim.step()) k++;
    expect(k).toBe(120);
    expect(sim.step()).toBe(false);
    expect(sim.result().outcome.pricePath!.length).toBe(121);
  });

  it('is deterministic in the seed', () => {
    const tools: PolicyTools = { apcMargin: { tools: 'all' }, speedLimit: true, priceBand: true, backstop: { capacity: 3e6 } };
    const a = runPolicy(buildPolicyMarket({ seed: 42, positions: 3000 }), tools);
    const b = runPolicy(buildPolicyMarket({ seed: 42, positions: 3000 }), tools);
    expect(b).toEqual(a);
    const c = runPolicy(buildPolicyMarket({ seed: 43, positions: 3000 }), tools);
    expect(c.outcome.liquidatedNotional).not.toBe(a.outcome.liquidatedNotional);
  });

  it('refuses impossible input with EngineInputError', () => {
    const m = buildPolicyMarket({ positions: 200 });
    expect(() => runPolicy(m, { speedLimit: { speedLimit: -1 } })).toThrow(EngineInputError);
    expect(() => runPolicy(m, { backstop: { discount: Number.NaN } })).toThrow(EngineInputError);
    expect(() => runPolicy(m, { nonsense: true } as unknown as PolicyTools)).toThrow(EngineInputError);
    expect(() => buildPolicyMarket({ shock: 0.9 })).toThrow(EngineInputError);
    expect(() => buildPolicyMarket({ seed: 1.5 })).toThrow(EngineInputError);
    expect(() => runPolicy({} as PolicyMarket)).toThrow(EngineInputError);
    const mixed = { ...clusterMarket({}) };
    mixed.population = { ...mixed.population, maintenanceMargin: Float64Array.from(mixed.population.maintenanceMargin, (v, i) => (i === 0 ? 0.004 : v)) };
    expect(() => runPolicy(mixed)).toThrow(EngineInputError);
  });
});

const scenarioArb = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  positions: fc.integer({ min: 100, max: 1500 }),
  depth: fc.integer({ min: 1, max: 100 }).map((k) => k * 100_000),
  resilience: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.2, noNaN: true })),
  shock: fc.double({ min: 0, max: 0.5, noNaN: true }),
  direction: fc.constantFrom('down' as const, 'up' as const),
  shockKind: fc.constantFrom('news' as const, 'order' as const),
  marginModel: fc.constantFrom('fixed' as const, 'volatility' as const),
  marginDecay: fc.double({ min: 0.8, max: 0.995, noNaN: true }),
  marginInterval: fc.integer({ min: 1, max: 30 }),
  steps: fc.constant(240),
});

const toolsArb = fc.record(
  {
    apcMargin: fc.record({ tools: fc.constantFrom('buffer' as const, 'stressWeight' as const, 'floor' as const, 'all' as const) }),
    speedLimit: fc.record({ speedLimit: fc.integer({ min: 1, max: 1000 }).map((k) => k * 10_000) }),
    tradingHalt: fc.record({ trigger: fc.double({ min: 0.01, max: 0.3, noNaN: true }), duration: fc.integer({ min: 10, max: 200 }) }),
    priceBand: fc.record({ width: fc.double({ min: 0.005, max: 0.3, noNaN: true }), pauseSteps: fc.integer({ min: 0, max: 100 }) }),
    backstop: fc.record({ capacity: fc.integer({ min: 0, max: 1000 }).map((k) => k * 100_000), discount: fc.double({ min: 0, max: 0.2, noNaN: true }) }),
  },
  { requiredKeys: [] },
);

describe('policy harness market: properties', () => {
  it('never returns NaN: every outcome field is finite (or null) over random scenarios and tools', () => {
    fc.assert(
      fc.property(scenarioArb, toolsArb, (sc, tools) => {
        const r = runPolicy(buildPolicyMarket(sc), tools);
        const o = r.outcome;
        for (const v of [o.peakDislocation, o.finalDislocation, o.liquidatedNotional, o.marginCalled, o.defaults, o.badDebt, o.durationSteps]) {
          expect(v === null || Number.isFinite(v)).toBe(true);
        }
        expect(o.pricePath!.every((p) => Number.isFinite(p) && p > 0)).toBe(true);
        expect(r.marginRate.every((v) => Number.isFinite(v) && v >= 0 && v < 1)).toBe(true);
        expect(r.backlog.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
        expect(o.liquidatedNotional!).toBeGreaterThanOrEqual(0);
        expect(o.badDebt!).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });

  it('a tool that never binds changes nothing (zero-capacity backstop, a limit above all notional, a halt above the peak)', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const m = buildPolicyMarket(sc);
        const base = runPolicy(m, {});
        expect(runPolicy(m, { backstop: { capacity: 0 } }).outcome).toEqual(base.outcome);
        expect(runPolicy(m, { speedLimit: { speedLimit: 1e9 } }).outcome).toEqual(base.outcome); // every population here holds < $1e9
        if (base.outcome.peakDislocation! < 0.3) expect(runPolicy(m, { tradingHalt: { trigger: 0.3 } }).outcome).toEqual(base.outcome);
      }),
      { numRuns: 30 },
    );
  });

  it('with a book that never refills, a speed limit, a halt or a band only delay: same final price and liquidations', () => {
    // Argument: with κ = 0 the mid only moves through forced trades, so every run stops at the same
    // fixed point x = x_shock + Q(mid(x)) (Q: units of the positions reached), however slowly it gets there.
    let compared = 0;
    let skipped = 0;
    fc.assert(
      fc.property(scenarioArb, toolsArb, (sc, tools) => {
        const m = buildPolicyMarket({ ...sc, resilience: 0, marginModel: 'fixed', steps: 2000 });
        const base = runPolicy(m, {});
        for (const t of [{ speedLimit: tools.speedLimit ?? true }, { tradingHalt: tools.tradingHalt ?? true }, { priceBand: tools.priceBand ?? true }] as PolicyTools[]) {
          const r = runPolicy(m, t);
          if (r.unfilledNotional > 0) {
            skipped++; // horizon too short for this throttle: nothing to compare
            continue;
          }
          compared++;
          expect(r.outcome.finalDislocation).toBeCloseTo(base.outcome.finalDislocation!, 9);
          expect(Math.abs(r.outcome.liquidatedNotional! - base.outcome.liquidatedNotional!)).toBeLessThanOrEqual(1e-9 * Math.max(1, base.outcome.liquidatedNotional!));
          expect(r.outcome.durationSteps!).toBeGreaterThanOrEqual(base.outcome.durationSteps!);
        }
      }),
      { numRuns: 25 },
    );
    expect(compared).toBeGreaterThan(3 * skipped); // the property was exercised, not skipped
  });
});
