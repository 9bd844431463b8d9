import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { validateParams, defaultParams } from '../core/params';
import { blackScholesSpec, optionPayoff, bsCharm, bsGreeks, bsGreeksExtended, bsPrice, bsVanna, type OptionSpec } from './blackScholes';
import { INV_SQRT_2PI } from './normal';

const golden: OptionSpec = { spot: 100, strike: 100, vol: 0.2, time: 1, rate: 0.05, dividendYield: 0, kind: 'call' };

/** An arbitrary option with T > 0 and σ > 0, in ranges where finite differences are well conditioned. */
const arbOption = fc.record({
  spot: fc.double({ min: 20, max: 300, noNaN: true }),
  strike: fc.double({ min: 20, max: 300, noNaN: true }),
  vol: fc.double({ min: 0.05, max: 1.2, noNaN: true }),
  time: fc.double({ min: 0.05, max: 5, noNaN: true }),
  rate: fc.double({ min: -0.02, max: 0.15, noNaN: true }),
  dividendYield: fc.double({ min: 0, max: 0.1, noNaN: true }),
  kind: fc.constantFrom<'call' | 'put'>('call', 'put'),
});

describe('bsPrice / bsGreeks: golden values (models.md, QuantLib 1.29 and two npm packages agree)', () => {
  it('S = K = 100, T = 1, r = 5 %, σ = 20 %, q = 0', () => {
    const c = bsGreeks(golden);
    const p = bsGreeks({ ...golden, kind: 'put' });
    // Golden values are printed to 6 decimals: agree to within half a unit of the last digit.
    expect(Math.abs(c.price - 10.450584)).toBeLessThan(5e-7);
    expect(Math.abs(p.price - 5.573526)).toBeLessThan(5e-7);
    expect(Math.abs(c.delta - 0.636831)).toBeLessThan(5e-7);
    expect(Math.abs(p.delta - -0.363169)).toBeLessThan(5e-7);
    expect(Math.abs(c.gamma - 0.018762)).toBeLessThan(5e-7);
    expect(Math.abs(p.gamma - 0.018762)).toBeLessThan(5e-7);
    expect(Math.abs(c.vega - 37.524035)).toBeLessThan(5e-7);
    expect(bsPrice(golden)).toBe(c.price);
  });
});

describe('put–call parity with dividends', () => {
  it('C − P = S e^{−qT} − K e^{−rT}', () => {
    fc.assert(
      fc.property(arbOption, (o) => {
        const c = bsPrice({ ...o, kind: 'call' });
        const p = bsPrice({ ...o, kind: 'put' });
        const fwd = o.spot * Math.exp(-o.dividendYield * o.time) - o.strike * Math.exp(-o.rate * o.time);
        // Each price is accurate to a few ulps of the larger of S, K.
        expect(Math.abs(c - p - fwd)).toBeLessThan(1e-12 * Math.max(o.spot, o.strike));
      }),
    );
  });

  it('deltas differ by e^{−qT} and gammas and vegas coincide', () => {
    fc.assert(
      fc.property(arbOption, (o) => {
        const c = bsGreeks({ ...o, kind: 'call' });
        const p = bsGreeks({ ...o, kind: 'put' });
        expect(Math.abs(c.delta - p.delta - Math.exp(-o.dividendYield * o.time))).toBeLessThan(1e-14);
        expect(c.gamma).toBe(p.gamma);
        expect(c.vega).toBe(p.vega);
      }),
    );
  });
});

