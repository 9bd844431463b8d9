import { driveJob } from './jobs';
import { jobs } from '../workers/jobs/index';

describe('worker jobs', () => {
  it('driveJob returns the final result and reports throttled progress including the last step', () => {
    let t = 0;
    const seen: number[] = [];
    const out = driveJob(
      function* () {
        for (let i = 1; i <= 10; i++) yield { done: i, total: 10 };
        return 'ok';
      },
      undefined,
      (p) => seen.push(p.done),
      3,
      () => (t += 1),
    );
    expect(out).toBe('ok');
    expect(seen.at(-1)).toBe(10);
    expect(seen.length).toBeLessThan(10);
  });

  it('the demo job streams partial results and is deterministic', () => {
    const partials: number[] = [];
    const a = driveJob(jobs['demo-cascade-sweep']!, { points: 5, depth: 60 }, (p) => partials.push((p.partial as unknown[]).length), 0);
    const b = driveJob(jobs['demo-cascade-sweep']!, { points: 5, depth: 60 }, () => {}, 0);
    expect(a).toEqual(b);
    expect(partials).toEqual([1, 2, 3, 4, 5]);
  });
});
