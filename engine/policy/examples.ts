/**
 * Small worked networks for Chapter 6's clearing experiments, each with its
 * parameter spec (the widgets' sliders and the exercises' variant spaces):
 *
 * - `nettingExample`: four banks A–D with a ring of obligations that nets to
 *   nothing, a pair that owe each other, and two net borrowers (A from C, B
 *   from D). Every bank starts with the same capital and the same outside
 *   creditors; a loss hits A's outside assets. The network is cleared gross,
 *   bilaterally netted and through a central counterparty (`ccpClearing`,
 *   Eisenberg & Noe 2001 with the engine's pari-passu convention).
 * - `smallestFund`: the smallest default fund that achieves a goal, by
 *   bisection on `ccpClearing` (valid because clearing payments rise with
 *   the fund, a property tested in ccp.test.ts).
 * - `threeBankNetting`: any three-bank network, netted (`multilateralNetting`).
 * - `crossVenueExample`: one account on two venues in two assets, margined per
 *   venue or netted (`crossVenueNetting`).
 * - `ccpEfficiencyCurve`: Duffie & Zhu's (2011) expected exposures per dealer
 *   against the number of dealers (`ccpNettingEfficiency`).
 *
 * Amounts are in $bn for banks and $M for trading accounts; the models do not
 * care about the unit.
 */
import { defineParams, type ParamValues } from '../core/params';
import { EngineInputError } from '../core/errors';
import { ccpClearing, type CcpClearingResult } from './ccp';
import { ccpNettingEfficiency, crossVenueNetting, multilateralNetting, type CrossVenueResult, type NettingResult } from './netting';

/** Names of the four banks of `nettingExample`, in matrix order. */
export const NETTING_BANKS = ['A', 'B', 'C', 'D'] as const;

/** Parameters of the four-bank network ($bn). */
export const nettingExampleSpec = defineParams({
  ring: {
    label: 'Ring of obligations',
    unit: '$bn',
    min: 0,
    max: 40,
    step: 1,
    default: 20,
    description: 'A owes B, B owes C, C owes D and D owes A this much each: gross obligations that net to nothing.',
  },
  debtAC: {
    label: 'A owes C',
    unit: '$bn',
    min: 0,
    max: 20,
    step: 1,
    default: 10,
    description: 'A further debt of A to C, on top of the ring: A’s net borrowing.',
  },
  lossA: {
    label: 'Loss at bank A',
    unit: '$bn',
    min: 0,
    max: 40,
    step: 0.5,
    default: 20,
    description: 'Fall in the value of A’s outside assets: the shock.',
  },
  capital: {
    label: 'Capital of each bank',
    unit: '$bn',
    min: 0.5,
    max: 20,
    step: 0.5,
    default: 3,
    description: 'Equity every bank holds before the shock.',
  },
  defaultFund: {
    label: 'CCP default fund',
    symbol: 'F',
    unit: '$bn',
    min: 0,
    max: 20,
    step: 0.5,
    default: 0,
    description: 'Resources the central counterparty has set aside, before the shock, to cover a member’s unpaid debit.',
  },
  debtBD: {
    label: 'B owes D',
    unit: '$bn',
    min: 0,
    max: 20,
    step: 1,
    default: 10,
    description: 'B’s net borrowing from D.',
  },
  reciprocal: {
    label: 'B and D owe each other',
    unit: '$bn',
    min: 0,
    max: 40,
    step: 1,
    default: 10,
    description: 'Offsetting obligations between B and D, on top of B’s debt to D: bilateral netting removes them.',
  },
  deposits: {
    label: 'Outside creditors of each bank',
    unit: '$bn',
    min: 0,
    max: 50,
    step: 1,
    default: 10,
    description: 'What each bank owes outside the network (deposits, bonds); they rank equally with the banks.',
  },
});
/** Values of `nettingExampleSpec`. */
export type NettingExampleParams = ParamValues<typeof nettingExampleSpec>;

/** Result of `nettingExample`. */
export interface NettingExampleResult {
  /** liabilities[i][j]: what bank i owes bank j (A, B, C, D). */
  liabilities: number[][];
  /** Outside assets after the loss. */
  externalAssets: number[];
  externalLiabilities: number[];
  /** The loss exceeded A's outside assets and was capped at them. */
  lossCapped: boolean;
  /** The loss actually applied. */
  lossApplied: number;
  clearing: CcpClearingResult;
}

