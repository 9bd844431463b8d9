import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { validateParams, defaultParams } from '../core/params';
import {
  MAX_LEVERAGE,
  bankruptcyPrice,
  equityCurve,
  liquidationPrice,
  liquidationPriceFromMargin,
  maintenanceRequirement,
  positionEquity,
  positionSpec,
  validateLiquidationInput,
  type IsolatedPosition,
} from './positions';

const arbPosition = fc.record({
  entryPrice: fc.double({ min: 1, max: 100_000, noNaN: true }),
  leverage: fc.double({ min: 1.01, max: MAX_LEVERAGE, noNaN: true }),
  mShare: fc.double({ min: 0, max: 0.99, noNaN: true }),
  side: fc.constantFrom<'long' | 'short'>('long', 'short'),
  notional: fc.double({ min: 1, max: 1e9, noNaN: true }),
}).map(({ mShare, ...p }): IsolatedPosition => ({ ...p, maintenanceMargin: mShare / p.leverage }));

describe('liquidation and bankruptcy prices (models.md binding convention)', () => {
  it('matches the hand values for P0 = 100, L = 10, m = 0.5 %', () => {
    // long: 100·(1 − 0.1)/(1 − 0.005) = 90/0.995 = 90.452261306…
    expect(liquidationPrice({ entryPrice: 100, leverage: 10, maintenanceMargin: 0.005, side: 'long' })).toBeCloseTo(90.45226130653266, 10);
    // short: 100·(1 + 0.1)/(1 + 0.005) = 110/1.005 = 109.452736318…
    expect(liquidationPrice({ entryPrice: 100, leverage: 10, maintenanceMargin: 0.005, side: 'short' })).toBeCloseTo(109.45273631840796, 10);
  });

  it('without maintenance margin equals the bankruptcy price: 90 and 110; at 2× 50 and 150', () => {
    expect(liquidationPrice({ entryPrice: 100, leverage: 10, maintenanceMargin: 0, side: 'long' })).toBeCloseTo(90, 12);
    expect(liquidationPrice({ entryPrice: 100, leverage: 10, maintenanceMargin: 0, side: 'short' })).toBeCloseTo(110, 12);
    expect(bankruptcyPrice({ entryPrice: 100, leverage: 10, side: 'long' })).toBeCloseTo(90, 12);
    expect(bankruptcyPrice({ entryPrice: 100, leverage: 10, side: 'short' })).toBeCloseTo(110, 12);
    expect(bankruptcyPrice({ entryPrice: 100, leverage: 2, side: 'long' })).toBeCloseTo(50, 12);
    expect(bankruptcyPrice({ entryPrice: 100, leverage: 2, side: 'short' })).toBeCloseTo(150, 12);
  });

  it('equity at the liquidation price equals the maintenance requirement; at the bankruptcy price it is zero (property)', () => {
    fc.assert(
      fc.property(arbPosition, (pos) => {
        const pl = liquidationPrice(pos);
        const pb = bankruptcyPrice(pos);
        const scale = pos.notional * Math.max(1, pl / pos.entryPrice);
        expect(Math.abs(positionEquity(pos, pl) - maintenanceRequirement(pos, pl))).toBeLessThan(1e-9 * scale);
        expect(Math.abs(positionEquity(pos, pb))).toBeLessThan(1e-9 * pos.notional * Math.max(1, pb / pos.entryPrice));
      }),
    );
  });

  it('orders the prices: long P_bk ≤ P_liq < P0, short P0 < P_liq ≤ P_bk (property)', () => {
    fc.assert(
      fc.property(arbPosition, (pos) => {
        const pl = liquidationPrice(pos);
        const pb = bankruptcyPrice(pos);
        if (pos.side === 'long') return pb <= pl * (1 + 1e-12) && pl < pos.entryPrice;
        return pos.entryPrice < pl && pl <= pb * (1 + 1e-12);
      }),
    );
  });

  it('higher leverage moves the liquidation price towards the entry (property)', () => {
    fc.assert(
      fc.property(arbPosition, fc.double({ min: 1.001, max: 2, noNaN: true }), (pos, k) => {
        const L2 = Math.min(MAX_LEVERAGE, pos.leverage * k);
        if (!(pos.maintenanceMargin < 1 / L2)) return true;
        const a = liquidationPrice(pos);
        const b = liquidationPrice({ ...pos, leverage: L2 });
        return pos.side === 'long' ? b >= a : b <= a;
      }),
    );
  });

  it('liquidationPriceFromMargin with M = N/L reproduces liquidationPrice (property)', () => {
    fc.assert(
      fc.property(arbPosition, (pos) => {
        const q = pos.notional / pos.entryPrice;
        const fromMargin = liquidationPriceFromMargin({ entryPrice: pos.entryPrice, quantity: q, margin: pos.notional / pos.leverage, maintenanceMargin: pos.maintenanceMargin, side: pos.side });
        return Math.abs(fromMargin - liquidationPrice(pos)) <= 1e-9 * pos.entryPrice;
      }),
    );
  });

  it('a long whose margin covers the whole position is never liquidated (price floored at 0)', () => {
    expect(liquidationPriceFromMargin({ entryPrice: 100, quantity: 1, margin: 150, maintenanceMargin: 0.005, side: 'long' })).toBe(0);
  });

  it('every slider combination of positionSpec is a legal position', () => {
    expect(validateParams(positionSpec, defaultParams(positionSpec)).ok).toBe(true);
    const s = positionSpec;
    for (const L of [s.leverage.min, s.leverage.max]) {
      for (const m of [s.maintenanceMargin.min, s.maintenanceMargin.max]) {
        for (const side of ['long', 'short'] as const) {
          expect(() => validateLiquidationInput({ entryPrice: s.entryPrice.min, leverage: L, maintenanceMargin: m, side })).not.toThrow();
        }
      }
    }
  });

  it('refuses impossible inputs with EngineInputError and a clear message', () => {
    const ok = { entryPrice: 100, leverage: 10, maintenanceMargin: 0.005, side: 'long' as const };
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ leverage: 1 }, /greater than 1/],
      [{ leverage: 0.5 }, /greater than 1/],
      [{ leverage: 200 }, /at most 125/],
      [{ maintenanceMargin: 0.1 }, /below the initial margin/],
      [{ maintenanceMargin: 0.1 + 1e-12, leverage: 10 }, /below the initial margin/],
      [{ entryPrice: 0 }, /positive/],
      [{ entryPrice: -5 }, /positive/],
      [{ entryPrice: Number.NaN }, /finite/],
      [{ side: 'sideways' }, /'long' or 'short'/],
    ];
    for (const [patch, msg] of bad) {
      const call = () => liquidationPrice({ ...ok, ...patch } as typeof ok);
      expect(call).toThrow(EngineInputError);
      expect(call).toThrow(msg);
    }
    // m exactly equal to 1/L is refused too (liquidated at entry).
    expect(() => liquidationPrice({ ...ok, maintenanceMargin: 0.1 })).toThrow(EngineInputError);
    expect(() => positionEquity({ ...ok, notional: -1 }, 100)).toThrow(EngineInputError);
    expect(() => positionEquity({ ...ok, notional: 1 }, -1)).toThrow(EngineInputError);
  });
});

