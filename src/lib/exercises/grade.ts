/**
 * Grading one answer to one exercise, for every kind. The chapter's answer box,
 * the assignment page and the instructor's grader all call this one function, so
 * a student sees exactly the verdict the gradebook will record. The correct answer
 * is always recomputed from the engine with the variant's parameters; nothing here
 * reads a stored "correct" flag.
 */
import { checkNumeric, type CheckResult, type Verdict } from './check';
import type { Exercise } from './types';

/** What a student gave: text for numeric and choice, part → text for multi-part, the widget's values for experiments. */
export type GivenAnswer = string | Record<string, unknown>;

export interface PartGrade {
  key: string;
  verdict: Verdict;
  sign: -1 | 0 | 1;
  message: string;
}

export interface Grade {
  verdict: Verdict;
  /** Credit between 0 and 1 (multi-part: the share of parts right). */
  score: number;
  sign: -1 | 0 | 1;
  message: string;
  parts?: PartGrade[];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const invalid = (message: string): Grade => ({ verdict: 'invalid', score: 0, sign: 0, message });

/**
 * Grade `given` for exercise `ex` at parameters `p`. Never throws: an answer of the
 * wrong shape, or an engine error, comes back as an "invalid" grade with a message.
 */
export function gradeAnswer(ex: Exercise<any>, p: Record<string, number>, given: unknown): Grade {
  try {
    switch (ex.kind) {
      case 'numeric': {
        if (typeof given !== 'string') return invalid('Enter a number, for example 12.5.');
        const r: CheckResult = checkNumeric(given, ex.answer(p), ex.tolerance);
        return { ...r, score: r.verdict === 'correct' ? 1 : 0 };
      }
      case 'choice': {
        if (typeof given !== 'string' || given === '') return invalid('Choose one of the answers first.');
        const values = ex.options(p).map((o) => o.value);
        if (!values.includes(given)) return invalid('That is not one of the answers offered.');
        const ok = given === ex.answer(p);
        return ok
          ? { verdict: 'correct', score: 1, sign: 0, message: 'Correct.' }
          : { verdict: 'wrong', score: 0, sign: 0, message: 'Not quite. Open a hint, then try again.' };
      }
      case 'multi': {
        if (!isRecord(given)) return invalid('Answer every part, then check.');
        const parts: PartGrade[] = ex.parts.map((part) => {
          const text = given[part.key];
          if (typeof text !== 'string' || text.trim() === '') return { key: part.key, verdict: 'invalid', sign: 0, message: 'No answer yet.' };
          const r = checkNumeric(text, part.answer(p), part.tolerance);
          return { key: part.key, verdict: r.verdict, sign: r.sign, message: r.message };
        });
        if (parts.every((x) => x.verdict === 'invalid')) return { ...invalid('Answer at least one part, then check.'), parts };
        const right = parts.filter((x) => x.verdict === 'correct').length;
        const score = right / parts.length;
        if (right === parts.length) return { verdict: 'correct', score: 1, sign: 0, message: 'Correct: every part is right.', parts };
        const closeOrRight = parts.every((x) => x.verdict === 'correct' || x.verdict === 'close');
        const message = `${right} of ${parts.length} parts right. ${parts
          .filter((x) => x.verdict !== 'correct')
          .map((x) => `(${x.key}) ${x.message}`)
          .join(' ')}`;
        return { verdict: closeOrRight ? 'close' : 'wrong', score, sign: 0, message, parts };
      }
      case 'experiment': {
        if (!isRecord(given)) return invalid('The widget’s state is missing.');
        const r = ex.check(given, p);
        return { verdict: r.ok ? 'correct' : 'wrong', score: r.ok ? 1 : 0, sign: 0, message: r.message };
      }
    }
  } catch (e) {
    return invalid(`This answer could not be checked (${e instanceof Error ? e.message : String(e)}).`);
  }
}
