/**
 * Benchmarks for the collateral engine (Vitest 5 `bench` test-context fixture; Vitest 5 no longer exports a
 * top-level `bench`). Budgets from the brief, reported rather than asserted (timings depend on the machine):
 *   a 2,500-day margin series with all three APC tools < 4 ms;
 *   a lending pool of 10,000 positions through a 500-step path < 20 ms; 200,000 positions < 1 s.
 * Run: PATH=$PWD/node_modules/.bin:$PATH npx vitest bench --run engine/collateral
 */
import { test } from 'vitest';
import { regimeReturns } from './returns';
import { marginSeries } from './marginSeries';
import { generateLendingPool, lendingStressTest, rampShockPath } from './lendingPool';

const series = regimeReturns({ calmDays: 1500, stressDays: 100, recoveryDays: 900, calmVol: 0.15, stressVol: 0.6, seed: 1 }).returns; // 2,500 days

const poolParams = { medianCollateral: 10_000, collateralDispersion: 1.5, meanUtilisation: 0.75, multiAssetShare: 0.3, seed: 1 };
const path = rampShockPath(0.3, 50, 500); // 30 % fall over 50 steps, then flat to 500 steps

test('margin series, 2,500 days, EWMA VaR with buffer + stress weight + 10-year floor (budget 4 ms)', async ({ bench }) => {
  const r = await bench('marginSeries 2500d all APC', () => {
    marginSeries(series, { model: 'var', mpor: 5, confidence: 0.99, apc: { buffer: true, stressWeight: true, floor10y: true } });
  }).run({ time: 1000 });
  console.log(`median ${r.latency.p50} ms`);
});

test('lending pool, 10,000 positions × 500 steps (budget 20 ms)', async ({ bench }) => {
  const pool = generateLendingPool({ ...poolParams, positions: 10_000 });
  const r = await bench('lendingStressTest 10k x 500', () => {
    lendingStressTest(pool, path, { closeFactor: 'v3.3', impact: 0.2 });
  }).run({ time: 2000 });
  console.log(`median ${r.latency.p50} ms`);
});

test('lending pool, 200,000 positions × 500 steps (budget 1 s)', async ({ bench }) => {
  const pool = generateLendingPool({ ...poolParams, positions: 200_000 });
  const r = await bench('lendingStressTest 200k x 500', () => {
    lendingStressTest(pool, path, { closeFactor: 'v3.3', impact: 0.2 });
  }).run({ iterations: 8, time: 0 });
  console.log(`median ${r.latency.p50} ms`);
}, 120_000);

test('lending pool, 200,000 positions × 500 steps, diverging assets: A falls 30 %, B rises 20 % (budget 1 s)', async ({ bench }) => {
  const pool = generateLendingPool({ ...poolParams, positions: 200_000 });
  const up = Float64Array.from(path, (_, t) => 1 + 0.2 * Math.min(1, (t + 1) / 50));
  const r = await bench('lendingStressTest 200k x 500 diverging', () => {
    lendingStressTest(pool, [path, up], { closeFactor: 'v3.3', impact: 0.2 });
  }).run({ iterations: 8, time: 0 });
  console.log(`median ${r.latency.p50} ms`);
}, 120_000);
