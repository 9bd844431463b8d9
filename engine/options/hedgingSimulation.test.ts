import { EngineInputError } from '../core/errors';
import { validateParams } from '../core/params';
import { createRng } from '../core/random';
import { bsGreeks } from './blackScholes';
import { effectiveVolatility } from './effectiveVolatility';
import { pinPreset, squeezePreset } from './hedgingPresets';
import {
  createHedgingSimulation,
  defaultHedgingParams,
  hedgingSimulationSpec,
  REFERENCE_TRADE,
  runHedgingSimulation,
  TRADING_DAYS,
  type HedgingParams,
  type HedgingResult,
} from './hedgingSimulation';

const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);

/** Mean and standard error of a sample. */
function meanSe(xs: number[]): { mean: number; se: number } {
  const n = xs.length;
  const m = xs.reduce((a, b) => a + b, 0) / n;
  const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
  return { mean: m, se: Math.sqrt(v / n) };
}

/** Run `params` for every seed in the three dealer positions (same noise per seed). */
function regimes(params: HedgingParams, seeds = SEEDS): Record<'short' | 'none' | 'long', HedgingResult[]> {
  const run = (dealerPosition: HedgingParams['dealerPosition']) => seeds.map((seed) => runHedgingSimulation({ ...params, dealerPosition, seed }));
  return { short: run('short'), none: run('none'), long: run('long') };
}

/** Paired differences a[i] − b[i] of a statistic. */
function paired(a: HedgingResult[], b: HedgingResult[], f: (r: HedgingResult) => number): { mean: number; se: number } {
  return meanSe(a.map((r, i) => f(r) - f(b[i]!)));
}

