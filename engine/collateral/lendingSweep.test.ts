import { EngineInputError } from '../core/errors';
import { defaultParams } from '../core/params';
import { lendingScenarioParams, lendingSweepJob, quickLendingSweep, requireScenario, scenarioPool, sweepShocks } from './lendingSweep';
import { lendingShockSweep } from './lendingPool';

const small = { ...defaultParams(lendingScenarioParams), positions: 400, points: 6, maxShock: 0.5, steps: 40 };

function drain<T, R>(g: Generator<T, R, void>): { yields: T[]; result: R } {
  const yields: T[] = [];
  for (;;) {
    const s = g.next();
    if (s.done) return { yields, result: s.value };
    yields.push(s.value);
  }
}

describe('lending sweep', () => {
  it('spaces shocks evenly from 0 to the largest', () => {
    expect(sweepShocks(0.5, 6)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(() => sweepShocks(0.95, 5)).toThrow(EngineInputError);
  });

  it('streams one row per shock and returns the same rows as the engine sweep, in shares', () => {
    const { yields, result } = drain(lendingSweepJob(small));
    expect(yields.map((y) => y.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(yields.every((y) => y.total === 6)).toBe(true);
    expect(yields.at(-1)!.partial).toEqual(result);
    const pool = scenarioPool(requireScenario(small));
    const debt = Array.from(pool.debt).reduce((a, b) => a + b, 0);
    const direct = drain(lendingShockSweep(pool, { shocks: sweepShocks(0.5, 6), rampSteps: small.rampSteps, steps: small.steps, rules: { closeFactor: small.closeFactor, impact: small.impact } })).result;
    direct.forEach((p, i) => {
      expect(result[i]!.shock).toBe(p.shock);
      expect(result[i]!.repaidShare).toBeCloseTo(p.debtRepaid / debt, 12);
      expect(result[i]!.badDebtShare).toBeCloseTo(p.badDebt / debt, 12);
    });
  });

  it('rows are shares: nothing happens at a zero shock, and liquidations grow with the shock', () => {
    const { result } = drain(lendingSweepJob(small));
    expect(result[0]).toMatchObject({ shock: 0, liquidatedShare: 0, repaidShare: 0, badDebtShare: 0 });
    for (const r of result) {
      for (const v of [r.liquidatedShare, r.repaidShare, r.badDebtShare]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1 + 1e-12);
      }
      expect(r.finalFall).toBeGreaterThanOrEqual(r.shock - 1e-12);
    }
    for (let i = 1; i < result.length; i++) expect(result[i]!.liquidatedShare).toBeGreaterThanOrEqual(result[i - 1]!.liquidatedShare);
  });

  it('a gap (one-step) shock leaves bad debt that a slow ramp does not', () => {
    const slow = drain(lendingSweepJob({ ...small, rampSteps: 20 })).result.at(-1)!;
    const gap = drain(lendingSweepJob({ ...small, rampSteps: 1 })).result.at(-1)!;
    expect(gap.badDebtShare).toBeGreaterThan(slow.badDebtShare + 0.01);
  });

  it('the quick sweep uses a sample of the same pool and the same shares', () => {
    const q = quickLendingSweep({ ...small, positions: 400 }, { points: 6, samplePositions: 400 });
    expect(q).toEqual(drain(lendingSweepJob(small)).result);
    expect(quickLendingSweep(small, { points: 3, samplePositions: 100 })).toHaveLength(3);
  });

  it('rejects bad parameters with a readable message', () => {
    expect(() => drain(lendingSweepJob({ ...small, positions: -5 }))).toThrow(/Positions/);
    expect(() => drain(lendingSweepJob({ ...small, closeFactor: 'v9' }))).toThrow(EngineInputError);
    expect(() => drain(lendingSweepJob(null))).toThrow(EngineInputError);
  });
});
