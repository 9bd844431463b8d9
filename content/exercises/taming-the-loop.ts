/**
 * Chapter 6 exercises, in the order they appear. Every answer is computed by the engine
 * (engine/policy) from the variant's parameters; the chapter's MDX holds the prompts,
 * hints and solutions, whose numbers come from `vars`.
 */
import { defineExercise, type Exercise } from '../../src/lib/exercises/types';
import { defaultParams, narrowSpec } from '../../engine/core/params';
import { cascadeSpec } from '../../engine/leverage/cascade';
import {
  backstopCoverage,
  backstopSpec,
  buildPolicyMarket,
  ccpEfficiencySpec,
  ccpNettingEfficiency,
  chapterMarket,
  labTools,
  nettingExampleSpec,
  policyLabSpec,
  priceBandSpec,
  runPolicy,
  smallestFund,
  threeBankNetting,
  threeBankSpec,
  withShock,
  POLICY_SHOCK_PRESETS,
  type BackstopCoverage,
  type PolicyLabValues,
  type PolicyMarket,
} from '../../engine/policy';

const f = (x: number, digits = 2) => Number.parseFloat(x.toFixed(digits)).toString();
const pct = (x: number, digits = 2) => `${f(x * 100, digits)} %`;
const M = 1e6;

/** Variant space of the three-bank network: every obligation between 2 and 30 $bn. */
const tb = (k: keyof typeof threeBankSpec, d: number) => narrowSpec(threeBankSpec[k], { min: 2, max: 30, step: 1, default: d });
const threeBankParams = { ab: tb('ab', 12), ac: tb('ac', 5), ba: tb('ba', 7), bc: tb('bc', 9), ca: tb('ca', 4), cb: tb('cb', 8) };
const threeBankDefaults = { ab: 12, ac: 5, ba: 7, bc: 9, ca: 4, cb: 8 };

export const netPosition = defineExercise({
  id: 'ch6-net-position',
  chapter: 'taming-the-loop',
  title: 'A bank’s multilateral net position',
  difficulty: 1,
  kind: 'numeric',
  params: threeBankParams,
  defaults: threeBankDefaults,
  vars: (p) => {
    const r = threeBankNetting(p);
    return {
      ab: f(p.ab, 0), ac: f(p.ac, 0), ba: f(p.ba, 0), bc: f(p.bc, 0), ca: f(p.ca, 0), cb: f(p.cb, 0),
      recA: f(r.receivables[0]!, 0), payA: f(r.payables[0]!, 0), net: f(r.net[0]!, 0),
      netB: f(r.net[1]!, 0), netC: f(r.net[2]!, 0),
      side: r.net[0]! < 0 ? 'a net debtor: through a CCP it would pay this amount in and receive nothing' : r.net[0]! > 0 ? 'a net creditor: through a CCP it would receive this amount and pay nothing' : 'flat: through a CCP it would neither pay nor receive',
    };
  },
  answer: (p) => threeBankNetting(p).net[0]!,
  tolerance: { abs: 0.01 },
  answerUnit: '$bn',
  answerLabel: 'Net position of A',
  answerVar: 'net',
});

export const nettingRatio = defineExercise({
  id: 'ch6-netting-ratio',
  chapter: 'taming-the-loop',
  title: 'How much does netting remove?',
  difficulty: 2,
  kind: 'numeric',
  params: threeBankParams,
  defaults: threeBankDefaults,
  vars: (p) => {
    const r = threeBankNetting(p);
    return {
      ab: f(p.ab, 0), ac: f(p.ac, 0), ba: f(p.ba, 0), bc: f(p.bc, 0), ca: f(p.ca, 0), cb: f(p.cb, 0),
      gross: f(r.grossTotal, 0), bilateral: f(r.bilateralNetTotal, 0), multi: f(r.multilateralNetTotal, 0),
      netA: f(r.net[0]!, 0), netB: f(r.net[1]!, 0), netC: f(r.net[2]!, 0),
      ratio: pct(r.nettingRatio, 2), bilRatio: pct(1 - r.bilateralNetTotal / r.grossTotal, 2),
    };
  },
  answer: (p) => threeBankNetting(p).nettingRatio * 100,
  tolerance: { abs: 0.1 },
  answerUnit: '%',
  answerLabel: 'Netting ratio',
  answerVar: 'ratio',
});

const netDefaults = defaultParams(nettingExampleSpec);

