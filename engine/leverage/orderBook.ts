/**
 * A continuous limit order book with a depth profile and resilience: the
 * market into which liquidation engines sell (longs) or buy (shorts).
 *
 * State. The book has an undisturbed mid P_ref and a net displacement x
 * (base units consumed from the bids by sells, x > 0, or from the asks by
 * buys, x < 0). The mid is P(x) = P_ref·exp(−sign(x)·δ(|x|)), where δ(y) is
 * the log-distance from P_ref at which the cumulative depth U(δ) reaches y:
 *
 *   'flat'   U(δ) = u1·δ/δ1        constant depth per unit of log-price: impact linear in size;
 *   'linear' U(δ) = u1·(δ/δ1)²     depth density rising linearly with distance (the V-shaped
 *                                  book of Tóth et al. 2011), hence impact ∝ sqrt(size);
 *   'sqrt'   the square-root impact law δ = Y·σ_d·sqrt(Q/V_d) (Q, V_d in $), the same shape as
 *            'linear' parameterised by the volatility σ (annual, the engine's unit; σ_d = σ/√365.25
 *            for a market open every day, as crypto perpetuals are), the daily volume V_d and the
 *            prefactor Y: u1 = (V_d/P_ref)·(δ1/(Y·σ_d))².
 *
 * with δ1 = 0.01 (a 1 % log-move) and u1 the units resting within it
 * (`depth` $ / P_ref). A market order of q units walks the book: it is filled
 * along the curve, at the average price ∫ P(y) dy / q over y ∈ [x, x + q]
 * (closed forms below), and leaves the mid at P(x + q).
 *
 * Resilience. Consumed depth refills exponentially (Obizhaeva & Wang 2013):
 * over a time dt the displacement decays as x ← x·exp(−κ·dt), so the mid
 * relaxes back to P_ref. An exogenous news shock moves P_ref itself
 * (`shiftReference`), which does not recover.
 *
 * Limit. The book is finite: it holds depth only down to the floor
 * P_ref·f and up to the ceiling P_ref/f (f = `floorFraction`). An order that
 * exhausts one side fills its remainder at the floor (or ceiling) price and
 * the mid stays there: the price never reaches zero or infinity and every
 * order completes, so no loop can spin on an empty book. A book with zero
 * depth is refused (EngineInputError).
 *
 * Units: prices in $, sizes in base units (orders given as notional are
 * converted at the current mid), time in SECONDS — not years — because the
 * book's clock is the liquidation engine's (a half-life of 30 s would be
 * 9.5e-7 years on a slider). `SECONDS_PER_YEAR` converts.
 *
 * Sources: Obizhaeva, A. A., & Wang, J. (2013). Optimal trading strategy and
 * supply/demand dynamics. Journal of Financial Markets 16(1), 1–32 (block-
 * shaped book whose consumed depth recovers at an exponential rate, their
 * "resilience"). Tóth, B., Lempérière, Y., Deremble, C., de Lataillade, J.,
 * Kockelkoren, J., & Bouchaud, J.-P. (2011). Anomalous price impact and the
 * critical nature of liquidity in financial markets. Physical Review X 1,
 * 021006 (V-shaped latent book → square-root impact law). The use of a log-
 * price distance (so that prices stay positive) and the finite floor are the
 * engine's own choices. The value of Y "of order one" is the usual reading of
 * the square-root law literature [unverified: no fitted Y is in models.md];
 * the default is illustrative.
 */
import { EngineInputError, requireFinite, requireNonNegative, requirePositive } from '../core/errors';
import { defineParams, type ParamValues } from '../core/params';
import { resolveParams } from './validate';

/** Shape of the resting depth (see the module comment). */
export type DepthProfile = 'flat' | 'linear' | 'sqrt';

/** Seconds in a (365.25-day) year, to convert the book's clock to the engine's years. */
export const SECONDS_PER_YEAR = 365.25 * 24 * 3600;

/** Trading days per year used to turn the annual volatility into a daily one (markets open every day). */
export const DAYS_PER_YEAR = 365.25;

/** Log-distance at which `depth` is measured (1 %). */
export const DEPTH_DISTANCE = 0.01;

