/**
 * Funding on two venues during a cascade: liquidity fragmentation shows up as
 * funding-rate dispersion.
 *
 * Both venues list a perpetual on the same spot index. Given each venue's
 * mid along a run (e.g. `twoVenueCascade`), the premium of venue v at step k
 * is (P_v − index)/index (`premiumIndex` with impact bid = impact ask = mid)
 * and the funding rate it would charge at that moment is `fundingRate` of
 * that premium (clamp band and cap of `fundingSpec`). The gap between the
 * venues is P_B/P_A − 1. While arbitrage keeps the two mids together the two
 * rates move together; when arbitrage capital is short the venues' rates
 * diverge, which is what "funding rate variance" across fragmented venues
 * means in the book.
 *
 * The index is held fixed (the shock in the two-venue model is a large order
 * on one perpetual, not news about the asset). Source: the funding formula of
 * `funding.ts`; the comparison across venues is the engine's own.
 */
import { EngineInputError, requirePositive } from '../core/errors';
import { fundingRate, premiumIndex, type FundingParams } from './funding';

/** Premiums, funding rates and the gap between two venues, step by step. */
export interface VenueFundingPaths {
  /** P_B/P_A − 1 at each step. */
  gap: number[];
  premiumA: number[];
  premiumB: number[];
  /** Funding rate per interval at each step (fraction; > 0: longs pay shorts). */
  fundingA: number[];
  fundingB: number[];
  /** Largest |gap| along the run. */
  maxGap: number;
  /** Largest |fundingA − fundingB| along the run, and the step (0-based) where it occurs (−1 for an empty run). */
  maxFundingSpread: number;
  maxSpreadStep: number;
}

/** Funding paths of two venues quoting against one index (see the module comment). */
export function venueFundingPaths(priceA: ArrayLike<number>, priceB: ArrayLike<number>, index: number, params?: Partial<FundingParams>): VenueFundingPaths {
  const I = requirePositive(index, 'index');
  if (!priceA || !priceB || priceA.length !== priceB.length) {
    throw new EngineInputError('invalid-shape', 'priceA and priceB must be arrays of the same length', 'priceB');
  }
  const n = priceA.length;
  const out: VenueFundingPaths = { gap: [], premiumA: [], premiumB: [], fundingA: [], fundingB: [], maxGap: 0, maxFundingSpread: 0, maxSpreadStep: -1 };
  for (let k = 0; k < n; k++) {
    const a = requirePositive(priceA[k], 'priceA');
    const b = requirePositive(priceB[k], 'priceB');
    const pa = premiumIndex({ impactBid: a, impactAsk: a, index: I });
    const pb = premiumIndex({ impactBid: b, impactAsk: b, index: I });
    const fa = fundingRate(pa, params);
    const fb = fundingRate(pb, params);
    const gap = b / a - 1;
    out.gap.push(gap);
    out.premiumA.push(pa);
    out.premiumB.push(pb);
    out.fundingA.push(fa);
    out.fundingB.push(fb);
    out.maxGap = Math.max(out.maxGap, Math.abs(gap));
    if (Math.abs(fa - fb) > out.maxFundingSpread || out.maxSpreadStep < 0) {
      out.maxFundingSpread = Math.abs(fa - fb);
      out.maxSpreadStep = k;
    }
  }
  return out;
}