export const ccpFund = defineExercise({
  id: 'ch6-ccp-fund',
  chapter: 'taming-the-loop',
  title: 'How large must the default fund be?',
  difficulty: 3,
  kind: 'numeric',
  params: {
    capital: narrowSpec(nettingExampleSpec.capital, { min: 2, max: 3, step: 0.5, default: 3 }),
    lossA: narrowSpec(nettingExampleSpec.lossA, { min: 16, max: 22, step: 1, default: 20 }),
  },
  defaults: { capital: 3, lossA: 20 },
  vars: (p) => {
    const q = { ...netDefaults, ...p };
    const d = q.deposits;
    const assetsA = d + q.capital + q.debtAC - p.lossA;
    const owesA = q.debtAC + d;
    const payA = (assetsA * q.debtAC) / owesA;
    const inflow = payA + q.debtBD;
    const owed = q.debtAC + q.debtBD;
    const F = smallestFund(q, 'no-contagion');
    return {
      c: f(p.capital, 1), L: f(p.lossA, 0), d: f(d, 0), debt: f(q.debtAC, 0), debtBD: f(q.debtBD, 0),
      assetsA: f(assetsA, 2), owesA: f(owesA, 0), payA: f(payA, 3), inflow: f(inflow, 3), owed: f(owed, 0),
      lossEach0: f(((owed - inflow) * q.debtAC) / owed, 3), F: f(F, 2),
    };
  },
  answer: (p) => smallestFund({ ...netDefaults, ...p }, 'no-contagion'),
  tolerance: { abs: 0.05 },
  answerUnit: '$bn',
  answerLabel: 'Smallest default fund',
  answerVar: 'F',
  widget: { id: 'netting', instance: 'netting', preset: (p) => ({ capital: p.capital, lossA: p.lossA }) },
});

/** A small market for questions about the first step of a band (the band does not depend on the population). */
let bandMarket: PolicyMarket | null = null;
function firstBand(width: number, shock: number): number {
  bandMarket ??= buildPolicyMarket({ positions: 100, steps: 60 });
  return runPolicy(withShock(bandMarket, { shock }), { priceBand: { width } }).bandLower![0]!;
}

export const bandFloor = defineExercise({
  id: 'ch6-band-floor',
  chapter: 'taming-the-loop',
  title: 'Where does the price band stop the first step?',
  difficulty: 1,
  kind: 'numeric',
  params: {
    width: narrowSpec(priceBandSpec.width, { min: 0.02, max: 0.1, step: 0.01, default: 0.05 }),
    shock: narrowSpec(cascadeSpec.shock, { min: 0.01, max: 0.08, step: 0.01, default: 0.03 }),
  },
  defaults: { width: 0.05, shock: 0.03 },
  vars: (p) => {
    const floor = firstBand(p.width, p.shock);
    const mid = 100 * (1 - p.shock);
    return {
      b: pct(p.width, 0), s: pct(p.shock, 0), mid: f(mid, 2), floor: f(floor, 2),
      room: mid > floor + 1e-9
        ? `The shock left the price at ${f(mid, 2)}, above the floor, so forced sales may push it down by another ${f(mid - floor, 2)} before the band stops them.`
        : `The shock alone already took the price to ${f(mid, 2)}, at or below the floor, so no forced sale can execute at all in the first step: every liquidation waits until the five-minute average has come down.`,
    };
  },
  answer: (p) => firstBand(p.width, p.shock),
  tolerance: { abs: 0.01 },
  answerUnit: '$',
  answerLabel: 'Lowest price in the first step',
  answerVar: 'floor',
  widget: { id: 'policy-compare', instance: 'policy-compare', preset: (p) => ({ tool: 'priceBand', width: p.width, shock: p.shock }) },
});

/** Backstop runs are the chapter market's full harness: remember them by shock and size. */
const coverage = new Map<string, BackstopCoverage>();
function cover(shock: number, capacity: number): BackstopCoverage {
  const key = `${shock}|${capacity}`;
  let c = coverage.get(key);
  if (!c) {
    c = backstopCoverage(withShock(chapterMarket(), { shock }), capacity);
    coverage.set(key, c);
  }
  return c;
}

export const backstopCovers = defineExercise({
  id: 'ch6-backstop-covers',
  chapter: 'taming-the-loop',
  title: 'Is the backstop big enough?',
  difficulty: 2,
  kind: 'choice',
  params: {
    shock: narrowSpec(cascadeSpec.shock, { min: 0.02, max: 0.04, step: 0.005, default: 0.03 }),
    capacity: narrowSpec(backstopSpec.capacity, { min: 5_000_000, max: 40_000_000, step: 5_000_000, default: 15_000_000 }),
  },
  defaults: { shock: 0.03, capacity: 15_000_000 },
  vars: (p) => {
    const c = cover(p.shock, p.capacity);
    return {
      s: pct(p.shock, 1), K: f(p.capacity / M, 0), needed: f(c.needed / M, 2), neededNotional: f(c.neededNotional / M, 2),
      peak: pct(c.peak, 2),
      verdict: c.stopsAtShock
        ? `Yes. The backstop has ${f(p.capacity / M, 0)} $M and needs ${f(c.needed / M, 2)} $M, so it takes every forced sale the shock triggers; nothing reaches the book and the peak stays at the shock, ${pct(c.peak, 2)}.`
        : `No. It would need ${f(c.needed / M, 2)} $M but has ${f(p.capacity / M, 0)} $M. The rest of the forced sales reach the book, move the price beyond the shock and trigger more positions: the peak is ${pct(c.peak, 2)}.`,
    };
  },
  options: () => [
    { value: 'stops', label: 'Yes: the cascade stops at the shock' },
    { value: 'continues', label: 'No: forced sales still reach the book and the price moves beyond the shock' },
  ],
  answer: (p) => (cover(p.shock, p.capacity).stopsAtShock ? 'stops' : 'continues'),
  widget: { id: 'policy-compare', instance: 'policy-compare', preset: (p) => ({ tool: 'backstop', shock: p.shock, capacity: p.capacity }) },
});

