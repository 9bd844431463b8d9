/**
 * DebtRank: distress propagation through interbank exposures.
 *
 * Notation (the API contract): exposures[i][j] = A_ij, bank i's claim on bank j;
 * equity[i] = E_i > 0; shock[i] = h_i(1) ∈ [0, 1], the initial relative equity
 * loss of bank i. Distress h_i ∈ [0, 1] is the relative equity loss
 * (Bardoscia et al. 2015: h_i = (E_i(0) − E_i(t)) / E_i(0)); h_i = 1 is default.
 *
 * Rule 'battiston2012' — Battiston, Puliga, Kaushik, Tasca & Caldarelli (2012),
 * "DebtRank: Too central to fail? Financial networks, the FED and systemic
 * risk", Scientific Reports 2:541. States U (undistressed), D (distressed),
 * I (inactive); nodes with a positive shock start in D. At each step
 *     h_i(t) = min{1, h_i(t−1) + Σ_{j: s_j(t−1) = D} W_ji h_j(t−1)},
 * then D → I, and U with h > 0 → D: each distressed node propagates once.
 * The impact of j's distress on i is read as W = min(1, A_ij / E_i): the share
 * of i's equity that its claim on j represents. models.md §3.1 writes this as
 * W_ij = min{1, A_ji/E_j} with A_ji "the exposure of j to i" (the impact of i
 * on j); that wording is [unverified] (Puliga's reference code takes the
 * impact as an input), and with the contract's orientation of `exposures` it
 * is the same quantity. Termination: each node is in state D during at most
 * one step, so at most n steps.
 *
 * Rule 'linear' — Bardoscia, Battiston, Caccioli & Caldarelli (2015),
 * "DebtRank: A microscopic foundation for shock propagation", PLoS ONE
 * 10(6):e0130406 (models.md §3.2). With the interbank leverage matrix
 * Λ_ij = A_ij / E_i,
 *     h_i(t+1) = min{1, h_i(t) + Σ_j Λ_ij [h_j(t) − h_j(t−1)]},   h(0) = 0.
 * h is non-decreasing and bounded by 1, so it converges; in the linear regime
 * (λ_max(Λ) < 1, nobody saturates) h(∞) = (I − Λ)^{-1} h(1). Termination: stop
 * when the largest increment δ_t of a step and its geometric-tail estimate
 * δ_t·r/(1 − r), r = δ_t/δ_{t−1}, are ≤ `tolerance` (default 1e-13), or after
 * `maxRounds` (default 100,000) steps (then `converged` is false).
 *
 * Losses reported. equityLoss = Σ_i E_i h_i / Σ_i E_i, the equity-weighted
 * relative loss including the initial shock (the relative economic value v_i
 * of Battiston et al. is taken as the equity share E_i / Σ E); absoluteLoss =
 * Σ_i E_i h_i in the units of `equity`; debtRank = equityLoss − initialLoss,
 * the network amplification that Battiston et al. call DebtRank.
 */
import { EngineInputError, requireInRange } from '../core/errors';
import { defineParams, type ParamValues } from '../core/params';
import { requireSquareNonNegative, requireVector } from './network';

/** Propagation rule: Battiston et al. (2012) "propagate once", or linear DebtRank of Bardoscia et al. (2015). */
export type DebtRankRule = 'battiston2012' | 'linear';

/** Inputs of `debtRank` (the API contract plus solver options for the linear rule). */
export interface DebtRankInput {
  exposures: number[][];
  equity: number[];
  shock: number[];
  rule?: DebtRankRule;
  /** Linear rule: stop when increments fall below this (default 1e-13). */
  tolerance?: number;
  /** Linear rule: step cap (default 100,000). */
  maxRounds?: number;
  /** Also return every bank's distress after each step (`distressByRound`), for figures that replay the spread. */
  recordDistress?: boolean;
}

