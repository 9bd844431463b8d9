/**
 * Worker jobs for the chapter "liquidation-cascades". Each job is a generator from the engine (see src/lib/jobs.ts).
 *
 * - `ch3-cascade-monte-carlo`: cascade sizes over random markets hit by thin-tailed shocks
 *   (engine/leverage/cascadeMonteCarlo.ts); streams the running summary after every market.
 */
import type { Job } from '../../lib/jobs';
import { cascadeMonteCarlo } from '../../../engine/leverage/cascadeMonteCarlo';

export const jobs: Record<string, Job> = {
  'ch3-cascade-monte-carlo': cascadeMonteCarlo as Job,
};
