/**
 * Exercise variants: parameters drawn on each spec's step grid from a seed, so
 * the same seed gives the same numbers everywhere (Node, browser, worker).
 * Assignment seeds are hash(assignment, student, exercise).
 */
import { createRng, hashString, hashInts } from '../../../engine/core/random';
import type { NumberParamSpec } from '../../../engine/core/params';
import type { Exercise } from './types';

/** Seed for one student's variant of one exercise in one assignment. */
export function variantSeed(assignment: string, student: string, exercise: string): number {
  return hashInts(hashString(assignment), hashString(student), hashString(exercise));
}

function drawOnGrid(spec: NumberParamSpec, u: number): number {
  const steps = Math.floor((spec.max - spec.min) / spec.step + 1e-9);
  const k = Math.min(steps, Math.floor(u * (steps + 1)));
  // Round away binary noise so a drawn value equals the one printed in the prompt.
  return Number.parseFloat((spec.min + k * spec.step).toPrecision(12));
}

/** Draw a variant's parameters; seed 0 by convention is not special. */
export function drawVariant<P extends Record<string, number>>(ex: Exercise<P>, seed: number): P {
  const rng = createRng(seed >>> 0);
  const out: Record<string, number> = {};
  for (const [k, spec] of Object.entries(ex.params) as [string, NumberParamSpec][]) out[k] = drawOnGrid(spec, rng.next());
  return out as P;
}
