import fc from 'fast-check';
import { defaultParams } from '../core/params';
import { EngineInputError } from '../core/errors';
import { demoBankingSystem, demoNetworkParams, networkContagion, systemLossCurve } from './demoSystem';
import { clearingVector } from './eisenbergNoe';
import { debtRank } from './debtRank';

const defaults = defaultParams(demoNetworkParams);

const paramsArb = fc.record({
  banks: fc.integer({ min: 5, max: 20 }),
  avgDegree: fc.double({ min: 0.5, max: 4, noNaN: true }),
  interbankShare: fc.double({ min: 0.05, max: 0.6, noNaN: true }),
  capitalBuffer: fc.double({ min: 0.02, max: 0.3, noNaN: true }),
  seed: fc.integer({ min: 0, max: 999 }),
});

describe('demoBankingSystem', () => {
  it('balances every sheet, gives every bank the capital ratio γ and θ of interbank assets unless it is a heavy borrower (property)', () => {
    fc.assert(
      fc.property(paramsArb, (p) => {
        const s = demoBankingSystem(p);
        for (let i = 0; i < s.n; i++) {
          const T = s.totalAssets[i]!;
          expect(s.externalAssets[i]! + s.interbankAssets[i]!).toBeCloseTo(T, 9);
          expect(s.interbankLiabilities[i]! + s.externalLiabilities[i]! + s.equity[i]!).toBeCloseTo(T, 9);
          expect(s.equity[i]! / T).toBeCloseTo(p.capitalBuffer, 12);
          expect(s.externalLiabilities[i]!).toBeGreaterThanOrEqual(0);
          expect(s.externalAssets[i]!).toBeGreaterThan(0);
          if (s.interbankAssets[i]! > 0) expect(s.interbankAssets[i]! / T).toBeLessThanOrEqual(p.interbankShare + 1e-12);
          if (s.interbankAssets[i]! > 0 && s.externalLiabilities[i]! > 1e-9) expect(s.interbankAssets[i]! / T).toBeCloseTo(p.interbankShare, 12);
          for (let j = 0; j < s.n; j++) expect(s.exposures[i]![j]).toBe(s.liabilities[j]![i]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic by seed and rejects a degree the network cannot have', () => {
    expect(demoBankingSystem(defaults)).toEqual(demoBankingSystem(defaults));
    expect(demoBankingSystem({ ...defaults, seed: 26 }).liabilities).not.toEqual(demoBankingSystem(defaults).liabilities);
    expect(() => demoBankingSystem({ ...defaults, banks: 5, avgDegree: 8 })).toThrow(EngineInputError);
  });
});

describe('networkContagion', () => {
  const sys = demoBankingSystem(defaults);

  it('does nothing without a shock', () => {
    const r = networkContagion(sys, { shockedBank: 0, shock: 0 });
    expect(r.initialLoss).toBe(0);
    expect(r.eisenbergNoe.rounds.length).toBe(1);
    expect(r.eisenbergNoe.rounds[0]!.systemLoss).toBeCloseTo(0, 12);
    expect(r.debtRank.result.equityLoss).toBe(0);
  });

  it('starts both models from the same loss h_b = min(1, s e_b / E_b) and agrees with the models run directly', () => {
    const s = 0.05;
    const b = 3;
    const r = networkContagion(sys, { shockedBank: b, shock: s, alpha: 0.7, beta: 0.9, externalSeniority: 'senior', rule: 'linear' });
    const h0 = Math.min(1, (s * sys.externalAssets[b]!) / sys.equity[b]!);
    expect(r.initialLoss).toBeCloseTo(h0, 14);
    expect(r.debtRank.rounds[0]!.loss[b]).toBeCloseTo(h0, 14);
    expect(r.eisenbergNoe.rounds[0]!.loss[b]).toBeCloseTo(h0, 9);
    const e = sys.externalAssets.slice();
    e[b] = e[b]! * (1 - s);
    const c = clearingVector({ liabilities: sys.liabilities, externalAssets: e, externalLiabilities: sys.externalLiabilities, recovery: { alpha: 0.7, beta: 0.9 }, externalSeniority: 'senior' });
    expect(r.eisenbergNoe.clearing.payments).toEqual(c.payments);
    const shock = new Array<number>(sys.n).fill(0);
    shock[b] = h0;
    expect(r.debtRank.result.distress).toEqual(debtRank({ exposures: sys.exposures, equity: sys.equity, shock, rule: 'linear' }).distress);
  });

  it('replays the default example: bank 1, then banks 5 and 7, then banks 8 and 11 default', () => {
    const r = networkContagion(sys, { shockedBank: 0, shock: 0.9 });
    const waves = r.eisenbergNoe.rounds.map((x) => x.defaulted.flatMap((d, i) => (d ? [i + 1] : [])));
    expect(waves).toEqual([[], [1], [1, 5, 7], [1, 5, 7, 8, 11]]);
    // DebtRank passes on every loss: far more of the system is wiped out.
    expect(r.debtRank.result.equityLoss).toBeGreaterThan(r.eisenbergNoe.rounds.at(-1)!.systemLoss);
    expect(r.lambdaMax).toBeGreaterThan(1);
  });

  it('loses more under Eisenberg–Noe as the shock grows, and more with default costs', () => {
    const curve = systemLossCurve(sys, { shockedBank: 0, shocks: [0, 0.1, 0.2, 0.4, 0.6, 0.8, 1] });
    for (let k = 1; k < curve.length; k++) {
      expect(curve[k]!.eisenbergNoe).toBeGreaterThanOrEqual(curve[k - 1]!.eisenbergNoe - 1e-12);
      expect(curve[k]!.direct).toBeGreaterThanOrEqual(curve[k - 1]!.direct - 1e-12);
    }
    for (const c of curve) {
      expect(c.eisenbergNoe).toBeGreaterThanOrEqual(c.direct - 1e-12);
      expect(c.debtRankLinear).toBeGreaterThanOrEqual(c.direct - 1e-12);
    }
    const full = networkContagion(sys, { shockedBank: 0, shock: 1 }).eisenbergNoe.rounds.at(-1)!.systemLoss;
    const costly = networkContagion(sys, { shockedBank: 0, shock: 1, alpha: 0.5, beta: 0.5 }).eisenbergNoe.rounds.at(-1)!.systemLoss;
    expect(costly).toBeGreaterThan(full);
  });

  it('gives the same losses in the curve as in the round-by-round replay', () => {
    const shocks = [0.05, 0.3, 0.9];
    const curve = systemLossCurve(sys, { shockedBank: 2, shocks, alpha: 0.8, beta: 0.6 });
    shocks.forEach((shock, k) => {
      const r = networkContagion(sys, { shockedBank: 2, shock, alpha: 0.8, beta: 0.6 });
      expect(curve[k]!.eisenbergNoe).toBeCloseTo(r.eisenbergNoe.rounds.at(-1)!.systemLoss, 12);
      expect(curve[k]!.debtRankOnce).toBeCloseTo(r.debtRank.result.equityLoss, 12);
      expect(curve[k]!.direct).toBeCloseTo(r.directSystemLoss, 12);
    });
  });

  it('rejects a bank that is not in the system', () => {
    expect(() => networkContagion(sys, { shockedBank: 12, shock: 0.5 })).toThrow(EngineInputError);
  });
});
