/**
 * Chapter 5 exercises. Every answer is computed by the engine from the variant's
 * parameters; the chapter's MDX holds the prompts, hints and solutions, whose
 * numbers come from `vars` so they always match the variant shown.
 */
import { defineExercise, type Exercise } from '../../src/lib/exercises/types';
import { narrowSpec, defaultParams } from '../../engine/core/params';
import { clearingVector } from '../../engine/contagion/eisenbergNoe';
import { debtRank, debtRankParams } from '../../engine/contagion/debtRank';
import { perronRoot } from '../../engine/contagion/perron';
import { twoBankParams as tb, twoBankSystem, debtRankChain, mutualExposureParams as me, mutualLeverageMatrix } from '../../engine/contagion/handExamples';
import { gaiKapadiaParams as gk } from '../../engine/contagion/gaiKapadia';
import { maxVulnerableDegree, gaiKapadiaAnalyticWindow } from '../../engine/contagion/gaiKapadiaAnalytic';
import { crossMarginContagion, crossMarginContagionParams as cm, crossMarginTriggerFall, crossMarginSafeLeverage } from '../../engine/contagion/crossMargin';
import { fireSaleParams as fs } from '../../engine/contagion/fireSales';
import { fireSaleBufferCurve } from '../../engine/contagion/fireSaleRounds';
import { linspace } from '../../engine/core/numeric';

const f = (x: number, digits = 2) => Number.parseFloat(x.toFixed(digits)).toString();
const pct = (x: number, digits = 2) => `${f(x * 100, digits)} %`;

/** Preset of the cross-margin widget (CrossMarginWidget.svelte bakes in the same values). */
const CROSS_PRESET = { ...defaultParams(cm), maxLeverage: 10, impactA: 0.3, impactB: 0.3 };

export const enOneDefault = defineExercise({
  id: 'ch5-en-one-default',
  chapter: 'contagion',
  title: 'Clearing two banks by hand',
  difficulty: 1,
  kind: 'numeric',
  params: {
    externalAssetsA: narrowSpec(tb.externalAssetsA, { min: 2, max: 6, step: 0.5, default: 4 }),
    externalAssetsB: narrowSpec(tb.externalAssetsB, { min: 8, max: 12, step: 0.5, default: 9 }),
  },
  defaults: { externalAssetsA: 4, externalAssetsB: 9 },
  vars: (p) => {
    const r = clearingVector(twoBankSystem(p));
    const pA = r.payments[0]!;
    return {
      eA: f(p.externalAssetsA, 1),
      eB: f(p.externalAssetsB, 1),
      assetsA: f(p.externalAssetsA + 2, 2),
      pA: f(pA, 2),
      toB: f(r.interbankPayments[0]!, 2),
      toDep: f(r.externalPayments[0]!, 2),
      assetsB: f(p.externalAssetsB + r.interbankPayments[0]!, 2),
      eqB: f(r.equity[1]!, 2),
    };
  },
  answer: (p) => clearingVector(twoBankSystem(p)).interbankPayments[0]!,
  tolerance: { abs: 0.01 },
  answerUnit: '$bn',
  answerLabel: 'Payment from A to B',
  answerVar: 'toB',
});

export const enTwoDefaults = defineExercise({
  id: 'ch5-en-two-defaults',
  chapter: 'contagion',
  title: 'When the creditor defaults too',
  difficulty: 2,
  kind: 'numeric',
  params: {
    externalAssetsA: narrowSpec(tb.externalAssetsA, { min: 2, max: 5, step: 0.5, default: 4 }),
    externalAssetsB: narrowSpec(tb.externalAssetsB, { min: 3, max: 5.5, step: 0.5, default: 5 }),
  },
  defaults: { externalAssetsA: 4, externalAssetsB: 5 },
  vars: (p) => {
    const r = clearingVector(twoBankSystem(p));
    return {
      eA: f(p.externalAssetsA, 1),
      eB: f(p.externalAssetsB, 1),
      assetsA: f(p.externalAssetsA + 2, 2),
      assetsB1: f(p.externalAssetsB + 0.6 * (p.externalAssetsA + 2), 2),
      pA: f(r.payments[0]!, 3),
      pB: f(r.payments[1]!, 3),
      rhs: f(p.externalAssetsA + 0.2 * p.externalAssetsB, 2),
      depB: f(r.externalPayments[1]!, 3),
    };
  },
  answer: (p) => clearingVector(twoBankSystem(p)).payments[1]!,
  tolerance: { abs: 0.005 },
  answerUnit: '$bn',
  answerLabel: 'Total payment of bank B',
  answerVar: 'pB',
});

