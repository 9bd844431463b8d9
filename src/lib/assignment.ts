/**
 * Assignments without a server. An instructor's choices travel in the link itself:
 * a versioned, URL-safe token ("a1." + base64url of a JSON object with short keys).
 * The decoder never throws: every field is validated and every problem comes back
 * as a sentence a student or instructor can act on.
 *
 * A student's variant of an exercise is drawn from
 * seed = hash(assignment id, student id, exercise id), so the instructor's answer
 * key and grader recompute exactly the numbers the student saw.
 */
import { drawVariant, variantSeed } from './exercises/variants';
import type { Exercise } from './exercises/types';
import { SOLUTION_POLICIES, type SolutionPolicy } from './exercises/policy';

export { SOLUTION_POLICIES, solutionOpen, attemptsLeft, type SolutionPolicy } from './exercises/policy';

export const ASSIGNMENT_VERSION = 1;
export const TOKEN_PREFIX = 'a1.';

/** When students may open worked solutions (the policies live in ./exercises/policy). */
export const solutionPolicyLabels: Record<SolutionPolicy, string> = {
  never: 'Never',
  'after-attempt': 'After the student’s first attempt',
  'after-due': 'After the due date',
  always: 'Always',
};

export interface Assignment {
  v: typeof ASSIGNMENT_VERSION;
  /** Random id made by the builder; part of every variant seed. */
  id: string;
  title: string;
  /** Due instant (ISO 8601), or null for no due date. */
  due: string | null;
  /** Exercise ids, in the order students see them. */
  exercises: string[];
  /** true: every student gets their own numbers; false: everyone gets the chapter's numbers. */
  variants: boolean;
  /** Attempts allowed per exercise; 0 = unlimited. */
  attempts: number;
  solutions: SolutionPolicy;
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export const ASSIGNMENT_ID = /^[A-Za-z0-9_-]{6,32}$/;
export const EXERCISE_ID = /^[a-z0-9][a-z0-9-]{0,80}$/;
export const MAX_EXERCISES = 100;
export const MAX_ATTEMPTS = 99;
export const MAX_TITLE = 200;

/** A fresh random assignment id (10 URL-safe characters, about 60 bits). */
export function newAssignmentId(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return Array.from(random(10), (b) => abc[b & 63]).join('');
}

// --- base64url of UTF-8 text (browser and Node have btoa/atob and TextEncoder) ---

export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decode base64url to text; null when it is not valid base64url or not valid UTF-8. */
export function fromBase64Url(s: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

// --- the token ---

const SOL_CODE: Record<SolutionPolicy, number> = { never: 0, 'after-attempt': 1, 'after-due': 2, always: 3 };

/** Encode an assignment as a compact URL-safe token. */
export function encodeAssignment(a: Assignment): string {
  const short = { i: a.id, t: a.title, d: a.due, e: a.exercises, r: a.variants ? 1 : 0, a: a.attempts, s: SOL_CODE[a.solutions] };
  return TOKEN_PREFIX + toBase64Url(JSON.stringify(short));
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Validate a due date: an ISO date or date-time between 2000 and 2200; returns a normalised ISO instant. */
export function normaliseDue(x: unknown): { ok: true; value: string | null } | { ok: false; error: string } {
  if (x === null || x === undefined || x === '') return { ok: true, value: null };
  if (typeof x !== 'string' || x.length > 40 || !/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(x)) {
    return { ok: false, error: 'The due date is not a date (expected YYYY-MM-DD or an ISO date and time).' };
  }
  // A bare date means the end of that day (UTC).
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(x) ? `${x}T23:59:59Z` : x);
  if (!Number.isFinite(t)) return { ok: false, error: 'The due date is not a real date.' };
  const y = new Date(t).getUTCFullYear();
  if (y < 2000 || y > 2200) return { ok: false, error: 'The due date is outside the years 2000–2200.' };
  return { ok: true, value: new Date(t).toISOString() };
}

/**
 * Validate a plain object as an assignment (the long field names of `Assignment`).
 * `known` says which exercise ids exist in this build of the book; unknown ids are
 * reported by id.
 */
export function validateAssignment(raw: unknown, known?: (id: string) => boolean): Decoded<Assignment> {
  if (!isRecord(raw)) return { ok: false, errors: ['The assignment is not an object.'] };
  const errors: string[] = [];
  const { id, title, due, exercises, variants, attempts, solutions } = raw;
  if (raw.v !== ASSIGNMENT_VERSION) errors.push(`The assignment format version ${JSON.stringify(raw.v)} is not one this book reads (expected ${ASSIGNMENT_VERSION}).`);
  if (typeof id !== 'string' || !ASSIGNMENT_ID.test(id)) errors.push('The assignment id is missing or malformed.');
  if (typeof title !== 'string' || title.trim() === '' || title.length > MAX_TITLE) errors.push(`The title must be 1 to ${MAX_TITLE} characters.`);
  const d = normaliseDue(due);
  if (!d.ok) errors.push(d.error);
  let ids: string[] = [];
  if (!Array.isArray(exercises) || exercises.length === 0) errors.push('The assignment lists no exercises.');
  else if (exercises.length > MAX_EXERCISES) errors.push(`The assignment lists more than ${MAX_EXERCISES} exercises.`);
  else if (!exercises.every((e): e is string => typeof e === 'string' && EXERCISE_ID.test(e))) errors.push('The exercise list contains something that is not an exercise id.');
  else if (new Set(exercises).size !== exercises.length) errors.push('The exercise list names an exercise twice.');
  else {
    ids = exercises;
    const unknown = known ? ids.filter((e) => !known(e)) : [];
    if (unknown.length) errors.push(`Unknown exercise id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. The link may be from another edition of the book.`);
  }
  if (typeof variants !== 'boolean') errors.push('The "variants" setting must be on or off.');
  if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 0 || attempts > MAX_ATTEMPTS) errors.push(`Attempts allowed must be a whole number from 1 to ${MAX_ATTEMPTS}, or unlimited.`);
  if (typeof solutions !== 'string' || !(SOLUTION_POLICIES as readonly string[]).includes(solutions)) errors.push('The solutions setting is not one of never, after-attempt, after-due, always.');
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: { v: ASSIGNMENT_VERSION, id: id as string, title: (title as string).trim(), due: d.ok ? d.value : null, exercises: ids, variants: variants as boolean, attempts: attempts as number, solutions: solutions as SolutionPolicy },
  };
}

