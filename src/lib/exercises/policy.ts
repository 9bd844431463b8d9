/**
 * The assignment rules an answer box applies (kept apart from the link decoder so a
 * chapter page does not load it): when solutions open, and how many attempts remain.
 */
export const SOLUTION_POLICIES = ['never', 'after-attempt', 'after-due', 'always'] as const;
export type SolutionPolicy = (typeof SOLUTION_POLICIES)[number];

/** May the student open the worked solution now? */
export function solutionOpen(policy: SolutionPolicy, attempts: number, due: string | null, now: Date = new Date()): boolean {
  switch (policy) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'after-attempt':
      return attempts > 0;
    case 'after-due':
      return due !== null && now.getTime() > Date.parse(due);
  }
}

/** Attempts left (Infinity when unlimited, i.e. attempts = 0). */
export function attemptsLeft(a: { attempts: number }, used: number): number {
  return a.attempts === 0 ? Infinity : Math.max(0, a.attempts - used);
}

/** Symbol under which the assignment page shares its context with an experiment's frame (same origin). */
export const SHARED_CONTEXT = Symbol.for('leverage-lab.assignment-context');
