import fc from 'fast-check';
import { defaultParams } from '../core/params';
import { EngineInputError } from '../core/errors';
import { crossMarginContagion, crossMarginContagionParams, type CrossMarginContagionParams } from './crossMargin';

const defaults = defaultParams(crossMarginContagionParams);

const paramsArb = fc.record({
  shockA: fc.double({ min: 0, max: 0.5, noNaN: true }),
  crossAccounts: fc.integer({ min: 0, max: 60 }),
  bOnlyAccounts: fc.integer({ min: 0, max: 60 }),
  weightB: fc.double({ min: 0, max: 1, noNaN: true }),
  maxLeverage: fc.double({ min: 1, max: 40, noNaN: true }),
  maintenanceMargin: fc.double({ min: 0.005, max: 0.5, noNaN: true }),
  impactA: fc.double({ min: 0, max: 3, noNaN: true }),
  impactB: fc.double({ min: 0, max: 3, noNaN: true }),
  marginMode: fc.constantFrom('cross' as const, 'isolated' as const),
});

describe('cross-margin contagion', () => {
  it('hand example: one cross account and one B-only account', () => {
    // Both have leverage 10 (debt 0.9), m = 5 %, weight of B ½, impacts 1, A falls 12 %.
    // Round 1: cross account value ½·0.88 + ½·1 = 0.94, equity 0.04 ≤ 0.05·0.94 = 0.047 → liquidated;
    //   it sells ½ A (all of A: P_A = 0.88·e^{−1}) and ½ B (a third of B's 1.5 units: P_B = e^{−1/3}).
    // Round 2: the B-only account is worth e^{−1/3} ≈ 0.717 < debt 0.9 → liquidated; all B sold: P_B = e^{−1}.
    const p: CrossMarginContagionParams = { ...defaults, crossAccounts: 1, bOnlyAccounts: 1, maxLeverage: 10, maintenanceMargin: 0.05, weightB: 0.5, shockA: 0.12, impactA: 1, impactB: 1 };
    const r = crossMarginContagion(p);
    expect(r.rounds.length).toBe(3);
    expect(r.rounds[0]).toEqual({ round: 0, priceA: 0.88, priceB: 1, crossLiquidated: 0, bOnlyLiquidated: 0, soldA: 0, soldB: 0 });
    expect(r.rounds[1]!.priceA).toBeCloseTo(0.88 * Math.exp(-1), 14);
    expect(r.rounds[1]!.priceB).toBeCloseTo(Math.exp(-1 / 3), 14);
    expect(r.rounds[1]!.crossLiquidated).toBe(1);
    expect(r.rounds[2]!.priceB).toBeCloseTo(Math.exp(-1), 14);
    expect(r.rounds[2]!.bOnlyLiquidated).toBe(1);
    expect(r.bSoldByCross).toBe(0.5);
    expect(r.bSoldByBOnly).toBe(1);
    // A 10 % fall leaves equity 0.05 > 0.0475: nothing happens.
    const calm = crossMarginContagion({ ...p, shockA: 0.1 });
    expect(calm.rounds.length).toBe(1);
    expect(calm.finalPriceB).toBe(1);
    // Isolated margin: the A leg (value 0.44, debt 0.45) is liquidated, the B leg is not: B never moves.
    const iso = crossMarginContagion({ ...p, marginMode: 'isolated' });
    expect(iso.finalPriceB).toBe(1);
    expect(iso.liquidated).toEqual({ cross: 1, bOnly: 0 });
  });

  it('with the default parameters, cross margin carries the fall in A into B; isolated margin does not', () => {
    const cross = crossMarginContagion(defaults);
    const iso = crossMarginContagion({ ...defaults, marginMode: 'isolated' });
    expect(cross.finalPriceB).toBeLessThan(0.9);
    expect(cross.liquidated.bOnly).toBeGreaterThan(0);
    expect(cross.bSoldByCross).toBeGreaterThan(0);
    expect(iso.finalPriceB).toBe(1);
    expect(iso.liquidated.bOnly).toBe(0);
  });

  it('isolated margin never moves B; bigger shocks liquidate more; rounds are bounded (property)', () => {
    fc.assert(
      fc.property(paramsArb, fc.double({ min: 0, max: 0.3, noNaN: true }), (p, more) => {
        const r = crossMarginContagion(p);
        expect(r.rounds.length - 1).toBeLessThanOrEqual(2 * p.crossAccounts + p.bOnlyAccounts);
        expect(r.liquidated.cross).toBeLessThanOrEqual(p.crossAccounts);
        expect(r.liquidated.bOnly).toBeLessThanOrEqual(p.bOnlyAccounts);
        for (let k = 1; k < r.rounds.length; k++) {
          expect(r.rounds[k]!.priceA).toBeLessThanOrEqual(r.rounds[k - 1]!.priceA);
          expect(r.rounds[k]!.priceB).toBeLessThanOrEqual(r.rounds[k - 1]!.priceB);
        }
        if (p.marginMode === 'isolated') {
          expect(r.finalPriceB).toBe(1);
          expect(r.liquidated.bOnly).toBe(0);
        }
        const worse = crossMarginContagion({ ...p, shockA: Math.min(1, p.shockA + more) });
        expect(worse.liquidated.cross).toBeGreaterThanOrEqual(r.liquidated.cross);
        expect(worse.liquidated.bOnly).toBeGreaterThanOrEqual(r.liquidated.bOnly);
      }),
      { numRuns: 300 },
    );
  });

  it('a vanishing B leg (weightB at the smallest double) is empty, not liquidated (fast-check counterexample)', () => {
    const r = crossMarginContagion({ shockA: 0, crossAccounts: 1, bOnlyAccounts: 0, weightB: 5e-324, maxLeverage: 2.0000000000000004, maintenanceMargin: 0.005, impactA: 0, impactB: 0.5000000000000001, marginMode: 'isolated' });
    expect(r.finalPriceB).toBe(1);
    expect(r.liquidated).toEqual({ cross: 0, bOnly: 0 });
  });

  it('rejects bad input', () => {
    expect(() => crossMarginContagion({ ...defaults, shockA: -0.1 })).toThrow(EngineInputError);
    expect(() => crossMarginContagion({ ...defaults, crossAccounts: 1.5 })).toThrow(EngineInputError);
    expect(() => crossMarginContagion({ ...defaults, marginMode: 'portfolio' as 'cross' })).toThrow(EngineInputError);
  });
});