/** Parameters of `createOrderBook` (drives the book widget's controls). */
export const orderBookSpec = defineParams({
  profile: {
    kind: 'choice',
    label: 'Depth profile',
    description: 'How resting depth grows with distance from the mid.',
    options: [
      { value: 'flat', label: 'Flat (linear impact)' },
      { value: 'linear', label: 'Rising linearly (square-root impact)' },
      { value: 'sqrt', label: 'Square-root law (Y·σ·√(Q/V))' },
    ],
    default: 'flat',
  },
  depth: {
    label: 'Depth within 1 %',
    symbol: 'D_{1\\%}',
    unit: '$',
    min: 100_000,
    max: 1_000_000_000,
    step: 100_000,
    default: 10_000_000,
    description: "Notional resting between the mid and 1 % away, on each side (profiles 'flat' and 'linear').",
  },
  dailyVolume: {
    label: 'Daily volume',
    symbol: 'V_d',
    unit: '$',
    min: 1_000_000,
    max: 100_000_000_000,
    step: 1_000_000,
    default: 1_000_000_000,
    description: "Daily traded notional (square-root law only).",
  },
  volatility: {
    label: 'Volatility',
    symbol: '\\sigma',
    display: 'percent',
    unit: '% a year',
    min: 0.05,
    max: 3,
    step: 0.01,
    default: 0.6,
    description: 'Annual volatility of the price (square-root law only); daily σ/√365.25.',
  },
  impactY: {
    label: 'Impact prefactor',
    symbol: 'Y',
    min: 0.1,
    max: 3,
    step: 0.05,
    default: 1,
    description: 'Prefactor of the square-root law, of order one (square-root law only).',
  },
  resilience: {
    label: 'Resilience',
    symbol: '\\kappa',
    unit: '1/s',
    min: 0,
    max: 1,
    step: 0.001,
    default: 0.02,
    description: 'Rate at which consumed depth refills (half-life ln 2/κ seconds); 0 = never.',
  },
  floorFraction: {
    label: 'Book floor',
    symbol: 'f',
    display: 'percent',
    unit: '%',
    min: 0.001,
    max: 0.9,
    step: 0.001,
    default: 0.01,
    description: 'The book holds bids down to f × the reference price and asks up to 1/f × it.',
  },
});

/** Values of `orderBookSpec`. */
export type OrderBookParams = ParamValues<typeof orderBookSpec>;

/** Book state (plain data). Treat as immutable: the functions return new books. */
export interface OrderBook {
  profile: DepthProfile;
  /** Undisturbed mid P_ref ($). */
  reference: number;
  /** u1: units resting within a 1 % log-move of P_ref on each side. */
  depthUnits: number;
  /** κ (1/s). */
  resilience: number;
  /** f: floor P_ref·f, ceiling P_ref/f. */
  floorFraction: number;
  /** x: net units consumed from the bids (> 0) or the asks (< 0). */
  displacement: number;
}

/** Result of a market order (the new book, fills, mids and slippage). */
export interface Fill {
  book: OrderBook;
  /** Units traded (≥ 0). */
  quantity: number;
  /** Proceeds of a sell or cost of a buy ($). */
  value: number;
  /** value / quantity; the mid before the order when quantity = 0. */
  averagePrice: number;
  midBefore: number;
  midAfter: number;
  /** |averagePrice / midBefore − 1|: the cost of walking the book, as a fraction. */
  slippage: number;
  /** True when the order reached the floor (or ceiling) of the book. */
  exhausted: boolean;
}

/**
 * Create a book around `midPrice` (undisturbed, x = 0). Missing params take
 * the spec defaults. Throws `EngineInputError` on out-of-range parameters.
 */
export function createOrderBook(params: Partial<OrderBookParams>, midPrice: number): OrderBook {
  const p = resolveParams(orderBookSpec, params, 'createOrderBook');
  const P = requirePositive(midPrice, 'midPrice');
  const depthUnits =
    p.profile === 'sqrt'
      ? (p.dailyVolume / P) * (DEPTH_DISTANCE / (p.impactY * (p.volatility / Math.sqrt(DAYS_PER_YEAR)))) ** 2
      : p.depth / P;
  return { profile: p.profile, reference: P, depthUnits, resilience: p.resilience, floorFraction: p.floorFraction, displacement: 0 };
}

