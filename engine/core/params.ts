/**
 * Parameter specifications: the one place a model's parameters are described.
 *
 * A spec drives the widget's controls (label, unit, range, step), validates URL
 * state and stored values, bounds exercise variants and documents the model.
 * Never write a parameter's range twice: import the spec.
 *
 * Values are held in engine units (fractions for rates and volatilities, years
 * for time). `display: 'percent'` tells the UI to show value × 100 with a % sign.
 */
export interface NumberParamSpec {
  kind?: 'number';
  /** Human label, e.g. "Price impact". */
  label: string;
  /** Symbol used in the text's formulas, in TeX (e.g. "\\lambda"). */
  symbol?: string;
  /** Unit as shown to readers ('%' for percent display, '$M', 'x', …). */
  unit?: string;
  /** Inclusive bounds in engine units. */
  min: number;
  max: number;
  /** Step of the slider in engine units. */
  step: number;
  /** Default value in engine units. */
  default: number;
  /** One-line meaning, shown as a hint and in the docs. */
  description: string;
  /** How to show the value: engine fraction as a percentage, or as is. */
  display?: 'percent' | 'plain';
  /** Whole numbers only (counts, seeds, rounds). */
  integer?: boolean;
}

export interface ChoiceParamSpec<T extends string = string> {
  kind: 'choice';
  label: string;
  description: string;
  options: readonly { value: T; label: string }[];
  default: T;
}

export type ParamSpec = NumberParamSpec | ChoiceParamSpec;
export type ParamSpecs = Record<string, ParamSpec>;

/** The value type a spec describes. */
export type ParamValue<S extends ParamSpec> = S extends ChoiceParamSpec<infer T> ? T : number;
export type ParamValues<S extends ParamSpecs> = { [K in keyof S]: ParamValue<S[K]> };

/** Identity helper that keeps literal types (for `ParamValues<typeof spec>`). */
export function defineParams<const S extends ParamSpecs>(specs: S): S {
  for (const [key, s] of Object.entries(specs)) {
    if (s.kind === 'choice') {
      if (!s.options.some((o) => o.value === s.default)) throw new Error(`spec ${key}: default not among options`);
    } else {
      if (!(s.min <= s.default && s.default <= s.max)) throw new Error(`spec ${key}: default ${s.default} outside [${s.min}, ${s.max}]`);
      if (!(s.step > 0)) throw new Error(`spec ${key}: step must be positive`);
    }
  }
  return specs;
}

/** Default values of every parameter in a spec. */
export function defaultParams<S extends ParamSpecs>(specs: S): ParamValues<S> {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(specs)) out[k] = s.default;
  return out as ParamValues<S>;
}

export interface ParamIssue {
  param: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ParamIssue[] };

/** Format a number in a spec's display units (for messages). */
export function formatParam(spec: NumberParamSpec, v: number): string {
  if (spec.display === 'percent') return `${trimNumber(v * 100)} %`;
  return spec.unit ? `${trimNumber(v)} ${spec.unit}` : trimNumber(v);
}

function trimNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Number.parseFloat(v.toPrecision(6)).toString();
}

/**
 * Check one value against its spec. Returns an error message for readers, or
 * null when the value is acceptable. Never throws.
 */
export function checkParam(spec: ParamSpec, value: unknown): string | null {
  if (spec.kind === 'choice') {
    return spec.options.some((o) => o.value === value)
      ? null
      : `${spec.label}: choose one of ${spec.options.map((o) => o.label).join(', ')}`;
  }
  if (typeof value !== 'number' || Number.isNaN(value)) return `${spec.label}: enter a number`;
  if (!Number.isFinite(value)) return `${spec.label}: enter a finite number`;
  if (value < spec.min || value > spec.max) {
    return `${spec.label} must be between ${formatParam(spec, spec.min)} and ${formatParam(spec, spec.max)}`;
  }
  if (spec.integer && !Number.isInteger(value)) return `${spec.label} must be a whole number`;
  return null;
}

/**
 * Validate a full parameter object. Unknown keys are ignored; missing keys are
 * issues. Never throws.
 */
export function validateParams<S extends ParamSpecs>(specs: S, input: unknown): ValidationResult<ParamValues<S>> {
  const issues: ParamIssue[] = [];
  const src = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(specs)) {
    const msg = Object.prototype.hasOwnProperty.call(src, k) ? checkParam(s, src[k]) : `${s.label}: missing`;
    if (msg) issues.push({ param: k, message: msg });
    else out[k] = src[k];
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: out as ParamValues<S> };
}

/**
 * Repair a parameter object: every invalid or missing value is replaced by its
 * default, and each replacement is reported. This is what URL state and stored
 * widget state go through. Never throws.
 */
export function sanitizeParams<S extends ParamSpecs>(
  specs: S,
  input: unknown,
): { value: ParamValues<S>; issues: ParamIssue[] } {
  const issues: ParamIssue[] = [];
  const src = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(specs)) {
    if (!Object.prototype.hasOwnProperty.call(src, k)) {
      out[k] = s.default;
      continue;
    }
    const msg = checkParam(s, src[k]);
    if (msg) {
      issues.push({ param: k, message: `${msg}; using the default instead` });
      out[k] = s.default;
    } else out[k] = src[k];
  }
  return { value: out as ParamValues<S>, issues };
}

/**
 * Parse a string (from a URL or a text field) in the spec's display units into
 * an engine value, or return an error message. "12.5" for a percent spec is 0.125.
 */
export function parseParamInput(spec: NumberParamSpec, text: string): { ok: true; value: number } | { ok: false; message: string } {
  const cleaned = text.trim().replace(/,/g, '').replace(/%$/, '').replace(/\u2212/g, '-');
  if (cleaned === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned)) {
    return { ok: false, message: `${spec.label}: "${text}" is not a number` };
  }
  let v = Number(cleaned);
  if (spec.display === 'percent') v = v / 100;
  // Remove binary noise from the percent division so 12.3 % is exactly the spec's grid value.
  v = Number.parseFloat(v.toPrecision(12));
  const msg = checkParam(spec, v);
  return msg ? { ok: false, message: msg } : { ok: true, value: v };
}

/** Value in the spec's display units (× 100 for percent). */
export function toDisplay(spec: NumberParamSpec, v: number): number {
  return spec.display === 'percent' ? Number.parseFloat((v * 100).toPrecision(12)) : v;
}

/** Restrict a spec to a narrower range (for exercise variants); the result must lie inside the original. */
export function narrowSpec(spec: NumberParamSpec, range: { min?: number; max?: number; step?: number; default?: number }): NumberParamSpec {
  const min = range.min ?? spec.min;
  const max = range.max ?? spec.max;
  if (min < spec.min || max > spec.max || min > max) {
    throw new Error(`narrowSpec(${spec.label}): [${min}, ${max}] is not inside [${spec.min}, ${spec.max}]`);
  }
  const def = range.default ?? Math.min(max, Math.max(min, spec.default));
  return { ...spec, min, max, step: range.step ?? spec.step, default: def };
}
