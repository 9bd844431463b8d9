/**
 * A small interbank system for the chapter's network drawings, and the two
 * ways of propagating one bank's loss through it: Eisenberg–Noe clearing
 * (losses pass on only when a debtor defaults) and DebtRank (every loss of
 * equity passes on in proportion).
 *
 * Balance sheets (the book's own construction, for figures and exercises; no
 * published calibration is implied):
 * - Network: directed Erdős–Rényi (edge i → j: i owes j; `erdosRenyi`); each
 *   debt L_ij is drawn uniformly in [0.5, 1.5] from a stream derived from the
 *   seed.
 * - Bank i's interbank assets A_i = Σ_j L_ji and interbank liabilities
 *   B_i = Σ_j L_ij. Total assets T_i = A_i / θ, so a share θ of assets is
 *   interbank; a bank with no debtors gets the mean size of the others.
 *   External assets e_i = T_i − A_i.
 * - Equity E_i = γ T_i; external liabilities (deposits) ℓ_i = T_i − B_i − E_i.
 *   A heavy borrower whose ℓ_i would be negative gets more external assets
 *   instead, T_i = B_i / (1 − γ), so ℓ_i = 0 and its interbank share is below θ.
 * So every bank starts solvent with a capital ratio of exactly γ, and the
 * balance sheet identity T_i = B_i + ℓ_i + E_i holds.
 *
 * Shock: bank b loses a share s of its external assets. Its relative equity
 * loss is h_b = min(1, s e_b / E_b). Eisenberg–Noe clears the system with
 * e_b → (1 − s) e_b (external creditors pari passu by default; optional
 * Rogers–Veraart recovery rates and seniority); DebtRank starts from h_b.
 * Relative loss of bank i under Eisenberg–Noe: 1 − E_i(after) / E_i, which is
 * 1 for a defaulter. System loss: Σ E_i loss_i / Σ E_i (DebtRank's equity
 * loss with the relative value v_i taken as the equity share).
 */
import { createRng, hashInts } from '../core/random';
import { EngineInputError, requireInRange, requireInteger } from '../core/errors';
import { defineParams, type ParamValues } from '../core/params';
import { erdosRenyi } from './generators';
import { networkFromEdges, type WeightedNetwork } from './network';
import { clearingVector, type ClearingResult, type ExternalSeniority } from './eisenbergNoe';
import { debtRank, interbankLeverageMatrix, type DebtRankResult, type DebtRankRule } from './debtRank';
import { perronRoot } from './perron';

/** Parameters of the demonstration network (`demoBankingSystem`). */
export const demoNetworkParams = defineParams({
  banks: { label: 'Number of banks', symbol: 'n', min: 5, max: 20, step: 1, default: 12, integer: true, description: 'Banks in the drawn network.' },
  avgDegree: {
    label: 'Average number of creditors',
    symbol: 'z',
    unit: 'links',
    min: 0.5,
    max: 8,
    step: 0.5,
    default: 2,
    description: 'Mean number of banks each bank owes money to (and is owed by); must be below the number of banks.',
  },
  interbankShare: {
    label: 'Interbank assets',
    symbol: '\\theta',
    unit: '%',
    display: 'percent',
    min: 0.05,
    max: 0.6,
    step: 0.01,
    default: 0.3,
    description: 'Share of each bank’s assets that are loans to other banks.',
  },
  capitalBuffer: {
    label: 'Capital ratio',
    symbol: '\\gamma',
    unit: '%',
    display: 'percent',
    min: 0.02,
    max: 0.3,
    step: 0.005,
    default: 0.06,
    description: 'Equity as a share of total assets, the same for every bank.',
  },
  seed: { label: 'Network seed', min: 0, max: 999, step: 1, default: 25, integer: true, description: 'Same seed, same network and the same debts.' },
});
/** Values of `demoNetworkParams`. */
export type DemoNetworkParams = ParamValues<typeof demoNetworkParams>;