/** Final distress, losses and the loss path of a DebtRank run. */
export interface DebtRankResult {
  /** Final distress h_i ∈ [0, 1] (relative equity loss). */
  distress: number[];
  /** Equity-weighted relative loss Σ E_i h_i / Σ E_i, initial shock included. */
  equityLoss: number;
  /** Propagation steps performed. */
  rounds: number;
  /** Σ E_i h_i, in the units of `equity`. */
  absoluteLoss: number;
  /** Equity-weighted relative loss of the initial shock alone. */
  initialLoss: number;
  /** equityLoss − initialLoss: the loss added by propagation (Battiston et al.'s DebtRank with v = equity share). */
  debtRank: number;
  /** equityLoss after each step; entry 0 is the initial shock. */
  lossByRound: number[];
  /** Banks with h = 1 (equity wiped out). */
  defaults: number;
  /** False only if the linear rule hit maxRounds. */
  converged: boolean;
  /** With `recordDistress`: h after each step; entry 0 is the initial shock (same length as lossByRound). */
  distressByRound?: number[][];
}

/** Parameters a DebtRank widget lets readers change (the network itself is data). */
export const debtRankParams = defineParams({
  rule: {
    kind: 'choice',
    label: 'Propagation rule',
    description: 'Battiston et al. (2012): each distressed bank passes on its distress once; linear (Bardoscia et al. 2015): every new loss is passed on.',
    options: [
      { value: 'battiston2012', label: 'DebtRank (propagate once)' },
      { value: 'linear', label: 'Linear DebtRank' },
    ],
    default: 'battiston2012',
  },
  shock: {
    label: 'Initial equity loss',
    symbol: 'h(1)',
    unit: '%',
    display: 'percent',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.2,
    description: 'Relative equity loss of the initially shocked bank(s).',
  },
});
/** Values of `debtRankParams`. */
export type DebtRankParams = ParamValues<typeof debtRankParams>;

/**
 * Interbank leverage matrix Λ_ij = A_ij / E_i (Bardoscia et al. 2015):
 * bank i's claim on j in units of i's equity.
 */
export function interbankLeverageMatrix(exposures: number[][], equity: number[]): number[][] {
  const n = requireSquareNonNegative(exposures, 'exposures', true);
  const E = requireVector(equity, n, 'equity');
  for (let i = 0; i < n; i++) if (!(E[i]! > 0)) throw new EngineInputError('out-of-range', `equity[${i}] must be positive (got ${E[i]})`, 'equity');
  return exposures.map((row, i) => row.map((a) => a / E[i]!));
}

