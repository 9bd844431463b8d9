/**
 * Round-by-round traces used by the chapter's network figures: the `trace`
 * option of `clearingVector` (fictitious default rounds) and the
 * `recordDistress` option of `debtRank`.
 */
import fc from 'fast-check';
import { clearingVector, type ClearingInput } from './eisenbergNoe';
import { debtRank } from './debtRank';

const golden: ClearingInput = {
  liabilities: [
    [0, 0.5, 0.5],
    [0.5, 0, 0.5],
    [0.5, 0.5, 0],
  ],
  externalAssets: [1 / 2, 5 / 8, 3 / 4],
  externalLiabilities: [3 / 2, 1 / 2, 1 / 2],
};

const systemArb = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.record({
    liabilities: fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 5, noNaN: true })), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
    externalAssets: fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
    externalLiabilities: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 5, noNaN: true })), { minLength: n, maxLength: n }),
    alpha: fc.double({ min: 0, max: 1, noNaN: true }),
    beta: fc.double({ min: 0, max: 1, noNaN: true }),
    senior: fc.boolean(),
  }).map((s) => {
    s.liabilities.forEach((row, i) => (row[i] = 0));
    return s;
  }),
);

describe('clearingVector trace', () => {
  it('replays the golden example: nobody, then bank 1, then banks 1 and 2 (models.md golden values)', () => {
    const r = clearingVector({ ...golden, trace: true });
    const t = r.trace!;
    expect(t.length).toBe(r.rounds + 1);
    expect(t[0]!.defaulted).toEqual([false, false, false]);
    expect(t[0]!.payments).toEqual(r.obligations);
    expect(t.at(-1)!.defaulted).toEqual([true, true, false]);
    expect(t.at(-1)!.payments[0]).toBeCloseTo(165 / 112, 12);
    expect(t.at(-1)!.payments[1]).toBeCloseTo(159 / 112, 12);
    // Bank 1 (index 0) is short of its obligations first: 1/2 + 1/2 + 1/2 < 5/2.
    expect(t[1]!.defaulted[0]).toBe(true);
  });

  it('is absent unless asked for', () => {
    expect(clearingVector(golden).trace).toBeUndefined();
  });

  it('has nested default sets, starts from full payment and ends at the result (property)', () => {
    fc.assert(
      fc.property(systemArb, (s) => {
        const x: ClearingInput = {
          liabilities: s.liabilities,
          externalAssets: s.externalAssets,
          externalLiabilities: s.externalLiabilities,
          recovery: { alpha: s.alpha, beta: s.beta },
          externalSeniority: s.senior ? 'senior' : 'pari-passu',
        };
        const r = clearingVector({ ...x, trace: true });
        const t = r.trace!;
        expect(t.length).toBe(r.rounds + 1);
        expect(t[0]!.defaulted.every((d) => !d)).toBe(true);
        t[0]!.payments.forEach((p, i) => expect(p).toBeCloseTo(r.obligations[i]!, 12));
        for (let k = 1; k < t.length; k++) {
          t[k - 1]!.defaulted.forEach((d, i) => {
            if (d) expect(t[k]!.defaulted[i]).toBe(true);
          });
          // Each round adds at least one bank to the default set.
          expect(t[k]!.defaulted.filter(Boolean).length).toBeGreaterThan(t[k - 1]!.defaulted.filter(Boolean).length);
        }
        const last = t.at(-1)!;
        expect(last.defaulted).toEqual(r.defaulted);
        last.payments.forEach((p, i) => expect(p).toBeCloseTo(r.payments[i]!, 9));
        last.equity.forEach((e, i) => expect(e).toBeCloseTo(r.equity[i]!, 9));
      }),
      { numRuns: 200 },
    );
  });
});

describe('debtRank recordDistress', () => {
  it('records the shock, every step and the final distress', () => {
    const p = {
      exposures: [
        [0, 5, 0],
        [0, 0, 20],
        [0, 0, 0],
      ],
      equity: [10, 10, 20],
      shock: [0, 0, 0.5],
    };
    const r = debtRank({ ...p, recordDistress: true });
    expect(r.distressByRound).toEqual([
      [0, 0, 0.5],
      [0, 0.5, 0.5],
      [0.25, 0.5, 0.5],
      [0.25, 0.5, 0.5],
    ]);
    expect(r.distressByRound!.length).toBe(r.lossByRound.length);
    expect(debtRank(p).distressByRound).toBeUndefined();
  });

  it('is non-decreasing bank by bank and matches lossByRound, for both rules (property)', () => {
    const arb = fc.integer({ min: 1, max: 6 }).chain((n) =>
      fc.record({
        exposures: fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 3, noNaN: true })), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
        equity: fc.array(fc.double({ min: 0.5, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
        shock: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
        linear: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(arb, (s) => {
        s.exposures.forEach((row, i) => (row[i] = 0));
        const r = debtRank({ exposures: s.exposures, equity: s.equity, shock: s.shock, rule: s.linear ? 'linear' : 'battiston2012', recordDistress: true, maxRounds: 2000 });
        const d = r.distressByRound!;
        expect(d[0]).toEqual(s.shock);
        expect(d.at(-1)).toEqual(r.distress);
        const E = s.equity.reduce((a, b) => a + b, 0);
        d.forEach((h, k) => {
          if (k > 0) h.forEach((x, i) => expect(x).toBeGreaterThanOrEqual(d[k - 1]![i]! - 1e-15));
          expect(h.reduce((a, x, i) => a + x * s.equity[i]!, 0) / E).toBeCloseTo(r.lossByRound[k]!, 12);
        });
      }),
      { numRuns: 150 },
    );
  });
});
