import { EngineInputError } from '../core/errors';
import { defaultParams } from '../core/params';
import { ewmaUpdate, ewmaUpdateParams } from './ewmaUpdate';

describe('ewmaUpdate', () => {
  it('matches the hand calculation: σ = 1 %, r = −4 %, λ = 0.94 → √(0.94·1e-4 + 0.06·16e-4) = √1.9e-4', () => {
    expect(ewmaUpdate(defaultParams(ewmaUpdateParams))).toBeCloseTo(Math.sqrt(1.9e-4), 15);
  });
  it('a return equal to the old volatility leaves it unchanged, whatever λ', () => {
    for (const lambda of [0.8, 0.94, 0.99]) expect(ewmaUpdate({ previousVol: 0.02, dailyReturn: 0.02, lambda })).toBeCloseTo(0.02, 15);
  });
  it('only the square of the return matters', () => {
    expect(ewmaUpdate({ previousVol: 0.01, dailyReturn: 0.05 })).toBe(ewmaUpdate({ previousVol: 0.01, dailyReturn: -0.05 }));
  });
  it('rejects λ outside (0, 1) and non-finite inputs', () => {
    expect(() => ewmaUpdate({ previousVol: 0.01, dailyReturn: 0.01, lambda: 1 })).toThrow(EngineInputError);
    expect(() => ewmaUpdate({ previousVol: -0.01, dailyReturn: 0.01 })).toThrow(EngineInputError);
    expect(() => ewmaUpdate({ previousVol: 0.01, dailyReturn: Number.NaN })).toThrow(EngineInputError);
  });
});
