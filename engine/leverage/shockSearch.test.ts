import { cascade } from './cascade';
import { createOrderBook } from './orderBook';
import { generatePopulation } from './population';
import { smallestCascadeShock } from './shockSearch';

const pop = generatePopulation({ positions: 2000 }, 5);
const book = createOrderBook({ depth: 2e6 }, 100);

function linearScan(test: (s: number) => boolean, step: number, max: number): number | null {
  for (let k = 1; k * step <= max + 1e-12; k++) {
    const s = Number.parseFloat((k * step).toPrecision(12));
    if (test(s)) return s;
  }
  return null;
}

describe('smallest shock that reaches a target', () => {
  it('agrees with a linear scan for notional and dislocation targets', () => {
    for (const target of [5e6, 1e7, 2e7]) {
      const fast = smallestCascadeShock(pop, book, { liquidatedNotional: target }, { step: 0.001, max: 0.1 });
      const slow = linearScan((s) => cascade(pop, book, { shock: s }).liquidatedNotional >= target, 0.001, 0.1);
      expect(fast).toBe(slow);
    }
    const fast = smallestCascadeShock(pop, book, { dislocation: 0.08 }, { step: 0.001, max: 0.1 });
    const slow = linearScan((s) => cascade(pop, book, { shock: s }).dislocation >= 0.08, 0.001, 0.1);
    expect(fast).toBe(slow);
  });

  it('the final price is monotone in a news shock (the property the search relies on)', () => {
    let last = Infinity;
    for (let k = 0; k <= 100; k++) {
      const r = cascade(pop, book, { shock: k * 0.001 });
      expect(r.finalPrice).toBeLessThanOrEqual(last + 1e-9);
      last = r.finalPrice;
    }
  });

  it('returns null when the target is out of reach, and works upwards for shorts', () => {
    expect(smallestCascadeShock(pop, book, { liquidatedNotional: 1e12 }, { max: 0.05 })).toBeNull();
    const up = smallestCascadeShock(pop, book, { liquidatedNotional: 2e6 }, { direction: 'up', max: 0.1 });
    expect(up).not.toBeNull();
    expect(cascade(pop, book, { shock: up!, direction: 'up' }).shortNotional).toBeGreaterThanOrEqual(2e6);
  });
});
