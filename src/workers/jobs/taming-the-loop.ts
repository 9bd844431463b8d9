/**
 * Worker jobs for the chapter "taming-the-loop". Each job is a generator from the engine (see src/lib/jobs.ts).
 *
 * - `ch6-policy-shock-sweep`: the policy lab's sweep: baseline and the chosen tools against a range of shock sizes
 *   (engine/policy `policyShockSweep`, one shock per step). Streams every point computed so far, so the figure fills
 *   in from the left while the job runs.
 */
import type { Job } from '../../lib/jobs';
import { policyShockSweep, type PolicyScenario, type PolicyShockPoint, type PolicyTools } from '../../../engine/policy';
import { EngineInputError } from '../../../engine/core/errors';

/** Parameters of the sweep: the scenario (without its shock), the tools, and the shocks to run. */
export interface PolicySweepParams {
  scenario?: Partial<PolicyScenario>;
  tools: PolicyTools;
  shocks: number[];
}

/** Largest number of shocks one sweep may run (each costs two runs of the harness). */
export const MAX_SWEEP_SHOCKS = 201;

export function* policySweepJob(p: PolicySweepParams): Generator<{ done: number; total: number; partial: PolicyShockPoint[] }, PolicyShockPoint[], void> {
  if (!p || typeof p !== 'object') throw new EngineInputError('invalid-shape', 'the sweep needs { scenario, tools, shocks }', 'params');
  if (!Array.isArray(p.shocks) || p.shocks.length === 0 || p.shocks.length > MAX_SWEEP_SHOCKS) {
    throw new EngineInputError('invalid-shape', `shocks must list between 1 and ${MAX_SWEEP_SHOCKS} shock sizes`, 'shocks');
  }
  const points: PolicyShockPoint[] = [];
  const it = policyShockSweep(p.scenario, p.tools, p.shocks);
  // Bound: policyShockSweep yields once per shock.
  for (;;) {
    const s = it.next();
    if (s.done) return s.value;
    points.push(s.value.partial);
    yield { done: s.value.done, total: s.value.total, partial: points.slice() };
  }
}

export const jobs: Record<string, Job> = {
  'ch6-policy-shock-sweep': policySweepJob as Job,
};