/** Check a book passed in from outside (shape and positive depth). */
export function validateBook(book: OrderBook): void {
  if (!book || typeof book !== 'object') throw new EngineInputError('invalid-shape', 'book must be an OrderBook', 'book');
  if (book.profile !== 'flat' && book.profile !== 'linear' && book.profile !== 'sqrt') {
    throw new EngineInputError('invalid-parameter', `unknown depth profile ${String(book.profile)}`, 'profile');
  }
  requirePositive(book.reference, 'book.reference');
  if (!(book.depthUnits > 0) || !Number.isFinite(book.depthUnits)) {
    throw new EngineInputError('out-of-range', `the book has no depth (depthUnits = ${book.depthUnits}): orders cannot be filled`, 'depth');
  }
  requireNonNegative(book.resilience, 'book.resilience');
  const f = requireFinite(book.floorFraction, 'book.floorFraction');
  if (!(f > 0 && f < 1)) throw new EngineInputError('out-of-range', `book.floorFraction must lie in (0, 1) (got ${f})`, 'floorFraction');
  requireFinite(book.displacement, 'book.displacement');
}

// ---- depth geometry (internal, allocation-free; used by the cascades) ----

function exponent(book: OrderBook): 1 | 2 {
  return book.profile === 'flat' ? 1 : 2;
}

/** Log-distance at the book's edge: −ln f. */
export function maxLogMove(book: OrderBook): number {
  return -Math.log(book.floorFraction);
}

/** Units resting between P_ref and the book's edge on one side: U(δ_max). */
export function sideCapacity(book: OrderBook): number {
  const r = maxLogMove(book) / DEPTH_DISTANCE;
  return exponent(book) === 1 ? book.depthUnits * r : book.depthUnits * r * r;
}

/** Cumulative depth U(δ) on one side (units). */
function depthTo(book: OrderBook, delta: number): number {
  const r = delta / DEPTH_DISTANCE;
  return exponent(book) === 1 ? book.depthUnits * r : book.depthUnits * r * r;
}

/** Mid price at displacement x ($). */
export function midAt(book: OrderBook, x: number): number {
  const y = Math.abs(x);
  const cap = sideCapacity(book);
  const delta = y >= cap ? maxLogMove(book) : exponent(book) === 1 ? (DEPTH_DISTANCE * y) / book.depthUnits : DEPTH_DISTANCE * Math.sqrt(y / book.depthUnits);
  return x >= 0 ? book.reference * Math.exp(-delta) : book.reference * Math.exp(delta);
}

/** Current mid ($). */
export function bookMid(book: OrderBook): number {
  return midAt(book, book.displacement);
}

// f2(z) = 1 − (1+z)e^{−z} and g2(z) = (z−1)e^{z} + 1, with series near 0 to avoid cancellation.
function f2(z: number): number {
  if (z < 1e-4) return z * z * (0.5 - z / 3 + (z * z) / 8);
  return 1 - (1 + z) * Math.exp(-z);
}
function g2(z: number): number {
  if (z < 1e-4) return z * z * (0.5 + z / 3 + (z * z) / 8);
  return (z - 1) * Math.exp(z) + 1;
}

/**
 * ∫ price dy over y ∈ [y1, y2] ⊂ [0, capacity] on one side ($): bid side
 * (price P_ref·e^{−δ(y)}) when `bid`, ask side (P_ref·e^{+δ(y)}) otherwise.
 */
function smoothValue(book: OrderBook, y1: number, y2: number, bid: boolean): number {
  const P = book.reference;
  const u1 = book.depthUnits;
  if (exponent(book) === 1) {
    const a = DEPTH_DISTANCE / u1;
    return bid ? (P * Math.exp(-a * y1) * -Math.expm1(-a * (y2 - y1))) / a : (P * Math.exp(a * y1) * Math.expm1(a * (y2 - y1))) / a;
  }
  const b = DEPTH_DISTANCE / Math.sqrt(u1);
  const h = y2 - y1;
  if (h <= 1e-6 * (y1 + y2)) {
    // Narrow segment: Simpson's rule (the antiderivative difference would cancel).
    const p = (y: number): number => P * Math.exp((bid ? -b : b) * Math.sqrt(y));
    return (h / 6) * (p(y1) + 4 * p(0.5 * (y1 + y2)) + p(y2));
  }
  const z1 = b * Math.sqrt(y1);
  const z2 = b * Math.sqrt(y2);
  const k = (2 * P) / (b * b);
  return bid ? k * (f2(z2) - f2(z1)) : k * (g2(z2) - g2(z1));
}

/**
 * Value traded ($) when the displacement moves between xa and xb (either
 * order): ∫ P(y) dy over the interval, split at the book's edges and at 0.
 */
