import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { createRng } from '../core/random';
import { clearingVector, clearingVectorSparse, type ClearingInput } from './eisenbergNoe';
import { clearingVectorNaive } from './clearingNaive';
import { fromDenseMatrix } from './network';

/** The R systemicrisk::default_clearing example (models.md, golden values). */
const golden: ClearingInput = {
  liabilities: [
    [0, 0.5, 0.5],
    [0.5, 0, 0.5],
    [0.5, 0.5, 0],
  ],
  externalAssets: [1 / 2, 5 / 8, 3 / 4],
  externalLiabilities: [3 / 2, 1 / 2, 1 / 2],
};

/** Clearing map residual max_i |p_i − Φ_i(p)| for pari-passu creditors with Rogers–Veraart recovery. */
function fixedPointResidual(x: ClearingInput, p: number[]): number {
  const n = x.externalAssets.length;
  const a = x.recovery?.alpha ?? 1;
  const b = x.recovery?.beta ?? 1;
  const pbar = x.liabilities.map((row, i) => row.reduce((s, v) => s + v, 0) + (x.externalLiabilities?.[i] ?? 0));
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let inc = 0;
    for (let j = 0; j < n; j++) if (pbar[j]! > 0) inc += (x.liabilities[j]![i]! / pbar[j]!) * p[j]!;
    const assets = x.externalAssets[i]! + inc;
    const phi = assets >= pbar[i]! * (1 - 1e-11) ? pbar[i]! : a * x.externalAssets[i]! + b * inc;
    worst = Math.max(worst, Math.abs(phi - p[i]!));
  }
  return worst;
}

/** Senior clearing map residual on interbank payments q: T_i(q) = L̄_i if solvent, else max(0, e_i + I_i − ℓ_i). */
function seniorResidual(x: ClearingInput, q: number[]): number {
  const n = x.externalAssets.length;
  const lbar = x.liabilities.map((row) => row.reduce((s, v) => s + v, 0));
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let inc = 0;
    for (let j = 0; j < n; j++) if (lbar[j]! > 0) inc += (x.liabilities[j]![i]! / lbar[j]!) * q[j]!;
    const ext = x.externalLiabilities?.[i] ?? 0;
    const assets = x.externalAssets[i]! + inc;
    const t = assets >= (lbar[i]! + ext) * (1 - 1e-11) ? lbar[i]! : Math.max(0, assets - ext);
    worst = Math.max(worst, Math.abs(t - q[i]!));
  }
  return worst;
}

/** fast-check arbitrary: a small random system with sparse non-negative liabilities and zero diagonal. */
const systemArb = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.record({
    liabilities: fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 5, noNaN: true })), { minLength: n, maxLength: n }), {
      minLength: n,
      maxLength: n,
    }),
    externalAssets: fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
    externalLiabilities: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 5, noNaN: true })), { minLength: n, maxLength: n }),
  }).map((s) => {
    s.liabilities.forEach((row, i) => (row[i] = 0));
    return s as ClearingInput;
  }),
);

