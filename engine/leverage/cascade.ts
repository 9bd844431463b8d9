/**
 * Liquidation cascade by rounds: an initial shock moves the price; every
 * position whose liquidation price has been reached is force-closed; the
 * liquidation engine sells the longs' units and buys back the shorts' units
 * in one market order into the book; the order moves the price; the next
 * positions are reached; and so on until a round finds no new position.
 *
 * Round r: with mid M_r, the set S_r of open positions with
 *   long:  P_liq ≥ M_r      short: P_liq ≤ M_r      (liquidated AT the price, see positions.ts)
 * is closed; the net order Q_r = Σ_{S_r} s_i·q_i is executed (`orderBook.ts`),
 * each closed position fills at the round's average price, and
 * M_{r+1} = P(x + Q_r). Nothing refills between rounds (a round is faster
 * than the book's resilience; `cascadeInTime.ts` adds time, resilience and a
 * liquidation-speed limit).
 *
 * Termination: every round that continues closes at least one position that
 * was open before, so there are at most N rounds and the loop body runs at
 * most N + 1 times (the last run finds nothing and stops). The positions are
 * pre-sorted by liquidation price (`population.ts`), so a whole cascade is a
 * pointer walk down the long ladder and up the short ladder: O(N + rounds).
 *
 * Dislocation = |P_final / P_start − 1|, where P_start is the mid before the
 * shock; amplification = dislocation / shock (1 for a zero shock, the limit
 * when no position sits exactly at the current price).
 *
 * The mechanism (margin calls → forced sales → price impact → more margin
 * calls) is the loss/margin spiral of Brunnermeier & Pedersen (2009), "Market
 * liquidity and funding liquidity", Review of Financial Studies 22(6),
 * 2201–2238 (models.md §6.1), applied to the liquidation engines of
 * perpetual venues; the round structure is the engine's own discretisation.
 */
import { EngineInputError } from '../core/errors';
import { defineParams, type ParamValues } from '../core/params';
import { bookMid, executeRaw, midAt, displacementAt, shiftReference, validateBook, type OrderBook } from './orderBook';
import type { Population } from './population';
import { resolveParams } from './validate';

/** The initial shock of every cascade model: size, direction and kind. */
export const cascadeSpec = defineParams({
  shock: {
    label: 'Initial shock',
    symbol: 's',
    display: 'percent',
    unit: '%',
    min: 0,
    max: 0.5,
    step: 0.001,
    default: 0.03,
    description: 'Size of the initial price move that starts the cascade.',
  },
  direction: {
    kind: 'choice',
    label: 'Direction',
    description: 'A fall liquidates longs; a rise liquidates shorts.',
    options: [
      { value: 'down', label: 'Price falls' },
      { value: 'up', label: 'Price rises' },
    ],
    default: 'down',
  },
  shockKind: {
    kind: 'choice',
    label: 'Kind of shock',
    description: 'News moves the fair price (it does not recover); an order walks the book (it recovers as depth refills).',
    options: [
      { value: 'news', label: 'News (fair price moves)' },
      { value: 'order', label: 'Large market order' },
    ],
    default: 'news',
  },
});

/** Values of `cascadeSpec`. */
export type CascadeParams = ParamValues<typeof cascadeSpec>;

/** Result of `cascade`: price path by round, liquidations per round and per position, dislocation. */
export interface CascadeResult {
  /** Mid before the shock ($). */
  startPrice: number;
  /** Mid right after the shock, before any liquidation ($). */
  shockedPrice: number;
  /** Mid after the last round ($). */
  finalPrice: number;
  shock: number;
  direction: 'down' | 'up';
  /** |finalPrice / startPrice − 1|. */
  dislocation: number;
  /** dislocation / shock (1 when shock = 0). */
  amplification: number;
  /** Rounds that liquidated something (≤ N). */
  rounds: number;
  /** Mid after round r (index 0 = shockedPrice), length rounds + 1. */
  roundPrice: Float64Array;
  /** Notional at entry closed in each round ($), length rounds. */
  roundNotional: Float64Array;
  /** Positions closed in each round. */
  roundCount: Uint32Array;
  /** Average fill price of each round's order ($; the mid when longs and shorts net to zero). */
  roundFill: Float64Array;
  liquidatedNotional: number;
  longNotional: number;
  shortNotional: number;
  liquidatedCount: number;
  /** Round (1-based) in which each position was closed; 0 = survived. */
  liquidatedRound: Int32Array;
  /** The book after the cascade (for chaining). */
  book: OrderBook;
}

