/**
 * Issue #7 budgets: an answer key for 300 students × 20 exercises in < 1 s, and
 * grading 300 submission files in < 3 s (the grader page grades in chunks of 25
 * between progress updates; this measures the work itself, reading included).
 * Chapter 1 has fewer than 20 exercises, so the 20 slots cycle through them as
 * separate assignments' worth of variants (each slot is a distinct exercise id seed).
 */
import { test } from 'vitest';
import { withinBudget } from './budget';
import { exercises as ch1 } from '../content/exercises/leverage-loop';
import { answerKey, buildSubmission, gradeAll, type SubmissionAnswer } from '../src/lib/assignment-submission';
import { assignmentVariant, type Assignment } from '../src/lib/assignment';
import type { Exercise } from '../src/lib/exercises/types';

// Chapter 1 (this exercises), cycled to 20 slots.
const all = ch1;
const pool = Array.from({ length: 20 }, (_, i) => all[i % all.length]!);
// Give repeated exercises distinct ids so each slot draws its own variants.
const slots: Exercise<any>[] = pool.map((e, i) => (pool.indexOf(e) === i ? e : { ...e, id: `${e.id}-${i}` }));
const defs = new Map(slots.map((e) => [e.id, e]));
const A: Assignment = { v: 1, id: 'BenchAsg01', title: 'Bench', due: '2026-06-01T00:00:00.000Z', exercises: slots.map((e) => e.id), variants: true, attempts: 0, solutions: 'after-due' };
const roster = Array.from({ length: 300 }, (_, i) => ({ name: `Student ${i}`, id: `s${10000 + i}` }));

function answersFor(sid: string, asg: Assignment = A, list: Exercise<any>[] = slots): Record<string, SubmissionAnswer> {
  const out: Record<string, SubmissionAnswer> = {};
  for (const ex of list) {
    const v = assignmentVariant(asg, sid, ex);
    const answer =
      ex.kind === 'numeric' ? String(ex.answer(v.params)) : ex.kind === 'choice' ? ex.answer(v.params) : ex.kind === 'multi' ? Object.fromEntries(ex.parts.map((p) => [p.key, String(p.answer(v.params))])) : { shock: 0.02, sensitivity: 80, impact: 0.01 };
    out[ex.id] = { answer, attempts: 2, firstAttempt: '2026-05-01T10:00:00.000Z', lastAttempt: '2026-05-01T10:05:00.000Z', params: v.params, seed: v.seed };
  }
  return out;
}
const files = roster.map((s) => ({ name: `${s.id}.json`, text: JSON.stringify(buildSubmission(A, s, answersFor(s.id)), null, 2) }));

test('answer key, 300 students × 20 exercises (budget 1,000 ms)', async ({ bench }) => {
  await withinBudget(bench, `answer key: 300 × 20 (${all.length} distinct exercises)`, 1000, () => answerKey(A, roster, defs), 3000);
});

test('grading 300 submission files (budget 3,000 ms)', async ({ bench }) => {
  await withinBudget(bench, 'grade 300 files × 20 exercises: parse, checksum, recompute variants and answers, dedupe', 3000, () => {
    const r = gradeAll(files, A, defs);
    if (r.rows.length !== 300) throw new Error(`graded ${r.rows.length} of 300: ${r.problems[0]?.reason}`);
    return r;
  }, 3000);
});

// The worst case from the whole book: the 20 exercises whose answer-key entries cost the most
// (experiments and choices run models for their prompt numbers). Ranked once by a cold key
// for 300 students each; the first (cold) run of the full key is reported as well, because
// some exercises keep module-level caches and an instructor computes a key once.
test('answer key, the book’s 20 slowest exercises × 300 students (budget 1,000 ms)', async ({ bench }) => {
  const { allExercises } = await import('../content/exercises/index');
  const book = await allExercises();
  const oneKey = (ex: Exercise<any>) => answerKey({ ...A, id: 'BenchRank01', exercises: [ex.id] }, roster, new Map([[ex.id, ex]]));
  const cost = book.map((ex) => {
    const t = performance.now();
    oneKey(ex);
    return { ex, ms: performance.now() - t };
  });
  const slowest = cost.sort((a, b) => b.ms - a.ms).slice(0, 20).map((c) => c.ex);
  const B: Assignment = { ...A, id: 'BenchSlow01', exercises: slowest.map((e) => e.id) };
  const bDefs = new Map(slowest.map((e) => [e.id, e]));
  const t0 = performance.now();
  answerKey(B, roster, bDefs);
  console.log(`[budget] answer key, 20 slowest exercises (${slowest.map((e) => e.id).join(', ')}): first run ${(performance.now() - t0).toFixed(0)} ms (budget 1000 ms)`);
  await withinBudget(bench, 'answer key: 300 × the 20 slowest exercises of the book', 1000, () => answerKey(B, roster, bDefs), 3000);
  // Grading the same worst case: every file's answers are recomputed from the engine.
  const bFiles = roster.map((st) => ({ name: `${st.id}.json`, text: JSON.stringify(buildSubmission(B, st, answersFor(st.id, B, slowest))) }));
  await withinBudget(bench, 'grade 300 files × the 20 slowest exercises of the book', 3000, () => {
    const r = gradeAll(bFiles, B, bDefs);
    if (r.rows.length !== 300) throw new Error(`graded ${r.rows.length} of 300: ${r.problems[0]?.reason}`);
    return r;
  }, 3000);
});
