/**
 * Worker jobs for the chapter "contagion". Each job is a generator from the engine (see src/lib/jobs.ts).
 *
 * - `ch5-gai-kapadia-sweep`: the Gai–Kapadia Monte Carlo over the average degree
 *   (engine/contagion/gaiKapadiaSweep.ts): probability and conditional extent of
 *   contagion at each degree, streaming the finished points and the point in
 *   progress after every block of trials.
 */
import type { Job } from '../../lib/jobs';
import { gaiKapadiaSweep } from '../../../engine/contagion/gaiKapadiaSweep';

export const jobs: Record<string, Job> = {
  'ch5-gai-kapadia-sweep': gaiKapadiaSweep as Job,
};
