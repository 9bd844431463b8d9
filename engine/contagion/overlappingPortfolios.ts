/**
 * Contagion through overlapping portfolios.
 *
 * Source: Caccioli, F., Shrestha, M., Moore, C. & Farmer, J. D. (2014),
 * "Stability analysis of financial contagion due to overlapping portfolios",
 * Journal of Banking & Finance 46:233–245 (models.md §4.3; the model details
 * there are [unverified], recorded from memory; this file implements that
 * reading).
 *
 * Reading implemented.
 * - Bipartite random network: each (bank, asset) pair is a holding
 *   independently with probability μ_b / M, so a bank holds μ_b assets on
 *   average and an asset has μ_b N / M holders.
 * - Every bank has total assets 1 at the initial prices (all 1), spread
 *   equally over the assets it holds (Q_ij = 1/deg_i units); leverage
 *   λ = A/E, so equity E_i = 1/λ. An asset's outstanding units N_j = Σ_i Q_ij.
 * - Shock: one bank chosen at random fails (as in Gai–Kapadia; the paper's own
 *   initial shock is [unverified]).
 * - A failed bank liquidates its whole portfolio. With x_j units of asset j
 *   liquidated so far, its price is p_j = exp(−α x_j / N_j).
 * - A surviving bank's loss is Σ_j Q_ij (1 − p_j); it fails when its equity
 *   is ≤ 0, i.e. loss ≥ 1/λ, with the engine's tie rule (`netWorthDefault`,
 *   relative tolerance 1e-9).
 * - Contagion: at least 5 % of banks fail (the Gai–Kapadia convention).
 * - Default α = −ln(0.9)/0.1 ≈ 1.0536: liquidating 10 % of an asset's units
 *   lowers its price by 10 % (models.md §4.3, value in the paper [unverified]).
 *
 * Termination: every round but the last adds at least one failure, so at most
 * N − 1 rounds after the initial failure.
 */
import { createRng, hashInts } from '../core/random';
import { EngineInputError, requireInRange, requireInteger, requireNonNegative } from '../core/errors';
import { linspace } from '../core/numeric';
import { defineParams, type ParamValues } from '../core/params';
import { sampleSlots } from './generators';
import { CONTAGION_THRESHOLD, netWorthDefault } from './gaiKapadia';
import { mergeTallies, tallyTrials, type ContagionTally } from './monteCarlo';

/** Parameters of one overlapping-portfolio trial (defaults near the leverage threshold for μ_b = 5). */
export const overlappingPortfoliosParams = defineParams({
  banks: { label: 'Number of banks', symbol: 'N', min: 20, max: 5000, step: 10, default: 500, integer: true, description: 'Banks (or funds) holding assets.' },
  assets: { label: 'Number of assets', symbol: 'M', min: 20, max: 5000, step: 10, default: 500, integer: true, description: 'Distinct assets that banks may hold.' },
  diversification: {
    label: 'Assets per bank',
    symbol: '\\mu_b',
    unit: 'assets',
    min: 1,
    max: 50,
    step: 0.5,
    default: 5,
    description: 'Average number of assets each bank holds.',
  },
  leverage: {
    label: 'Leverage',
    symbol: '\\lambda',
    unit: '×',
    min: 1,
    max: 60,
    step: 0.5,
    default: 15,
    description: 'Assets divided by equity, the same for every bank.',
  },
  priceImpact: {
    label: 'Market impact',
    symbol: '\\alpha',
    min: 0,
    max: 5,
    step: 0.01,
    default: Math.round((-Math.log(0.9) / 0.1) * 1e4) / 1e4,
    description: 'Price = exp(−α × share of the asset liquidated); 1.0536 means selling 10 % of an asset lowers its price 10 %.',
  },
  seed: { label: 'Random seed', min: 0, max: 4294967295, step: 1, default: 1, integer: true, description: 'Same seed, same portfolios and first failure.' },
});
/** Values of `overlappingPortfoliosParams`. */
export type OverlappingPortfoliosParams = ParamValues<typeof overlappingPortfoliosParams>;

