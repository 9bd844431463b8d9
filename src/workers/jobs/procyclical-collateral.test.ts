/** The chapter's worker job, driven in Node exactly as the worker drives it. */
import { driveJob, type JobProgress } from '../../lib/jobs';
import { jobs as registry } from './index';
import { jobs } from './procyclical-collateral';
import { lendingScenarioParams, quickLendingSweep, type LendingSweepRow } from '../../../engine/collateral/lendingSweep';
import { defaultParams } from '../../../engine/core/params';

describe('procyclical-collateral worker jobs', () => {
  const params = { ...defaultParams(lendingScenarioParams), positions: 600, points: 12, maxShock: 0.6, steps: 40 };

  it('registers the lending sweep in the worker registry', () => {
    expect(registry['ch4-lending-sweep']).toBe(jobs['ch4-lending-sweep']);
  });

  it('streams growing partial sweeps and returns the full one, equal to the synchronous sweep', () => {
    const reports: JobProgress<LendingSweepRow[]>[] = [];
    let t = 0;
    // A fake clock that advances 20 ms per check: reports are throttled to every 50 ms, plus the last one.
    const out = driveJob(jobs['ch4-lending-sweep']!, params, (p) => reports.push(p as JobProgress<LendingSweepRow[]>), 50, () => (t += 20)) as LendingSweepRow[];
    expect(reports.length).toBeGreaterThan(2);
    expect(reports.length).toBeLessThan(12);
    expect(reports.at(-1)!.done).toBe(12);
    for (let k = 1; k < reports.length; k++) expect(reports[k]!.done).toBeGreaterThan(reports[k - 1]!.done);
    expect(reports.every((r) => r.partial!.length === r.done)).toBe(true);
    expect(out).toHaveLength(12);
    expect(out).toEqual(quickLendingSweep(params, { points: 12, samplePositions: 600 }));
  });

  it('fails with a readable message on bad parameters', () => {
    expect(() => driveJob(jobs['ch4-lending-sweep']!, { ...params, points: 1000 }, () => {})).toThrow(/Shock sizes/);
  });
});
