/**
 * Chapter 1 exercises. Every answer is computed by the engine from the variant's
 * parameters; the chapter's MDX holds the prompts, hints and solutions, whose
 * numbers come from `vars` so they always match the variant shown.
 */
import { defineExercise, type Exercise } from '../../src/lib/exercises/types';
import { narrowSpec } from '../../engine/core/params';
import { feedbackMultiplier, feedbackMultiplierParams as fm } from '../../engine/loop/feedbackMultiplier';
import { criticalLeverage, leverageTargeting, leverageTargetingParams as lt } from '../../engine/loop/leverageTargeting';
import {
  thresholdCascade,
  thresholdPopulation,
  smallestShockLiquidating,
  thresholdCascadeParams as tc,
  thresholdPopulationParams as tp,
  type ThresholdPopulation,
} from '../../engine/loop/thresholdCascade';
import { defaultParams } from '../../engine/core/params';

const f = (x: number, digits = 2) => Number.parseFloat(x.toFixed(digits)).toString();
const pct = (x: number, digits = 2) => `${f(x * 100, digits)} %`;

export const loopGain = defineExercise({
  id: 'ch1-loop-gain',
  chapter: 'leverage-loop',
  title: 'Reading the loop gain',
  difficulty: 1,
  kind: 'numeric',
  params: {
    sensitivity: narrowSpec(fm.sensitivity, { min: 10, max: 150, step: 5, default: 40 }),
    impact: narrowSpec(fm.impact, { min: 0.002, max: 0.02, step: 0.0005, default: 0.015 }),
  },
  defaults: { sensitivity: 40, impact: 0.015 },
  vars: (p) => ({ k: f(p.sensitivity, 0), lambda: f(p.impact, 4), g: f(p.sensitivity * p.impact, 4), stable: p.sensitivity * p.impact < 1 ? 'below 1, so the loop converges' : 'at least 1, so the loop explodes' }),
  answer: (p) => feedbackMultiplier({ shock: 0.01, sensitivity: p.sensitivity, impact: p.impact, rounds: 1 }).gain,
  tolerance: { rel: 0.005, abs: 1e-4 },
  answerUnit: '',
  answerLabel: 'Loop gain g',
  answerVar: 'g',
  widget: { id: 'multiplier', instance: 'multiplier', preset: (p) => ({ sensitivity: p.sensitivity, impact: p.impact }) },
});

export const totalMove = defineExercise({
  id: 'ch1-total-move',
  chapter: 'leverage-loop',
  title: 'From a shock to the total move',
  difficulty: 1,
  kind: 'numeric',
  params: {
    shock: narrowSpec(fm.shock, { min: 0.005, max: 0.05, step: 0.005, default: 0.02 }),
    sensitivity: narrowSpec(fm.sensitivity, { min: 20, max: 80, step: 5, default: 50 }),
    impact: narrowSpec(fm.impact, { min: 0.004, max: 0.012, step: 0.001, default: 0.01 }),
  },
  defaults: { shock: 0.02, sensitivity: 50, impact: 0.01 },
  vars: (p) => {
    const r = feedbackMultiplier({ ...p, rounds: 1 });
    return { s: pct(p.shock, 1), k: f(p.sensitivity, 0), lambda: f(p.impact, 3), g: f(r.gain, 3), mult: f(r.multiplier, 4), total: pct(r.total, 2) };
  },
  answer: (p) => feedbackMultiplier({ ...p, rounds: 1 }).total * 100,
  tolerance: { rel: 0.01, abs: 0.005 },
  answerUnit: '%',
  answerLabel: 'Total move',
  answerVar: 'total',
  widget: { id: 'multiplier', instance: 'multiplier', preset: (p) => ({ ...p }) },
});

export const roundsTo99 = defineExercise({
  id: 'ch1-rounds-to-99',
  chapter: 'leverage-loop',
  title: 'How long does the loop take?',
  difficulty: 2,
  kind: 'numeric',
  params: {
    sensitivity: narrowSpec(fm.sensitivity, { min: 40, max: 90, step: 5, default: 75 }),
    impact: narrowSpec(fm.impact, { min: 0.01, max: 0.01, step: 0.0005, default: 0.01 }),
  },
  defaults: { sensitivity: 75, impact: 0.01 },
  vars: (p) => {
    const r = feedbackMultiplier({ shock: 0.01, ...p, rounds: 200 });
    const n = r.roundsTo99 ?? 0;
    return { k: f(p.sensitivity, 0), lambda: f(p.impact, 3), g: f(r.gain, 3), n: String(n), n1: String(n + 1), gpow: f(r.gain ** (n + 1), 4), gpowPrev: f(r.gain ** n, 4) };
  },
  answer: (p) => feedbackMultiplier({ shock: 0.01, ...p, rounds: 200 }).roundsTo99 ?? 0,
  tolerance: { abs: 0 },
  answerUnit: 'rounds',
  answerLabel: 'Last round needed',
  answerVar: 'n',
});

