/**
 * Timing budgets of the options engine (issue #3), reported rather than
 * asserted (timings depend on the machine). Vitest 5 exposes `bench` as a
 * test-context fixture, not a top-level export.
 *   gammaProfile, 200 spots × 500-line chain              < 5 ms
 *   hedging simulation, 10,000 steps                        < 5 ms
 *   Monte Carlo summary, 1,000 paths × 2,000 steps (×3)     < 3 s
 * Run: PATH=$PWD/node_modules/.bin:$PATH npx vitest bench --run engine/options
 */
import { test, type TestContext } from 'vitest';
import { linspace } from '../core/numeric';
import { createRng } from '../core/random';
import { bsGreeks } from './blackScholes';
import { gammaProfile, type ChainLine } from './dealerGamma';
import { runHedgingMonteCarlo } from './hedgingMonteCarlo';
import { defaultHedgingParams, runHedgingSimulation } from './hedgingSimulation';

async function report(bench: TestContext['bench'], name: string, budgetMs: number, fn: () => unknown, time = 1000, iterations?: number): Promise<void> {
  // Run options (time, iterations) go to run(); bench(name, options, fn) takes per-benchmark hooks.
  const opts = iterations === undefined ? { time, warmupTime: 100 } : { time: 0, iterations, warmupTime: 0, warmupIterations: 1 };
  const r = await bench(name, fn).run(opts);
  const median = r.latency.p50 ?? r.latency.mean;
  console.log(`[budget] ${name}: median ${median.toFixed(3)} ms (budget ${budgetMs} ms) ${median <= budgetMs ? 'within budget' : 'OVER BUDGET'}`);
}

// A 500-line chain: strikes 50–150, expiries 1 week to 1 year, seeded open interest.
const rng = createRng(42);
const bigChain: ChainLine[] = Array.from({ length: 500 }, (_, i) => ({
  strike: 50 + (i % 101),
  time: [7, 30, 60, 91, 182, 365][i % 6]! / 365,
  kind: i % 2 === 0 ? 'call' : 'put',
  openInterest: Math.floor(rng.uniform(100, 50000)),
}));
const spots = linspace(60, 140, 200);

test('gammaProfile: 200 spots × 500-line chain (budget 5 ms)', async ({ bench }) => {
  await report(bench, 'gammaProfile 200 × 500', 5, () => gammaProfile(bigChain, { spots, vol: 0.2, rate: 0.03 }));
});

test('hedging simulation: 10,000 steps (budget 5 ms)', async ({ bench }) => {
  await report(bench, 'simulation 10k steps, re-hedge every 6 steps (default)', 5, () => runHedgingSimulation({ ...defaultHedgingParams, steps: 10_000, expiryDays: 200 }));
  await report(bench, 'simulation 10k steps, re-hedge every step', 5, () => runHedgingSimulation({ ...defaultHedgingParams, steps: 10_000, expiryDays: 200, hedgeInterval: 1 }));
  await report(bench, 'simulation 10k steps, square-root impact', 5, () => runHedgingSimulation({ ...defaultHedgingParams, steps: 10_000, expiryDays: 200, impactLaw: 'sqrt' }));
});

test('bsGreeks: 10,000 options (no budget; for reference)', async ({ bench }) => {
  await report(bench, 'bsGreeks × 10,000', Number.POSITIVE_INFINITY, () => {
    let s = 0;
    for (let i = 0; i < 10_000; i++) s += bsGreeks({ spot: 100, strike: 50 + (i % 100), vol: 0.2, time: 0.5, rate: 0.03, kind: 'call' }).gamma;
    return s;
  });
});

test('Monte Carlo summary: 1,000 paths × 2,000 steps × 3 regimes (budget 3 s)', async ({ bench }) => {
  await report(bench, 'Monte Carlo 1,000 × 2,000 × 3', 3000, () => runHedgingMonteCarlo({ ...defaultHedgingParams, steps: 2000 }, { paths: 1000, seed: 1 }), 0, 5);
}, 120_000);
