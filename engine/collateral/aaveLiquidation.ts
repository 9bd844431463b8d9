/**
 * Aave v3 liquidation arithmetic: health factor, close factor (v3.2 and v3.3 rules) and the collateral
 * seized with the liquidation bonus. Read from the protocol's code (models.md §7.1, [V-src]):
 *   aave/aave-v3-core, contracts/protocol/libraries/logic/GenericLogic.sol (health factor) and LiquidationLogic.sol
 *   (v3.0–3.2 close factor); aave-dao/aave-v3-origin, src/contracts/protocol/libraries/logic/LiquidationLogic.sol
 *   (v3.3: MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD, MIN_LEFTOVER_BASE, deficit accounting; read again for this file).
 * Values are in base-currency units (the code's 8-decimal USD base: 2000e8 ↔ 2000 here). The debt asset is
 * priced at 1 base unit unless a price is given. The code's fixed-point rounding (percentMul, wad maths) is not
 * reproduced: the engine works in floating point.
 */
import { EngineInputError, requireFinite, requireNonNegative, requirePositive } from '../core/errors';

/** v3.0–3.2 and v3.3: default close factor 50 % (DEFAULT_LIQUIDATION_CLOSE_FACTOR = 0.5e4 bps). */
export const AAVE_DEFAULT_CLOSE_FACTOR = 0.5;
/** Health factor at or below which 100 % of the debt can be liquidated (CLOSE_FACTOR_HF_THRESHOLD = 0.95e18). */
export const AAVE_CLOSE_FACTOR_HF_THRESHOLD = 0.95;
/** v3.3: positions whose reserve collateral or debt is below this (base units) can be fully liquidated (2000e8). */
export const AAVE_MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD = 2000;
/** v3.3: a partial liquidation must leave at least this much debt and collateral (MIN_LEFTOVER_BASE = threshold/2). */
export const AAVE_MIN_LEFTOVER_BASE = 1000;

/** Which Aave close-factor rule applies: v3.0–3.2 (50 %/100 % by HF) or v3.3 (whole reserve debt unless large and HF > 0.95). */
export type AaveCloseFactorRule = 'v3.2' | 'v3.3';

/** Throw unless 0 < LT < 1: a liquidation threshold of 0 or ≥ 100 % of collateral value is meaningless. */
export function requireLiquidationThreshold(lt: number, param = 'liquidationThreshold'): number {
  requireFinite(lt, param);
  if (!(lt > 0 && lt < 1)) throw new EngineInputError('out-of-range', `${param} must lie strictly between 0 and 1 (got ${lt})`, param);
  return lt;
}

/**
 * Health factor HF = Σ_i value_i·LT_i / debt (GenericLogic.calculateUserAccountData: total collateral in base
 * currency × weighted-average liquidation threshold ÷ total debt). Infinity when debt is 0; the position can be
 * liquidated when HF < 1. LT ≤ 0 or ≥ 1, negative values or debt → EngineInputError.
 */
export function healthFactor(p: { collateral: { value: number; liquidationThreshold: number }[]; debt: number }): number {
  if (!p || !Array.isArray(p.collateral))
    throw new EngineInputError('invalid-shape', 'collateral must be an array of { value, liquidationThreshold }', 'collateral');
  const debt = requireNonNegative(p.debt, 'debt');
  let weighted = 0;
  for (let i = 0; i < p.collateral.length; i++) {
    const c = p.collateral[i]!;
    const v = requireNonNegative(c.value, `collateral[${i}].value`);
    weighted += v * requireLiquidationThreshold(c.liquidationThreshold, `collateral[${i}].liquidationThreshold`);
  }
  return debt === 0 ? Infinity : weighted / debt;
}

/**
 * v3.0–3.2 close factor (aave-v3-core LiquidationLogic): 50 % when HF > 0.95, 100 % when HF ≤ 0.95.
 * Golden values (models.md): HF 0.96 → 0.5, HF 0.95 → 1.
 */
export function closeFactorV32(healthFactorValue: number): number {
  const hf = requireNonNegative(healthFactorValue, 'healthFactor');
  return hf > AAVE_CLOSE_FACTOR_HF_THRESHOLD ? AAVE_DEFAULT_CLOSE_FACTOR : 1;
}

/**
 * v3.3 largest liquidatable debt of one reserve (aave-v3-origin LiquidationLogic.executeLiquidationCall):
 * by default the whole reserve debt; limited to 50 % of the *total* debt only when the reserve collateral value
 * ≥ 2000, the reserve debt value ≥ 2000 and HF > 0.95, and then only if the reserve debt exceeds that 50 %.
 * All values in base units.
 */
export function maxLiquidatableDebtV33(p: {
  healthFactor: number;
  reserveDebt: number;
  totalDebt?: number;
  reserveCollateralValue: number;
  threshold?: number;
}): number {
  const hf = requireNonNegative(p.healthFactor, 'healthFactor');
  const reserveDebt = requireNonNegative(p.reserveDebt, 'reserveDebt');
  const totalDebt = p.totalDebt === undefined ? reserveDebt : requireNonNegative(p.totalDebt, 'totalDebt');
  const collateral = requireNonNegative(p.reserveCollateralValue, 'reserveCollateralValue');
  const T = p.threshold === undefined ? AAVE_MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD : requireNonNegative(p.threshold, 'threshold');
  if (collateral >= T && reserveDebt >= T && hf > AAVE_CLOSE_FACTOR_HF_THRESHOLD) {
    const half = totalDebt * AAVE_DEFAULT_CLOSE_FACTOR;
    if (reserveDebt > half) return half;
  }
  return reserveDebt;
}

/**
 * Collateral seized for `debtToCover` (LiquidationLogic._calculateAvailableCollateralToLiquidate, no protocol fee):
 *   base = debtToCover·P_debt/P_coll,  max = base·(1 + bonus);
 *   if max > balance: seized = balance and the debt repaid is scaled down, repaid = balance·P_coll/P_debt/(1 + bonus);
 *   otherwise seized = max and repaid = debtToCover.
 * `bonus` is the liquidation bonus as a fraction (Aave's 10500 bps ↔ 0.05). Amounts in units of each asset.
 */
export function collateralToSeize(p: { debtToCover: number; collateralBalance: number; collateralPrice: number; debtPrice?: number; bonus: number }): {
  collateral: number;
  debtRepaid: number;
  capped: boolean;
} {
  const debtToCover = requireNonNegative(p.debtToCover, 'debtToCover');
  const balance = requireNonNegative(p.collateralBalance, 'collateralBalance');
  const pc = requirePositive(p.collateralPrice, 'collateralPrice');
  const pd = p.debtPrice === undefined ? 1 : requirePositive(p.debtPrice, 'debtPrice');
  const bonus = requireNonNegative(p.bonus, 'bonus');
  const max = ((debtToCover * pd) / pc) * (1 + bonus);
  if (max > balance) return { collateral: balance, debtRepaid: (balance * pc) / pd / (1 + bonus), capped: true };
  return { collateral: max, debtRepaid: debtToCover, capped: false };
}
