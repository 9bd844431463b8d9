/**
 * Submission files, rosters, answer keys and grading, all in the browser.
 *
 * Honesty about a static site: a student can edit their own submission file. The
 * checksum only detects accidental damage (anyone can recompute it). What makes
 * editing pointless is that the grader never trusts the file: it recomputes every
 * student's variant from (assignment id, student id, exercise id), flags a file whose
 * stored parameters differ ("tampered"), and recomputes every correct answer from
 * the engine. No "correct" flag is ever read.
 */
import { toCsv, type CsvColumn } from './csv';
import {
  assignmentVariant,
  isLate,
  normaliseStudentId,
  validateAssignment,
  validStudent,
  type Assignment,
  type Decoded,
} from './assignment';
import { gradeAnswer, type GivenAnswer } from './exercises/grade';
import type { Exercise } from './exercises/types';

export const SUBMISSION_FORMAT = 'leverage-lab-submission';
export const SUBMISSION_VERSION = 1;
export const MAX_SUBMISSION_BYTES = 1_000_000;

export interface SubmissionAnswer {
  /** The last answer checked: text (numeric, choice), part → text (multi-part), or the widget's values (experiment). */
  answer: GivenAnswer | null;
  attempts: number;
  firstAttempt: string | null;
  lastAttempt: string | null;
  /** The variant's parameters as the student saw them. */
  params: Record<string, number>;
  /** The variant seed, or null when variants are off. */
  seed: number | null;
}

export interface Student {
  name: string;
  id: string;
}

export interface Submission {
  format: typeof SUBMISSION_FORMAT;
  version: typeof SUBMISSION_VERSION;
  assignment: Assignment;
  student: Student;
  answers: Record<string, SubmissionAnswer>;
  createdAt: string;
  /** Detects accidental damage only; see the file's header comment. */
  checksum: string;
}

// --- checksum over a canonical form ---

