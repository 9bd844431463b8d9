import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { bisect, linspace } from '../core/numeric';
import { defaultParams, validateParams } from '../core/params';
import { bsGreeks } from './blackScholes';
import { dealerGammaExposure, dealerGammaSpec, exampleChain, gammaProfile, gammaWalls, gexByStrike, type ChainLine } from './dealerGamma';
import { gammaFlip, gammaFlips } from './gammaFlip';

const arbLine: fc.Arbitrary<ChainLine> = fc.record(
  {
    strike: fc.double({ min: 50, max: 150, noNaN: true }),
    time: fc.double({ min: 0.01, max: 2, noNaN: true }),
    kind: fc.constantFrom<'call' | 'put'>('call', 'put'),
    openInterest: fc.double({ min: 0, max: 1e5, noNaN: true }),
    dealerSign: fc.constantFrom<1 | -1>(1, -1),
  },
  { requiredKeys: ['strike', 'time', 'kind', 'openInterest'] },
);

/** GEX recomputed line by line from bsGreeks: Σ sign·Γ·OI·cs·S²·0.01. */
function gexFromGreeks(chain: ChainLine[], spot: number, vol: number, rate: number, cs = 100): number {
  let s = 0;
  for (const l of chain) {
    const sign = l.dealerSign ?? (l.kind === 'call' ? 1 : -1);
    const g = bsGreeks({ spot, strike: l.strike, vol, time: l.time, rate, kind: l.kind }).gamma;
    s += sign * g * l.openInterest * cs * spot * spot * 0.01;
  }
  return s;
}

describe('dealerGammaExposure', () => {
  it('golden value: 1000 calls at S = K = 100, T = 1, r = 5 %, σ = 20 % → 187,620.17 $ per 1 % (models.md)', () => {
    // Γ = 0.01876201…; 0.018762017 × 1000 × 100 × 100² × 0.01 = 187,620.17.
    const gex = dealerGammaExposure([{ strike: 100, time: 1, kind: 'call', openInterest: 1000 }], { spot: 100, vol: 0.2, rate: 0.05 });
    expect(Math.abs(gex - 187620.17)).toBeLessThan(0.005);
  });

  it('equals the sum of Black–Scholes gammas line by line', () => {
    fc.assert(
      fc.property(fc.array(arbLine, { maxLength: 12 }), fc.double({ min: 60, max: 140, noNaN: true }), (chain, spot) => {
        const a = dealerGammaExposure(chain, { spot, vol: 0.25, rate: 0.03 });
        const b = gexFromGreeks(chain, spot, 0.25, 0.03);
        const scale = chain.reduce((s, l) => s + Math.abs(gexFromGreeks([l], spot, 0.25, 0.03)), 0);
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * scale + 1e-9);
      }),
    );
  });

  it('naive convention: calls count +, puts −, an explicit dealerSign overrides', () => {
    const m = { spot: 100, vol: 0.2 };
    const call: ChainLine = { strike: 100, time: 0.5, kind: 'call', openInterest: 500 };
    const put: ChainLine = { ...call, kind: 'put' };
    const g = dealerGammaExposure([call], m);
    expect(g).toBeGreaterThan(0);
    // With r = q = 0 a call and a put at the same strike have the same gamma.
    expect(dealerGammaExposure([put], m)).toBeCloseTo(-g, 9);
    expect(dealerGammaExposure([call, put], m)).toBeCloseTo(0, 6);
    expect(dealerGammaExposure([{ ...put, dealerSign: 1 }], m)).toBeCloseTo(g, 9);
    expect(dealerGammaExposure([{ ...call, dealerSign: -1 }], m)).toBeCloseTo(-g, 9);
  });

  it('flipping every dealerSign flips the sign; it is linear in open interest and contract size', () => {
    fc.assert(
      fc.property(fc.array(arbLine, { minLength: 1, maxLength: 8 }), fc.double({ min: 0.1, max: 10, noNaN: true }), (chain, c) => {
        const m = { spot: 100, vol: 0.3, rate: 0.01 };
        const base = dealerGammaExposure(chain, m);
        const tol = 1e-12 * chain.reduce((s, l) => s + Math.abs(dealerGammaExposure([l], m)), 0) * Math.max(1, c) + 1e-9;
        const flipped = chain.map((l) => ({ ...l, dealerSign: (l.dealerSign ?? (l.kind === 'call' ? 1 : -1)) === 1 ? -1 : 1 }) as ChainLine);
        expect(Math.abs(dealerGammaExposure(flipped, m) + base)).toBeLessThanOrEqual(tol);
        const scaled = chain.map((l) => ({ ...l, openInterest: l.openInterest * c }));
        expect(Math.abs(dealerGammaExposure(scaled, m) - c * base)).toBeLessThanOrEqual(tol);
        expect(Math.abs(dealerGammaExposure(chain, { ...m, contractSize: 100 * c }) - c * base)).toBeLessThanOrEqual(tol);
      }),
    );
  });

  it('scales with S²: GEX/(S²) is Σ sign·Γ·OI·cs·0.01, and at fixed moneyness GEX ∝ S (Γ ∝ 1/S)', () => {
    const chain: ChainLine[] = [
      { strike: 95, time: 0.25, kind: 'put', openInterest: 3000 },
      { strike: 105, time: 0.25, kind: 'call', openInterest: 2000 },
    ];
    const g1 = dealerGammaExposure(chain, { spot: 100, vol: 0.2 });
    const scaledChain = chain.map((l) => ({ ...l, strike: l.strike * 3 }));
    const g3 = dealerGammaExposure(scaledChain, { spot: 300, vol: 0.2 });
    expect(g3 / g1).toBeCloseTo(3, 10);
    const gammaSum = -bsGreeks({ spot: 100, strike: 95, vol: 0.2, time: 0.25, kind: 'put' }).gamma * 3000 + bsGreeks({ spot: 100, strike: 105, vol: 0.2, time: 0.25, kind: 'call' }).gamma * 2000;
    expect(g1 / (100 * 100)).toBeCloseTo(gammaSum * 100 * 0.01, 10);
  });

  it('empty chain → 0; expired lines carry no gamma', () => {
    expect(dealerGammaExposure([], { spot: 100, vol: 0.2 })).toBe(0);
    expect(dealerGammaExposure([{ strike: 100, time: 0, kind: 'call', openInterest: 1e6 }], { spot: 100, vol: 0.2 })).toBe(0);
  });

  it('rejects absurd inputs with EngineInputError', () => {
    const ok: ChainLine = { strike: 100, time: 0.5, kind: 'call', openInterest: 10 };
    const m = { spot: 100, vol: 0.2 };
    const cases: [ChainLine[], typeof m & { contractSize?: number }][] = [
      [[{ ...ok, openInterest: -1 }], m],
      [[{ ...ok, openInterest: Number.NaN }], m],
      [[{ ...ok, openInterest: Number.POSITIVE_INFINITY }], m],
      [[{ ...ok, strike: 0 }], m],
      [[{ ...ok, time: -0.1 }], m],
      [[{ ...ok, kind: 'future' as 'call' }], m],
      [[{ ...ok, dealerSign: 2 as 1 }], m],
      [[ok], { ...m, vol: 0 }],
      [[ok], { ...m, spot: -5 }],
      [[ok], { ...m, contractSize: 0 }],
    ];
    for (const [chain, mm] of cases) expect(() => dealerGammaExposure(chain, mm)).toThrow(EngineInputError);
    expect(() => gammaProfile([ok], { vol: 0.2, spots: [100, 0] })).toThrow(EngineInputError);
  });
});