describe('hedging simulation: mechanics', () => {
  it('is deterministic by seed; different seeds give different paths', () => {
    const a = runHedgingSimulation(defaultHedgingParams);
    const b = runHedgingSimulation({ ...defaultHedgingParams });
    const c = runHedgingSimulation({ ...defaultHedgingParams, seed: 2 });
    expect(a).toEqual(b);
    expect(a.price).not.toEqual(c.price);
  });

  it('without a dealer, the path is the seeded noise: ln Sₙ₊₁ = ln Sₙ + μdt + σ√dt·Zₙ', () => {
    const p: HedgingParams = { ...defaultHedgingParams, dealerPosition: 'none', drift: 0.3, steps: 500, seed: 77 };
    const r = runHedgingSimulation(p);
    const rng = createRng(77);
    const dt = 1 / (TRADING_DAYS * p.stepsPerDay);
    let lnS = Math.log(p.spot);
    for (let n = 0; n < p.steps; n++) {
      lnS += p.drift * dt + p.vol * Math.sqrt(dt) * rng.normal();
      expect(Math.abs(Math.log(r.price[n + 1]!) - lnS)).toBeLessThan(1e-12);
    }
    expect(r.hedgeTrade.every((q) => q === 0)).toBe(true);
    expect(r.time[p.steps]).toBeCloseTo(p.steps * dt, 15);
  });

  it('the dealer holds −Δ_book (Black–Scholes delta at the last observed price) after each re-hedge', () => {
    const p = defaultHedgingParams;
    const r = runHedgingSimulation(p);
    const dt = 1 / (TRADING_DAYS * p.stepsPerDay);
    const qty = -p.bookSize * REFERENCE_TRADE; // short calls
    let checked = 0;
    for (let n = 0; n < p.steps; n += p.hedgeInterval) {
      const delta = bsGreeks({ spot: r.price[n]!, strike: p.strike, vol: p.vol, time: p.expiryDays / TRADING_DAYS - n * dt, kind: 'call' }).delta;
      expect(r.holdings[n + 1]! / (-qty * delta)).toBeCloseTo(1, 10);
      checked++;
    }
    expect(checked).toBe(260);
    // Start hedged: the first re-hedge at the starting price trades nothing.
    expect(r.hedgeTrade[1]).toBe(0);
  });

  it('trades happen only in the step after a re-hedge, and add up to the change in holdings', () => {
    const p = { ...defaultHedgingParams, hedgeInterval: 7, steps: 700 };
    const r = runHedgingSimulation(p);
    let net = 0;
    for (let i = 0; i < r.hedgeTrade.length; i++) {
      if ((i - 1) % 7 !== 0) expect(r.hedgeTrade[i]).toBe(0);
      net += r.hedgeTrade[i]!;
    }
    expect(net).toBeCloseTo(r.netDealerTrade, 6);
    expect(r.netDealerTrade).toBeCloseTo(r.holdings[700]! - r.holdings[0]!, 4);
  });

  it('linear impact: same seed with and without dealer differ in log price by exactly λ·Σ trades', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const d = runHedgingSimulation({ ...squeezePreset, seed });
      const o = runHedgingSimulation({ ...squeezePreset, seed, dealerPosition: 'none' });
      const lambda = squeezePreset.impact / REFERENCE_TRADE;
      for (const n of [200, 800, d.stepsRun]) {
        let cum = 0;
        for (let i = 0; i <= n; i++) cum += d.hedgeTrade[i]!;
        expect(Math.abs(Math.log(d.price[n]! / o.price[n]!) - lambda * cum)).toBeLessThan(1e-12);
      }
    }
  });

  it('with zero impact the dealer changes nothing', () => {
    const a = runHedgingSimulation({ ...defaultHedgingParams, impact: 0 });
    const b = runHedgingSimulation({ ...defaultHedgingParams, impact: 0, dealerPosition: 'none' });
    expect(a.price).toEqual(b.price);
    expect(a.maxLoopGain).toBe(0);
  });

  it('stepping in chunks gives the same run; step(n) takes at most n steps and 0 once done', () => {
    const p = { ...defaultHedgingParams, steps: 1000 };
    const sim = createHedgingSimulation(p);
    let total = 0;
    for (const chunk of [1, 10, 333, 2000, 5]) {
      const taken = sim.step(chunk);
      expect(taken).toBeLessThanOrEqual(chunk);
      total += taken;
    }
    expect(total).toBe(1000);
    expect(sim.done).toBe(true);
    expect(sim.stepIndex).toBe(1000);
    expect(sim.step(10)).toBe(0);
    expect(sim.result()).toEqual(runHedgingSimulation(p));
  });

  it('results are plain, JSON-serialisable numbers for a figure', () => {
    const r = runHedgingSimulation({ ...defaultHedgingParams, steps: 100 });
    expect(r.price).toHaveLength(101);
    const json = JSON.parse(JSON.stringify({ ...r, price: Array.from(r.price) })) as { price: number[]; realisedVol: number };
    expect(json.price[100]).toBe(r.finalPrice);
    expect(json.realisedVol).toBe(r.realisedVol);
  });

  it('rejects impossible parameters', () => {
    const bad: Partial<Record<keyof HedgingParams, unknown>>[] = [
      { steps: 10.5 },
      { steps: 0 },
      { vol: 0 },
      { impact: -0.01 },
      { hedgeInterval: 0 },
      { spot: Number.NaN },
      { dealerPosition: 'sideways' },
      { impactLaw: 'cubic' },
      { seed: -1 },
      { seed: 2 ** 32 },
      { bookSize: -1 },
    ];
    for (const patch of bad) expect(() => runHedgingSimulation({ ...defaultHedgingParams, ...patch } as HedgingParams)).toThrow(EngineInputError);
    expect(() => runHedgingSimulation(defaultHedgingParams, [{ strike: 100, kind: 'call', expiry: 0.1, quantity: Number.NaN }])).toThrow(EngineInputError);
  });

  it('spec defaults and presets are valid parameter sets', () => {
    for (const p of [defaultHedgingParams, squeezePreset, pinPreset]) expect(validateParams(hedgingSimulationSpec, p).ok).toBe(true);
  });
});