/** JSON with object keys sorted, so the checksum does not depend on key order. */
export function canonicalJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(',')}]`;
  if (x && typeof x === 'object') {
    return `{${Object.keys(x)
      .sort()
      .filter((k) => (x as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((x as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(x) ?? 'null';
}

/** cyrb53: a fast 53-bit string hash, as 14 hex digits. Not cryptographic. */
export function cyrb53(s: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

export function submissionChecksum(s: Omit<Submission, 'checksum'>): string {
  const { checksum: _ignored, ...rest } = s as Submission;
  return cyrb53(canonicalJson(rest));
}

export function buildSubmission(assignment: Assignment, student: Student, answers: Record<string, SubmissionAnswer>, now = new Date()): Submission {
  const body = { format: SUBMISSION_FORMAT, version: SUBMISSION_VERSION, assignment, student: { name: student.name.trim(), id: student.id.trim() }, answers, createdAt: now.toISOString() } as const;
  return { ...body, checksum: submissionChecksum(body) };
}

/** A file name such as "loop-homework-s1234.json". */
export function submissionFileName(a: Pick<Assignment, 'title'>, student: Pick<Student, 'id'>): string {
  const slug = (t: string) => t.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `${slug(a.title) || 'assignment'}-${slug(student.id) || 'student'}.json`;
}

// --- decoding (never throws) ---

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
const isIsoOrNull = (x: unknown) => x === null || (typeof x === 'string' && x.length <= 40 && Number.isFinite(Date.parse(x)));

function decodeAnswer(id: string, x: unknown): { ok: true; value: SubmissionAnswer } | { ok: false; error: string } {
  const bad = (why: string) => ({ ok: false as const, error: `the answer to ${id} ${why}` });
  if (!isRecord(x)) return bad('is not an object');
  const { answer, attempts, firstAttempt, lastAttempt, params, seed } = x;
  let given: GivenAnswer | null;
  if (answer === null || answer === undefined) given = null;
  else if (typeof answer === 'string') {
    if (answer.length > 2000) return bad('is too long');
    given = answer;
  } else if (isRecord(answer)) {
    const entries = Object.entries(answer);
    if (entries.length > 50 || !entries.every(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) return bad('has an unreadable value');
    if (entries.some(([, v]) => typeof v === 'string' && v.length > 500)) return bad('is too long');
    given = answer;
  } else return bad('has an unreadable value');
  if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 0 || attempts > 100_000) return bad('has an impossible number of attempts');
  if (!isIsoOrNull(firstAttempt ?? null) || !isIsoOrNull(lastAttempt ?? null)) return bad('has a timestamp that is not a date');
  if (!isRecord(params) || !Object.values(params).every((v) => typeof v === 'number' && Number.isFinite(v)) || Object.keys(params).length > 50) return bad('has unreadable parameters');
  if (!(seed === null || seed === undefined || (typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff))) return bad('has an unreadable seed');
  return {
    ok: true,
    value: { answer: given, attempts, firstAttempt: (firstAttempt as string | null) ?? null, lastAttempt: (lastAttempt as string | null) ?? null, params: params as Record<string, number>, seed: (seed as number | null) ?? null },
  };
}

/** Decode a submission file's text. Every failure is one clear sentence. */
export function decodeSubmission(text: unknown): Decoded<Submission> {
  const fail = (e: string): Decoded<Submission> => ({ ok: false, errors: [e] });
  if (typeof text !== 'string' || text.trim() === '') return fail('The file is empty.');
  if (text.length > MAX_SUBMISSION_BYTES) return fail('The file is too large to be a submission.');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('The file is not a readable submission (not valid JSON).');
  }
  if (!isRecord(raw) || raw.format !== SUBMISSION_FORMAT) return fail('The file is not a Leverage Lab submission.');
  if (raw.version !== SUBMISSION_VERSION) return fail(`The submission format version ${JSON.stringify(raw.version)} is not one this book reads.`);
  const a = validateAssignment(raw.assignment);
  if (!a.ok) return fail(`The assignment inside the file is unreadable: ${a.errors.join(' ')}`);
  const st = raw.student;
  const stErr = isRecord(st) ? validStudent(st.name, st.id) : 'The student is missing.';
  if (stErr || !isRecord(st)) return fail(`The student is missing or unreadable (${stErr}).`);
  if (!isIsoOrNull(raw.createdAt) || raw.createdAt === null) return fail('The file has no creation date.');
  if (!isRecord(raw.answers)) return fail('The file has no answers section.');
  const answers: Record<string, SubmissionAnswer> = {};
  for (const [id, rec] of Object.entries(raw.answers)) {
    const d = decodeAnswer(id, rec);
    if (!d.ok) return fail(`The file is damaged: ${d.error}.`);
    answers[id] = d.value;
  }
  if (typeof raw.checksum !== 'string') return fail('The file has no checksum.');
  const sub: Submission = {
    format: SUBMISSION_FORMAT,
    version: SUBMISSION_VERSION,
    assignment: raw.assignment as Assignment,
    student: { name: st.name as string, id: st.id as string },
    answers: raw.answers as Record<string, SubmissionAnswer>,
    createdAt: raw.createdAt as string,
    checksum: raw.checksum,
  };
  if (submissionChecksum(sub) !== raw.checksum) return fail('The checksum does not match: the file was changed or damaged after it was downloaded.');
  return { ok: true, value: { ...sub, assignment: a.value, answers } };
}

// --- grading ---

export interface ExerciseScore {
  exercise: string;
  score: number;
  attempts: number;
  answered: boolean;
  verdict: string;
}

export interface GradeRow {
  file: string;
  student: Student;
  scores: ExerciseScore[];
  total: number;
  possible: number;
  late: boolean;
  lastAttempt: string | null;
  createdAt: string;
  notes: string[];
}

export type Problem = { file: string; kind: 'malformed' | 'foreign' | 'tampered' | 'duplicate'; reason: string };

export type FileResult = { ok: true; row: GradeRow } | { ok: false; problem: Problem };

function sameParams(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && Math.abs(a[k]! - b[k]!) <= 1e-9 * Math.max(1, Math.abs(a[k]!)));
}

/** Settings that must be identical between the instructor's assignment and the copy inside a file. */
function settingsDiffer(mine: Assignment, theirs: Assignment): string[] {
  const out: string[] = [];
  if (mine.title !== theirs.title) out.push('title');
  if ((mine.due ?? null) !== (theirs.due ?? null)) out.push('due date');
  if (mine.exercises.join() !== theirs.exercises.join()) out.push('exercise list');
  if (mine.variants !== theirs.variants) out.push('variants');
  if (mine.attempts !== theirs.attempts) out.push('attempts allowed');
  if (mine.solutions !== theirs.solutions) out.push('solutions setting');
  return out;
}

/**
 * Grade one file against the instructor's assignment. Recomputes every variant and
 * every correct answer; reports malformed, foreign and tampered files with a reason.
 */
export function gradeFile(file: { name: string; text: string }, assignment: Assignment, exercises: ReadonlyMap<string, Exercise<any>>): FileResult {
  const problem = (kind: Problem['kind'], reason: string): FileResult => ({ ok: false, problem: { file: file.name, kind, reason } });
  const d = decodeSubmission(file.text);
  if (!d.ok) return problem('malformed', d.errors.join(' '));
  const sub = d.value;
  if (sub.assignment.id !== assignment.id) return problem('foreign', `This file is for another assignment (“${sub.assignment.title}”, id ${sub.assignment.id}).`);
  const differ = settingsDiffer(assignment, sub.assignment);
  if (differ.length) return problem('tampered', `The assignment settings inside the file differ from yours (${differ.join(', ')}).`);
  const extra = Object.keys(sub.answers).filter((id) => !assignment.exercises.includes(id));
  if (extra.length) return problem('tampered', `The file answers exercises that are not in the assignment: ${extra.join(', ')}.`);
  const scores: ExerciseScore[] = [];
  let lastAttempt: string | null = null;
  const notes: string[] = [];
  for (const id of assignment.exercises) {
    const ex = exercises.get(id);
    if (!ex) return problem('malformed', `This book has no exercise ${id}.`);
    const rec = sub.answers[id];
    if (!rec) {
      scores.push({ exercise: id, score: 0, attempts: 0, answered: false, verdict: 'not answered' });
      continue;
    }
    const v = assignmentVariant(assignment, sub.student.id, ex);
    if (!sameParams(v.params, rec.params) || (v.seed ?? null) !== (rec.seed ?? null)) {
      return problem('tampered', `The numbers of ${id} in the file are not the ones drawn for student ${sub.student.id}: the file was edited, or it belongs to another student id.`);
    }
    if (assignment.attempts > 0 && rec.attempts > assignment.attempts) {
      return problem('tampered', `The file records ${rec.attempts} attempts at ${id}; the assignment allows ${assignment.attempts}.`);
    }
    if (rec.lastAttempt && (!lastAttempt || Date.parse(rec.lastAttempt) > Date.parse(lastAttempt))) lastAttempt = rec.lastAttempt;
    if (rec.answer === null) {
      scores.push({ exercise: id, score: 0, attempts: rec.attempts, answered: false, verdict: 'not answered' });
      continue;
    }
    const g = gradeAnswer(ex, v.params, rec.answer);
    scores.push({ exercise: id, score: g.score, attempts: rec.attempts, answered: true, verdict: g.verdict });
  }
  const late = isLate(assignment.due, lastAttempt);
  if (late) notes.push('last answer after the due date');
  const total = scores.reduce((s, x) => s + x.score, 0);
  return { ok: true, row: { file: file.name, student: sub.student, scores, total, possible: assignment.exercises.length, late, lastAttempt, createdAt: sub.createdAt, notes } };
}

/** Keep one row per student id (the file created last); report the others as duplicates. */
export function dedupeRows(results: FileResult[]): { rows: GradeRow[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const byStudent = new Map<string, GradeRow>();
  for (const r of results) {
    if (!r.ok) {
      problems.push(r.problem);
      continue;
    }
    const key = normaliseStudentId(r.row.student.id);
    const prev = byStudent.get(key);
    if (!prev) byStudent.set(key, r.row);
    else {
      const [keep, drop] = Date.parse(r.row.createdAt) >= Date.parse(prev.createdAt) ? [r.row, prev] : [prev, r.row];
      byStudent.set(key, keep);
      problems.push({ file: drop.file, kind: 'duplicate', reason: `Another file for student ${keep.student.id} (${keep.file}) is newer; that one was graded.` });
    }
  }
  const rows = [...byStudent.values()].sort((a, b) => a.student.name.localeCompare(b.student.name) || a.student.id.localeCompare(b.student.id));
  return { rows, problems };
}

/** Definitions whose engine calls are remembered by parameters, for a whole grading run or answer key. */
export function memoizeAll(exercises: ReadonlyMap<string, Exercise<any>>): Map<string, Exercise<any>> {
  return new Map([...exercises].map(([id, ex]) => [id, memoizeExercise(ex)]));
}

/** Grade many files in one go (tests, benchmarks; the page grades in chunks with a progress bar). */
export function gradeAll(files: { name: string; text: string }[], assignment: Assignment, exercises: ReadonlyMap<string, Exercise<any>>) {
  const defs = memoizeAll(exercises);
  return dedupeRows(files.map((f) => gradeFile(f, assignment, defs)));
}

const round = (x: number, d = 4) => Number.parseFloat(x.toFixed(d));

/**
 * Gradebook CSV. Columns: Student, SIS User ID (the student id: Canvas matches on it;
 * Moodle and Blackboard let you pick it as the identifier column), one column per
 * exercise (0–1), Total, Possible, Percent, Late, Last attempt, File, Notes.
 */
export function gradebookCsv(assignment: Assignment, rows: GradeRow[]): string {
  const columns: CsvColumn[] = [
    { key: 'name', label: 'Student' },
    { key: 'id', label: 'SIS User ID' },
    ...assignment.exercises.map((e, i) => ({ key: `ex${i}`, label: `Q${i + 1} ${e}` })),
    { key: 'total', label: `${assignment.title} (total)` },
    { key: 'possible', label: 'Possible' },
    { key: 'percent', label: 'Percent' },
    { key: 'late', label: 'Late' },
    { key: 'last', label: 'Last attempt' },
    { key: 'file', label: 'File' },
    { key: 'notes', label: 'Notes' },
  ];
  const data = rows.map((r) => {
    const o: Record<string, unknown> = { name: r.student.name, id: r.student.id, total: round(r.total), possible: r.possible, percent: round((100 * r.total) / r.possible, 1), late: r.late ? 'yes' : 'no', last: r.lastAttempt ?? '', file: r.file, notes: r.notes.join('; ') };
    r.scores.forEach((s, i) => (o[`ex${i}`] = round(s.score)));
    return o;
  });
  return toCsv(columns, data);
}

// --- rosters and the answer key ---

/** Split one CSV or tab-separated line (double quotes allowed). */
export function splitCsvLine(line: string): string[] {
  const sep = line.includes('\t') ? '\t' : line.includes(';') && !line.includes(',') ? ';' : ',';
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (c === sep) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/**
 * Parse a roster: one student per line, "name, id" (or just "id"), or a CSV with a
 * header row naming the columns (name/student and id/student id/sis/username/email).
 */
export function parseRoster(text: string): { students: Student[]; problems: string[] } {
  const lines = String(text ?? '')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const problems: string[] = [];
  const students: Student[] = [];
  if (lines.length === 0) return { students, problems: ['The roster is empty.'] };
  if (lines.length > 5000) return { students, problems: ['The roster has more than 5,000 lines.'] };
  let nameCol = 0;
  let idCol = 1;
  let start = 0;
  const head = splitCsvLine(lines[0]!).map((h) => h.toLowerCase());
  const idIdx = head.findIndex((h) => /^(id|student id|student_id|studentid|sis user id|sis id|sis login id|username|login|email|number|student number|matriculation)$/.test(h));
  const nameIdx = head.findIndex((h) => /^(name|student|student name|full name|display name)$/.test(h));
  if (idIdx >= 0 || nameIdx >= 0) {
    start = 1;
    idCol = idIdx >= 0 ? idIdx : nameIdx;
    nameCol = nameIdx >= 0 ? nameIdx : idIdx;
  }
  const seen = new Set<string>();
  for (let i = start; i < lines.length; i++) {
    const cells = splitCsvLine(lines[i]!);
    const one = cells.filter((c) => c !== '').length === 1;
    const id = (one && start === 0 ? cells.find((c) => c !== '') : cells[idCol]) ?? '';
    const name = (one && start === 0 ? id : cells[nameCol]) || id;
    const err = validStudent(name, id);
    if (err) {
      problems.push(`Line ${i + 1}: ${err.replace('Enter your', 'no').replace('The ', 'the ')}`);
      continue;
    }
    const key = normaliseStudentId(id);
    if (seen.has(key)) {
      problems.push(`Line ${i + 1}: student id ${id} appears twice; the second was skipped.`);
      continue;
    }
    seen.add(key);
    students.push({ name, id });
  }
  return { students, problems };
}

export interface KeyRow {
  name: string;
  id: string;
  question: number;
  exercise: string;
  params: string;
  answer: string;
}

function paramText(p: Record<string, number>): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}

/** Every student's variant and correct answer for every exercise of the assignment. */
export function answerKey(assignment: Assignment, students: Student[], exercises: ReadonlyMap<string, Exercise<any>>): KeyRow[] {
  const rows: KeyRow[] = [];
  const list = assignment.exercises.map((id) => exercises.get(id)).filter((e): e is Exercise<any> => !!e).map(memoizeExercise);
  for (const s of students) {
    list.forEach((ex, q) => {
      const v = assignmentVariant(assignment, s.id, ex);
      rows.push({ name: s.name, id: s.id, question: q + 1, exercise: ex.id, params: paramText(v.params), answer: correctAnswer(ex, v.params) });
    });
  }
  return rows;
}

export function answerKeyCsv(rows: KeyRow[]): string {
  return toCsv(
    [
      { key: 'name', label: 'Student' },
      { key: 'id', label: 'Student ID' },
      { key: 'question', label: 'Question' },
      { key: 'exercise', label: 'Exercise' },
      { key: 'params', label: 'Parameters' },
      { key: 'answer', label: 'Correct answer' },
    ],
    rows as unknown as Record<string, unknown>[],
  );
}

// --- helpers for answer keys and grading runs (kept out of ./exercises/grade, which chapter pages load) ---

/** The correct answer in words, for the answer key: a number, a choice, one number per part, or the experiment's goal. */
export function correctAnswer(ex: Exercise<any>, p: Record<string, number>): string {
  switch (ex.kind) {
    case 'numeric':
      return fmt(ex.answer(p));
    case 'choice':
      return ex.answer(p);
    case 'multi':
      return ex.parts.map((part) => `(${part.key}) ${fmt(part.answer(p))}`).join('; ');
    case 'experiment':
      // No single number: the widget's state is checked. Give the variant's targets as the prompt shows them.
      return `experiment, checked from the widget: ${Object.entries(ex.vars(p))
        .map(([k, v]) => `${k} = ${v}`)
        .join('; ')}`;
  }
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number.parseFloat(x.toPrecision(8))) : String(x);
}

/**
 * The same exercise with its engine calls remembered by parameters. An answer key or
 * a grading run asks for the same variant many times when the variant space is small
 * (and always when variants are off); the results are identical, only faster.
 */
export function memoizeExercise<E extends Exercise<any>>(ex: E): E {
  const memo = <R>(fn: (p: Record<string, number>) => R): ((p: Record<string, number>) => R) => {
    const cache = new Map<string, R>();
    return (p) => {
      const key = JSON.stringify(p);
      if (!cache.has(key)) {
        if (cache.size > 5000) cache.clear();
        cache.set(key, fn(p));
      }
      return cache.get(key)!;
    };
  };
  // The prompt's numbers too: an experiment's answer-key entry is its vars(), which may run a model.
  const vars = memo(ex.vars);
  switch (ex.kind) {
    case 'numeric':
      return { ...ex, vars, answer: memo(ex.answer) };
    case 'choice':
      return { ...ex, vars, answer: memo(ex.answer), options: memo(ex.options) };
    case 'multi':
      return { ...ex, vars, parts: ex.parts.map((part) => ({ ...part, answer: memo(part.answer) })) };
    default:
      return { ...ex, vars };
  }
}
