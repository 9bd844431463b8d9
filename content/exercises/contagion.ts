/** Exercises for the chapter "contagion", in the order they appear. See leverage-loop.ts for the pattern. */
import type { Exercise } from '../../src/lib/exercises/types';

export const exercises: Exercise<any>[] = [];
