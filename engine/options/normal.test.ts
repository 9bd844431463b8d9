import fc from 'fast-check';
import { erfc, normCdf, normPdf } from './normal';

/** Relative difference. */
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('normCdf', () => {
  it('matches standard values of Φ to ~1e-15 relative, tails included', () => {
    // Standard values of the normal CDF (from the task statement); Φ(−10) and Φ(−5)
    // would be off by 100 % or more with a 7-digit (absolute error 1e-7) approximation.
    expect(rel(normCdf(-10), 7.619853024160527e-24)).toBeLessThan(1e-15);
    expect(rel(normCdf(-5), 2.866515718791939e-7)).toBeLessThan(1e-15);
    expect(rel(normCdf(-1), 0.15865525393145707)).toBeLessThan(1e-15);
    expect(rel(normCdf(1), 0.8413447460685429)).toBeLessThan(1e-15);
    expect(normCdf(0)).toBe(0.5);
  });

  it('agrees with 50-digit arithmetic across all three of Cody’s intervals', () => {
    // Reference values computed independently with mpmath 1.3.0 (mp.dps = 50, mp.ncdf),
    // rounded to double. They cover |x| ≤ 0.674, 0.674 < |x| ≤ √32 and the far tail.
    const table: [number, number][] = [
      [-37, 5.725571222524577e-300],
      [-30, 4.906713927148187e-198],
      [-20, 2.7536241186062337e-89],
      [-8, 6.220960574271784e-16],
      [-3, 0.0013498980316300946],
      [-0.5, 0.3085375387259869],
      [0.3, 0.6179114221889527],
      [2, 0.9772498680518208],
      [5, 0.9999997133484281],
      [8, 0.9999999999999993],
    ];
    for (const [x, phi] of table) expect(rel(normCdf(x), phi)).toBeLessThan(2e-15);
  });

  it('saturates exactly at ±∞ and propagates NaN', () => {
    expect(normCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normCdf(-40)).toBe(0); // true value ≈ 3.6e-350 underflows
    expect(normCdf(9)).toBe(1); // 1 − Φ(9) ≈ 1.1e-19 < half an ulp of 1
    expect(Number.isNaN(normCdf(Number.NaN))).toBe(true);
  });

  it('is symmetric: Φ(x) + Φ(−x) = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), (x) => {
        expect(Math.abs(normCdf(x) + normCdf(-x) - 1)).toBeLessThanOrEqual(2.3e-16);
      }),
    );
  });

  it('is non-decreasing', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 10, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (x, h) => {
        expect(normCdf(x + h)).toBeGreaterThanOrEqual(normCdf(x));
      }),
    );
  });

  it('agrees with the independent erfc route Φ(x) = erfc(−x/√2)/2', () => {
    // Two different Cody approximations (ANORM vs CALERF). Dividing by √2 rounds x by
    // half an ulp, which moves Φ(x) by about x²·1.1e-16 relatively: 1e-13 covers |x| ≤ 26.
    fc.assert(
      fc.property(fc.double({ min: -26, max: 6, noNaN: true }), (x) => {
        const viaErfc = erfc(-x / Math.SQRT2) / 2;
        expect(rel(normCdf(x), viaErfc)).toBeLessThan(1e-13 + 2e-16 * x * x);
      }),
    );
  });
});

describe('normPdf', () => {
  it('matches 50-digit values, including the tails', () => {
    // mpmath 1.3.0, mp.npdf, 50 digits.
    const table: [number, number][] = [
      [0, 0.3989422804014327],
      [1, 0.24197072451914334],
      [-1, 0.24197072451914334],
      [-10, 7.694598626706419e-23],
      [-37, 2.1200065515246056e-298],
    ];
    for (const [x, v] of table) expect(rel(normPdf(x), v)).toBeLessThan(2e-15);
    expect(normPdf(Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('is the derivative of Φ (central difference)', () => {
    for (const x of [-4, -1.3, 0, 0.7, 2.5]) {
      const h = 1e-5;
      // Central-difference error ~ h²·|φ''|/6 < 1e-11, rounding ~ 1e-16/h = 1e-11.
      expect(Math.abs((normCdf(x + h) - normCdf(x - h)) / (2 * h) - normPdf(x))).toBeLessThan(1e-10);
    }
  });
});

describe('erfc', () => {
  it('matches 50-digit values on every interval of CALERF', () => {
    // mpmath 1.3.0, mp.erfc, 50 digits.
    const table: [number, number][] = [
      [-3, 1.9999779095030015],
      [-0.5, 1.5204998778130465],
      [0.2, 0.7772974107895215],
      [1, 0.15729920705028513],
      [2, 0.004677734981047266],
      [3.5, 7.430983723414128e-7],
      [5, 1.537459794428035e-12],
      [10, 2.088487583762545e-45],
      [26, 5.663192408856143e-296],
    ];
    for (const [x, v] of table) expect(rel(erfc(x), v)).toBeLessThan(2e-15);
    expect(erfc(0)).toBe(1);
    expect(erfc(30)).toBe(0);
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2);
  });
});
