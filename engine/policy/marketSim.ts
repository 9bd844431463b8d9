/**
 * The policy harness's market: the liquidation cascade in time of the leverage
 * engine (`cascadeInTime`: trigger → execute → record → resilience, one step
 * per second) rebuilt on the public order-book functions, with a hook for
 * each tool of Chapter 6. With every tool off and a fixed margin rate it
 * retraces `cascadeInTime` step for step (a test checks this), so any
 * difference a tool makes is the tool's.
 *
 * Step k, in order:
 *   0. margin run (every `marginInterval` steps): the venue recomputes the
 *      maintenance rate m_k (`marginRegime.ts`); a rise is a margin call of
 *      (m_k − m_{k−1})·mid·(units still open) — open meaning not yet queued
 *      for liquidation. Isolated-margin accounts do not add collateral (the
 *      liquidation engine's worst case): a position whose equity no longer
 *      covers the new rate is liquidated in step 1;
 *   1. trigger (skipped during a halt or pause): every open position whose
 *      liquidation price P_bk/(1 ∓ m_k) the mid has reached joins the FIFO
 *      queue. The ladder is sorted by bankruptcy price (the population has one
 *      maintenance rate), so a rate change keeps the pointer walk valid;
 *   2. execute (skipped during a halt or pause): the engine closes queued
 *      units in FIFO order, the head possibly in part, up to the speed limit
 *      ($ of entry notional per step); each closed unit goes first to the
 *      backstop while it has capacity (at mid·(1 ∓ d)), the rest to the book
 *      as one net market order, which the price band caps at the quantity that
 *      takes the mid to the band's edge (the rest stays queued). Book units
 *      fill at the order's average price, as in `cascadeInTime`;
 *   3. record the mid, the notional closed and the backlog; start a halt if
 *      the mid has crossed a new multiple of the trigger, or a pause if the
 *      band has bound for `limitStateSteps` consecutive steps;
 *   4. resilience: x ← x·e^{−κ·dt} (`recoverBook`'s formula).
 *
 * Accounts. A position closed (in part) realises equity
 * margin·(units/q) + s·(fill value − units·entry); a negative total is a
 * default, and its size is bad debt — the loss beyond the posted margin that
 * an insurance fund, auto-deleveraging or the venue must absorb (no fund is
 * modelled here; see `insuranceFundCascade`).
 *
 * The initial shock (news moves the fair price; an order walks the book) is
 * the event the tools respond to: no tool acts on it.
 *
 * Termination: the run has exactly `steps` steps (the scenario's horizon);
 * within a step the trigger walks advance pointers over at most N positions in
 * total, and the execution loop either closes the queue's head or leaves it,
 * so it runs at most (queue length + 1) times.
 *
 * Sources: the cascade and book as in `cascadeInTime` / `orderBook` (the
 * Brunnermeier & Pedersen 2009 spiral on an Obizhaeva & Wang 2013 resilient
 * book); the tools as cited in `tools.ts` and `marginRegime.ts`.
 */
import { EngineInputError } from '../core/errors';
import { bookMid, executeQuantity, quantityToMove, shiftReference, type OrderBook } from '../leverage/orderBook';
import { createMarginRegime } from './marginRegime';
import { emptyOutcome, type PolicyOutcome } from './outcome';
import { POLICY_STEP_SECONDS, resolveScenario, type PolicyMarket } from './scenario';
import { resolvePolicyTools, type PolicyTools } from './tools';

// Bound once: the step loop calls these thousands of times per run, and a module-namespace lookup per call
// (how test runners wire ES imports) would dominate an idle step.
const midOfBook = bookMid;
const marketOrder = executeQuantity;
const unitsToPrice = quantityToMove;

/** Relative tolerance under which a negative realised equity is rounding, not a default. */
export const POSITION_DEFAULT_TOLERANCE = 1e-9;

