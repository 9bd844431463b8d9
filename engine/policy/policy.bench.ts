/**
 * Timing budget of the policy engine (issue #9), reported rather than asserted
 * (timings depend on the machine; Vitest 5 `bench` test-context fixture):
 *   a full comparison at the default size < 20 ms — baseline, each of the five
 *   tools alone and all together (7 runs of 1,800 steps on 10,000 positions).
 * Measured twice: with the market built inside the timed function (a new seed
 * or population) and with it built once (only the tools change).
 * Run: PATH=$PWD/node_modules/.bin:$PATH npx vitest bench --run engine/policy
 */
import { test } from 'vitest';
import { withinBudget } from '../../bench/budget';
import { comparePolicies } from './comparePolicies';
import { ccpClearing } from './ccp';
import { buildPolicyMarket } from './scenario';
import type { PolicyTools } from './tools';

const all: PolicyTools = { apcMargin: true, speedLimit: true, tradingHalt: true, priceBand: true, backstop: true };
const market = buildPolicyMarket({});

test('full comparison, default scenario, market built inside (budget 20 ms)', async ({ bench }) => {
  await withinBudget(bench, 'comparePolicies default (build + 7 runs)', 20, () => comparePolicies({}, all), 2000);
});

test('full comparison, default scenario, market built once (budget 20 ms)', async ({ bench }) => {
  await withinBudget(bench, 'comparePolicies default (7 runs)', 20, () => comparePolicies(market, all), 2000);
});

test('CCP clearing of a 50-bank network, gross / bilateral / CCP (no budget in the brief; reported)', async ({ bench }) => {
  const n = 50;
  const liabilities = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : ((i * 7 + j * 13) % 10) / 10)));
  const externalAssets = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0.5 : 3));
  const externalLiabilities = Array.from({ length: n }, () => 2);
  await withinBudget(bench, 'ccpClearing 50 banks', 20, () => ccpClearing({ liabilities, externalAssets, externalLiabilities, defaultFund: 5 }), 1000);
});
