/**
 * Chapter 4 exercises. Every answer is computed by the engine from the variant's parameters; the chapter's MDX holds
 * the prompts, hints and solutions, whose numbers come from `vars` so they always match the variant shown.
 */
import { defineExercise, type Exercise } from '../../src/lib/exercises/types';
import { narrowSpec } from '../../engine/core/params';
import { ewmaUpdate, ewmaUpdateParams as eu } from '../../engine/collateral/ewmaUpdate';
import { ewmaParams } from '../../engine/collateral/volatility';
import { varMargin, marginQuantileFactor, initialMarginParams as im } from '../../engine/collateral/initialMargin';
import { regimeReturnsParams as rr, TRADING_DAYS_PER_YEAR } from '../../engine/collateral/returns';
import { marginSpiralParams as ms } from '../../engine/collateral/marginSpiral';
import { marginSpiralRatio } from '../../engine/collateral/spiralMap';
import { ldiSpiral } from '../../engine/collateral/ldiSpiral';
import { ldiSpiralBpParams as lb, ldiParamsFromBp, fromBp, toBp } from '../../engine/collateral/basisPoints';
import { defaultParams } from '../../engine/core/params';
import { healthFactor, closeFactorV32, collateralToSeize, AAVE_CLOSE_FACTOR_HF_THRESHOLD } from '../../engine/collateral/aaveLiquidation';
import { aaveLiquidationParams as al } from '../../engine/collateral/aaveInputs';
import { lendingPoolParams as lp } from '../../engine/collateral/lendingPool';

const f = (x: number, digits = 2) => Number.parseFloat(x.toFixed(digits)).toString();
const pct = (x: number, digits = 2) => `${f(x * 100, digits)} %`;
const usd = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;

export const ewmaStep = defineExercise({
  id: 'ch4-ewma-update',
  chapter: 'procyclical-collateral',
  title: 'One day of EWMA volatility',
  difficulty: 1,
  kind: 'numeric',
  params: {
    previousVol: narrowSpec(eu.previousVol, { min: 0.005, max: 0.02, step: 0.001, default: 0.01 }),
    dailyReturn: narrowSpec(eu.dailyReturn, { min: -0.08, max: -0.02, step: 0.005, default: -0.04 }),
    lambda: narrowSpec(ewmaParams.lambda, { min: 0.94, max: 0.94, step: 0.005, default: 0.94 }),
  },
  defaults: { previousVol: 0.01, dailyReturn: -0.04, lambda: 0.94 },
  vars: (p) => {
    const v = ewmaUpdate(p);
    return {
      s: pct(p.previousVol, 2),
      r: pct(p.dailyReturn, 1).replace('-', '−'),
      lambda: f(p.lambda, 2),
      s2: f(p.previousVol ** 2 * 1e4, 4),
      r2: f(p.dailyReturn ** 2 * 1e4, 4),
      v2: f(v * v * 1e4, 4),
      sigma: pct(v, 3),
      ratio: f(v / p.previousVol, 3),
    };
  },
  answer: (p) => ewmaUpdate(p) * 100,
  tolerance: { abs: 0.005 },
  answerUnit: '%',
  answerLabel: 'New daily volatility',
  answerVar: 'sigma',
});

export const varMarginEx = defineExercise({
  id: 'ch4-var-margin',
  chapter: 'procyclical-collateral',
  title: 'A value-at-risk margin',
  difficulty: 2,
  kind: 'numeric',
  params: {
    vol: { ...narrowSpec(rr.calmVol, { min: 0.1, max: 0.6, step: 0.05, default: 0.2 }), label: 'Annual volatility' },
    mpor: narrowSpec(im.mpor, { min: 2, max: 10, step: 1, default: 5 }),
    confidence: narrowSpec(im.confidence, { min: 0.975, max: 0.995, step: 0.01, default: 0.995 }),
    notional: narrowSpec(im.notional, { min: 50, max: 500, step: 50, default: 100 }),
  },
  defaults: { vol: 0.2, mpor: 5, confidence: 0.995, notional: 100 },
  vars: (p) => {
    const daily = p.vol / Math.sqrt(TRADING_DAYS_PER_YEAR);
    const z = marginQuantileFactor('var', p.confidence);
    const m = varMargin({ sigma: daily, mpor: p.mpor, confidence: p.confidence, notional: p.notional });
    return {
      vol: pct(p.vol, 0),
      daily: pct(daily, 3),
      T: f(p.mpor, 0),
      sqrtT: f(Math.sqrt(p.mpor), 4),
      alpha: pct(p.confidence, 1),
      z: f(z, 3),
      N: f(p.notional, 0),
      share: pct(m / p.notional, 2),
      im: f(m, 2),
    };
  },
  answer: (p) => varMargin({ sigma: p.vol / Math.sqrt(TRADING_DAYS_PER_YEAR), mpor: p.mpor, confidence: p.confidence, notional: p.notional }),
  tolerance: { rel: 0.005 },
  answerUnit: '$M',
  answerLabel: 'Initial margin',
  answerVar: 'im',
});