describe('gammaProfile', () => {
  it('equals dealerGammaExposure at every spot, and is all zeros for an empty chain', () => {
    const spots = linspace(80, 120, 41);
    const m = { vol: 0.2, rate: 0.02 };
    const prof = gammaProfile(exampleChain, { ...m, spots });
    expect(prof).toHaveLength(41);
    for (const p of prof) expect(p.gex).toBe(dealerGammaExposure(exampleChain, { ...m, spot: p.spot }));
    expect(gammaProfile([], { ...m, spots }).every((p) => p.gex === 0)).toBe(true);
  });
});

describe('gammaFlip', () => {
  it('finds a known crossing exactly when GEX is linear in spot', () => {
    // gex = s − 97.3 sampled on a grid: linear interpolation is exact.
    const prof = linspace(90, 110, 21).map((s) => ({ spot: s, gex: s - 97.3 }));
    expect(gammaFlip(prof)).toBeCloseTo(97.3, 12);
    expect(gammaFlip([{ spot: 90, gex: -2 }, { spot: 100, gex: 2 }])).toBe(95);
  });

  it('with several crossings returns the one nearest the current spot and exposes all', () => {
    // gex = (s − 90)(s − 110) on an integer grid: zeros exactly at 90 and 110.
    const prof = linspace(80, 120, 41).map((s) => ({ spot: s, gex: (s - 90) * (s - 110) }));
    expect(gammaFlips(prof)).toEqual([90, 110]);
    expect(gammaFlip(prof, 108)).toBe(110);
    expect(gammaFlip(prof, 92)).toBe(90);
    expect(gammaFlip(prof, 100)).toBe(90); // tie: the lower one
  });

  it('handles runs of zeros, touches, unsorted input, empty and all-zero profiles', () => {
    expect(gammaFlips([{ spot: 1, gex: -1 }, { spot: 2, gex: 0 }, { spot: 3, gex: 0 }, { spot: 4, gex: 1 }])).toEqual([2.5]);
    expect(gammaFlips([{ spot: 1, gex: 1 }, { spot: 2, gex: 0 }, { spot: 3, gex: 1 }])).toEqual([]);
    expect(gammaFlip([{ spot: 100, gex: 2 }, { spot: 90, gex: -2 }])).toBe(95);
    expect(gammaFlip([])).toBeNull();
    expect(gammaFlip(gammaProfile([], { vol: 0.2, spots: linspace(80, 120, 5) }))).toBeNull();
    expect(() => gammaFlips([{ spot: 1, gex: Number.NaN }])).toThrow(EngineInputError);
  });

  it('on a chain profile, matches the root of GEX(S) found by bisection to grid-step² accuracy', () => {
    const m = { vol: 0.2, rate: 0.02 };
    const prof = gammaProfile(exampleChain, { ...m, spots: linspace(70, 130, 241) }); // step 0.25
    const flip = gammaFlip(prof, 100);
    const root = bisect((s) => dealerGammaExposure(exampleChain, { ...m, spot: s }), 95, 100, 1e-10);
    expect(flip).not.toBeNull();
    expect(root).not.toBeNull();
    // Linear interpolation error ≤ h²·|GEX''|/(8|GEX'|) — a few thousandths for h = 0.25 here.
    expect(Math.abs(flip! - root!)).toBeLessThan(0.01);
  });
});

