/**
 * Chapter 2 exercises. Every answer is computed by the engine from the variant's
 * parameters; the chapter's MDX holds the prompts, hints and solutions, whose
 * numbers come from `vars` so they always match the variant shown.
 */
import { defineExercise, type Exercise } from '../../src/lib/exercises/types';
import { narrowSpec } from '../../engine/core/params';
import { linspace } from '../../engine/core/numeric';
import {
  bsGreeks,
  blackScholesSpec as bs,
  chainLineSpec as cl,
  dealerGammaExposure,
  dealerGammaSpec as dg,
  effectiveVolatility,
  effectiveVolatilitySpec as ev,
  exampleChain,
  gammaFlip,
  gammaProfile,
  hedgingLoopGain,
  twoStrikeFlip,
  CHAIN_CALENDAR_DAYS,
  type ChainLine,
} from '../../engine/options';

const f = (x: number, digits = 2) => Number.parseFloat(x.toFixed(digits)).toString();
const pct = (x: number, digits = 2) => `${f(x * 100, digits)} %`;
/** Thousands separators, a true minus sign. */
const int = (x: number) => `${x < 0 ? '−' : ''}${Math.round(Math.abs(x)).toLocaleString('en-US')}`;
const signed = (x: number, digits: number) => `${x < 0 ? '−' : ''}${f(Math.abs(x), digits)}`;

/** d₁ of Black–Scholes, printed in the solution (the answer itself comes from bsGreeks). */
function d1Of(S: number, K: number, vol: number, T: number, r: number): number {
  return (Math.log(S / K) + (r + (vol * vol) / 2) * T) / (vol * Math.sqrt(T));
}

export const bsDelta = defineExercise({
  id: 'ch2-bs-delta',
  chapter: 'gamma-squeezes',
  title: 'The delta of a call',
  difficulty: 1,
  kind: 'numeric',
  params: {
    spot: narrowSpec(bs.spot, { min: 80, max: 120, step: 5, default: 105 }),
    strike: narrowSpec(bs.strike, { min: 90, max: 110, step: 5, default: 100 }),
    vol: narrowSpec(bs.vol, { min: 0.15, max: 0.4, step: 0.05, default: 0.25 }),
    time: narrowSpec(bs.time, { min: 0.25, max: 1, step: 0.25, default: 0.5 }),
    rate: narrowSpec(bs.rate, { min: 0, max: 0.05, step: 0.01, default: 0.03 }),
  },
  defaults: { spot: 105, strike: 100, vol: 0.25, time: 0.5, rate: 0.03 },
  vars: (p) => {
    const g = bsGreeks({ ...p, kind: 'call' });
    const d1 = d1Of(p.spot, p.strike, p.vol, p.time, p.rate);
    return {
      S: f(p.spot, 0),
      K: f(p.strike, 0),
      sigma: pct(p.vol, 0),
      T: f(p.time, 2),
      r: pct(p.rate, 0),
      d1: f(d1, 4),
      delta: f(g.delta, 4),
    };
  },
  answer: (p) => bsGreeks({ ...p, kind: 'call' }).delta,
  tolerance: { abs: 0.005 },
  answerUnit: '',
  answerLabel: 'Delta Δ',
  answerVar: 'delta',
  widget: { id: 'greeks', instance: 'greeks', preset: (p) => ({ ...p, kind: 'call', dividendYield: 0 }) },
});

export const hedgeShares = defineExercise({
  id: 'ch2-hedge-shares',
  chapter: 'gamma-squeezes',
  title: 'How many shares must the dealer buy?',
  difficulty: 2,
  kind: 'numeric',
  params: {
    contracts: { ...narrowSpec(cl.openInterest, { min: 1000, max: 20000, step: 1000, default: 5000 }), label: 'Contracts sold' },
    spot: narrowSpec(bs.spot, { min: 95, max: 105, step: 1, default: 100 }),
    vol: narrowSpec(bs.vol, { min: 0.2, max: 0.6, step: 0.1, default: 0.3 }),
    days: narrowSpec(cl.expiryDays, { min: 5, max: 60, step: 5, default: 20 }),
    move: { ...narrowSpec(bs.spot, { min: 1, max: 5, step: 0.5, default: 2 }), label: 'Price rise' },
  },
  defaults: { contracts: 5000, spot: 100, vol: 0.3, days: 20, move: 2 },
  vars: (p) => {
    const T = p.days / CHAIN_CALENDAR_DAYS;
    const g = bsGreeks({ spot: p.spot, strike: 100, vol: p.vol, time: T, kind: 'call' }).gamma;
    return {
      N: int(p.contracts),
      S: f(p.spot, 0),
      sigma: pct(p.vol, 0),
      days: f(p.days, 0),
      dS: `$${f(p.move, 1)}`,
      gamma: f(g, 5),
      perOption: f(g * p.move, 4),
      options: int(p.contracts * 100),
      shares: int(g * p.move * p.contracts * 100),
    };
  },
  answer: (p) => bsGreeks({ spot: p.spot, strike: 100, vol: p.vol, time: p.days / CHAIN_CALENDAR_DAYS, kind: 'call' }).gamma * p.move * p.contracts * 100,
  tolerance: { rel: 0.01 },
  answerUnit: 'shares',
  answerLabel: 'Shares to buy',
  answerVar: 'shares',
});