describe('hedging simulation: stability guard', () => {
  // Dealers short 2 M at-the-money calls with 5 days left: the loop gain λSΓ starts near 0.57
  // and exceeds 1 when the price sits near the strike in the last ~1.6 days.
  const hot: HedgingParams = { ...defaultHedgingParams, expiryDays: 5, steps: 390, bookSize: 2, impact: 0.02 };

  it('stops at the first re-hedge with loop gain ≥ 1 and reports it; long gamma never trips', () => {
    const dt = 1 / (TRADING_DAYS * hot.stepsPerDay);
    const lambda = hot.impact / REFERENCE_TRADE;
    let tripped = 0;
    for (const seed of SEEDS.slice(0, 30)) {
      const r = runHedgingSimulation({ ...hot, seed });
      expect(r.price.every((s) => Number.isFinite(s) && s > 0)).toBe(true);
      expect(r.price).toHaveLength(r.stepsRun + 1);
      if (!r.unstable) {
        expect(r.maxLoopGain).toBeLessThan(1);
        continue;
      }
      tripped++;
      expect(r.unstableReason).toBe('loop-gain');
      const n = r.unstableStep!;
      expect(n % hot.hedgeInterval).toBe(0);
      expect(r.stepsRun).toBe(n);
      // Independent recomputation of the gain at the stopping point: −λ·S·Γ_book ≥ 1.
      const S = r.price[n]!;
      const gamma = -hot.bookSize * REFERENCE_TRADE * bsGreeks({ spot: S, strike: hot.strike, vol: hot.vol, time: hot.expiryDays / TRADING_DAYS - n * dt, kind: 'call' }).gamma;
      expect(-lambda * S * gamma).toBeGreaterThanOrEqual(1);
      expect(effectiveVolatility({ vol: hot.vol, impact: lambda, spot: S, bookGamma: gamma }).stable).toBe(false);
      // Every earlier re-hedge was below the threshold.
      for (let i = 0; i < n; i++) expect(r.loopGain[i]).toBeLessThan(1);
      expect(runHedgingSimulation({ ...hot, seed, dealerPosition: 'long' }).unstable).toBe(false);
    }
    // Deterministic seeds: some runs do trip (otherwise this test would check nothing).
    expect(tripped).toBeGreaterThan(3);
  });

  it('a price leaving [S₀/1000, 1000·S₀] is a blow-up: the run stops with positive, finite prices', () => {
    const r = runHedgingSimulation({ ...defaultHedgingParams, drift: 1e5, dealerPosition: 'none' });
    expect(r.unstable).toBe(true);
    expect(r.unstableReason).toBe('blow-up');
    expect(r.stepsRun).toBeLessThan(defaultHedgingParams.steps);
    expect(r.price.every((s) => Number.isFinite(s) && s > 0 && s < 1000 * defaultHedgingParams.spot)).toBe(true);
  });
});