/** The shock and the propagation options of `networkContagion`. */
export const networkShockParams = defineParams({
  shock: {
    label: 'Loss on outside assets',
    symbol: 's',
    unit: '%',
    display: 'percent',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.9,
    description: 'Share of the shocked bank’s non-bank assets that is lost.',
  },
  shockedBank: { label: 'Shocked bank', min: 0, max: 19, step: 1, default: 0, integer: true, description: 'Index of the bank that takes the loss (bank 1 is index 0).' },
  alpha: {
    label: 'Recovery on outside assets',
    symbol: '\\alpha',
    unit: '%',
    display: 'percent',
    min: 0,
    max: 1,
    step: 0.05,
    default: 1,
    description: 'Share of its outside assets a defaulting bank realises (Rogers–Veraart; 100 % = Eisenberg–Noe).',
  },
  beta: {
    label: 'Recovery on interbank claims',
    symbol: '\\beta',
    unit: '%',
    display: 'percent',
    min: 0,
    max: 1,
    step: 0.05,
    default: 1,
    description: 'Share of its interbank receivables a defaulting bank realises (Rogers–Veraart; 100 % = Eisenberg–Noe).',
  },
  externalSeniority: {
    kind: 'choice',
    label: 'Depositors rank',
    description: 'Whether depositors and other outside creditors share losses with banks or are paid first.',
    options: [
      { value: 'pari-passu', label: 'Equal with banks (pari passu)' },
      { value: 'senior', label: 'Before banks (senior)' },
    ],
    default: 'pari-passu',
  },
  rule: {
    kind: 'choice',
    label: 'DebtRank rule',
    description: 'Battiston et al. (2012): each distressed bank passes its distress on once; linear (Bardoscia et al. 2015): every new loss is passed on.',
    options: [
      { value: 'battiston2012', label: 'Propagate once (2012)' },
      { value: 'linear', label: 'Linear (2015)' },
    ],
    default: 'battiston2012',
  },
});
/** Values of `networkShockParams`. */
export type NetworkShockParams = ParamValues<typeof networkShockParams>;

/** What the network drawing shows: which propagation, and which round of it. */
export const networkViewParams = defineParams({
  model: {
    kind: 'choice',
    label: 'Propagation',
    description: 'Eisenberg–Noe clearing passes losses on only when a debtor defaults; DebtRank passes on every loss of equity.',
    options: [
      { value: 'eisenberg-noe', label: 'Eisenberg–Noe (defaults)' },
      { value: 'debtrank', label: 'DebtRank (distress)' },
    ],
    default: 'eisenberg-noe',
  },
  round: {
    label: 'Round shown',
    min: 0,
    max: 25,
    step: 1,
    default: 25,
    integer: true,
    description: 'Round of the cascade to draw: 0 is the shock; a round after the last one shows the final state.',
  },
});
/** Values of `networkViewParams`. */
export type NetworkViewParams = ParamValues<typeof networkViewParams>;

/** Balance sheets of the demonstration system (plain arrays; see the module comment). */
export interface DemoBankingSystem {
  n: number;
  /** Edge i → j with weight L_ij (what i owes j). */
  network: WeightedNetwork;
  /** liabilities[i][j] = L_ij. */
  liabilities: number[][];
  /** exposures[i][j] = L_ji: bank i's claim on bank j (DebtRank's A_ij). */
  exposures: number[][];
  externalAssets: number[];
  externalLiabilities: number[];
  interbankAssets: number[];
  interbankLiabilities: number[];
  totalAssets: number[];
  /** Book equity before any shock, γ T_i. */
  equity: number[];
}

