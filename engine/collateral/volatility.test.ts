import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { ewmaVariance, ewmaVolatility, rollingVariance, rollingVolatility } from './volatility';

describe('EWMA (RiskMetrics)', () => {
  it('follows σ²_t = λσ²_{t−1} + (1−λ)r²_t on a hand-computed series', () => {
    // λ = 0.94, σ²₋₁ = 1e-4, r = (0.01, −0.02, 0.03):
    //   s0 = 0.94·1e-4 + 0.06·1e-4                 = 1.0000e-4
    //   s1 = 0.94·1.0e-4 + 0.06·4e-4 = 0.94e-4 + 0.24e-4 = 1.1800e-4
    //   s2 = 0.94·1.18e-4 + 0.06·9e-4 = 1.1092e-4 + 0.54e-4 = 1.6492e-4
    const v = ewmaVariance([0.01, -0.02, 0.03], { lambda: 0.94, initialVariance: 1e-4 });
    expect(v[0]).toBeCloseTo(1e-4, 16);
    expect(v[1]).toBeCloseTo(1.18e-4, 16);
    expect(v[2]).toBeCloseTo(1.6492e-4, 16);
    expect(ewmaVolatility([0.01, -0.02, 0.03], { lambda: 0.94, initialVariance: 1e-4 })[2]).toBeCloseTo(Math.sqrt(1.6492e-4), 14);
  });

  it('seeds with the mean of the first squared returns by default', () => {
    // mean r² of (0.01, −0.02, 0.03) = 14e-4/3; s0 = 0.94·14e-4/3 + 0.06·1e-4
    const v = ewmaVariance([0.01, -0.02, 0.03]);
    expect(v[0]).toBeCloseTo((0.94 * 14e-4) / 3 + 0.06e-4, 16);
  });

  it('forgets a single shock geometrically at rate λ', () => {
    const r = new Float64Array(50);
    r[0] = 0.1;
    const v = ewmaVariance(r, { lambda: 0.9, initialVariance: 0 });
    // s_t = 0.1·0.01·0.9^t
    for (let t = 0; t < 50; t++) expect(v[t]).toBeCloseTo(0.001 * 0.9 ** t, 15);
  });

  it('gives zero volatility (and so zero margin) on a zero series', () => {
    expect(Array.from(ewmaVariance(new Float64Array(10)))).toEqual(new Array(10).fill(0));
  });

  it('rejects λ outside (0, 1), empty and non-finite series', () => {
    for (const lambda of [0, 1, -0.5, 1.2, Number.NaN]) expect(() => ewmaVariance([0.01], { lambda })).toThrow(EngineInputError);
    expect(() => ewmaVariance([])).toThrow(EngineInputError);
    expect(() => ewmaVariance([0.01, Number.NaN])).toThrow(EngineInputError);
    expect(() => ewmaVariance([0.01], { initialVariance: -1 })).toThrow(EngineInputError);
  });

  it('stays between the smallest and largest of its inputs (a convex combination, property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 0.04, noNaN: true }),
        (r, lambda, v0) => {
          const v = ewmaVariance(r, { lambda, initialVariance: v0 });
          const sq = r.map((x) => x * x);
          const lo = Math.min(v0, ...sq);
          const hi = Math.max(v0, ...sq);
          for (const x of v) {
            expect(x).toBeGreaterThanOrEqual(lo * (1 - 1e-12));
            expect(x).toBeLessThanOrEqual(hi * (1 + 1e-12));
          }
        },
      ),
    );
  });
});

describe('rolling window', () => {
  it('is the zero-mean mean of the last W squared returns (expanding at first), hand values', () => {
    // W = 2: (1e-4), (1e-4 + 4e-4)/2, (4e-4 + 9e-4)/2
    const v = rollingVariance([0.01, -0.02, 0.03], 2);
    expect(v[0]).toBeCloseTo(1e-4, 16);
    expect(v[1]).toBeCloseTo(2.5e-4, 16);
    expect(v[2]).toBeCloseTo(6.5e-4, 16);
    expect(rollingVolatility([0.01, -0.02, 0.03], 2)[2]).toBeCloseTo(Math.sqrt(6.5e-4), 14);
  });

  it('matches a direct recomputation on long random series (running sum without drift, property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.1, max: 0.1, noNaN: true }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (r, W) => {
        const v = rollingVariance(r, W);
        for (let t = 0; t < r.length; t++) {
          const lo = Math.max(0, t - W + 1);
          let s = 0;
          for (let k = lo; k <= t; k++) s += r[k]! * r[k]!;
          expect(v[t]).toBeCloseTo(s / (t - lo + 1), 14);
        }
      }),
    );
  });

  it('rejects a non-integer or non-positive window', () => {
    expect(() => rollingVariance([0.01], 0)).toThrow(EngineInputError);
    expect(() => rollingVariance([0.01], 2.5)).toThrow(EngineInputError);
  });
});
