/**
 * Perpetual funding and the basis trade.
 *
 * Premium index (per funding interval, fraction of the index):
 *   P = [max(0, impactBid − index) − max(0, index − impactAsk)] / index,
 * which for a single perpetual mid p (impactBid = impactAsk = p) is (p − index)/index.
 * Funding rate:
 *   F = P + clamp(I − P, −b, +b),   then capped to [−cap, +cap],
 * with I the interest-rate component (0.01 % per 8-hour interval by default)
 * and b = 0.05 %: when |I − P| < b the rate equals I. F > 0: longs pay
 * shorts F × position value at the mark, every interval; F < 0: shorts pay.
 *
 * Sources: the premium-index and funding formulas as venues publish them —
 * "Funding Rate = Premium Index + clamp(Interest Spread − Premium Index,
 * 0.05%, −0.05%); Premium Index = [Max(0, Impact Bid Price − Index Price) −
 * Max(0, Index Price − Impact Ask Price)] / Index Price" (gate.io futures
 * funding page); the same F = P + clamp(I − P, 0.05%, −0.05%) with an 8-hour
 * interval and the Interest Rate (I) = (Quote Index − Base Index)/3 appear in
 * BitMEX-style venue documentation (DueDEX, BTCMEX pages), and BitMEX shows
 * 0.0100 % as its XBTUSD funding rate; all read via the project's search store.
 * The cap's default (0.75 % per interval) is illustrative: venues set their
 * own caps [unverified].
 *
 * Basis trade: basis traders hold long spot / short perpetual and collect
 * funding while it is positive. When funding flips below their threshold
 * they unwind: they buy back the perpetual (pushing it up) and sell the spot
 * (pushing it down). `basisUnwind` computes that move; `basisUnwindCascade`
 * feeds the perpetual's move into a cascade (shorts squeezed). The unwind
 * rule (a share of the book closes at once when F < threshold) is a
 * stylisation, not a published model.
 *
 * Time: the funding interval is in hours (not years; see orderBook.ts on clocks).
 */
import { EngineInputError, requireFinite, requirePositive } from '../core/errors';
import { clamp } from '../core/numeric';
import { defineParams, type ParamValues } from '../core/params';
import { cascade, validatePopulation, type CascadeResult } from './cascade';
import { bookMid, marketBuy, marketSell, validateBook, type Fill, type OrderBook } from './orderBook';
import { ladderOrders, type Population } from './population';
import { sideSign, type Side } from './positions';
import { requireSide, resolveParams } from './validate';

/** Parameters of the funding formula. */
export const fundingSpec = defineParams({
  interestRate: {
    label: 'Interest rate component',
    symbol: 'I',
    display: 'percent',
    unit: '% per interval',
    min: -0.001,
    max: 0.001,
    step: 0.00001,
    default: 0.0001,
    description: 'Interest-rate part of funding, per interval (0.01 % per 8 hours is the common default).',
  },
  clampBand: {
    label: 'Clamp band',
    symbol: 'b',
    display: 'percent',
    unit: '%',
    min: 0,
    max: 0.005,
    step: 0.0001,
    default: 0.0005,
    description: 'Funding equals I whenever the premium is within ±b of it.',
  },
  cap: {
    label: 'Funding cap',
    display: 'percent',
    unit: '% per interval',
    min: 0.0005,
    max: 0.05,
    step: 0.0005,
    default: 0.0075,
    description: 'Largest funding rate per interval, either sign (illustrative default).',
  },
  intervalHours: {
    label: 'Funding interval',
    unit: 'h',
    min: 1,
    max: 24,
    step: 1,
    default: 8,
    integer: true,
    description: 'Hours between funding payments.',
  },
});

/** Values of `fundingSpec`. */
export type FundingParams = ParamValues<typeof fundingSpec>;

/**
 * Premium index (fraction): [max(0, impactBid − index) − max(0, index − impactAsk)] / index.
 * Pass impactBid = impactAsk = perpetual mid for the simple (perp − index)/index.
 */
export function premiumIndex(p: { impactBid: number; impactAsk: number; index: number }): number {
  const bid = requirePositive(p?.impactBid, 'impactBid');
  const ask = requirePositive(p.impactAsk, 'impactAsk');
  const index = requirePositive(p.index, 'index');
  if (bid > ask) throw new EngineInputError('out-of-range', `impactBid (${bid}) must not exceed impactAsk (${ask})`, 'impactBid');
  return (Math.max(0, bid - index) - Math.max(0, index - ask)) / index;
}

/** Funding rate per interval: clamp(P + clamp(I − P, −b, b), −cap, cap). */
export function fundingRate(premium: number, params?: Partial<FundingParams>): number {
  const P = requireFinite(premium, 'premium');
  const f = resolveParams(fundingSpec, params, 'fundingRate');
  return clamp(P + clamp(f.interestRate - P, -f.clampBand, f.clampBand), -f.cap, f.cap);
}

/** Funding rate expressed per year (simple, not compounded): rate × 8766 / intervalHours. */
export function annualisedFunding(rate: number, intervalHours = 8): number {
  requireFinite(rate, 'rate');
  requirePositive(intervalHours, 'intervalHours');
  return (rate * 365.25 * 24) / intervalHours;
}

/**
 * Cash received by a position at one funding time ($): −s·F·q·P_mark
 * (a long pays when F > 0, a short receives).
 */
export function fundingPayment(p: { side: Side; quantity: number; markPrice: number; rate: number }): number {
  requireSide(p?.side, 'side');
  const q = requirePositive(p.quantity, 'quantity');
  const P = requirePositive(p.markPrice, 'markPrice');
  const F = requireFinite(p.rate, 'rate');
  return -sideSign(p.side) * F * q * P;
}

