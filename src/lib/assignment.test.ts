import fc from 'fast-check';
import {
  encodeAssignment,
  decodeAssignment,
  validateAssignment,
  assignmentVariant,
  assignmentUrl,
  newAssignmentId,
  solutionOpen,
  isLate,
  attemptsLeft,
  toBase64Url,
  fromBase64Url,
  TOKEN_PREFIX,
  type Assignment,
} from './assignment';
import { exercises as ch1 } from '../../content/exercises/leverage-loop';
import { drawVariant, variantSeed } from './exercises/variants';

const known = new Set(ch1.map((e) => e.id));
const isKnown = (id: string) => known.has(id);

const sample: Assignment = {
  v: 1,
  id: 'Abc123_-xy',
  title: 'Week 3: the leverage loop — “feedback” ✓',
  due: '2026-03-01T22:59:00.000Z',
  exercises: ['ch1-loop-gain', 'ch1-total-move', 'ch1-stability', 'ch1-leverage-parts', 'ch1-tune-multiplier'],
  variants: true,
  attempts: 3,
  solutions: 'after-due',
};

const arbAssignment = fc.record({
  v: fc.constant(1 as const),
  id: fc.stringMatching(/^[A-Za-z0-9_-]{6,32}$/),
  title: fc.string({ minLength: 1, maxLength: 200 }).filter((t) => t.trim() !== '' && t.trim() === t),
  due: fc.option(fc.date({ min: new Date('2000-01-02T00:00:00Z'), max: new Date('2199-12-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()), { nil: null }),
  exercises: fc.uniqueArray(fc.constantFrom(...known), { minLength: 1, maxLength: known.size }),
  variants: fc.boolean(),
  attempts: fc.integer({ min: 0, max: 99 }),
  solutions: fc.constantFrom('never', 'after-attempt', 'after-due', 'always' as const),
}) as fc.Arbitrary<Assignment>;

describe('assignment links', () => {
  it('round-trip a realistic assignment exactly, in a compact URL-safe token', () => {
    const token = encodeAssignment(sample);
    expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(token.length).toBeLessThan(400);
    expect(decodeAssignment(token, isKnown)).toEqual({ ok: true, value: sample });
    // The whole link, or a link with extra parameters, decodes too.
    expect(decodeAssignment(assignmentUrl('https://book.example/', sample), isKnown)).toEqual({ ok: true, value: sample });
    expect(decodeAssignment(`https://x.example/assignment/?utm=1&a=${token}#top`, isKnown)).toEqual({ ok: true, value: sample });
  });

  it('round-trip any valid assignment (property)', () => {
    fc.assert(
      fc.property(arbAssignment, (a) => {
        const d = decodeAssignment(encodeAssignment(a), isKnown);
        expect(d).toEqual({ ok: true, value: a });
      }),
    );
  });

  it('report unknown exercise ids by id', () => {
    const token = encodeAssignment({ ...sample, exercises: ['ch1-loop-gain', 'ch9-nope', 'ch9-other'] });
    const d = decodeAssignment(token, isKnown);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.errors.join(' ')).toContain('Unknown exercise ids: ch9-nope, ch9-other');
  });

  it('explain every invalid field', () => {
    const bad = validateAssignment({ v: 1, id: 'x', title: '', due: '2026-13-45', exercises: [], variants: 'yes', attempts: -1, solutions: 'sometimes' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      const all = bad.errors.join('\n');
      for (const word of ['id', 'title', 'due date', 'no exercises', 'variants', 'Attempts', 'solutions']) expect(all).toContain(word);
    }
    const dup = validateAssignment({ ...sample, exercises: ['ch1-loop-gain', 'ch1-loop-gain'] });
    expect(!dup.ok && dup.errors[0]).toContain('twice');
  });

  it('give a clear message for damaged, foreign and future links', () => {
    const token = encodeAssignment(sample);
    const msg = (x: unknown) => {
      const d = decodeAssignment(x, isKnown);
      return d.ok ? 'ok' : d.errors.join(' ');
    };
    expect(msg(token.slice(0, token.length - 9))).toMatch(/damaged|cut short/);
    expect(msg('')).toContain('no assignment');
    expect(msg('hello')).toContain('not an assignment link');
    expect(msg('a9.eyJ9')).toContain('newer version');
    expect(msg(TOKEN_PREFIX + toBase64Url('[1,2]'))).toContain('does not contain');
    expect(msg(TOKEN_PREFIX + toBase64Url('{"i":"abcdefg"}'))).toContain('title');
    expect(msg(42)).toContain('no assignment');
  });

  it('never throw and always explain themselves on arbitrary input (fuzz)', () => {
    const arbitraryToken = fc.oneof(
      fc.string(),
      fc.string().map((s) => TOKEN_PREFIX + s),
      fc.json().map((j) => TOKEN_PREFIX + toBase64Url(j)),
      fc.record({ i: fc.anything(), t: fc.anything(), d: fc.anything(), e: fc.anything(), r: fc.anything(), a: fc.anything(), s: fc.anything() }).map((o) => TOKEN_PREFIX + toBase64Url(JSON.stringify(o) ?? '')),
      arbAssignment.map((a) => {
        const t = encodeAssignment(a);
        return t.slice(0, Math.max(3, t.length - 5)) + 'x';
      }),
    );
    fc.assert(
      fc.property(fc.oneof(arbitraryToken, fc.anything()), (input) => {
        const d = decodeAssignment(input, isKnown);
        if (!d.ok) {
          expect(d.errors.length).toBeGreaterThan(0);
          for (const e of d.errors) expect(e).toMatch(/^[A-Z“"].{8,}[.]/s);
        } else {
          expect(validateAssignment(d.value, isKnown).ok).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('base64url handles any Unicode text and rejects bad input', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => fromBase64Url(toBase64Url(s)) === s));
    expect(fromBase64Url('a')).toBeNull();
    expect(fromBase64Url('ab+/')).toBeNull();
    expect(fromBase64Url('_w')).toBeNull(); // 0xff is not UTF-8
  });

  it('make ids that are URL-safe and differ', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newAssignmentId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{10}$/);
  });
});

describe('assignment variants and policies', () => {
  it('draw each student’s numbers from hash(assignment, student, exercise), the same every time', () => {
    const ex = ch1.find((e) => e.id === 'ch1-total-move')!;
    const v = assignmentVariant(sample, 's1001', ex);
    expect(v.seed).toBe(variantSeed(sample.id, 's1001', ex.id));
    expect(v.params).toEqual(drawVariant(ex, v.seed!));
    expect(assignmentVariant(sample, '  S1001 ', ex)).toEqual(v); // ids compare trimmed, case-insensitively
    // Different students get different numbers somewhere in the assignment.
    const others = ['s1002', 's1003', 's1004'].map((s) => assignmentVariant(sample, s, ex).params);
    expect(others.some((p) => JSON.stringify(p) !== JSON.stringify(v.params))).toBe(true);
  });

  it('give everyone the chapter’s numbers when variants are off', () => {
    for (const ex of ch1) expect(assignmentVariant({ ...sample, variants: false }, 'anyone', ex)).toEqual({ params: ex.defaults, seed: null });
  });

  it('open solutions by policy', () => {
    const before = new Date('2026-02-01T00:00:00Z');
    const after = new Date('2026-03-02T00:00:00Z');
    expect(solutionOpen('always', 0, null, before)).toBe(true);
    expect(solutionOpen('never', 5, sample.due, after)).toBe(false);
    expect(solutionOpen('after-attempt', 0, null, before)).toBe(false);
    expect(solutionOpen('after-attempt', 1, null, before)).toBe(true);
    expect(solutionOpen('after-due', 3, sample.due, before)).toBe(false);
    expect(solutionOpen('after-due', 0, sample.due, after)).toBe(true);
    expect(solutionOpen('after-due', 0, null, after)).toBe(false);
  });

  it('flag late answers and count attempts left', () => {
    expect(isLate(sample.due, '2026-03-01T22:58:59Z')).toBe(false);
    expect(isLate(sample.due, '2026-03-01T23:00:00Z')).toBe(true);
    expect(isLate(null, '2099-01-01T00:00:00Z')).toBe(false);
    expect(attemptsLeft({ attempts: 3 }, 1)).toBe(2);
    expect(attemptsLeft({ attempts: 3 }, 5)).toBe(0);
    expect(attemptsLeft({ attempts: 0 }, 50)).toBe(Infinity);
  });
});
