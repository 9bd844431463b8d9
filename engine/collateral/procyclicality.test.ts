import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { procyclicalityMetrics } from './procyclicality';

describe('procyclicalityMetrics', () => {
  it('computes peak-to-trough, largest n-day increase and worst-day call on a hand example', () => {
    // margins (1, 2, 1.5, 3, 2.5), n = 2: peak 3, trough 1 → ratio 3.
    // 2-day changes: t2: 0.5, t3: 1.0, t4: 0.5 → max 1.0 at day 3; ratios 0.5, 0.5, 2.5/1.5 − 1 = 0.6667.
    // 1-day increases: +1 (t1), −0.5, +1.5 (t3), −0.5 → worst call 1.5 on day 3.
    const m = procyclicalityMetrics([1, 2, 1.5, 3, 2.5], { horizonDays: 2 });
    expect(m.peak).toBe(3);
    expect(m.trough).toBe(1);
    expect(m.peakToTrough).toBe(3);
    expect(m.maxIncrease).toBe(1);
    expect(m.maxIncreaseDay).toBe(3);
    expect(m.maxIncreaseRatio).toBeCloseTo(2 / 3, 15);
    expect(m.worstDayCall).toBe(1.5);
    expect(m.worstDay).toBe(3);
  });

  it('adds variation margin to the day’s call', () => {
    // VM of 2 on day 2 (a fall in price) makes day 2 the worst: 0 + 2 > 1.5.
    const m = procyclicalityMetrics([1, 2, 1.5, 3, 2.5], { horizonDays: 2, variation: [0, 0, 2, 0, 0] });
    expect(m.worstDayCall).toBe(2);
    expect(m.worstDay).toBe(2);
  });

  it('restricts to the window [from, to)', () => {
    const m = procyclicalityMetrics([10, 1, 2, 4, 100], { horizonDays: 1, from: 1, to: 4 });
    expect([m.peak, m.trough, m.maxIncrease, m.maxIncreaseDay]).toEqual([4, 1, 2, 3]);
  });

  it('reports an infinite ratio for a zero trough and rejects zero, negative or too-short series', () => {
    expect(procyclicalityMetrics([0, 1, 2], { horizonDays: 1 }).peakToTrough).toBe(Infinity);
    expect(() => procyclicalityMetrics([0, 0, 0], { horizonDays: 1 })).toThrow(EngineInputError);
    expect(() => procyclicalityMetrics([1, -1, 2], { horizonDays: 1 })).toThrow(EngineInputError);
    expect(() => procyclicalityMetrics([1, 2], { horizonDays: 2 })).toThrow(EngineInputError);
  });

  it('is scale-invariant in its ratios and ≥ 1 peak-to-trough (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 3, maxLength: 80 }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (xs, c) => {
          const a = procyclicalityMetrics(xs, { horizonDays: 1 });
          const b = procyclicalityMetrics(
            xs.map((x) => c * x),
            { horizonDays: 1 },
          );
          expect(a.peakToTrough).toBeGreaterThanOrEqual(1);
          expect(b.peakToTrough).toBeCloseTo(a.peakToTrough, 9);
          expect(b.maxIncreaseRatio).toBeCloseTo(a.maxIncreaseRatio, 9);
          expect(b.maxIncrease).toBeCloseTo(c * a.maxIncrease, 9);
        },
      ),
    );
  });
});
