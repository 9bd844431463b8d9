/**
 * Chapter 1 budgets (issue #2): each widget recomputes in < 4 ms median at default
 * parameters; the threshold cascade handles 100,000 holders in < 50 ms.
 * Run with `npm run bench`; timings are reported against budgets, not asserted.
 */
import { test } from 'vitest';
import { withinBudget } from './budget';
import { defaultParams } from '../engine/core/params';
import { linspace } from '../engine/core/numeric';
import { feedbackMultiplier, feedbackMultiplierParams } from '../engine/loop/feedbackMultiplier';
import { leverageTargeting, leverageTargetingParams, multiplierByLeverage } from '../engine/loop/leverageTargeting';
import {
  thresholdPopulation,
  thresholdCascade,
  cascadeResponseCurve,
  thresholdHistogram,
  thresholdPopulationParams,
  thresholdCascadeParams,
} from '../engine/loop/thresholdCascade';

const popDefaults = defaultParams(thresholdPopulationParams);
const cascadeDefaults = defaultParams(thresholdCascadeParams);

test('Chapter 1 widgets at default parameters (budget 4 ms each)', async ({ bench }) => {
  await withinBudget(bench, 'multiplier widget: feedbackMultiplier', 4, () => feedbackMultiplier(defaultParams(feedbackMultiplierParams)));
  await withinBudget(bench, 'leverage widget: leverageTargeting + 157-point curve', 4, () => {
    const p = defaultParams(leverageTargetingParams);
    leverageTargeting(p);
    return multiplierByLeverage(p.assets, p.impact, linspace(1, 40, 157));
  });
  const pop = thresholdPopulation(popDefaults);
  await withinBudget(bench, 'cascade widget, shock or depth change: cascade + histogram + 201-shock curve', 4, () => {
    thresholdCascade(pop, cascadeDefaults);
    thresholdHistogram(pop, 60, 0.44);
    return cascadeResponseCurve(pop, cascadeDefaults.depth, linspace(0, 0.44, 201));
  });
  await withinBudget(bench, 'cascade widget, population change: new 5,000 holders + the above', 4, () => {
    const p2 = thresholdPopulation({ ...popDefaults, seed: 8 });
    thresholdCascade(p2, cascadeDefaults);
    thresholdHistogram(p2, 60, 0.44);
    return cascadeResponseCurve(p2, cascadeDefaults.depth, linspace(0, 0.44, 201));
  });
});

test('threshold cascade with 100,000 holders (budget 50 ms)', async ({ bench }) => {
  await withinBudget(bench, 'generate and sort 100,000 holders, then run the cascade', 50, () => {
    const pop = thresholdPopulation({ ...popDefaults, holders: 100_000 });
    return thresholdCascade(pop, { ...cascadeDefaults, shock: 0.08 });
  });
  const big = thresholdPopulation({ ...popDefaults, holders: 100_000 });
  await withinBudget(bench, 'cascade only, 100,000 holders', 50, () => thresholdCascade(big, { ...cascadeDefaults, shock: 0.08 }));
  await withinBudget(bench, '201-shock response curve, 100,000 holders', 50, () => cascadeResponseCurve(big, cascadeDefaults.depth, linspace(0, 0.5, 201)));
});
