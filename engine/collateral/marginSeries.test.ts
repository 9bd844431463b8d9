import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { defaultParams } from '../core/params';
import { applyMarginBuffer, BUFFER_FULL, BUFFER_REBUILDING, BUFFER_RELEASED, marginSeries, stressedVariance } from './marginSeries';
import { procyclicalityMetrics } from './procyclicality';
import { regimeReturns, regimeReturnsParams } from './returns';
import { ewmaVariance, rollingVariance } from './volatility';
import { marginQuantileFactor } from './initialMargin';

const returnsArb = fc.array(fc.double({ min: -0.08, max: 0.08, noNaN: true }), { minLength: 2, maxLength: 120 });

describe('marginSeries: calculated margin', () => {
  it('is z·σ_EWMA·√MPOR on a hand-computed series', () => {
    // EWMA variances (λ = 0.94, σ²₋₁ = 1e-4) of (0.01, −0.02, 0.03): 1e-4, 1.18e-4, 1.6492e-4 (see volatility.test.ts).
    // Day 2 VaR margin at 99 %, MPOR 2: 2.3263478740408408·√1.6492e-4·√2 = 0.04224996164659754 (SciPy).
    const m = marginSeries([0.01, -0.02, 0.03], { model: 'var', mpor: 2, confidence: 0.99, estimator: { kind: 'ewma', lambda: 0.94, initialVariance: 1e-4 } });
    expect(m.calculated[2]).toBeCloseTo(0.04224996164659754, 14);
    expect(m.sigma[1]).toBeCloseTo(Math.sqrt(1.18e-4), 15);
    expect(Array.from(m.combined)).toEqual(Array.from(m.calculated)); // no tool on
    expect(m.buffer).toBeNull();
  });

  it('uses the rolling window when asked', () => {
    const r = [0.01, -0.02, 0.03, 0.0];
    const m = marginSeries(r, { mpor: 5, confidence: 0.99, notional: 10, estimator: { kind: 'rolling', window: 2 } });
    const v = rollingVariance(r, 2);
    const k = marginQuantileFactor('var', 0.99) * Math.sqrt(5) * 10;
    r.forEach((_, t) => expect(m.calculated[t]).toBeCloseTo(k * Math.sqrt(v[t]!), 14));
  });

  it('gives zero margins on a zero-variance series (documented), which the metrics reject', () => {
    const m = marginSeries(new Float64Array(30), { apc: { buffer: true, floor10y: true, stressWeight: true } });
    expect(Math.max(...m.combined)).toBe(0);
    expect(() => procyclicalityMetrics(m.combined)).toThrow(EngineInputError);
  });
});

describe('APC option (b): weight on stressed observations', () => {
  it('uses the blended variance (1 − w)σ²_t + w·σ²_stress (property)', () => {
    fc.assert(
      fc.property(returnsArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.1, noNaN: true }), (r, w, sv) => {
        const m = marginSeries(r, { mpor: 5, confidence: 0.99, apc: { stressWeight: { weight: w, stressVol: sv } } });
        const v = ewmaVariance(r);
        const k = marginQuantileFactor('var', 0.99) * Math.sqrt(5);
        for (let t = 0; t < r.length; t++) {
          expect(m.stressWeighted!.margin[t]).toBeCloseTo(k * Math.sqrt((1 - w) * v[t]! + w * sv * sv), 12);
        }
      }),
    );
  });

  it('takes the stressed variance from the worst full window so far, with no look-ahead (hand values)', () => {
    // W = 2 on (0.01, 0.03, 0.01, 0.01): windows end at t = 1: (1e-4 + 9e-4)/2 = 5e-4; t = 2: 5e-4; t = 3: 1e-4.
    // Day 0 uses the expanding mean 1e-4; after that the running maximum 5e-4.
    expect(Array.from(stressedVariance([0.01, 0.03, 0.01, 0.01], 2)).map((x) => +x.toExponential(10))).toEqual([1e-4, 5e-4, 5e-4, 5e-4]);
  });

  it('is flagged EMIR-compliant only with a weight of at least 25 %', () => {
    const r = [0.01, -0.01, 0.02];
    expect(marginSeries(r, { apc: { stressWeight: { weight: 0.25, stressVol: 0.03 } } }).emirCompliant.stressWeight).toBe(true);
    expect(marginSeries(r, { apc: { stressWeight: { weight: 0.2, stressVol: 0.03 } } }).emirCompliant.stressWeight).toBe(false);
  });
});

