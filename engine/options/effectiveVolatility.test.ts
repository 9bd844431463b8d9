import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { defaultParams, validateParams } from '../core/params';
import { criticalBookGamma, effectiveVolatility, effectiveVolatilitySpec, hedgingLoopGain } from './effectiveVolatility';

describe('effectiveVolatility: σ_eff = σ/(1 + λ·S·Γ_book)', () => {
  it('λ = 0 gives σ exactly, whatever the book', () => {
    expect(effectiveVolatility({ vol: 0.2, impact: 0, spot: 100, bookGamma: -1e9 })).toEqual({ vol: 0.2, stable: true });
    expect(effectiveVolatility({ vol: 0.35, impact: 0, spot: 50, bookGamma: 1e9 })).toEqual({ vol: 0.35, stable: true });
  });

  it('hand-computed cases: long gamma damps, short gamma amplifies', () => {
    // λSΓ = 1e-8 × 100 × 5e5 = 0.5: long → 0.2/1.5 = 0.1333…, short → 0.2/0.5 = 0.4.
    expect(effectiveVolatility({ vol: 0.2, impact: 1e-8, spot: 100, bookGamma: 5e5 }).vol).toBeCloseTo(0.2 / 1.5, 15);
    expect(effectiveVolatility({ vol: 0.2, impact: 1e-8, spot: 100, bookGamma: -5e5 }).vol).toBeCloseTo(0.4, 15);
  });

  it('long gamma gives σ_eff < σ; short gamma > σ; σ_eff falls as book gamma rises', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1.5, noNaN: true }),
        fc.double({ min: 1e-10, max: 1e-7, noNaN: true }),
        fc.double({ min: 10, max: 500, noNaN: true }),
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        (vol, impact, spot, g) => {
          const long = effectiveVolatility({ vol, impact, spot, bookGamma: g });
          expect(long.stable).toBe(true);
          expect(long.vol).toBeLessThan(vol);
          const half = effectiveVolatility({ vol, impact, spot, bookGamma: g / 2 });
          expect(half.vol).toBeGreaterThanOrEqual(long.vol);
          const short = effectiveVolatility({ vol, impact, spot, bookGamma: -g });
          if (short.stable) expect(short.vol).toBeGreaterThan(vol);
        },
      ),
    );
  });

  it('blows up as λ·S·|Γ| → 1 from below, and is unstable at and beyond it', () => {
    const base = { vol: 0.2, impact: 1e-8, spot: 100 };
    const crit = criticalBookGamma(base);
    expect(crit).toBeCloseTo(-1e6, 6);
    let prev = 0;
    for (const eps of [0.5, 0.1, 1e-2, 1e-4, 1e-8]) {
      const r = effectiveVolatility({ ...base, bookGamma: crit * (1 - eps) });
      expect(r.stable).toBe(true);
      // 1 + λSΓ = eps, so σ_eff = σ/eps (to rounding of the product).
      expect(r.vol / (0.2 / eps)).toBeCloseTo(1, 6);
      expect(r.vol).toBeGreaterThan(prev);
      prev = r.vol;
    }
    expect(effectiveVolatility({ ...base, bookGamma: crit })).toEqual({ vol: Number.POSITIVE_INFINITY, stable: false });
    expect(effectiveVolatility({ ...base, bookGamma: 2 * crit })).toEqual({ vol: Number.POSITIVE_INFINITY, stable: false });
    expect(hedgingLoopGain({ ...base, bookGamma: crit })).toBeCloseTo(1, 12);
    expect(criticalBookGamma({ impact: 0, spot: 100 })).toBe(Number.NEGATIVE_INFINITY);
  });

  it('rejects impossible inputs', () => {
    const ok = { vol: 0.2, impact: 1e-8, spot: 100, bookGamma: 1e5 };
    for (const patch of [{ vol: -0.1 }, { impact: -1e-9 }, { spot: 0 }, { bookGamma: Number.NaN }, { vol: Number.POSITIVE_INFINITY }]) {
      expect(() => effectiveVolatility({ ...ok, ...patch })).toThrow(EngineInputError);
    }
  });

  it('spec defaults are valid and show amplification (λSΓ = −0.5 → σ_eff = 2σ)', () => {
    const d = defaultParams(effectiveVolatilitySpec);
    expect(validateParams(effectiveVolatilitySpec, d).ok).toBe(true);
    expect(effectiveVolatility(d).vol).toBeCloseTo(0.4, 12);
    // The slider range reaches the unstable region.
    const s = effectiveVolatilitySpec;
    expect(effectiveVolatility({ vol: d.vol, impact: s.impact.max, spot: s.spot.max, bookGamma: s.bookGamma.min }).stable).toBe(false);
  });
});