export const criticalLeverageEx = defineExercise({
  id: 'ch1-critical-leverage',
  chapter: 'leverage-loop',
  title: 'The leverage at which the loop explodes',
  difficulty: 2,
  kind: 'numeric',
  params: {
    assets: narrowSpec(lt.assets, { min: 200, max: 2000, step: 100, default: 1000 }),
    impact: narrowSpec(lt.impact, { min: 0.002, max: 0.01, step: 0.001, default: 0.005 }),
  },
  defaults: { assets: 1000, impact: 0.005 },
  vars: (p) => ({ A: f(p.assets, 0), lambda: f(p.impact, 3), kPerL: f(0.01 * p.assets, 2), gPerL: f(0.01 * p.assets * p.impact, 4), Lstar: f(criticalLeverage(p.assets, p.impact), 2) }),
  answer: (p) => criticalLeverage(p.assets, p.impact),
  tolerance: { rel: 0.005 },
  answerUnit: '×',
  answerLabel: 'Critical leverage L*',
  answerVar: 'Lstar',
  widget: { id: 'leverage-targeting', instance: 'leverage-targeting', preset: (p) => ({ assets: p.assets, impact: p.impact }) },
});

/** The four-holder market of the hand-worked cascade exercise. */
export const handMarket: ThresholdPopulation = (() => {
  const thresholds = Float64Array.from([0.02, 0.03, 0.04, 0.12]);
  const sizes = Float64Array.from([20, 20, 20, 20]);
  const cumulative = new Float64Array(5);
  for (let i = 0; i < 4; i++) cumulative[i + 1] = cumulative[i]! + sizes[i]!;
  return { thresholds, sizes, cumulative, total: 80 };
})();

export const handCascade = defineExercise({
  id: 'ch1-hand-cascade',
  chapter: 'leverage-loop',
  title: 'A cascade by hand',
  difficulty: 2,
  kind: 'numeric',
  params: {
    shock: narrowSpec(tc.shock, { min: 0.02, max: 0.03, step: 0.005, default: 0.025 }),
    depth: narrowSpec(tc.depth, { min: 20, max: 40, step: 10, default: 40 }),
  },
  defaults: { shock: 0.025, depth: 40 },
  vars: (p) => {
    const r = thresholdCascade(handMarket, p);
    const perHolder = (0.01 * 20) / p.depth;
    return {
      s: pct(p.shock, 1),
      D: f(p.depth, 0),
      step: pct(perHolder, 2),
      final: pct(r.finalMove, 2),
      holders: String(r.accountsLiquidated),
      rounds: String(r.roundCount),
    };
  },
  answer: (p) => thresholdCascade(handMarket, p).finalMove * 100,
  tolerance: { abs: 0.01 },
  answerUnit: '%',
  answerLabel: 'Final fall',
  answerVar: 'final',
});

export const stability = defineExercise({
  id: 'ch1-stability',
  chapter: 'leverage-loop',
  title: 'Converge or explode?',
  difficulty: 1,
  kind: 'choice',
  params: {
    sensitivity: narrowSpec(fm.sensitivity, { min: 20, max: 120, step: 10, default: 80 }),
    impact: narrowSpec(fm.impact, { min: 0.005, max: 0.02, step: 0.0025, default: 0.015 }),
  },
  defaults: { sensitivity: 80, impact: 0.015 },
  vars: (p) => ({ k: f(p.sensitivity, 0), lambda: f(p.impact, 4), g: f(p.sensitivity * p.impact, 3) }),
  options: () => [
    { value: 'converges', label: 'The loop converges to a finite total move' },
    { value: 'explodes', label: 'The loop explodes: each round is at least as large as the last' },
  ],
  answer: (p) => (feedbackMultiplier({ shock: 0.01, ...p, rounds: 1 }).stable ? 'converges' : 'explodes'),
});

/** Default population of the cascade widget, built once for the smallest-shock exercise. */
let defaultPopulation: ThresholdPopulation | null = null;
function cascadePopulation(): ThresholdPopulation {
  defaultPopulation ??= thresholdPopulation(defaultParams(tp));
  return defaultPopulation;
}

/** The smallest-shock search runs hundreds of cascades; answer keys ask for it once per student, so remember it by depth. */
const smallestByDepth = new Map<number, number | null>();
function smallestShockAt(depth: number): number | null {
  if (!smallestByDepth.has(depth)) smallestByDepth.set(depth, smallestShockLiquidating(cascadePopulation(), depth, 0.5, 0.5, 0.001));
  return smallestByDepth.get(depth)!;
}

