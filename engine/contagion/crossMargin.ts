/**
 * Cross-margin contagion between two markets.
 *
 * A stylised model of the book's own (no single published source): margin
 * accounts that hold two assets against one collateral pool transmit a fall in
 * asset A to asset B. When A falls, the most leveraged cross-margined accounts
 * breach their maintenance margin and are liquidated in full, so their
 * holdings of B are sold into B's market; B's price falls and hits accounts
 * that hold B alone and never touched A. The mechanism is the "margin spiral"
 * of Brunnermeier & Pedersen (2009), Review of Financial Studies
 * 22(6):2201–2238, spread across markets through a shared collateral pool;
 * price impact has the exponential form of Caccioli et al. (2014), J. Banking
 * & Finance 46:233–245 (models.md §4.3).
 *
 * Set-up. Prices start at 1. There are `crossAccounts` accounts holding A and B
 * (a share `weightB` of their position in B) and `bOnlyAccounts` holding only
 * B. Every account starts with position value 1; account k of a group of n has
 * leverage L_k = 1 + (maxLeverage − 1)·k/n (k = 1 … n, evenly spread), so its
 * debt is 1 − 1/L_k. No account may open above the leverage allowed by its
 * initial margin, taken as 1.25 × the maintenance margin (the book's choice;
 * exchanges set initial above maintenance margin), so L_k is capped at
 * 1/(1.25·m) and no account starts in breach. An account (or, in isolated mode, each leg) is liquidated
 * when its equity is at most `maintenanceMargin` × its position value
 * (compared with the engine's 1e-9 relative tie rule; a breach at equality is
 * a breach). Liquidation sells every unit it holds.
 * - 'cross' margin: one collateral pool per account (equity = value − debt).
 * - 'isolated' margin: each cross account is split into an A leg and a B leg,
 *   each with the account's leverage and its own margin check, so a loss on A
 *   cannot force a sale of B.
 * Prices after round r: P_A = (1 − shockA)·exp(−impactA · soldA / unitsA),
 * P_B = exp(−impactB · soldB / unitsB), with units the total held at the start.
 *
 * Termination: every round but the last liquidates at least one account or
 * leg, so there are at most 2·crossAccounts + bOnlyAccounts rounds after the
 * shock.
 */
import { EngineInputError, requireInRange, requireInteger, requireNonNegative } from '../core/errors';
import { defineParams, type ParamValues } from '../core/params';
import { netWorthDefault } from './gaiKapadia';

/** Initial margin as a multiple of the maintenance margin: caps the leverage at which accounts open. */
export const CROSS_MARGIN_INITIAL_MULTIPLE = 1.25;

/** 'cross': one collateral pool per account; 'isolated': each asset leg has its own collateral. */
export type CrossMarginMode = 'cross' | 'isolated';

/** Parameters of the cross-margin contagion model (defaults: cross margin carries a 10 % fall in A into B). */
export const crossMarginContagionParams = defineParams({
  shockA: {
    label: 'Fall in asset A',
    symbol: '\\Delta_A',
    unit: '%',
    display: 'percent',
    min: 0,
    max: 0.5,
    step: 0.005,
    default: 0.1,
    description: 'Initial fall in the price of asset A.',
  },
  crossAccounts: { label: 'Cross-margined accounts', min: 0, max: 1000, step: 10, default: 100, integer: true, description: 'Accounts holding both A and B against one collateral pool.' },
  bOnlyAccounts: { label: 'Accounts holding B only', min: 0, max: 1000, step: 10, default: 100, integer: true, description: 'Accounts exposed to B and not to A.' },
  weightB: {
    label: 'Share of B in cross accounts',
    unit: '%',
    display: 'percent',
    min: 0,
    max: 1,
    step: 0.05,
    default: 0.5,
    description: 'Part of each cross-margined position held in asset B.',
  },
  maxLeverage: {
    label: 'Highest leverage',
    symbol: 'L_{\\max}',
    unit: '×',
    min: 1,
    max: 50,
    step: 0.5,
    default: 15,
    description: 'Leverage of the most leveraged account; leverage is spread evenly from 1 up to this (capped at 1/(1.25 × maintenance margin)).',
  },
  maintenanceMargin: {
    label: 'Maintenance margin',
    symbol: 'm',
    unit: '%',
    display: 'percent',
    min: 0.005,
    max: 0.5,
    step: 0.005,
    default: 0.05,
    description: 'An account is liquidated when its equity falls to this share of its position value.',
  },
  impactA: { label: 'Price impact in A', symbol: '\\kappa_A', min: 0, max: 3, step: 0.05, default: 0.5, description: 'Price of A is multiplied by exp(−κ_A × share of A sold).' },
  impactB: { label: 'Price impact in B', symbol: '\\kappa_B', min: 0, max: 3, step: 0.05, default: 0.5, description: 'Price of B is multiplied by exp(−κ_B × share of B sold).' },
  marginMode: {
    kind: 'choice',
    label: 'Margin mode',
    description: 'Cross margin pools both assets; isolated margin gives each asset its own collateral.',
    options: [
      { value: 'cross', label: 'Cross margin' },
      { value: 'isolated', label: 'Isolated margin' },
    ],
    default: 'cross',
  },
});
/** Values of `crossMarginContagionParams`. */
export type CrossMarginContagionParams = ParamValues<typeof crossMarginContagionParams>;