export const seniority = defineExercise({
  id: 'ch5-seniority',
  chapter: 'contagion',
  title: 'Depositors first',
  difficulty: 2,
  kind: 'numeric',
  params: {
    externalAssetsA: narrowSpec(tb.externalAssetsA, { min: 3, max: 6, step: 0.5, default: 4 }),
    externalAssetsB: narrowSpec(tb.externalAssetsB, { min: 10, max: 12, step: 0.5, default: 11 }),
  },
  defaults: { externalAssetsA: 4, externalAssetsB: 11 },
  vars: (p) => {
    const senior = clearingVector({ ...twoBankSystem(p), externalSeniority: 'senior' });
    const pari = clearingVector(twoBankSystem(p));
    return {
      eA: f(p.externalAssetsA, 1),
      eB: f(p.externalAssetsB, 1),
      assetsA: f(p.externalAssetsA + 2, 2),
      toB: f(senior.interbankPayments[0]!, 2),
      toBpari: f(pari.interbankPayments[0]!, 2),
      diff: f(pari.interbankPayments[0]! - senior.interbankPayments[0]!, 2),
    };
  },
  answer: (p) => clearingVector({ ...twoBankSystem(p), externalSeniority: 'senior' }).interbankPayments[0]!,
  tolerance: { abs: 0.01 },
  answerUnit: '$bn',
  answerLabel: 'Payment from A to B',
  answerVar: 'toB',
});

export const debtRankByHand = defineExercise({
  id: 'ch5-debtrank-chain',
  chapter: 'contagion',
  title: 'DebtRank along a chain',
  difficulty: 2,
  kind: 'numeric',
  params: {
    shock: narrowSpec(debtRankParams.shock, { min: 0.1, max: 0.8, step: 0.05, default: 0.4 }),
  },
  defaults: { shock: 0.4 },
  vars: (p) => {
    const r = debtRank(debtRankChain(p.shock));
    return {
      h: pct(p.shock, 0),
      h2: pct(r.distress[1]!, 1),
      h1: pct(r.distress[0]!, 1),
      loss: pct(r.equityLoss, 2),
      initial: pct(r.initialLoss, 2),
      added: pct(r.debtRank, 2),
    };
  },
  answer: (p) => debtRank(debtRankChain(p.shock)).equityLoss * 100,
  tolerance: { abs: 0.01 },
  answerUnit: '%',
  answerLabel: 'Share of all equity lost',
  answerVar: 'loss',
});

export const lambdaMax = defineExercise({
  id: 'ch5-lambda-max',
  chapter: 'contagion',
  title: 'Is the loop between two banks stable?',
  difficulty: 2,
  kind: 'numeric',
  params: {
    lambda12: narrowSpec(me.lambda12, { min: 0.5, max: 3, step: 0.25, default: 1.5 }),
    lambda21: narrowSpec(me.lambda21, { min: 0.1, max: 1, step: 0.05, default: 0.5 }),
  },
  defaults: { lambda12: 1.5, lambda21: 0.5 },
  vars: (p) => {
    const l = perronRoot(mutualLeverageMatrix(p)).value;
    return {
      l12: f(p.lambda12, 2),
      l21: f(p.lambda21, 2),
      prod: f(p.lambda12 * p.lambda21, 4),
      lmax: f(l, 3),
      verdict: l < 1 ? 'below 1, so losses stay bounded: every loss comes back smaller each time it goes round the loop' : 'at least 1, so each trip round the loop returns a loss at least as large as the one sent out: the linear dynamics do not settle until a bank is wiped out',
    };
  },
  answer: (p) => perronRoot(mutualLeverageMatrix(p)).value,
  tolerance: { abs: 0.002 },
  answerUnit: '',
  answerLabel: 'Largest eigenvalue of Λ',
  answerVar: 'lmax',
});

