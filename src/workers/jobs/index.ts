/**
 * The registry of jobs the engine worker can run, one module per chapter so that
 * chapters can add jobs without touching each other's files.
 */
import type { Job } from '../../lib/jobs';
import { jobs as gamma } from './gamma-squeezes';
import { jobs as liquidations } from './liquidation-cascades';
import { jobs as collateral } from './procyclical-collateral';
import { jobs as contagion } from './contagion';
import { jobs as policy } from './taming-the-loop';
import { jobs as demo } from './demo';

export const jobs: Record<string, Job> = { ...demo, ...gamma, ...liquidations, ...collateral, ...contagion, ...policy };
