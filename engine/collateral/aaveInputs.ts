/**
 * Parameter specifications for worked examples of Aave's liquidation arithmetic (`aaveLiquidation.ts`): a position's
 * health factor and the size of one liquidation call. The protocol itself has no such "parameters"; these ranges bound
 * the values the book's exercises draw (base currency: US dollars, as in Aave's 8-decimal USD base).
 */
import { defineParams, type ParamValues } from '../core/params';
import { AAVE_CLOSE_FACTOR_HF_THRESHOLD } from './aaveLiquidation';

export const aaveLiquidationParams = defineParams({
  healthFactor: {
    label: 'Health factor',
    symbol: 'HF',
    min: 0.5,
    max: 1.5,
    step: 0.01,
    default: 0.97,
    description: `Σ collateral × liquidation threshold ÷ debt; liquidatable below 1, fully liquidatable (v3.2) at or below ${AAVE_CLOSE_FACTOR_HF_THRESHOLD}.`,
  },
  debtToCover: {
    label: 'Debt repaid',
    unit: '$',
    min: 100,
    max: 1_000_000,
    step: 100,
    default: 10_000,
    description: 'Debt a liquidator repays in one liquidation call.',
  },
  collateralPrice: {
    label: 'Collateral price',
    unit: '$',
    min: 1,
    max: 100_000,
    step: 1,
    default: 2_000,
    description: 'Oracle price of one unit of the collateral seized.',
  },
});
/** Values of `aaveLiquidationParams`. */
export type AaveLiquidationParams = ParamValues<typeof aaveLiquidationParams>;
