import fc from 'fast-check';
import { defineParams, defaultParams, validateParams, sanitizeParams, parseParamInput, checkParam, narrowSpec } from './params';

const spec = defineParams({
  shock: { label: 'Shock', unit: '%', display: 'percent', min: 0.001, max: 0.2, step: 0.001, default: 0.02, description: 'initial move' },
  rounds: { label: 'Rounds', min: 1, max: 50, step: 1, default: 10, integer: true, description: 'rounds shown' },
  side: { kind: 'choice', label: 'Side', description: 'long or short', options: [{ value: 'long', label: 'Long' }, { value: 'short', label: 'Short' }], default: 'long' },
});

describe('parameter specifications', () => {
  it('defaults are valid', () => {
    const d = defaultParams(spec);
    expect(d).toEqual({ shock: 0.02, rounds: 10, side: 'long' });
    expect(validateParams(spec, d)).toEqual({ ok: true, value: d });
  });

  it('reports out-of-range, non-integer, NaN and unknown choices', () => {
    const r = validateParams(spec, { shock: 0.5, rounds: 2.5, side: 'sideways' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.param)).toEqual(['shock', 'rounds', 'side']);
      expect(r.issues[0]!.message).toContain('between 0.1 % and 20 %');
    }
    expect(checkParam(spec.shock, Number.NaN)).toContain('enter a number');
    expect(checkParam(spec.shock, Infinity)).toContain('finite');
  });

  it('sanitize replaces bad values with defaults and says so', () => {
    const { value, issues } = sanitizeParams(spec, { shock: 'abc', rounds: 3 });
    expect(value).toEqual({ shock: 0.02, rounds: 3, side: 'long' });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toContain('using the default');
  });

  it('parses display units: 12.5 on a percent spec is 0.125', () => {
    expect(parseParamInput(spec.shock, '12.5')).toEqual({ ok: true, value: 0.125 });
    expect(parseParamInput(spec.shock, '12.5%')).toEqual({ ok: true, value: 0.125 });
    expect(parseParamInput(spec.shock, '30').ok).toBe(false);
    expect(parseParamInput(spec.shock, '1e1x').ok).toBe(false);
    expect(parseParamInput(spec.rounds, '7')).toEqual({ ok: true, value: 7 });
  });

  it('sanitize never throws and always returns valid values (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const { value } = sanitizeParams(spec, input);
        return validateParams(spec, value).ok;
      }),
    );
  });

  it('narrowSpec refuses ranges outside the model spec', () => {
    expect(narrowSpec(spec.rounds, { min: 2, max: 5 }).default).toBe(5);
    expect(() => narrowSpec(spec.rounds, { min: 0, max: 5 })).toThrow();
  });

  it('defineParams rejects a default outside its range', () => {
    expect(() => defineParams({ x: { label: 'x', min: 0, max: 1, step: 0.1, default: 2, description: '' } })).toThrow();
  });
});
