/**
 * Typed errors thrown by the engine for inputs no model can accept
 * (a negative volatility, a non-square liability matrix, NaN).
 * Widgets validate first and never let these reach the reader; exercises and
 * tests rely on the `code` and `param` fields rather than on message text.
 */
export type EngineErrorCode = 'invalid-parameter' | 'invalid-shape' | 'not-finite' | 'out-of-range' | 'no-convergence';

export class EngineInputError extends Error {
  readonly code: EngineErrorCode;
  readonly param: string | undefined;
  constructor(code: EngineErrorCode, message: string, param?: string) {
    super(message);
    this.name = 'EngineInputError';
    this.code = code;
    this.param = param;
  }
}

/** Throw an `EngineInputError` unless `x` is a finite number. */
export function requireFinite(x: unknown, param: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new EngineInputError('not-finite', `${param} must be a finite number (got ${String(x)})`, param);
  }
  return x;
}

/** Throw unless `lo <= x <= hi` (both inclusive) and finite. */
export function requireInRange(x: unknown, lo: number, hi: number, param: string): number {
  const v = requireFinite(x, param);
  if (v < lo || v > hi) {
    throw new EngineInputError('out-of-range', `${param} must lie in [${lo}, ${hi}] (got ${v})`, param);
  }
  return v;
}

/** Throw unless `x > 0` and finite. */
export function requirePositive(x: unknown, param: string): number {
  const v = requireFinite(x, param);
  if (!(v > 0)) throw new EngineInputError('out-of-range', `${param} must be positive (got ${v})`, param);
  return v;
}

/** Throw unless `x >= 0` and finite. */
export function requireNonNegative(x: unknown, param: string): number {
  const v = requireFinite(x, param);
  if (!(v >= 0)) throw new EngineInputError('out-of-range', `${param} must be zero or positive (got ${v})`, param);
  return v;
}

/** Throw unless `x` is an integer in [lo, hi]. */
export function requireInteger(x: unknown, lo: number, hi: number, param: string): number {
  const v = requireInRange(x, lo, hi, param);
  if (!Number.isInteger(v)) throw new EngineInputError('invalid-parameter', `${param} must be a whole number (got ${v})`, param);
  return v;
}
