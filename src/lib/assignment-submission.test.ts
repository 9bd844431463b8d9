import fc from 'fast-check';
import { assignmentVariant, type Assignment } from './assignment';
import {
  buildSubmission,
  decodeSubmission,
  gradeFile,
  gradeAll,
  gradebookCsv,
  parseRoster,
  answerKey,
  answerKeyCsv,
  submissionChecksum,
  submissionFileName,
  canonicalJson,
  type Submission,
  type SubmissionAnswer,
} from './assignment-submission';
import { exercises as ch1 } from '../../content/exercises/leverage-loop';
import type { Exercise } from './exercises/types';

const defs = new Map<string, Exercise<any>>(ch1.map((e) => [e.id, e]));
const A: Assignment = {
  v: 1,
  id: 'Hw3xYz0123',
  title: 'Homework 3',
  due: '2026-03-01T23:00:00.000Z',
  exercises: ['ch1-loop-gain', 'ch1-stability', 'ch1-leverage-parts', 'ch1-tune-multiplier', 'ch1-total-move'],
  variants: true,
  attempts: 3,
  solutions: 'after-due',
};
const student = { name: 'Ada Lovelace', id: 's1001' };
const at = (t: string) => new Date(t).toISOString();

/** What a student who answers everything right (as the engine says) would hand in. */
function rightAnswers(a: Assignment, sid: string, when = '2026-02-20T10:00:00Z'): Record<string, SubmissionAnswer> {
  const out: Record<string, SubmissionAnswer> = {};
  for (const id of a.exercises) {
    const ex = defs.get(id)!;
    const v = assignmentVariant(a, sid, ex);
    let answer: SubmissionAnswer['answer'];
    if (ex.kind === 'numeric') answer = String(ex.answer(v.params));
    else if (ex.kind === 'choice') answer = ex.answer(v.params);
    else if (ex.kind === 'multi') answer = Object.fromEntries(ex.parts.map((p) => [p.key, String(p.answer(v.params))]));
    else {
      // Target move t from a 2 % shock: g = 1 − 0.02/t, with λ = 0.01 → k = g / 0.01.
      const t = v.params.targetMove!;
      answer = { shock: 0.02, impact: 0.01, sensitivity: (1 - 0.02 / t) / 0.01, rounds: 12 };
    }
    out[id] = { answer, attempts: 1, firstAttempt: at(when), lastAttempt: at(when), params: v.params, seed: v.seed };
  }
  return out;
}

const file = (s: Submission, name = 'ada.json') => ({ name, text: JSON.stringify(s, null, 2) });

