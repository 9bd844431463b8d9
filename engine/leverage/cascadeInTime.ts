/**
 * Liquidation cascade in time, with a liquidation-speed limit and a
 * resilient book.
 *
 * Each step of length dt (seconds), in this order:
 *   1. trigger: every open position whose liquidation price the mid has
 *      reached joins the liquidation engine's queue (first come, first served);
 *   2. execute: the engine closes queued positions up to `speedLimit` $ of
 *      notional at entry, the head position possibly in part, as one net
 *      market order (longs sell, shorts buy); every unit closed in the step
 *      fills at the step's average price;
 *   3. record the mid, the notional closed and the backlog;
 *   4. resilience: the book's displacement decays, x ← x·exp(−κ·dt).
 *
 * A slow engine (small speed limit) spreads the selling over time, so the
 * book refills in between and the trough is shallower: this is the
 * "throttle the liquidation speed" circuit breaker, which the rounds model
 * (`cascade.ts`) cannot show.
 *
 * Termination: the driver stops when the sim is quiescent — queue empty and
 * no open position reachable by the mid's future path without new trades
 * (that path runs monotonically from the current mid to the reference price,
 * or stays put when κ = 0) — or after `maxSteps` steps, whichever comes first.
 * With κ = 0 the run also ends within ceil(Σ notional / speedLimit) + N + 1
 * steps: every step either closes `speedLimit` $ of queued notional, or
 * empties the queue (at most once per newly triggered batch), or stops.
 *
 * `createCascadeSim` exposes the synchronous `step()` so that a Web Worker or
 * another model (two venues, a predator) can drive it and trade into its book
 * between steps. Source: as for `cascade.ts` (Brunnermeier & Pedersen 2009
 * spiral) with the Obizhaeva & Wang (2013) resilient book of `orderBook.ts`;
 * the queue and speed limit are the engine's stylisation of venues' staged
 * liquidation engines.
 */
import { requireFinite } from '../core/errors';
import { defineParams, type ParamValues } from '../core/params';
import { applyShock, cascadeSpec, validatePopulation, type CascadeParams } from './cascade';
import { bookMid, executeRaw, midAt, validateBook, type OrderBook } from './orderBook';
import type { Population } from './population';
import { resolveParams } from './validate';

/** Clock and speed of the liquidation engine in the time model. */
export const timeCascadeSpec = defineParams({
  dt: {
    label: 'Time step',
    symbol: '\\Delta t',
    unit: 's',
    min: 0.1,
    max: 60,
    step: 0.1,
    default: 1,
    description: 'Length of one cycle of the liquidation engine (seconds).',
  },
  speedLimit: {
    label: 'Liquidation speed limit',
    unit: '$ per step',
    min: 10_000,
    max: 1_000_000_000,
    step: 10_000,
    default: 2_000_000,
    description: 'Most notional (at entry) the liquidation engine may close in one step.',
  },
  maxSteps: {
    label: 'Longest run',
    unit: 'steps',
    min: 10,
    max: 100_000,
    step: 10,
    default: 3_600,
    integer: true,
    description: 'Hard bound on the number of steps simulated.',
  },
});

/** Values of `timeCascadeSpec`. */
export type TimeCascadeParams = ParamValues<typeof timeCascadeSpec>;

/** Result of a time cascade: price path by step, liquidations and backlog per step, per-position fills. */
export interface TimeCascadeResult {
  startPrice: number;
  shockedPrice: number;
  finalPrice: number;
  /** Lowest and highest mid seen (after the shock, at the recorded steps). */
  lowPrice: number;
  highPrice: number;
  /** |finalPrice / startPrice − 1|. */
  dislocation: number;
  /** Largest |mid / startPrice − 1| along the path. */
  peakDislocation: number;
  steps: number;
  /** Time at the start of each step (s). */
  time: Float64Array;
  /** Mid after each step's execution ($). */
  price: Float64Array;
  /** Notional at entry closed in each step ($). */
  stepNotional: Float64Array;
  /** Notional at entry still queued after each step ($). */
  backlog: Float64Array;
  /** Positions fully closed in each step. */
  stepCount: Uint32Array;
  /** Notional at entry closed over the run ($). */
  liquidatedNotional: number;
  /** Positions fully closed. */
  liquidatedCount: number;
  /** Positions that reached their liquidation price (closed or still queued). */
  triggeredCount: number;
  /** Step (1-based) at which each position was queued; 0 = never. */
  triggerStep: Int32Array;
  /** Units of each position closed so far. */
  closedQuantity: Float64Array;
  /** Average fill of each position's closed units ($; 0 when none). */
  fillPrice: Float64Array;
  /** True when the run ended because nothing more could happen; false when it hit maxSteps. */
  quiescent: boolean;
  book: OrderBook;
}

