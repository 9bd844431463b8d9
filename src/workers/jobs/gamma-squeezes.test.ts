import { driveJob } from '../../lib/jobs';
import { jobs } from './index';
import { hedgingMonteCarloJob, type HedgingMcInput } from './gamma-squeezes';
import { defaultHedgingParams, runHedgingMonteCarlo, type HedgingMonteCarloResult } from '../../../engine/options';
import { EngineInputError } from '../../../engine/core/errors';

const input: HedgingMcInput = { market: { ...defaultHedgingParams, steps: 400 }, paths: 40, seed: 3 };

describe('worker job gamma-hedging-mc', () => {
  it('is registered under its name', () => {
    expect(jobs['gamma-hedging-mc']).toBe(hedgingMonteCarloJob);
  });

  it('streams growing partial summaries and ends with the engine’s own Monte Carlo result', () => {
    const seen: { done: number; total: number; paths: number }[] = [];
    const out = driveJob(hedgingMonteCarloJob, input, (p) => seen.push({ done: p.done, total: p.total, paths: (p.partial as HedgingMonteCarloResult).paths }), 0);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((s) => s.total === 40 && s.paths === s.done)).toBe(true);
    expect(seen.map((s) => s.done)).toEqual([...seen.map((s) => s.done)].sort((a, b) => a - b));
    expect(seen.at(-1)!.done).toBe(40);
    const direct = runHedgingMonteCarlo(input.market, { paths: 40, seed: 3 });
    expect(out.paths).toBe(40);
    expect(out.short.realisedVol.mean).toBeCloseTo(direct.short.realisedVol.mean, 12);
    expect(out.long.autocorrelation.mean).toBeCloseTo(direct.long.autocorrelation.mean, 12);
  });

  it('is deterministic by seed and shows the chapter’s pattern: short gamma raises volatility, long gamma lowers it', () => {
    const a = driveJob(hedgingMonteCarloJob, input, () => {}, 0);
    const b = driveJob(hedgingMonteCarloJob, input, () => {}, 0);
    expect(a.short.realisedVol.mean).toBe(b.short.realisedVol.mean);
    expect(a.short.realisedVol.mean).toBeGreaterThan(a.none.realisedVol.mean);
    expect(a.long.realisedVol.mean).toBeLessThan(a.none.realisedVol.mean);
    expect(a.short.autocorrelation.mean).toBeGreaterThan(a.long.autocorrelation.mean);
  });

  it('rejects bad input with an engine error instead of running', () => {
    expect(() => driveJob(hedgingMonteCarloJob, { ...input, paths: 0 }, () => {}, 0)).toThrow(EngineInputError);
    expect(() => driveJob(hedgingMonteCarloJob, { ...input, market: { ...input.market, vol: -1 } }, () => {}, 0)).toThrow(EngineInputError);
  });
});