describe('equity line', () => {
  const pos: IsolatedPosition = { entryPrice: 100, leverage: 10, maintenanceMargin: 0.005, side: 'long', notional: 10_000 };

  it('is linear in price with slope q and crosses the maintenance line at the liquidation price', () => {
    // q = 100 units, margin 1,000: E(95) = 1000 + 100·(−5) = 500; E(0) = 1000 − 10,000 = −9,000 (a legal limit).
    expect(positionEquity(pos, 95)).toBeCloseTo(500, 9);
    expect(positionEquity(pos, 0)).toBeCloseTo(-9000, 9);
    expect(maintenanceRequirement(pos, 95)).toBeCloseTo(0.005 * 100 * 95, 9);
    const curve = equityCurve(pos, [85, 90, 90.45226130653266, 95]);
    const gap = curve.map((c) => c.equity - c.maintenance);
    expect(gap[0]).toBeLessThan(0);
    expect(gap[1]).toBeLessThan(0);
    expect(Math.abs(gap[2]!)).toBeLessThan(1e-9);
    expect(gap[3]).toBeGreaterThan(0);
  });

  it('a short gains as the price falls', () => {
    const short = { ...pos, side: 'short' as const };
    expect(positionEquity(short, 95)).toBeCloseTo(1500, 9);
  });
});
