/**
 * Cross-margin account: several perpetual positions share one collateral
 * balance, so a loss on one asset eats the buffer of all the others.
 *
 * With collateral C (cash posted, $) and positions k of q_k = N_k/P0_k units,
 * side s_k, maintenance rate m_k, marked at prices P_a (one per asset):
 *
 *   equity       E = C + Σ_k s_k·q_k·(P_{a(k)} − P0_k)
 *   requirement  R = Σ_k m_k·q_k·P_{a(k)}            (= Σ m·|notional at mark|)
 *   liquidated   when E ≤ R                           (same tie rule as isolated margin)
 *
 * Holding every other price fixed, E − R is linear in the price P of one
 * asset a: E − R = A + b·P with b = Σ_{k∈a} (s_k − m_k)·q_k. The account is
 * liquidated by asset a's price at P* = −A/b: when P falls to P* if b > 0
 * (net long), when it rises to P* if b < 0 (net short). With one position and
 * C = N/L this reduces to the isolated formula of `positions.ts`.
 *
 * Source: the same maintenance-margin convention as models.md ("Isolated-
 * margin perpetual"), applied to the account instead of the position; this is
 * how venues describe cross margin (one margin balance, the sum of position
 * maintenance requirements). No haircuts on collateral, no fees.
 */
import { EngineInputError, requireFinite, requireInRange, requireNonNegative, requirePositive } from '../core/errors';
import { sideSign, type Side } from './positions';
import { requireSide } from './validate';

/** One position of a cross-margin account. */
export interface CrossPosition {
  /** Asset name (key into the price map). */
  asset: string;
  side: Side;
  /** Notional at entry ($). */
  notional: number;
  entryPrice: number;
  /** Maintenance margin rate (fraction of the value at the mark). */
  maintenanceMargin: number;
}

/** A cross-margin account: one collateral balance for all its positions. */
export interface CrossMarginInput {
  /** Collateral posted ($), before unrealised PnL. */
  collateral: number;
  positions: CrossPosition[];
}

/** Price of one asset, the others fixed, at which the account reaches its maintenance requirement. */
export interface CrossLiquidationPrice {
  asset: string;
  /** Price of this asset (others fixed) at which E = R; null when the asset's price cannot liquidate the account. */
  price: number | null;
  /** 'below': liquidated if the price falls to `price`; 'above': if it rises to it. */
  direction: 'below' | 'above' | null;
}

/** State of a cross-margin account at given mark prices. */
export interface CrossMarginState {
  equity: number;
  maintenanceRequirement: number;
  /** R / E, the venues' "margin ratio"; liquidation at ≥ 1. Infinity when E ≤ 0 and R > 0; 0 when R = 0. */
  marginRatio: number;
  /** True when the account holds positions and E ≤ R. */
  liquidatable: boolean;
  positions: { asset: string; side: Side; unrealisedPnl: number; maintenance: number }[];
  liquidationPrices: CrossLiquidationPrice[];
}

function validateAccount(account: CrossMarginInput, prices: Record<string, number>): void {
  if (!account || typeof account !== 'object' || !Array.isArray(account.positions)) {
    throw new EngineInputError('invalid-shape', 'account must be { collateral, positions: [...] }', 'account');
  }
  requireNonNegative(account.collateral, 'collateral');
  if (!prices || typeof prices !== 'object') throw new EngineInputError('invalid-shape', 'prices must map each asset to its mark price', 'prices');
  account.positions.forEach((p, i) => {
    if (typeof p.asset !== 'string' || p.asset === '') throw new EngineInputError('invalid-parameter', `positions[${i}].asset must be a non-empty string`, 'asset');
    requireSide(p.side, `positions[${i}].side`);
    requirePositive(p.notional, `positions[${i}].notional`);
    requirePositive(p.entryPrice, `positions[${i}].entryPrice`);
    requireInRange(p.maintenanceMargin, 0, 0.999999, `positions[${i}].maintenanceMargin`);
    if (!Object.prototype.hasOwnProperty.call(prices, p.asset)) {
      throw new EngineInputError('invalid-parameter', `no mark price for asset "${p.asset}"`, 'prices');
    }
    requirePositive(prices[p.asset], `prices.${p.asset}`);
  });
}

/**
 * Price of `asset` (all other prices fixed) at which the cross-margin account
 * reaches its maintenance requirement: P* = −A/b (see the module comment).
 * Returns price null when b = 0 (the asset does not move E − R) or when the
 * account can never be liquidated through it (b > 0 and P* ≤ 0); price 0 with
 * direction 'above' when any non-negative price liquidates it.
 */
export function crossLiquidationPrice(account: CrossMarginInput, prices: Record<string, number>, asset: string): CrossLiquidationPrice {
  validateAccount(account, prices);
  return liquidationPriceOf(account, prices, asset);
}

function liquidationPriceOf(account: CrossMarginInput, prices: Record<string, number>, asset: string): CrossLiquidationPrice {
  let A = account.collateral;
  let b = 0;
  for (const p of account.positions) {
    const q = p.notional / p.entryPrice;
    const s = sideSign(p.side);
    if (p.asset === asset) {
      b += (s - p.maintenanceMargin) * q;
      A -= s * q * p.entryPrice;
    } else {
      const P = prices[p.asset]!;
      A += s * q * (P - p.entryPrice) - p.maintenanceMargin * q * P;
    }
  }
  if (b === 0) return { asset, price: null, direction: null };
  const star = -A / b;
  if (b > 0) return star > 0 ? { asset, price: star, direction: 'below' } : { asset, price: null, direction: null };
  return { asset, price: Math.max(0, star), direction: 'above' };
}

/**
 * Equity, maintenance requirement, liquidation condition and per-asset
 * liquidation prices of a cross-margin account at the given mark prices.
 */
export function crossMarginAccount(account: CrossMarginInput, prices: Record<string, number>): CrossMarginState {
  validateAccount(account, prices);
  let equity = account.collateral;
  let requirement = 0;
  const positions: CrossMarginState['positions'] = [];
  const assets: string[] = [];
  for (const p of account.positions) {
    const q = p.notional / p.entryPrice;
    const P = prices[p.asset]!;
    const pnl = sideSign(p.side) * q * (P - p.entryPrice);
    const mm = p.maintenanceMargin * q * P;
    equity += pnl;
    requirement += mm;
    positions.push({ asset: p.asset, side: p.side, unrealisedPnl: pnl, maintenance: mm });
    if (!assets.includes(p.asset)) assets.push(p.asset);
  }
  requireFinite(equity, 'equity');
  const marginRatio = requirement === 0 ? 0 : equity > 0 ? requirement / equity : Number.POSITIVE_INFINITY;
  return {
    equity,
    maintenanceRequirement: requirement,
    marginRatio,
    liquidatable: account.positions.length > 0 && equity <= requirement,
    positions,
    liquidationPrices: assets.map((a) => liquidationPriceOf(account, prices, a)),
  };
}