/** Propagate a shock by DebtRank (see the module comment for both rules). */
export function debtRank(p: DebtRankInput): DebtRankResult {
  if (!p || typeof p !== 'object') throw new EngineInputError('invalid-parameter', 'debtRank needs {exposures, equity, shock}');
  const n = requireSquareNonNegative(p.exposures, 'exposures', true);
  const E = requireVector(p.equity, n, 'equity');
  for (let i = 0; i < n; i++) if (!(E[i]! > 0)) throw new EngineInputError('out-of-range', `equity[${i}] must be positive (got ${E[i]})`, 'equity');
  const shock = requireVector(p.shock, n, 'shock', 0, 1);
  const rule = p.rule ?? 'battiston2012';
  if (rule !== 'battiston2012' && rule !== 'linear') throw new EngineInputError('invalid-parameter', `rule must be 'battiston2012' or 'linear' (got ${String(rule)})`, 'rule');
  const tol = p.tolerance === undefined ? 1e-13 : requireInRange(p.tolerance, 0, 1e-3, 'tolerance');
  const maxRounds = p.maxRounds === undefined ? 100000 : Math.floor(requireInRange(p.maxRounds, 1, 1e7, 'maxRounds'));

  let totalE = 0;
  for (let i = 0; i < n; i++) totalE += E[i]!;
  const loss = (h: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += E[i]! * h[i]!;
    return n === 0 ? 0 : s / totalE;
  };

  // Λ in CSR by rows (i, its counterparties j, Λ_ij).
  const off = new Int32Array(n + 1);
  const cols: number[] = [];
  const lam: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = p.exposures[i]!;
    for (let j = 0; j < n; j++) {
      if (row[j]! > 0) {
        cols.push(j);
        lam.push(row[j]! / E[i]!);
      }
    }
    off[i + 1] = cols.length;
  }
  const h = Float64Array.from(shock);
  const lossByRound = [loss(h)];
  const distressByRound: number[][] | undefined = p.recordDistress ? [Array.from(h)] : undefined;
  let rounds = 0;
  let converged = true;

  if (rule === 'battiston2012') {
    // W_ij = min(1, Λ_ij): impact of j's distress on i. Iterate over creditors i of each distressed j,
    // so transpose to columns.
    const cOff = new Int32Array(n + 1);
    for (const j of cols) cOff[j + 1]!++;
    for (let j = 0; j < n; j++) cOff[j + 1]! += cOff[j]!;
    const fill = cOff.slice(0, n);
    const cRow = new Int32Array(cols.length);
    const cW = new Float64Array(cols.length);
    for (let i = 0; i < n; i++) {
      for (let k = off[i]!; k < off[i + 1]!; k++) {
        const slot = fill[cols[k]!]!++;
        cRow[slot] = i;
        cW[slot] = Math.min(1, lam[k]!);
      }
    }
    const U = 0;
    const D = 1;
    const I = 2;
    const state = new Uint8Array(n);
    let active: number[] = [];
    for (let i = 0; i < n; i++) {
      if (h[i]! > 0) {
        state[i] = D;
        active.push(i);
      } else state[i] = U;
    }
    // At most n steps: each node spends at most one step in state D.
    while (active.length > 0) {
      const prev = Float64Array.from(h);
      for (const j of active) {
        const hj = prev[j]!;
        for (let k = cOff[j]!; k < cOff[j + 1]!; k++) {
          const i = cRow[k]!;
          h[i] = Math.min(1, h[i]! + cW[k]! * hj);
        }
      }
      const next: number[] = [];
      for (const j of active) state[j] = I;
      for (let i = 0; i < n; i++) {
        if (state[i] === U && h[i]! > 0) {
          state[i] = D;
          next.push(i);
        }
      }
      active = next;
      rounds++;
      lossByRound.push(loss(h));
      distressByRound?.push(Array.from(h));
    }
  } else {
    let delta = Float64Array.from(shock); // h(1) − h(0)
    let prevMax = Infinity;
    converged = false;
    for (let t = 0; t < maxRounds; t++) {
      const next = new Float64Array(n);
      let maxInc = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = off[i]!; k < off[i + 1]!; k++) s += lam[k]! * delta[cols[k]!]!;
        const hi = h[i]!;
        const nh = Math.min(1, hi + s);
        next[i] = nh - hi;
        if (nh - hi > maxInc) maxInc = nh - hi;
      }
      for (let i = 0; i < n; i++) h[i]! += next[i]!;
      delta = next;
      rounds++;
      lossByRound.push(loss(h));
      distressByRound?.push(Array.from(h));
      const r = maxInc / prevMax;
      if (maxInc === 0 || (maxInc <= tol && r < 1 && (maxInc * r) / (1 - r) <= tol)) {
        converged = true;
        break;
      }
      prevMax = maxInc;
    }
  }
  const equityLoss = loss(h);
  const initialLoss = lossByRound[0]!;
  let defaults = 0;
  for (let i = 0; i < n; i++) if (h[i]! >= 1) defaults++;
  return {
    distress: Array.from(h),
    equityLoss,
    rounds,
    absoluteLoss: equityLoss * totalE,
    initialLoss,
    debtRank: equityLoss - initialLoss,
    lossByRound,
    defaults,
    converged,
    ...(distressByRound ? { distressByRound } : {}),
  };
}
