import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { cascade, dislocationCurve, dislocationSweep } from './cascade';
import { createOrderBook } from './orderBook';
import { createPopulation, generatePopulation, type Population } from './population';

/** A flat book at 100 with $1M within 1 %: u1 = 10,000 units, so selling q units moves ln(mid) by q·1e-6. */
const handBook = () => createOrderBook({ profile: 'flat', depth: 1_000_000, floorFraction: 0.01 }, 100);

/** Random populations that all survive at 100 (no position already past its liquidation price). */
const arbSurvivors = (sides: 'both' | 'long' = 'both') =>
  fc
    .array(
      fc.record({
        side: sides === 'long' ? fc.constant(1) : fc.constantFrom(1, -1),
        entry: fc.double({ min: 85, max: 115, noNaN: true }),
        leverage: fc.constantFrom(2, 3, 5, 10, 20, 25, 50, 100),
        notional: fc.double({ min: 1e3, max: 2e6, noNaN: true }),
      }),
      { minLength: 1, maxLength: 40 },
    )
    .map((rows) =>
      rows.filter((r) => {
        const liq = r.side === 1 ? (r.entry * (1 - 1 / r.leverage)) / 0.995 : (r.entry * (1 + 1 / r.leverage)) / 1.005;
        return r.side === 1 ? liq < 100 : liq > 100;
      }),
    )
    .filter((rows) => rows.length > 0);

function build(rows: { side: number; entry: number; leverage: number; notional: number }[], leverageScale = 1): Population {
  return createPopulation({
    price: 100,
    side: rows.map((r) => r.side),
    entry: rows.map((r) => r.entry),
    notional: rows.map((r) => r.notional),
    leverage: rows.map((r) => Math.min(125, r.leverage * leverageScale)),
    maintenanceMargin: 0.005,
  });
}