/**
 * Build and clear the four-bank network (see the module comment).
 * Obligations: A→B, B→C, C→D, D→A = ring; A→C = debtAC; B→D = reciprocal + debtBD;
 * D→B = reciprocal. Net positions: A −debtAC, B −debtBD, C +debtAC, D +debtBD.
 * Outside assets before the loss: deposits + capital − net, so every bank's
 * equity is its capital; the loss is taken from A's (capped at zero assets).
 * Throws `EngineInputError` when a net creditor would need negative outside
 * assets (its net claim exceeds its outside creditors plus capital).
 */
export function nettingExample(p: NettingExampleParams): NettingExampleResult {
  const { ring, debtAC, debtBD, reciprocal, capital, lossA, defaultFund, deposits } = p;
  const liabilities = [
    [0, ring, debtAC, 0],
    [0, 0, ring, reciprocal + debtBD],
    [0, 0, 0, ring],
    [ring, reciprocal, 0, 0],
  ];
  const net = [-debtAC, -debtBD, debtAC, debtBD];
  const before = net.map((n) => deposits + capital - n);
  before.forEach((e, i) => {
    if (e < 0) {
      const name = NETTING_BANKS[i]!;
      throw new EngineInputError(
        'invalid-parameter',
        `bank ${name} is owed ${Math.abs(net[i]!)} $bn net but has only ${deposits} $bn of outside creditors and ${capital} $bn of capital: it would need negative outside assets. Raise its outside creditors or capital, or lower the debt it is owed.`,
        i === 2 ? 'debtAC' : 'debtBD',
      );
    }
  });
  const lossApplied = Math.min(lossA, before[0]!);
  const externalAssets = before.map((e, i) => (i === 0 ? e - lossApplied : e));
  const externalLiabilities = [deposits, deposits, deposits, deposits];
  const clearing = ccpClearing({ liabilities, externalAssets, externalLiabilities, defaultFund });
  return { liabilities, externalAssets, externalLiabilities, lossCapped: lossA > before[0]!, lossApplied, clearing };
}

/** What the fund must achieve in `smallestFund`. */
export type FundGoal = 'no-contagion' | 'no-mutualisation';

/**
 * Smallest default fund F (to `tolerance`) such that, through the CCP,
 * - 'no-contagion': no more banks default than with an unlimited fund (only
 *   those that fail on their own losses);
 * - 'no-mutualisation': the CCP pays its creditors in full.
 * Bisection on F in [0, what the CCP owes]: with F at least what it owes, the
 * CCP always pays in full, and defaults and unpaid debts fall as F rises.
 */