/** Outcome of one overlapping-portfolio trial. */
export interface OverlappingPortfoliosResult {
  /** Banks failed, the initial one included. */
  failures: number;
  fraction: number;
  contagion: boolean;
  /** Rounds after the initial failure in which someone failed. */
  rounds: number;
  firstFailure: number;
  /** New failures per round; entry 0 is the initial failure. */
  failuresByRound: number[];
  /** Mean final price over all assets, and the lowest. */
  meanPrice: number;
  minPrice: number;
}

function readInput(p: OverlappingPortfoliosParams) {
  if (!p || typeof p !== 'object') throw new EngineInputError('invalid-parameter', 'overlappingPortfolios needs {banks, assets, diversification, leverage, priceImpact, seed}');
  const N = requireInteger(p.banks, 1, 1e6, 'banks');
  const M = requireInteger(p.assets, 1, 1e6, 'assets');
  const mu = requireInRange(p.diversification, 0, M, 'diversification');
  const lev = requireInRange(p.leverage, 1, 1e6, 'leverage');
  const alpha = requireNonNegative(p.priceImpact, 'priceImpact');
  const seed = requireInteger(p.seed, 0, 4294967295, 'seed');
  return { N, M, mu, lev, alpha, seed };
}

/** One trial of the overlapping-portfolio cascade (see the module comment). */
export function overlappingPortfolios(p: OverlappingPortfoliosParams): OverlappingPortfoliosResult {
  const { N, M, mu, lev, alpha, seed } = readInput(p);
  const rng = createRng(seed);
  // Bank → assets (CSR by bank), sampled by geometric skipping over the N·M pairs in bank order.
  const bankOff = new Int32Array(N + 1);
  const held: number[] = [];
  const owner: number[] = [];
  sampleSlots(rng, N * M, mu / M, (k) => {
    const i = Math.floor(k / M);
    owner.push(i);
    held.push(k - i * M);
  });
  for (const i of owner) bankOff[i + 1]!++;
  for (let i = 0; i < N; i++) bankOff[i + 1]! += bankOff[i]!;
  const units = new Float64Array(N); // Q_i = units of each asset bank i holds (1/deg_i)
  const outstanding = new Float64Array(M);
  for (let i = 0; i < N; i++) {
    const deg = bankOff[i + 1]! - bankOff[i]!;
    units[i] = deg > 0 ? 1 / deg : 0;
    for (let e = bankOff[i]!; e < bankOff[i + 1]!; e++) outstanding[held[e]!]! += units[i]!;
  }
  // Asset → holders (transpose).
  const assetOff = new Int32Array(M + 1);
  for (const j of held) assetOff[j + 1]!++;
  for (let j = 0; j < M; j++) assetOff[j + 1]! += assetOff[j]!;
  const fill = assetOff.slice(0, M);
  const holders = new Int32Array(held.length);
  for (let i = 0; i < N; i++) for (let e = bankOff[i]!; e < bankOff[i + 1]!; e++) holders[fill[held[e]!]!++] = i;

  const equity = 1 / lev;
  const liquidated = new Float64Array(M);
  const price = new Float64Array(M).fill(1);
  const failed = new Uint8Array(N);
  const firstFailure = createRng(hashInts(seed, 0x6f70)).int(N);
  failed[firstFailure] = 1;
  let frontier = [firstFailure];
  const failuresByRound = [1];
  const touchedAsset = new Uint8Array(M);
  const candidate = new Uint8Array(N);
  // At most N − 1 further rounds: each continuing round adds a failure.
  for (let round = 1; round < N; round++) {
    const assetsHit: number[] = [];
    for (const d of frontier) {
      for (let e = bankOff[d]!; e < bankOff[d + 1]!; e++) {
        const j = held[e]!;
        liquidated[j]! += units[d]!;
        if (!touchedAsset[j]) {
          touchedAsset[j] = 1;
          assetsHit.push(j);
        }
      }
    }
    const cands: number[] = [];
    for (const j of assetsHit) {
      touchedAsset[j] = 0;
      price[j] = Math.exp((-alpha * liquidated[j]!) / outstanding[j]!);
      for (let h = assetOff[j]!; h < assetOff[j + 1]!; h++) {
        const i = holders[h]!;
        if (!failed[i] && !candidate[i]) {
          candidate[i] = 1;
          cands.push(i);
        }
      }
    }
    const next: number[] = [];
    for (const i of cands) {
      candidate[i] = 0;
      let loss = 0;
      for (let e = bankOff[i]!; e < bankOff[i + 1]!; e++) loss += units[i]! * (1 - price[held[e]!]!);
      if (netWorthDefault(equity, loss)) next.push(i);
    }
    if (next.length === 0) break;
    for (const i of next) failed[i] = 1;
    failuresByRound.push(next.length);
    frontier = next;
  }
  let failures = 0;
  for (const f of failuresByRound) failures += f;
  let sumP = 0;
  let minP = 1;
  for (let j = 0; j < M; j++) {
    sumP += price[j]!;
    if (price[j]! < minP) minP = price[j]!;
  }
  return {
    failures,
    fraction: failures / N,
    contagion: failures >= CONTAGION_THRESHOLD * N - 1e-9,
    rounds: failuresByRound.length - 1,
    firstFailure,
    failuresByRound,
    meanPrice: sumP / M,
    minPrice: minP,
  };
}