/** Build the demonstration system from its parameters (see the module comment). */
export function demoBankingSystem(p: DemoNetworkParams): DemoBankingSystem {
  if (!p || typeof p !== 'object') throw new EngineInputError('invalid-parameter', 'demoBankingSystem needs {banks, avgDegree, interbankShare, capitalBuffer, seed}');
  const n = requireInteger(p.banks, 2, 1000, 'banks');
  if (!(p.avgDegree <= n - 1)) {
    throw new EngineInputError('out-of-range', `average number of creditors (${p.avgDegree}) must be at most the number of banks minus one (${n - 1})`, 'avgDegree');
  }
  const theta = requireInRange(p.interbankShare, 0.01, 0.99, 'interbankShare');
  const gamma = requireInRange(p.capitalBuffer, 0, 0.99, 'capitalBuffer');
  const seed = requireInteger(p.seed, 0, 4294967295, 'seed');
  const net = erdosRenyi({ banks: n, avgDegree: p.avgDegree, seed });
  const rng = createRng(hashInts(seed, 0x64656d6f));
  const src: number[] = [];
  const dst: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let e = net.offsets[i]!; e < net.offsets[i + 1]!; e++) {
      src.push(i);
      dst.push(net.targets[e]!);
      w.push(Math.round(rng.uniform(0.5, 1.5) * 100) / 100);
    }
  }
  const network = networkFromEdges(n, src, dst, w);
  const liabilities = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let k = 0; k < src.length; k++) liabilities[src[k]!]![dst[k]!]! += w[k]!;
  const exposures = liabilities.map((_, i) => liabilities.map((row) => row[i]!));
  const interbankAssets = exposures.map((row) => row.reduce((s, v) => s + v, 0));
  const interbankLiabilities = liabilities.map((row) => row.reduce((s, v) => s + v, 0));
  const lenders = interbankAssets.filter((a) => a > 0);
  const meanSize = lenders.length > 0 ? lenders.reduce((s, a) => s + a / theta, 0) / lenders.length : 1;
  const totalAssets = interbankAssets.map((a, i) => Math.max(a > 0 ? a / theta : meanSize, interbankLiabilities[i]! / (1 - gamma)));
  const externalAssets = totalAssets.map((t, i) => t - interbankAssets[i]!);
  const equity = totalAssets.map((t) => gamma * t);
  // max(0, ·) only removes rounding noise for the heavy borrowers whose deposits are exactly 0.
  const externalLiabilities = totalAssets.map((t, i) => Math.max(0, t - interbankLiabilities[i]! - equity[i]!));
  return { n, network, liabilities, exposures, externalAssets, externalLiabilities, interbankAssets, interbankLiabilities, totalAssets, equity };
}

/** One round of a replayed cascade: every bank's relative equity loss (1 = wiped out). */
export interface ContagionRoundState {
  loss: number[];
  /** Banks counted as defaulted in this round (Eisenberg–Noe: in the default set; DebtRank: loss = 1). */
  defaulted: boolean[];
  /** Equity-weighted system loss Σ E_i loss_i / Σ E_i. */
  systemLoss: number;
}

/** Both propagations of one shock, round by round. */
export interface NetworkContagionResult {
  /** Relative equity loss of the shocked bank from the shock alone, h_b. */
  initialLoss: number;
  /** System loss of the shock alone (no propagation). */
  directSystemLoss: number;
  eisenbergNoe: { rounds: ContagionRoundState[]; clearing: ClearingResult };
  debtRank: { rounds: ContagionRoundState[]; result: DebtRankResult };
  /** Largest eigenvalue of the interbank leverage matrix Λ_ij = A_ij / E_i (Bardoscia et al. 2015). */
  lambdaMax: number;
}

function systemLoss(equity: number[], loss: number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < equity.length; i++) {
    num += equity[i]! * loss[i]!;
    den += equity[i]!;
  }
  return den > 0 ? num / den : 0;
}