describe('APC option (c): 10-year volatility floor', () => {
  it('never lets the margin fall below the margin at the long-lookback volatility (property)', () => {
    fc.assert(
      fc.property(returnsArb, fc.integer({ min: 1, max: 50 }), (r, L) => {
        // Lookback of L days via years = 1 and daysPerYear = L.
        const m = marginSeries(r, { mpor: 2, confidence: 0.99, apc: { floor10y: { years: 1, daysPerYear: L } } });
        const k = marginQuantileFactor('var', 0.99) * Math.sqrt(2);
        const v10 = rollingVariance(r, L);
        for (let t = 0; t < r.length; t++) {
          const floor = k * Math.sqrt(v10[t]!);
          expect(m.floor10y!.margin[t]).toBeGreaterThanOrEqual(floor * (1 - 1e-12));
          expect(m.floor10y!.margin[t]).toBeCloseTo(Math.max(m.calculated[t]!, floor), 12);
        }
      }),
    );
  });

  it('uses a given long-run volatility when the series is shorter than the lookback', () => {
    const m = marginSeries([0.001, 0.001, 0.001], { mpor: 5, confidence: 0.99, apc: { floor10y: { sigma: 0.012 } } });
    const k = marginQuantileFactor('var', 0.99) * Math.sqrt(5);
    for (const x of m.floor10y!.margin) expect(x).toBeCloseTo(k * 0.012, 14);
    expect(m.emirCompliant.floor10y).toBe(true);
  });
});

describe('APC option (a): releasable buffer', () => {
  it('follows the state machine on a hand-computed series', () => {
    // B = 25 %, release when C rises > 10 % over 1 day, rebuild over 2 days.
    // t0–2: C = 1, full buffer → 1.25. t3: C = 2 (+100 %) → released: b = clamp(1.25/2 − 1, 0, 0.25) = 0 → 2.
    // t4: C = 2, not rising → rebuild b = 0.125 → 2.25. t5: b = 0.25 → 2.5 (full). t6: 2.5. t7: C = 1 → 1.25.
    const out = applyMarginBuffer([1, 1, 1, 2, 2, 2, 2, 1], { fraction: 0.25, releaseThreshold: 0.1, releaseLookback: 1, rebuildDays: 2 });
    expect(Array.from(out.margin)).toEqual([1.25, 1.25, 1.25, 2, 2.25, 2.5, 2.5, 1.25]);
    expect(Array.from(out.state)).toEqual([BUFFER_FULL, BUFFER_FULL, BUFFER_FULL, BUFFER_RELEASED, BUFFER_REBUILDING, BUFFER_FULL, BUFFER_FULL, BUFFER_FULL]);
  });

  it('absorbs a moderate rise entirely: the posted margin stays flat while the buffer lasts', () => {
    // C: 1 → 1.1 → 1.2 (each +10 % > 5 %): b = 1.25/1.1 − 1, then 1.25/1.2 − 1; the margin stays at 1.25.
    const out = applyMarginBuffer([1, 1.1, 1.2], { fraction: 0.25, releaseThreshold: 0.05, releaseLookback: 1 });
    expect(out.margin[1]).toBeCloseTo(1.25, 15);
    expect(out.margin[2]).toBeCloseTo(1.25, 15);
    expect(out.fraction[2]).toBeCloseTo(1.25 / 1.2 - 1, 15);
  });

  it('keeps C ≤ IM ≤ (1 + B)·C, equals (1 + B)·C in calm days and never rises while released unless C exceeds it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 150 }),
        fc.double({ min: 0.25, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 30 }),
        (C, B, g, h, R) => {
          const out = applyMarginBuffer(C, { fraction: B, releaseThreshold: g, releaseLookback: h, rebuildDays: R });
          for (let t = 0; t < C.length; t++) {
            const c = C[t]!;
            const m = out.margin[t]!;
            expect(m).toBeGreaterThanOrEqual(c);
            expect(m).toBeLessThanOrEqual((1 + B) * c * (1 + 1e-12));
            if (out.state[t] === BUFFER_FULL) expect(m).toBeCloseTo((1 + B) * c, 12);
            if (out.state[t] === BUFFER_RELEASED && t > 0) expect(m).toBeLessThanOrEqual(Math.max(out.margin[t - 1]!, c) * (1 + 1e-12));
          }
        },
      ),
    );
  });

  it('in marginSeries: margin ≥ 1.25·calculated in calm days and ≥ calculated always', () => {
    const r = regimeReturns(defaultParams(regimeReturnsParams)).returns;
    const m = marginSeries(r, { apc: { buffer: true } });
    const b = m.buffer!;
    let calmDays = 0;
    for (let t = 0; t < r.length; t++) {
      expect(b.margin[t]).toBeGreaterThanOrEqual(m.calculated[t]!);
      if (b.state[t] === BUFFER_FULL) {
        calmDays++;
        expect(b.margin[t]).toBeCloseTo(1.25 * m.calculated[t]!, 12);
      }
    }
    expect(calmDays).toBeGreaterThan(r.length / 2); // the default series is mostly calm
    expect(b.state.some((s) => s === BUFFER_RELEASED)).toBe(true); // and the stress episode releases the buffer
  });
});

