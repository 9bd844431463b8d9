/** Worker jobs for the chapter "gamma-squeezes". Each job is a generator from the engine (see src/lib/jobs.ts). */
import type { Job, JobProgress } from '../../lib/jobs';
import {
  checkHedgingParams,
  hedgingMonteCarlo,
  hedgingMonteCarloSpec,
  type HedgingMonteCarloResult,
  type HedgingParams,
} from '../../../engine/options';
import { checkParam } from '../../../engine/core/params';
import { EngineInputError } from '../../../engine/core/errors';

/** Input of the Monte Carlo job: the market of the squeeze widget, the number of paths and a base seed. */
export interface HedgingMcInput {
  market: HedgingParams;
  paths: number;
  seed: number;
}

/**
 * Monte Carlo over seeds of the hedging-feedback market: every seed runs with
 * dealers short gamma, without dealers and long gamma on the same noise
 * (`hedgingMonteCarlo`). Streams the summary of the paths finished so far.
 */
export function* hedgingMonteCarloJob(input: HedgingMcInput): Generator<JobProgress<HedgingMonteCarloResult>, HedgingMonteCarloResult, void> {
  const market = checkHedgingParams(input.market);
  for (const key of ['paths', 'seed'] as const) {
    const msg = checkParam(hedgingMonteCarloSpec[key], input[key]);
    if (msg) throw new EngineInputError('invalid-parameter', msg, key);
  }
  const gen = hedgingMonteCarlo(market, { paths: input.paths, seed: input.seed });
  // One report per chunk (about 20 in all); at most paths + 1 iterations.
  for (;;) {
    const step = gen.next();
    if (step.done) return step.value;
    yield { done: step.value.done, total: step.value.total, partial: step.value.partial };
  }
}

export const jobs: Record<string, Job> = { 'gamma-hedging-mc': hedgingMonteCarloJob as Job };