export const spiralRatio = defineExercise({
  id: 'ch4-spiral-ratio',
  chapter: 'procyclical-collateral',
  title: 'Does the spiral feed itself?',
  difficulty: 2,
  kind: 'numeric',
  params: {
    marginRate: narrowSpec(ms.marginRate, { min: 0.05, max: 0.25, step: 0.05, default: 0.1 }),
    marginSensitivity: narrowSpec(ms.marginSensitivity, { min: 0, max: 2, step: 0.25, default: 1 }),
    fullSaleImpact: narrowSpec(ms.fullSaleImpact, { min: 0.01, max: 0.1, step: 0.01, default: 0.06 }),
  },
  defaults: { marginRate: 0.1, marginSensitivity: 1, fullSaleImpact: 0.06 },
  vars: (p) => {
    const r = marginSpiralRatio(p);
    return {
      m: pct(p.marginRate, 0),
      L: f(1 / p.marginRate, 1),
      theta: f(p.marginSensitivity, 2),
      I: pct(p.fullSaleImpact, 0),
      loss: f(r.lossRatio, 3),
      margin: f(r.marginRatio, 3),
      rho: f(r.ratio, 3),
      verdict: r.ratio < 1 ? 'below 1: the spiral dies out, and a small shock is multiplied by at most 1/(1 − ρ₀)' : 'at least 1: each round of forced sales is at least as large as the last, so the spiral feeds itself',
    };
  },
  answer: (p) => marginSpiralRatio(p).ratio,
  tolerance: { abs: 0.005 },
  answerUnit: '',
  answerLabel: 'Round ratio ρ₀',
  answerVar: 'rho',
  widget: { id: 'margin-spiral', instance: 'margin-spiral', preset: (p) => ({ ...p }) },
});

const ldiBase = defaultParams(lb);

export const ldiCash = defineExercise({
  id: 'ch4-ldi-cash',
  chapter: 'procyclical-collateral',
  title: 'How much cash does a buffer need?',
  difficulty: 2,
  kind: 'numeric',
  params: {
    nav: narrowSpec(lb.nav, { min: 50, max: 200, step: 10, default: 100 }),
    leverage: narrowSpec(lb.leverage, { min: 2, max: 5, step: 0.5, default: 3 }),
    duration: narrowSpec(lb.duration, { min: 10, max: 30, step: 5, default: 20 }),
    buffer: narrowSpec(lb.buffer, { min: 50, max: 300, step: 25, default: 150 }),
  },
  defaults: { nav: 100, leverage: 3, duration: 20, buffer: 150 },
  vars: (p) => {
    const X = p.leverage * p.nav;
    const c = ldiSpiral(ldiParamsFromBp({ ...ldiBase, ...p, yieldShock: 0 })).initialCash;
    return {
      N: f(p.nav, 0),
      L: f(p.leverage, 1),
      D: f(p.duration, 0),
      b: f(p.buffer, 0),
      X: f(X, 0),
      Db: f(p.duration * fromBp(p.buffer), 4),
      linear: f(X * p.duration * fromBp(p.buffer), 1),
      cash: f(c, 2),
    };
  },
  answer: (p) => ldiSpiral(ldiParamsFromBp({ ...ldiBase, ...p, yieldShock: 0 })).initialCash,
  tolerance: { rel: 0.005 },
  answerUnit: '£bn',
  answerLabel: 'Cash buffer',
  answerVar: 'cash',
});

