/**
 * The assignment context backed by this browser's saved progress (localStorage), used
 * by the assignment page. (Kept out of ./exercises/context so that chapter pages do not
 * load it.)
 */
import type { Assignment } from './assignment';
import type { AssignmentContext } from './exercises/context';
import { loadProgress, saveProgress, type Progress } from './progress';
import type { GivenAnswer } from './exercises/grade';

/** Saved work is read fresh from storage on every call, so two pages of one origin never overwrite each other. */
export function storageAssignmentContext(
  assignment: Assignment,
  student: { name: string; id: string },
  variantOf: (exerciseId: string, defaults: Record<string, number>) => { params: Record<string, number>; seed: number | null },
  storage: Storage | null,
  onSaved?: (ok: boolean) => void,
): AssignmentContext {
  const current = () => loadProgress(storage).progress;
  return {
    assignment,
    student,
    variant: variantOf,
    saved: (id) => {
      const w = current().assignments[assignment.id];
      return w && w.student.id.trim().toLowerCase() === student.id.trim().toLowerCase() ? w.answers[id] : undefined;
    },
    record: (id, answer, params, seed, solved) => {
      const now = current();
      const base = now.assignments[assignment.id] ? now : startAssignment(now, assignment, student);
      const next = recordAssignmentAttempt(base, assignment, student, id, { answer, params, seed, solved });
      // (Not `onSaved?.(saveProgress(…))`: optional call would skip the save when there is no callback.)
      const ok = saveProgress(storage, next);
      onSaved?.(ok);
      return next.assignments[assignment.id]?.answers[id];
    },
  };
}

/** Record one checked answer in an assignment (pure). */
export function recordAssignmentAttempt(
  p: Progress,
  assignment: { id: string; title: string },
  student: { name: string; id: string },
  exerciseId: string,
  rec: { answer: GivenAnswer; params: Record<string, number>; seed: number | null; solved: boolean },
  now = new Date(),
): Progress {
  const prevWork = p.assignments[assignment.id];
  const sameStudent = prevWork && prevWork.student.id.trim().toLowerCase() === student.id.trim().toLowerCase();
  const answers = sameStudent ? { ...prevWork.answers } : {};
  const prev = answers[exerciseId];
  const t = now.toISOString();
  answers[exerciseId] = {
    answer: rec.answer,
    attempts: (prev?.attempts ?? 0) + 1,
    firstAttempt: prev?.firstAttempt ?? t,
    lastAttempt: t,
    params: rec.params,
    seed: rec.seed,
    solved: (prev?.solved ?? false) || rec.solved,
  };
  return { ...p, assignments: { ...p.assignments, [assignment.id]: { title: assignment.title, student: { ...student }, answers, updated: t } } };
}

/** Start (or restart) an assignment for a student; work saved for another student id on this browser is replaced. */
export function startAssignment(p: Progress, assignment: { id: string; title: string }, student: { name: string; id: string }, now = new Date()): Progress {
  const prev = p.assignments[assignment.id];
  const keep = prev && prev.student.id.trim().toLowerCase() === student.id.trim().toLowerCase();
  return {
    ...p,
    assignments: { ...p.assignments, [assignment.id]: { title: assignment.title, student: { ...student }, answers: keep ? prev.answers : {}, updated: now.toISOString() } },
  };
}

