import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { defaultParams } from '../core/params';
import { gaiKapadia, gaiKapadiaCascade, gaiKapadiaParams, netWorthDefault } from './gaiKapadia';
import { cascadeCondition, gaiKapadiaAnalyticWindow, maxVulnerableDegree } from './gaiKapadiaAnalytic';
import { gaiKapadiaSweep, gaiKapadiaSweepPoint, mergeSweepPoints, sweepPointSeed } from './gaiKapadiaSweep';
import { runContagionSweep } from './monteCarlo';
import { erdosRenyi } from './generators';
import { networkFromEdges } from './network';

const base = { banks: 1000, interbankShare: 0.2, capitalBuffer: 0.04 };

describe('netWorthDefault: the binding tie rule', () => {
  it('a loss exactly equal to capital is a default under ≤ 0 and not under < 0, despite rounding', () => {
    // 0.2/5 is 0.04 up to rounding: with θ = 20 %, γ = 4 %, a bank with 5 debtors is exactly at the edge.
    expect(netWorthDefault(0.04, 0.2 / 5)).toBe(true);
    expect(netWorthDefault(0.04, 0.2 / 5, 'net-worth-negative')).toBe(false);
    expect(netWorthDefault(0.04, 0.04 * (1 + 1e-12))).toBe(true);
    expect(netWorthDefault(0.04, 0.04 * (1 + 1e-12), 'net-worth-negative')).toBe(false);
    expect(netWorthDefault(0.04, 0.04 * (1 + 1e-6), 'net-worth-negative')).toBe(true);
    expect(netWorthDefault(0.04, 0.04 * (1 - 1e-6))).toBe(false);
  });
});

describe('gaiKapadiaCascade on a hand-built network', () => {
  // Edges i → j mean "i owes j". Bank 1 has one debtor (0); bank 2 has one debtor (1);
  // bank 3 has five debtors (1, 4, 5, 6, 7), so each costs it 0.2/5 = 0.04 = its capital.
  const net = networkFromEdges(8, [0, 1, 1, 4, 5, 6, 7], [1, 2, 3, 3, 3, 3, 3]);
  const sheets = { interbankShare: 0.2, capitalBuffer: 0.04 };
  it('propagates round by round with zero recovery (hand trace)', () => {
    // Round 0: bank 0 fails. Round 1: bank 1 loses 0.2 > 0.04 and fails.
    // Round 2: bank 2 loses 0.2 and fails; bank 3 loses 0.04 = capital: fails only under "net worth ≤ 0".
    const le = gaiKapadiaCascade(net, sheets, 0);
    expect(le.defaultsByRound).toEqual([1, 1, 2]);
    expect(Array.from(le.failedInRound)).toEqual([0, 1, 2, 2, -1, -1, -1, -1]);
    const lt = gaiKapadiaCascade(net, { ...sheets, defaultRule: 'net-worth-negative' }, 0);
    expect(lt.defaultsByRound).toEqual([1, 1, 1]);
    expect(lt.failed[3]).toBe(0);
  });
  it('fire sales: failed banks dump illiquid assets and the price falls as liquidity^(share dumped)', () => {
    // assetLiquidity 0.88. Banks 0, 4–7 have no debtors (A^M = 1); banks 1–3 have A^M = 0.8; total 7.4.
    // A survivor with A^M = 1 fails once 1 − q ≥ 0.04, i.e. q ≤ 0.96.
    // Round 1: dumped 1 (bank 0): q = 0.88^(1/7.4) ≈ 0.983; bank 1 fails on its interbank loss.
    // Round 2: dumped 1.8: q = 0.88^(1.8/7.4) ≈ 0.969 > 0.96, banks 4–7 survive; banks 2 and 3 fail
    //   (bank 3: 0.04 + 0.8·0.031 > 0.04, so it fails under either tie rule).
    // Round 3: dumped 3.4: q = 0.88^(3.4/7.4) ≈ 0.943 ≤ 0.96: banks 4–7 fail. Everything dumped: q = 0.88.
    const r = gaiKapadiaCascade(net, { ...sheets, assetLiquidity: 0.88 }, 0);
    expect(r.defaultsByRound).toEqual([1, 1, 2, 4]);
    expect(r.assetPrice).toBeCloseTo(0.88, 14);
    expect(gaiKapadiaCascade(net, { ...sheets, assetLiquidity: 0.88, defaultRule: 'net-worth-negative' }, 0).defaultsByRound).toEqual([1, 1, 2, 4]);
  });
});

