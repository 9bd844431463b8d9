import fc from 'fast-check';
import { bisect } from '../core/numeric';
import { defaultParams } from '../core/params';
import { EngineInputError } from '../core/errors';
import { fireSaleEquilibrium, fireSaleExample, fireSaleParams, type FireSaleInput } from './fireSales';
import { vulnerableBanks } from './vulnerableBanks';

/** p − P₀ exp(−α S) at the reported equilibrium. */
function fixedPointGap(x: FireSaleInput, price: number, totalSales: number): number {
  return Math.abs(price - (x.fundamentalPrice ?? 1) * Math.exp(-x.priceImpact * totalSales));
}

const exampleArb = fc.record({
  capitalRatio: fc.double({ min: 0.02, max: 0.3, noNaN: true }),
  priceImpact: fc.double({ min: 0, max: 0.5, noNaN: true }),
  fundamentalPrice: fc.double({ min: 0.6, max: 1, noNaN: true }),
  banks: fc.integer({ min: 2, max: 12 }),
});

describe('Cifuentes–Ferrucci–Shin fire sales', () => {
  it('one bank, no interbank links: the greatest root of p = exp(0.4 − 0.45/p), found independently', () => {
    // e = 1 unit, no cash, deposits 0.9, r* = 0.2, α = 0.1, P₀ = 1. Equity w = p − 0.9; the bank sells
    // s = 1 − w/(0.2p) = 4.5/p − 4 (while 0 ≤ s ≤ 1), so the price solves p = exp(−0.1 s) = exp(0.4 − 0.45/p).
    // f(p) = p − exp(0.4 − 0.45/p) is increasing on (0.9, 1] with f(0.9) < 0 < f(1): one root, ≈ 0.9099.
    const x: FireSaleInput = { liabilities: [[0]], cash: [0], illiquidHoldings: [1], externalLiabilities: [0.9], capitalRatio: 0.2, priceImpact: 0.1 };
    const root = bisect((p) => p - Math.exp(0.4 - 0.45 / p), 0.9, 1, 1e-15)!;
    const r = fireSaleEquilibrium(x);
    expect(r.converged).toBe(true);
    expect(r.price).toBeCloseTo(root, 10);
    expect(r.sales[0]).toBeCloseTo(4.5 / root - 4, 8);
    expect(r.capitalRatios[0]).toBeCloseTo(0.2, 8);
    // The price path falls monotonically from P₀ = 1 (the spiral).
    for (let k = 1; k < r.priceHistory.length; k++) expect(r.priceHistory[k]!).toBeLessThanOrEqual(r.priceHistory[k - 1]!);
    expect(r.priceHistory[1]).toBeCloseTo(Math.exp(-0.05), 14); // first round: s = 0.5 at p = 1
  });

  it('the default example is partial: some banks sell, not all, and it is a fixed point', () => {
    const x = fireSaleExample(defaultParams(fireSaleParams));
    const r = fireSaleEquilibrium(x);
    const sellers = r.sales.filter((s) => s > 0).length;
    expect(sellers).toBeGreaterThan(0);
    expect(sellers).toBeLessThan(10);
    expect(r.price).toBeLessThan(x.fundamentalPrice!);
    expect(fixedPointGap(x, r.price, r.totalSales)).toBeLessThan(1e-10);
  });

  it('equilibrium: fixed point of the price, and every bank follows the sales rule', () => {
    fc.assert(
      fc.property(exampleArb, (p) => {
        const x = fireSaleExample(p);
        const r = fireSaleEquilibrium(x);
        expect(r.converged).toBe(true);
        expect(fixedPointGap(x, r.price, r.totalSales)).toBeLessThan(1e-9);
        r.sales.forEach((s, i) => {
          const e = x.illiquidHoldings[i]!;
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(e);
          if (r.defaulted[i]) expect(s).toBe(e);
          else if (s === 0) expect(r.capitalRatios[i]!).toBeGreaterThanOrEqual(x.capitalRatio * (1 - 1e-9));
          else if (s < e) expect(r.capitalRatios[i]!).toBeCloseTo(x.capitalRatio, 8);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('no price impact, no price fall; more impact, a higher capital ratio or a lower fundamental price, a lower price', () => {
    fc.assert(
      fc.property(exampleArb, fc.double({ min: 0, max: 0.3, noNaN: true }), (p, more) => {
        const price = (q: typeof p) => fireSaleEquilibrium(fireSaleExample(q)).price;
        expect(price({ ...p, priceImpact: 0 })).toBe(p.fundamentalPrice);
        const here = price(p);
        expect(price({ ...p, priceImpact: p.priceImpact + more })).toBeLessThanOrEqual(here + 1e-10);
        expect(price({ ...p, capitalRatio: Math.min(1, p.capitalRatio + more) })).toBeLessThanOrEqual(here + 1e-10);
        const lowerP0 = Math.max(0.5, p.fundamentalPrice - more);
        expect(price({ ...p, fundamentalPrice: lowerP0 })).toBeLessThanOrEqual(here + 1e-10);
      }),
      { numRuns: 150 },
    );
  });

  it('rejects bad input', () => {
    const x = fireSaleExample(defaultParams(fireSaleParams));
    expect(() => fireSaleEquilibrium({ ...x, capitalRatio: 0 })).toThrow(EngineInputError);
    expect(() => fireSaleEquilibrium({ ...x, priceImpact: -1 })).toThrow(EngineInputError);
    expect(() => fireSaleEquilibrium({ ...x, cash: [1] })).toThrow(EngineInputError);
  });
});

describe('Greenwood–Landier–Thesmar vulnerability', () => {
  it('matches a hand-computed 2-bank, 2-asset example', () => {
    // a = (100, 50), b = (9, 4) → e = (10, 10), E = 20. M = [[½, ½], [1, 0]], F = (−0.1, 0), ℓ = (0.001, 0.002).
    // R = MF = (−0.05, −0.1); φ = ABR = (−45, −20); Mᵀφ = (−42.5, −22.5); LMᵀφ = (−0.0425, −0.045).
    // Bank returns M·ΔP = (−0.04375, −0.0425); dollars A·(…) = (−4.375, −2.125), total −6.5 → AV = −0.325.
    // S_1: only bank 1 sells (−45): Mᵀ = (−22.5, −22.5), ΔP = (−0.0225, −0.045), dollars (−3.375, −1.125) → −4.5/20 = −0.225.
    // S_2: only bank 2 sells (−20): ΔP = (−0.02, 0), dollars (−1, −1) → −2/20 = −0.1. IV = (−4.375/10, −2.125/10).
    const r = vulnerableBanks({
      assets: [100, 50],
      leverage: [9, 4],
      weights: [
        [0.5, 0.5],
        [1, 0],
      ],
      shock: [-0.1, 0],
      priceImpact: [0.001, 0.002],
    });
    expect(r.equity).toEqual([10, 10]);
    expect(r.sales[0]).toBeCloseTo(-45, 12);
    expect(r.sales[1]).toBeCloseTo(-20, 12);
    expect(r.assetSales[0]).toBeCloseTo(-42.5, 12);
    expect(r.priceChange[1]).toBeCloseTo(-0.045, 14);
    expect(r.aggregateVulnerability).toBeCloseTo(-0.325, 14);
    expect(r.systemicness[0]).toBeCloseTo(-0.225, 14);
    expect(r.systemicness[1]).toBeCloseTo(-0.1, 14);
    expect(r.indirectVulnerability[0]).toBeCloseTo(-0.4375, 14);
    expect(r.indirectVulnerability[1]).toBeCloseTo(-0.2125, 14);
    expect(r.directReturnOnEquity).toBeCloseTo((100 * -0.05 + 50 * -0.1) / 20, 14);
  });

  it('Σ_n S_n = AV, and AV is linear in the shock and in price impact (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (N, K, seed) => {
          // Deterministic pseudo-random inputs from the seed.
          let s = seed;
          const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
          const weights = Array.from({ length: N }, () => {
            const w = Array.from({ length: K }, rnd);
            const tot = w.reduce((a, b) => a + b, 0) || 1;
            return w.map((v) => v / tot);
          });
          const x = {
            assets: Array.from({ length: N }, () => 1 + 100 * rnd()),
            leverage: Array.from({ length: N }, () => 30 * rnd()),
            weights,
            shock: Array.from({ length: K }, () => -0.2 * rnd()),
            priceImpact: Array.from({ length: K }, () => 1e-3 * rnd()),
          };
          const r = vulnerableBanks(x);
          const sumS = r.systemicness.reduce((a, b) => a + b, 0);
          expect(Math.abs(sumS - r.aggregateVulnerability)).toBeLessThan(1e-12 * Math.max(1, Math.abs(r.aggregateVulnerability)));
          expect(r.aggregateVulnerability).toBeLessThanOrEqual(0);
          const doubled = vulnerableBanks({ ...x, shock: x.shock.map((f) => 2 * f) });
          expect(doubled.aggregateVulnerability).toBeCloseTo(2 * r.aggregateVulnerability, 12);
          const deeper = vulnerableBanks({ ...x, priceImpact: x.priceImpact.map((l) => 3 * l) });
          expect(deeper.aggregateVulnerability).toBeCloseTo(3 * r.aggregateVulnerability, 12);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects weights that do not fit the shapes or sum above 1', () => {
    const ok = { assets: [1], leverage: [1], weights: [[0.5, 0.5]], shock: [-0.1, 0], priceImpact: [0.1, 0.1] };
    expect(() => vulnerableBanks(ok)).not.toThrow();
    expect(() => vulnerableBanks({ ...ok, weights: [[0.7, 0.7]] })).toThrow(EngineInputError);
    expect(() => vulnerableBanks({ ...ok, weights: [[1]] })).toThrow(EngineInputError);
    expect(() => vulnerableBanks({ ...ok, assets: [0] })).toThrow(EngineInputError);
  });
});
