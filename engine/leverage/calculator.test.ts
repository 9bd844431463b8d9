import { EngineInputError } from '../core/errors';
import { checkParam, defaultParams } from '../core/params';
import { liquidationCalculatorSpec, positionSnapshot } from './calculator';
import { bankruptcyPrice, liquidationPrice, positionSpec } from './positions';

describe('liquidation-price calculator', () => {
  it('keeps the position spec and only widens the maintenance rate', () => {
    expect(liquidationCalculatorSpec.leverage).toBe(positionSpec.leverage);
    expect(liquidationCalculatorSpec.entryPrice).toBe(positionSpec.entryPrice);
    expect(liquidationCalculatorSpec.maintenanceMargin.min).toBe(positionSpec.maintenanceMargin.min);
    expect(liquidationCalculatorSpec.maintenanceMargin.max).toBeGreaterThan(1 / 10);
    expect(checkParam(liquidationCalculatorSpec.notional, liquidationCalculatorSpec.notional.default)).toBeNull();
  });

  it('matches the hand values for a $10,000 long at 100, 10×, m = 0.5 %', () => {
    const s = positionSnapshot(defaultParams(liquidationCalculatorSpec));
    expect(s.liquidation).toBeCloseTo(90 / 0.995, 10);
    expect(s.bankruptcy).toBeCloseTo(90, 12);
    expect(s.margin).toBeCloseTo(1000, 10);
    expect(s.quantity).toBeCloseTo(100, 12);
    expect(s.distanceToLiquidation).toBeCloseTo(1 - 0.9 / 0.995, 12);
    expect(s.distanceToBankruptcy).toBeCloseTo(0.1, 12);
    // Equity at liquidation = m·q·P_liq = 0.005 · 100 · 90.4523 = 45.226…
    expect(s.equityAtLiquidation).toBeCloseTo(0.005 * 100 * (90 / 0.995), 9);
  });

  it('agrees with positions.ts for both sides, and the equity line crosses the requirement at the liquidation price', () => {
    for (const side of ['long', 'short'] as const) {
      for (const [L, m] of [[3, 0.01], [25, 0.004], [100, 0.005]] as const) {
        const p = { side, entryPrice: 250, leverage: L, maintenanceMargin: m, notional: 50_000 };
        const s = positionSnapshot(p, 401);
        expect(s.liquidation).toBeCloseTo(liquidationPrice(p), 10);
        expect(s.bankruptcy).toBeCloseTo(bankruptcyPrice(p), 10);
        expect(s.range[0]).toBeGreaterThanOrEqual(0);
        expect(s.range[0]).toBeLessThan(Math.min(s.liquidation, s.bankruptcy));
        expect(s.range[1]).toBeGreaterThan(Math.max(s.liquidation, s.bankruptcy, 250));
        // Sign change of equity − requirement happens between the grid points around P_liq.
        const diff = s.curve.map((c) => c.equity - c.maintenance);
        const k = s.curve.findIndex((_, i) => i > 0 && Math.sign(diff[i]!) !== Math.sign(diff[i - 1]!));
        expect(k).toBeGreaterThan(0);
        expect(s.curve[k - 1]!.price <= s.liquidation + 1e-9 && s.liquidation <= s.curve[k]!.price + 1e-9).toBe(true);
        expect(s.curve.length).toBe(401);
      }
    }
  });

  it('refuses a maintenance rate at or above the initial margin 1/L', () => {
    const bad = { side: 'long' as const, entryPrice: 100, leverage: 50, maintenanceMargin: 0.05, notional: 10_000 };
    expect(() => positionSnapshot(bad)).toThrow(EngineInputError);
    try {
      positionSnapshot(bad);
    } catch (e) {
      expect((e as EngineInputError).param).toBe('maintenanceMargin');
    }
    // Exactly 1/L is refused too; just below is fine.
    expect(() => positionSnapshot({ ...bad, maintenanceMargin: 0.02 })).toThrow(EngineInputError);
    expect(positionSnapshot({ ...bad, maintenanceMargin: 0.0195 }).liquidation).toBeLessThan(100);
  });

  it('refuses values outside the spec', () => {
    expect(() => positionSnapshot({ leverage: 200 })).toThrow(EngineInputError);
    expect(() => positionSnapshot({ notional: -1 })).toThrow(EngineInputError);
    expect(() => positionSnapshot({ maintenanceMargin: Number.NaN })).toThrow(EngineInputError);
  });
});