export const ccpBreakEven = defineExercise({
  id: 'ch6-ccp-break-even',
  chapter: 'taming-the-loop',
  title: 'When does a CCP for one class pay off?',
  difficulty: 2,
  kind: 'numeric',
  params: {
    classes: narrowSpec(ccpEfficiencySpec.classes, { min: 2, max: 6, default: 4 }),
    cleared: narrowSpec(ccpEfficiencySpec.cleared, { min: 1, max: 2, default: 1 }),
  },
  defaults: { classes: 4, cleared: 1 },
  vars: (p) => {
    const gap = Math.sqrt(p.classes) - Math.sqrt(p.classes - p.cleared);
    const N = ccpNettingEfficiency({ dealers: 2, classes: p.classes, clearedClasses: p.cleared }).breakEvenDealers!;
    return { K: f(p.classes, 0), k: f(p.cleared, 0), Kk: f(p.classes - p.cleared, 0), gap: f(gap, 4), bound: f(p.cleared / (gap * gap), 3), N: String(N), Nm1: String(N - 1) };
  },
  answer: (p) => ccpNettingEfficiency({ dealers: 2, classes: p.classes, clearedClasses: p.cleared }).breakEvenDealers!,
  tolerance: { abs: 0 },
  answerUnit: 'dealers',
  answerLabel: 'Smallest number of dealers',
  answerVar: 'N',
  widget: { id: 'cross-venue', instance: 'cross-venue', preset: (p) => ({ classes: p.classes, cleared: p.cleared }) },
});

/** What the experiment requires of the lab, besides the peak. */
const LAB_REQUIRED = { preset: 'flashCrash', shock: 0.08 } as const;
const labDefaults = defaultParams(policyLabSpec);

export const labExperiment = defineExercise({
  id: 'ch6-lab-flash-crash',
  chapter: 'taming-the-loop',
  title: 'Experiment: hold a flash crash without halting trading',
  difficulty: 2,
  kind: 'experiment',
  target: 'policy-lab-experiment',
  params: {
    target: { ...narrowSpec(cascadeSpec.shock, { min: 0.085, max: 0.11, step: 0.005, default: 0.09 }), label: 'Target peak' },
  },
  defaults: { target: 0.09 },
  vars: (p) => ({ target: pct(p.target, 1), shock: pct(LAB_REQUIRED.shock, 0), limit: f(5, 0) }),
  check: (values, p) => {
    const v = { ...labDefaults, ...values } as PolicyLabValues;
    if (v.preset !== LAB_REQUIRED.preset || Math.abs(Number(v.shock) - LAB_REQUIRED.shock) > 1e-9) {
      return { ok: false, message: `Keep the shock at a flash crash of ${pct(LAB_REQUIRED.shock, 0)}.` };
    }
    if (v.useHalt === 'on' || v.useBand === 'on') return { ok: false, message: 'Trading must stay open: switch the trading halt and the price band off.' };
    if (v.useSpeedLimit === 'on' && Number(v.speedLimit) < 5 * M) return { ok: false, message: 'The liquidation engine must close at least 5 $M a second (or have no limit at all).' };
    if (Number(v.depth) !== labDefaults.depth || Number(v.resilience) !== labDefaults.resilience) return { ok: false, message: 'Keep the order book as it is (depth and resilience at their defaults).' };
    const market = withShock(buildPolicyMarket({ depth: labDefaults.depth, resilience: labDefaults.resilience }), {
      shock: LAB_REQUIRED.shock,
      direction: POLICY_SHOCK_PRESETS.flashCrash.direction,
      shockKind: POLICY_SHOCK_PRESETS.flashCrash.shockKind,
    });
    const peak = runPolicy(market, labTools(v)).outcome.peakDislocation!;
    if (peak < p.target) return { ok: true, message: `Done: the peak dislocation is ${pct(peak, 2)}, below ${pct(p.target, 1)}.` };
    return { ok: false, message: `The peak dislocation is ${pct(peak, 2)}; it must be below ${pct(p.target, 1)}.` };
  },
});

/** Chapter 6 exercises in the order they appear. */
export const exercises: Exercise<any>[] = [bandFloor, backstopCovers, netPosition, nettingRatio, ccpFund, ccpBreakEven, labExperiment];