describe('gaiKapadia trials', () => {
  it('is deterministic by seed and reports consistent counts', () => {
    const a = gaiKapadia({ ...base, avgDegree: 4, seed: 42 });
    const b = gaiKapadia({ ...base, avgDegree: 4, seed: 42 });
    expect(a).toEqual(b);
    expect(a.defaults).toBe(a.defaultsByRound.reduce((s, d) => s + d, 0));
    expect(a.fraction).toBe(a.defaults / 1000);
    expect(a.contagion).toBe(a.defaults >= 50);
    expect(a.rounds).toBe(a.defaultsByRound.length - 1);
  });

  it('defaults match the model spec and give a valid trial', () => {
    const r = gaiKapadia(defaultParams(gaiKapadiaParams));
    expect(r.defaults).toBeGreaterThanOrEqual(1);
  });

  it('terminates within n − 1 rounds and failures only grow as asset liquidity falls (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 120 }),
        fc.double({ min: 0, max: 8, noNaN: true }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (n, z, q, seed) => {
          const p = { banks: n, avgDegree: Math.min(z, n - 1), interbankShare: 0.2, capitalBuffer: 0.04, seed };
          const liquid = gaiKapadia(p);
          const illiquid = gaiKapadia({ ...p, assetLiquidity: q });
          expect(liquid.rounds).toBeLessThanOrEqual(n - 1);
          expect(illiquid.rounds).toBeLessThanOrEqual(n - 1);
          expect(liquid.fraction).toBeGreaterThan(0);
          expect(liquid.fraction).toBeLessThanOrEqual(1);
          // Same network and first failure; a lower price can only add failures.
          expect(illiquid.defaults).toBeGreaterThanOrEqual(liquid.defaults);
          // The strict rule can only remove failures.
          expect(gaiKapadia({ ...p, defaultRule: 'net-worth-negative' }).defaults).toBeLessThanOrEqual(liquid.defaults);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('no contagion when z is far below 1 (z = 0.2, 200 trials)', () => {
    const r = gaiKapadiaSweepPoint({ ...base, avgDegree: 0.2, trials: 200, seed: 1 });
    expect(r.contagions).toBe(0);
    expect(r.conditionalExtent).toBeNull();
  });

  it('robust yet fragile: at z = 6, inside the window, contagion is not certain but wipes out almost everyone', () => {
    // 200 trials. Observed probability ≈ 0.65 (binomial sd ≈ 0.034), so (0.3, 0.95) cannot be met by chance
    // if the true value were outside it. Conditional extent > 0.95: GK's "extremely widespread" effects.
    const r = gaiKapadiaSweepPoint({ ...base, avgDegree: 6, trials: 200, seed: 2 });
    expect(r.probability).toBeGreaterThan(0.3);
    expect(r.probability).toBeLessThan(0.95);
    expect(r.conditionalExtent!).toBeGreaterThan(0.95);
    // At low connectivity (z = 1.5) cascades, when they occur, are much smaller.
    const low = gaiKapadiaSweepPoint({ ...base, avgDegree: 1.5, trials: 200, seed: 2 });
    expect(low.conditionalExtent!).toBeLessThan(r.conditionalExtent! - 0.2);
  });
});

describe('analytic window (generating functions)', () => {
  it('G1′(1) = z·Pr[Poisson(z) ≤ J* − 1]: hand value and vulnerable degrees for both tie rules', () => {
    // z = 2, J* = 5: 2·e^{-2}(1 + 2 + 2 + 4/3 + 2/3) = 14 e^{-2}.
    expect(cascadeCondition(2, 5)).toBeCloseTo(14 * Math.exp(-2), 14);
    expect(cascadeCondition(3, Infinity)).toBe(3);
    expect(cascadeCondition(3, 0)).toBe(0);
    // θ/j ≥ γ ⇔ j ≤ 5 with the ≤ 0 rule (j = 5 is the tie); j ≤ 4 with the strict rule.
    expect(maxVulnerableDegree({ interbankShare: 0.2, capitalBuffer: 0.04 })).toBe(5);
    expect(maxVulnerableDegree({ interbankShare: 0.2, capitalBuffer: 0.04, defaultRule: 'net-worth-negative' })).toBe(4);
    // A resale price of 0.9 costs 0.1·0.8 = 0.08 > 0.04: every bank fails with no interbank loss.
    expect(maxVulnerableDegree({ interbankShare: 0.2, capitalBuffer: 0.04, resalePrice: 0.9 })).toBe(Infinity);
  });

  it('window edges solve G1′(1) = 1, and the strict tie rule narrows the window', () => {
    const w = gaiKapadiaAnalyticWindow({ interbankShare: 0.2, capitalBuffer: 0.04 });
    expect(w.lower).not.toBeNull();
    expect(w.upper).not.toBeNull();
    expect(cascadeCondition(w.lower!, 5)).toBeCloseTo(1, 9);
    expect(cascadeCondition(w.upper!, 5)).toBeCloseTo(1, 9);
    expect(w.lower!).toBeGreaterThan(1);
    expect(w.lower!).toBeLessThan(1.1);
    expect(w.upper!).toBeGreaterThan(7);
    expect(w.upper!).toBeLessThan(8);
    const strict = gaiKapadiaAnalyticWindow({ interbankShare: 0.2, capitalBuffer: 0.04, defaultRule: 'net-worth-negative' });
    expect(strict.upper!).toBeLessThan(w.upper! - 1);
    // The grid agrees with the bounds.
    for (const g of w.grid) expect(g.cascade).toBe(g.z > w.lower! && g.z < w.upper!);
    // Too few vulnerable degrees (J* = 2: max of z e^{-z}(1 + z) ≈ 0.84 < 1): no window.
    const none = gaiKapadiaAnalyticWindow({ interbankShare: 0.2, capitalBuffer: 0.09 });
    expect(none.maxVulnerableDegree).toBe(2);
    expect(none.lower).toBeNull();
    expect(none.upper).toBeNull();
    // Every bank vulnerable (resale price 0.9): G1′(1) = z, so the window is z > 1 with no upper edge.
    const all = gaiKapadiaAnalyticWindow({ interbankShare: 0.2, capitalBuffer: 0.04, resalePrice: 0.9 });
    expect(all.maxVulnerableDegree).toBeNull();
    expect(all.lower).toBe(1);
    expect(all.upper).toBeNull();
  });

  it('Monte Carlo contagion is clearly more frequent inside the analytic window than outside it', () => {
    const w = gaiKapadiaAnalyticWindow({ interbankShare: 0.2, capitalBuffer: 0.04 });
    const at = (z: number) => gaiKapadiaSweepPoint({ ...base, avgDegree: z, trials: 150, seed: sweepPointSeed(9, Math.round(z * 10)) }).probability;
    const inside = [3, 4].map(at);
    const outside = [0.5, 11].map(at);
    expect(3 > w.lower! && 4 < w.upper!).toBe(true);
    expect(0.5 < w.lower! && 11 > w.upper!).toBe(true);
    // Inside ≈ 0.85–0.9, outside ≈ 0 (binomial sd ≤ 0.04 with 150 trials): a 0.5 gap is > 10 sd.
    expect(Math.min(...inside)).toBeGreaterThan(Math.max(...outside) + 0.5);
  });
});

describe('gaiKapadiaSweep generator', () => {
  const model = { banks: 100, interbankShare: 0.2, capitalBuffer: 0.04 };
  it('streams progress and equals the per-point function, whatever the chunking', () => {
    const gen = gaiKapadiaSweep({ ...model, seed: 3, trials: 30, degrees: [1, 3, 6], yieldEvery: 7 });
    const dones: number[] = [];
    let s = gen.next();
    while (!s.done) {
      dones.push(s.value.done);
      expect(s.value.total).toBe(90);
      expect(s.value.partial.length).toBeGreaterThan(0);
      s = gen.next();
    }
    const result = s.value;
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(dones.length).toBe(3 * Math.ceil(30 / 7) - 1);
    expect(result.points.map((p) => p.avgDegree)).toEqual([1, 3, 6]);
    result.points.forEach((pt, k) => {
      const whole = gaiKapadiaSweepPoint({ ...model, avgDegree: pt.avgDegree, trials: 30, seed: sweepPointSeed(3, k) });
      expect(pt.contagions).toBe(whole.contagions);
      expect(pt).toEqual(whole);
      const a = gaiKapadiaSweepPoint({ ...model, avgDegree: pt.avgDegree, trials: 13, seed: sweepPointSeed(3, k) });
      const b = gaiKapadiaSweepPoint({ ...model, avgDegree: pt.avgDegree, trials: 17, firstTrial: 13, seed: sweepPointSeed(3, k) });
      expect(mergeSweepPoints(a, b)).toEqual(whole);
    });
    expect(runContagionSweep(gaiKapadiaSweep({ ...model, seed: 3, trials: 30, degrees: [1, 3, 6] }))).toEqual(result);
  });

  it('rejects bad input before doing any work', () => {
    expect(() => gaiKapadiaSweep({ ...model, seed: 1, trials: 10, degrees: [1, 200] }).next()).toThrow(EngineInputError);
    expect(() => gaiKapadia({ ...base, avgDegree: Number.NaN, seed: 1 })).toThrow(EngineInputError);
    expect(() => gaiKapadia({ ...base, avgDegree: 2, seed: 1.5 })).toThrow(EngineInputError);
    expect(() => gaiKapadia({ ...base, avgDegree: 2, seed: 1, capitalBuffer: 0 })).toThrow(EngineInputError);
    expect(() => gaiKapadia({ ...base, avgDegree: 2, seed: 1, assetLiquidity: 0 })).toThrow(EngineInputError);
  });
});

it('the default network is the Erdős–Rényi network of the same seed', () => {
  const r = gaiKapadia({ ...base, avgDegree: 3, seed: 77 });
  const net = erdosRenyi({ banks: 1000, avgDegree: 3, seed: 77 });
  const c = gaiKapadiaCascade(net, base, r.firstFailure);
  expect(c.defaultsByRound).toEqual(r.defaultsByRound);
});