describe('clearingVector: golden value and hand examples', () => {
  it('reproduces the systemicrisk example: payments (165/112, 159/112, 3/2), banks 1 and 2 default', () => {
    const r = clearingVector(golden);
    expect(r.payments[0]).toBeCloseTo(165 / 112, 12);
    expect(r.payments[1]).toBeCloseTo(159 / 112, 12);
    expect(r.payments[2]).toBeCloseTo(3 / 2, 12);
    expect(Math.abs(r.payments[0]! - 165 / 112)).toBeLessThan(1e-12);
    expect(Math.abs(r.payments[1]! - 159 / 112)).toBeLessThan(1e-12);
    expect(r.defaulted).toEqual([true, true, false]);
    // Hand trace of the fictitious default algorithm:
    // round 1: bank 0 has 1/2 + 1/2 + 1/2 = 3/2 < p̄_0 = 5/2 → D = {0}; solving p_0 = 1/2 + (1/3)(3/2) + (1/3)(3/2) = 3/2;
    // round 2: bank 1 now has 5/8 + (1/5)(3/2) + 1/2 = 57/40 < 3/2 → D = {0, 1}; solve the 2×2 system;
    // check: bank 2 has 3/4 + (165 + 159)/336 = 1.714… ≥ 3/2, so no new default.
    expect(r.rounds).toBe(2);
    // Bank 2's equity: 3/4 + (1/5)(165/112) + (1/3)(159/112) − 3/2 = 3/4 + 33/112 + 53/112 − 3/2 = 1/28.
    expect(r.equity[2]).toBeCloseTo(3 / 4 + 86 / 112 - 3 / 2, 12);
    expect(r.equity[0]).toBe(0);
  });

  it('a chain defaults one bank per round, so rounds reach n, and a tie counts as solvent', () => {
    // Bank i owes bank i+1 one unit (i = 0, 1, 2); bank 3 owes one unit to outside creditors.
    // With e = (1/2, 1/4, 1/8, e3): p_0 = 1/2, p_1 = 1/4 + 1/2 = 3/4, p_2 = 1/8 + 3/4 = 7/8,
    // and bank 3 has e3 + 7/8. Dyadic numbers keep the arithmetic exact.
    const chain = (e3: number): ClearingInput => ({
      liabilities: [
        [0, 1, 0, 0],
        [0, 0, 1, 0],
        [0, 0, 0, 1],
        [0, 0, 0, 0],
      ],
      externalAssets: [0.5, 0.25, 0.125, e3],
      externalLiabilities: [0, 0, 0, 1],
    });
    const tie = clearingVector(chain(0.125)); // bank 3 has exactly 1 = p̄_3: solvent, zero equity
    expect(tie.payments).toEqual([0.5, 0.75, 0.875, 1]);
    expect(tie.defaulted).toEqual([true, true, true, false]);
    expect(tie.rounds).toBe(3);
    expect(tie.equity[3]).toBe(0);
    const short = clearingVector(chain(0.0625)); // 15/16 < 1: the fourth bank defaults in round 4 = n
    expect(short.payments).toEqual([0.5, 0.75, 0.875, 0.9375]);
    expect(short.rounds).toBe(4);
  });

  it('senior external creditors change who defaults (hand example)', () => {
    // Bank 0: e = 1, owes outsiders 1 and bank 1 one unit (p̄ = 2): it defaults and pays its 1.
    //   pari passu: ½ to outsiders, ½ to bank 1; senior: 1 to outsiders, 0 to bank 1.
    // Bank 1: e = 0.6, owes outsiders 1.
    //   pari passu: 0.6 + 0.5 = 1.1 ≥ 1, solvent with equity 0.1; senior: 0.6 < 1, defaults and pays 0.6.
    const x: ClearingInput = {
      liabilities: [
        [0, 1],
        [0, 0],
      ],
      externalAssets: [1, 0.6],
      externalLiabilities: [1, 1],
    };
    const pp = clearingVector(x);
    expect(pp.payments[0]).toBeCloseTo(1, 14);
    expect(pp.interbankPayments[0]).toBeCloseTo(0.5, 14);
    expect(pp.externalPayments[0]).toBeCloseTo(0.5, 14);
    expect(pp.defaulted).toEqual([true, false]);
    expect(pp.equity[1]).toBeCloseTo(0.1, 14);
    const sen = clearingVector({ ...x, externalSeniority: 'senior' });
    expect(sen.payments[0]).toBeCloseTo(1, 14);
    expect(sen.interbankPayments[0]).toBe(0);
    expect(sen.externalPayments[0]).toBeCloseTo(1, 14);
    expect(sen.defaulted).toEqual([true, true]);
    expect(sen.payments[1]).toBeCloseTo(0.6, 14);
  });

  it('Rogers–Veraart default costs: hand example and the value lost', () => {
    // Bank 0: e = 1, owes bank 1 two units → defaults, pays α·1 = 0.5.
    // Bank 1: e = 0.5, owes outsiders 2; assets 0.5 + 0.5 = 1 < 2 → defaults, pays α·0.5 + β·0.5 = 0.5.
    // Costs: bank 0 loses 1 − 0.5 = 0.5; bank 1 loses 1 − 0.5 = 0.5; Σe = 1.5 = 0 equity + 0.5 paid out + 1.0 lost.
    const x: ClearingInput = {
      liabilities: [
        [0, 2],
        [0, 0],
      ],
      externalAssets: [1, 0.5],
      externalLiabilities: [0, 2],
      recovery: { alpha: 0.5, beta: 0.5 },
    };
    const r = clearingVector(x);
    expect(r.payments[0]).toBeCloseTo(0.5, 14);
    expect(r.payments[1]).toBeCloseTo(0.5, 14);
    expect(r.defaultCosts[0]).toBeCloseTo(0.5, 14);
    expect(r.defaultCosts[1]).toBeCloseTo(0.5, 14);
    expect(r.valueLost).toBeCloseTo(1, 14);
    // Eisenberg–Noe on the same system: bank 1 receives 1 and pays 1.5 in total.
    const en = clearingVector({ ...x, recovery: { alpha: 1, beta: 1 } });
    expect(en.payments).toEqual([1, 1.5]);
    expect(en.valueLost).toBe(0);
  });

  it('Rogers–Veraart returns the greatest of several clearing vectors', () => {
    // Two banks each owe the other 1 and have no external assets or debts.
    // With default costs, p = (1, 1) (both pay, nobody defaults) and p = (0, 0) both clear;
    // the greatest clearing vector is (1, 1).
    const r = clearingVector({
      liabilities: [
        [0, 1],
        [1, 0],
      ],
      externalAssets: [0, 0],
      recovery: { alpha: 0, beta: 0 },
    });
    expect(r.payments).toEqual([1, 1]);
    expect(r.defaulted).toEqual([false, false]);
  });

  it('accepts banks with no liabilities and disconnected networks', () => {
    const r = clearingVector({
      liabilities: [
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 2],
        [0, 0, 0, 0],
      ],
      externalAssets: [1, 0, 0.5, 0],
    });
    expect(r.payments).toEqual([0, 0, 0.5, 0]);
    expect(r.defaulted).toEqual([false, false, true, false]);
    expect(r.equity).toEqual([1, 0, 0, 0.5]);
    expect(clearingVector({ liabilities: [], externalAssets: [] }).payments).toEqual([]);
  });
});

