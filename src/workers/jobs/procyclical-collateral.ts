/**
 * Worker jobs for the chapter "procyclical-collateral". Each job is a generator from the engine (see src/lib/jobs.ts).
 *
 * - `ch4-lending-sweep`: the collateral stress test of a lending pool over a grid of oracle shocks
 *   (engine/collateral/lendingSweep.ts); streams the rows after every shock size.
 */
import type { Job } from '../../lib/jobs';
import { lendingSweepJob } from '../../../engine/collateral/lendingSweep';

export const jobs: Record<string, Job> = {
  'ch4-lending-sweep': lendingSweepJob as Job,
};
