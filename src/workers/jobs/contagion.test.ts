import { driveJob } from '../../lib/jobs';
import { jobs } from './index';
import { gaiKapadiaSweep } from '../../../engine/contagion/gaiKapadiaSweep';
import { runContagionSweep } from '../../../engine/contagion/monteCarlo';
import type { GaiKapadiaSweepPoint } from '../../../engine/contagion/gaiKapadiaSweep';

const params = { banks: 200, interbankShare: 0.2, capitalBuffer: 0.04, seed: 7, trials: 20, zMin: 1, zMax: 8, points: 4, yieldEvery: 5 };

describe('worker job ch5-gai-kapadia-sweep', () => {
  it('is registered and returns exactly the engine sweep', () => {
    const job = jobs['ch5-gai-kapadia-sweep']!;
    const out = driveJob(job, params, () => {}, 0) as { points: GaiKapadiaSweepPoint[] };
    expect(out).toEqual(runContagionSweep(gaiKapadiaSweep(params)));
    expect(out.points.map((p) => p.trials)).toEqual([20, 20, 20, 20]);
  });

  it('streams growing partial results with progress up to the total', () => {
    const seen: { done: number; total: number; points: number; trials: number }[] = [];
    driveJob(
      jobs['ch5-gai-kapadia-sweep']!,
      params,
      (p) => {
        const partial = (p.partial ?? []) as GaiKapadiaSweepPoint[];
        seen.push({ done: p.done, total: p.total, points: partial.length, trials: partial.reduce((s, x) => s + x.trials, 0) });
      },
      0,
    );
    expect(seen.length).toBe(15); // 80 trials in blocks of 5, the last block returned rather than yielded
    expect(seen.every((s) => s.total === 80)).toBe(true);
    for (let k = 1; k < seen.length; k++) expect(seen[k]!.done).toBeGreaterThan(seen[k - 1]!.done);
    // The partial always accounts for every trial done so far.
    for (const s of seen) expect(s.trials).toBe(s.done);
    expect(seen.at(-1)!.points).toBe(4);
  });

  it('rejects bad parameters before doing any work', () => {
    expect(() => driveJob(jobs['ch5-gai-kapadia-sweep']!, { ...params, capitalBuffer: -1 }, () => {}, 0)).toThrow();
  });
});
