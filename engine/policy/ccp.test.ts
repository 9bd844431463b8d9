import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { ccpClearing } from './ccp';

describe('CCP clearing in Eisenberg–Noe', () => {
  it('golden case (models.md, R systemicrisk example): netting leaves only bank 1 in default', () => {
    // Gross: external assets (1/2, 5/8, 3/4), external liabilities (3/2, 1/2, 1/2), every interbank liability 0.5:
    // payments (165/112, 159/112, 3/2), banks 1 and 2 default (the golden values).
    // Netted: every pair owes each other 0.5, so all net positions are 0 and no interbank obligation remains;
    // bank 1 pays its external creditors 0.5 of 1.5 and defaults, banks 2 and 3 pay in full (0.625, 0.75 ≥ 0.5).
    const r = ccpClearing({
      liabilities: [
        [0, 0.5, 0.5],
        [0.5, 0, 0.5],
        [0.5, 0.5, 0],
      ],
      externalAssets: [0.5, 0.625, 0.75],
      externalLiabilities: [1.5, 0.5, 0.5],
    });
    expect(r.gross.clearing.payments[0]).toBeCloseTo(165 / 112, 12);
    expect(r.gross.clearing.payments[1]).toBeCloseTo(159 / 112, 12);
    expect(r.gross.clearing.payments[2]).toBeCloseTo(1.5, 12);
    expect(r.gross.defaulted).toEqual([true, true, false]);
    expect(r.gross.outcome.defaults).toBe(2);
    // Unpaid: (2.5 − 165/112) + (1.5 − 159/112) = 115/112 + 9/112 = 124/112.
    expect(r.gross.outcome.badDebt).toBeCloseTo(124 / 112, 12);
    expect(r.ccp.defaulted).toEqual([true, false, false]);
    expect(r.ccp.outcome.defaults).toBe(1);
    expect(r.ccp.outcome.badDebt).toBeCloseTo(1, 12);
    expect(r.bilateral.outcome.defaults).toBe(1);
    expect(r.ccp.ccpDefaulted).toBe(false);
    expect(r.netting.net).toEqual([0, 0, 0]);
    // Fields that do not apply are null, not NaN.
    expect(r.ccp.outcome.peakDislocation).toBeNull();
    expect(r.ccp.outcome.pricePath).toBeNull();
  });

  it('a CCP without a default fund mutualises a loss onto a bank that was safe bilaterally', () => {
    // A owes B 10 and has nothing; C owes D 10 and pays. Bilaterally only A defaults (B has 20 against 10 owed).
    // Through the CCP (F = 0): it receives 0 + 10 and owes B and D 10 each → pays 50 %; D then holds 2 + 5 = 7 < 8.
    const input = {
      liabilities: [
        [0, 10, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 10],
        [0, 0, 0, 0],
      ],
      externalAssets: [0, 20, 10, 2],
      externalLiabilities: [0, 10, 0, 8],
    };
    const r = ccpClearing(input);
    expect(r.gross.defaulted).toEqual([true, false, false, false]);
    expect(r.ccp.defaulted).toEqual([true, false, false, true]);
    expect(r.ccp.ccpDefaulted).toBe(true);
    expect(r.ccp.mutualisedLoss).toBeCloseTo(10, 12);
    // A default fund that covers A's debit (F = 10) restores the bilateral result.
    const funded = ccpClearing({ ...input, defaultFund: 10 });
    expect(funded.ccp.defaulted).toEqual([true, false, false, false]);
    expect(funded.ccp.ccpDefaulted).toBe(false);
    expect(funded.ccp.defaultFundUsed).toBeCloseTo(10, 12);
    expect(funded.ccp.mutualisedLoss).toBe(0);
    // A larger fund is left partly unused.
    expect(ccpClearing({ ...input, defaultFund: 25 }).ccp.defaultFundUsed).toBeCloseTo(10, 12);
  });

  it('a larger default fund never adds a default or unpaid debt (clearing payments are monotone in external assets)', () => {
    // Amounts are 0 or in [1e-6, 10]: subnormal amounts are refused (see 'refuses bad input').
    const amount = (max: number) => fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max, noNaN: true }));
    const arb = fc.integer({ min: 2, max: 8 }).chain((n) =>
      fc.record({
        liabilities: fc
          .array(fc.array(amount(10), { minLength: n, maxLength: n }), { minLength: n, maxLength: n })
          .map((m) => m.map((row, i) => row.map((v, j) => (i === j ? 0 : v)))),
        externalAssets: fc.array(amount(10), { minLength: n, maxLength: n }),
        externalLiabilities: fc.array(amount(10), { minLength: n, maxLength: n }),
        f1: amount(20),
        df: amount(20),
      }),
    );
    fc.assert(
      fc.property(arb, ({ f1, df, ...x }) => {
        const a = ccpClearing({ ...x, defaultFund: f1 });
        const b = ccpClearing({ ...x, defaultFund: f1 + df });
        expect(b.ccp.outcome.defaults!).toBeLessThanOrEqual(a.ccp.outcome.defaults!);
        expect(b.ccp.outcome.badDebt!).toBeLessThanOrEqual(a.ccp.outcome.badDebt! + 1e-9);
        for (const v of [a.gross, a.bilateral, a.ccp]) {
          expect(Number.isFinite(v.outcome.badDebt!)).toBe(true);
          expect(v.equity.every((e) => Number.isFinite(e) && e >= -1e-9)).toBe(true); // solvent inside the engine's 1e-11 tie band
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses bad input', () => {
    // Subnormal amounts would overflow the clearing engine's divisions (its equity turns NaN at 1e-310).
    expect(() => ccpClearing({ liabilities: [[0, 1e-310], [0, 0]], externalAssets: [0, 0] })).toThrow(EngineInputError);
    expect(() => ccpClearing({ liabilities: [[0, 1]], externalAssets: [1] })).toThrow(EngineInputError);
    expect(() => ccpClearing({ liabilities: [[0]], externalAssets: [1], defaultFund: -1 })).toThrow(EngineInputError);
    expect(() => ccpClearing({ liabilities: [[0, 1], [0, 0]], externalAssets: [1] })).toThrow(EngineInputError);
  });
});