export const vulnerableDegree = defineExercise({
  id: 'ch5-gk-vulnerable',
  chapter: 'contagion',
  title: 'How many debtors make a bank safe?',
  difficulty: 1,
  kind: 'numeric',
  params: {
    interbankShare: narrowSpec(gk.interbankShare, { min: 0.1, max: 0.4, step: 0.05, default: 0.2 }),
    capitalBuffer: narrowSpec(gk.capitalBuffer, { min: 0.02, max: 0.08, step: 0.005, default: 0.04 }),
  },
  defaults: { interbankShare: 0.2, capitalBuffer: 0.04 },
  vars: (p) => {
    const J = maxVulnerableDegree(p);
    return {
      theta: pct(p.interbankShare, 0),
      gamma: pct(p.capitalBuffer, 1),
      ratio: f(p.interbankShare / p.capitalBuffer, 3),
      J: String(J),
      J1: String(J + 1),
      lossJ1: pct(p.interbankShare / (J + 1), 2),
    };
  },
  answer: (p) => maxVulnerableDegree(p),
  tolerance: { abs: 0 },
  answerUnit: 'debtors',
  answerLabel: 'Largest vulnerable number of debtors',
  answerVar: 'J',
});

export const tieRule = defineExercise({
  id: 'ch5-gk-tie',
  chapter: 'contagion',
  title: 'Does the tie rule matter?',
  difficulty: 2,
  kind: 'choice',
  params: {
    interbankShare: narrowSpec(gk.interbankShare, { min: 0.1, max: 0.4, step: 0.05, default: 0.2 }),
    capitalBuffer: narrowSpec(gk.capitalBuffer, { min: 0.02, max: 0.08, step: 0.01, default: 0.04 }),
  },
  defaults: { interbankShare: 0.2, capitalBuffer: 0.04 },
  vars: (p) => {
    const a = gaiKapadiaAnalyticWindow({ ...p });
    const b = gaiKapadiaAnalyticWindow({ ...p, defaultRule: 'net-worth-negative' });
    const edge = (x: number | null) => (x === null ? 'none' : f(x, 2));
    return {
      theta: pct(p.interbankShare, 0),
      gamma: pct(p.capitalBuffer, 0),
      ratio: f(p.interbankShare / p.capitalBuffer, 3),
      Ja: String(a.maxVulnerableDegree ?? '∞'),
      Jb: String(b.maxVulnerableDegree ?? '∞'),
      upperA: edge(a.upper),
      upperB: edge(b.upper),
    };
  },
  options: () => [
    { value: 'narrower', label: 'The window shrinks: contagion becomes possible over a smaller range of degrees' },
    { value: 'unchanged', label: 'Nothing changes' },
    { value: 'wider', label: 'The window grows' },
  ],
  answer: (p) => {
    const a = gaiKapadiaAnalyticWindow({ ...p });
    const b = gaiKapadiaAnalyticWindow({ ...p, defaultRule: 'net-worth-negative' });
    const width = (w: typeof a) => (w.lower === null ? 0 : (w.upper ?? Infinity) - w.lower);
    const d = width(b) - width(a);
    return Math.abs(d) < 1e-9 ? 'unchanged' : d < 0 ? 'narrower' : 'wider';
  },
});

export const crossTrigger = defineExercise({
  id: 'ch5-cross-trigger',
  chapter: 'contagion',
  title: 'When does a fall in A sell B?',
  difficulty: 2,
  kind: 'numeric',
  params: {
    weightB: narrowSpec(cm.weightB, { min: 0.2, max: 0.6, step: 0.1, default: 0.5 }),
    maxLeverage: narrowSpec(cm.maxLeverage, { min: 5, max: 12, step: 1, default: 10 }),
    maintenanceMargin: narrowSpec(cm.maintenanceMargin, { min: 0.02, max: 0.06, step: 0.01, default: 0.05 }),
  },
  defaults: { weightB: 0.5, maxLeverage: 10, maintenanceMargin: 0.05 },
  vars: (p) => {
    const q = { weightB: p.weightB, leverage: p.maxLeverage, maintenanceMargin: p.maintenanceMargin };
    const cross = crossMarginTriggerFall({ ...q, marginMode: 'cross' })!;
    const iso = crossMarginTriggerFall({ ...q, marginMode: 'isolated' })!;
    const d = 1 - 1 / p.maxLeverage;
    return {
      w: pct(p.weightB, 0),
      wA: pct(1 - p.weightB, 0),
      L: f(p.maxLeverage, 0),
      m: pct(p.maintenanceMargin, 0),
      d: f(d, 4),
      vStar: f(d / (1 - p.maintenanceMargin), 4),
      iso: pct(iso, 2),
      cross: pct(cross, 2),
    };
  },
  answer: (p) => crossMarginTriggerFall({ weightB: p.weightB, leverage: p.maxLeverage, maintenanceMargin: p.maintenanceMargin, marginMode: 'cross' })! * 100,
  tolerance: { abs: 0.02 },
  answerUnit: '%',
  answerLabel: 'Fall in A that liquidates the account',
  answerVar: 'cross',
});

