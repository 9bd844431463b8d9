/**
 * Export and import of all progress as a file, and merging an imported file into what
 * this browser has (used by the "Your progress" panel).
 */
import { decodeProgress, PROGRESS_VERSION, type AssignmentWork, type ExerciseProgress, type Progress } from '../progress';

export const EXPORT_FORMAT = 'leverage-lab-progress';

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The text of an exported progress file. */
export function exportProgress(p: Progress, now = new Date()): string {
  return JSON.stringify({ format: EXPORT_FORMAT, exportedAt: now.toISOString(), progress: p }, null, 2);
}

/** Read an exported file (or a raw stored progress object of any known version). Never throws. */
export function importProgress(text: string): { progress: Progress | null; notes: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { progress: null, notes: ['That file is not a progress file (it is not valid JSON).'] };
  }
  if (isRecord(raw) && raw.format === EXPORT_FORMAT) raw = raw.progress;
  else if (isRecord(raw) && typeof raw.format === 'string') return { progress: null, notes: [`That file is a “${raw.format.slice(0, 60)}” file, not exported progress.`] };
  if (!isRecord(raw) || !('version' in raw)) return { progress: null, notes: ['That file is not a Leverage Lab progress file.'] };
  const d = decodeProgress(JSON.stringify(raw));
  if (d.rejected && Object.keys(d.progress.exercises).length === 0 && Object.keys(d.progress.assignments).length === 0) {
    return { progress: null, notes: d.notes.length ? d.notes : ['Nothing in that file could be read.'] };
  }
  return { progress: d.progress, notes: d.notes };
}

/** Merge imported progress into the current one: attempts add up to the larger count, "correct" is kept once reached, newer assignment work wins. */
export function mergeProgress(a: Progress, b: Progress): Progress {
  const exercises: Record<string, ExerciseProgress> = { ...a.exercises };
  for (const [id, r] of Object.entries(b.exercises)) {
    const q = exercises[id];
    if (!q) exercises[id] = r;
    else {
      const newer = Date.parse(r.updated) > Date.parse(q.updated) ? r : q;
      const firsts = [q.first, r.first].filter((x): x is string => !!x).sort();
      exercises[id] = { attempts: Math.max(q.attempts, r.attempts), correct: q.correct || r.correct, lastAnswer: newer.lastAnswer, first: firsts[0] ?? newer.updated, updated: newer.updated };
    }
  }
  const assignments: Record<string, AssignmentWork> = { ...a.assignments };
  for (const [id, w] of Object.entries(b.assignments)) {
    const q = assignments[id];
    if (!q || Date.parse(w.updated) > Date.parse(q.updated)) assignments[id] = w;
  }
  return { version: PROGRESS_VERSION, exercises, assignments };
}
