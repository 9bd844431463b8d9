import { EngineInputError } from '../core/errors';
import { mean } from '../core/numeric';
import { defaultParams, validateParams } from '../core/params';
import {
  hedgingMonteCarlo,
  hedgingMonteCarloSpec,
  hedgingMonteCarloTrial,
  hedgingPathSeed,
  runHedgingMonteCarlo,
  summariseHedgingTrials,
  type HedgingTrial,
} from './hedgingMonteCarlo';
import { defaultHedgingParams, runHedgingSimulation } from './hedgingSimulation';

// Ten trading days keep the test fast; the effects are those of hedgingSimulation.test.ts.
const params = { ...defaultHedgingParams, steps: 780 };

describe('hedgingMonteCarloTrial', () => {
  it('runs the same noise short, without and long dealer gamma, deterministically', () => {
    const t = hedgingMonteCarloTrial(params, 12345);
    expect(hedgingMonteCarloTrial(params, 12345)).toEqual(t);
    const none = runHedgingSimulation({ ...params, dealerPosition: 'none', seed: 12345 });
    const long = runHedgingSimulation({ ...params, dealerPosition: 'long', seed: 12345 });
    expect(t.none.realisedVol).toBe(none.realisedVol);
    expect(t.none.autocorrelation).toBe(none.autocorrelation);
    expect(t.long.finalPrice).toBe(long.finalPrice);
    expect(t.seed).toBe(12345);
    // The dealer position in params is ignored.
    expect(hedgingMonteCarloTrial({ ...params, dealerPosition: 'long' }, 12345)).toEqual(t);
    expect(() => hedgingMonteCarloTrial(params, -3)).toThrow(EngineInputError);
  });
});

describe('hedgingMonteCarlo generator', () => {
  it('yields monotone progress with the new trials, and returns the summary of all of them', () => {
    const gen = hedgingMonteCarlo(params, { paths: 25, seed: 9, chunk: 10 });
    const reports: { done: number; total: number; n: number }[] = [];
    const trials: HedgingTrial[] = [];
    let result;
    // 25 paths in chunks of 10: three reports, then the return (bounded loop).
    for (let i = 0; i < 10; i++) {
      const step = gen.next();
      if (step.done) {
        result = step.value;
        break;
      }
      reports.push({ done: step.value.done, total: step.value.total, n: step.value.trials.length });
      trials.push(...step.value.trials);
      expect(step.value.partial.paths).toBe(step.value.done);
    }
    expect(reports).toEqual([
      { done: 10, total: 25, n: 10 },
      { done: 20, total: 25, n: 10 },
      { done: 25, total: 25, n: 5 },
    ]);
    expect(trials.map((t) => t.seed)).toEqual(Array.from({ length: 25 }, (_, i) => hedgingPathSeed(9, i)));
    expect(trials[3]).toEqual(hedgingMonteCarloTrial(params, hedgingPathSeed(9, 3)));
    expect(result).toEqual(summariseHedgingTrials(trials));
    expect(runHedgingMonteCarlo(params, { paths: 25, seed: 9 })).toEqual(result);
  });

  it('summaries are the sample statistics of the trials', () => {
    const r = runHedgingMonteCarlo(params, { paths: 40, seed: 3 });
    const s = r.short.realisedVol;
    expect(s.count).toBe(40);
    expect(s.mean).toBeCloseTo(mean(s.values), 14);
    expect(s.se).toBeCloseTo(s.sd / Math.sqrt(40), 14);
    expect(s.q05).toBeLessThanOrEqual(s.q50);
    expect(s.q50).toBeLessThanOrEqual(s.q95);
    expect(r.none.unstable).toBe(0);
  });

  it('shows the ordering short > none > long for realised vol and autocorrelation (100 paths)', () => {
    const r = runHedgingMonteCarlo(params, { paths: 100, seed: 1 });
    // Unpaired comparison of means: require the gap to exceed 4 combined standard errors.
    const gap = (a: { mean: number; se: number }, b: { mean: number; se: number }) => (a.mean - b.mean) / Math.hypot(a.se, b.se);
    expect(gap(r.short.realisedVol, r.none.realisedVol)).toBeGreaterThan(4);
    expect(gap(r.none.realisedVol, r.long.realisedVol)).toBeGreaterThan(4);
    expect(gap(r.short.autocorrelation, r.none.autocorrelation)).toBeGreaterThan(4);
    expect(gap(r.none.autocorrelation, r.long.autocorrelation)).toBeGreaterThan(4);
  });

  it('rejects bad controls; its spec defaults are valid', () => {
    expect(() => runHedgingMonteCarlo(params, { paths: 0, seed: 1 })).toThrow(EngineInputError);
    expect(() => runHedgingMonteCarlo(params, { paths: 10, seed: 1.5 })).toThrow(EngineInputError);
    expect(validateParams(hedgingMonteCarloSpec, defaultParams(hedgingMonteCarloSpec)).ok).toBe(true);
  });
});
