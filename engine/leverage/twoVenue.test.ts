import { EngineInputError } from '../core/errors';
import { createOrderBook } from './orderBook';
import { generatePopulation } from './population';
import { twoVenueCascade } from './twoVenue';

const popA = generatePopulation({}, 21);
const popB = generatePopulation({}, 22);
const book = () => createOrderBook({}, 100);

describe('two venues linked by an arbitrageur', () => {
  it('without arbitrage capital venue B never moves', () => {
    const r = twoVenueCascade(popA, book(), popB, book(), { arbCapital: 0 });
    expect(r.venueA.liquidatedNotional).toBeGreaterThan(0);
    expect(r.venueB.liquidatedNotional).toBe(0);
    expect(Array.from(r.priceB).every((p) => p === 100)).toBe(true);
    expect(Array.from(r.arbInventory).every((q) => q === 0)).toBe(true);
  });

  it('with capital the move crosses over and fires B\'s liquidation engine (margin synchronisation)', () => {
    const r = twoVenueCascade(popA, book(), popB, book(), {});
    expect(r.venueB.liquidatedNotional).toBeGreaterThan(1e6);
    expect(r.venueB.lowPrice).toBeLessThan(99);
    // The arbitrageur buys on the cheap venue: long A, short B, within its capital.
    expect(r.arbInventory[0]!).toBeGreaterThan(0);
    const maxInv = Math.max(...Array.from(r.arbInventory, Math.abs));
    expect(maxInv).toBeLessThanOrEqual(2e7 / r.venueA.lowPrice + 1e-6);
    // The gap starts at the 3 % shock and closes.
    expect(r.maxGap).toBeGreaterThan(0.029);
    expect(Math.abs(r.priceB[r.steps - 1]! / r.priceA[r.steps - 1]! - 1)).toBeLessThan(0.01);
    expect(r.steps).toBeLessThanOrEqual(3600);
  });

  it('more arbitrage capital transmits more of the cascade to B', () => {
    const small = twoVenueCascade(popA, book(), popB, book(), { arbCapital: 1e6 });
    const large = twoVenueCascade(popA, book(), popB, book(), { arbCapital: 5e7, arbSpeed: 1e7 });
    expect(large.venueB.liquidatedNotional).toBeGreaterThan(small.venueB.liquidatedNotional);
    expect(large.venueB.lowPrice).toBeLessThan(small.venueB.lowPrice);
  });

  it('is deterministic and stops at maxSteps', () => {
    const a = twoVenueCascade(popA, book(), popB, book(), { maxSteps: 20 });
    const b = twoVenueCascade(popA, book(), popB, book(), { maxSteps: 20 });
    expect(a.priceB).toEqual(b.priceB);
    expect(a.steps).toBeLessThanOrEqual(20);
  });

  it('refuses bad options', () => {
    expect(() => twoVenueCascade(popA, book(), popB, book(), { arbCapital: -1 })).toThrow(EngineInputError);
    expect(() => twoVenueCascade(popA, book(), popB, book(), { arbThreshold: 0.5 })).toThrow(EngineInputError);
  });
});
