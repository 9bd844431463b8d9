import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { crossLiquidationPrice, crossMarginAccount, type CrossMarginInput } from './crossMargin';
import { liquidationPrice, MAX_LEVERAGE } from './positions';

describe('cross-margin account', () => {
  // Hand case: collateral 1,000; long BTC 10,000 at 100 (q = 100); short ETH 5,000 at 50 (q = 100); m = 1 % each.
  const account: CrossMarginInput = {
    collateral: 1000,
    positions: [
      { asset: 'BTC', side: 'long', notional: 10_000, entryPrice: 100, maintenanceMargin: 0.01 },
      { asset: 'ETH', side: 'short', notional: 5_000, entryPrice: 50, maintenanceMargin: 0.01 },
    ],
  };
  const prices = { BTC: 95, ETH: 52 };

  it('equity, requirement and margin ratio match the hand computation', () => {
    // E = 1000 + 100·(95 − 100) − 100·(52 − 50) = 300; R = 0.01·100·95 + 0.01·100·52 = 147.
    const s = crossMarginAccount(account, prices);
    expect(s.equity).toBeCloseTo(300, 10);
    expect(s.maintenanceRequirement).toBeCloseTo(147, 10);
    expect(s.marginRatio).toBeCloseTo(147 / 300, 12);
    expect(s.liquidatable).toBe(false);
    expect(s.positions.map((p) => p.unrealisedPnl)).toEqual([-500, -200]);
  });

  it('gives the price of one asset, others fixed, at which the whole account is liquidated', () => {
    // BTC: A = 1000 − 200 − 0.52·100 − 100·100 = −9,252; b = 0.99·100 = 99 → P* = 9252/99 = 93.4545… (falling).
    const btc = crossLiquidationPrice(account, prices, 'BTC');
    expect(btc.direction).toBe('below');
    expect(btc.price).toBeCloseTo(9252 / 99, 10);
    // ETH: A = 1000 − 500 − 95 + 100·50 = 5,405; b = −1.01·100 = −101 → P* = 5405/101 = 53.5148… (rising).
    const eth = crossLiquidationPrice(account, prices, 'ETH');
    expect(eth.direction).toBe('above');
    expect(eth.price).toBeCloseTo(5405 / 101, 10);
    // At those prices E = R; a hair beyond them the account is liquidatable, a hair before it is not.
    for (const [asset, p, sign] of [['BTC', btc.price!, -1], ['ETH', eth.price!, 1]] as const) {
      const at = crossMarginAccount(account, { ...prices, [asset]: p });
      expect(Math.abs(at.equity - at.maintenanceRequirement)).toBeLessThan(1e-9);
      expect(crossMarginAccount(account, { ...prices, [asset]: p * (1 + sign * 1e-9) }).liquidatable).toBe(true);
      expect(crossMarginAccount(account, { ...prices, [asset]: p * (1 - sign * 1e-9) }).liquidatable).toBe(false);
    }
    // A loss on ETH brings the BTC liquidation price closer: contagion inside the account.
    const worse = crossLiquidationPrice(account, { BTC: 95, ETH: 53 }, 'BTC');
    expect(worse.price!).toBeGreaterThan(btc.price!);
  });

  it('with one position and collateral N/L reduces to the isolated liquidation price (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 1.01, max: MAX_LEVERAGE, noNaN: true }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.constantFrom<'long' | 'short'>('long', 'short'),
        (P0, L, share, side) => {
          const m = share / L;
          const r = crossLiquidationPrice({ collateral: 1e4 / L, positions: [{ asset: 'X', side, notional: 1e4, entryPrice: P0, maintenanceMargin: m }] }, { X: P0 }, 'X');
          const iso = liquidationPrice({ entryPrice: P0, leverage: L, maintenanceMargin: m, side });
          return r.direction === (side === 'long' ? 'below' : 'above') && Math.abs(r.price! - iso) <= 1e-9 * P0;
        },
      ),
    );
  });

  it('handles the limits: hedged asset (b = 0), bankrupt account, empty account', () => {
    const hedged: CrossMarginInput = {
      collateral: 100,
      positions: [
        { asset: 'X', side: 'long', notional: 1000, entryPrice: 10, maintenanceMargin: 0 },
        { asset: 'X', side: 'short', notional: 1000, entryPrice: 10, maintenanceMargin: 0 },
      ],
    };
    expect(crossLiquidationPrice(hedged, { X: 12 }, 'X')).toEqual({ asset: 'X', price: null, direction: null });
    const broke = crossMarginAccount({ collateral: 0, positions: [{ asset: 'X', side: 'long', notional: 100, entryPrice: 10, maintenanceMargin: 0.01 }] }, { X: 5 });
    expect(broke.equity).toBeCloseTo(-50, 12);
    expect(broke.marginRatio).toBe(Number.POSITIVE_INFINITY);
    expect(broke.liquidatable).toBe(true);
    const empty = crossMarginAccount({ collateral: 0, positions: [] }, {});
    expect(empty.liquidatable).toBe(false);
    expect(empty.marginRatio).toBe(0);
    // A fully collateralised long (collateral ≥ notional) cannot be liquidated by its own price.
    const safe = crossLiquidationPrice({ collateral: 1000, positions: [{ asset: 'X', side: 'long', notional: 500, entryPrice: 10, maintenanceMargin: 0 }] }, { X: 10 }, 'X');
    expect(safe.price).toBeNull();
  });

  it('refuses bad input', () => {
    expect(() => crossMarginAccount(account, { BTC: 95 })).toThrow(/no mark price for asset "ETH"/);
    expect(() => crossMarginAccount({ ...account, collateral: -1 }, prices)).toThrow(EngineInputError);
    expect(() => crossMarginAccount(account, { BTC: 0, ETH: 52 })).toThrow(EngineInputError);
    expect(() => crossMarginAccount({ collateral: 1, positions: [{ ...account.positions[0]!, notional: Number.NaN }] }, prices)).toThrow(EngineInputError);
  });
});
