import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { debtRank, interbankLeverageMatrix } from './debtRank';
import { largestEigenvalue, perronRoot } from './perron';
import { solveLinearSystem } from './linearSolve';

const squareArb = (maxN: number, maxEntry: number) =>
  fc.integer({ min: 1, max: maxN }).chain((n) =>
    fc.record({
      exposures: fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: maxEntry, noNaN: true })), { minLength: n, maxLength: n }), {
        minLength: n,
        maxLength: n,
      }),
      equity: fc.array(fc.double({ min: 0.5, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
      shock: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: n, maxLength: n }),
    }).map((s) => {
      s.exposures.forEach((row, i) => (row[i] = 0));
      return s;
    }),
  );

describe('debtRank: hand examples', () => {
  it('Battiston rule on a chain: distress passes down once with W = min(1, A_ij/E_i)', () => {
    // Bank 0 holds a claim of 5 on bank 1 (E_0 = 10 → W = 0.5); bank 1 holds 20 on bank 2 (E_1 = 10 → W = 1).
    // Shock: h_2 = 0.5. Step 1: h_1 = 1·0.5 = 0.5. Step 2: h_0 = 0.5·0.5 = 0.25. Step 3: bank 0 propagates to nobody.
    // equityLoss = (10·0.25 + 10·0.5 + 20·0.5) / 40 = 17.5/40 = 0.4375; initial loss = 10/40 = 0.25.
    const r = debtRank({
      exposures: [
        [0, 5, 0],
        [0, 0, 20],
        [0, 0, 0],
      ],
      equity: [10, 10, 20],
      shock: [0, 0, 0.5],
    });
    expect(r.distress).toEqual([0.25, 0.5, 0.5]);
    expect(r.rounds).toBe(3);
    expect(r.equityLoss).toBeCloseTo(0.4375, 15);
    expect(r.initialLoss).toBeCloseTo(0.25, 15);
    expect(r.debtRank).toBeCloseTo(0.1875, 15);
    expect(r.absoluteLoss).toBeCloseTo(17.5, 13);
    expect(r.lossByRound).toEqual([0.25, 0.375, 0.4375, 0.4375]);
  });

  it('a two-bank loop: Battiston stops after one pass, linear DebtRank sums the geometric series', () => {
    // A_01 = A_10 = 5, E = 10: Λ = [[0, ½], [½, 0]]. Shock h_0 = 0.4.
    // Battiston: step 1 h_1 = 0.2; step 2 h_0 = 0.4 + 0.5·0.2 = 0.5 (bank 0 is inactive, stops). Final (0.5, 0.2).
    // Linear: (I − Λ)^{-1} = (1/0.75)[[1, ½], [½, 1]] → h = (0.4/0.75, 0.2/0.75) = (8/15, 4/15).
    const x = {
      exposures: [
        [0, 5],
        [5, 0],
      ],
      equity: [10, 10],
      shock: [0.4, 0],
    };
    const b = debtRank(x);
    expect(b.distress[0]).toBeCloseTo(0.5, 15);
    expect(b.distress[1]).toBeCloseTo(0.2, 15);
    expect(b.rounds).toBe(2);
    const l = debtRank({ ...x, rule: 'linear' });
    expect(l.distress[0]).toBeCloseTo(8 / 15, 12);
    expect(l.distress[1]).toBeCloseTo(4 / 15, 12);
    expect(l.converged).toBe(true);
  });

  it('unstable regime: with λ_max(Λ) = 2 > 1 a small shock ends in default', () => {
    const x = {
      exposures: [
        [0, 20],
        [20, 0],
      ],
      equity: [10, 10],
      shock: [0.01, 0],
      rule: 'linear' as const,
    };
    expect(largestEigenvalue(interbankLeverageMatrix(x.exposures, x.equity))).toBeCloseTo(2, 9);
    const r = debtRank(x);
    expect(r.distress).toEqual([1, 1]);
    expect(r.defaults).toBe(2);
  });
});

