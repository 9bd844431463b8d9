import fc from 'fast-check';
import { widgetHostSync, restoreWidgetParams } from './splice-widget';
import { defineParams, defaultParams } from '../../engine/core/params';

const specs = defineParams({
  leverage: { kind: 'number', label: 'Leverage', min: 1, max: 50, step: 0.5, default: 10, description: 'x' },
  impact: { kind: 'number', label: 'Price impact', min: 0, max: 1, step: 0.01, default: 0.1, description: 'y' },
});

describe('widgetHostSync', () => {
  it('is on only for an embedded lab page', () => {
    expect(widgetHostSync({ pathname: '/lab/multiplier/', search: '?embed=1' })).toBe(true);
    expect(widgetHostSync({ pathname: '/lab/multiplier/', search: '' })).toBe(false);
    expect(widgetHostSync({ pathname: '/exercises/ch1-loop-gain/', search: '?embed=1' })).toBe(false);
    expect(widgetHostSync({ pathname: '/chapters/leverage-loop/', search: '?embed=1' })).toBe(false);
    expect(widgetHostSync(undefined)).toBe(false);
  });
});

describe('restoreWidgetParams', () => {
  const current = { leverage: 12, impact: 0.2 };

  it('takes valid values and keeps the rest', () => {
    expect(restoreWidgetParams(specs, current, { leverage: 20 })).toEqual({ values: { leverage: 20, impact: 0.2 }, notes: [] });
  });

  it('keeps the current value, with a note, for out-of-range, garbage or unknown keys', () => {
    const r = restoreWidgetParams(specs, current, { leverage: 500, impact: 'lots', nope: 1 });
    expect(r.values).toEqual(current);
    expect(r.notes).toHaveLength(3);
    expect(r.notes.join(' ')).toMatch(/Leverage/);
    expect(r.notes.join(' ')).toMatch(/nope/);
  });

  it('never throws and always returns values within the specs (fuzzed host messages)', () => {
    fc.assert(
      fc.property(fc.anything(), (state) => {
        const r = restoreWidgetParams(specs, defaultParams(specs), state);
        expect(r.values.leverage).toBeGreaterThanOrEqual(1);
        expect(r.values.leverage).toBeLessThanOrEqual(50);
        expect(r.values.impact).toBeGreaterThanOrEqual(0);
        expect(r.values.impact).toBeLessThanOrEqual(1);
        expect(Object.keys(r.values).sort()).toEqual(['impact', 'leverage']);
      }),
    );
  });
});