describe('Greeks equal central finite differences of the price', () => {
  // Central differences have truncation error O(h²) and rounding error O(ε·V/h); with the
  // step sizes below both are far below the tolerances (checked case by case in the comments).
  const fd = (f: (x: number) => number, x: number, h: number): number => (f(x + h) - f(x - h)) / (2 * h);

  it('delta, gamma, vega, theta, vanna and charm', () => {
    // Steps scale with the option's own scales (S·σ√T for spot, σ and T). The truncation error
    // of a central difference is c·h² + O(h⁴), so |fd(h) − fd(2h)| ≈ 3c·h² bounds it; rounding
    // adds at most ~16ε·V/h (a few ulps per evaluation; V ≤ max(S, K) for prices, ≤ 1 for
    // deltas). A wrong or missing term (e.g. the q-term of theta, of size q·S) is orders of
    // magnitude larger than this tolerance.
    fc.assert(
      fc.property(arbOption, (o) => {
        const g = bsGreeksExtended(o);
        const at = (patch: Partial<OptionSpec>) => ({ ...o, ...patch });
        const eps = Number.EPSILON;
        const size = Math.max(o.spot, o.strike);
        const check = (f: (x: number) => number, x: number, h: number, exact: number, sign: 1 | -1, valueSize: number) => {
          const d1 = sign * fd(f, x, h);
          const d2 = sign * fd(f, x, 2 * h);
          const tol = 1e-7 * Math.abs(exact) + Math.abs(d1 - d2) + (16 * eps * valueSize) / h + 1e-12;
          expect(Math.abs(d1 - exact)).toBeLessThan(tol);
        };
        const sd = o.vol * Math.sqrt(o.time);
        const hS = 1e-4 * o.spot * sd;
        const hV = 1e-4 * o.vol;
        const hT = 1e-4 * o.time;
        check((s) => bsPrice(at({ spot: s })), o.spot, hS, g.delta, 1, size);
        check((s) => bsGreeks(at({ spot: s })).delta, o.spot, hS, g.gamma, 1, 1);
        check((v) => bsPrice(at({ vol: v })), o.vol, hV, g.vega, 1, size);
        check((t) => bsPrice(at({ time: t })), o.time, hT, g.theta, -1, size);
        check((v) => bsGreeks(at({ vol: v })).delta, o.vol, hV, g.vanna, 1, 1);
        check((t) => bsGreeks(at({ time: t })).delta, o.time, hT, g.charm, -1, 1);
        // Gamma also as the second difference of the price itself (h = 1e-3·S·σ√T: truncation
        // ~1e-6 relative; rounding ≤ 32ε·max(S, K)/h²).
        const h2 = 1e-3 * o.spot * sd;
        const dd = (bsPrice(at({ spot: o.spot + h2 })) - 2 * bsPrice(o) + bsPrice(at({ spot: o.spot - h2 }))) / (h2 * h2);
        expect(Math.abs(dd - g.gamma)).toBeLessThan(1e-5 * g.gamma + (32 * eps * size) / (h2 * h2));
      }),
      { numRuns: 300 },
    );
  });

  it('bsVanna and bsCharm return the extended Greeks', () => {
    const e = bsGreeksExtended({ ...golden, dividendYield: 0.02 });
    expect(bsVanna({ ...golden, dividendYield: 0.02 })).toBe(e.vanna);
    expect(bsCharm({ ...golden, dividendYield: 0.02 })).toBe(e.charm);
  });
});

