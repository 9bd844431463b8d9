import { checkParam, defaultParams } from '../core/params';
import { aaveLiquidationParams } from './aaveInputs';
import { closeFactorV32, collateralToSeize } from './aaveLiquidation';

describe('aaveLiquidationParams', () => {
  it('has valid defaults on both sides of the v3.2 threshold', () => {
    const d = defaultParams(aaveLiquidationParams);
    for (const [k, s] of Object.entries(aaveLiquidationParams)) expect(checkParam(s, (d as Record<string, unknown>)[k]), k).toBeNull();
    expect(closeFactorV32(d.healthFactor)).toBe(0.5);
    expect(closeFactorV32(0.95)).toBe(1);
    expect(aaveLiquidationParams.healthFactor.min).toBeLessThan(0.95);
  });
  it('the default seizure: 10,000 $ of debt at 5 % bonus and 2,000 $ per unit is 5.25 units', () => {
    const d = defaultParams(aaveLiquidationParams);
    expect(collateralToSeize({ debtToCover: d.debtToCover, collateralBalance: 1e9, collateralPrice: d.collateralPrice, bonus: 0.05 }).collateral).toBeCloseTo(5.25, 12);
  });
});
