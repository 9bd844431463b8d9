/**
 * Isolated-margin perpetual positions: liquidation price, bankruptcy price,
 * equity and maintenance requirement.
 *
 * A position of notional N opened at entry price P0 with leverage L posts the
 * initial margin M = N / L and holds q = N / P0 units (long: +q, short: −q).
 * Marked at price P its equity is
 *
 *   E(P) = M + s·q·(P − P0),   s = +1 (long) or −1 (short),
 *
 * and its maintenance requirement is m·q·P (m = maintenance margin rate, a
 * fraction of the position's value at the mark). The venue liquidates the
 * position once E(P) ≤ m·q·P. Solving E(P) = m·q·P gives the binding
 * convention of `shared/reference/models.md` ("Isolated-margin perpetual"):
 *
 *   long:  P_liq = P0·(1 − 1/L) / (1 − m)
 *   short: P_liq = P0·(1 + 1/L) / (1 + m)
 *
 * and with m = 0 the bankruptcy price (equity exactly zero):
 *
 *   long:  P_bk = P0·(1 − 1/L),   short: P_bk = P0·(1 + 1/L).
 *
 * This is the textbook linear-contract (USDT-margined) reading with no fees
 * and a single maintenance rate; venues add tiered maintenance rates and
 * maintenance "amounts", which the engine leaves out. Tie rule: a position is
 * liquidated when the mark is AT or beyond its liquidation price.
 *
 * Source: models.md, "Conventions the engine adopts" (binding), for the
 * liquidation price; the bankruptcy price is its m = 0 case, and the equity
 * and requirement are the definitions that convention solves.
 */
import { EngineInputError, requireFinite, requireInRange, requireNonNegative, requirePositive } from '../core/errors';
import { defineParams } from '../core/params';
import { requireSide } from './validate';

/** Side of a position: a long gains when the price rises, a short when it falls. */
export type Side = 'long' | 'short';

/** Highest leverage the engine accepts: a venue maximum (125×, the figure given in issue #4). */
export const MAX_LEVERAGE = 125;

/** +1 for a long, −1 for a short. */
export function sideSign(side: Side): 1 | -1 {
  return side === 'long' ? 1 : -1;
}

/**
 * Parameters of one isolated position (drives the "liquidation price" widget).
 * The maintenance-rate maximum (0.75 %) stays below 1/125 = 0.8 %, so every
 * combination a reader can set with the sliders is a legal position.
 */
export const positionSpec = defineParams({
  entryPrice: {
    label: 'Entry price',
    symbol: 'P_0',
    unit: '$',
    min: 1,
    max: 100_000,
    step: 1,
    default: 100,
    description: 'Price at which the position was opened.',
  },
  leverage: {
    label: 'Leverage',
    symbol: 'L',
    unit: '×',
    min: 1.1,
    max: MAX_LEVERAGE,
    step: 0.1,
    default: 10,
    description: 'Position notional divided by the margin posted (initial margin rate 1/L).',
  },
  maintenanceMargin: {
    label: 'Maintenance margin rate',
    symbol: 'm',
    display: 'percent',
    unit: '%',
    min: 0,
    max: 0.0075,
    step: 0.0005,
    default: 0.005,
    description: 'Equity the venue requires, as a fraction of the position value at the mark.',
  },
  side: {
    kind: 'choice',
    label: 'Side',
    description: 'Long gains when the price rises; short gains when it falls.',
    options: [
      { value: 'long', label: 'Long' },
      { value: 'short', label: 'Short' },
    ],
    default: 'long',
  },
});

/** What the liquidation price depends on: entry price ($), leverage (×), maintenance rate (fraction), side. */
export interface LiquidationInput {
  entryPrice: number;
  leverage: number;
  maintenanceMargin: number;
  side: Side;
}

/** An isolated position with a size (notional at entry, in $). */
export interface IsolatedPosition extends LiquidationInput {
  notional: number;
}

/** Check leverage, maintenance rate and entry price; throws `EngineInputError`. */
export function validateLiquidationInput(p: LiquidationInput): void {
  if (!p || typeof p !== 'object') throw new EngineInputError('invalid-parameter', 'position must be an object', 'position');
  requirePositive(p.entryPrice, 'entryPrice');
  const L = requireFinite(p.leverage, 'leverage');
  if (!(L > 1)) {
    throw new EngineInputError('out-of-range', `leverage must be greater than 1 (got ${L}): at 1× or less the margin covers the whole position and there is nothing to liquidate`, 'leverage');
  }
  if (L > MAX_LEVERAGE) {
    throw new EngineInputError('out-of-range', `leverage must be at most ${MAX_LEVERAGE}× (got ${L})`, 'leverage');
  }
  const m = requireInRange(p.maintenanceMargin, 0, 1, 'maintenanceMargin');
  if (!(m < 1 / L)) {
    throw new EngineInputError(
      'out-of-range',
      `maintenance margin rate (${m}) must be below the initial margin rate 1/L = ${1 / L}: otherwise the position is liquidated the moment it opens`,
      'maintenanceMargin',
    );
  }
  requireSide(p.side, 'side');
}

