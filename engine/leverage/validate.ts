/**
 * Input checks shared by the leverage models (internal; not re-exported).
 *
 * Spec-driven functions accept a partial parameter object: missing keys take
 * the spec's default, present keys must pass the spec's own range check, so a
 * value a slider could never produce is refused with the same message the
 * widget would show.
 */
import { EngineInputError } from '../core/errors';
import { checkParam, type ParamSpecs, type ParamValues } from '../core/params';

/** Merge `input` over the spec's defaults and throw `EngineInputError` on the first invalid value. */
export function resolveParams<S extends ParamSpecs>(specs: S, input: Partial<ParamValues<S>> | undefined, where: string): ParamValues<S> {
  const src = (input ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(specs)) {
    const v = Object.prototype.hasOwnProperty.call(src, k) && src[k] !== undefined ? src[k] : s.default;
    const msg = checkParam(s, v);
    if (msg) {
      const code = typeof v === 'number' && !Number.isFinite(v) ? 'not-finite' : 'out-of-range';
      throw new EngineInputError(code, `${where}: ${msg} (got ${String(v)})`, k);
    }
    out[k] = v;
  }
  return out as ParamValues<S>;
}

/** Throw unless `x` is 'long' or 'short'. */
export function requireSide(x: unknown, param: string): 'long' | 'short' {
  if (x !== 'long' && x !== 'short') {
    throw new EngineInputError('invalid-parameter', `${param} must be 'long' or 'short' (got ${String(x)})`, param);
  }
  return x;
}