describe('hedging simulation: the known effects over 200 seeds (paired on identical noise)', () => {
  // With the defaults the loop gain g = −λSΓ_book stays in [0, 0.4] (0.23 at the start).
  // Theory (module comment): hedge-interval returns are AR(1) with coefficient g, and over a
  // day (13 re-hedges) the volatility ratio lies between 1 and the long-run 1/(1 − g).
  // Significance: every effect is required to exceed 5 standard errors of the paired
  // differences, which noise alone does with probability < 1e-6.
  const R = regimes(defaultHedgingParams);
  const rv = (r: HedgingResult) => r.realisedVol;
  const ac = (r: HedgingResult) => r.autocorrelation!;

  it('the runs are stable and long enough for the statistics', () => {
    for (const k of ['short', 'none', 'long'] as const) {
      expect(R[k].every((r) => !r.unstable && r.days === 20 && r.intervals === 260)).toBe(true);
    }
    expect(Math.max(...R.short.map((r) => r.maxLoopGain))).toBeLessThan(0.45);
  });

  it('short dealer gamma amplifies daily realised volatility; long gamma damps it', () => {
    const up = paired(R.short, R.none, rv);
    const down = paired(R.none, R.long, rv);
    expect(up.mean).toBeGreaterThan(5 * up.se);
    expect(down.mean).toBeGreaterThan(5 * down.se);
    const none = meanSe(R.none.map(rv)).mean;
    const ratioShort = meanSe(R.short.map(rv)).mean / none;
    const ratioLong = meanSe(R.long.map(rv)).mean / none;
    // Bounds implied by g ∈ [0, 0.4]: 1 < ratio < 1/(1 − 0.4) and 1/(1 + 0.4) < ratio < 1.
    expect(ratioShort).toBeGreaterThan(1.1);
    expect(ratioShort).toBeLessThan(1 / 0.6);
    expect(ratioLong).toBeGreaterThan(1 / 1.4);
    expect(ratioLong).toBeLessThan(0.9);
  });

  it('short gamma gives momentum, long gamma reversal, no dealer neither (lag-1 autocorrelation at the hedging frequency)', () => {
    const s = meanSe(R.short.map(ac));
    const n = meanSe(R.none.map(ac));
    const l = meanSe(R.long.map(ac));
    expect(s.mean).toBeGreaterThan(5 * s.se);
    expect(l.mean).toBeLessThan(-5 * l.se);
    // No dealer: i.i.d. returns; the estimator's small-sample bias is about −1/260.
    expect(Math.abs(n.mean + 1 / 260)).toBeLessThan(4 * n.se);
    // AR(1) coefficient ≈ g ∈ [0, 0.4].
    expect(s.mean).toBeGreaterThan(0.1);
    expect(s.mean).toBeLessThan(0.4);
    expect(l.mean).toBeLessThan(-0.1);
    expect(l.mean).toBeGreaterThan(-0.4);
  });

  it('at the hedging lag itself, lagged hedging adds variance whatever its sign (why realisedVol is daily)', () => {
    const rvi = (r: HedgingResult) => r.realisedVolIntraday;
    const s = paired(R.short, R.none, rvi);
    const l = paired(R.long, R.none, rvi);
    expect(s.mean).toBeGreaterThan(5 * s.se);
    expect(l.mean).toBeGreaterThan(5 * l.se);
  });

  it('with no dealer the per-step variance is σ²dt (checks the noise scaling of both impact laws)', () => {
    for (const impactLaw of ['linear', 'sqrt'] as const) {
      const runs = SEEDS.map((seed) => runHedgingSimulation({ ...defaultHedgingParams, impactLaw, dealerPosition: 'none', seed }));
      const v = meanSe(runs.map((r) => r.realisedVolIntraday ** 2));
      expect(Math.abs(v.mean - 0.04)).toBeLessThan(5 * v.se);
      expect(v.se / 0.04).toBeLessThan(0.01); // the check is sharp: SE below 1 % of σ²
    }
  });

  it('the square-root law shows the same directions', () => {
    const S = regimes({ ...defaultHedgingParams, impactLaw: 'sqrt' }, SEEDS.slice(0, 100));
    const up = paired(S.short, S.none, rv);
    const down = paired(S.none, S.long, rv);
    expect(up.mean).toBeGreaterThan(5 * up.se);
    expect(down.mean).toBeGreaterThan(5 * down.se);
    expect(meanSe(S.short.map(ac)).mean).toBeGreaterThan(0);
    expect(meanSe(S.long.map(ac)).mean).toBeLessThan(0);
  });
});

