/** The chapter's worker job, driven in Node exactly as the worker drives it. */
import { driveJob, type JobProgress } from '../../lib/jobs';
import { jobs as registry } from './index';
import { jobs, MAX_SWEEP_SHOCKS } from './taming-the-loop';
import { policyShockSweep, type PolicyShockPoint } from '../../../engine/policy';

describe('taming-the-loop worker jobs', () => {
  it('registers the sweep in the worker registry', () => {
    expect(registry['ch6-policy-shock-sweep']).toBe(jobs['ch6-policy-shock-sweep']);
  });

  it('streams the points computed so far and returns the same result as the engine’s sweep', () => {
    const params = { scenario: { positions: 1000, depth: 1_000_000, shockKind: 'order' as const }, tools: { speedLimit: { speedLimit: 500_000 } }, shocks: [0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09] };
    const reports: JobProgress<PolicyShockPoint[]>[] = [];
    let t = 0;
    // A fake clock advancing 20 ms per check: reports are throttled to every 50 ms, plus the last one.
    const out = driveJob(jobs['ch6-policy-shock-sweep']!, params, (p) => reports.push(p as JobProgress<PolicyShockPoint[]>), 50, () => (t += 20)) as PolicyShockPoint[];
    expect(reports.length).toBeGreaterThan(2);
    expect(reports.length).toBeLessThan(10);
    expect(reports.at(-1)!.done).toBe(10);
    for (const r of reports) expect(r.partial!.length).toBe(r.done);
    const it = policyShockSweep(params.scenario, params.tools, params.shocks);
    let s = it.next();
    while (!s.done) s = it.next();
    expect(out).toEqual(s.value);
    // A slow engine helps once the cascade is large (at 1 % it can make the trough a hair deeper: sales come later).
    const at5 = out.find((p) => p.shock === 0.05)!;
    expect(at5.withTools.peakDislocation!).toBeLessThan(at5.baseline.peakDislocation! - 0.02);
  });

  it('fails with a readable message on bad parameters', () => {
    expect(() => driveJob(jobs['ch6-policy-shock-sweep']!, { tools: {}, shocks: [] }, () => {})).toThrow(/between 1 and/);
    expect(() => driveJob(jobs['ch6-policy-shock-sweep']!, { tools: {}, shocks: new Array(MAX_SWEEP_SHOCKS + 1).fill(0) }, () => {})).toThrow(/shocks/);
    expect(() => driveJob(jobs['ch6-policy-shock-sweep']!, { tools: { rocket: true }, shocks: [0.01] }, () => {})).toThrow(/unknown policy tool/);
    expect(() => driveJob(jobs['ch6-policy-shock-sweep']!, { tools: {}, shocks: [0.9] }, () => {})).toThrow(/Initial shock/);
  });
});
