/**
 * A small job used by the tests of the worker plumbing: sums the cascade's final
 * move over a grid of shocks, yielding after each point.
 */
import type { Job } from '../../lib/jobs';
import { thresholdPopulation, thresholdCascade, thresholdPopulationParams } from '../../../engine/loop/thresholdCascade';
import { defaultParams } from '../../../engine/core/params';

function* cascadeSweep(p: { points: number; depth: number }) {
  const pop = thresholdPopulation(defaultParams(thresholdPopulationParams));
  const rows: { shock: number; finalMove: number }[] = [];
  for (let i = 0; i < p.points; i++) {
    const shock = (0.3 * i) / Math.max(1, p.points - 1);
    rows.push({ shock, finalMove: thresholdCascade(pop, { shock, depth: p.depth }).finalMove });
    yield { done: i + 1, total: p.points, partial: rows.slice() };
  }
  return rows;
}

export const jobs: Record<string, Job> = { 'demo-cascade-sweep': cascadeSweep as Job };