describe('limits: expiry and zero volatility', () => {
  it('T = 0 gives the intrinsic value, a step delta and zero gamma away from the strike', () => {
    const itm = bsGreeks({ spot: 110, strike: 100, vol: 0.3, time: 0, rate: 0.05, kind: 'call' });
    // theta = −∂/∂T (S − K e^{−rT}) = −rK = −5 per year (the discounting of the strike).
    expect(itm).toEqual({ price: 10, delta: 1, gamma: 0, vega: 0, theta: -5 });
    const otmPut = bsGreeks({ spot: 110, strike: 100, vol: 0.3, time: 0, kind: 'put' });
    expect(otmPut).toEqual({ price: 0, delta: -0, gamma: 0, vega: 0, theta: 0 });
    const itmPut = bsGreeks({ spot: 90, strike: 100, vol: 0.3, time: 0, kind: 'put' });
    expect(itmPut.price).toBe(10);
    expect(itmPut.delta).toBe(-1);
  });

  it('T → 0 approaches the T = 0 values continuously', () => {
    for (const spot of [90, 99, 101, 110]) {
      for (const kind of ['call', 'put'] as const) {
        const o = { spot, strike: 100, vol: 0.2, rate: 0.03, kind };
        const at0 = bsGreeks({ ...o, time: 0 });
        const near = bsGreeks({ ...o, time: 1e-8 });
        // Over 1e-8 years the discounted intrinsic value changes by ~r·K·T = 3e-8.
        expect(Math.abs(near.price - at0.price)).toBeLessThan(1e-7);
        expect(Math.abs(near.delta - at0.delta)).toBeLessThan(1e-12);
        expect(near.gamma).toBeLessThan(1e-12);
      }
    }
  });

  it('at the strike at expiry: delta ½ (the limit of Φ(d₁)), gamma +∞, never NaN', () => {
    const g = bsGreeksExtended({ spot: 100, strike: 100, vol: 0.2, time: 0, kind: 'call' });
    expect(g.price).toBe(0);
    expect(g.delta).toBe(0.5);
    expect(g.gamma).toBe(Number.POSITIVE_INFINITY);
    expect(g.theta).toBe(Number.NEGATIVE_INFINITY);
    for (const v of Object.values(g)) expect(Number.isNaN(v)).toBe(false);
    // The limit from T > 0 (r = q = 0): Φ(σ√T/2) → ½ and gamma grows like 1/√T.
    const near = bsGreeks({ spot: 100, strike: 100, vol: 0.2, time: 1e-12, kind: 'call' });
    expect(Math.abs(near.delta - 0.5)).toBeLessThan(1e-6);
    expect(near.gamma).toBeGreaterThan(1e3);
    expect(bsGreeks({ spot: 100, strike: 100, vol: 0.2, time: 0, kind: 'put' }).delta).toBe(-0.5);
  });

  it('σ = 0 gives the discounted forward intrinsic value and its carry', () => {
    // S e^{−qT} = 100 e^{−0.01} = 99.00498…, K e^{−rT} = 95 e^{−0.05} = 90.36689…
    const o: OptionSpec = { spot: 100, strike: 95, vol: 0, time: 1, rate: 0.05, dividendYield: 0.01, kind: 'call' };
    const g = bsGreeks(o);
    const fwd = 100 * Math.exp(-0.01) - 95 * Math.exp(-0.05);
    expect(g.price).toBeCloseTo(fwd, 12);
    expect(g.delta).toBeCloseTo(Math.exp(-0.01), 15);
    expect(g.gamma).toBe(0);
    expect(g.vega).toBe(0);
    // theta = −∂/∂T (S e^{−qT} − K e^{−rT}) = qS e^{−qT} − rK e^{−rT}.
    expect(g.theta).toBeCloseTo(0.01 * 100 * Math.exp(-0.01) - 0.05 * 95 * Math.exp(-0.05), 12);
    expect(bsPrice({ ...o, kind: 'put' })).toBe(0);
    // Continuity: a tiny volatility gives nearly the same price.
    expect(Math.abs(bsPrice({ ...o, vol: 1e-9 }) - g.price)).toBeLessThan(1e-9);
  });

  it('σ = 0 exactly at the money forward: vega S e^{−qT}√T φ(0)', () => {
    // r = q = 0 and S = K: the forward is at the strike.
    const g = bsGreeks({ spot: 100, strike: 100, vol: 0, time: 0.25, kind: 'call' });
    expect(g.vega).toBeCloseTo(100 * 0.5 * INV_SQRT_2PI, 12);
    expect(g.delta).toBe(0.5);
    // The same as the σ → 0 limit from above.
    expect(Math.abs(bsGreeks({ spot: 100, strike: 100, vol: 1e-10, time: 0.25, kind: 'call' }).vega - g.vega)).toBeLessThan(1e-6);
  });

  it('never returns NaN for valid inputs, however extreme', () => {
    fc.assert(
      fc.property(
        fc.record({
          spot: fc.double({ min: 1e-6, max: 1e8, noNaN: true }),
          strike: fc.double({ min: 1e-6, max: 1e8, noNaN: true }),
          vol: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 50, noNaN: true })),
          time: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true })),
          rate: fc.double({ min: -1, max: 1, noNaN: true }),
          dividendYield: fc.double({ min: -1, max: 1, noNaN: true }),
          kind: fc.constantFrom<'call' | 'put'>('call', 'put'),
        }),
        (o) => {
          for (const v of Object.values(bsGreeksExtended(o))) expect(Number.isNaN(v)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('no-arbitrage bounds and signs (property tests)', () => {
  it('intrinsic ≤ call ≤ S e^{−qT}; put ≤ K e^{−rT}; gamma, vega ≥ 0; call delta in [0, 1]', () => {
    fc.assert(
      fc.property(arbOption, (o) => {
        const dfQ = Math.exp(-o.dividendYield * o.time);
        const dfR = Math.exp(-o.rate * o.time);
        const c = bsGreeks({ ...o, kind: 'call' });
        const p = bsGreeks({ ...o, kind: 'put' });
        expect(c.price).toBeGreaterThanOrEqual(Math.max(o.spot * dfQ - o.strike * dfR, 0));
        expect(c.price).toBeLessThanOrEqual(o.spot * dfQ);
        expect(p.price).toBeGreaterThanOrEqual(Math.max(o.strike * dfR - o.spot * dfQ, 0));
        expect(p.price).toBeLessThanOrEqual(o.strike * dfR);
        expect(c.gamma).toBeGreaterThanOrEqual(0);
        expect(c.vega).toBeGreaterThanOrEqual(0);
        expect(c.delta).toBeGreaterThanOrEqual(0);
        expect(c.delta).toBeLessThanOrEqual(1);
        expect(p.delta).toBeGreaterThanOrEqual(-1);
        expect(p.delta).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('call price rises with spot and volatility and falls with strike', () => {
    fc.assert(
      fc.property(arbOption, fc.double({ min: 0.01, max: 0.5, noNaN: true }), (o, bump) => {
        // Allow a few ulps of the price scale: deep in the money the price sits on its lower bound
        // and a vol bump changes it by less than its rounding.
        const base = bsPrice({ ...o, kind: 'call' });
        const ulps = 8 * Number.EPSILON * Math.max(o.spot, o.strike);
        expect(bsPrice({ ...o, kind: 'call', spot: o.spot * (1 + bump) })).toBeGreaterThanOrEqual(base - ulps);
        expect(bsPrice({ ...o, kind: 'call', vol: o.vol + bump })).toBeGreaterThanOrEqual(base - ulps);
        expect(bsPrice({ ...o, kind: 'call', strike: o.strike * (1 + bump) })).toBeLessThanOrEqual(base + ulps);
      }),
    );
  });
});

describe('bad input', () => {
  const bad: [Partial<OptionSpec> | Record<string, unknown>, string][] = [
    [{ vol: -0.1 }, 'vol'],
    [{ time: -1 }, 'time'],
    [{ spot: -100 }, 'spot'],
    [{ spot: 0 }, 'spot'],
    [{ strike: 0 }, 'strike'],
    [{ spot: Number.NaN }, 'spot'],
    [{ vol: Number.POSITIVE_INFINITY }, 'vol'],
    [{ rate: Number.NaN }, 'rate'],
    [{ kind: 'straddle' }, 'kind'],
    [{ rate: -1000, time: 1 }, 'rate'],
  ];
  it.each(bad)('rejects %o', (patch, param) => {
    const o = { ...golden, ...patch } as OptionSpec;
    expect(() => bsPrice(o)).toThrow(EngineInputError);
    let err: unknown;
    try {
      bsGreeks(o);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EngineInputError);
    expect((err as EngineInputError).param).toBe(param);
  });
});

describe('blackScholesSpec', () => {
  it('its defaults are valid and give the golden option', () => {
    const d = defaultParams(blackScholesSpec);
    expect(validateParams(blackScholesSpec, d).ok).toBe(true);
    expect(Math.abs(bsPrice(d) - 10.450584)).toBeLessThan(5e-7);
  });
});

describe('optionPayoff', () => {
  it('is the hockey stick: max(S − K, 0) for a call, max(K − S, 0) for a put', () => {
    expect(optionPayoff('call', 120, 100)).toBe(20);
    expect(optionPayoff('call', 80, 100)).toBe(0);
    expect(optionPayoff('put', 80, 100)).toBe(20);
    expect(optionPayoff('put', 120, 100)).toBe(0);
  });
  it('satisfies parity at expiry (call − put = S − K) and equals the price at T = 0 with r = q = 0', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 500, noNaN: true }), fc.double({ min: 1, max: 500, noNaN: true }), (S, K) => {
        expect(optionPayoff('call', S, K) - optionPayoff('put', S, K)).toBeCloseTo(S - K, 9);
        for (const kind of ['call', 'put'] as const) {
          expect(optionPayoff(kind, S, K)).toBeCloseTo(bsPrice({ spot: S, strike: K, vol: 0.2, time: 0, rate: 0, dividendYield: 0, kind }), 9);
        }
      }),
    );
  });
  it('rejects a non-positive strike or a negative spot', () => {
    expect(() => optionPayoff('call', 100, 0)).toThrow(EngineInputError);
    expect(() => optionPayoff('put', -1, 100)).toThrow(EngineInputError);
  });
});
