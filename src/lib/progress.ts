/**
 * Student progress in localStorage, with a versioned schema and migrations. Reading
 * never throws: corrupt or foreign data is set aside (kept under a backup key, never
 * deleted) and the rest loads; the caller gets notes it can show to the reader.
 *
 * Schema history
 *  - v1: { version: 1, exercises: { id: { attempts, correct, lastAnswer, updated } } }
 *  - v2: adds `first` (time of the first attempt) to each record, and `assignments`:
 *        the work done on each assignment, kept apart from chapter practice.
 */
import type { GivenAnswer } from './exercises/grade';

export const PROGRESS_KEY = 'leverage-lab:progress';
export const PROGRESS_VERSION = 2;

export interface ExerciseProgress {
  attempts: number;
  /** Local convenience for the reader's own view; never used for grading. */
  correct: boolean;
  lastAnswer: string;
  /** ISO timestamp of the first attempt. */
  first?: string;
  /** ISO timestamp of the last attempt. */
  updated: string;
}

/** One exercise of one assignment, as the student worked it (the submission file's record plus `solved`). */
export interface AssignmentAnswerRecord {
  answer: GivenAnswer | null;
  attempts: number;
  firstAttempt: string | null;
  lastAttempt: string | null;
  params: Record<string, number>;
  seed: number | null;
  /** Shown to the student; the grader ignores it and recomputes. */
  solved: boolean;
}

export interface AssignmentWork {
  title: string;
  student: { name: string; id: string };
  answers: Record<string, AssignmentAnswerRecord>;
  updated: string;
}

export interface Progress {
  version: typeof PROGRESS_VERSION;
  exercises: Record<string, ExerciseProgress>;
  assignments: Record<string, AssignmentWork>;
}

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, exercises: {}, assignments: {} };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const ID = /^[a-z0-9][a-z0-9-]{0,80}$/;
const ASSIGNMENT_ID = /^[A-Za-z0-9_-]{6,32}$/;
const isIso = (x: unknown): x is string => typeof x === 'string' && x.length <= 40 && !Number.isNaN(Date.parse(x));

/** Validate one exercise record; null when it cannot be trusted. */
export function decodeExerciseProgress(x: unknown): ExerciseProgress | null {
  if (!isRecord(x)) return null;
  const { attempts, correct, lastAnswer, updated, first } = x;
  if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 0 || attempts > 1e6) return null;
  if (typeof correct !== 'boolean') return null;
  if (typeof lastAnswer !== 'string' || lastAnswer.length > 200) return null;
  if (!isIso(updated)) return null;
  if (first !== undefined && !isIso(first)) return null;
  return { attempts, correct, lastAnswer, first: (first as string | undefined) ?? updated, updated };
}

function decodeGiven(x: unknown): GivenAnswer | null | undefined {
  if (x === null) return null;
  if (typeof x === 'string') return x.length <= 2000 ? x : undefined;
  if (isRecord(x)) {
    const vals = Object.values(x);
    if (vals.length > 50 || !vals.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) return undefined;
    return x;
  }
  return undefined;
}

function decodeAssignmentAnswer(x: unknown): AssignmentAnswerRecord | null {
  if (!isRecord(x)) return null;
  const answer = decodeGiven(x.answer);
  if (answer === undefined) return null;
  const { attempts, firstAttempt, lastAttempt, params, seed, solved } = x;
  if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 0 || attempts > 1e6) return null;
  if (!(firstAttempt === null || isIso(firstAttempt)) || !(lastAttempt === null || isIso(lastAttempt))) return null;
  if (!isRecord(params) || !Object.values(params).every((v) => typeof v === 'number' && Number.isFinite(v))) return null;
  if (!(seed === null || (typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff))) return null;
  if (typeof solved !== 'boolean') return null;
  return { answer, attempts, firstAttempt, lastAttempt, params: params as Record<string, number>, seed, solved };
}

function decodeAssignmentWork(x: unknown): { work: AssignmentWork | null; bad: number } {
  if (!isRecord(x) || typeof x.title !== 'string' || x.title.length > 200 || !isRecord(x.student) || !isIso(x.updated)) return { work: null, bad: 1 };
  const { name, id } = x.student;
  if (typeof name !== 'string' || typeof id !== 'string' || name.length > 120 || id.length > 64) return { work: null, bad: 1 };
  const answers: Record<string, AssignmentAnswerRecord> = {};
  let bad = 0;
  for (const [eid, rec] of Object.entries(isRecord(x.answers) ? x.answers : {})) {
    const d = ID.test(eid) ? decodeAssignmentAnswer(rec) : null;
    if (d) answers[eid] = d;
    else bad++;
  }
  return { work: { title: x.title, student: { name, id }, answers, updated: x.updated }, bad };
}

