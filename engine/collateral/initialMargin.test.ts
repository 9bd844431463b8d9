import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { normalPdf, normalQuantile } from './normal';
import { esMargin, haircutSeries, initialMargin, marginQuantileFactor, varMargin, volatilityHaircut } from './initialMargin';
import { logReturns, pricesFromReturns, variationMargin } from './variationMargin';

describe('normalQuantile (AS 241)', () => {
  it('matches SciPy 1.17 norm.ppf to 1e-12 across the central, tail and far-tail branches', () => {
    // Reference values printed by scipy.stats.norm.ppf (SciPy 1.17.1) on this machine.
    const cases: [number, number][] = [
      [0.5, 0],
      [0.9, 1.2815515655446004],
      [0.95, 1.6448536269514722],
      [0.975, 1.959963984540054],
      [0.99, 2.3263478740408408],
      [0.995, 2.5758293035489004],
      [0.999, 3.090232306167813],
      [0.001, -3.090232306167813],
      [0.025, -1.9599639845400545],
      [0.08, -1.4050715603096329], // just outside the central region |p − ½| ≤ 0.425
      [0.925, 1.4395314709384563],
      [1e-10, -6.361340902404056],
      [1e-15, -7.941345326170998], // r = √(−ln p) > 5: far-tail branch
      [1 - 1e-12, 7.0344869100478356],
    ];
    for (const [p, z] of cases) expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-12 * Math.max(1, Math.abs(z)) + 1e-15);
  });

  it('rejects probabilities outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, 1.5, Number.NaN]) expect(() => normalQuantile(p)).toThrow(EngineInputError);
  });

  it('is antisymmetric and non-decreasing (property)', () => {
    fc.assert(
      // p ≥ 1e-4 so that 1 − p is represented to ~1e-12 relative accuracy in p (the rounding of 1 − p, not the
      // algorithm, limits antisymmetry for tinier p).
      fc.property(fc.double({ min: 1e-4, max: 0.5, noNaN: true }), fc.double({ min: 1e-4, max: 0.5, noNaN: true }), (p, q) => {
        expect(Math.abs(normalQuantile(p) + normalQuantile(1 - p))).toBeLessThan(1e-10);
        if (p <= q) expect(normalQuantile(p)).toBeLessThanOrEqual(normalQuantile(q));
      }),
    );
  });
});

describe('initial margin from volatility', () => {
  it('VaR margin = z·σ·√MPOR·notional (hand value from SciPy)', () => {
    // 2.3263478740408408 × 0.01 × √5 × 100 = 5.201871985667439
    expect(varMargin({ sigma: 0.01, mpor: 5, confidence: 0.99, notional: 100 })).toBeCloseTo(5.201871985667439, 12);
  });

  it('ES margin = φ(z)/(1−α)·σ·√MPOR·notional (hand value from SciPy)', () => {
    // φ(2.3263478740408408)/0.01 = 2.665214220345806; × 0.01 × √5 × 100 = 5.95960017129233
    expect(esMargin({ sigma: 0.01, mpor: 5, confidence: 0.99, notional: 100 })).toBeCloseTo(5.95960017129233, 11);
    expect(marginQuantileFactor('es', 0.975)).toBeCloseTo(2.3378027922014133, 12);
  });

  it('ES exceeds VaR at every confidence level, and both scale with σ and √MPOR', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.51, max: 0.9999, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        (a, s, h) => {
          const v = varMargin({ sigma: s, mpor: h, confidence: a });
          const e = esMargin({ sigma: s, mpor: h, confidence: a });
          expect(e).toBeGreaterThanOrEqual(v);
          expect(varMargin({ sigma: 2 * s, mpor: 4 * h, confidence: a })).toBeCloseTo(4 * v, 10);
        },
      ),
    );
  });

  it('zero volatility legitimately gives zero margin', () => {
    expect(initialMargin({ sigma: 0, mpor: 2, confidence: 0.99, model: 'es' })).toBe(0);
  });

  it('rejects impossible inputs', () => {
    expect(() => varMargin({ sigma: -0.01, mpor: 5, confidence: 0.99 })).toThrow(EngineInputError);
    expect(() => varMargin({ sigma: 0.01, mpor: 0, confidence: 0.99 })).toThrow(EngineInputError);
    expect(() => varMargin({ sigma: 0.01, mpor: 5, confidence: 1 })).toThrow(EngineInputError);
    expect(() => varMargin({ sigma: Number.NaN, mpor: 5, confidence: 0.99 })).toThrow(EngineInputError);
    expect(() => initialMargin({ sigma: 0.01, mpor: 5, confidence: 0.99, model: 'cvar' as 'var' })).toThrow(EngineInputError);
  });
});

describe('volatility haircut', () => {
  it('is 1 − exp(−z σ √MPOR), hand value', () => {
    // z(0.995) = 2.5758293035489004; 1 − exp(−2.5758… × 0.02 × √2) = 0.07026479083977222
    expect(volatilityHaircut({ sigma: 0.02, mpor: 2, confidence: 0.995 })).toBeCloseTo(0.07026479083977222, 12);
  });

  it('rises with volatility, stays in [floor, cap] and below 1', () => {
    const h = haircutSeries([0, 0.005, 0.01, 0.05, 0.2, 5], { mpor: 5, confidence: 0.99, floor: 0.02, cap: 0.5 });
    expect(h[0]).toBe(0.02);
    for (let i = 1; i < h.length; i++) expect(h[i]!).toBeGreaterThanOrEqual(h[i - 1]!);
    expect(h[h.length - 1]).toBe(0.5);
    expect(volatilityHaircut({ sigma: 10, mpor: 10, confidence: 0.999 })).toBeLessThan(1);
  });
});

describe('variation margin and prices', () => {
  it('VM is the daily mark-to-market transfer, summing to the total move', () => {
    const prices = [100, 98, 101, 95];
    // long 10 units: pays 20, receives 30, pays 60
    expect(Array.from(variationMargin(prices, 10))).toEqual([0, 20, -30, 60]);
    expect(Array.from(variationMargin(prices, -10))).toEqual([0, -20, 30, -60]);
  });

  it('prices and log returns round-trip', () => {
    const r = [0.01, -0.02, 0.005];
    const p = pricesFromReturns(r, 50);
    expect(p[0]).toBe(50);
    expect(p[3]).toBeCloseTo(50 * Math.exp(-0.005), 12);
    const back = logReturns(p);
    r.forEach((x, i) => expect(back[i]).toBeCloseTo(x, 14));
  });

  it('rejects zero and negative prices', () => {
    expect(() => logReturns([100, 0, 101])).toThrow(EngineInputError);
    expect(() => variationMargin([100, -1], 1)).toThrow(EngineInputError);
    expect(() => pricesFromReturns([0.01], 0)).toThrow(EngineInputError);
  });
});

describe('normalPdf', () => {
  it('integrates the ES identity ∫_z^∞ x φ(x) dx = φ(z) numerically', () => {
    // Independent check of the ES closed form by the trapezoid rule on [z, z + 12].
    const z = 2.3263478740408408;
    const n = 200_000;
    const h = 12 / n;
    let s = 0;
    for (let i = 0; i <= n; i++) {
      const x = z + i * h;
      s += (i === 0 || i === n ? 0.5 : 1) * x * normalPdf(x);
    }
    expect(s * h).toBeCloseTo(normalPdf(z), 9);
  });
});