describe('submission files', () => {
  it('round-trip through a file', () => {
    const s = buildSubmission(A, student, rightAnswers(A, student.id), new Date('2026-02-20T11:00:00Z'));
    const d = decodeSubmission(JSON.stringify(s));
    expect(d).toEqual({ ok: true, value: s });
    expect(s.checksum).toBe(submissionChecksum(s));
    expect(submissionFileName(A, student)).toBe('homework-3-s1001.json');
  });

  it('checksum does not depend on key order, and changes with any edit', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(canonicalJson({ a: [1, { c: 3, d: 2 }], b: 1 }));
    const s = buildSubmission(A, student, rightAnswers(A, student.id));
    const edited = { ...s, student: { ...s.student, name: 'Someone else' } };
    const d = decodeSubmission(JSON.stringify(edited));
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.errors[0]).toContain('checksum');
  });

  it('decoding never throws and always explains (fuzz)', () => {
    const good = JSON.stringify(buildSubmission(A, student, rightAnswers(A, student.id)));
    const mutate = fc.tuple(fc.nat(good.length), fc.nat(20), fc.string({ maxLength: 5 })).map(([i, n, s]) => good.slice(0, i) + s + good.slice(i + n));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), mutate, fc.anything()), (input) => {
        const d = decodeSubmission(input);
        if (!d.ok) for (const e of d.errors) expect(e).toMatch(/^[A-Z].{8,}[.)]$/s);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('grading', () => {
  it('gives full marks to answers the engine agrees with, and recomputes rather than trusting', () => {
    const s = buildSubmission(A, student, rightAnswers(A, student.id));
    const r = gradeFile(file(s), A, defs);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.row.scores.map((x) => x.score)).toEqual([1, 1, 1, 1, 1]);
    expect(r.row.total).toBe(5);
    expect(r.row.late).toBe(false);
  });

  it('scores wrong answers 0, a multi-part answer by the share of parts right, and a missing one as not answered', () => {
    const answers = rightAnswers(A, student.id);
    answers['ch1-loop-gain']!.answer = '123';
    const parts = answers['ch1-leverage-parts']!.answer as Record<string, string>;
    parts.b = '999';
    answers['ch1-stability']!.answer = answers['ch1-stability']!.answer === 'converges' ? 'explodes' : 'converges';
    delete answers['ch1-total-move'];
    // A "correct: true" smuggled into the file changes nothing.
    (answers['ch1-loop-gain'] as unknown as Record<string, unknown>).correct = true;
    const r = gradeFile(file(buildSubmission(A, student, answers)), A, defs);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const byId = Object.fromEntries(r.row.scores.map((x) => [x.exercise, x]));
    expect(byId['ch1-loop-gain']!.score).toBe(0);
    expect(byId['ch1-stability']!.score).toBe(0);
    expect(byId['ch1-leverage-parts']!.score).toBeCloseTo(2 / 3, 12);
    expect(byId['ch1-tune-multiplier']!.score).toBe(1);
    expect(byId['ch1-total-move']).toMatchObject({ score: 0, answered: false });
    expect(r.row.total).toBeCloseTo(1 + 2 / 3, 12);
  });

  it('flags a file whose numbers were edited (even with a recomputed checksum) as tampered', () => {
    const answers = rightAnswers(A, student.id);
    const ex = defs.get('ch1-loop-gain')!;
    answers['ch1-loop-gain']!.params = { ...ex.defaults, sensitivity: 10 };
    const s = buildSubmission(A, student, answers);
    const r = gradeFile(file(s, 'edited.json'), A, defs);
    expect(r).toMatchObject({ ok: false, problem: { file: 'edited.json', kind: 'tampered' } });
    // Another student's file renamed to this student: the numbers do not match the id.
    const bob = buildSubmission(A, { name: 'Bob', id: 's1002' }, rightAnswers(A, 's1002'));
    const swapped = { ...bob, student };
    const r2 = gradeFile(file({ ...swapped, checksum: submissionChecksum(swapped) }, 'swap.json'), A, defs);
    expect(r2).toMatchObject({ ok: false, problem: { kind: 'tampered' } });
    // More attempts than allowed.
    const many = rightAnswers(A, student.id);
    many['ch1-stability']!.attempts = 7;
    expect(gradeFile(file(buildSubmission(A, student, many)), A, defs)).toMatchObject({ ok: false, problem: { kind: 'tampered' } });
    // Settings changed inside the file (a later due date).
    const later = { ...A, due: '2027-01-01T00:00:00.000Z' };
    expect(gradeFile(file(buildSubmission(later, student, rightAnswers(later, student.id))), A, defs)).toMatchObject({ ok: false, problem: { kind: 'tampered' } });
  });

  it('reports foreign and malformed files by name, and grades the others', () => {
    const other = { ...A, id: 'OtherAsgn9', title: 'Quiz 1' };
    const files = [
      file(buildSubmission(A, student, rightAnswers(A, student.id)), 'ada.json'),
      file(buildSubmission(other, student, rightAnswers(other, student.id)), 'quiz.json'),
      { name: 'notes.txt', text: 'hello' },
      { name: 'empty.json', text: '' },
      file(buildSubmission(A, { name: 'Bob', id: 's1002' }, rightAnswers(A, 's1002')), 'bob.json'),
    ];
    const { rows, problems } = gradeAll(files, A, defs);
    expect(rows.map((r) => r.student.id)).toEqual(['s1001', 's1002']);
    expect(problems.map((p) => [p.file, p.kind])).toEqual([
      ['quiz.json', 'foreign'],
      ['notes.txt', 'malformed'],
      ['empty.json', 'malformed'],
    ]);
    expect(problems[0]!.reason).toContain('Quiz 1');
  });

  it('keeps the newer of two files from one student and flags late work', () => {
    const early = buildSubmission(A, student, rightAnswers(A, student.id), new Date('2026-02-20T00:00:00Z'));
    const late = buildSubmission(A, student, rightAnswers(A, student.id, '2026-03-02T09:00:00Z'), new Date('2026-03-02T10:00:00Z'));
    const { rows, problems } = gradeAll([file(late, 'late.json'), file(early, 'early.json')], A, defs);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.file).toBe('late.json');
    expect(rows[0]!.late).toBe(true);
    expect(problems).toEqual([expect.objectContaining({ file: 'early.json', kind: 'duplicate' })]);
  });

  it('writes a gradebook CSV an LMS can import', () => {
    const { rows } = gradeAll([file(buildSubmission(A, { name: 'Lovelace, Ada', id: 's1001' }, rightAnswers(A, 's1001')))], A, defs);
    const csv = gradebookCsv(A, rows).split('\r\n');
    expect(csv[0]).toBe('Student,SIS User ID,Q1 ch1-loop-gain,Q2 ch1-stability,Q3 ch1-leverage-parts,Q4 ch1-tune-multiplier,Q5 ch1-total-move,Homework 3 (total),Possible,Percent,Late,Last attempt,File,Notes');
    expect(csv[1]).toBe('"Lovelace, Ada",s1001,1,1,1,1,1,5,5,100,no,2026-02-20T10:00:00.000Z,ada.json,');
  });
});