describe('gexByStrike and gammaWalls', () => {
  it('bars add up to the total, sorted by strike, with expiries merged', () => {
    const chain: ChainLine[] = [
      ...exampleChain,
      { strike: 110, time: 60 / 365, kind: 'call', openInterest: 5000 },
    ];
    const m = { spot: 101, vol: 0.22, rate: 0.02 };
    const rows = gexByStrike(chain, m);
    expect(rows.map((r) => r.strike)).toEqual([85, 90, 95, 100, 105, 110, 115]);
    const total = rows.reduce((s, r) => s + r.net, 0);
    expect(total).toBeCloseTo(dealerGammaExposure(chain, m), 4);
    for (const r of rows) expect(r.net).toBeCloseTo(r.call + r.put, 8);
    expect(rows.every((r) => r.call >= 0 && r.put <= 0)).toBe(true); // naive convention
  });

  it('walls are the strikes with the largest call / put exposure', () => {
    // OI ratios of 100× dominate any gamma difference between 5 and 10 points out of the money.
    const chain: ChainLine[] = [
      { strike: 105, time: 0.1, kind: 'call', openInterest: 100 },
      { strike: 110, time: 0.1, kind: 'call', openInterest: 10000 },
      { strike: 90, time: 0.1, kind: 'put', openInterest: 5000 },
      { strike: 95, time: 0.1, kind: 'put', openInterest: 50 },
    ];
    expect(gammaWalls(chain, { spot: 100, vol: 0.2 })).toEqual({ callWall: 110, putWall: 90 });
    expect(gammaWalls([], { spot: 100, vol: 0.2 })).toEqual({ callWall: null, putWall: null });
    expect(gammaWalls(chain.slice(0, 2), { spot: 100, vol: 0.2 }).putWall).toBeNull();
  });
});

describe('exampleChain with the spec defaults', () => {
  it('has positive GEX at 100, a flip near 98.6, call wall 110 and put wall 95 (as documented)', () => {
    const d = defaultParams(dealerGammaSpec);
    expect(validateParams(dealerGammaSpec, d).ok).toBe(true);
    const m = { vol: d.vol, rate: d.rate, contractSize: d.contractSize };
    expect(exampleChain.length).toBeGreaterThanOrEqual(8);
    expect(exampleChain.length).toBeLessThanOrEqual(12);
    const gex = dealerGammaExposure(exampleChain, { ...m, spot: d.spot });
    expect(gex / 1e6).toBeCloseTo(6.5, 1);
    const flip = gammaFlip(gammaProfile(exampleChain, { ...m, spots: linspace(70, 130, 601) }), d.spot);
    expect(flip!).toBeGreaterThan(98.4);
    expect(flip!).toBeLessThan(98.8);
    expect(gammaWalls(exampleChain, { ...m, spot: d.spot })).toEqual({ callWall: 110, putWall: 95 });
  });
});