/** State after one round of liquidations (round 0 is the shock). */
export interface CrossMarginContagionRound {
  round: number;
  priceA: number;
  priceB: number;
  /** Cross-margined accounts liquidated this round (isolated mode: accounts with a leg liquidated for the first time). */
  crossLiquidated: number;
  /** B-only accounts liquidated this round. */
  bOnlyLiquidated: number;
  /** Units of A and B sold this round. */
  soldA: number;
  soldB: number;
}

/** Prices by round and liquidations by account type. */
export interface CrossMarginContagionResult {
  /** Round 0 is the shock (no liquidations yet). */
  rounds: CrossMarginContagionRound[];
  finalPriceA: number;
  finalPriceB: number;
  liquidated: { cross: number; bOnly: number };
  /** Highest leverage any account opens with, min(maxLeverage, 1/(1.25·m)). */
  leverageCap: number;
  /** Units of B sold by cross-margined accounts (the spillover channel) and by B-only accounts. */
  bSoldByCross: number;
  bSoldByBOnly: number;
}

/** Legs smaller than this (in margin units) are treated as empty. */
const EMPTY_LEG = 1e-12;

/** Run the cross-margin cascade (see the module comment). */
export function crossMarginContagion(p: CrossMarginContagionParams): CrossMarginContagionResult {
  if (!p || typeof p !== 'object') throw new EngineInputError('invalid-parameter', 'crossMarginContagion needs its parameters');
  const shockA = requireInRange(p.shockA, 0, 1, 'shockA');
  const nc = requireInteger(p.crossAccounts, 0, 1e6, 'crossAccounts');
  const nb = requireInteger(p.bOnlyAccounts, 0, 1e6, 'bOnlyAccounts');
  const w = requireInRange(p.weightB, 0, 1, 'weightB');
  const maxL = requireInRange(p.maxLeverage, 1, 1e6, 'maxLeverage');
  const m = requireInRange(p.maintenanceMargin, 0, 1, 'maintenanceMargin');
  if (m === 0) throw new EngineInputError('out-of-range', 'maintenanceMargin must be positive', 'maintenanceMargin');
  const kA = requireNonNegative(p.impactA, 'impactA');
  const kB = requireNonNegative(p.impactB, 'impactB');
  const mode: CrossMarginMode = p.marginMode;
  if (mode !== 'cross' && mode !== 'isolated') throw new EngineInputError('invalid-parameter', `marginMode must be 'cross' or 'isolated' (got ${String(mode)})`, 'marginMode');

  const leverageCap = 1 / (CROSS_MARGIN_INITIAL_MULTIPLE * m);
  const lev = (k: number, n: number): number => Math.min(leverageCap, 1 + ((maxL - 1) * (k + 1)) / n);
  // Positions: units of A and B and debt, per margin unit. Cross mode: one unit per cross account;
  // isolated mode: two legs per cross account. Then the B-only accounts.
  const unitA: number[] = [];
  const unitB: number[] = [];
  const debt: number[] = [];
  const accountOf: number[] = []; // cross account index, or −1 for B-only
  for (let k = 0; k < nc; k++) {
    const L = lev(k, nc);
    if (mode === 'cross') {
      unitA.push(1 - w);
      unitB.push(w);
      debt.push(1 - 1 / L);
      accountOf.push(k);
    } else {
      unitA.push(1 - w, 0);
      unitB.push(0, w);
      debt.push((1 - w) * (1 - 1 / L), w * (1 - 1 / L));
      accountOf.push(k, k);
    }
  }
  for (let k = 0; k < nb; k++) {
    unitA.push(0);
    unitB.push(1);
    debt.push(1 - 1 / lev(k, nb));
    accountOf.push(-1);
  }
  const units = unitA.length;
  let totalA = 0;
  let totalB = 0;
  for (let u = 0; u < units; u++) {
    totalA += unitA[u]!;
    totalB += unitB[u]!;
  }
  const live = new Uint8Array(units).fill(1);
  // Empty legs (weightB 0 or 1) hold nothing. A leg below 1e-12 of a margin unit counts as empty too:
  // at such sizes value and debt round to the same subnormal number and a phantom liquidation follows.
  for (let u = 0; u < units; u++) if (unitA[u]! + unitB[u]! < EMPTY_LEG) live[u] = 0;
  const crossHit = new Uint8Array(nc);
  let soldA = 0;
  let soldB = 0;
  let bSoldByCross = 0;
  let bSoldByBOnly = 0;
  const priceA = (): number => (1 - shockA) * (totalA > 0 ? Math.exp((-kA * soldA) / totalA) : 1);
  const priceB = (): number => (totalB > 0 ? Math.exp((-kB * soldB) / totalB) : 1);
  let pA = priceA();
  let pB = priceB();
  const rounds: CrossMarginContagionRound[] = [{ round: 0, priceA: pA, priceB: pB, crossLiquidated: 0, bOnlyLiquidated: 0, soldA: 0, soldB: 0 }];
  let crossTotal = 0;
  let bOnlyTotal = 0;
  // At most `units` further rounds: each continuing round liquidates at least one live unit.
  for (let r = 1; r <= units; r++) {
    const hit: number[] = [];
    for (let u = 0; u < units; u++) {
      if (!live[u]) continue;
      const value = unitA[u]! * pA + unitB[u]! * pB;
      // Breach when equity − m·value ≤ 0, i.e. value − debt ≤ m·value (tie counts as a breach).
      if (netWorthDefault(value - debt[u]!, m * value)) hit.push(u);
    }
    if (hit.length === 0) break;
    let cl = 0;
    let bl = 0;
    let sa = 0;
    let sb = 0;
    for (const u of hit) {
      live[u] = 0;
      sa += unitA[u]!;
      sb += unitB[u]!;
      const acct = accountOf[u]!;
      if (acct >= 0) {
        bSoldByCross += unitB[u]!;
        if (!crossHit[acct]) {
          crossHit[acct] = 1;
          cl++;
        }
      } else {
        bSoldByBOnly += unitB[u]!;
        bl++;
      }
    }
    soldA += sa;
    soldB += sb;
    pA = priceA();
    pB = priceB();
    crossTotal += cl;
    bOnlyTotal += bl;
    rounds.push({ round: r, priceA: pA, priceB: pB, crossLiquidated: cl, bOnlyLiquidated: bl, soldA: sa, soldB: sb });
  }
  return { rounds, finalPriceA: pA, finalPriceB: pB, liquidated: { cross: crossTotal, bOnly: bOnlyTotal }, leverageCap: Math.min(maxL, leverageCap), bSoldByCross, bSoldByBOnly };
}