describe('debtRank: properties', () => {
  it('0 ≤ shock ≤ h ≤ 1 for both rules, and the loss is non-decreasing by round', () => {
    fc.assert(
      fc.property(squareArb(8, 20), fc.boolean(), (x, linear) => {
        const r = debtRank({ ...x, rule: linear ? 'linear' : 'battiston2012' });
        r.distress.forEach((h, i) => {
          expect(h).toBeGreaterThanOrEqual(x.shock[i]!);
          expect(h).toBeLessThanOrEqual(1);
        });
        for (let t = 1; t < r.lossByRound.length; t++) expect(r.lossByRound[t]!).toBeGreaterThanOrEqual(r.lossByRound[t - 1]! - 1e-15);
        expect(r.equityLoss).toBeLessThanOrEqual(1 + 1e-12);
        if (!linear) expect(r.rounds).toBeLessThanOrEqual(x.equity.length);
        else expect(r.converged).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('linear regime limit: when λ_max < 1 and nobody saturates, h = (I − Λ)^{-1} h(1)', () => {
    let checked = 0;
    fc.assert(
      fc.property(squareArb(8, 3), (x) => {
        const lam = interbankLeverageMatrix(x.exposures, x.equity);
        const rho = largestEigenvalue(lam);
        const shock = x.shock.map((s) => s * 0.05); // small shocks keep h below 1
        const r = debtRank({ ...x, shock, rule: 'linear' });
        if (rho >= 0.95 || r.distress.some((h) => h >= 1)) return;
        checked++;
        const n = shock.length;
        const m = lam.map((row, i) => row.map((v, j) => (i === j ? 1 : 0) - v));
        const exact = solveLinearSystem(m, shock);
        // Stopping rule: remaining increments ≤ 1e-13 (geometric tail); (I − Λ)^{-1} magnifies by ≤ 1/(1 − ρ) ≤ 20.
        for (let i = 0; i < n; i++) expect(Math.abs(r.distress[i]! - exact[i]!)).toBeLessThan(1e-10);
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(50);
  });

  it('the Battiston rule never exceeds the linear rule when nobody saturates in the linear run', () => {
    // Battiston passes each node's distress on once at most; linear passes every increment. With no
    // saturation and W = Λ (all Λ_ij ≤ 1), the Battiston walk is a sub-sum of the linear series.
    fc.assert(
      fc.property(squareArb(6, 1), (x) => {
        const shock = x.shock.map((s) => s * 0.05);
        const lin = debtRank({ ...x, shock, rule: 'linear' });
        if (lin.distress.some((h) => h >= 1)) return;
        const bat = debtRank({ ...x, shock });
        bat.distress.forEach((h, i) => expect(h).toBeLessThanOrEqual(lin.distress[i]! + 1e-12));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects bad input', () => {
    const bad = (f: () => unknown, code: string) => {
      expect(f).toThrow(EngineInputError);
      try {
        f();
      } catch (e) {
        expect((e as EngineInputError).code).toBe(code);
      }
    };
    bad(() => debtRank({ exposures: [[0, 1]], equity: [1], shock: [0] }), 'invalid-shape');
    bad(() => debtRank({ exposures: [[0, 1], [1, 0]], equity: [1, 0], shock: [0, 0] }), 'out-of-range');
    bad(() => debtRank({ exposures: [[0, 1], [1, 0]], equity: [1, 1], shock: [0, 1.5] }), 'out-of-range');
    bad(() => debtRank({ exposures: [[0, 1], [1, 0]], equity: [1, 1], shock: [0, Number.NaN] }), 'not-finite');
    bad(() => debtRank({ exposures: [[2, 1], [1, 0]], equity: [1, 1], shock: [0, 0] }), 'invalid-parameter');
  });
});

describe('largestEigenvalue (Perron root)', () => {
  it('hand cases: symmetric, periodic (cycle), reducible, zero', () => {
    expect(largestEigenvalue([[0, 2], [2, 0]])).toBeCloseTo(2, 9);
    // A 3-cycle is periodic: plain power iteration would oscillate; the shift makes it converge to 1.
    expect(largestEigenvalue([[0, 1, 0], [0, 0, 1], [1, 0, 0]])).toBeCloseTo(1, 9);
    // Reducible lower-triangular matrix: eigenvalues are the diagonal, ρ = 3.
    const red = perronRoot([[1, 0], [5, 3]]);
    expect(red.value).toBeCloseTo(3, 8);
    expect(red.lower).toBeLessThanOrEqual(3);
    expect(red.upper).toBeGreaterThanOrEqual(3 - 1e-12);
    expect(largestEigenvalue([[0, 0], [0, 0]])).toBe(0);
    // [[1, 2], [3, 4]]: ρ = (5 + √33)/2.
    expect(largestEigenvalue([[1, 2], [3, 4]])).toBeCloseTo((5 + Math.sqrt(33)) / 2, 9);
  });

  it('bounds bracket the value and the vector satisfies A v ≈ ρ v on random positive matrices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) =>
          fc.array(fc.array(fc.double({ min: 0.01, max: 5, noNaN: true }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
        ),
        (m) => {
          const r = perronRoot(m);
          expect(r.converged).toBe(true);
          expect(r.lower).toBeLessThanOrEqual(r.value);
          expect(r.value).toBeLessThanOrEqual(r.upper);
          const rowSums = m.map((row) => row.reduce((s, v) => s + v, 0));
          expect(r.value).toBeGreaterThanOrEqual(Math.min(...rowSums) * (1 - 1e-9));
          expect(r.value).toBeLessThanOrEqual(Math.max(...rowSums) * (1 + 1e-9));
          m.forEach((row, i) => {
            const av = row.reduce((s, v, j) => s + v * r.vector[j]!, 0);
            expect(Math.abs(av - r.value * r.vector[i]!)).toBeLessThan(1e-8 * r.value);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
