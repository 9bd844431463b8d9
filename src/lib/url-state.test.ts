import fc from 'fast-check';
import { decodeWidgetState, encodeWidgetState } from './url-state';
import { defaultParams, validateParams } from '../../engine/core/params';
import { feedbackMultiplierParams } from '../../engine/loop/feedbackMultiplier';

const specs = feedbackMultiplierParams;
const base = defaultParams(specs);

describe('widget URL state', () => {
  it('round-trips a state', () => {
    const values = { shock: 0.035, sensitivity: 80, impact: 0.0105, rounds: 20 };
    const qs = encodeWidgetState(specs, 'multiplier', values);
    const d = decodeWidgetState(specs, 'multiplier', qs, base);
    expect(d.values).toEqual(values);
    expect(d.notes).toEqual([]);
    expect(d.present).toBe(true);
  });

  it('keeps other widgets’ keys when encoding', () => {
    const qs = encodeWidgetState(specs, 'a', base, '?b.shock=0.01&x=1');
    expect(qs).toContain('b.shock=0.01');
    expect(qs).toContain('x=1');
  });

  it('ignores bad values with a note and keeps the defaults', () => {
    const d = decodeWidgetState(specs, 'm', '?m.shock=banana&m.impact=99&m.rounds=3', base);
    expect(d.values).toEqual({ ...base, rounds: 3 });
    expect(d.notes).toHaveLength(2);
    expect(d.notes[0]).toContain('Initial shock');
  });

  it('never throws and always yields valid values (fuzz)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const d = decodeWidgetState(specs, 'multiplier', s, base);
        return validateParams(specs, d.values).ok;
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('multiplier.shock', 'multiplier.impact', 'multiplier.rounds', 'other'), fc.string()), (dict) => {
        const d = decodeWidgetState(specs, 'multiplier', new URLSearchParams(dict).toString(), base);
        return validateParams(specs, d.values).ok;
      }),
    );
  });
});
