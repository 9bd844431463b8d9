import { defaultParams } from '../core/params';
import { clearingVector } from './eisenbergNoe';
import { debtRank } from './debtRank';
import { perronRoot } from './perron';
import { twoBankSystem, debtRankChain, mutualLeverageMatrix, twoBankParams, mutualExposureParams } from './handExamples';
import { crossMarginContagion, crossMarginContagionParams, crossMarginSafeLeverage } from './crossMargin';

describe('two banks by hand', () => {
  it('one default: A pays all it has, 60 % of it to B, and B stays solvent', () => {
    const r = clearingVector(twoBankSystem(defaultParams(twoBankParams))); // e_A = 4, e_B = 9
    expect(r.defaulted).toEqual([true, false]);
    expect(r.payments[0]).toBeCloseTo(6, 12); // 4 + 2 from B
    expect(r.interbankPayments[0]).toBeCloseTo(3.6, 12);
    expect(r.equity[1]).toBeCloseTo(9 + 3.6 - 10, 12);
  });

  it('two defaults: the 2 × 2 system p_A = e_A + 0.2 p_B, p_B = e_B + 0.6 p_A', () => {
    const r = clearingVector({ ...twoBankSystem({ externalAssetsA: 4, externalAssetsB: 6 }), trace: true });
    expect(r.defaulted).toEqual([true, true]);
    expect(r.payments[0]).toBeCloseTo(5.2 / 0.88, 12);
    expect(r.payments[1]).toBeCloseTo(6 + 0.6 * (5.2 / 0.88), 12);
    // Fictitious default: A first, B in the second round.
    expect(r.trace!.map((t) => t.defaulted)).toEqual([
      [false, false],
      [true, false],
      [true, true],
    ]);
  });

  it('senior depositors: A pays its depositors 4 first and B gets what is left', () => {
    const r = clearingVector({ ...twoBankSystem({ externalAssetsA: 4, externalAssetsB: 11 }), externalSeniority: 'senior' });
    expect(r.defaulted).toEqual([true, false]);
    expect(r.externalPayments[0]).toBeCloseTo(4, 12);
    expect(r.interbankPayments[0]).toBeCloseTo(2, 12);
  });
});

describe('DebtRank chain by hand', () => {
  it('h_2 = h, h_1 = h/2: loss 35h/40 of equity', () => {
    const r = debtRank(debtRankChain(0.4));
    expect(r.distress).toEqual([0.2, 0.4, 0.4]);
    expect(r.equityLoss).toBeCloseTo((0.875 * 0.4), 14);
  });
});

describe('mutual exposures', () => {
  it('λ_max = √(Λ12 Λ21)', () => {
    const p = defaultParams(mutualExposureParams);
    expect(perronRoot(mutualLeverageMatrix(p)).value).toBeCloseTo(Math.sqrt(p.lambda12 * p.lambda21), 9);
    expect(perronRoot(mutualLeverageMatrix({ lambda12: 2, lambda21: 0.8 })).value).toBeCloseTo(Math.sqrt(1.6), 9);
  });
});

describe('crossMarginSafeLeverage', () => {
  it('finds the largest leverage on the grid that keeps B within the limit', () => {
    const p = { ...defaultParams(crossMarginContagionParams), impactA: 0.3, impactB: 0.3, shockA: 0.2 };
    const L = crossMarginSafeLeverage(p, 0.01)!;
    expect(L).toBeGreaterThanOrEqual(1);
    expect(1 - crossMarginContagion({ ...p, maxLeverage: L }).finalPriceB).toBeLessThan(0.01);
    if (L < crossMarginContagionParams.maxLeverage.max) expect(1 - crossMarginContagion({ ...p, maxLeverage: L + 0.5 }).finalPriceB).toBeGreaterThanOrEqual(0.01);
  });
});