/**
 * Liquidation price of an isolated-margin perpetual position ($):
 * long P0·(1 − 1/L)/(1 − m), short P0·(1 + 1/L)/(1 + m).
 * Example: P0 = 100, L = 10, m = 0.5 % gives 90/0.995 = 90.4523 (long) and 110/1.005 = 109.4527 (short).
 * Source: models.md binding convention (see the module comment).
 */
export function liquidationPrice(p: LiquidationInput): number {
  validateLiquidationInput(p);
  const { entryPrice: P0, leverage: L, maintenanceMargin: m } = p;
  return p.side === 'long' ? (P0 * (1 - 1 / L)) / (1 - m) : (P0 * (1 + 1 / L)) / (1 + m);
}

/**
 * Bankruptcy price ($): where the equity is exactly zero (the liquidation price with m = 0):
 * long P0·(1 − 1/L), short P0·(1 + 1/L). Fills beyond it are losses for the insurance fund.
 */
export function bankruptcyPrice(p: Omit<LiquidationInput, 'maintenanceMargin'> & { maintenanceMargin?: number }): number {
  validateLiquidationInput({ ...p, maintenanceMargin: 0 });
  const { entryPrice: P0, leverage: L } = p;
  return p.side === 'long' ? P0 * (1 - 1 / L) : P0 * (1 + 1 / L);
}

/**
 * Liquidation price from the margin actually held (after funding payments or
 * partial closes), for q units entered at P0 with margin M:
 * long (q·P0 − M)/(q·(1 − m)), short (q·P0 + M)/(q·(1 + m)).
 * With M = q·P0/L it equals `liquidationPrice`. A long whose margin is gone
 * (M ≤ 0) has a liquidation price at or above its entry; the result is
 * floored at 0 (a long with M ≥ q·P0 can never be liquidated).
 */
export function liquidationPriceFromMargin(p: { entryPrice: number; quantity: number; margin: number; maintenanceMargin: number; side: Side }): number {
  const P0 = requirePositive(p.entryPrice, 'entryPrice');
  const q = requirePositive(p.quantity, 'quantity');
  const M = requireFinite(p.margin, 'margin');
  const m = requireInRange(p.maintenanceMargin, 0, 0.999999, 'maintenanceMargin');
  requireSide(p.side, 'side');
  return p.side === 'long' ? Math.max(0, (q * P0 - M) / (q * (1 - m))) : (q * P0 + M) / (q * (1 + m));
}

function validatePosition(position: IsolatedPosition): void {
  validateLiquidationInput(position);
  requirePositive(position.notional, 'notional');
}

/** Units held: q = notional / entry price. */
export function positionQuantity(position: IsolatedPosition): number {
  validatePosition(position);
  return position.notional / position.entryPrice;
}

/**
 * Equity of an isolated position at a mark price ($): E(P) = N/L + s·(N/P0)·(P − P0).
 * Linear in P; zero at the bankruptcy price; equal to the maintenance
 * requirement at the liquidation price. P = 0 is allowed (a legal limit).
 */
export function positionEquity(position: IsolatedPosition, price: number): number {
  validatePosition(position);
  const P = requireNonNegative(price, 'price');
  const q = position.notional / position.entryPrice;
  return position.notional / position.leverage + sideSign(position.side) * q * (P - position.entryPrice);
}

/** Maintenance requirement at a mark price ($): m·q·P. */
export function maintenanceRequirement(position: IsolatedPosition, price: number): number {
  validatePosition(position);
  const P = requireNonNegative(price, 'price');
  return (position.maintenanceMargin * position.notional * P) / position.entryPrice;
}

/**
 * Equity and maintenance requirement along a list of prices (for the
 * "equity line against price" figure). The lines cross at the liquidation price.
 */
export function equityCurve(position: IsolatedPosition, prices: ArrayLike<number>): { price: number; equity: number; maintenance: number }[] {
  validatePosition(position);
  const out: { price: number; equity: number; maintenance: number }[] = [];
  for (let i = 0; i < prices.length; i++) {
    const P = prices[i]!;
    out.push({ price: P, equity: positionEquity(position, P), maintenance: maintenanceRequirement(position, P) });
  }
  return out;
}
