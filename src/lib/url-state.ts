/**
 * Widget state in the URL: `?<widget>.<param>=<value>` in engine units, so a link
 * restores a widget exactly. Decoding never throws: every value goes through the
 * model's parameter specification, and anything invalid falls back to the default
 * with a note the widget shows to the reader.
 */
import { checkParam, type ParamSpecs, type ParamValues } from '../../engine/core/params';

export interface DecodedState<S extends ParamSpecs> {
  values: ParamValues<S>;
  /** Human-readable notes about values that were ignored. */
  notes: string[];
  /** Whether the URL carried any value for this widget. */
  present: boolean;
}

const MAX_VALUE_LENGTH = 64;

/** Read a widget's state from a query string (with or without the leading "?"). */
export function decodeWidgetState<S extends ParamSpecs>(specs: S, key: string, search: string, base: ParamValues<S>): DecodedState<S> {
  const values = { ...base } as Record<string, unknown>;
  const notes: string[] = [];
  let present = false;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(typeof search === 'string' ? search : '');
  } catch {
    return { values: values as ParamValues<S>, notes: ['The link could not be read; showing the default settings.'], present: false };
  }
  for (const [name, spec] of Object.entries(specs)) {
    const raw = params.get(`${key}.${name}`);
    if (raw === null) continue;
    present = true;
    const text = raw.slice(0, MAX_VALUE_LENGTH);
    let v: unknown;
    if (spec.kind === 'choice') v = text;
    else v = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
    const msg = checkParam(spec, v);
    if (msg) notes.push(`The link's value for “${spec.label}” (${JSON.stringify(text)}) was ignored: ${msg}.`);
    else values[name] = v;
  }
  return { values: values as ParamValues<S>, notes, present };
}

/** Write a widget's state into a query string, replacing its own keys and keeping others. */
export function encodeWidgetState<S extends ParamSpecs>(specs: S, key: string, values: ParamValues<S>, search = ''): string {
  const params = new URLSearchParams(search);
  for (const [name] of Object.entries(specs)) {
    const v = (values as Record<string, unknown>)[name];
    params.set(`${key}.${name}`, typeof v === 'number' ? String(Number.parseFloat(v.toPrecision(12))) : String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
