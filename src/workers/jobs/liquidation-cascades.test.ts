/** The chapter's worker job, driven in Node exactly as the worker drives it. */
import { driveJob, type JobProgress } from '../../lib/jobs';
import { jobs as registry } from './index';
import { jobs } from './liquidation-cascades';
import { runCascadeMonteCarlo, type CascadeMonteCarloSummary } from '../../../engine/leverage/cascadeMonteCarlo';

describe('liquidation-cascades worker jobs', () => {
  it('registers the Monte Carlo job in the worker registry', () => {
    expect(registry['ch3-cascade-monte-carlo']).toBe(jobs['ch3-cascade-monte-carlo']);
  });

  it('streams partial summaries and returns the same result as the synchronous run', () => {
    const params = { runs: 50, positions: 1000, meanShock: 0.01, seed: 2, book: { depth: 10_000_000, profile: 'flat' } };
    const reports: JobProgress<CascadeMonteCarloSummary>[] = [];
    let t = 0;
    // A fake clock that advances 20 ms per report check: reports are throttled to every 50 ms, plus the last one.
    const out = driveJob(jobs['ch3-cascade-monte-carlo']!, params, (p) => reports.push(p as JobProgress<CascadeMonteCarloSummary>), 50, () => (t += 20));
    expect(reports.length).toBeGreaterThan(5);
    expect(reports.length).toBeLessThan(50);
    expect(reports.at(-1)!.done).toBe(50);
    for (let k = 1; k < reports.length; k++) expect(reports[k]!.done).toBeGreaterThan(reports[k - 1]!.done);
    expect(reports.every((r) => r.partial && r.partial.runs === r.done)).toBe(true);
    expect(out).toEqual(runCascadeMonteCarlo(params as never));
    expect(out.moveQuantiles).toBeDefined();
  });

  it('fails with a readable message on bad parameters', () => {
    expect(() => driveJob(jobs['ch3-cascade-monte-carlo']!, { runs: -5 }, () => {})).toThrow(/Markets simulated/);
  });
});
