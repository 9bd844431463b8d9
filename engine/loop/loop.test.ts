import fc from 'fast-check';
import { feedbackMultiplier, feedbackMultiplierParams } from './feedbackMultiplier';
import { leverageTargeting, leverageLoopGain, criticalLeverage, multiplierByLeverage } from './leverageTargeting';
import {
  thresholdPopulation,
  thresholdCascade,
  cascadeResponseCurve,
  thresholdHistogram,
  thresholdPopulationParams,
  smallestShockLiquidating,
  type ThresholdPopulation,
} from './thresholdCascade';
import { defaultParams } from '../core/params';
import { EngineInputError } from '../core/errors';

describe('feedbackMultiplier', () => {
  it('matches the geometric series and the closed form s/(1 − λk)', () => {
    // s = 2 %, k = 50, λ = 0.012 → g = 0.6, multiplier 2.5, total 5 %.
    const r = feedbackMultiplier({ shock: 0.02, sensitivity: 50, impact: 0.012, rounds: 60 });
    expect(r.gain).toBeCloseTo(0.6, 15);
    expect(r.stable).toBe(true);
    expect(r.multiplier).toBeCloseTo(2.5, 12);
    expect(r.total).toBeCloseTo(0.05, 12);
    expect(r.rounds[0]!.move).toBe(0.02);
    expect(r.rounds[1]!.move).toBeCloseTo(0.012, 15);
    expect(r.rounds[2]!.move).toBeCloseTo(0.0072, 15);
    // After 60 rounds the partial sum equals the closed form to within s·g^61/(1 − g).
    expect(Math.abs(r.rounds.at(-1)!.cumulative - r.total)).toBeLessThan(0.02 * 0.6 ** 61 / 0.4 + 1e-15);
  });

  it('roundsTo99: the first round whose partial sum reaches 99 % of the total', () => {
    const r = feedbackMultiplier({ shock: 0.02, sensitivity: 50, impact: 0.012, rounds: 40 });
    const n = r.roundsTo99!;
    // 0.6^(n+1) ≤ 0.01 < 0.6^n  ⇒ n = 9 (0.6^10 = 0.00605, 0.6^9 = 0.01008).
    expect(n).toBe(9);
    expect(r.rounds[n]!.cumulative).toBeGreaterThanOrEqual(0.99 * r.total);
    expect(r.rounds[n - 1]!.cumulative).toBeLessThan(0.99 * r.total);
  });

  it('is unstable when λk ≥ 1 and reports when the price would hit zero', () => {
    const r = feedbackMultiplier({ shock: 0.02, sensitivity: 100, impact: 0.015, rounds: 40 }); // g = 1.5
    expect(r.stable).toBe(false);
    expect(r.total).toBe(Infinity);
    expect(r.hitsZeroAtRound).not.toBeNull();
    // Partial sums 0.04(1.5^{n+1} − 1) reach 1 when 1.5^{n+1} ≥ 26: 1.5^8 = 25.63 falls short, 1.5^9 = 38.4 → n = 8.
    expect(r.hitsZeroAtRound).toBe(8);
    expect(r.rounds.every((x) => x.cumulative <= 1)).toBe(true);
    const edge = feedbackMultiplier({ shock: 0.02, sensitivity: 100, impact: 0.01, rounds: 10 }); // g = 1 exactly
    expect(edge.stable).toBe(false);
  });

  it('λ = 0 or k = 0 gives no amplification', () => {
    expect(feedbackMultiplier({ shock: 0.03, sensitivity: 100, impact: 0, rounds: 5 }).total).toBe(0.03);
    expect(feedbackMultiplier({ shock: 0.03, sensitivity: 0, impact: 0.02, rounds: 5 }).multiplier).toBe(1);
  });

  it('rejects garbage with a typed error', () => {
    expect(() => feedbackMultiplier({ shock: Number.NaN, sensitivity: 1, impact: 1, rounds: 3 })).toThrow(EngineInputError);
    expect(() => feedbackMultiplier({ shock: 0.01, sensitivity: -1, impact: 1, rounds: 3 })).toThrow(EngineInputError);
    expect(() => feedbackMultiplier({ shock: 0.01, sensitivity: 1, impact: 1, rounds: 2.5 })).toThrow(EngineInputError);
  });

  it('total is increasing in k and λ and never NaN over the whole parameter space (property)', () => {
    const s = feedbackMultiplierParams;
    fc.assert(
      fc.property(
        fc.double({ min: s.shock.min, max: s.shock.max, noNaN: true }),
        fc.double({ min: s.sensitivity.min, max: s.sensitivity.max, noNaN: true }),
        fc.double({ min: s.impact.min, max: s.impact.max, noNaN: true }),
        (shock, k, lambda) => {
          const a = feedbackMultiplier({ shock, sensitivity: k, impact: lambda, rounds: 10 });
          const b = feedbackMultiplier({ shock, sensitivity: k * 1.1 + 0.1, impact: lambda, rounds: 10 });
          if (a.rounds.some((r) => Number.isNaN(r.cumulative) || Number.isNaN(r.move))) return false;
          if (!a.stable) return !b.stable;
          return !b.stable || b.total >= a.total;
        },
      ),
    );
  });
});