/** Light shape check of a population passed in from outside. */
export function validatePopulation(pop: Population): void {
  if (!pop || typeof pop !== 'object' || !(pop.side instanceof Int8Array)) {
    throw new EngineInputError('invalid-shape', 'pop must be a Population (see createPopulation)', 'pop');
  }
  const n = pop.count;
  for (const k of ['entry', 'quantity', 'notional', 'margin', 'liquidation', 'bankruptcy'] as const) {
    if (pop[k]?.length !== n) throw new EngineInputError('invalid-shape', `pop.${k} must have length ${n}`, k);
  }
  if (pop.side.length !== n || pop.longOrder.length + pop.shortOrder.length !== n) {
    throw new EngineInputError('invalid-shape', 'pop.longOrder and pop.shortOrder must together index every position once', 'pop');
  }
}

/** The book after the initial shock (news: the fair price moves; order: a market order moves the mid by the same fraction). */
export function applyShock(book: OrderBook, p: Pick<CascadeParams, 'shock' | 'direction' | 'shockKind'>): OrderBook {
  const factor = p.direction === 'down' ? 1 - p.shock : 1 + p.shock;
  if (p.shockKind === 'news') return shiftReference(book, factor);
  const target = bookMid(book) * factor;
  return { ...book, displacement: displacementAt(book, target) };
}

/** Mutable walk state shared by the round-based models (internal). */
export interface LadderWalk {
  /** Next long (index into longOrder) not yet liquidated. */
  li: number;
  /** Next short (index into shortOrder) not yet liquidated. */
  si: number;
  displacement: number;
}

interface RoundsOutput {
  roundPrice: number[];
  roundNotional: number[];
  roundCount: number[];
  roundFill: number[];
  longNotional: number;
  shortNotional: number;
  count: number;
}

/**
 * Run rounds from `walk` on a book (internal; also used by predatory.ts).
 * Mutates `walk` and `liquidatedRound`; round numbers start at `firstRound`.
 */
export function runRounds(pop: Population, book: OrderBook, walk: LadderWalk, liquidatedRound: Int32Array, firstRound = 1): RoundsOutput {
  const { liquidation, quantity, notional, longOrder, shortOrder } = pop;
  const nL = longOrder.length;
  const nS = shortOrder.length;
  const out: RoundsOutput = { roundPrice: [midAt(book, walk.displacement)], roundNotional: [], roundCount: [], roundFill: [], longNotional: 0, shortNotional: 0, count: 0 };
  let mid = out.roundPrice[0]!;
  // Bound: each pass either closes ≥ 1 new position (li + si grows) or breaks, so ≤ N + 1 passes.
  for (let pass = 0; pass <= pop.count; pass++) {
    let q = 0;
    let notionalL = 0;
    let notionalS = 0;
    let c = 0;
    const round = firstRound + out.roundCount.length;
    while (walk.li < nL) {
      const i = longOrder[walk.li]!;
      if (liquidation[i]! < mid) break;
      q += quantity[i]!;
      notionalL += notional[i]!;
      liquidatedRound[i] = round;
      c++;
      walk.li++;
    }
    while (walk.si < nS) {
      const i = shortOrder[walk.si]!;
      if (liquidation[i]! > mid) break;
      q -= quantity[i]!;
      notionalS += notional[i]!;
      liquidatedRound[i] = round;
      c++;
      walk.si++;
    }
    if (c === 0) break;
    const ex = executeRaw({ ...book, displacement: walk.displacement }, q);
    walk.displacement = ex.displacement;
    const before = mid;
    mid = midAt(book, walk.displacement);
    out.roundPrice.push(mid);
    out.roundNotional.push(notionalL + notionalS);
    out.roundCount.push(c);
    out.roundFill.push(q === 0 ? before : ex.value / Math.abs(q));
    out.longNotional += notionalL;
    out.shortNotional += notionalS;
    out.count += c;
  }
  return out;
}