export const smallestShock = defineExercise({
  id: 'ch1-smallest-shock',
  chapter: 'leverage-loop',
  title: 'Find the smallest shock that empties the cluster',
  difficulty: 3,
  kind: 'numeric',
  params: {
    depth: narrowSpec(tc.depth, { min: 40, max: 100, step: 10, default: 60 }),
  },
  defaults: { depth: 60 },
  vars: (p) => {
    const s = smallestShockAt(p.depth);
    return { D: f(p.depth, 0), answer: s === null ? 'none below 50 %' : pct(s, 1) };
  },
  answer: (p) => (smallestShockAt(p.depth) ?? 0.5) * 100,
  tolerance: { abs: 0.1 },
  answerUnit: '%',
  answerLabel: 'Smallest shock',
  answerVar: 'answer',
  widget: { id: 'threshold-cascade', instance: 'threshold-cascade', preset: (p) => ({ depth: p.depth }) },
});

export const tuneMultiplier = defineExercise({
  id: 'ch1-tune-multiplier',
  chapter: 'leverage-loop',
  title: 'Experiment: make a 2 % shock into a 10 % move',
  difficulty: 2,
  kind: 'experiment',
  target: 'multiplier-experiment',
  params: {
    targetMove: { ...narrowSpec(fm.shock, { min: 0.06, max: 0.12, step: 0.01, default: 0.1 }), label: 'Target move' },
  },
  defaults: { targetMove: 0.1 },
  vars: (p) => ({ target: pct(p.targetMove, 0), mult: f(p.targetMove / 0.02, 2), g: f(1 - 0.02 / p.targetMove, 3) }),
  check: (v, p) => {
    const shock = Number(v.shock);
    if (Math.abs(shock - 0.02) > 1e-9) return { ok: false, message: 'Keep the initial shock at 2 %.' };
    const r = feedbackMultiplier({ shock, sensitivity: Number(v.sensitivity), impact: Number(v.impact), rounds: 1 });
    if (!r.stable) return { ok: false, message: 'The loop is unstable (g ≥ 1): the move never settles. Lower k or λ.' };
    const total = r.total;
    if (Math.abs(total - p.targetMove) <= 0.005) return { ok: true, message: `Done: g = ${f(r.gain, 3)} gives a total move of ${pct(total, 2)}.` };
    return { ok: false, message: `The total move is ${pct(total, 2)}; it should be within 0.5 points of ${pct(p.targetMove, 0)}.` };
  },
});

export const leverageParts = defineExercise({
  id: 'ch1-leverage-parts',
  chapter: 'leverage-loop',
  title: 'A leveraged fund, step by step',
  difficulty: 2,
  kind: 'multi',
  params: {
    assets: narrowSpec(lt.assets, { min: 200, max: 2000, step: 100, default: 1000 }),
    impact: narrowSpec(lt.impact, { min: 0.002, max: 0.01, step: 0.0005, default: 0.005 }),
    leverage: narrowSpec(lt.leverage, { min: 2, max: 12, step: 1, default: 8 }),
  },
  defaults: { assets: 1000, impact: 0.005, leverage: 8 },
  vars: (p) => {
    const r = leverageTargeting({ ...p, shock: 0.01 });
    return { A: f(p.assets, 0), lambda: f(p.impact, 4), L: f(p.leverage, 0), Lm1: f(p.leverage - 1, 0), k: f(r.salesPerPercent, 2), g: f(r.gain, 4), Lstar: f(r.criticalLeverage, 2), verdict: r.gain < 1 ? 'below its critical leverage, so the loop converges' : 'at or above its critical leverage, so the loop explodes' };
  },
  parts: [
    { key: 'a', label: 'Forced sales per 1 % fall', unit: '$M', answer: (p) => leverageTargeting({ ...p, shock: 0.01 }).salesPerPercent, tolerance: { rel: 0.005, abs: 0.01 }, answerVar: 'k' },
    { key: 'b', label: 'Loop gain g', unit: '', answer: (p) => leverageTargeting({ ...p, shock: 0.01 }).gain, tolerance: { rel: 0.005, abs: 1e-4 }, answerVar: 'g' },
    { key: 'c', label: 'Critical leverage L*', unit: '×', answer: (p) => leverageTargeting({ ...p, shock: 0.01 }).criticalLeverage, tolerance: { rel: 0.005 }, answerVar: 'Lstar' },
  ],
  widget: { id: 'leverage-targeting', instance: 'leverage-targeting', preset: (p) => ({ assets: p.assets, impact: p.impact, leverage: p.leverage }) },
});

/** Chapter 1 exercises in the order they appear (the multi-part one is used on its own page and in assignments). */
export const exercises: Exercise<any>[] = [loopGain, totalMove, stability, roundsTo99, criticalLeverageEx, handCascade, smallestShock, tuneMultiplier, leverageParts];
