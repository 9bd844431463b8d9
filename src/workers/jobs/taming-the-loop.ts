/** Worker jobs for the chapter "taming-the-loop". Each job is a generator from the engine (see src/lib/jobs.ts). */
import type { Job } from '../../lib/jobs';

export const jobs: Record<string, Job> = {};
