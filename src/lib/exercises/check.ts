/**
 * Checking a numeric answer: correct within the tolerance, "close" within ten
 * times the tolerance (a rounding slip or a unit mix-up worth a hint), otherwise
 * wrong; the sign of the error is reported because "too high" teaches something.
 */
import type { Tolerance } from './types';

export type Verdict = 'correct' | 'close' | 'wrong' | 'invalid';

export interface CheckResult {
  verdict: Verdict;
  /** +1 when the answer is too high, −1 too low, 0 when correct or invalid. */
  sign: -1 | 0 | 1;
  message: string;
}

/** Parse what a student typed: accepts "12.5", "12.5 %", "1,234.5", "−3" (Unicode minus), "1e-3". */
export function parseAnswer(text: string): number | null {
  const cleaned = String(text ?? '')
    .trim()
    .replace(/[\s,]/g, '')
    .replace(/%$/, '')
    .replace(/^\$/, '')
    .replace(/\u2212/g, '-');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned)) return null;
  const v = Number(cleaned);
  return Number.isFinite(v) ? v : null;
}

export function allowedError(answer: number, tol: Tolerance): number {
  return Math.max(tol.abs ?? 0, (tol.rel ?? 0) * Math.abs(answer));
}

export function checkNumeric(text: string, answer: number, tol: Tolerance): CheckResult {
  const v = parseAnswer(text);
  if (v === null) return { verdict: 'invalid', sign: 0, message: 'Enter a number, for example 12.5.' };
  const err = v - answer;
  const allowed = allowedError(answer, tol);
  if (Math.abs(err) <= allowed) return { verdict: 'correct', sign: 0, message: 'Correct.' };
  const sign = err > 0 ? 1 : -1;
  const dir = sign > 0 ? 'too high' : 'too low';
  if (Math.abs(err) <= 10 * allowed) return { verdict: 'close', sign, message: `Close, but a little ${dir}: check your rounding or the last step.` };
  return { verdict: 'wrong', sign, message: `Not yet: your answer is ${dir}.` };
}