export function smallestFund(p: NettingExampleParams, goal: FundGoal, tolerance = 1e-6): number {
  const at = (F: number) => nettingExample({ ...p, defaultFund: F }).clearing.ccp;
  const owed = at(0).clearing.obligations[NETTING_BANKS.length]!;
  const hi0 = owed;
  const floor = at(hi0).outcome.defaults!;
  const ok = (F: number): boolean => {
    const c = at(F);
    return goal === 'no-contagion' ? c.outcome.defaults! <= floor : !c.ccpDefaulted;
  };
  if (ok(0)) return 0;
  let lo = 0;
  let hi = hi0;
  // Bound: the interval halves each time; at most 64 rounds for any tolerance above 2^-64 of the span.
  for (let k = 0; k < 64 && hi - lo > tolerance; k++) {
    const mid = (lo + hi) / 2;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Parameters of a three-bank network ($bn): what each bank owes each other bank. */
export const threeBankSpec = defineParams({
  ab: { label: 'A owes B', unit: '$bn', min: 0, max: 50, step: 1, default: 12, description: 'Obligation of bank A to bank B.' },
  ac: { label: 'A owes C', unit: '$bn', min: 0, max: 50, step: 1, default: 5, description: 'Obligation of bank A to bank C.' },
  ba: { label: 'B owes A', unit: '$bn', min: 0, max: 50, step: 1, default: 7, description: 'Obligation of bank B to bank A.' },
  bc: { label: 'B owes C', unit: '$bn', min: 0, max: 50, step: 1, default: 9, description: 'Obligation of bank B to bank C.' },
  ca: { label: 'C owes A', unit: '$bn', min: 0, max: 50, step: 1, default: 4, description: 'Obligation of bank C to bank A.' },
  cb: { label: 'C owes B', unit: '$bn', min: 0, max: 50, step: 1, default: 8, description: 'Obligation of bank C to bank B.' },
});
/** Values of `threeBankSpec`. */
export type ThreeBankParams = ParamValues<typeof threeBankSpec>;

/** The three-bank matrix (liabilities[i][j] = what i owes j), netted. */
export function threeBankNetting(p: ThreeBankParams): NettingResult {
  return multilateralNetting([
    [0, p.ab, p.ac],
    [p.ba, 0, p.bc],
    [p.ca, p.cb, 0],
  ]);
}

/** One account on two venues in two assets ($M of notional; + long, − short) and the margin rate of each asset. */
export const crossVenueExampleSpec = defineParams({
  x1A: { label: 'Asset 1 on venue A', unit: '$M', min: -50, max: 50, step: 1, default: 20, description: 'Signed notional of asset 1 held on venue A (+ long, − short).' },
  x1B: { label: 'Asset 1 on venue B', unit: '$M', min: -50, max: 50, step: 1, default: -20, description: 'Signed notional of asset 1 held on venue B: a short here hedges a long on A.' },
  x2A: { label: 'Asset 2 on venue A', unit: '$M', min: -50, max: 50, step: 1, default: 10, description: 'Signed notional of asset 2 held on venue A.' },
  x2B: { label: 'Asset 2 on venue B', unit: '$M', min: -50, max: 50, step: 1, default: -4, description: 'Signed notional of asset 2 held on venue B.' },
  rate1: { label: 'Margin rate, asset 1', display: 'percent', unit: '%', min: 0.01, max: 0.5, step: 0.01, default: 0.1, description: 'Margin as a fraction of notional for asset 1.' },
  rate2: { label: 'Margin rate, asset 2', display: 'percent', unit: '%', min: 0.01, max: 0.5, step: 0.01, default: 0.2, description: 'Margin as a fraction of notional for asset 2.' },
});
/** Values of `crossVenueExampleSpec`. */
export type CrossVenueExampleParams = ParamValues<typeof crossVenueExampleSpec>;

/** Margin of the account per venue and netted across venues (prices 1: positions are notionals). */
export function crossVenueExample(p: CrossVenueExampleParams): CrossVenueResult {
  return crossVenueNetting({
    positions: [
      [p.x1A, p.x2A],
      [p.x1B, p.x2B],
    ],
    prices: [1, 1],
    marginRates: [p.rate1, p.rate2],
  });
}

/** Parameters of Duffie & Zhu's comparison: dealers, classes of derivatives, and classes cleared in one CCP. */
export const ccpEfficiencySpec = defineParams({
  dealers: { label: 'Dealers', symbol: 'N', min: 2, max: 60, step: 1, default: 10, integer: true, description: 'Number of dealers trading with each other.' },
  classes: { label: 'Classes of derivatives', symbol: 'K', min: 1, max: 10, step: 1, default: 4, integer: true, description: 'Asset classes each pair of dealers trades (rates, credit, FX, …), with independent exposures.' },
  cleared: { label: 'Classes cleared in the CCP', symbol: 'k', min: 0, max: 10, step: 1, default: 1, integer: true, description: 'How many of the classes one central counterparty clears; the rest stay bilateral.' },
});
/** Values of `ccpEfficiencySpec`. */
export type CcpEfficiencyParams = ParamValues<typeof ccpEfficiencySpec>;

/** Expected exposure per dealer (in units of σ) for 2 … maxDealers dealers, bilateral and with the CCP. */
export function ccpEfficiencyCurve(classes: number, cleared: number, maxDealers: number): { dealers: number; bilateral: number; withCcp: number }[] {
  const out: { dealers: number; bilateral: number; withCcp: number }[] = [];
  for (let n = 2; n <= maxDealers; n++) {
    const e = ccpNettingEfficiency({ dealers: n, classes, clearedClasses: cleared });
    out.push({ dealers: n, bilateral: e.bilateral, withCcp: e.withCcp });
  }
  return out;
}