/**
 * The smallest fall in A that liquidates one account of the model above, with
 * prices of B unchanged (no price impact): the hand calculation behind the
 * simulation. An account of value 1 holds (1 − w) of A and w of B with debt
 * d = 1 − 1/L, where L is its leverage capped at 1/(1.25 m) as in
 * `crossMarginContagion`. After A falls by x its value is V = 1 − (1 − w) x, and
 * it is liquidated when V − d ≤ m V, i.e. V ≤ d / (1 − m):
 *     cross margin:     x* = (1 − d/(1 − m)) / (1 − w);
 *     isolated A leg:   x* = 1 − d/(1 − m)   (the leg is A alone; B is never sold).
 * Returns null when no fall of A up to 100 % triggers it (e.g. w = 1, or the
 * cross account survives A going to zero).
 */
export function crossMarginTriggerFall(p: { weightB: number; leverage: number; maintenanceMargin: number; marginMode: CrossMarginMode }): number | null {
  const w = requireInRange(p.weightB, 0, 1, 'weightB');
  const m = requireInRange(p.maintenanceMargin, 0, 1, 'maintenanceMargin');
  if (m === 0 || m === 1) throw new EngineInputError('out-of-range', 'maintenanceMargin must lie strictly between 0 and 1', 'maintenanceMargin');
  const L = Math.min(requireInRange(p.leverage, 1, 1e6, 'leverage'), 1 / (CROSS_MARGIN_INITIAL_MULTIPLE * m));
  const d = 1 - 1 / L;
  const isolated = 1 - d / (1 - m);
  if (p.marginMode !== 'cross' && p.marginMode !== 'isolated') throw new EngineInputError('invalid-parameter', `marginMode must be 'cross' or 'isolated' (got ${String(p.marginMode)})`, 'marginMode');
  if (p.marginMode === 'isolated') return w < 1 ? isolated : null;
  if (w >= 1) return null;
  const x = isolated / (1 - w);
  return x <= 1 ? x : null;
}

/**
 * The largest "highest leverage" on the grid of its spec (1× to 50× in steps
 * of 0.5×) for which B's final fall stays below `maxFallB`, other parameters
 * fixed; null if even 1× fails. Scans the grid from the top; the cascade is
 * cheap, so at most 99 runs. Used to check the leverage-cap experiment.
 */
export function crossMarginSafeLeverage(p: CrossMarginContagionParams, maxFallB: number): number | null {
  requireInRange(maxFallB, 0, 1, 'maxFallB');
  const s = crossMarginContagionParams.maxLeverage;
  for (let L = s.max; L >= s.min - 1e-9; L -= s.step) {
    const lev = Math.round(L / s.step) * s.step;
    if (1 - crossMarginContagion({ ...p, maxLeverage: lev }).finalPriceB < maxFallB) return lev;
  }
  return null;
}