describe('pinning (pinPreset): long dealer gamma pins the price near the strike into expiry', () => {
  const R = regimes(pinPreset);
  const miss = (r: HedgingResult) => Math.abs(r.finalPrice - pinPreset.strike);

  it('mean |S_T − K| is smaller with long gamma than with no dealer, and than with short gamma', () => {
    expect(R.short.every((r) => !r.unstable)).toBe(true); // the preset keeps |g| ≤ 0.78
    const a = paired(R.none, R.long, miss);
    const b = paired(R.short, R.long, miss);
    expect(a.mean).toBeGreaterThan(5 * a.se);
    expect(b.mean).toBeGreaterThan(5 * b.se);
    // And short gamma pushes the price away from the strike.
    const c = paired(R.short, R.none, miss);
    expect(c.mean).toBeGreaterThan(3 * c.se);
  });

  it('more long-gamma paths finish within $1 (1 %, the book’s full impact λN) of the strike', () => {
    // McNemar test on the paired seeds: b = paths pinned only with the dealer, c = only without.
    // Under "no effect" b − c has mean 0 and SD √(b + c); require 4 SD.
    let b = 0;
    let c = 0;
    R.long.forEach((r, i) => {
      const withDealer = miss(r) < 1;
      const without = miss(R.none[i]!) < 1;
      if (withDealer && !without) b++;
      if (!withDealer && without) c++;
    });
    expect(b - c).toBeGreaterThan(4 * Math.sqrt(b + c));
  });
});

describe('squeeze (squeezePreset): customers buy OTM calls, dealers short them, buying feeds on itself', () => {
  const lambda = squeezePreset.impact / REFERENCE_TRADE;

  it('for the preset seed the path ends higher than without dealers and dealer purchases are positive and growing', () => {
    const d = runHedgingSimulation(squeezePreset);
    const o = runHedgingSimulation({ ...squeezePreset, dealerPosition: 'none' });
    expect(d.unstable).toBe(false);
    expect(d.finalPrice).toBeGreaterThan(o.finalPrice);
    expect(d.netDealerTrade).toBeGreaterThan(0);
    const mid = Math.floor(d.stepsRun / 2);
    let first = 0;
    let second = 0;
    for (let i = 0; i <= d.stepsRun; i++) (i <= mid ? (first += d.hedgeTrade[i]!) : (second += d.hedgeTrade[i]!));
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(d.holdings[d.stepsRun]!).toBeGreaterThan(d.holdings[mid]!);
    expect(d.holdings[mid]!).toBeGreaterThan(d.holdings[0]!);
    // The extra rise is exactly the impact of the dealers' net purchases.
    expect(Math.log(d.finalPrice / o.finalPrice)).toBeCloseTo(lambda * d.netDealerTrade, 12);
  });

  it('over 200 seeds: dealers are net buyers and paths end higher than on the same noise without them', () => {
    const R = SEEDS.map((seed) => ({ d: runHedgingSimulation({ ...squeezePreset, seed }), o: runHedgingSimulation({ ...squeezePreset, seed, dealerPosition: 'none' }) }));
    expect(R.every(({ d }) => !d.unstable)).toBe(true);
    const lift = meanSe(R.map(({ d, o }) => Math.log(d.finalPrice / o.finalPrice)));
    expect(lift.mean).toBeGreaterThan(5 * lift.se);
    // Under "no effect" the fraction ending higher would be ½ with SE ≈ 0.035; require > 0.7.
    expect(R.filter(({ d, o }) => d.finalPrice > o.finalPrice).length / R.length).toBeGreaterThan(0.7);
    // Short gamma chases the price: each re-hedge trade has the sign of the previous interval's move.
    const k = squeezePreset.hedgeInterval;
    let agree = 0;
    let count = 0;
    for (const { d } of R.slice(0, 20)) {
      for (let n = k; n < d.stepsRun; n += k) {
        const q = d.hedgeTrade[n + 1]!;
        const move = d.price[n]! - d.price[n - k]!;
        if (q !== 0 && move !== 0) {
          count++;
          if (Math.sign(q) === Math.sign(move)) agree++;
        }
      }
    }
    // Not every trade: charm (delta decay of OTM calls) makes dealers sell a little when the price stalls.
    expect(agree / count).toBeGreaterThan(0.9);
  });
});
