/**
 * Monte Carlo over seeds of the hedging-feedback market (`hedgingSimulation`):
 * for every seed the same noise is run three times, with the dealer short
 * gamma, with no dealer, and with the dealer long gamma, so that the three
 * distributions of realised volatility and return autocorrelation differ only
 * by the dealer's hedging (paired comparison). Expected pattern (see
 * hedgingSimulation.ts; Frey & Stremme 1997; Barbon & Buraschi 2020/2021 via
 * models.md §5.2): short gamma raises realised volatility and gives positive
 * autocorrelation at the hedging frequency, long gamma the opposite.
 *
 * Exposed two ways for a Web Worker: a pure per-seed function
 * (`hedgingMonteCarloTrial`) and a generator (`hedgingMonteCarlo`) that yields
 * progress with the summary so far and the trials added since the last yield,
 * so results can stream in and the run can be cancelled between yields.
 */
import { defineParams } from '../core/params';
import { requireInteger } from '../core/errors';
import { hashInts, MAX_SEED } from '../core/random';
import { mean, quantile, stdev } from '../core/numeric';
import { createHedgingSimulation, type DealerPosition, type HedgingParams } from './hedgingSimulation';

/** Monte Carlo controls (the market itself is described by `hedgingSimulationSpec`). */
export const hedgingMonteCarloSpec = defineParams({
  paths: { label: 'Paths', unit: 'paths', min: 10, max: 2000, step: 10, default: 200, integer: true, description: 'Number of seeds; each is run short gamma, without dealer and long gamma.' },
  seed: { label: 'Base seed', min: 0, max: MAX_SEED, step: 1, default: 1, integer: true, description: 'Seed from which every path’s seed is derived.' },
});

/** Statistics of one run. */
export interface RunStats {
  realisedVol: number;
  realisedVolIntraday: number;
  autocorrelation: number | null;
  finalPrice: number;
  unstable: boolean;
}

/** One seed run in the three regimes on identical noise. */
export interface HedgingTrial {
  seed: number;
  short: RunStats;
  none: RunStats;
  long: RunStats;
}

/** A sample and its summary. `se` = sd/√count, the standard error of the mean. */
export interface SampleSummary {
  count: number;
  mean: number;
  sd: number;
  se: number;
  q05: number;
  q50: number;
  q95: number;
  values: Float64Array;
}

/** Distributions for one dealer position across the paths. */
export interface RegimeSummary {
  realisedVol: SampleSummary;
  realisedVolIntraday: SampleSummary;
  /** Runs with fewer than 3 hedging intervals have no autocorrelation and are left out. */
  autocorrelation: SampleSummary;
  /** Runs stopped as unstable (they stay in the samples, measured over the steps they ran). */
  unstable: number;
}

/** Monte Carlo summary: one `RegimeSummary` per dealer position, on the same seeds. */
export interface HedgingMonteCarloResult {
  paths: number;
  short: RegimeSummary;
  none: RegimeSummary;
  long: RegimeSummary;
}

/** Progress report yielded by `hedgingMonteCarlo`. */
export interface HedgingMonteCarloProgress {
  done: number;
  total: number;
  /** Summary of the `done` trials so far. */
  partial: HedgingMonteCarloResult;
  /** Trials completed since the previous report. */
  trials: HedgingTrial[];
}

/** Seed of path i: a hash of the base seed and the index (independent streams). */
export function hedgingPathSeed(baseSeed: number, i: number): number {
  return hashInts(baseSeed, i);
}

function runStats(params: HedgingParams, position: DealerPosition, seed: number): RunStats {
  const sim = createHedgingSimulation({ ...params, dealerPosition: position, seed });
  sim.step(params.steps); // at most `steps` iterations
  const r = sim.result();
  return { realisedVol: r.realisedVol, realisedVolIntraday: r.realisedVolIntraday, autocorrelation: r.autocorrelation, finalPrice: r.finalPrice, unstable: r.unstable };
}

