import { autocorrelation, bisect, isClose, linspace, mean, quantile, stdev, sum } from './numeric';

describe('numeric helpers', () => {
  it('sum is compensated', () => {
    const xs = [1e16, 1, -1e16];
    expect(sum(xs)).toBe(1);
  });
  it('linspace hits both ends', () => {
    expect(linspace(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
  it('mean, stdev and quantile match hand values', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(stdev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935, 9);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 1, 5], 0)).toBe(1);
  });
  it('autocorrelation is +1-ish for a trend and negative for alternation', () => {
    expect(autocorrelation([1, -1, 1, -1, 1, -1, 1, -1], 1)).toBeCloseTo(-0.875, 12);
    expect(autocorrelation(linspace(0, 1, 100), 1)).toBeGreaterThan(0.9);
  });
  it('bisect finds sqrt(2) and reports no sign change', () => {
    expect(bisect((x) => x * x - 2, 0, 2)).toBeCloseTo(Math.SQRT2, 11);
    expect(bisect((x) => x * x + 1, 0, 2)).toBeNull();
  });
  it('isClose', () => {
    expect(isClose(1, 1 + 1e-12)).toBe(true);
    expect(isClose(1, 1.1)).toBe(false);
    expect(isClose(0, 1e-13, 0, 1e-12)).toBe(true);
  });
});