describe('APC tools together and their effect', () => {
  it('combined = buffer applied to max(IM(σ_blend), IM(σ_10y))', () => {
    const r = regimeReturns({ calmDays: 300, stressDays: 40, recoveryDays: 200, calmVol: 0.15, stressVol: 0.6, seed: 9 }).returns;
    const opts = { buffer: { fraction: 0.3 }, stressWeight: { weight: 0.25, stressVol: 0.03 }, floor10y: { sigma: 0.009 } };
    const m = marginSeries(r, { apc: opts });
    const k = marginQuantileFactor('var', 0.99) * Math.sqrt(5);
    const calc = Array.from(r, (_, t) => Math.max(m.stressWeighted!.margin[t]!, k * 0.009));
    expect(Array.from(m.combined)).toEqual(Array.from(applyMarginBuffer(calc, { fraction: 0.3 }).margin));
  });

  it('reduces the peak-to-trough ratio and the largest 5-day increase on every one of 20 regime series', () => {
    // Statistical effect: the floor lifts calm margins and the buffer absorbs the first rise. An APC set that failed
    // to do this on any of 20 seeds would be broken, not unlucky.
    for (let seed = 1; seed <= 20; seed++) {
      const r = regimeReturns({ ...defaultParams(regimeReturnsParams), seed }).returns;
      const m = marginSeries(r, { apc: { buffer: true, stressWeight: true, floor10y: true } });
      const base = procyclicalityMetrics(m.calculated, { horizonDays: 5, from: 20 });
      const apc = procyclicalityMetrics(m.combined, { horizonDays: 5, from: 20 });
      expect(apc.peakToTrough).toBeLessThan(base.peakToTrough);
      expect(apc.maxIncreaseRatio).toBeLessThan(base.maxIncreaseRatio);
    }
  });

  it('is deterministic (same input, same output) and rejects bad tool options', () => {
    const r = regimeReturns({ ...defaultParams(regimeReturnsParams), seed: 4 }).returns;
    const all = { buffer: true, stressWeight: true, floor10y: true };
    expect(marginSeries(r, { apc: all }).combined).toEqual(marginSeries(r, { apc: all }).combined);
    expect(() => marginSeries(r, { apc: { stressWeight: { weight: 1.5 } } })).toThrow(EngineInputError);
    expect(() => marginSeries(r, { apc: { buffer: { rebuildDays: 0 } } })).toThrow(EngineInputError);
    expect(() => marginSeries(r, { estimator: { kind: 'ewma', lambda: 1 } })).toThrow(EngineInputError);
  });
});