describe('leverageTargeting', () => {
  it('forced sale restores leverage exactly (balance-sheet check)', () => {
    // A = 1000, L = 10 → E = 100. A 1 % fall: A' = 990, E' = 90; target A'' = 900 → sell 90 = 0.01·1000·9.
    const r = leverageTargeting({ leverage: 10, assets: 1000, impact: 0.001, shock: 0.01 });
    expect(r.salesPerPercent).toBeCloseTo(90, 12);
    expect(r.gain).toBeCloseTo(0.09, 12);
    const A = 1000, L = 10, E = A / L, ret = -0.01;
    const Eafter = E + A * ret;
    const sale = A * (1 + ret) - L * Eafter;
    expect(sale).toBeCloseTo(r.salesPerPercent, 9);
  });

  it('critical leverage makes the gain exactly 1', () => {
    const Lstar = criticalLeverage(1000, 0.006);
    expect(Lstar).toBeCloseTo(1 + 1 / 0.06, 12);
    expect(leverageLoopGain(Lstar, 1000, 0.006)).toBeCloseTo(1, 12);
    expect(criticalLeverage(1000, 0)).toBe(Infinity);
  });

  it('multiplier rises with leverage and is infinite past L*', () => {
    const rows = multiplierByLeverage(1000, 0.006, [1, 2, 5, 10, 15, 17, 20]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.multiplier).toBeGreaterThanOrEqual(rows[i - 1]!.multiplier);
    expect(rows[0]!.multiplier).toBe(1);
    expect(rows.at(-1)!.multiplier).toBe(Infinity);
  });

  it('equity is wiped out once the final move reaches 1/L', () => {
    const r = leverageTargeting({ leverage: 20, assets: 1000, impact: 0.004, shock: 0.02 });
    // g = 0.004·0.01·1000·19 = 0.76 → total 0.02/0.24 = 8.33 % > 1/20 = 5 % → equity loss 100 %.
    expect(r.loop.total).toBeCloseTo(0.02 / 0.24, 12);
    expect(r.equityLoss).toBe(1);
    expect(r.wipeoutMove).toBe(0.05);
  });
});