/** Decode a token (or a whole link containing `a=<token>`). Never throws. */
export function decodeAssignment(input: unknown, known?: (id: string) => boolean): Decoded<Assignment> {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, errors: ['There is no assignment in this link.'] };
  let token = input.trim();
  const m = /[?#&]a=([^&#\s]*)/.exec(token);
  if (m) token = m[1]!;
  try {
    token = decodeURIComponent(token);
  } catch {
    /* keep as is */
  }
  if (token.length > 8000) return { ok: false, errors: ['The assignment link is too long to be one made by this book.'] };
  if (!token.startsWith(TOKEN_PREFIX)) {
    return { ok: false, errors: [/^a\d+\./.test(token) ? 'This assignment link was made by a newer version of the book.' : 'This is not an assignment link made by this book.'] };
  }
  const json = fromBase64Url(token.slice(TOKEN_PREFIX.length));
  if (json === null) return { ok: false, errors: ['The assignment link is damaged (it may have been cut short when copied).'] };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, errors: ['The assignment link is damaged (it may have been cut short when copied).'] };
  }
  if (!isRecord(raw)) return { ok: false, errors: ['The assignment link does not contain an assignment.'] };
  const sol = Object.entries(SOL_CODE).find(([, c]) => c === raw.s)?.[0];
  return validateAssignment(
    { v: ASSIGNMENT_VERSION, id: raw.i, title: raw.t, due: raw.d, exercises: raw.e, variants: raw.r === 1 ? true : raw.r === 0 ? false : raw.r, attempts: raw.a, solutions: sol ?? raw.s },
    known,
  );
}

/** The student's link for an assignment: `<origin>/assignment/?a=<token>`. */
export function assignmentUrl(origin: string, a: Assignment): string {
  return `${origin.replace(/\/+$/, '')}/assignment/?a=${encodeAssignment(a)}`;
}

// --- variants and policies ---

export interface Variant<P extends Record<string, number> = Record<string, number>> {
  params: P;
  /** null when variants are off (everyone gets the chapter's numbers). */
  seed: number | null;
}

/** The parameters one student gets for one exercise of an assignment. */
export function assignmentVariant<P extends Record<string, number>>(a: Pick<Assignment, 'id' | 'variants'>, studentId: string, ex: Exercise<P>): Variant<P> {
  if (!a.variants) return { params: { ...ex.defaults }, seed: null };
  const seed = variantSeed(a.id, normaliseStudentId(studentId), ex.id);
  return { params: drawVariant(ex, seed), seed };
}

/** Student ids are compared trimmed and case-insensitively ("S123" = " s123 "). */
export function normaliseStudentId(id: string): string {
  return String(id ?? '').trim().toLowerCase();
}

export function validStudent(name: unknown, id: unknown): string | null {
  if (typeof name !== 'string' || name.trim() === '') return 'Enter your name.';
  if (name.length > 120) return 'The name is too long (120 characters at most).';
  if (typeof id !== 'string' || id.trim() === '') return 'Enter your student id.';
  if (id.trim().length > 64 || /[\u0000-\u001f]/.test(id)) return 'The student id must be at most 64 characters.';
  return null;
}

/** Is `when` (ISO) after the due instant? False when there is no due date. */
export function isLate(due: string | null, when: string | null | undefined): boolean {
  if (!due || !when) return false;
  const d = Date.parse(due);
  const w = Date.parse(when);
  return Number.isFinite(d) && Number.isFinite(w) && w > d;
}