/**
 * Liquidation cascade by rounds (see the module comment). `book` is the
 * venue's book before the shock (usually `createOrderBook(params, pop.price)`).
 */
export function cascade(pop: Population, book: OrderBook, options?: Partial<CascadeParams>): CascadeResult {
  const p = resolveParams(cascadeSpec, options, 'cascade');
  validatePopulation(pop);
  validateBook(book);
  const startPrice = bookMid(book);
  const shocked = applyShock(book, p);
  const walk: LadderWalk = { li: 0, si: 0, displacement: shocked.displacement };
  const liquidatedRound = new Int32Array(pop.count);
  const r = runRounds(pop, shocked, walk, liquidatedRound);
  const finalPrice = r.roundPrice[r.roundPrice.length - 1]!;
  const dislocation = Math.abs(finalPrice / startPrice - 1);
  return {
    startPrice,
    shockedPrice: r.roundPrice[0]!,
    finalPrice,
    shock: p.shock,
    direction: p.direction,
    dislocation,
    amplification: p.shock > 0 ? dislocation / p.shock : 1,
    rounds: r.roundCount.length,
    roundPrice: Float64Array.from(r.roundPrice),
    roundNotional: Float64Array.from(r.roundNotional),
    roundCount: Uint32Array.from(r.roundCount),
    roundFill: Float64Array.from(r.roundFill),
    liquidatedNotional: r.longNotional + r.shortNotional,
    longNotional: r.longNotional,
    shortNotional: r.shortNotional,
    liquidatedCount: r.count,
    liquidatedRound,
    book: { ...shocked, displacement: walk.displacement },
  };
}

/** One point of the dislocation curve. */
export interface DislocationPoint {
  shock: number;
  dislocation: number;
  amplification: number;
  finalPrice: number;
  liquidatedNotional: number;
  liquidatedCount: number;
  rounds: number;
}

/**
 * Final dislocation against shock size, one cascade per shock, as a generator
 * for a Web Worker: yields { done, total, partial } after each shock and
 * returns the whole curve. Shocks must lie in the spec's range [0, 0.5].
 */
export function* dislocationSweep(
  pop: Population,
  book: OrderBook,
  shocks: ArrayLike<number>,
  options?: Partial<Omit<CascadeParams, 'shock'>>,
): Generator<{ done: number; total: number; partial: DislocationPoint }, DislocationPoint[]> {
  validatePopulation(pop);
  validateBook(book);
  const total = shocks.length;
  const out: DislocationPoint[] = [];
  for (let k = 0; k < total; k++) {
    const r = cascade(pop, book, { ...options, shock: shocks[k]! });
    const point: DislocationPoint = {
      shock: r.shock,
      dislocation: r.dislocation,
      amplification: r.amplification,
      finalPrice: r.finalPrice,
      liquidatedNotional: r.liquidatedNotional,
      liquidatedCount: r.liquidatedCount,
      rounds: r.rounds,
    };
    out.push(point);
    yield { done: k + 1, total, partial: point };
  }
  return out;
}

/**
 * Final dislocation against shock size (the curve jumps where a shock first
 * reaches a liquidation cluster). Synchronous version of `dislocationSweep`.
 */
export function dislocationCurve(pop: Population, book: OrderBook, shocks: ArrayLike<number>, options?: Partial<Omit<CascadeParams, 'shock'>>): DislocationPoint[] {
  const it = dislocationSweep(pop, book, shocks, options);
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
  }
}