export const ldiWipeout = defineExercise({
  id: 'ch4-ldi-wipeout',
  chapter: 'procyclical-collateral',
  title: 'The yield rise that wipes a fund out',
  difficulty: 2,
  kind: 'numeric',
  params: {
    leverage: narrowSpec(lb.leverage, { min: 2, max: 6, step: 0.5, default: 3 }),
    duration: narrowSpec(lb.duration, { min: 10, max: 30, step: 5, default: 20 }),
  },
  defaults: { leverage: 3, duration: 20 },
  vars: (p) => {
    const y = ldiSpiral(ldiParamsFromBp({ ...ldiBase, ...p })).wipeoutYieldRise;
    return {
      L: f(p.leverage, 1),
      D: f(p.duration, 0),
      keep: f(1 - 1 / p.leverage, 4),
      dy: f(-Math.log(1 - 1 / p.leverage), 4),
      linear: f(toBp(1 / (p.leverage * p.duration)), 0),
      wipe: f(toBp(y), 1),
    };
  },
  answer: (p) => toBp(ldiSpiral(ldiParamsFromBp({ ...ldiBase, ...p })).wipeoutYieldRise),
  tolerance: { abs: 0.5 },
  answerUnit: 'bp',
  answerLabel: 'Yield rise',
  answerVar: 'wipe',
  widget: { id: 'ldi-spiral', instance: 'ldi-spiral', preset: (p) => ({ leverage: p.leverage, duration: p.duration }) },
});

/** Smallest buffer (bp, on a 5 bp grid) with which the LDI fund survives the given settings without a backstop; null if none. */
export function smallestSurvivingBuffer(v: Record<string, unknown>): number | null {
  const base = { ...ldiBase, ...v, backstop: 'off' } as typeof ldiBase;
  for (let b = lb.buffer.min; b <= lb.buffer.max + 1e-9; b += 5) {
    if (!ldiSpiral(ldiParamsFromBp({ ...base, buffer: b })).navHitsZero) return b;
  }
  return null;
}

export const ldiBufferExperiment = defineExercise({
  id: 'ch4-ldi-buffer',
  chapter: 'procyclical-collateral',
  title: 'Experiment: the smallest buffer that survives',
  difficulty: 2,
  kind: 'experiment',
  target: 'ldi-experiment',
  params: {
    leverage: narrowSpec(lb.leverage, { min: 2, max: 3.5, step: 0.5, default: 3 }),
  },
  defaults: { leverage: 3 },
  vars: (p) => {
    const b = smallestSurvivingBuffer({ leverage: p.leverage, yieldShock: 150 });
    return { L: f(p.leverage, 1), answer: b === null ? 'none up to 500 bp' : `${b} bp` };
  },
  check: (v, p) => {
    if (v.backstop !== 'off') return { ok: false, message: 'Switch the backstop off: the fund must survive on its own buffer.' };
    if (Math.abs(Number(v.yieldShock) - 150) > 1e-9) return { ok: false, message: 'Keep the yield shock at 150 bp.' };
    if (Math.abs(Number(v.leverage) - p.leverage) > 1e-9) return { ok: false, message: `Set the leverage to ${f(p.leverage, 1)}.` };
    for (const k of ['impact', 'duration', 'nav'] as const) {
      if (Math.abs(Number(v[k]) - ldiBase[k]) > 1e-9) return { ok: false, message: `Leave ${lb[k].label.toLowerCase()} at its default (${ldiBase[k]}).` };
    }
    const r = ldiSpiral(ldiParamsFromBp({ ...ldiBase, ...(v as Partial<typeof ldiBase>) }));
    if (r.navHitsZero) return { ok: false, message: `With a ${f(Number(v.buffer), 0)} bp buffer the fund is wiped out in round ${r.wipeoutRound}. Raise the buffer.` };
    const best = smallestSurvivingBuffer({ leverage: p.leverage, yieldShock: 150 });
    if (best !== null && Number(v.buffer) > best + 10) return { ok: false, message: `The fund survives, but a smaller buffer would too. Lower it until the next step down wipes the fund out.` };
    return { ok: true, message: `Done: with ${f(Number(v.buffer), 0)} bp the fund survives, and forced sales of £${f(r.totalForcedSales, 1)}bn push yields up ${f(toBp(r.finalYieldRise), 0)} bp in all.` };
  },
});