/** Shock one bank of `sys` and propagate the loss by Eisenberg–Noe and by DebtRank (see the module comment). */
export function networkContagion(
  sys: DemoBankingSystem,
  p: { shockedBank: number; shock: number; alpha?: number; beta?: number; externalSeniority?: ExternalSeniority; rule?: DebtRankRule },
): NetworkContagionResult {
  const { n, equity } = sys;
  const b = requireInteger(p.shockedBank, 0, n - 1, 'shockedBank');
  const s = requireInRange(p.shock, 0, 1, 'shock');
  for (let i = 0; i < n; i++) if (!(equity[i]! > 0)) throw new EngineInputError('out-of-range', `bank ${i + 1} has no equity: raise the capital ratio`, 'capitalBuffer');
  const e = sys.externalAssets.slice();
  e[b] = e[b]! * (1 - s);
  const h0 = Math.min(1, (s * sys.externalAssets[b]!) / equity[b]!);
  const shockVec = new Array<number>(n).fill(0);
  shockVec[b] = h0;

  const clearing = clearingVector({
    liabilities: sys.liabilities,
    externalAssets: e,
    externalLiabilities: sys.externalLiabilities,
    externalSeniority: p.externalSeniority ?? 'pari-passu',
    recovery: { alpha: p.alpha ?? 1, beta: p.beta ?? 1 },
    trace: true,
  });
  const enRounds = clearing.trace!.map((r) => {
    const loss = r.equity.map((eq, i) => (r.defaulted[i] ? 1 : Math.min(1, Math.max(0, 1 - eq / equity[i]!))));
    return { loss, defaulted: r.defaulted, systemLoss: systemLoss(equity, loss) };
  });

  const dr = debtRank({ exposures: sys.exposures, equity, shock: shockVec, rule: p.rule ?? 'battiston2012', recordDistress: true });
  const drRounds = dr.distressByRound!.map((h) => ({ loss: h, defaulted: h.map((x) => x >= 1), systemLoss: systemLoss(equity, h) }));

  const lambdaMax = perronRoot(interbankLeverageMatrix(sys.exposures, equity)).value;
  const direct = new Array<number>(n).fill(0);
  direct[b] = h0;
  return {
    initialLoss: h0,
    directSystemLoss: systemLoss(equity, direct),
    eisenbergNoe: { rounds: enRounds, clearing },
    debtRank: { rounds: drRounds, result: dr },
    lambdaMax,
  };
}

/** System loss against shock size for one bank: no propagation, Eisenberg–Noe, and both DebtRank rules. */
export function systemLossCurve(
  sys: DemoBankingSystem,
  p: { shockedBank: number; shocks: number[]; alpha?: number; beta?: number; externalSeniority?: ExternalSeniority },
): { shock: number; direct: number; eisenbergNoe: number; debtRankOnce: number; debtRankLinear: number }[] {
  if (!Array.isArray(p.shocks)) throw new EngineInputError('invalid-shape', 'shocks must be an array', 'shocks');
  const { n, equity } = sys;
  const b = requireInteger(p.shockedBank, 0, n - 1, 'shockedBank');
  // The same computation as networkContagion, without the round-by-round traces and the eigenvalue.
  return p.shocks.map((shock) => {
    const s = requireInRange(shock, 0, 1, 'shock');
    const e = sys.externalAssets.slice();
    e[b] = e[b]! * (1 - s);
    const h0 = Math.min(1, (s * sys.externalAssets[b]!) / equity[b]!);
    const shockVec = new Array<number>(n).fill(0);
    shockVec[b] = h0;
    const c = clearingVector({
      liabilities: sys.liabilities,
      externalAssets: e,
      externalLiabilities: sys.externalLiabilities,
      externalSeniority: p.externalSeniority ?? 'pari-passu',
      recovery: { alpha: p.alpha ?? 1, beta: p.beta ?? 1 },
    });
    const enLoss = c.equity.map((eq, i) => (c.defaulted[i] ? 1 : Math.min(1, Math.max(0, 1 - eq / equity[i]!))));
    const direct = new Array<number>(n).fill(0);
    direct[b] = h0;
    return {
      shock,
      direct: systemLoss(equity, direct),
      eisenbergNoe: systemLoss(equity, enLoss),
      debtRankOnce: debtRank({ exposures: sys.exposures, equity, shock: shockVec, rule: 'battiston2012' }).equityLoss,
      debtRankLinear: debtRank({ exposures: sys.exposures, equity, shock: shockVec, rule: 'linear' }).equityLoss,
    };
  });
}
