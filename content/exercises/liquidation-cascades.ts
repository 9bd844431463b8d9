/**
 * Chapter 3 exercises. Every answer is computed by the engine from the variant's
 * parameters; the chapter's MDX holds the prompts, hints and solutions, whose
 * numbers come from `vars` so they always match the variant shown.
 */
import { defineExercise, type Exercise } from '../../src/lib/exercises/types';
import { narrowSpec, defaultParams } from '../../engine/core/params';
import { bankruptcyPrice, liquidationPrice, positionEquity, positionSpec } from '../../engine/leverage/positions';
import { liquidationCalculatorSpec, positionSnapshot } from '../../engine/leverage/calculator';
import { createPopulation, generatePopulation, populationSpec, type Population } from '../../engine/leverage/population';
import { createOrderBook, orderBookSpec } from '../../engine/leverage/orderBook';
import { cascade, cascadeSpec } from '../../engine/leverage/cascade';
import { insuranceSpec, adlScore } from '../../engine/leverage/insuranceFund';
import { fundingPayment, fundingRate, fundingSpec } from '../../engine/leverage/funding';
import { smallestCascadeShock } from '../../engine/leverage/shockSearch';

const f = (x: number, digits = 2) => Number.parseFloat(x.toFixed(digits)).toString();
const pct = (x: number, digits = 2) => `${f(x * 100, digits)} %`;
/** Dollars with thousands separators and a fixed number of decimals: $38,190.95. */
const usd = (x: number, digits = 2) => `$${x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;

export const liqPrice = defineExercise({
  id: 'ch3-liq-price',
  chapter: 'liquidation-cascades',
  title: 'The liquidation price of a long',
  difficulty: 1,
  kind: 'numeric',
  params: {
    entryPrice: narrowSpec(positionSpec.entryPrice, { min: 20_000, max: 60_000, step: 1_000, default: 40_000 }),
    leverage: narrowSpec(positionSpec.leverage, { min: 5, max: 50, step: 5, default: 20 }),
    maintenanceMargin: narrowSpec(positionSpec.maintenanceMargin, { min: 0.002, max: 0.0075, step: 0.0005, default: 0.005 }),
  },
  defaults: { entryPrice: 40_000, leverage: 20, maintenanceMargin: 0.005 },
  vars: (p) => {
    const pl = liquidationPrice({ ...p, side: 'long' });
    return {
      P0: usd(p.entryPrice, 0),
      L: f(p.leverage, 0),
      m: pct(p.maintenanceMargin, 2),
      im: pct(1 / p.leverage, 2),
      num: usd(p.entryPrice * (1 - 1 / p.leverage), 2),
      den: f(1 - p.maintenanceMargin, 4),
      Pliq: usd(pl, 2),
      drop: pct(1 - pl / p.entryPrice, 2),
    };
  },
  answer: (p) => liquidationPrice({ ...p, side: 'long' }),
  tolerance: { rel: 2e-4 },
  answerUnit: '$',
  answerLabel: 'Liquidation price',
  answerVar: 'Pliq',
  widget: { id: 'liquidation-price', instance: 'liquidation-price', preset: (p) => ({ ...p, side: 'long' }) },
});

export const cushion = defineExercise({
  id: 'ch3-cushion',
  chapter: 'liquidation-cascades',
  title: 'Between liquidation and bankruptcy',
  difficulty: 2,
  kind: 'numeric',
  params: {
    entryPrice: narrowSpec(positionSpec.entryPrice, { min: 2_000, max: 4_000, step: 100, default: 3_000 }),
    leverage: narrowSpec(positionSpec.leverage, { min: 10, max: 50, step: 5, default: 25 }),
    maintenanceMargin: narrowSpec(positionSpec.maintenanceMargin, { min: 0.004, max: 0.0075, step: 0.0005, default: 0.005 }),
    notional: narrowSpec(liquidationCalculatorSpec.notional, { min: 10_000, max: 200_000, step: 10_000, default: 60_000 }),
  },
  defaults: { entryPrice: 3_000, leverage: 25, maintenanceMargin: 0.005, notional: 60_000 },
  vars: (p) => {
    const s = positionSnapshot({ ...p, side: 'short' });
    return {
      N: usd(p.notional, 0),
      P0: usd(p.entryPrice, 0),
      L: f(p.leverage, 0),
      m: pct(p.maintenanceMargin, 2),
      q: f(s.quantity, 4),
      M: usd(s.margin, 2),
      Pbk: usd(bankruptcyPrice({ ...p, side: 'short' }), 2),
      Pliq: usd(s.liquidation, 2),
      left: usd(s.equityAtLiquidation, 2),
    };
  },
  answer: (p) => positionSnapshot({ ...p, side: 'short' }).equityAtLiquidation,
  tolerance: { rel: 0.005 },
  answerUnit: '$',
  answerLabel: 'Equity left at liquidation',
  answerVar: 'left',
  widget: { id: 'liquidation-price', instance: 'liquidation-price', preset: (p) => ({ ...p, side: 'short' }) },
});

/** The five longs of the hand-worked cascade: entry 100, maintenance 0.5 %. */
export const HAND_LEVERAGE = [50, 25, 20, 10, 5] as const;
export const HAND_SIZES_M = [2, 3, 4, 6, 8] as const;
export const handPopulation: Population = createPopulation({
  price: 100,
  side: [1, 1, 1, 1, 1],
  entry: [100, 100, 100, 100, 100],
  notional: HAND_SIZES_M.map((x) => x * 1e6),
  leverage: [...HAND_LEVERAGE],
  maintenanceMargin: 0.005,
});

export const handCascade = defineExercise({
  id: 'ch3-hand-cascade',
  chapter: 'liquidation-cascades',
  title: 'A liquidation cascade by hand',
  difficulty: 2,
  kind: 'numeric',
  params: {
    shock: narrowSpec(cascadeSpec.shock, { min: 0.02, max: 0.035, step: 0.005, default: 0.03 }),
    depth: narrowSpec(orderBookSpec.depth, { min: 2_500_000, max: 3_000_000, step: 500_000, default: 2_500_000 }),
  },
  defaults: { shock: 0.03, depth: 2_500_000 },
  vars: (p) => {
    const r = cascade(handPopulation, createOrderBook({ depth: p.depth }, 100), { shock: p.shock });
    return {
      s: pct(p.shock, 1),
      D: f(p.depth / 1e6, 1),
      perM: pct(0.01 / (p.depth / 1e6), 2),
      start: usd(100 * (1 - p.shock), 2),
      final: usd(r.finalPrice, 2),
      rounds: String(r.rounds),
      count: String(r.liquidatedCount),
      liquidated: f(r.liquidatedNotional / 1e6, 2),
    };
  },
  answer: (p) => cascade(handPopulation, createOrderBook({ depth: p.depth }, 100), { shock: p.shock }).liquidatedNotional / 1e6,
  tolerance: { abs: 0.01 },
  answerUnit: '$M',
  answerLabel: 'Notional liquidated',
  answerVar: 'liquidated',
});

export const fundCovers = defineExercise({
  id: 'ch3-fund-covers',
  chapter: 'liquidation-cascades',
  title: 'Does the insurance fund cover it?',
  difficulty: 2,
  kind: 'choice',
  params: {
    notional: narrowSpec(liquidationCalculatorSpec.notional, { min: 500_000, max: 5_000_000, step: 500_000, default: 2_000_000 }),
    leverage: narrowSpec(positionSpec.leverage, { min: 10, max: 50, step: 10, default: 20 }),
    slip: { ...narrowSpec(cascadeSpec.shock, { min: 0.005, max: 0.03, step: 0.005, default: 0.015 }), label: 'Fill below the bankruptcy price' },
    fund: narrowSpec(insuranceSpec.fund, { min: 0, max: 100_000, step: 10_000, default: 20_000 }),
  },
  defaults: { notional: 2_000_000, leverage: 20, slip: 0.015, fund: 20_000 },
  vars: (p) => {
    const pos = { entryPrice: 100, leverage: p.leverage, maintenanceMargin: 0.005, side: 'long' as const, notional: p.notional };
    const pbk = bankruptcyPrice(pos);
    const fill = pbk * (1 - p.slip);
    const shortfall = -positionEquity(pos, fill);
    const covered = p.fund >= shortfall;
    return {
      N: usd(p.notional, 0),
      L: f(p.leverage, 0),
      slip: pct(p.slip, 1),
      F: usd(p.fund, 0),
      q: f(p.notional / 100, 0),
      Pbk: usd(pbk, 2),
      fill: usd(fill, 4),
      shortfall: usd(shortfall, 2),
      verdict: covered ? `covers it and keeps ${usd(p.fund - shortfall, 2)}` : `pays out all ${usd(p.fund, 0)}, and the remaining ${usd(shortfall - p.fund, 2)} must come from auto-deleveraging`,
    };
  },
  options: () => [
    { value: 'covers', label: 'The fund covers the whole shortfall' },
    { value: 'adl', label: 'The fund runs out: part of the position goes to auto-deleveraging' },
    { value: 'none', label: 'There is no shortfall: the position still had equity' },
  ],
  answer: (p) => {
    const pos = { entryPrice: 100, leverage: p.leverage, maintenanceMargin: 0.005, side: 'long' as const, notional: p.notional };
    const shortfall = -positionEquity(pos, bankruptcyPrice(pos) * (1 - p.slip));
    if (shortfall <= 0) return 'none';
    return p.fund >= shortfall ? 'covers' : 'adl';
  },
});

/** The three profitable shorts of the ADL-ranking exercise: entry prices and leverage (account Z's leverage varies). */
export const ADL_ACCOUNTS = [
  { name: 'X', entry: 100, leverage: 5 },
  { name: 'Y', entry: 105, leverage: 2 },
  { name: 'Z', entry: 98, leverage: 20 },
] as const;

function adlScores(p: { mark: number; zLeverage: number }): { name: string; pnl: number; eff: number; score: number; bk: number }[] {
  return ADL_ACCOUNTS.map((a) => {
    const L = a.name === 'Z' ? p.zLeverage : a.leverage;
    const bk = bankruptcyPrice({ entryPrice: a.entry, leverage: L, side: 'short' });
    const score = adlScore({ side: -1, entry: a.entry, bankruptcy: bk, mark: p.mark });
    return { name: a.name, pnl: (a.entry - p.mark) / a.entry, eff: p.mark / Math.abs(p.mark - bk), score, bk };
  });
}

export const adlRank = defineExercise({
  id: 'ch3-adl-rank',
  chapter: 'liquidation-cascades',
  title: 'Who is auto-deleveraged first?',
  difficulty: 2,
  kind: 'choice',
  params: {
    mark: { ...narrowSpec(positionSpec.entryPrice, { min: 85, max: 95, step: 1, default: 90 }), label: 'Mark price' },
    zLeverage: narrowSpec(positionSpec.leverage, { min: 5, max: 25, step: 5, default: 20 }),
  },
  defaults: { mark: 90, zLeverage: 20 },
  vars: (p) => {
    const s = adlScores(p);
    const out: Record<string, string> = { mark: usd(p.mark, 0), Lz: f(p.zLeverage, 0) };
    for (const a of s) {
      out[`bk${a.name}`] = usd(a.bk, 2);
      out[`pnl${a.name}`] = pct(a.pnl, 2);
      out[`eff${a.name}`] = f(a.eff, 3);
      out[`score${a.name}`] = f(a.score, 3);
    }
    const best = s.reduce((a, b) => (b.score > a.score ? b : a));
    out.first = best.name;
    return out;
  },
  options: () => ADL_ACCOUNTS.map((a) => ({ value: a.name, label: `Account ${a.name}` })),
  answer: (p) => adlScores(p).reduce((a, b) => (b.score > a.score ? b : a)).name,
});

/** Funding intervals in the three days of the funding exercise (8-hour intervals). */
export const FUNDING_INTERVALS = (3 * 24) / fundingSpec.intervalHours.default;

export const fundingPaid = defineExercise({
  id: 'ch3-funding',
  chapter: 'liquidation-cascades',
  title: 'What a crowded long pays to stay open',
  difficulty: 2,
  kind: 'numeric',
  params: {
    premium: { ...narrowSpec(fundingSpec.cap, { min: 0.0008, max: 0.003, step: 0.0001, default: 0.0012 }), label: 'Premium of the perpetual over the index' },
    notional: narrowSpec(liquidationCalculatorSpec.notional, { min: 10_000, max: 200_000, step: 10_000, default: 50_000 }),
  },
  defaults: { premium: 0.0012, notional: 50_000 },
  vars: (p) => {
    const F = fundingRate(p.premium);
    const per = -fundingPayment({ side: 'long', quantity: p.notional / 100, markPrice: 100, rate: F });
    return {
      prem: pct(p.premium, 2),
      N: usd(p.notional, 0),
      I: pct(fundingSpec.interestRate.default, 2),
      b: pct(fundingSpec.clampBand.default, 2),
      diff: pct(fundingSpec.interestRate.default - p.premium, 2),
      F: pct(F, 2),
      n: String(FUNDING_INTERVALS),
      per: usd(per, 2),
      total: usd(per * FUNDING_INTERVALS, 2),
      annual: pct((F * 365.25 * 24) / fundingSpec.intervalHours.default, 1),
    };
  },
  answer: (p) => -fundingPayment({ side: 'long', quantity: p.notional / 100, markPrice: 100, rate: fundingRate(p.premium) }) * FUNDING_INTERVALS,
  tolerance: { rel: 0.002, abs: 0.01 },
  answerUnit: '$',
  answerLabel: 'Funding paid over three days',
  answerVar: 'total',
});

/** The liquidation-map widget's market (10,000 positions, seed 1) and book, built once. */
let mapMarket: { pop: Population; depth: number } | null = null;
function defaultMapMarket() {
  mapMarket ??= { pop: generatePopulation(defaultParams(populationSpec), 1), depth: orderBookSpec.depth.default };
  return mapMarket;
}
function smallestShockFor(target: number): number | null {
  const m = defaultMapMarket();
  return smallestCascadeShock(m.pop, createOrderBook({ depth: m.depth }, populationSpec.price.default), { liquidatedNotional: target });
}

export const smallestShockExperiment = defineExercise({
  id: 'ch3-smallest-shock',
  chapter: 'liquidation-cascades',
  title: 'Experiment: the smallest shock that sets off a large cascade',
  difficulty: 3,
  kind: 'experiment',
  target: 'liquidation-map-experiment',
  params: {
    target: { ...narrowSpec(insuranceSpec.fund, { min: 20_000_000, max: 60_000_000, step: 5_000_000, default: 40_000_000 }), label: 'Target liquidations' },
  },
  defaults: { target: 40_000_000 },
  vars: (p) => {
    const s = smallestShockFor(p.target);
    const m = defaultMapMarket();
    const below = s === null ? null : cascade(m.pop, createOrderBook({ depth: m.depth }, populationSpec.price.default), { shock: Math.max(0, Number.parseFloat((s - 0.001).toPrecision(12))) });
    return {
      target: `${f(p.target / 1e6, 0)} $M`,
      answer: s === null ? 'none below 50 %' : pct(s, 1),
      below: below === null ? '–' : `${f(below.liquidatedNotional / 1e6, 1)} $M`,
    };
  },
  check: (v, p) => {
    const defaults = defaultParams(populationSpec);
    for (const k of ['longShare', 'entrySpread', 'leverageTilt', 'recentShare'] as const) {
      if (Math.abs(Number(v[k]) - defaults[k]) > 1e-9) return { ok: false, message: 'Keep the positions at their starting values (press Reset if you changed them).' };
    }
    if (v.direction !== 'down') return { ok: false, message: 'Set the direction to “Price falls”: the target is about liquidating longs.' };
    if (Math.abs(Number(v.depth) - orderBookSpec.depth.default) > 1e-6) return { ok: false, message: 'Keep the depth at its starting value of 10,000,000 $.' };
    const shock = Number(v.shock);
    const m = defaultMapMarket();
    const r = cascade(m.pop, createOrderBook({ depth: m.depth }, populationSpec.price.default), { shock });
    if (r.liquidatedNotional < p.target) {
      return { ok: false, message: `A ${pct(shock, 1)} shock liquidates ${f(r.liquidatedNotional / 1e6, 1)} $M: not yet ${f(p.target / 1e6, 0)} $M. Raise the shock.` };
    }
    const s = smallestShockFor(p.target);
    if (s !== null && shock > s + 1e-9) {
      return { ok: false, message: `A ${pct(shock, 1)} shock liquidates ${f(r.liquidatedNotional / 1e6, 1)} $M, enough, but a smaller shock does it too. Lower it step by step.` };
    }
    return { ok: true, message: `Done: ${pct(shock, 1)} is the smallest shock that liquidates at least ${f(p.target / 1e6, 0)} $M (it liquidates ${f(r.liquidatedNotional / 1e6, 1)} $M).` };
  },
});

/** Chapter 3 exercises in the order they appear. */
export const exercises: Exercise<any>[] = [liqPrice, cushion, handCascade, smallestShockExperiment, fundCovers, adlRank, fundingPaid];
