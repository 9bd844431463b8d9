/**
 * Prices ↔ returns, and variation margin (daily mark-to-market settlement).
 *
 * Variation margin moves the day's gain or loss from the loser to the winner each day:
 *   VM_t = −q · (P_t − P_{t−1})
 * for a position of q units (q > 0 long, q < 0 short). Positive VM_t is cash the holder must pay;
 * negative is cash received. VM_0 = 0 (no price change before the first day).
 * (The practice described by BCBS–CPMI–IOSCO, "Review of margining practices", 2022; models.md §6.3.)
 */
import { EngineInputError, requireFinite, requirePositive } from '../core/errors';
import { requireReturnSeries } from './volatility';

/** Throw unless every price is finite and strictly positive (a zero or negative price has no log return). */
export function requirePriceSeries(prices: ArrayLike<number>, param = 'prices'): void {
  if (!prices || typeof prices.length !== 'number' || prices.length === 0) {
    throw new EngineInputError('invalid-shape', `${param} must be a non-empty price series`, param);
  }
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i];
    if (typeof p !== 'number' || !Number.isFinite(p))
      throw new EngineInputError('not-finite', `${param}[${i}] must be a finite number (got ${String(p)})`, param);
    if (!(p > 0)) throw new EngineInputError('out-of-range', `${param}[${i}] must be a positive price (got ${p})`, param);
  }
}

/** Daily log returns r_t = ln(P_t / P_{t−1}); length n − 1. Zero or negative prices → EngineInputError. */
export function logReturns(prices: ArrayLike<number>): Float64Array {
  requirePriceSeries(prices);
  const n = prices.length;
  const out = new Float64Array(Math.max(0, n - 1));
  for (let t = 1; t < n; t++) out[t - 1] = Math.log(prices[t]! / prices[t - 1]!);
  return out;
}

/** Price path from log returns: P_0 = p0 (before the first return), P_t = p0·exp(r_0 + … + r_{t−1}); length n + 1. */
export function pricesFromReturns(returns: ArrayLike<number>, p0: number): Float64Array {
  requireReturnSeries(returns);
  requirePositive(p0, 'p0');
  const out = new Float64Array(returns.length + 1);
  out[0] = p0;
  let cum = 0;
  for (let t = 0; t < returns.length; t++) {
    cum += returns[t]!;
    out[t + 1] = p0 * Math.exp(cum);
  }
  return out;
}

/**
 * Variation margin per day for a position of `position` units: VM_t = −position·(P_t − P_{t−1}), VM_0 = 0.
 * Positive = cash the holder pays. The sum over days equals −position·(P_last − P_0) exactly up to rounding.
 */
export function variationMargin(prices: ArrayLike<number>, position: number): Float64Array {
  requirePriceSeries(prices);
  const q = requireFinite(position, 'position');
  const out = new Float64Array(prices.length);
  for (let t = 1; t < prices.length; t++) out[t] = -q * (prices[t]! - prices[t - 1]!);
  return out;
}