describe('rosters and the answer key', () => {
  it('reads pasted lists and LMS exports', () => {
    expect(parseRoster('Ada Lovelace, s1001\nAlan Turing, s1002\n\n# comment\ns1003').students).toEqual([
      { name: 'Ada Lovelace', id: 's1001' },
      { name: 'Alan Turing', id: 's1002' },
      { name: 's1003', id: 's1003' },
    ]);
    const lms = 'Student,ID,SIS User ID,Section\n"Lovelace, Ada",101,s1001,A\n"Turing, Alan",102,s1002,A';
    expect(parseRoster(lms).students).toEqual([
      { name: 'Lovelace, Ada', id: '101' },
      { name: 'Turing, Alan', id: '102' },
    ]);
    const tabbed = parseRoster('Name\tStudent ID\nAda\ts1\nAda again\tS1\n\t');
    expect(tabbed.students).toEqual([{ name: 'Ada', id: 's1' }]);
    expect(tabbed.problems[0]).toContain('twice');
    expect(parseRoster('').problems[0]).toContain('empty');
  });

  it('gives every student’s numbers and the engine’s answers', () => {
    const roster = [student, { name: 'Alan', id: 's1002' }];
    const rows = answerKey(A, roster, defs);
    expect(rows).toHaveLength(10);
    const ex = defs.get('ch1-loop-gain')!;
    const v = assignmentVariant(A, 's1002', ex);
    const row = rows.find((r) => r.id === 's1002' && r.exercise === 'ch1-loop-gain')!;
    expect(row.question).toBe(1);
    expect(Number(row.answer)).toBeCloseTo(ex.kind === 'numeric' ? ex.answer(v.params) : NaN, 6);
    expect(row.params).toBe(`sensitivity=${v.params.sensitivity}; impact=${v.params.impact}`);
    expect(answerKeyCsv(rows).split('\r\n')[0]).toBe('Student,Student ID,Question,Exercise,Parameters,Correct answer');
  });
});
