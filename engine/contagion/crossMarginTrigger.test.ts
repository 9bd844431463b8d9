import { defaultParams } from '../core/params';
import { crossMarginContagion, crossMarginContagionParams, crossMarginTriggerFall } from './crossMargin';

const defaults = defaultParams(crossMarginContagionParams);

describe('crossMarginTriggerFall', () => {
  it('matches the hand formula: leverage 10, m = 5 %, half in B', () => {
    // d = 0.9; isolated leg: 1 − 0.9/0.95 = 1/19 ≈ 5.26 %; cross account: twice that.
    expect(crossMarginTriggerFall({ weightB: 0.5, leverage: 10, maintenanceMargin: 0.05, marginMode: 'isolated' })).toBeCloseTo(1 / 19, 14);
    expect(crossMarginTriggerFall({ weightB: 0.5, leverage: 10, maintenanceMargin: 0.05, marginMode: 'cross' })).toBeCloseTo(2 / 19, 14);
    expect(crossMarginTriggerFall({ weightB: 1, leverage: 10, maintenanceMargin: 0.05, marginMode: 'cross' })).toBeNull();
    expect(crossMarginTriggerFall({ weightB: 0.99, leverage: 2, maintenanceMargin: 0.05, marginMode: 'cross' })).toBeNull();
  });

  it('agrees with the simulation of a single account without price impact', () => {
    for (const mode of ['cross', 'isolated'] as const) {
      for (const [w, L, m] of [
        [0.5, 10, 0.05],
        [0.3, 15, 0.04],
        [0.7, 6, 0.1],
        [0.5, 40, 0.05],
      ] as const) {
        const x = crossMarginTriggerFall({ weightB: w, leverage: L, maintenanceMargin: m, marginMode: mode })!;
        const run = (shockA: number) =>
          crossMarginContagion({ ...defaults, crossAccounts: 1, bOnlyAccounts: 0, weightB: w, maxLeverage: L, maintenanceMargin: m, impactA: 0, impactB: 0, marginMode: mode, shockA }).liquidated.cross;
        expect(run(Math.min(1, x + 1e-6)), `${mode} ${w} ${L} ${m}`).toBe(1);
        expect(run(Math.max(0, x - 1e-6)), `${mode} ${w} ${L} ${m}`).toBe(0);
      }
    }
  });
});
