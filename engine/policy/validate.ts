/**
 * Input checks shared by the policy models (internal; not re-exported).
 *
 * Spec-driven functions accept a partial parameter object: a missing key takes
 * the spec's default, a present key must pass the spec's own range check, so a
 * value that a slider could never produce is refused with the message the
 * widget would show (the same rule as the leverage engine's inputs).
 */
import { EngineInputError } from '../core/errors';
import { checkParam, type ParamSpecs, type ParamValues } from '../core/params';

// Bound once (a module-namespace lookup per parameter would add up in sweeps that resolve thousands of runs).
const check = checkParam;

/** Merge `input` over the spec's defaults; throw `EngineInputError` on the first invalid value. */
export function resolveParams<S extends ParamSpecs>(specs: S, input: Partial<ParamValues<S>> | undefined, where: string): ParamValues<S> {
  if (input !== undefined && (input === null || typeof input !== 'object')) {
    throw new EngineInputError('invalid-shape', `${where}: parameters must be an object`, where);
  }
  const src = (input ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(specs)) {
    const v = Object.prototype.hasOwnProperty.call(src, k) && src[k] !== undefined ? src[k] : s.default;
    const msg = check(s, v);
    if (msg) {
      const code = typeof v === 'number' && !Number.isFinite(v) ? 'not-finite' : 'out-of-range';
      throw new EngineInputError(code, `${where}: ${msg} (got ${String(v)})`, k);
    }
    out[k] = v;
  }
  return out as ParamValues<S>;
}
