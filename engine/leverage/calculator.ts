/**
 * The liquidation-price calculator of Chapter 3: one isolated position, its
 * liquidation and bankruptcy prices, and its equity line against the mark.
 *
 * The calculator deliberately lets the maintenance rate go far above what a
 * venue would pair with high leverage (up to 20 %), so that a reader can see
 * what happens when the rule is inconsistent: with m ≥ 1/L the maintenance
 * requirement exceeds the margin posted and the position would be liquidated
 * the moment it opens. `positionSnapshot` refuses that case with an
 * `EngineInputError` (param 'maintenanceMargin'); the widget shows the message.
 *
 * Formulas: those of `positions.ts` (binding convention of models.md):
 *   E(P) = N/L + s·(N/P0)·(P − P0),  requirement m·(N/P0)·P,
 *   long P_liq = P0(1 − 1/L)/(1 − m), short P_liq = P0(1 + 1/L)/(1 + m).
 */
import { defineParams, type ParamValues } from '../core/params';
import { bankruptcyPrice, equityCurve, liquidationPrice, positionSpec, validateLiquidationInput, type IsolatedPosition } from './positions';
import { resolveParams } from './validate';

/** Parameters of the calculator: the position spec, a wider maintenance range, and a size. */
export const liquidationCalculatorSpec = defineParams({
  side: positionSpec.side,
  entryPrice: positionSpec.entryPrice,
  leverage: positionSpec.leverage,
  maintenanceMargin: {
    ...positionSpec.maintenanceMargin,
    max: 0.2,
    description: 'Equity the venue requires, as a fraction of the position value at the mark (up to 20 % here, so that you can try an inconsistent rule).',
  },
  notional: {
    label: 'Position size',
    symbol: 'N',
    unit: '$',
    min: 100,
    max: 10_000_000,
    step: 100,
    default: 10_000,
    description: 'Notional of the position at entry (price × units).',
  },
});

/** Values of `liquidationCalculatorSpec`. */
export type LiquidationCalculatorParams = ParamValues<typeof liquidationCalculatorSpec>;

/** Everything the calculator shows for one position. */
export interface PositionSnapshot {
  liquidation: number;
  bankruptcy: number;
  /** Initial margin posted, N/L ($). */
  margin: number;
  /** Units held, N/P0. */
  quantity: number;
  /** Move from entry to the liquidation price, as a positive fraction of the entry price. */
  distanceToLiquidation: number;
  /** Move from entry to the bankruptcy price, 1/L. */
  distanceToBankruptcy: number;
  /** Equity left when the position is closed exactly at its liquidation price: m·q·P_liq ($). */
  equityAtLiquidation: number;
  /** Price range of the figure [low, high] ($): entry, liquidation and bankruptcy with room either side. */
  range: [number, number];
  /** Equity and requirement along `points` prices spanning `range`. */
  curve: { price: number; equity: number; maintenance: number }[];
}

/**
 * Liquidation and bankruptcy prices, margin, the equity left at liquidation
 * and the equity line for a figure. Throws `EngineInputError` for values
 * outside the spec and for m ≥ 1/L.
 */
export function positionSnapshot(params: Partial<LiquidationCalculatorParams>, points = 121): PositionSnapshot {
  const p = resolveParams(liquidationCalculatorSpec, params, 'positionSnapshot');
  const n = Math.max(2, Math.min(2001, Math.floor(points)));
  validateLiquidationInput(p);
  const position: IsolatedPosition = { ...p };
  const liquidation = liquidationPrice(p);
  const bankruptcy = bankruptcyPrice(p);
  const quantity = p.notional / p.entryPrice;
  const span = p.entryPrice / p.leverage; // |P0 − P_bk|
  // Long: from well below bankruptcy to a little above entry; short: the mirror image. Never below 0.
  const range: [number, number] =
    p.side === 'long'
      ? [Math.max(0, p.entryPrice - 1.6 * span), p.entryPrice + 0.6 * span]
      : [Math.max(0, p.entryPrice - 0.6 * span), p.entryPrice + 1.6 * span];
  const prices = Array.from({ length: n }, (_, i) => range[0] + ((range[1] - range[0]) * i) / (n - 1));
  return {
    liquidation,
    bankruptcy,
    margin: p.notional / p.leverage,
    quantity,
    distanceToLiquidation: Math.abs(liquidation / p.entryPrice - 1),
    distanceToBankruptcy: 1 / p.leverage,
    equityAtLiquidation: p.maintenanceMargin * quantity * liquidation,
    range,
    curve: equityCurve(position, prices),
  };
}
