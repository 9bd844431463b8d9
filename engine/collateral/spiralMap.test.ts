import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { defaultParams } from '../core/params';
import { marginSpiral, marginSpiralParams } from './marginSpiral';
import { marginSpiralRatio, criticalSaleImpact, spiralBoundary } from './spiralMap';

describe('margin-spiral stability map', () => {
  it('agrees with the ratio marginSpiral reports (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.02, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        (marginRate, marginSensitivity, fullSaleImpact, usage) => {
          const r = marginSpiral({ ...defaultParams(marginSpiralParams), marginRate, marginSensitivity, fullSaleImpact, usage, shock: 0.01, maxRounds: 50 });
          const m = marginSpiralRatio({ marginRate, marginSensitivity, fullSaleImpact });
          expect(m.ratio).toBeCloseTo(r.ratio, 10);
          expect(m.lossRatio + m.marginRatio).toBeCloseTo(m.ratio, 12);
        },
      ),
    );
  });

  it('the default widget state: ρ₀ = 0.04·1.5/0.1 = 0.6, stable', () => {
    expect(marginSpiralRatio(defaultParams(marginSpiralParams)).ratio).toBeCloseTo(0.6, 12);
  });

  it('the boundary I* = m/(1 + θ) has ratio exactly 1', () => {
    for (const theta of [0, 0.5, 1, 3]) {
      const I = criticalSaleImpact(0.1, theta);
      expect(marginSpiralRatio({ marginRate: 0.1, marginSensitivity: theta, fullSaleImpact: I }).ratio).toBeCloseTo(1, 12);
    }
    expect(spiralBoundary(0.1, [0, 1, 3], 0.08)).toEqual([
      { theta: 0, impact: 0.08 },
      { theta: 1, impact: 0.05 },
      { theta: 3, impact: 0.025 },
    ]);
  });

  it('rejects a zero margin rate and a negative sensitivity', () => {
    expect(() => criticalSaleImpact(0, 1)).toThrow(EngineInputError);
    expect(() => marginSpiralRatio({ marginRate: 0.1, marginSensitivity: -1, fullSaleImpact: 0.1 })).toThrow(EngineInputError);
    expect(() => spiralBoundary(0.1, [0], 0)).toThrow(EngineInputError);
  });
});