export const leverageCap = defineExercise({
  id: 'ch5-leverage-cap',
  chapter: 'contagion',
  title: 'Experiment: a leverage cap that keeps B out of it',
  difficulty: 2,
  kind: 'experiment',
  target: 'cross-margin-experiment',
  params: {
    shockA: narrowSpec(cm.shockA, { min: 0.15, max: 0.25, step: 0.05, default: 0.2 }),
  },
  defaults: { shockA: 0.2 },
  vars: (p) => {
    const safe = crossMarginSafeLeverage({ ...CROSS_PRESET, shockA: p.shockA }, 0.01);
    return { shock: pct(p.shockA, 0), safe: safe === null ? 'none' : `${f(safe, 1)}×` };
  },
  check: (v, p) => {
    if (v.marginMode !== 'cross') return { ok: false, message: 'Keep the margin mode on cross margin: the point is to find a leverage cap that works without isolating the assets.' };
    if (Math.abs(Number(v.shockA) - p.shockA) > 1e-9) return { ok: false, message: `Keep the fall in A at ${pct(p.shockA, 0)}.` };
    const keys = ['weightB', 'maintenanceMargin', 'crossAccounts', 'bOnlyAccounts', 'impactA', 'impactB'] as const;
    for (const k of keys) {
      if (Math.abs(Number(v[k]) - Number(CROSS_PRESET[k])) > 1e-9) return { ok: false, message: 'Change only the highest leverage: press Reset on the widget to restore the other settings.' };
    }
    const r = crossMarginContagion({ ...CROSS_PRESET, shockA: p.shockA, maxLeverage: Number(v.maxLeverage) });
    const fallB = 1 - r.finalPriceB;
    if (fallB < 0.01) return { ok: true, message: `Done: with leverage up to ${f(Number(v.maxLeverage), 1)}×, B falls only ${pct(fallB, 2)}.` };
    return { ok: false, message: `B still falls ${pct(fallB, 1)}: lower the highest leverage.` };
  },
});

/** Buffer curves of the fire-sale example by price impact (a handful of variants; each curve costs 62 equilibria). */
const bufferCurves = new Map<number, ReturnType<typeof fireSaleBufferCurve>>();
function bufferCurve(priceImpact: number): ReturnType<typeof fireSaleBufferCurve> {
  let c = bufferCurves.get(priceImpact);
  if (!c) {
    c = fireSaleBufferCurve({ capitalRatio: fs.capitalRatio.default, priceImpact, fundamentalPrice: fs.fundamentalPrice.default, banks: 10 }, linspace(0, 0.3, 31));
    bufferCurves.set(priceImpact, c);
  }
  return c;
}

export const cashBuffer = defineExercise({
  id: 'ch5-cash-buffer',
  chapter: 'contagion',
  title: 'How much cash stops the spiral?',
  difficulty: 3,
  kind: 'numeric',
  params: {
    priceImpact: narrowSpec(fs.priceImpact, { min: 0.04, max: 0.08, step: 0.01, default: 0.06 }),
  },
  defaults: { priceImpact: 0.06 },
  vars: (p) => {
    const c = bufferCurve(p.priceImpact);
    const cash = c.find((x) => x.failedCash === 0);
    const cap = c.find((x) => x.failedCapital === 0);
    return {
      alpha: f(p.priceImpact, 2),
      cash: cash ? pct(cash.buffer, 0) : 'more than 30 %',
      capital: cap ? pct(cap.buffer, 0) : 'more than 30 %',
      price0: f(c[0]!.priceCash, 3),
    };
  },
  answer: (p) => {
    const c = bufferCurve(p.priceImpact);
    return (c.find((x) => x.failedCash === 0)?.buffer ?? 0.31) * 100;
  },
  tolerance: { abs: 0.5 },
  answerUnit: '%',
  answerLabel: 'Smallest cash buffer',
  answerVar: 'cash',
  widget: { id: 'fire-sale', instance: 'fire-sale', preset: (p) => ({ priceImpact: p.priceImpact }) },
});

/** Chapter 5 exercises in the order they appear. */
export const exercises: Exercise<any>[] = [crossTrigger, leverageCap, cashBuffer, enOneDefault, enTwoDefaults, seniority, debtRankByHand, lambdaMax, vulnerableDegree, tieRule];