/**
 * Apply one funding payment to every position of a population. Payments
 * change each position's isolated margin (M ← M − s·F·q·P_mark), hence its
 * liquidation and bankruptcy prices (recomputed from the margin held, see
 * `liquidationPriceFromMargin`), and the ladders are re-sorted. Funding paid
 * by longs and received by shorts differ when long and short open interest
 * differ: the difference is borne by the counterparties outside the
 * population (market makers), reported as `net`.
 */
export function applyFunding(pop: Population, p: { rate: number; markPrice: number }): {
  population: Population;
  payments: Float64Array;
  paidByLongs: number;
  receivedByShorts: number;
  net: number;
} {
  validatePopulation(pop);
  const F = requireFinite(p?.rate, 'rate');
  const P = requirePositive(p.markPrice, 'markPrice');
  const n = pop.count;
  const payments = new Float64Array(n);
  const margin = new Float64Array(n);
  const liquidation = new Float64Array(n);
  const bankruptcy = new Float64Array(n);
  let paidByLongs = 0;
  let receivedByShorts = 0;
  for (let i = 0; i < n; i++) {
    const s = pop.side[i]!;
    const q = pop.quantity[i]!;
    const P0 = pop.entry[i]!;
    const m = pop.maintenanceMargin[i]!;
    const pay = -s * F * q * P;
    payments[i] = pay;
    if (s === 1) paidByLongs -= pay;
    else receivedByShorts += pay;
    const M = pop.margin[i]! + pay;
    margin[i] = M;
    liquidation[i] = s === 1 ? Math.max(0, (q * P0 - M) / (q * (1 - m))) : (q * P0 + M) / (q * (1 + m));
    bankruptcy[i] = s === 1 ? Math.max(0, P0 - M / q) : P0 + M / q;
  }
  const { longOrder, shortOrder } = ladderOrders(pop.side, liquidation);
  return {
    population: { ...pop, margin, liquidation, bankruptcy, longOrder, shortOrder },
    payments,
    paidByLongs,
    receivedByShorts,
    net: paidByLongs - receivedByShorts,
  };
}

/** Size and trigger of the basis traders' unwind. */
export const basisSpec = defineParams({
  basisNotional: {
    label: 'Basis trades',
    unit: '$',
    min: 0,
    max: 1_000_000_000,
    step: 1_000_000,
    default: 20_000_000,
    description: 'Notional of long-spot / short-perpetual basis positions.',
  },
  unwindThreshold: {
    label: 'Unwind threshold',
    display: 'percent',
    unit: '% per interval',
    min: -0.005,
    max: 0.005,
    step: 0.0001,
    default: 0,
    description: 'Basis traders unwind when funding falls below this rate.',
  },
  unwindShare: {
    label: 'Share unwound',
    display: 'percent',
    unit: '%',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.5,
    description: 'Fraction of the basis book closed at once when the threshold is crossed.',
  },
});

/** Values of `basisSpec`. */
export type BasisParams = ParamValues<typeof basisSpec>;

/** Result of `basisUnwind`: both legs' fills and the basis before and after. */
export interface BasisUnwindResult {
  triggered: boolean;
  /** Notional closed ($, at the pre-unwind mids). */
  closeNotional: number;
  /** Buy-back of the short perpetual leg. */
  perp: Fill;
  /** Sale of the long spot leg. */
  spot: Fill;
  /** perp mid / spot mid − 1, before and after. */
  basisBefore: number;
  basisAfter: number;
  /** Funding rate implied by the new premium (perp mid against spot mid as the index). */
  fundingAfter: number;
}

/** Basis-trade unwind triggered by funding below the threshold (see the module comment). */
export function basisUnwind(perpBook: OrderBook, spotBook: OrderBook, fundingRateNow: number, params?: Partial<BasisParams & FundingParams>): BasisUnwindResult {
  validateBook(perpBook);
  validateBook(spotBook);
  const F = requireFinite(fundingRateNow, 'fundingRate');
  const b = resolveParams(basisSpec, params, 'basisUnwind');
  const f = resolveParams(fundingSpec, params, 'basisUnwind');
  const triggered = F < b.unwindThreshold;
  const closeNotional = triggered ? b.unwindShare * b.basisNotional : 0;
  const basisBefore = bookMid(perpBook) / bookMid(spotBook) - 1;
  const perp = marketBuy(perpBook, closeNotional);
  const spot = marketSell(spotBook, closeNotional);
  const basisAfter = perp.midAfter / spot.midAfter - 1;
  const prem = premiumIndex({ impactBid: perp.midAfter, impactAsk: perp.midAfter, index: spot.midAfter });
  return { triggered, closeNotional, perp, spot, basisBefore, basisAfter, fundingAfter: fundingRate(prem, f) };
}

/**
 * Basis unwind as the trigger of a short squeeze: the perpetual's rise from
 * the unwind is the shock; the cascade then runs on the perpetual's
 * population from the displaced book (no further news).
 */
export function basisUnwindCascade(
  pop: Population,
  perpBook: OrderBook,
  spotBook: OrderBook,
  fundingRateNow: number,
  params?: Partial<BasisParams & FundingParams>,
): { unwind: BasisUnwindResult; cascade: CascadeResult } {
  const unwind = basisUnwind(perpBook, spotBook, fundingRateNow, params);
  return { unwind, cascade: cascade(pop, unwind.perp.book, { shock: 0, direction: 'up' }) };
}