describe('thresholdCascade', () => {
  function handPopulation(thresholds: number[], sizes: number[]): ThresholdPopulation {
    const cumulative = new Float64Array(sizes.length + 1);
    sizes.forEach((s, i) => (cumulative[i + 1] = cumulative[i]! + s));
    return { thresholds: Float64Array.from(thresholds), sizes: Float64Array.from(sizes), cumulative, total: cumulative[sizes.length]! };
  }

  it('runs a hand-computed cascade round by round', () => {
    // Thresholds 1 %, 2 %, 3 %, 10 %; sizes 10, 10, 10, 10 ($M); depth 20 $M per 1 % → 0.05 % per $M.
    // Shock 1 %: round 1 trips #1 (10 $M) → x = 1 % + 0.5 % = 1.5 %; nothing new at 1.5 % < 2 % → stop.
    const pop = handPopulation([0.01, 0.02, 0.03, 0.1], [10, 10, 10, 10]);
    const a = thresholdCascade(pop, { shock: 0.01, depth: 20 });
    expect(a.accountsLiquidated).toBe(1);
    expect(a.finalMove).toBeCloseTo(0.015, 15);
    // Shock 1.5 %: #1 → x = 2 % → #2 → x = 2.5 % → stop (3 % not reached).
    const b = thresholdCascade(pop, { shock: 0.015, depth: 20 });
    expect(b.rounds.map((r) => r.accounts)).toEqual([1, 1]);
    expect(b.finalMove).toBeCloseTo(0.025, 15);
    // Shock 2 %: #1, #2 together (20 $M) → x = 3 % → #3 → x = 3.5 %; 10 % is safe.
    const c = thresholdCascade(pop, { shock: 0.02, depth: 20 });
    expect(c.finalMove).toBeCloseTo(0.035, 15);
    expect(c.liquidatedNotional).toBeCloseTo(30, 12);
    expect(c.roundCount).toBe(2);
  });

  it('stops at the smallest fixed point of x = s + 0.01·V(x)/D', () => {
    const pop = thresholdPopulation(defaultParams(thresholdPopulationParams));
    for (const shock of [0.01, 0.05, 0.08, 0.12]) {
      const r = thresholdCascade(pop, { shock, depth: 60 });
      if (r.hitFloor) continue;
      // Fixed point: the liquidated set is exactly {i : d_i ≤ x*} and x* = s + 0.01·V/D.
      let v = 0;
      for (let i = 0; i < pop.thresholds.length; i++) if (pop.thresholds[i]! <= r.finalMove) v += pop.sizes[i]!;
      expect(v).toBeCloseTo(r.liquidatedNotional, 6);
      expect(r.finalMove).toBeCloseTo(shock + (0.01 * v) / 60, 12);
    }
  });

  it('conserves notional: liquidated equals the sum of the liquidated positions, and per-round sums add up', () => {
    const pop = thresholdPopulation({ ...defaultParams(thresholdPopulationParams), holders: 2000, seed: 3 });
    const r = thresholdCascade(pop, { shock: 0.09, depth: 40 });
    const perRound = r.rounds.reduce((a, x) => a + x.liquidated, 0);
    expect(perRound).toBeCloseTo(r.liquidatedNotional, 9);
    expect(r.rounds.reduce((a, x) => a + x.accounts, 0)).toBe(r.accountsLiquidated);
    expect(r.liquidatedNotional).toBeLessThanOrEqual(pop.total + 1e-9);
  });

  it('shows the threshold effect: the final move jumps once the shock reaches the cluster', () => {
    const pop = thresholdPopulation(defaultParams(thresholdPopulationParams));
    const shocks = Array.from({ length: 201 }, (_, i) => i * 0.0005);
    const curve = cascadeResponseCurve(pop, 60, shocks);
    // Largest jump in final move between neighbouring shocks of 0.05 %:
    let jump = 0;
    for (let i = 1; i < curve.length; i++) jump = Math.max(jump, curve[i]!.finalMove - curve[i - 1]!.finalMove);
    // A 0.05 % larger shock moves the final fall by more than 5 percentage points somewhere: a discontinuity, not a slope.
    expect(jump).toBeGreaterThan(0.05);
    // And the response is monotone in the shock.
    for (let i = 1; i < curve.length; i++) expect(curve[i]!.finalMove).toBeGreaterThanOrEqual(curve[i - 1]!.finalMove - 1e-15);
  });

  it('deeper markets give smaller cascades (monotone in depth, property)', () => {
    const pop = thresholdPopulation({ ...defaultParams(thresholdPopulationParams), holders: 1000 });
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.3, noNaN: true }), fc.double({ min: 1, max: 400, noNaN: true }), (shock, depth) => {
        const shallow = thresholdCascade(pop, { shock, depth });
        const deep = thresholdCascade(pop, { shock, depth: depth * 1.5 });
        return deep.finalMove <= shallow.finalMove + 1e-15 && deep.finalMove >= shock;
      }),
    );
  });

  it('terminates within N + 1 rounds for any population (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (ds, shock, depth) => {
          const sorted = [...ds].sort((a, b) => a - b);
          const pop = handPopulation(sorted, sorted.map(() => 5));
          const r = thresholdCascade(pop, { shock, depth });
          return r.roundCount <= ds.length + 1 && r.finalMove <= 1 && r.finalMove >= shock;
        },
      ),
    );
  });

  it('is deterministic by seed', () => {
    const p = defaultParams(thresholdPopulationParams);
    expect(Array.from(thresholdPopulation(p).thresholds.slice(0, 5))).toEqual(Array.from(thresholdPopulation(p).thresholds.slice(0, 5)));
    expect(thresholdPopulation(p).total).toBeCloseTo(600, 9);
    expect(thresholdPopulation({ ...p, seed: 8 }).thresholds[100]).not.toBe(thresholdPopulation(p).thresholds[100]);
  });

  it('histogram counts every holder inside the range', () => {
    const pop = thresholdPopulation({ ...defaultParams(thresholdPopulationParams), holders: 3000 });
    const h = thresholdHistogram(pop, 50, 1);
    expect(h.reduce((a, b) => a + b.holders, 0)).toBe(3000);
    expect(h.reduce((a, b) => a + b.notional, 0)).toBeCloseTo(pop.total, 8);
  });

  it('smallestShockLiquidating finds the jump', () => {
    const pop = handPopulation([0.01, 0.02, 0.03, 0.1], [10, 10, 10, 10]);
    // Half of notional (20 $M) needs #1 and #2: shock 1.5 % trips #1 → 2 % trips #2.
    expect(smallestShockLiquidating(pop, 20, 0.5)).toBeCloseTo(0.015, 12);
    expect(smallestShockLiquidating(pop, 20, 1, 0.05)).toBeNull();
  });
});