export const healthFactorEx = defineExercise({
  id: 'ch4-health-factor',
  chapter: 'procyclical-collateral',
  title: 'The health factor of a position',
  difficulty: 1,
  kind: 'numeric',
  params: {
    value1: { ...narrowSpec(lp.medianCollateral, { min: 5_000, max: 50_000, step: 1_000, default: 20_000 }), label: 'Value of the first collateral' },
    lt1: narrowSpec(lp.liquidationThreshold, { min: 0.75, max: 0.85, step: 0.005, default: 0.825 }),
    value2: { ...narrowSpec(lp.medianCollateral, { min: 2_000, max: 20_000, step: 1_000, default: 10_000 }), label: 'Value of the second collateral' },
    lt2: narrowSpec(lp.liquidationThreshold, { min: 0.6, max: 0.75, step: 0.05, default: 0.7 }),
    debt: { ...narrowSpec(lp.medianCollateral, { min: 10_000, max: 30_000, step: 1_000, default: 22_000 }), label: 'Debt' },
  },
  defaults: { value1: 20_000, lt1: 0.825, value2: 10_000, lt2: 0.7, debt: 22_000 },
  vars: (p) => {
    const w1 = p.value1 * p.lt1;
    const w2 = p.value2 * p.lt2;
    const hf = healthFactor({ collateral: [{ value: p.value1, liquidationThreshold: p.lt1 }, { value: p.value2, liquidationThreshold: p.lt2 }], debt: p.debt });
    return {
      V1: usd(p.value1),
      LT1: pct(p.lt1, 1),
      V2: usd(p.value2),
      LT2: pct(p.lt2, 0),
      D: usd(p.debt),
      w1: usd(w1),
      w2: usd(w2),
      w: usd(w1 + w2),
      hf: f(hf, 3),
      verdict: hf < 1 ? 'below 1, so the position can be liquidated' : 'at least 1, so the position is safe for now',
    };
  },
  answer: (p) => healthFactor({ collateral: [{ value: p.value1, liquidationThreshold: p.lt1 }, { value: p.value2, liquidationThreshold: p.lt2 }], debt: p.debt }),
  tolerance: { abs: 0.002 },
  answerUnit: '',
  answerLabel: 'Health factor',
  answerVar: 'hf',
});

export const closeFactorEx = defineExercise({
  id: 'ch4-close-factor',
  chapter: 'procyclical-collateral',
  title: 'How much can one liquidation repay?',
  difficulty: 1,
  kind: 'choice',
  params: {
    healthFactor: narrowSpec(al.healthFactor, { min: 0.9, max: 0.99, step: 0.01, default: 0.97 }),
  },
  defaults: { healthFactor: 0.97 },
  vars: (p) => ({ hf: f(p.healthFactor, 2), threshold: f(AAVE_CLOSE_FACTOR_HF_THRESHOLD, 2), cf: pct(closeFactorV32(p.healthFactor), 0) }),
  options: () => [
    { value: '0.5', label: 'At most 50 % of the debt' },
    { value: '1', label: 'Up to 100 % of the debt' },
    { value: '0', label: 'Nothing: the position is not liquidatable' },
  ],
  answer: (p) => String(closeFactorV32(p.healthFactor)),
});

export const seizedEx = defineExercise({
  id: 'ch4-collateral-seized',
  chapter: 'procyclical-collateral',
  title: 'What the liquidator takes',
  difficulty: 1,
  kind: 'numeric',
  params: {
    debtToCover: narrowSpec(al.debtToCover, { min: 1_000, max: 50_000, step: 500, default: 10_000 }),
    bonus: { ...narrowSpec(lp.liquidationBonus, { min: 0.02, max: 0.15, step: 0.005, default: 0.05 }), label: 'Liquidation bonus' },
    collateralPrice: narrowSpec(al.collateralPrice, { min: 500, max: 4_000, step: 50, default: 2_000 }),
  },
  defaults: { debtToCover: 10_000, bonus: 0.05, collateralPrice: 2_000 },
  vars: (p) => {
    const r = collateralToSeize({ debtToCover: p.debtToCover, collateralBalance: 1e12, collateralPrice: p.collateralPrice, bonus: p.bonus });
    const base = p.debtToCover / p.collateralPrice;
    return {
      D: usd(p.debtToCover),
      b: pct(p.bonus, 1),
      P: usd(p.collateralPrice),
      base: f(base, 4),
      units: f(r.collateral, 4),
      extra: usd(p.debtToCover * p.bonus),
    };
  },
  answer: (p) => collateralToSeize({ debtToCover: p.debtToCover, collateralBalance: 1e12, collateralPrice: p.collateralPrice, bonus: p.bonus }).collateral,
  tolerance: { rel: 0.002 },
  answerUnit: 'units',
  answerLabel: 'Collateral seized',
  answerVar: 'units',
});

/** Chapter 4 exercises in the order they appear. */
export const exercises: Exercise<any>[] = [
  ewmaStep,
  varMarginEx,
  spiralRatio,
  ldiCash,
  ldiWipeout,
  ldiBufferExperiment,
  healthFactorEx,
  closeFactorEx,
  seizedEx,
];
