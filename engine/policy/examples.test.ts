import { defaultParams } from '../core/params';
import { EngineInputError } from '../core/errors';
import { ccpEfficiencyCurve, ccpEfficiencySpec, crossVenueExample, crossVenueExampleSpec, nettingExample, nettingExampleSpec, smallestFund, threeBankNetting, threeBankSpec } from './examples';
import { ccpNettingEfficiency } from './netting';

const base = defaultParams(nettingExampleSpec);

describe('the four-bank netting example', () => {
  it('has the documented structure: gross 120, bilateral 100, multilateral 20 at the defaults', () => {
    const r = nettingExample(base);
    const n = r.clearing.netting;
    expect(n.grossTotal).toBe(4 * 20 + 10 + 20 + 10);
    expect(n.bilateralNetTotal).toBe(4 * 20 + 10 + 10);
    expect(n.multilateralNetTotal).toBe(20);
    expect(n.net).toEqual([-10, -10, 10, 10]);
    // Before the loss every bank's equity is its capital.
    const calm = nettingExample({ ...base, lossA: 0 });
    for (const v of [calm.clearing.gross, calm.clearing.bilateral, calm.clearing.ccp]) {
      for (const e of v.equity) expect(e).toBeCloseTo(3, 9);
      expect(v.outcome.defaults).toBe(0);
    }
  });

  it('defaults: every bank fails gross; through a CCP without a fund C and D fail too; a fund of 2.5 leaves only A', () => {
    // A's outside assets after the loss: 10 + 3 + 10 − 20 = 3, owed to the CCP (10) and outside creditors (10): it pays
    // 1.5 to the CCP. The CCP receives 1.5 + 10 from B and owes 10 each to C and D: each loses (20 − 11.5 − F)/2,
    // which is at most their capital 3 when F ≥ 2.5.
    const r = nettingExample(base).clearing;
    expect(r.gross.defaulted).toEqual([true, true, true, true]);
    expect(r.ccp.defaulted).toEqual([true, false, true, true]);
    expect(r.ccp.ccpDefaulted).toBe(true);
    expect(r.ccp.mutualisedLoss).toBeCloseTo(8.5, 9);
    const funded = nettingExample({ ...base, defaultFund: 2.5 }).clearing;
    expect(funded.ccp.defaulted).toEqual([true, false, false, false]);
    expect(funded.ccp.equity[2]).toBeCloseTo(0, 9);
    expect(smallestFund(base, 'no-contagion')).toBeCloseTo(2.5, 5);
    // No loss passed on at all needs the CCP to cover A's whole unpaid debit: 10 − 1.5 = 8.5.
    expect(smallestFund(base, 'no-mutualisation')).toBeCloseTo(8.5, 5);
  });

  it('smallestFund matches the closed form loss/2 − 2.5·capital over the exercise range', () => {
    for (const capital of [2, 2.5, 3]) {
      for (const lossA of [16, 18, 20, 22]) {
        expect(smallestFund({ ...base, capital, lossA }, 'no-contagion')).toBeCloseTo(lossA / 2 - 2.5 * capital, 5);
      }
    }
    expect(smallestFund({ ...base, lossA: 1 }, 'no-contagion')).toBe(0);
  });

  it('caps a loss larger than A’s assets and refuses a creditor with negative outside assets', () => {
    const r = nettingExample({ ...base, lossA: 40 });
    expect(r.lossCapped).toBe(true);
    expect(r.lossApplied).toBe(23);
    expect(r.externalAssets[0]).toBe(0);
    expect(() => nettingExample({ ...base, deposits: 0, capital: 1, debtAC: 20 })).toThrow(EngineInputError);
    expect(() => nettingExample({ ...base, deposits: 0, capital: 1, debtAC: 20 })).toThrow(/bank C/);
  });
});

describe('three-bank netting', () => {
  it('defaults: gross 45, bilateral net 7, net positions A −6, B +4, C +2', () => {
    const r = threeBankNetting(defaultParams(threeBankSpec));
    expect(r.grossTotal).toBe(45);
    // Pairs: A–B 12 against 7 leaves 5; A–C 5 against 4 leaves 1; B–C 9 against 8 leaves 1.
    expect(r.bilateralNetTotal).toBe(7);
    // A is owed 7 + 4 and owes 12 + 5; B is owed 12 + 8 and owes 7 + 9; C is owed 5 + 9 and owes 4 + 8.
    expect(r.net).toEqual([-6, 4, 2]);
    expect(r.multilateralNetTotal).toBe(6);
    expect(r.nettingRatio).toBeCloseTo(1 - 6 / 45, 12);
  });
});

describe('cross-venue example', () => {
  it('defaults: a hedged asset-1 position pays margin twice on separate venues and none netted', () => {
    const r = crossVenueExample(defaultParams(crossVenueExampleSpec));
    expect(r.perVenueMargin[0]).toBeCloseTo(0.1 * 20 + 0.2 * 10, 12);
    expect(r.perVenueMargin[1]).toBeCloseTo(0.1 * 20 + 0.2 * 4, 12);
    expect(r.nettedMargin).toBeCloseTo(0.2 * 6, 12);
    expect(r.saving).toBeCloseTo(6.8 - 1.2, 12);
  });
});

describe('Duffie–Zhu curve', () => {
  it('agrees with ccpNettingEfficiency point by point and crosses at the break-even', () => {
    const p = defaultParams(ccpEfficiencySpec);
    const curve = ccpEfficiencyCurve(p.classes, p.cleared, 30);
    expect(curve).toHaveLength(29);
    for (const c of curve) {
      const e = ccpNettingEfficiency({ dealers: c.dealers, classes: p.classes, clearedClasses: p.cleared });
      expect(c.bilateral).toBe(e.bilateral);
      expect(c.withCcp).toBe(e.withCcp);
    }
    const be = ccpNettingEfficiency({ dealers: 2, classes: 4, clearedClasses: 1 }).breakEvenDealers!;
    expect(be).toBe(15);
    expect(curve.find((c) => c.withCcp < c.bilateral)!.dealers).toBe(be);
  });
  it('refuses more cleared classes than classes', () => {
    expect(() => ccpEfficiencyCurve(2, 3, 10)).toThrow(EngineInputError);
  });
});