/** The two-line chain of the GEX exercise (30 calendar days, no interest rate). */
function gexChain(p: { callOI: number; putOI: number }): ChainLine[] {
  return [
    { strike: 105, time: 30 / CHAIN_CALENDAR_DAYS, kind: 'call', openInterest: p.callOI },
    { strike: 95, time: 30 / CHAIN_CALENDAR_DAYS, kind: 'put', openInterest: p.putOI },
  ];
}

export const gexOfChain = defineExercise({
  id: 'ch2-gex-chain',
  chapter: 'gamma-squeezes',
  title: 'The GEX of a two-line chain',
  difficulty: 2,
  kind: 'numeric',
  params: {
    spot: narrowSpec(dg.spot, { min: 96, max: 104, step: 1, default: 100 }),
    callOI: { ...narrowSpec(cl.openInterest, { min: 5000, max: 30000, step: 1000, default: 20000 }), label: 'Call open interest' },
    putOI: { ...narrowSpec(cl.openInterest, { min: 5000, max: 30000, step: 1000, default: 15000 }), label: 'Put open interest' },
  },
  defaults: { spot: 100, callOI: 20000, putOI: 15000 },
  vars: (p) => {
    const [call, put] = gexChain(p);
    const m = { spot: p.spot, vol: 0.2, rate: 0 };
    const gc = bsGreeks({ spot: p.spot, strike: call!.strike, vol: 0.2, time: call!.time, kind: 'call' }).gamma;
    const gp = bsGreeks({ spot: p.spot, strike: put!.strike, vol: 0.2, time: put!.time, kind: 'put' }).gamma;
    const lc = dealerGammaExposure([call!], m) / 1e6;
    const lp = dealerGammaExposure([put!], m) / 1e6;
    return {
      S: f(p.spot, 0),
      Nc: int(p.callOI),
      Np: int(p.putOI),
      gc: f(gc, 5),
      gp: f(gp, 5),
      S2: f(p.spot * p.spot * 0.01, 2),
      lineC: signed(lc, 3),
      lineP: signed(lp, 3),
      gex: signed(dealerGammaExposure(gexChain(p), m) / 1e6, 3),
    };
  },
  answer: (p) => dealerGammaExposure(gexChain(p), { spot: p.spot, vol: 0.2, rate: 0 }) / 1e6,
  tolerance: { rel: 0.01, abs: 0.002 },
  answerUnit: '$M per 1 %',
  answerLabel: 'Dealer GEX',
  answerVar: 'gex',
});

const exampleMarket = { vol: dg.vol.default, rate: dg.rate.default };

export const gammaSign = defineExercise({
  id: 'ch2-gamma-sign',
  chapter: 'gamma-squeezes',
  title: 'Damping or amplifying?',
  difficulty: 1,
  kind: 'choice',
  params: {
    spot: narrowSpec(dg.spot, { min: 92, max: 108, step: 1, default: 97 }),
  },
  defaults: { spot: 97 },
  vars: (p) => {
    const gex = dealerGammaExposure(exampleChain, { ...exampleMarket, spot: p.spot }) / 1e6;
    return { S: f(p.spot, 0), gex: signed(gex, 2), side: gex > 0 ? 'positive, so dealers are long gamma' : 'negative, so dealers are short gamma' };
  },
  options: () => [
    { value: 'long', label: 'They sell into the rise: dealers are long gamma and damp the move' },
    { value: 'short', label: 'They buy into the rise: dealers are short gamma and amplify the move' },
  ],
  answer: (p) => (dealerGammaExposure(exampleChain, { ...exampleMarket, spot: p.spot }) > 0 ? 'long' : 'short'),
  widget: { id: 'gamma-profile', instance: 'gamma-profile', preset: (p) => ({ spot: p.spot, convention: 'naive' }) },
});

/** The flip exercise's chain: dealers short 10,000 puts at Kp, long 10,000 calls at Kc (naive convention). */
function flipChain(p: { putStrike: number; callStrike: number; days: number }): ChainLine[] {
  const time = p.days / CHAIN_CALENDAR_DAYS;
  return [
    { strike: p.putStrike, time, kind: 'put', openInterest: 10000 },
    { strike: p.callStrike, time, kind: 'call', openInterest: 10000 },
  ];
}

/** The flip located by the engine on a fine sampled profile (the exercise's answer). */
function engineFlip(p: { putStrike: number; callStrike: number; vol: number; days: number }): number {
  const prof = gammaProfile(flipChain(p), { spots: linspace(p.putStrike, p.callStrike, 2001), vol: p.vol, rate: dg.rate.default });
  return gammaFlip(prof) ?? Number.NaN;
}