/** One run of the harness: the outcome and the series a figure needs. */
export interface PolicyRun {
  outcome: PolicyOutcome;
  /** Mid before the shock and right after it ($). */
  startPrice: number;
  shockedPrice: number;
  /** Maintenance rate in force at each step (fraction). */
  marginRate: Float64Array;
  /** Entry notional closed in each step ($), all routes. */
  stepNotional: Float64Array;
  /** Entry notional queued and not yet closed after each step ($). */
  backlog: Float64Array;
  /** 1 when trading was halted or paused during the step. */
  halted: Uint8Array;
  /** Band edges in force at each step ($), or null without a band. */
  bandLower: Float64Array | null;
  bandUpper: Float64Array | null;
  /** Halts started by the trigger, and pauses started by a limit state. */
  halts: number;
  pauses: number;
  /** Largest single margin call of the run ($). */
  peakMarginCall: number;
  /** What the backstop paid (or received) in total ($ at its prices), and the entry notional it absorbed. */
  backstopValue: number;
  backstopNotional: number;
  /** Positions fully closed, and positions that reached their liquidation price. */
  liquidatedCount: number;
  triggeredCount: number;
  /** Entry notional still queued at the end of the horizon ($). */
  unfilledNotional: number;
  /** Requirement before the shock relative to the plain volatility model (the calm cost of APC). */
  calmMarginRatio: number;
}

/** A steppable run (for a worker that streams the path). */
export interface PolicySim {
  /** Advance one step; false (and no change) once the horizon is reached. */
  step(): boolean;
  /** Steps run so far. */
  steps(): number;
  /** Current mid ($). */
  mid(): number;
  result(): PolicyRun;
}

/**
 * Create a steppable run of `market` with `tools` (see the module comment).
 * Throws `EngineInputError` for invalid tools or a population whose positions
 * do not share one maintenance rate.
 */