/** A steppable time cascade (see `createCascadeSim`). */
export interface CascadeSim {
  /** Advance one step; false (and no change) once maxSteps steps have run. */
  step(): boolean;
  /** Queue empty and no open position reachable without new trades. */
  quiescent(): boolean;
  /** Steps run so far. */
  steps(): number;
  mid(): number;
  /** Notional at entry queued and not yet closed ($). */
  backlogNotional(): number;
  /** Notional at entry closed so far ($). */
  liquidatedNotional(): number;
  /** Current book (a copy). */
  book(): OrderBook;
  /** An outside market order of `signedQty` units (positive sells) at the current state. */
  trade(signedQty: number): { value: number; averagePrice: number; midAfter: number };
  result(): TimeCascadeResult;
}

/**
 * A steppable liquidation cascade. The shock (cascade spec) is applied at
 * creation; `shock: 0` starts from the book as given (e.g. already displaced).
 */
export function createCascadeSim(pop: Population, book: OrderBook, options?: Partial<CascadeParams & TimeCascadeParams>): CascadeSim {
  const pc = resolveParams(cascadeSpec, options, 'createCascadeSim');
  const pt = resolveParams(timeCascadeSpec, options, 'createCascadeSim');
  validatePopulation(pop);
  validateBook(book);
  const { liquidation, quantity, entry, notional, longOrder, shortOrder, side } = pop;
  const n = pop.count;
  const nL = longOrder.length;
  const nS = shortOrder.length;
  const startPrice = bookMid(book);
  const shocked = applyShock(book, pc);
  const base: OrderBook = { ...shocked };
  let x = shocked.displacement;
  const shockedPrice = midAt(base, x);
  const decay = Math.exp(-base.resilience * pt.dt);
  const maxSteps = pt.maxSteps;

  const time = new Float64Array(maxSteps);
  const price = new Float64Array(maxSteps);
  const stepNotional = new Float64Array(maxSteps);
  const backlog = new Float64Array(maxSteps);
  const stepCount = new Uint32Array(maxSteps);
  const triggerStep = new Int32Array(n);
  const closedQuantity = new Float64Array(n);
  const fillValue = new Float64Array(n);
  const queue = new Uint32Array(n);
  let head = 0;
  let tail = 0;
  let headRemaining = 0; // units of queue[head] still open
  let queuedNotional = 0;
  let li = 0;
  let si = 0;
  let k = 0;
  let liquidatedNotional = 0;
  let liquidatedCount = 0;
  let low = shockedPrice;
  let high = shockedPrice;

  const reachable = (): boolean => {
    const mid = midAt(base, x);
    const lo = base.resilience > 0 ? Math.min(mid, base.reference) : mid;
    const hi = base.resilience > 0 ? Math.max(mid, base.reference) : mid;
    return (li < nL && liquidation[longOrder[li]!]! >= lo) || (si < nS && liquidation[shortOrder[si]!]! <= hi);
  };

  const sim: CascadeSim = {
    step(): boolean {
      if (k >= maxSteps) return false;
      let mid = midAt(base, x);
      // 1. trigger
      while (li < nL && liquidation[longOrder[li]!]! >= mid) {
        const i = longOrder[li++]!;
        triggerStep[i] = k + 1;
        if (head === tail) headRemaining = quantity[i]!;
        queue[tail++] = i;
        queuedNotional += notional[i]!;
      }
      while (si < nS && liquidation[shortOrder[si]!]! <= mid) {
        const i = shortOrder[si++]!;
        triggerStep[i] = k + 1;
        if (head === tail) headRemaining = quantity[i]!;
        queue[tail++] = i;
        queuedNotional += notional[i]!;
      }
      // 2. execute up to the speed limit (each iteration closes the head or exhausts the budget: ≤ queue length + 1 iterations)
      let budget = pt.speedLimit;
      let q = 0;
      let closedNotional = 0;
      let done = 0;
      const partial: { i: number; units: number }[] = [];
      while (head < tail && budget > 0) {
        const i = queue[head]!;
        const unitsNotional = headRemaining * entry[i]!;
        if (unitsNotional <= budget) {
          budget -= unitsNotional;
          closedNotional += unitsNotional;
          q += side[i]! * headRemaining;
          partial.push({ i, units: headRemaining });
          head++;
          done++;
          headRemaining = head < tail ? quantity[queue[head]!]! : 0;
        } else {
          const units = budget / entry[i]!;
          closedNotional += budget;
          q += side[i]! * units;
          partial.push({ i, units });
          headRemaining -= units;
          budget = 0;
        }
      }
      if (q !== 0 || partial.length > 0) {
        const ex = executeRaw({ ...base, displacement: x }, q);
        const avg = q === 0 ? mid : ex.value / Math.abs(q);
        x = ex.displacement;
        for (const { i, units } of partial) {
          closedQuantity[i]! += units;
          fillValue[i]! += units * avg;
        }
      }
      queuedNotional = Math.max(0, queuedNotional - closedNotional);
      if (head === tail) queuedNotional = 0;
      liquidatedNotional += closedNotional;
      liquidatedCount += done;
      // 3. record
      mid = midAt(base, x);
      time[k] = k * pt.dt;
      price[k] = mid;
      stepNotional[k] = closedNotional;
      backlog[k] = queuedNotional;
      stepCount[k] = done;
      if (mid < low) low = mid;
      if (mid > high) high = mid;
      k++;
      // 4. resilience
      x *= decay;
      return true;
    },
    quiescent(): boolean {
      return head === tail && !reachable();
    },
    steps: () => k,
    mid: () => midAt(base, x),
    backlogNotional: () => queuedNotional,
    liquidatedNotional: () => liquidatedNotional,
    book: () => ({ ...base, displacement: x }),
    trade(signedQty: number) {
      const qty = requireFinite(signedQty, 'quantity');
      const before = midAt(base, x);
      const ex = executeRaw({ ...base, displacement: x }, qty);
      x = ex.displacement;
      const midAfter = midAt(base, x);
      if (midAfter < low) low = midAfter;
      if (midAfter > high) high = midAfter;
      return { value: ex.value, averagePrice: qty === 0 ? before : ex.value / Math.abs(qty), midAfter };
    },
    result(): TimeCascadeResult {
      const finalPrice = k > 0 ? price[k - 1]! : shockedPrice;
      const fillPrice = new Float64Array(n);
      for (let i = 0; i < n; i++) if (closedQuantity[i]! > 0) fillPrice[i] = fillValue[i]! / closedQuantity[i]!;
      const peak = Math.max(Math.abs(low / startPrice - 1), Math.abs(high / startPrice - 1));
      return {
        startPrice,
        shockedPrice,
        finalPrice,
        lowPrice: low,
        highPrice: high,
        dislocation: Math.abs(finalPrice / startPrice - 1),
        peakDislocation: peak,
        steps: k,
        time: time.slice(0, k),
        price: price.slice(0, k),
        stepNotional: stepNotional.slice(0, k),
        backlog: backlog.slice(0, k),
        stepCount: stepCount.slice(0, k),
        liquidatedNotional,
        liquidatedCount,
        triggeredCount: tail,
        triggerStep: triggerStep.slice(),
        closedQuantity: closedQuantity.slice(),
        fillPrice,
        quiescent: head === tail && !reachable(),
        book: { ...base, displacement: x },
      };
    },
  };
  return sim;
}

/**
 * Run a time cascade to quiescence or `maxSteps` (see the module comment).
 * Note that `finalPrice` is the mid after the last step's execution.
 */
export function cascadeInTime(pop: Population, book: OrderBook, options?: Partial<CascadeParams & TimeCascadeParams>): TimeCascadeResult {
  const sim = createCascadeSim(pop, book, options);
  // Bound: step() returns false after maxSteps steps.
  while (sim.step() && !sim.quiescent());
  return sim.result();
}