describe('cascade by rounds', () => {
  it('hand case: two rounds, then the next cluster is out of reach', () => {
    // A: liq 95 (20×), N 6M = 60,000 units; B: liq 90 (10×), N 1M; C: liq 85, N 1M; short D: liq 110. m = 0.
    const pop = createPopulation({ price: 100, side: [1, 1, 1, -1], entry: [100, 100, 100, 100], notional: [6e6, 1e6, 1e6, 1e6], leverage: [20, 10, 1 / 0.15, 10], maintenanceMargin: 0 });
    const r = cascade(pop, handBook(), { shock: 0.051 });
    // Shock: mid 94.9 ≤ 95 → A sold: mid 94.9·e^{−0.06} = 89.37 ≤ 90 → B sold: 94.9·e^{−0.07} = 88.48 > 85 → stop.
    expect(r.rounds).toBe(2);
    expect(r.roundPrice[0]).toBeCloseTo(94.9, 10);
    expect(r.roundPrice[1]).toBeCloseTo(94.9 * Math.exp(-0.06), 9);
    expect(r.roundPrice[2]).toBeCloseTo(94.9 * Math.exp(-0.07), 9);
    // Round fills: ∫ 94.9·e^{−a y} dy / q → 94.9·(1 − e^{−0.06})/0.06 and 94.9·e^{−0.06}·(1 − e^{−0.01})/0.01.
    expect(r.roundFill[0]).toBeCloseTo((94.9 * (1 - Math.exp(-0.06))) / 0.06, 9);
    expect(r.roundFill[1]).toBeCloseTo((94.9 * Math.exp(-0.06) * (1 - Math.exp(-0.01))) / 0.01, 9);
    expect(Array.from(r.roundNotional)).toEqual([6e6, 1e6]);
    expect(Array.from(r.liquidatedRound)).toEqual([1, 2, 0, 0]);
    expect(r.dislocation).toBeCloseTo(1 - 0.949 * Math.exp(-0.07), 12);
    expect(r.amplification).toBeCloseTo((1 - 0.949 * Math.exp(-0.07)) / 0.051, 10);
    expect(r.shortNotional).toBe(0);
  });

  it('reaches its worst case of one position per round, N rounds, and stops (termination bound)', () => {
    // 50 longs with liq_k = 95.02·e^{−0.01k}, each selling 10,100 units (ln-move 0.0101): after k sales the mid is
    // 95·e^{−0.0101k}, at or below liq_k but above liq_{k+1} while 0.0001k < 0.00979, i.e. for all k < 50.
    const N = 50;
    const liq = Array.from({ length: N }, (_, k) => 95.02 * Math.exp(-0.01 * k));
    const entry = liq.map((l) => l / 0.9);
    const pop = createPopulation({ price: 100, side: liq.map(() => 1), entry, notional: entry.map((e) => 10_100 * e), leverage: liq.map(() => 10), maintenanceMargin: 0 });
    const r = cascade(pop, handBook(), { shock: 0.05 });
    expect(r.rounds).toBe(N);
    expect(Array.from(r.roundCount).every((c) => c === 1)).toBe(true);
    expect(r.finalPrice).toBeCloseTo(95 * Math.exp(-0.0101 * N), 9);
  });

  it('rounds ≤ N, no open position is left past its liquidation price, and notional is conserved (property)', () => {
    fc.assert(
      fc.property(arbSurvivors(), fc.double({ min: 0, max: 0.3, noNaN: true }), fc.constantFrom('down' as const, 'up' as const), (rows, shock, direction) => {
        const pop = build(rows);
        const r = cascade(pop, createOrderBook({ depth: 2e6 }, 100), { shock, direction });
        expect(r.rounds).toBeLessThanOrEqual(pop.count);
        let closed = 0;
        let count = 0;
        for (let i = 0; i < pop.count; i++) {
          if (r.liquidatedRound[i]! > 0) {
            closed += pop.notional[i]!;
            count++;
          } else if (pop.side[i] === 1) expect(pop.liquidation[i]!).toBeLessThan(r.finalPrice);
          else expect(pop.liquidation[i]!).toBeGreaterThan(r.finalPrice);
        }
        const byRound = Array.from(r.roundNotional).reduce((a, b) => a + b, 0);
        expect(Math.abs(r.liquidatedNotional - closed)).toBeLessThanOrEqual(1e-9 * closed);
        expect(Math.abs(byRound - closed)).toBeLessThanOrEqual(1e-9 * closed);
        expect(Array.from(r.roundCount).reduce((a, b) => a + b, 0)).toBe(count);
        expect(r.dislocation).toBeGreaterThanOrEqual(shock - 1e-12);
      }),
    );
  });

  it('a deeper book never gives a larger dislocation (property)', () => {
    fc.assert(
      fc.property(arbSurvivors(), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.double({ min: 1e5, max: 1e8, noNaN: true }), fc.double({ min: 1, max: 10, noNaN: true }), fc.constantFrom('flat' as const, 'linear' as const), (rows, shock, depth, k, profile) => {
        const pop = build(rows);
        const thin = cascade(pop, createOrderBook({ profile, depth }, 100), { shock });
        const deep = cascade(pop, createOrderBook({ profile, depth: Math.min(1e9, depth * k) }, 100), { shock });
        expect(deep.dislocation).toBeLessThanOrEqual(thin.dislocation + 1e-12);
        expect(deep.liquidatedNotional).toBeLessThanOrEqual(thin.liquidatedNotional * (1 + 1e-12));
      }),
    );
  });

  it('higher leverage never gives a smaller cascade (property, long books)', () => {
    fc.assert(
      fc.property(arbSurvivors('long'), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.double({ min: 1, max: 3, noNaN: true }), (rows, shock, k) => {
        const lo = cascade(build(rows), createOrderBook({ depth: 3e6 }, 100), { shock });
        const hi = cascade(build(rows, k), createOrderBook({ depth: 3e6 }, 100), { shock });
        expect(hi.liquidatedNotional).toBeGreaterThanOrEqual(lo.liquidatedNotional * (1 - 1e-12));
        expect(hi.dislocation).toBeGreaterThanOrEqual(lo.dislocation - 1e-12);
      }),
    );
  });

  it('threshold: the dislocation jumps when the shock reaches a cluster', () => {
    // 1,000 longs of $10k opened at 100 with 20× and m = 0.5 %: all liquidate at 95/0.995 = 95.477.
    const n = 1000;
    const pop = createPopulation({ price: 100, side: new Array(n).fill(1), entry: new Array(n).fill(100), notional: new Array(n).fill(1e4), leverage: new Array(n).fill(20), maintenanceMargin: 0.005 });
    const curve = dislocationCurve(pop, createOrderBook({ depth: 5e6 }, 100), [0.04, 0.045, 0.046, 0.05]);
    // Below the cluster the dislocation is the shock itself (amplification 1).
    expect(curve[0]!.dislocation).toBeCloseTo(0.04, 12);
    expect(curve[1]!.dislocation).toBeCloseTo(0.045, 12);
    expect(curve[1]!.liquidatedCount).toBe(0);
    // One step of 0.1 % more shock sells $10M into $5M per 1 %: mid 95.4·e^{−0.02} → 1 − 0.954·e^{−0.02}.
    expect(curve[2]!.liquidatedCount).toBe(n);
    expect(curve[2]!.dislocation).toBeCloseTo(1 - 0.954 * Math.exp(-0.02), 9);
    expect(curve[2]!.dislocation - curve[1]!.dislocation).toBeGreaterThan(15 * 0.001);
  });

  it('is deterministic by seed; the default population amplifies the default shock', () => {
    const a = cascade(generatePopulation({}, 11), createOrderBook({}, 100), {});
    const b = cascade(generatePopulation({}, 11), createOrderBook({}, 100), {});
    expect(a.roundPrice).toEqual(b.roundPrice);
    expect(a.liquidatedRound).toEqual(b.liquidatedRound);
    expect(a.amplification).toBeGreaterThan(1.5);
  });

  it('news and an equal market order give the same path on a flat book; a rise mirrors a fall', () => {
    const pop = generatePopulation({ positions: 3000 }, 5);
    const news = cascade(pop, createOrderBook({}, 100), { shock: 0.02, shockKind: 'news' });
    const order = cascade(pop, createOrderBook({}, 100), { shock: 0.02, shockKind: 'order' });
    expect(order.rounds).toBe(news.rounds);
    order.roundPrice.forEach((p, i) => expect(p).toBeCloseTo(news.roundPrice[i]!, 9));
    // Mirror: a long (entry P0, L, m = 0) and a short (entry 1e4/P0, L − 1) have liquidation prices mirrored about 100 in log-price.
    const longs = { entry: [100, 98, 101, 97], leverage: [20, 10, 50, 5], notional: [2e6, 3e6, 1e6, 5e6] };
    const q = longs.entry.map((e, i) => longs.notional[i]! / e);
    const popL = createPopulation({ price: 100, side: [1, 1, 1, 1], ...longs, maintenanceMargin: 0 });
    const popS = createPopulation({
      price: 100,
      side: [-1, -1, -1, -1],
      entry: longs.entry.map((e) => 1e4 / e),
      leverage: longs.leverage.map((L) => L - 1),
      notional: q.map((qq, i) => qq * (1e4 / longs.entry[i]!)),
      maintenanceMargin: 0,
    });
    const down = cascade(popL, handBook(), { shock: 0.04, direction: 'down' });
    const up = cascade(popS, handBook(), { shock: 0.04 / 0.96, direction: 'up' });
    expect(up.rounds).toBe(down.rounds);
    expect(up.finalPrice).toBeCloseTo(1e4 / down.finalPrice, 8);
  });

  it('the sweep reports progress and returns the same curve; zero shock on survivors does nothing', () => {
    const pop = generatePopulation({ positions: 1000 }, 2);
    const book = createOrderBook({}, 100);
    const shocks = [0, 0.01, 0.02];
    const it = dislocationSweep(pop, book, shocks);
    const progress: number[] = [];
    let step = it.next();
    while (!step.done) {
      progress.push(step.value.done);
      expect(step.value.total).toBe(3);
      step = it.next();
    }
    expect(progress).toEqual([1, 2, 3]);
    expect(step.value).toEqual(dislocationCurve(pop, book, shocks));
    expect(step.value[0]).toMatchObject({ shock: 0, dislocation: 0, amplification: 1, rounds: 0, liquidatedCount: 0 });
  });

  it('refuses bad options', () => {
    const pop = generatePopulation({ positions: 100 }, 1);
    const book = createOrderBook({}, 100);
    expect(() => cascade(pop, book, { shock: 0.6 })).toThrow(EngineInputError);
    expect(() => cascade(pop, book, { shock: Number.NaN })).toThrow(EngineInputError);
    expect(() => cascade(pop, book, { direction: 'sideways' as 'up' })).toThrow(EngineInputError);
    expect(() => cascade({ ...pop, entry: new Float64Array(3) }, book, {})).toThrow(/pop.entry/);
    expect(() => cascade(pop, { ...book, depthUnits: 0 }, {})).toThrow(/no depth/);
  });
});
