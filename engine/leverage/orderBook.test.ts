import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import {
  bookMid,
  createOrderBook,
  depthCurve,
  executeQuantity,
  marketBuy,
  marketSell,
  midAt,
  quantityToMove,
  recoverBook,
  shiftReference,
  sideCapacity,
  valueBetween,
  type OrderBook,
} from './orderBook';

/** Independent check: composite Simpson integral of the mid along the displacement. */
function simpson(book: OrderBook, a: number, b: number, m = 2000): number {
  const h = (b - a) / m;
  let s = midAt(book, a) + midAt(book, b);
  for (let k = 1; k < m; k++) s += (k % 2 ? 4 : 2) * midAt(book, a + k * h);
  return Math.abs((s * h) / 3);
}

const profiles = ['flat', 'linear', 'sqrt'] as const;

describe('order book: walking the book', () => {
  it('flat book, hand values: $10M within 1 % at 100, selling 100,000 units (all of that depth)', () => {
    const book = createOrderBook({ profile: 'flat', depth: 10_000_000 }, 100);
    expect(book.depthUnits).toBeCloseTo(100_000, 9);
    const f = executeQuantity(book, 100_000);
    // mid: 100·e^{−0.01} = 99.004983375; average: ∫ 100·e^{−a y} dy / q with a = 1e-7 → 1e4·(1 − e^{−0.01}) = 99.501662508.
    expect(f.midAfter).toBeCloseTo(99.00498337491681, 9);
    expect(f.averagePrice).toBeCloseTo(99.50166250831893, 9);
    expect(f.slippage).toBeCloseTo(0.0049833749168107, 12);
    expect(f.exhausted).toBe(false);
  });

  it('linear book, hand values: the same 1 % move, a better average (depth sits further out)', () => {
    const book = createOrderBook({ profile: 'linear', depth: 10_000_000 }, 100);
    const f = executeQuantity(book, 100_000);
    // δ = 0.01·√(y/u1) → mid 100·e^{−0.01}; average = (2·100/b²)·(1 − 1.01·e^{−0.01})/q, b² = 1e-9.
    expect(f.midAfter).toBeCloseTo(99.00498337491681, 9);
    expect(f.averagePrice).toBeCloseTo((2e11 * (1 - 1.01 * Math.exp(-0.01))) / 1e5, 7);
    // Simpson converges only as h^1.5 here (δ ∝ √y has a cusp at 0), hence 1e-6 relative.
    expect(Math.abs(f.averagePrice / (simpson(book, 0, 100_000, 20_000) / 100_000) - 1)).toBeLessThan(1e-6);
  });

  it('square-root law: ln(P_ref/mid) = Y·σ_d·√(Q/V_d) for Q in $ at the reference price', () => {
    // σ = 0.04·√365.25 a year is σ_d = 4 % a day.
    const p = { profile: 'sqrt' as const, dailyVolume: 2e9, volatility: 0.04 * Math.sqrt(365.25), impactY: 0.8 };
    const book = createOrderBook(p, 250);
    for (const Q of [1e5, 1e6, 3e7]) {
      const f = executeQuantity(book, Q / 250);
      expect(Math.log(250 / f.midAfter)).toBeCloseTo(0.8 * 0.04 * Math.sqrt(Q / 2e9), 12);
    }
    // … which is the 'linear' book with the equivalent depth V·(0.01/(Yσ))².
    const lin = createOrderBook({ profile: 'linear', depth: 2e9 * (0.01 / (0.8 * 0.04)) ** 2 }, 250);
    expect(lin.depthUnits).toBeCloseTo(book.depthUnits, 6);
  });

  it('fills agree with numerical integration for every profile, both sides, across 0 and the floor', () => {
    for (const profile of profiles) {
      const book = { ...createOrderBook({ profile, depth: 5e6, floorFraction: 0.5 }, 100), displacement: -20_000 };
      const cap = sideCapacity(book);
      for (const [a, b] of [[-20_000, 30_000], [0, cap * 0.99], [cap * 0.5, cap * 1.5], [-cap * 1.2, -cap * 0.3]] as const) {
        // Split at the kinks so Simpson sees smooth pieces.
        const cuts = [a, ...[-cap, 0, cap].filter((c) => c > a && c < b), b];
        let want = 0;
        for (let k = 0; k + 1 < cuts.length; k++) want += simpson(book, cuts[k]!, cuts[k + 1]!, 20_000);
        // Relative 1e-6: Simpson's error near the √y cusp at 0 (profiles 'linear' and 'sqrt') dominates.
        expect(Math.abs(valueBetween(book, a, b) / want - 1)).toBeLessThan(1e-6);
      }
    }
  });

  it('value is additive along the walk and a round trip never makes money (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...profiles),
        fc.double({ min: -3e5, max: 3e5, noNaN: true }),
        fc.double({ min: 0, max: 2e5, noNaN: true }),
        fc.double({ min: 0, max: 2e5, noNaN: true }),
        (profile, x, a, b) => {
          const book = createOrderBook({ profile, depth: 1e6, floorFraction: 0.2 }, 50);
          const whole = valueBetween(book, x, x + a + b);
          const parts = valueBetween(book, x, x + a) + valueBetween(book, x + a, x + a + b);
          expect(Math.abs(whole - parts)).toBeLessThanOrEqual(1e-9 * Math.max(1, whole));
          // Sell a then buy it back: proceeds ≤ cost.
          const sell = executeQuantity({ ...book, displacement: x }, a);
          const buy = executeQuantity(sell.book, -a);
          expect(sell.value).toBeLessThanOrEqual(buy.value * (1 + 1e-12));
          expect(buy.midAfter).toBeCloseTo(midAt(book, x), 9);
        },
      ),
    );
  });

  it('slippage grows with size; sells lower the mid, buys raise it', () => {
    const book = createOrderBook({}, 100);
    let prev = 0;
    for (const N of [1e5, 1e6, 1e7, 1e8]) {
      const s = marketSell(book, N);
      expect(s.slippage).toBeGreaterThan(prev);
      expect(s.midAfter).toBeLessThan(100);
      expect(s.averagePrice).toBeLessThan(100);
      expect(s.averagePrice).toBeGreaterThan(s.midAfter);
      prev = s.slippage;
    }
    const b = marketBuy(book, 1e6);
    expect(b.midAfter).toBeGreaterThan(100);
    expect(b.averagePrice).toBeGreaterThan(100);
    expect(marketSell(book, 0).averagePrice).toBe(100);
  });

  it('an order that exhausts the book fills the rest at the floor: price stays positive and finite', () => {
    const book = createOrderBook({ depth: 100_000, floorFraction: 0.01 }, 100);
    const f = marketSell(book, 1e15);
    expect(f.exhausted).toBe(true);
    expect(f.midAfter).toBeCloseTo(1, 12);
    expect(f.averagePrice).toBeGreaterThanOrEqual(1);
    expect(Number.isFinite(f.value)).toBe(true);
    const up = marketBuy(book, 1e15);
    expect(up.midAfter).toBeCloseTo(10_000, 8);
  });

  it('quantityToMove inverts the mid; depthCurve is the value of that walk', () => {
    for (const profile of profiles) {
      const book = createOrderBook({ profile }, 100);
      for (const target of [90, 99.5, 100, 104]) {
        const q = quantityToMove(book, target);
        expect(executeQuantity(book, q).midAfter).toBeCloseTo(target, 9);
      }
      const curve = depthCurve(book, [95, 105]);
      expect(curve[0]!.side).toBe('bid');
      expect(curve[1]!.side).toBe('ask');
      expect(curve[0]!.notional).toBeCloseTo(executeQuantity(book, quantityToMove(book, 95)).value, 6);
    }
  });

  it('resilience: the displacement halves after ln 2/κ seconds; a news shift moves the reference only', () => {
    const book = executeQuantity(createOrderBook({ resilience: 0.05 }, 100), 50_000).book;
    expect(recoverBook(book, Math.LN2 / 0.05).displacement).toBeCloseTo(25_000, 9);
    expect(recoverBook(book, 0).displacement).toBe(50_000);
    const still = executeQuantity(createOrderBook({ resilience: 0 }, 100), 50_000).book;
    expect(recoverBook(still, 1e6).displacement).toBe(50_000);
    const moved = shiftReference(createOrderBook({}, 100), 0.9);
    expect(bookMid(moved)).toBeCloseTo(90, 12);
    expect(moved.displacement).toBe(0);
  });

  it('refuses an empty book and bad orders', () => {
    const book = createOrderBook({}, 100);
    expect(() => executeQuantity({ ...book, depthUnits: 0 }, 1)).toThrow(/no depth/);
    expect(() => createOrderBook({ depth: 0 }, 100)).toThrow(EngineInputError);
    expect(() => createOrderBook({}, 0)).toThrow(EngineInputError);
    expect(() => marketSell(book, -1)).toThrow(EngineInputError);
    expect(() => executeQuantity(book, Number.NaN)).toThrow(EngineInputError);
    expect(() => recoverBook(book, -1)).toThrow(EngineInputError);
  });
});
