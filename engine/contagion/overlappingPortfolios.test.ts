import fc from 'fast-check';
import { defaultParams } from '../core/params';
import { EngineInputError } from '../core/errors';
import { overlappingPortfolios, overlappingPortfoliosParams, overlappingPortfoliosSweep, overlappingPortfoliosSweepPoint } from './overlappingPortfolios';
import { hashInts } from '../core/random';

const defaults = defaultParams(overlappingPortfoliosParams);

describe('overlapping portfolios (Caccioli et al. 2014 reading)', () => {
  it('hand example: 4 banks all holding both assets', () => {
    // μ_b = M = 2: every bank holds both assets, ½ unit each; each asset has 2 units outstanding.
    // The first failure sells ½ of each: price exp(−α·¼). A survivor loses 2·½·(1 − e^{−α/4}) = 1 − e^{−α/4}
    // = 0.2316 for α = 1.0536. It fails iff 1/λ ≤ that: λ = 5 (equity 0.2) → all fail in round 1; λ = 4 (0.25) → none.
    const p = { banks: 4, assets: 2, diversification: 2, priceImpact: 1.0536, seed: 1 };
    const hi = overlappingPortfolios({ ...p, leverage: 5 });
    expect(hi.failuresByRound).toEqual([1, 3]);
    expect(hi.contagion).toBe(true);
    // Everyone sold: x_j/N_j = 1, price e^{−α}.
    expect(hi.minPrice).toBeCloseTo(Math.exp(-1.0536), 14);
    const lo = overlappingPortfolios({ ...p, leverage: 4 });
    expect(lo.failures).toBe(1);
    expect(lo.rounds).toBe(0);
    expect(lo.minPrice).toBeCloseTo(Math.exp(-1.0536 / 4), 14);
  });

  it('is deterministic by seed; failures only grow with leverage; no price impact, no contagion (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 150 }),
        fc.integer({ min: 5, max: 150 }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.double({ min: 1, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (N, M, mu, lev, more, seed) => {
          const p = { ...defaults, banks: N, assets: M, diversification: Math.min(mu, M), leverage: lev, seed };
          const a = overlappingPortfolios(p);
          expect(overlappingPortfolios(p)).toEqual(a);
          expect(a.rounds).toBeLessThanOrEqual(N - 1);
          expect(a.failures).toBe(a.failuresByRound.reduce((s, f) => s + f, 0));
          expect(overlappingPortfolios({ ...p, leverage: lev + more }).failures).toBeGreaterThanOrEqual(a.failures);
          expect(overlappingPortfolios({ ...p, priceImpact: 0 }).failures).toBe(1);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('leverage is the control: stable at λ = 5, contagion almost always at λ = 30 (μ_b = 5)', () => {
    // 60 trials each at the default N = M = 500. Observed 0/100 at λ = 5 and 100/100 at λ = 30 in exploration;
    // the thresholds below leave a margin of many binomial standard deviations.
    const at = (leverage: number) => overlappingPortfoliosSweepPoint({ ...defaults, leverage, trials: 60, seed: 4 });
    expect(at(5).probability).toBeLessThan(0.1);
    const high = at(30);
    expect(high.probability).toBeGreaterThan(0.8);
    expect(high.conditionalExtent!).toBeGreaterThan(0.9);
  });

  it('sweep generator streams and matches the per-point function', () => {
    const p = { ...defaults, banks: 100, assets: 100, trials: 20, leverages: [5, 20, 40], yieldEvery: 8 };
    const gen = overlappingPortfoliosSweep(p);
    let s = gen.next();
    let last = 0;
    while (!s.done) {
      expect(s.value.done).toBeGreaterThan(last);
      last = s.value.done;
      s = gen.next();
    }
    s.value.points.forEach((pt, k) => {
      expect(pt).toEqual(overlappingPortfoliosSweepPoint({ ...p, leverage: pt.leverage, seed: hashInts(p.seed, k), trials: 20 }));
    });
  });

  it('rejects bad input', () => {
    expect(() => overlappingPortfolios({ ...defaults, leverage: 0.5 })).toThrow(EngineInputError);
    expect(() => overlappingPortfolios({ ...defaults, diversification: 1e6 })).toThrow(EngineInputError);
    expect(() => overlappingPortfolios({ ...defaults, banks: 2.5 })).toThrow(EngineInputError);
  });
});
