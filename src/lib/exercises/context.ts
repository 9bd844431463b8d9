/**
 * Where an exercise box is being used. The static HTML around an exercise says so
 * with `data-exercise-context` on an ancestor:
 *  - none: a chapter (practice: default numbers, "new numbers", progress saved locally);
 *  - "standalone": the exercise's own page, which may be embedded (`?embed=1`) and then
 *    speaks SPLICE to the host page;
 *  - "assignment": the assignment page, whose script publishes the assignment and the
 *    student here before it reveals the exercises; the island waits for that.
 * Islands and page scripts share this module instance (one bundle per page).
 */
import type { Assignment } from '../assignment';
import type { GivenAnswer } from './grade';
import type { AssignmentAnswerRecord } from '../progress';

export type ContextKind = 'chapter' | 'standalone' | 'assignment';

export interface AssignmentContext {
  assignment: Assignment;
  student: { name: string; id: string };
  /** The student's numbers for one exercise. */
  variant(exerciseId: string, defaults: Record<string, number>): { params: Record<string, number>; seed: number | null };
  /** What the student has done so far on one exercise (restored on reload). */
  saved(exerciseId: string): AssignmentAnswerRecord | undefined;
  /** Save one checked answer; returns the updated record. */
  record(exerciseId: string, answer: GivenAnswer, params: Record<string, number>, seed: number | null, solved: boolean): AssignmentAnswerRecord | undefined;
}

let current: AssignmentContext | null = null;
const waiting: ((c: AssignmentContext) => void)[] = [];
const listeners = new Set<(c: AssignmentContext) => void>();

export function setAssignmentContext(c: AssignmentContext): void {
  current = c;
  for (const w of waiting.splice(0)) w(c);
  for (const l of listeners) l(c);
}

/** Resolves once the page has published the assignment context. */
export function whenAssignmentContext(): Promise<AssignmentContext> {
  return current ? Promise.resolve(current) : new Promise((r) => waiting.push(r));
}

/** Called on every later change of context (e.g. another student signs in on the same page). */
export function onAssignmentContext(fn: (c: AssignmentContext) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function contextOf(el: Element | null): ContextKind {
  const v = el?.closest('[data-exercise-context]')?.getAttribute('data-exercise-context');
  return v === 'standalone' || v === 'assignment' ? v : 'chapter';
}

