import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { linspace } from '../core/numeric';
import { defaultParams } from '../core/params';
import { dealerGammaExposure, dealerGammaSpec, exampleChain, gammaProfile } from './dealerGamma';
import { gammaFlip } from './gammaFlip';
import {
  CALENDAR_DAYS,
  chainFromRows,
  chainLineSpec,
  checkChainRow,
  dealerConventionSpec,
  dealerSignFor,
  exampleChainRows,
  longSideFor,
  twoStrikeFlip,
  type ChainRow,
} from './chainInput';

const row = (patch: Partial<ChainRow> = {}): ChainRow => ({ strike: 100, expiryDays: 30, kind: 'call', openInterest: 1000, long: 'customers', ...patch });

describe('chain rows typed by a reader', () => {
  it('a valid row has no issues; the spec defaults form a valid row', () => {
    expect(checkChainRow(row())).toEqual([]);
    const d = defaultParams(chainLineSpec);
    expect(checkChainRow(row(d))).toEqual([]);
    expect(defaultParams(dealerConventionSpec).convention).toBe('naive');
  });

  it('negative open interest and a zero expiry get their own explanations', () => {
    const neg = checkChainRow(row({ openInterest: -5 }), 2);
    expect(neg).toHaveLength(1);
    expect(neg[0]!.field).toBe('openInterest');
    expect(neg[0]!.message).toMatch(/^Line 3: open interest cannot be negative/);
    const zero = checkChainRow(row({ expiryDays: 0 }));
    expect(zero[0]!.field).toBe('expiryDays');
    expect(zero[0]!.message).toMatch(/at least 1 day.*no gamma/);
  });

  it('empty fields, out-of-range values and bad choices are reported, never thrown', () => {
    const bad = checkChainRow({ strike: Number.NaN, expiryDays: 2000, kind: 'swap' as never, openInterest: Number.NaN, long: 'nobody' as never });
    expect(bad.map((i) => i.field).sort()).toEqual(['expiryDays', 'kind', 'long', 'openInterest', 'strike']);
    expect(checkChainRow(row({ strike: 0 }))[0]!.message).toMatch(/Strike must be between/);
  });

  it('chainFromRows leaves out rows with problems and keeps the order of the rest', () => {
    const rows = [row({ strike: 90, kind: 'put' }), row({ openInterest: -1 }), row({ strike: 110 })];
    const { chain, issues, used } = chainFromRows(rows, 'naive');
    expect(used).toEqual([0, 2]);
    expect(issues).toHaveLength(1);
    expect(chain.map((l) => l.strike)).toEqual([90, 110]);
    expect(chain[0]!.time).toBeCloseTo(30 / CALENDAR_DAYS, 15);
  });

  it('conventions: naive = calls long / puts short; dealers-short = all short; per-line follows the row', () => {
    expect(dealerSignFor('call', 'customers', 'naive')).toBe(1);
    expect(dealerSignFor('put', 'dealers', 'naive')).toBe(-1);
    expect(dealerSignFor('call', 'dealers', 'dealers-short')).toBe(-1);
    expect(dealerSignFor('call', 'dealers', 'per-line')).toBe(1);
    expect(dealerSignFor('put', 'customers', 'per-line')).toBe(-1);
    expect(longSideFor('call', 'customers', 'naive')).toBe('dealers');
    expect(longSideFor('put', 'dealers', 'dealers-short')).toBe('customers');
  });

  it('the example rows reproduce the engine example chain under every equivalent convention', () => {
    const m = { spot: 100, vol: 0.2, rate: 0.02 };
    const target = dealerGammaExposure(exampleChain, m);
    for (const c of ['naive', 'per-line'] as const) {
      const { chain, issues } = chainFromRows(exampleChainRows(), c);
      expect(issues).toEqual([]);
      expect(dealerGammaExposure(chain, m)).toBeCloseTo(target, 6);
    }
    // All dealers short: every line counts negative, so GEX is minus the sum of absolute line exposures.
    const { chain } = chainFromRows(exampleChainRows(), 'dealers-short');
    const abs = exampleChain.reduce((s, l) => s + Math.abs(dealerGammaExposure([l], m)), 0);
    expect(dealerGammaExposure(chain, m)).toBeCloseTo(-abs, 6);
  });
});

describe('twoStrikeFlip: closed-form flip of a short-put / long-call chain', () => {
  it('equal open interest: S* = √(K_p K_c)·e^{−(r + σ²/2)T}', () => {
    const s = twoStrikeFlip({ putStrike: 90, callStrike: 110, putOpenInterest: 1, callOpenInterest: 1, time: 0.25, vol: 0.2, rate: 0.02 });
    expect(s).toBeCloseTo(Math.sqrt(90 * 110) * Math.exp(-(0.02 + 0.02) * 0.25), 12);
  });

  it('agrees with the zero of the engine’s sampled GEX profile', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 70, max: 98 }),
        fc.integer({ min: 102, max: 130 }),
        fc.double({ min: 0.3, max: 3, noNaN: true }),
        fc.double({ min: 0.02, max: 0.5, noNaN: true }),
        fc.double({ min: 0.1, max: 0.5, noNaN: true }),
        (Kp, Kc, ratio, T, vol) => {
          const rate = dealerGammaSpec.rate.default;
          const chain = [
            { strike: Kp, time: T, kind: 'put' as const, openInterest: 10000 * ratio },
            { strike: Kc, time: T, kind: 'call' as const, openInterest: 10000 },
          ];
          const closed = twoStrikeFlip({ putStrike: Kp, callStrike: Kc, putOpenInterest: 10000 * ratio, callOpenInterest: 10000, time: T, vol, rate });
          if (!(closed > Kp * 0.8 && closed < Kc * 1.2)) return; // outside the sampled window
          const prof = gammaProfile(chain, { spots: linspace(Kp * 0.8, Kc * 1.2, 4001), vol, rate });
          const flip = gammaFlip(prof, closed);
          expect(flip).not.toBeNull();
          expect(Math.abs(flip! - closed) / closed).toBeLessThan(1e-4);
          // Below the flip the short puts dominate.
          expect(dealerGammaExposure(chain, { spot: closed * 0.98, vol, rate })).toBeLessThan(0);
          expect(dealerGammaExposure(chain, { spot: closed * 1.02, vol, rate })).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects impossible chains', () => {
    const ok = { putStrike: 90, callStrike: 110, putOpenInterest: 1, callOpenInterest: 1, time: 0.25, vol: 0.2 };
    for (const patch of [{ callStrike: 80 }, { putOpenInterest: 0 }, { time: 0 }, { vol: Number.NaN }]) {
      expect(() => twoStrikeFlip({ ...ok, ...patch })).toThrow(EngineInputError);
    }
  });
});