/**
 * One Monte Carlo path: the market of `params` with the given seed, run with
 * dealers short gamma, without dealer and long gamma (params.dealerPosition is
 * ignored). Pure and deterministic.
 */
export function hedgingMonteCarloTrial(params: HedgingParams, seed: number): HedgingTrial {
  requireInteger(seed, 0, MAX_SEED, 'seed');
  return { seed, short: runStats(params, 'short', seed), none: runStats(params, 'none', seed), long: runStats(params, 'long', seed) };
}

function summary(xs: number[]): SampleSummary {
  const values = Float64Array.from(xs);
  const n = values.length;
  if (n === 0) return { count: 0, mean: 0, sd: 0, se: 0, q05: 0, q50: 0, q95: 0, values };
  const sd = n > 1 ? stdev(values) : 0;
  return { count: n, mean: mean(values), sd, se: sd / Math.sqrt(n), q05: quantile(values, 0.05), q50: quantile(values, 0.5), q95: quantile(values, 0.95), values };
}

function summariseRegime(trials: readonly HedgingTrial[], key: 'short' | 'none' | 'long'): RegimeSummary {
  const rv: number[] = [];
  const rvi: number[] = [];
  const ac: number[] = [];
  let unstable = 0;
  for (const t of trials) {
    const s = t[key];
    rv.push(s.realisedVol);
    rvi.push(s.realisedVolIntraday);
    if (s.autocorrelation !== null) ac.push(s.autocorrelation);
    if (s.unstable) unstable++;
  }
  return { realisedVol: summary(rv), realisedVolIntraday: summary(rvi), autocorrelation: summary(ac), unstable };
}

/** Summary of a set of trials (what the generator returns and reports). */
export function summariseHedgingTrials(trials: readonly HedgingTrial[]): HedgingMonteCarloResult {
  return { paths: trials.length, short: summariseRegime(trials, 'short'), none: summariseRegime(trials, 'none'), long: summariseRegime(trials, 'long') };
}

/**
 * Monte Carlo summary over `paths` seeds (seed of path i = hash(seed, i)),
 * as a generator: it yields after every `chunk` paths (default: about 20
 * reports in all) and returns the final summary. Drive it with `next()` in a
 * worker; stop calling to cancel. Runs `paths` trials, each of three bounded
 * simulations, so it terminates.
 */
export function* hedgingMonteCarlo(
  params: HedgingParams,
  options: { paths: number; seed: number; chunk?: number },
): Generator<HedgingMonteCarloProgress, HedgingMonteCarloResult, void> {
  const total = requireInteger(options.paths, 1, 1_000_000, 'paths');
  const base = requireInteger(options.seed, 0, MAX_SEED, 'seed');
  const chunk = options.chunk === undefined ? Math.max(1, Math.ceil(total / 20)) : requireInteger(options.chunk, 1, 1_000_000, 'chunk');
  const trials: HedgingTrial[] = [];
  let fresh: HedgingTrial[] = [];
  for (let i = 0; i < total; i++) {
    const t = hedgingMonteCarloTrial(params, hedgingPathSeed(base, i));
    trials.push(t);
    fresh.push(t);
    if (fresh.length === chunk || i === total - 1) {
      yield { done: trials.length, total, partial: summariseHedgingTrials(trials), trials: fresh };
      fresh = [];
    }
  }
  return summariseHedgingTrials(trials);
}

/** Run the generator to completion synchronously (tests, exercises, small runs). */
export function runHedgingMonteCarlo(params: HedgingParams, options: { paths: number; seed: number }): HedgingMonteCarloResult {
  const gen = hedgingMonteCarlo(params, { ...options, chunk: options.paths });
  // At most paths + 1 iterations: one yield per chunk plus the return.
  for (;;) {
    const step = gen.next();
    if (step.done) return step.value;
  }
}