/** Contagion probability and conditional extent at one leverage. */
export interface OverlappingSweepPoint extends ContagionTally {
  leverage: number;
}

/** Trials firstTrial … firstTrial + trials − 1 at one leverage; trial t uses seed hashInts(seed, t). */
export function overlappingPortfoliosSweepPoint(
  p: Omit<OverlappingPortfoliosParams, 'seed'> & { seed: number; trials: number; firstTrial?: number },
): OverlappingSweepPoint {
  const trials = requireInteger(p.trials, 0, 1e7, 'trials');
  const first = p.firstTrial === undefined ? 0 : requireInteger(p.firstTrial, 0, 1e9, 'firstTrial');
  const { seed, N } = readInput(p);
  const results: { failures: number; contagion: boolean }[] = [];
  for (let t = first; t < first + trials; t++) {
    const r = overlappingPortfolios({ ...p, seed: hashInts(seed, t) });
    results.push({ failures: r.failures, contagion: r.contagion });
  }
  return { leverage: p.leverage, ...tallyTrials(N, results) };
}

/**
 * Sweep over leverage as a generator: yields {done, total, partial} after
 * every block of `yieldEvery` trials (default 50) and returns every point.
 * Point k uses seed hashInts(seed, k). Work: leverages × trials trials.
 */
export function* overlappingPortfoliosSweep(
  p: Omit<OverlappingPortfoliosParams, 'leverage'> & { trials: number; leverages?: number[]; leverageMin?: number; leverageMax?: number; points?: number; yieldEvery?: number },
): Generator<{ done: number; total: number; partial: OverlappingSweepPoint[] }, { points: OverlappingSweepPoint[] }> {
  const trials = requireInteger(p.trials, 1, 1e7, 'trials');
  const block = p.yieldEvery === undefined ? 50 : requireInteger(p.yieldEvery, 1, 1e7, 'yieldEvery');
  const levs = p.leverages ?? linspace(p.leverageMin ?? 5, p.leverageMax ?? 40, requireInteger(p.points ?? 15, 1, 10000, 'points'));
  if (levs.length === 0) throw new EngineInputError('invalid-shape', 'leverages must be non-empty', 'leverages');
  for (const l of levs) readInput({ ...p, leverage: l });
  const total = levs.length * trials;
  const done: OverlappingSweepPoint[] = [];
  let count = 0;
  for (let k = 0; k < levs.length; k++) {
    let acc: OverlappingSweepPoint | null = null;
    for (let first = 0; first < trials; first += block) {
      const chunk = overlappingPortfoliosSweepPoint({ ...p, leverage: levs[k]!, seed: hashInts(p.seed, k), firstTrial: first, trials: Math.min(block, trials - first) });
      acc = acc ? { leverage: acc.leverage, ...mergeTallies(acc, chunk) } : chunk;
      count += chunk.trials;
      if (count < total) yield { done: count, total, partial: [...done, acc] };
    }
    done.push(acc!);
  }
  return { points: done };
}
