/**
 * One step of the RiskMetrics EWMA recursion, σ²_new = λσ²_old + (1 − λ)r² (J.P. Morgan/Reuters, RiskMetrics —
 * Technical Document, 4th ed., 1996, §5.2), with a parameter specification for its inputs in daily units. It is the
 * same arithmetic as `ewmaVariance` (which it calls) applied to a single return, for worked examples and exercises.
 */
import { defineParams, type ParamValues } from '../core/params';
import { requireFinite, requireNonNegative } from '../core/errors';
import { ewmaVariance, RISKMETRICS_DAILY_LAMBDA } from './volatility';

/** Inputs of one EWMA update (daily volatility and return as fractions: 0.01 = 1 %). */
export const ewmaUpdateParams = defineParams({
  previousVol: {
    label: 'Previous daily volatility',
    symbol: '\\sigma_{t-1}',
    unit: '%',
    display: 'percent',
    min: 0.002,
    max: 0.05,
    step: 0.0005,
    default: 0.01,
    description: 'Yesterday’s EWMA estimate of the daily volatility.',
  },
  dailyReturn: {
    label: 'Today’s return',
    symbol: 'r_t',
    unit: '%',
    display: 'percent',
    min: -0.12,
    max: 0.12,
    step: 0.0025,
    default: -0.04,
    description: 'The day’s return (a log return; its sign does not matter, only its square).',
  },
});
/** Values of `ewmaUpdateParams`. */
export type EwmaUpdateParams = ParamValues<typeof ewmaUpdateParams>;

/** New daily volatility after one return: √(λσ²_prev + (1 − λ)r²). */
export function ewmaUpdate(p: { previousVol: number; dailyReturn: number; lambda?: number }): number {
  const s = requireNonNegative(p.previousVol, 'previousVol');
  const r = requireFinite(p.dailyReturn, 'dailyReturn');
  const v = ewmaVariance([r], { lambda: p.lambda ?? RISKMETRICS_DAILY_LAMBDA, initialVariance: s * s })[0]!;
  return Math.sqrt(v);
}