export const flipLevel = defineExercise({
  id: 'ch2-flip',
  chapter: 'gamma-squeezes',
  title: 'Where is the gamma flip?',
  difficulty: 3,
  kind: 'numeric',
  params: {
    putStrike: narrowSpec(cl.strike, { min: 85, max: 95, step: 5, default: 90 }),
    callStrike: narrowSpec(cl.strike, { min: 105, max: 115, step: 5, default: 110 }),
    vol: narrowSpec(dg.vol, { min: 0.15, max: 0.4, step: 0.05, default: 0.2 }),
    days: narrowSpec(cl.expiryDays, { min: 10, max: 90, step: 10, default: 60 }),
  },
  defaults: { putStrike: 90, callStrike: 110, vol: 0.2, days: 60 },
  vars: (p) => {
    const T = p.days / CHAIN_CALENDAR_DAYS;
    const r = dg.rate.default;
    const flip = twoStrikeFlip({ putStrike: p.putStrike, callStrike: p.callStrike, putOpenInterest: 10000, callOpenInterest: 10000, time: T, vol: p.vol, rate: r });
    return {
      Kp: f(p.putStrike, 0),
      Kc: f(p.callStrike, 0),
      sigma: pct(p.vol, 0),
      days: f(p.days, 0),
      r: pct(r, 0),
      T: f(T, 4),
      geo: f(Math.sqrt(p.putStrike * p.callStrike), 3),
      shift: f((r + (p.vol * p.vol) / 2) * T, 5),
      flip: f(flip, 2),
    };
  },
  answer: (p) => engineFlip(p),
  tolerance: { abs: 0.05 },
  answerUnit: '$',
  answerLabel: 'Gamma flip',
  answerVar: 'flip',
});

export const sigmaEff = defineExercise({
  id: 'ch2-sigma-eff',
  chapter: 'gamma-squeezes',
  title: 'Volatility with short-gamma dealers',
  difficulty: 2,
  kind: 'numeric',
  params: {
    vol: narrowSpec(ev.vol, { min: 0.1, max: 0.4, step: 0.05, default: 0.2 }),
    impact: narrowSpec(ev.impact, { min: 4e-9, max: 1e-8, step: 1e-9, default: 8e-9 }),
    spot: narrowSpec(ev.spot, { min: 50, max: 100, step: 10, default: 80 }),
    bookGamma: narrowSpec(ev.bookGamma, { min: -8e5, max: -1e5, step: 5e4, default: -6e5 }),
  },
  defaults: { vol: 0.2, impact: 8e-9, spot: 80, bookGamma: -6e5 },
  vars: (p) => {
    const g = hedgingLoopGain(p);
    const r = effectiveVolatility(p);
    return {
      sigma: pct(p.vol, 0),
      lambda: `${f(p.impact * 1e9, 0)} × 10⁻⁹`,
      S: f(p.spot, 0),
      G: int(p.bookGamma),
      g: f(g, 4),
      denom: f(1 - g, 4),
      sigmaEff: pct(r.vol, 2),
    };
  },
  answer: (p) => effectiveVolatility(p).vol * 100,
  tolerance: { abs: 0.05 },
  answerUnit: '%',
  answerLabel: 'σ_eff',
  answerVar: 'sigmaEff',
  widget: { id: 'feedback-vol', instance: 'feedback-vol', preset: (p) => ({ ...p }) },
});

export const tuneVol = defineExercise({
  id: 'ch2-double-vol',
  chapter: 'gamma-squeezes',
  title: 'Experiment: set the volatility the dealers create',
  difficulty: 2,
  kind: 'experiment',
  target: 'feedback-vol-experiment',
  params: {
    target: { ...narrowSpec(ev.vol, { min: 0.3, max: 0.8, step: 0.1, default: 0.4 }), label: 'Target σ_eff' },
  },
  defaults: { target: 0.4 },
  vars: (p) => ({ target: pct(p.target, 0), ratio: f(p.target / 0.2, 2), g: f(1 - 0.2 / p.target, 4), G: int(-(1 - 0.2 / p.target) / (1e-8 * 100)) }),
  check: (v, p) => {
    const vol = Number(v.vol);
    if (Math.abs(vol - 0.2) > 1e-9) return { ok: false, message: 'Keep the volatility without hedging at 20 %.' };
    let r: { vol: number; stable: boolean };
    try {
      r = effectiveVolatility({ vol, impact: Number(v.impact), spot: Number(v.spot), bookGamma: Number(v.bookGamma) });
    } catch {
      return { ok: false, message: 'The widget’s values cannot be used; press Reset and try again.' };
    }
    if (!r.stable) return { ok: false, message: 'The loop is unstable (λSΓ ≤ −1): there is no volatility to read. Make the book less short or the impact smaller.' };
    if (Math.abs(r.vol - p.target) <= 0.01) return { ok: true, message: `Done: σ_eff = ${pct(r.vol, 1)}, ${f(r.vol / 0.2, 2)} times σ.` };
    return { ok: false, message: `σ_eff is ${pct(r.vol, 1)}; it should be within 1 point of ${pct(p.target, 0)}.` };
  },
});

/** Chapter 2 exercises in the order they appear. */
export const exercises: Exercise<any>[] = [bsDelta, hedgeShares, gammaSign, gexOfChain, flipLevel, sigmaEff, tuneVol];