describe('clearingVector: invariants (property tests)', () => {
  it('payments lie in [0, p̄], equity ≥ 0, and money is conserved with α = β = 1', () => {
    fc.assert(
      fc.property(systemArb, (x) => {
        const r = clearingVector(x);
        const scale = Math.max(1, ...r.obligations);
        for (let i = 0; i < r.payments.length; i++) {
          expect(r.payments[i]!).toBeGreaterThanOrEqual(0);
          expect(r.payments[i]!).toBeLessThanOrEqual(r.obligations[i]! + 1e-12 * scale);
          expect(r.equity[i]!).toBeGreaterThanOrEqual(0);
          if (r.defaulted[i]) expect(r.equity[i]).toBe(0);
        }
        // Σ e = Σ E + Σ paid to external creditors (nothing is lost without default costs).
        const lhs = x.externalAssets.reduce((s, v) => s + v, 0);
        const rhs = r.equity.reduce((s, v) => s + v, 0) + r.externalPayments.reduce((s, v) => s + v, 0);
        expect(Math.abs(lhs - rhs)).toBeLessThan(1e-9 * scale);
        expect(r.valueLost).toBe(0);
        expect(r.rounds).toBeLessThanOrEqual(x.externalAssets.length);
      }),
      { numRuns: 300 },
    );
  });

  it('with default costs the money missing is exactly the value lost', () => {
    fc.assert(
      fc.property(systemArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, alpha, beta) => {
        const r = clearingVector({ ...x, recovery: { alpha, beta } });
        const scale = Math.max(1, ...r.obligations);
        const lhs = x.externalAssets.reduce((s, v) => s + v, 0);
        const rhs = r.equity.reduce((s, v) => s + v, 0) + r.externalPayments.reduce((s, v) => s + v, 0) + r.valueLost;
        expect(Math.abs(lhs - rhs)).toBeLessThan(1e-9 * scale);
        expect(r.valueLost).toBeGreaterThanOrEqual(0);
        expect(fixedPointResidual({ ...x, recovery: { alpha, beta } }, r.payments)).toBeLessThan(1e-9 * scale);
      }),
      { numRuns: 300 },
    );
  });

  it('is a fixed point of the clearing map and equals the greatest one found by plain Picard iteration', () => {
    fc.assert(
      fc.property(systemArb, (x) => {
        const r = clearingVector(x);
        const scale = Math.max(1, ...r.obligations);
        expect(fixedPointResidual(x, r.payments)).toBeLessThan(1e-10 * scale);
        const naive = clearingVectorNaive(x);
        // Picard converges from above to the greatest fixed point; any other fixed point would be lower.
        // It converges only geometrically: systems that mix too slowly to meet its stopping rule within
        // 100,000 iterations (no external assets, tiny leaks) are compared on the residual above only.
        if (naive.converged) {
          for (let i = 0; i < r.payments.length; i++) expect(Math.abs(naive.payments[i]! - r.payments[i]!)).toBeLessThan(1e-8 * scale);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('direct, iterative and sparse solves agree', () => {
    fc.assert(
      fc.property(systemArb, fc.boolean(), (x, senior) => {
        const input: ClearingInput = { ...x, externalSeniority: senior ? 'senior' : 'pari-passu' };
        const d = clearingVector({ ...input, method: 'direct' });
        const it = clearingVector({ ...input, method: 'iterative' });
        const sp = clearingVectorSparse({
          network: fromDenseMatrix(x.liabilities),
          externalAssets: x.externalAssets,
          externalLiabilities: x.externalLiabilities,
          externalSeniority: input.externalSeniority,
        });
        const scale = Math.max(1, ...d.obligations);
        const residual = senior ? seniorResidual(x, d.interbankPayments) : fixedPointResidual(x, d.payments);
        expect(residual).toBeLessThan(1e-10 * scale);
        for (let i = 0; i < d.payments.length; i++) {
          expect(Math.abs(it.payments[i]! - d.payments[i]!)).toBeLessThan(1e-9 * scale);
          expect(Math.abs(sp.payments[i]! - d.payments[i]!)).toBeLessThan(1e-9 * scale);
          expect(sp.defaulted[i] === 1).toBe(d.defaulted[i]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('payments rise and defaults fall when any bank gets more external assets', () => {
    fc.assert(
      fc.property(systemArb, fc.nat(), fc.double({ min: 0, max: 3, noNaN: true }), (x, k, bump) => {
        const i = k % x.externalAssets.length;
        const richer = x.externalAssets.slice();
        richer[i]! += bump;
        const a = clearingVector(x);
        const b = clearingVector({ ...x, externalAssets: richer });
        for (let j = 0; j < a.payments.length; j++) {
          expect(b.payments[j]!).toBeGreaterThanOrEqual(a.payments[j]! - 1e-12);
          if (!a.defaulted[j]) expect(b.defaulted[j]).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('senior: every defaulter pays its external creditors first (golden system)', () => {
    const pp = clearingVector(golden);
    const sen = clearingVector({ ...golden, externalSeniority: 'senior' });
    expect(sen.payments).not.toEqual(pp.payments);
    const ext = golden.externalLiabilities!;
    for (let i = 0; i < 3; i++) {
      expect(sen.externalPayments[i]).toBeCloseTo(Math.min(ext[i]!, sen.payments[i]!), 14);
      // Pari passu: external creditors get the share ℓ_i / p̄_i of what the bank pays.
      expect(pp.externalPayments[i]).toBeCloseTo((pp.payments[i]! * ext[i]!) / pp.obligations[i]!, 14);
    }
  });
});

describe('clearingVectorSparse on a large network', () => {
  it('agrees with the plain Picard iteration on a 150-bank system', () => {
    // A ring plus random chords, with some banks short of external assets.
    const n = 150;
    const L: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const e: number[] = [];
    const ext: number[] = [];
    for (let i = 0; i < n; i++) {
      L[i]![(i + 1) % n] = 1 + (i % 3);
      L[i]![(i * 7 + 3) % n === i ? (i + 2) % n : (i * 7 + 3) % n] = 0.5;
      e.push(i % 5 === 0 ? 0.2 : 2.5);
      ext.push(1);
    }
    const sp = clearingVectorSparse({ network: fromDenseMatrix(L), externalAssets: e, externalLiabilities: ext });
    const naive = clearingVectorNaive({ liabilities: L, externalAssets: e, externalLiabilities: ext });
    expect(sp.converged).toBe(true);
    expect(naive.converged).toBe(true);
    let defaults = 0;
    for (let i = 0; i < n; i++) {
      expect(Math.abs(sp.payments[i]! - naive.payments[i]!)).toBeLessThan(1e-9);
      if (sp.defaulted[i]) defaults++;
    }
    expect(defaults).toBeGreaterThan(0);
    expect(sp.rounds).toBeLessThanOrEqual(n);
  });
});

describe('clearingVector: large default sets', () => {
  it('on 300 dense banks with 250+ defaults, the Gauss–Seidel path agrees with the exact direct solve', () => {
    const rng = createRng(5);
    const n = 300;
    const liabilities = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : (0.4 / (n - 1)) * rng.next())));
    const externalAssets = Array.from({ length: n }, () => (rng.next() < 0.6 ? 0.3 : 0.8));
    const x: ClearingInput = { liabilities, externalAssets, externalLiabilities: new Array<number>(n).fill(0.76) };
    const auto = clearingVector(x);
    const direct = clearingVector({ ...x, method: 'direct' });
    const sparseDirect = clearingVectorSparse({ network: fromDenseMatrix(liabilities), externalAssets, externalLiabilities: x.externalLiabilities, method: 'direct' });
    expect(direct.defaulted.filter(Boolean).length).toBeGreaterThan(200);
    expect(auto.sweeps).toBeGreaterThan(0); // the iterative path was used
    expect(auto.defaulted).toEqual(direct.defaulted);
    expect(auto.rounds).toBe(direct.rounds);
    for (let i = 0; i < n; i++) {
      expect(Math.abs(auto.payments[i]! - direct.payments[i]!)).toBeLessThan(1e-11);
      expect(Math.abs(sparseDirect.payments[i]! - direct.payments[i]!)).toBeLessThan(1e-12);
    }
  });
});

describe('clearingVector: bad input', () => {
  const bad = (x: unknown, code: string) => {
    try {
      clearingVector(x as ClearingInput);
    } catch (err) {
      expect(err).toBeInstanceOf(EngineInputError);
      expect((err as EngineInputError).code).toBe(code);
      return;
    }
    throw new Error('expected an EngineInputError');
  };
  it('rejects non-square, negative, NaN, self-loops and length mismatches', () => {
    bad({ liabilities: [[0, 1]], externalAssets: [1] }, 'invalid-shape');
    bad({ liabilities: [[0, -1], [0, 0]], externalAssets: [1, 1] }, 'out-of-range');
    bad({ liabilities: [[0, Number.NaN], [0, 0]], externalAssets: [1, 1] }, 'not-finite');
    bad({ liabilities: [[1, 0], [0, 0]], externalAssets: [1, 1] }, 'invalid-parameter');
    bad({ liabilities: [[0, 1], [0, 0]], externalAssets: [1] }, 'invalid-shape');
    bad({ liabilities: [[0, 1], [0, 0]], externalAssets: [1, 1], externalLiabilities: [1, 2, 3] }, 'invalid-shape');
    bad({ liabilities: [[0, 1], [0, 0]], externalAssets: [1, -1] }, 'out-of-range');
    bad({ liabilities: [[0, 1], [0, 0]], externalAssets: [1, 1], recovery: { alpha: 1.5, beta: 1 } }, 'out-of-range');
    bad({ liabilities: [[0, 1], [0, 0]], externalAssets: [1, 1], externalSeniority: 'junior' }, 'invalid-parameter');
  });
});

describe('clearingVector with subnormal amounts', () => {
  it('never returns NaN: a liability of 1e-310 the debtor cannot pay is a tiny default, not NaN', () => {
    const r = clearingVector({ liabilities: [[0, 1e-310], [0, 0]], externalAssets: [0, 0] });
    for (const v of [...r.payments, ...r.equity]) expect(Number.isFinite(v)).toBe(true);
    expect(r.equity.every((v) => v >= 0)).toBe(true);
  });
});
