import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { createRng } from '../core/random';
import { ccpNettingEfficiency, crossVenueNetting, multilateralNetting } from './netting';

/** Random liability matrices with a zero diagonal (entries 0 with probability ~1/3). */
const matrixArb = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }).map((m) =>
    m.map((row, i) => row.map((v, j) => (i === j ? 0 : v))),
  ),
);

describe('multilateral netting', () => {
  it('hand case: A owes B 10, B owes A 4, B owes C 6, C owes A 3', () => {
    const L = [
      [0, 10, 0],
      [4, 0, 6],
      [3, 0, 0],
    ];
    const r = multilateralNetting(L);
    // receivables A 4 + 3 = 7, B 10, C 6; payables A 10, B 10, C 3.
    expect(r.receivables).toEqual([7, 10, 6]);
    expect(r.payables).toEqual([10, 10, 3]);
    expect(r.net).toEqual([-3, 0, 3]);
    expect(r.bilateralNet).toEqual([
      [0, 6, 0],
      [0, 0, 6],
      [3, 0, 0],
    ]);
    expect(r.grossTotal).toBe(23);
    expect(r.bilateralNetTotal).toBe(15);
    expect(r.multilateralNetTotal).toBe(3);
    expect(r.nettingRatio).toBeCloseTo(1 - 3 / 23, 15);
    // Star through the CCP (node 3): A owes the CCP 3, the CCP owes C 3.
    expect(r.ccpLiabilities[0]![3]).toBe(3);
    expect(r.ccpLiabilities[3]![2]).toBe(3);
    expect(r.ccpLiabilities[1]![3]).toBe(0);
  });

  it('conserves net positions: Σ net = 0, net = receivables − payables, unchanged by bilateral netting and by the CCP', () => {
    fc.assert(
      fc.property(matrixArb, (L) => {
        const r = multilateralNetting(L);
        const n = L.length;
        const tol = 1e-9 * Math.max(1, r.grossTotal);
        expect(Math.abs(r.net.reduce((a, b) => a + b, 0))).toBeLessThanOrEqual(tol);
        const bil = multilateralNetting(r.bilateralNet);
        const star = multilateralNetting(r.ccpLiabilities);
        for (let i = 0; i < n; i++) {
          let rec = 0;
          let pay = 0;
          for (let j = 0; j < n; j++) {
            rec += L[j]![i]!;
            pay += L[i]![j]!;
          }
          expect(Math.abs(r.net[i]! - (rec - pay))).toBeLessThanOrEqual(tol);
          expect(Math.abs(bil.net[i]! - r.net[i]!)).toBeLessThanOrEqual(tol);
          expect(Math.abs(star.net[i]! - r.net[i]!)).toBeLessThanOrEqual(tol);
        }
        expect(Math.abs(star.net[n]!)).toBeLessThanOrEqual(tol); // the CCP is flat
        // Netting only shrinks what is owed.
        expect(r.bilateralNetTotal).toBeLessThanOrEqual(r.grossTotal + tol);
        expect(r.multilateralNetTotal).toBeLessThanOrEqual(r.bilateralNetTotal + tol);
        expect(r.nettingRatio).toBeGreaterThanOrEqual(-1e-12);
        expect(r.nettingRatio).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('an empty network nets to nothing', () => {
    const r = multilateralNetting([]);
    expect(r.grossTotal).toBe(0);
    expect(r.nettingRatio).toBe(0);
    expect(r.ccpLiabilities).toEqual([[0]]);
  });

  it('refuses non-square, negative, non-finite or self-owed input', () => {
    expect(() => multilateralNetting([[0, 1]])).toThrow(EngineInputError);
    expect(() => multilateralNetting([[0, -1], [0, 0]])).toThrow(EngineInputError);
    expect(() => multilateralNetting([[0, Number.NaN], [0, 0]])).toThrow(EngineInputError);
    expect(() => multilateralNetting([[1, 0], [0, 0]])).toThrow(EngineInputError);
    expect(() => multilateralNetting('x' as unknown as number[][])).toThrow(EngineInputError);
  });
});

describe('cross-venue netting', () => {
  it('hand case: a basis trade long 10 BTC on one venue, short 10 on another', () => {
    // Separately: 2 × 10 % × $50,000 × 10 = $100,000; netted: the position is flat, no margin.
    const r = crossVenueNetting({ positions: [[10], [-10]], prices: [50_000], marginRates: 0.1 });
    expect(r.perVenueMargin).toEqual([50_000, 50_000]);
    expect(r.separateMargin).toBe(100_000);
    expect(r.nettedMargin).toBe(0);
    expect(r.saving).toBe(100_000);
    expect(r.netPositions).toEqual([0]);
    expect(r.grossPositions).toEqual([20]);
  });

  it('netting across venues never raises margin, and a single venue gains nothing', () => {
    const arb = fc.integer({ min: 1, max: 5 }).chain((A) =>
      fc.record({
        positions: fc.array(fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: A, maxLength: A }), { minLength: 1, maxLength: 6 }),
        prices: fc.array(fc.double({ min: 0.01, max: 1e5, noNaN: true }), { minLength: A, maxLength: A }),
        marginRates: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: A, maxLength: A }),
      }),
    );
    fc.assert(
      fc.property(arb, (x) => {
        const r = crossVenueNetting(x);
        expect(r.nettedMargin).toBeLessThanOrEqual(r.separateMargin * (1 + 1e-12) + 1e-9);
        expect(r.saving).toBeGreaterThanOrEqual(0);
        const one = crossVenueNetting({ ...x, positions: [x.positions[0]!] });
        expect(one.nettedMargin).toBeCloseTo(one.separateMargin, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses bad input', () => {
    expect(() => crossVenueNetting({ positions: [[1, 2]], prices: [1], marginRates: 0.1 })).toThrow(EngineInputError);
    expect(() => crossVenueNetting({ positions: [[1]], prices: [0], marginRates: 0.1 })).toThrow(EngineInputError);
    expect(() => crossVenueNetting({ positions: [[1]], prices: [1], marginRates: [1.5] })).toThrow(EngineInputError);
    expect(() => crossVenueNetting({ positions: [], prices: [1], marginRates: 0.1 })).toThrow(EngineInputError);
  });
});

describe('expected exposures with and without a CCP (independent normal exposures)', () => {
  it('break-even: clearing 1 of 4 classes needs 15 dealers (N − 1 > 1/(2 − √3)² = 13.93)', () => {
    expect(ccpNettingEfficiency({ dealers: 14, classes: 4, clearedClasses: 1 }).ccpReducesExposure).toBe(false);
    expect(ccpNettingEfficiency({ dealers: 15, classes: 4, clearedClasses: 1 }).ccpReducesExposure).toBe(true);
    expect(ccpNettingEfficiency({ dealers: 5, classes: 4, clearedClasses: 1 }).breakEvenDealers).toBe(15);
    // Clearing every class in one CCP helps as soon as there are 3 dealers: √(2K) < 2√K.
    expect(ccpNettingEfficiency({ dealers: 2, classes: 3, clearedClasses: 3 }).breakEvenDealers).toBe(3);
    expect(ccpNettingEfficiency({ dealers: 5, classes: 3, clearedClasses: 0 }).breakEvenDealers).toBeNull();
  });

  it('the closed forms match a seeded Monte Carlo of the exposures', () => {
    // N = 5 dealers, K = 3 classes, k = 1 cleared; X_ijc = −X_jic ~ N(0, 1). Dealer 0's exposure:
    // bilateral Σ_j max(Σ_c X_0jc, 0); with the CCP max(Σ_j X_0j1, 0) + Σ_j max(X_0j2 + X_0j3, 0).
    const N = 5;
    const K = 3;
    const rng = createRng(2024);
    const trials = 40_000;
    let bil = 0;
    let ccp = 0;
    let bil2 = 0;
    let ccp2 = 0;
    for (let t = 0; t < trials; t++) {
      let b = 0;
      let cleared = 0;
      let rest = 0;
      for (let j = 1; j < N; j++) {
        const x = [rng.normal(), rng.normal(), rng.normal()];
        b += Math.max(0, x[0]! + x[1]! + x[2]!);
        cleared += x[0]!;
        rest += Math.max(0, x[1]! + x[2]!);
      }
      const c = Math.max(0, cleared) + rest;
      bil += b;
      ccp += c;
      bil2 += b * b;
      ccp2 += c * c;
    }
    const e = ccpNettingEfficiency({ dealers: N, classes: K, clearedClasses: 1 });
    // Tolerance: 4 standard errors of each mean (sd ≈ 1.5 → 4·1.5/√40,000 = 0.03); false failures ~6e-5.
    const se = (s: number, s2: number) => Math.sqrt((s2 / trials - (s / trials) ** 2) / trials);
    expect(Math.abs(bil / trials - e.bilateral)).toBeLessThan(4 * se(bil, bil2));
    expect(Math.abs(ccp / trials - e.withCcp)).toBeLessThan(4 * se(ccp, ccp2));
    // (N − 1)√3/√(2π) = 2.7640 and (√4 + 4√2)/√(2π) = 3.0546: here the CCP raises the exposure.
    expect(e.bilateral).toBeCloseTo((4 * Math.sqrt(3)) / Math.sqrt(2 * Math.PI), 12);
    expect(e.withCcp).toBeCloseTo((2 + 4 * Math.sqrt(2)) / Math.sqrt(2 * Math.PI), 12);
    expect(e.ccpReducesExposure).toBe(false);
  });

  it('refuses impossible counts', () => {
    expect(() => ccpNettingEfficiency({ dealers: 1, classes: 2, clearedClasses: 1 })).toThrow(EngineInputError);
    expect(() => ccpNettingEfficiency({ dealers: 3, classes: 2, clearedClasses: 3 })).toThrow(EngineInputError);
    expect(() => ccpNettingEfficiency({ dealers: 3.5, classes: 2, clearedClasses: 1 })).toThrow(EngineInputError);
  });
});