export function valueBetween(book: OrderBook, xa: number, xb: number): number {
  let lo = Math.min(xa, xb);
  const hi = Math.max(xa, xb);
  if (lo === hi) return 0;
  const cap = sideCapacity(book);
  const floor = book.reference * book.floorFraction;
  const ceil = book.reference / book.floorFraction;
  let v = 0;
  // Pieces in increasing y: (−∞, −cap] ceiling, [−cap, 0] asks, [0, cap] bids, [cap, ∞) floor.
  if (lo < -cap) {
    const e = Math.min(hi, -cap);
    v += ceil * (e - lo);
    lo = e;
  }
  if (lo < 0 && lo < hi) {
    const e = Math.min(hi, 0);
    v += smoothValue(book, -e, -lo, false);
    lo = e;
  }
  if (lo < cap && lo < hi) {
    const e = Math.min(hi, cap);
    v += smoothValue(book, lo, e, true);
    lo = e;
  }
  if (lo < hi) v += floor * (hi - lo);
  return v;
}

/** Signed displacement at which the mid equals `price` (clamped to the book's floor and ceiling). */
export function displacementAt(book: OrderBook, price: number): number {
  const p = requirePositive(price, 'price');
  const dmax = maxLogMove(book);
  if (p <= book.reference) return depthTo(book, Math.min(dmax, Math.log(book.reference / p)));
  return -depthTo(book, Math.min(dmax, Math.log(p / book.reference)));
}

/**
 * Signed units to trade so that the mid moves to `price` (positive = sell).
 * Prices beyond the floor or ceiling are clamped to it: the result is then
 * the quantity that exhausts that side of the book.
 */
export function quantityToMove(book: OrderBook, price: number): number {
  validateBook(book);
  return displacementAt(book, price) - book.displacement;
}

/** Execute without validation (hot loops): returns the value and the new displacement. */
export function executeRaw(book: OrderBook, signedQty: number): { value: number; displacement: number } {
  const x1 = book.displacement + signedQty;
  return { value: valueBetween(book, book.displacement, x1), displacement: x1 };
}

/**
 * Market order of `signedQty` base units (positive sells into the bids,
 * negative buys from the asks). Always fills completely (see "Limit").
 */
export function executeQuantity(book: OrderBook, signedQty: number): Fill {
  validateBook(book);
  const q = requireFinite(signedQty, 'quantity');
  const midBefore = bookMid(book);
  const { value, displacement } = executeRaw(book, q);
  const next: OrderBook = { ...book, displacement };
  const midAfter = midAt(next, displacement);
  const quantity = Math.abs(q);
  const averagePrice = quantity === 0 ? midBefore : value / quantity;
  return {
    book: next,
    quantity,
    value,
    averagePrice,
    midBefore,
    midAfter,
    slippage: Math.abs(averagePrice / midBefore - 1),
    exhausted: Math.abs(displacement) >= sideCapacity(book),
  };
}

/** Market sell of `notional` $ (converted to units at the current mid). */
export function marketSell(book: OrderBook, notional: number): Fill {
  validateBook(book);
  const N = requireNonNegative(notional, 'notional');
  return executeQuantity(book, N / bookMid(book));
}

/** Market buy of `notional` $ (converted to units at the current mid). */
export function marketBuy(book: OrderBook, notional: number): Fill {
  validateBook(book);
  const N = requireNonNegative(notional, 'notional');
  return executeQuantity(book, -N / bookMid(book));
}

/** The book after `dt` seconds of resilience: x ← x·exp(−κ·dt). */
export function recoverBook(book: OrderBook, dt: number): OrderBook {
  validateBook(book);
  const t = requireNonNegative(dt, 'dt');
  return { ...book, displacement: book.displacement * Math.exp(-book.resilience * t) };
}

/** The book after a news shock that multiplies the undisturbed price by `factor` (> 0); depth in units is unchanged. */
export function shiftReference(book: OrderBook, factor: number): OrderBook {
  validateBook(book);
  const k = requirePositive(factor, 'factor');
  return { ...book, reference: book.reference * k };
}

/**
 * Depth profile for a figure: for each price, the notional ($, valued along
 * the book) that a market order must trade to move the mid from where it is
 * to that price (sells for prices below the mid, buys above).
 */
export function depthCurve(book: OrderBook, prices: ArrayLike<number>): { price: number; notional: number; side: 'bid' | 'ask' }[] {
  validateBook(book);
  const out: { price: number; notional: number; side: 'bid' | 'ask' }[] = [];
  for (let i = 0; i < prices.length; i++) {
    const p = requirePositive(prices[i], 'price');
    const x1 = displacementAt(book, p);
    out.push({ price: p, notional: valueBetween(book, book.displacement, x1), side: x1 >= book.displacement ? 'bid' : 'ask' });
  }
  return out;
}
