import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { closeFactorV32, collateralToSeize, healthFactor, maxLiquidatableDebtV33 } from './aaveLiquidation';

describe('healthFactor (Aave v3 GenericLogic)', () => {
  it('is Σ value·LT / debt (hand value) and Infinity with no debt', () => {
    // (1000·0.8 + 500·0.7)/1000 = (800 + 350)/1000 = 1.15
    expect(
      healthFactor({
        collateral: [
          { value: 1000, liquidationThreshold: 0.8 },
          { value: 500, liquidationThreshold: 0.7 },
        ],
        debt: 1000,
      }),
    ).toBeCloseTo(1.15, 15);
    expect(healthFactor({ collateral: [{ value: 1000, liquidationThreshold: 0.8 }], debt: 0 })).toBe(Infinity);
    expect(healthFactor({ collateral: [], debt: 10 })).toBe(0);
  });

  it('equals total collateral × value-weighted average LT ÷ debt, as the contract computes it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: fc.double({ min: 0, max: 1e6, noNaN: true }), liquidationThreshold: fc.double({ min: 0.01, max: 0.99, noNaN: true }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        (collateral, debt) => {
          const total = collateral.reduce((s, c) => s + c.value, 0);
          if (total === 0) return;
          const avgLt = collateral.reduce((s, c) => s + c.value * c.liquidationThreshold, 0) / total;
          expect(healthFactor({ collateral, debt })).toBeCloseTo((total * avgLt) / debt, 9);
        },
      ),
    );
  });

  it('rejects liquidation thresholds ≤ 0 or ≥ 1 and negative amounts', () => {
    for (const lt of [0, 1, 1.2, -0.1, Number.NaN])
      expect(() => healthFactor({ collateral: [{ value: 1, liquidationThreshold: lt }], debt: 1 })).toThrow(EngineInputError);
    expect(() => healthFactor({ collateral: [{ value: -1, liquidationThreshold: 0.8 }], debt: 1 })).toThrow(EngineInputError);
    expect(() => healthFactor({ collateral: [{ value: 1, liquidationThreshold: 0.8 }], debt: -1 })).toThrow(EngineInputError);
  });
});

describe('close factor', () => {
  it('v3.2: golden values HF 0.96 → 50 %, HF 0.95 → 100 % (models.md)', () => {
    expect(closeFactorV32(0.96)).toBe(0.5);
    expect(closeFactorV32(0.95)).toBe(1);
    expect(closeFactorV32(0.5)).toBe(1);
    expect(closeFactorV32(0.99)).toBe(0.5);
  });

  it('v3.3: 50 % of total debt only with collateral and debt ≥ 2000 and HF > 0.95; otherwise the whole reserve debt', () => {
    expect(maxLiquidatableDebtV33({ healthFactor: 0.96, reserveDebt: 5000, reserveCollateralValue: 6000 })).toBe(2500);
    expect(maxLiquidatableDebtV33({ healthFactor: 0.95, reserveDebt: 5000, reserveCollateralValue: 6000 })).toBe(5000);
    expect(maxLiquidatableDebtV33({ healthFactor: 0.96, reserveDebt: 5000, reserveCollateralValue: 1999 })).toBe(5000);
    expect(maxLiquidatableDebtV33({ healthFactor: 0.96, reserveDebt: 1500, reserveCollateralValue: 6000 })).toBe(1500);
    // Reserve debt 3000 of a total 10,000: 3000 ≤ 50 % of the total, so the whole reserve debt is liquidatable.
    expect(maxLiquidatableDebtV33({ healthFactor: 0.99, reserveDebt: 3000, totalDebt: 10_000, reserveCollateralValue: 6000 })).toBe(3000);
    expect(maxLiquidatableDebtV33({ healthFactor: 0.99, reserveDebt: 8000, totalDebt: 10_000, reserveCollateralValue: 6000 })).toBe(5000);
  });
});

describe('collateralToSeize (liquidation bonus)', () => {
  it('seizes debtToCover·(1 + bonus)/price, or caps at the balance and scales the debt down (hand values)', () => {
    // Debt 1000 at a collateral price of 2 → base 500 units; 5 % bonus → 525 units.
    expect(collateralToSeize({ debtToCover: 1000, collateralBalance: 600, collateralPrice: 2, bonus: 0.05 })).toEqual({
      collateral: 525,
      debtRepaid: 1000,
      capped: false,
    });
    // Balance 400 < 525: seize 400 and repay 400·2/1.05 = 761.904761904…
    const capped = collateralToSeize({ debtToCover: 1000, collateralBalance: 400, collateralPrice: 2, bonus: 0.05 });
    expect(capped.collateral).toBe(400);
    expect(capped.debtRepaid).toBeCloseTo(800 / 1.05, 12);
    expect(capped.capped).toBe(true);
  });

  it('gives the liquidator exactly the bonus in value and never more than the balance (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        (debtToCover, balance, price, bonus) => {
          const s = collateralToSeize({ debtToCover, collateralBalance: balance, collateralPrice: price, bonus });
          expect(s.collateral).toBeLessThanOrEqual(balance);
          expect(s.debtRepaid).toBeLessThanOrEqual(debtToCover * (1 + 1e-12));
          const a = s.collateral * price;
          const b = s.debtRepaid * (1 + bonus);
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(a, b) + 1e-300);
        },
      ),
    );
  });
});
