/**
 * Student progress in localStorage, with a versioned schema. Reading never throws:
 * corrupt or foreign data is set aside (kept under a backup key, never deleted) and
 * the rest loads; the caller gets notes it can show to the reader.
 */
export const PROGRESS_KEY = 'leverage-lab:progress';
export const PROGRESS_VERSION = 1;

export interface ExerciseProgress {
  attempts: number;
  correct: boolean;
  lastAnswer: string;
  /** ISO timestamp of the last attempt. */
  updated: string;
}

export interface Progress {
  version: typeof PROGRESS_VERSION;
  exercises: Record<string, ExerciseProgress>;
}

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, exercises: {} };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const ID = /^[a-z0-9][a-z0-9-]{0,80}$/;

/** Validate one exercise record; null when it cannot be trusted. */
export function decodeExerciseProgress(x: unknown): ExerciseProgress | null {
  if (!isRecord(x)) return null;
  const { attempts, correct, lastAnswer, updated } = x;
  if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 0 || attempts > 1e6) return null;
  if (typeof correct !== 'boolean') return null;
  if (typeof lastAnswer !== 'string' || lastAnswer.length > 200) return null;
  if (typeof updated !== 'string' || Number.isNaN(Date.parse(updated))) return null;
  return { attempts, correct, lastAnswer, updated };
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
  if (!isRecord(raw) || raw.version !== PROGRESS_VERSION || !isRecord(raw.exercises)) {
    return { progress: emptyProgress(), notes: ['Saved progress is from an unknown version and was set aside.'], rejected: true };
  }
  const progress = emptyProgress();
  let bad = 0;
  for (const [id, rec] of Object.entries(raw.exercises)) {
    const d = ID.test(id) ? decodeExerciseProgress(rec) : null;
    if (d) progress.exercises[id] = d;
    else bad++;
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
        updated: now.toISOString(),
      },
    },
  };
}