export function createPolicySim(market: PolicyMarket, tools?: PolicyTools): PolicySim {
  if (!market || typeof market !== 'object' || !market.population || !market.book || !market.scenario) {
    throw new EngineInputError('invalid-shape', 'market must come from buildPolicyMarket', 'market');
  }
  const sc = resolveScenario(market.scenario); // a hand-built market is checked like a built one
  const t = resolvePolicyTools(tools);
  const pop = market.population;
  const { side, entry, quantity, notional, margin, bankruptcy, liquidation, longOrder, shortOrder } = pop;
  const n = pop.count;
  const m0 = n > 0 ? pop.maintenanceMargin[0]! : 0;
  for (let i = 1; i < n; i++) {
    if (pop.maintenanceMargin[i] !== m0) {
      throw new EngineInputError('invalid-parameter', 'the policy harness needs one maintenance rate for every position', 'maintenanceMargin');
    }
  }
  const steps = sc.steps;
  const regime = createMarginRegime({ baseRate: m0, volatility: sc.volatility, decay: sc.marginDecay, model: sc.marginModel, apc: t.apcMargin });

  // The shock.
  const startPrice = bookMid(market.book);
  const factor = sc.direction === 'down' ? 1 - sc.shock : 1 + sc.shock;
  let shocked: OrderBook;
  if (sc.shockKind === 'news') shocked = shiftReference(market.book, factor);
  else shocked = executeQuantity(market.book, quantityToMove(market.book, startPrice * factor)).book;
  let x = shocked.displacement;
  const cur: OrderBook = { ...shocked }; // reused view of the book at displacement x (no allocation per step)
  const midAt = (d: number): number => {
    cur.displacement = d;
    return midOfBook(cur);
  };
  let mid = midAt(x);
  const shockedPrice = mid;
  const decay = Math.exp(-shocked.resilience * POLICY_STEP_SECONDS);

  // Series.
  const pricePath = new Float64Array(steps + 1);
  pricePath[0] = startPrice;
  const marginRate = new Float64Array(steps);
  const stepNotional = new Float64Array(steps);
  const backlog = new Float64Array(steps);
  const halted = new Uint8Array(steps);
  const band = t.priceBand;
  const bandLower = band ? new Float64Array(steps) : null;
  const bandUpper = band ? new Float64Array(steps) : null;

  // Positions.
  const closedUnits = new Float64Array(n);
  const closedValue = new Float64Array(n);
  const queue = new Uint32Array(n);
  // Scratch for the positions touched in one step (reused; a step touches at most the queue's length).
  const pIdx: number[] = [];
  const pBook: number[] = [];
  const pBs: number[] = [];
  const pBsPrice: number[] = [];
  let head = 0;
  let tail = 0;
  let headRemaining = 0;
  let queuedNotional = 0;
  let li = 0;
  let si = 0;
  const nL = longOrder.length;
  const nS = shortOrder.length;
  let openLong = 0;
  let openShort = 0;
  for (let i = 0; i < n; i++) {
    if (side[i] === 1) openLong += quantity[i]!;
    else openShort += quantity[i]!;
  }

  // Tools' state.
  let rate = m0;
  let marginCalled = 0;
  let peakMarginCall = 0;
  const speedLimit = t.speedLimit ? t.speedLimit.speedLimit : Infinity;
  let backstopLeft = t.backstop ? t.backstop.capacity : 0;
  const discount = t.backstop ? t.backstop.discount : 0;
  let backstopValue = 0;
  let backstopNotional = 0;
  const halt = t.tradingHalt;
  let haltUntil = 0; // steps k < haltUntil are halted
  let haltLevel = 0;
  let halts = 0;
  let pauses = 0;
  let limitRun = 0;
  const W = band ? band.referenceWindow : 1;
  const ring = new Float64Array(W).fill(startPrice);
  let ringSum = startPrice * W;
  let ringPos = 0;

  let k = 0;
  let liquidatedNotional = 0;
  let liquidatedCount = 0;
  let lastForced = 0;
  let peak = Math.abs(shockedPrice / startPrice - 1);

  const checkHalt = (step: number): void => {
    if (!halt || step < haltUntil) return;
    const level = Math.floor(Math.abs(mid / startPrice - 1) / halt.trigger);
    if (level > haltLevel) {
      haltLevel = level;
      haltUntil = step + halt.duration;
      halts++;
    }
  };
  checkHalt(0); // a shock beyond the trigger halts trading from the first step

  const sim: PolicySim = {
    step(): boolean {
      if (k >= steps) return false;
      // 0. margin run
      if (k % sc.marginInterval === 0) {
        const next = regime.run(Math.log(mid / startPrice));
        if (next > rate) {
          const call = (next - rate) * mid * Math.max(0, openLong + openShort);
          marginCalled += call;
          if (call > peakMarginCall) peakMarginCall = call;
        }
        rate = next;
      }
      marginRate[k] = rate;
      const isHalted = k < haltUntil;
      let closedNotional = 0;
      let bandBound = false;
      if (bandLower && bandUpper) {
        const ref = ringSum / W;
        bandLower[k] = ref * (1 - band!.width);
        bandUpper[k] = ref * (1 + band!.width);
      }
      if (!isHalted) {
        // 1. trigger
        const exact = rate === m0;
        while (li < nL) {
          const i = longOrder[li]!;
          const lp = exact ? liquidation[i]! : bankruptcy[i]! / (1 - rate);
          if (lp < mid) break;
          li++;
          if (head === tail) headRemaining = quantity[i]!;
          queue[tail++] = i;
          queuedNotional += notional[i]!;
          openLong -= quantity[i]!;
        }
        while (si < nS) {
          const i = shortOrder[si]!;
          const lp = exact ? liquidation[i]! : bankruptcy[i]! / (1 + rate);
          if (lp > mid) break;
          si++;
          if (head === tail) headRemaining = quantity[i]!;
          queue[tail++] = i;
          queuedNotional += notional[i]!;
          openShort -= quantity[i]!;
        }
        // 2. execute (each iteration closes the head or leaves the loop)
        let budget = speedLimit;
        let roomSell = Infinity;
        let roomBuy = Infinity;
        if (bandLower && bandUpper && head < tail) {
          cur.displacement = x;
          roomSell = Math.max(0, unitsToPrice(cur, bandLower[k]!));
          roomBuy = Math.max(0, -unitsToPrice(cur, bandUpper[k]!));
        }
        let Qb = 0;
        let np = 0;
        let done = 0;
        while (head < tail && budget > 0) {
          const i = queue[head]!;
          const s = side[i]!;
          const e = entry[i]!;
          let units: number;
          let unitsNotional = headRemaining * e;
          let full: boolean;
          if (unitsNotional <= budget) {
            units = headRemaining;
            full = true;
          } else {
            units = budget / e;
            unitsNotional = budget;
            full = false;
          }
          let bs = 0;
          let bsPrice = 0;
          if (backstopLeft > 0) {
            bsPrice = mid * (1 - s * discount);
            bs = Math.min(units, backstopLeft / bsPrice);
          }
          let bk = units - bs;
          if (bandLower) {
            const room = Math.max(0, s === 1 ? roomSell - Qb : roomBuy + Qb);
            if (bk > room) {
              bk = room;
              units = bs + bk;
              unitsNotional = units * e;
              full = false;
              bandBound = true;
            }
          }
          if (units > 0) {
            if (bs > 0) {
              const paid = bs * bsPrice;
              backstopLeft = Math.max(0, backstopLeft - paid);
              backstopValue += paid;
              backstopNotional += bs * e;
            }
            Qb += s * bk;
            pIdx[np] = i;
            pBook[np] = bk;
            pBs[np] = bs;
            pBsPrice[np] = bsPrice;
            np++;
            closedNotional += unitsNotional;
          }
          if (full) {
            budget -= unitsNotional;
            head++;
            done++;
            headRemaining = head < tail ? quantity[queue[head]!]! : 0;
          } else {
            headRemaining -= units;
            break;
          }
        }
        if (Qb !== 0 || np > 0) {
          cur.displacement = x;
          const fill = marketOrder(cur, Qb);
          const avg = Qb === 0 ? mid : fill.value / Math.abs(Qb);
          x = fill.book.displacement;
          for (let j = 0; j < np; j++) {
            const i = pIdx[j]!;
            closedUnits[i]! += pBook[j]! + pBs[j]!;
            closedValue[i]! += pBook[j]! * avg + pBs[j]! * pBsPrice[j]!;
          }
        }
        queuedNotional = Math.max(0, queuedNotional - closedNotional);
        if (head === tail) queuedNotional = 0;
        liquidatedNotional += closedNotional;
        liquidatedCount += done;
        if (closedNotional > 0) lastForced = k + 1;
      }
      // 3. record, halts and pauses
      mid = midAt(x);
      pricePath[k + 1] = mid;
      stepNotional[k] = closedNotional;
      backlog[k] = queuedNotional;
      halted[k] = isHalted ? 1 : 0;
      const dis = Math.abs(mid / startPrice - 1);
      if (dis > peak) peak = dis;
      k++;
      if (band && !isHalted) {
        limitRun = bandBound ? limitRun + 1 : 0;
        if (band.pauseSteps > 0 && limitRun >= band.limitStateSteps) {
          haltUntil = Math.max(haltUntil, k + band.pauseSteps);
          pauses++;
          limitRun = 0;
        }
      }
      checkHalt(k);
      if (band) {
        ringSum += mid - ring[ringPos]!;
        ring[ringPos] = mid;
        ringPos = (ringPos + 1) % W;
      }
      // 4. resilience
      x *= decay;
      mid = midAt(x);
      return true;
    },
    steps: () => k,
    mid: () => mid,
    result(): PolicyRun {
      let defaults = 0;
      let badDebt = 0;
      for (let i = 0; i < n; i++) {
        const u = closedUnits[i]!;
        if (u <= 0) continue;
        const eq = margin[i]! * (u / quantity[i]!) + side[i]! * (closedValue[i]! - u * entry[i]!);
        if (eq < -POSITION_DEFAULT_TOLERANCE * margin[i]!) {
          defaults++;
          badDebt -= eq;
        }
      }
      const end = pricePath[k]!;
      const outcome: PolicyOutcome = {
        ...emptyOutcome(),
        peakDislocation: peak,
        finalDislocation: Math.abs((k > 0 ? end : shockedPrice) / startPrice - 1),
        liquidatedNotional,
        marginCalled,
        defaults,
        badDebt,
        durationSteps: lastForced,
        pricePath: pricePath.slice(0, k + 1),
      };
      return {
        outcome,
        startPrice,
        shockedPrice,
        marginRate: marginRate.slice(0, k),
        stepNotional: stepNotional.slice(0, k),
        backlog: backlog.slice(0, k),
        halted: halted.slice(0, k),
        bandLower: bandLower ? bandLower.slice(0, k) : null,
        bandUpper: bandUpper ? bandUpper.slice(0, k) : null,
        halts,
        pauses,
        peakMarginCall,
        backstopValue,
        backstopNotional,
        liquidatedCount,
        triggeredCount: tail,
        unfilledNotional: queuedNotional,
        calmMarginRatio: regime.calmMarginRatio,
      };
    },
  };
  return sim;
}

/** Run `market` with `tools` over the scenario's whole horizon (see the module comment). */
export function runPolicy(market: PolicyMarket, tools?: PolicyTools): PolicyRun {
  const sim = createPolicySim(market, tools);
  // Bound: step() returns false after `steps` steps.
  while (sim.step());
  return sim.result();
}
