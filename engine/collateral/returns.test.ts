import { EngineInputError } from '../core/errors';
import { defaultParams, validateParams } from '../core/params';
import { garchParams, garchReturns, regimeReturns, regimeReturnsParams, REGIME_CALM, REGIME_RECOVERY, REGIME_STRESS, TRADING_DAYS_PER_YEAR } from './returns';

function meanSquare(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i]! * xs[i]!;
  return s / (to - from);
}

describe('regimeReturns', () => {
  it('is deterministic by seed', () => {
    const p = defaultParams(regimeReturnsParams);
    expect(regimeReturns(p).returns).toEqual(regimeReturns(p).returns);
    expect(regimeReturns({ ...p, seed: 2 }).returns).not.toEqual(regimeReturns(p).returns);
  });

  it('has the regime layout and the requested daily volatilities (annual ÷ √252)', () => {
    const r = regimeReturns({ calmDays: 5000, stressDays: 5000, recoveryDays: 5000, calmVol: 0.16, stressVol: 0.64, seed: 3 });
    expect(r.returns.length).toBe(15000);
    expect([r.stressStart, r.stressEnd]).toEqual([5000, 10000]);
    expect([r.regime[4999], r.regime[5000], r.regime[9999], r.regime[10000]]).toEqual([REGIME_CALM, REGIME_STRESS, REGIME_STRESS, REGIME_RECOVERY]);
    const calm = 0.16 / Math.sqrt(TRADING_DAYS_PER_YEAR);
    const stress = 0.64 / Math.sqrt(TRADING_DAYS_PER_YEAR);
    expect(r.sigma[0]).toBeCloseTo(calm, 15);
    // The sample mean of r² over 5000 normal draws has relative standard error √(2/5000) = 2 %; 10 % is 5 SE.
    expect(Math.abs(meanSquare(r.returns, 0, 5000) / (calm * calm) - 1)).toBeLessThan(0.1);
    expect(Math.abs(meanSquare(r.returns, 5000, 10000) / (stress * stress) - 1)).toBeLessThan(0.1);
    expect(Math.abs(meanSquare(r.returns, 10000, 15000) / (calm * calm) - 1)).toBeLessThan(0.1);
  });

  it('takes daily volatilities when asked', () => {
    const r = regimeReturns({ calmDays: 10, stressDays: 5, recoveryDays: 0, calmVol: 0.01, stressVol: 0.03, seed: 1, volUnits: 'daily' });
    expect(r.sigma[0]).toBe(0.01);
    expect(r.sigma[12]).toBe(0.03);
  });

  it('rejects impossible inputs, and the default parameters validate against the spec', () => {
    const p = defaultParams(regimeReturnsParams);
    expect(validateParams(regimeReturnsParams, p).ok).toBe(true);
    expect(() => regimeReturns({ ...p, calmVol: -0.1 })).toThrow(EngineInputError);
    expect(() => regimeReturns({ ...p, stressDays: 2.5 })).toThrow(EngineInputError);
    expect(() => regimeReturns({ ...p, seed: -1 })).toThrow(EngineInputError);
  });
});

describe('garchReturns (Bollerslev 1986)', () => {
  it('follows σ²_{t+1} = ω + α r²_t + β σ²_t exactly', () => {
    const p = { days: 500, omega: 2e-6, alpha: 0.09, beta: 0.9, seed: 5 };
    const g = garchReturns(p);
    expect(g.sigma[0]! ** 2).toBeCloseTo(2e-6 / 0.01, 15);
    for (let t = 0; t + 1 < 500; t++) {
      const next = p.omega + p.alpha * g.returns[t]! ** 2 + p.beta * g.sigma[t]! ** 2;
      expect(Math.abs(g.sigma[t + 1]! ** 2 / next - 1)).toBeLessThan(1e-12);
    }
  });

  it('has the unconditional variance ω/(1 − α − β) on a long series', () => {
    // α = 0.05, β = 0.9: kurtosis 3(1 − 0.95²)/(1 − 0.95² − 2·0.05²) ≈ 3.16 and the autocorrelations of r² sum to ≈ 1.45,
    // so the relative standard error of mean r² over 100,000 days is ≈ √(2.16·3.9/1e5) ≈ 0.9 %; 5 % is > 5 SE.
    const g = garchReturns({ days: 100_000, omega: 1e-6, alpha: 0.05, beta: 0.9, seed: 11 });
    expect(g.longRunVol ** 2).toBeCloseTo(2e-5, 15);
    expect(Math.abs(meanSquare(g.returns) / 2e-5 - 1)).toBeLessThan(0.05);
  });

  it('is deterministic by seed and rejects α + β ≥ 1 and non-positive ω', () => {
    const p = defaultParams(garchParams);
    expect(garchReturns(p).returns).toEqual(garchReturns(p).returns);
    expect(() => garchReturns({ ...p, alpha: 0.1, beta: 0.9 })).toThrow(EngineInputError);
    expect(() => garchReturns({ ...p, omega: 0 })).toThrow(EngineInputError);
    expect(() => garchReturns({ ...p, alpha: -0.01 })).toThrow(EngineInputError);
  });
});