/** Migrations: migrations[n] turns a version-n object into a version-(n+1) object. */
const migrations: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {
  1: (raw) => {
    const exercises: Record<string, unknown> = {};
    for (const [id, rec] of Object.entries(isRecord(raw.exercises) ? raw.exercises : {})) {
      exercises[id] = isRecord(rec) && rec.first === undefined ? { ...rec, first: rec.updated } : rec;
    }
    return { version: 2, exercises, assignments: {} };
  },
};

/** Bring a stored object of any known version up to the current one; null when that is impossible. */
export function migrate(raw: Record<string, unknown>): Record<string, unknown> | null {
  let cur = raw;
  for (let guard = 0; guard < 20; guard++) {
    if (cur.version === PROGRESS_VERSION) return cur;
    const step = typeof cur.version === 'number' ? migrations[cur.version] : undefined;
    if (!step) return null;
    cur = step(cur);
  }
  return null;
}

/**
 * Decode stored JSON text into progress. Unknown versions and bad records are
 * reported in `notes`; good records survive. Never throws.
 */
export function decodeProgress(text: string | null): { progress: Progress; notes: string[]; rejected: boolean } {
  const notes: string[] = [];
  if (text === null || text === '') return { progress: emptyProgress(), notes, rejected: false };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { progress: emptyProgress(), notes: ['Saved progress could not be read and was set aside.'], rejected: true };
  }
  const migrated = isRecord(raw) ? migrate(raw) : null;
  if (!migrated || !isRecord(migrated.exercises)) {
    return { progress: emptyProgress(), notes: ['Saved progress is from an unknown version and was set aside.'], rejected: true };
  }
  const progress = emptyProgress();
  let bad = 0;
  for (const [id, rec] of Object.entries(migrated.exercises)) {
    const d = ID.test(id) ? decodeExerciseProgress(rec) : null;
    if (d) progress.exercises[id] = d;
    else bad++;
  }
  for (const [aid, work] of Object.entries(isRecord(migrated.assignments) ? migrated.assignments : {})) {
    const d = ASSIGNMENT_ID.test(aid) ? decodeAssignmentWork(work) : { work: null, bad: 1 };
    if (d.work) progress.assignments[aid] = d.work;
    bad += d.bad;
  }
  if (bad) notes.push(`${bad} saved record${bad > 1 ? 's were' : ' was'} damaged and set aside; the rest loaded.`);
  return { progress, notes, rejected: bad > 0 };
}

/** Read progress from storage (browser). Damaged data is copied to a backup key first. */
export function loadProgress(storage: Storage | null): { progress: Progress; notes: string[] } {
  if (!storage) return { progress: emptyProgress(), notes: [] };
  let text: string | null = null;
  try {
    text = storage.getItem(PROGRESS_KEY);
  } catch {
    return { progress: emptyProgress(), notes: ['This browser does not allow saving progress.'] };
  }
  const d = decodeProgress(text);
  if (d.rejected && text) {
    try {
      storage.setItem(`${PROGRESS_KEY}:backup:${Date.now()}`, text);
    } catch {
      /* ignore: the original stays in place until the next successful save */
    }
  }
  return { progress: d.progress, notes: d.notes };
}

export function saveProgress(storage: Storage | null, p: Progress): boolean {
  if (!storage) return false;
  try {
    storage.setItem(PROGRESS_KEY, JSON.stringify(p));
    return true;
  } catch {
    return false;
  }
}

/** Record an attempt (pure: returns a new object). */
export function recordAttempt(p: Progress, id: string, answer: string, correct: boolean, now = new Date()): Progress {
  const prev = p.exercises[id];
  return {
    ...p,
    exercises: {
      ...p.exercises,
      [id]: {
        attempts: (prev?.attempts ?? 0) + 1,
        correct: (prev?.correct ?? false) || correct,
        lastAnswer: answer.slice(0, 200),
        first: prev?.first ?? now.toISOString(),
        updated: now.toISOString(),
      },
    },
  };
}

/** Forget the practice records of some exercises (e.g. one chapter's). Assignment work is kept. */
export function resetExercises(p: Progress, ids: readonly string[]): Progress {
  const exercises = { ...p.exercises };
  for (const id of ids) delete exercises[id];
  return { ...p, exercises };
}

// Assignment work is written by src/lib/assignment-context.ts; export, import and merge live in
// src/lib/exercises/progress-transfer.ts (kept apart so chapter pages load only what they use).
