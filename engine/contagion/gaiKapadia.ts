/**
 * One trial of the Gai–Kapadia model of default contagion.
 *
 * Source: Gai, P. & Kapadia, S. (2010), "Contagion in financial networks",
 * Proc. R. Soc. A 466:2401–2423 (models.md §1). A directed Erdős–Rényi
 * interbank network of n banks with average degree z; each bank's interbank
 * assets are spread evenly over its debtors (balanceSheets.ts); one bank chosen
 * at random fails; a failed bank repays nothing (zero recovery), so each of its
 * creditors i loses A^IB_i / j_i; a bank whose losses exhaust its capital
 * fails in the next round; repeat until no new failure. Contagion = at least
 * 5 % of the banks fail (models.md §1.2 [unverified] in the primary text; the
 * initially failed bank counts).
 *
 * Solvency (models.md §1.1): bank i survives while
 *     (1 − φ_i) A^IB_i + q A^M_i − L^IB_i − D_i > 0
 *  ⇔ K_i − φ_i A^IB_i − (1 − q) A^M_i > 0.
 * Tie rule (models.md Conventions, binding): with 'net-worth-nonpositive' (the
 * default) a bank fails when its net worth is ≤ 0, so a loss exactly equal to
 * capital is a failure; 'net-worth-negative' needs a strictly negative net
 * worth. Capital and losses are compared with a relative tolerance of 1e-9
 * (never raw floating-point equality): see `netWorthDefault`.
 *
 * Asset liquidity (the book's reading; GK's exact fire-sale specification is
 * [unverified]): failed banks dump their illiquid assets, and the resale price
 * falls with the share x of the system's illiquid assets dumped so far,
 *     q(x) = exp(−α x),   α = −ln(assetLiquidity),
 * i.e. q(x) = assetLiquidity^x: assetLiquidity = 1 means no fire sales (q ≡ 1),
 * and assetLiquidity is the price that would prevail if every bank's illiquid
 * assets were sold. Every surviving bank marks its illiquid assets at q, so
 * with q < 1 all survivors are re-checked each round. The exponential form is
 * the inverse demand of Cifuentes, Ferrucci & Shin (2005), models.md §4.1.
 *
 * Termination: every round but the last adds at least one failure, so there
 * are at most n − 1 rounds after the initial one; each round costs
 * O(edges of the newly failed banks), plus O(n) when q < 1.
 */
import { hashInts, createRng } from '../core/random';
import { EngineInputError, requireInRange, requireInteger, requirePositive } from '../core/errors';
import { defineParams, type ParamValues } from '../core/params';
import { erdosRenyi } from './generators';
import { gaiKapadiaBalanceSheets } from './balanceSheets';
import type { Network } from './network';

/** Tie rule: fail when net worth ≤ 0 (default, binding convention) or only when it is < 0. */
export type NetWorthDefaultRule = 'net-worth-nonpositive' | 'net-worth-negative';

/** Relative tolerance of the capital-versus-loss comparison (models.md Conventions). */
export const GAI_KAPADIA_TIE_TOLERANCE = 1e-9;

/** Share of banks that must fail for a trial to count as contagion. */
export const CONTAGION_THRESHOLD = 0.05;

/**
 * Does a bank with `capital` fail after `losses`? Net worth = capital − losses.
 * If |net worth| ≤ 1e-9 × max(|capital|, |losses|) it is a tie, which fails
 * under 'net-worth-nonpositive' and survives under 'net-worth-negative';
 * otherwise the bank fails iff net worth < 0.
 */
export function netWorthDefault(capital: number, losses: number, rule: NetWorthDefaultRule = 'net-worth-nonpositive'): boolean {
  const diff = capital - losses;
  if (Math.abs(diff) <= GAI_KAPADIA_TIE_TOLERANCE * Math.max(Math.abs(capital), Math.abs(losses))) return rule === 'net-worth-nonpositive';
  return diff < 0;
}

/** Parameters of one Gai–Kapadia trial (defaults: the GK baseline, n = 1,000, θ = 20 %, γ = 4 %, z = 4). */
export const gaiKapadiaParams = defineParams({
  banks: { label: 'Number of banks', symbol: 'n', min: 20, max: 5000, step: 10, default: 1000, integer: true, description: 'Banks in the network (Gai & Kapadia use 1,000).' },
  avgDegree: {
    label: 'Average degree',
    symbol: 'z',
    unit: 'links',
    min: 0,
    max: 15,
    step: 0.1,
    default: 4,
    description: 'Mean number of debtors (and creditors) per bank.',
  },
  interbankShare: {
    label: 'Interbank assets',
    symbol: '\\theta',
    unit: '%',
    display: 'percent',
    min: 0.05,
    max: 0.5,
    step: 0.01,
    default: 0.2,
    description: 'Interbank assets as a share of total assets.',
  },
  capitalBuffer: {
    label: 'Capital buffer',
    symbol: '\\gamma',
    unit: '%',
    display: 'percent',
    min: 0.01,
    max: 0.1,
    step: 0.001,
    default: 0.04,
    description: 'Capital as a share of total assets.',
  },
  assetLiquidity: {
    label: 'Asset liquidity',
    symbol: '\\underline{q}',
    unit: '%',
    display: 'percent',
    min: 0.3,
    max: 1,
    step: 0.01,
    default: 1,
    description: 'Resale price of illiquid assets if all of them were dumped; price = liquidity^(share dumped). 100 % = no fire sales.',
  },
  seed: { label: 'Random seed', min: 0, max: 4294967295, step: 1, default: 1, integer: true, description: 'Same seed, same network and same first failure.' },
  defaultRule: {
    kind: 'choice',
    label: 'Default rule',
    description: 'Whether a bank whose losses exactly equal its capital fails.',
    options: [
      { value: 'net-worth-nonpositive', label: 'Fails when net worth ≤ 0' },
      { value: 'net-worth-negative', label: 'Fails when net worth < 0' },
    ],
    default: 'net-worth-nonpositive',
  },
});
/** Values of `gaiKapadiaParams`. */
export type GaiKapadiaParams = ParamValues<typeof gaiKapadiaParams>;

/** Inputs of `gaiKapadia` (the API contract). */
export interface GaiKapadiaInput {
  banks: number;
  avgDegree: number;
  interbankShare: number;
  capitalBuffer: number;
  assetLiquidity?: number;
  seed: number;
  defaultRule?: NetWorthDefaultRule;
}

/** Outcome of one trial (the API contract plus the cascade by round). */
export interface GaiKapadiaResult {
  /** Banks that failed, the initial one included. */
  defaults: number;
  /** defaults / banks. */
  fraction: number;
  /** At least 5 % of banks failed. */
  contagion: boolean;
  /** Propagation rounds after the initial failure in which someone failed (0 if nobody else failed). */
  rounds: number;
  /** Index of the bank that failed first. */
  firstFailure: number;
  /** New failures per round; entry 0 is the initial failure (1). */
  defaultsByRound: number[];
  /** Resale price of illiquid assets at the end (1 without fire sales). */
  assetPrice: number;
}

/** Validated model inputs shared by the trial and the sweep. */
export function readGaiKapadiaInput(p: GaiKapadiaInput): Required<GaiKapadiaInput> {
  if (!p || typeof p !== 'object') throw new EngineInputError('invalid-parameter', 'gaiKapadia needs {banks, avgDegree, interbankShare, capitalBuffer, seed}');
  const banks = requireInteger(p.banks, 2, 1e6, 'banks');
  const avgDegree = requireInRange(p.avgDegree, 0, banks - 1, 'avgDegree');
  const interbankShare = requireInRange(p.interbankShare, 0, 1, 'interbankShare');
  const capitalBuffer = requirePositive(p.capitalBuffer, 'capitalBuffer');
  requireInRange(capitalBuffer, 0, 1, 'capitalBuffer');
  const assetLiquidity = p.assetLiquidity === undefined ? 1 : requireInRange(p.assetLiquidity, 0, 1, 'assetLiquidity');
  if (assetLiquidity === 0) throw new EngineInputError('out-of-range', 'assetLiquidity must be positive (0 would make the first sale wipe out the asset)', 'assetLiquidity');
  const seed = requireInteger(p.seed, 0, 4294967295, 'seed');
  const defaultRule = p.defaultRule ?? 'net-worth-nonpositive';
  if (defaultRule !== 'net-worth-nonpositive' && defaultRule !== 'net-worth-negative') {
    throw new EngineInputError('invalid-parameter', `defaultRule must be 'net-worth-nonpositive' or 'net-worth-negative' (got ${String(defaultRule)})`, 'defaultRule');
  }
  return { banks, avgDegree, interbankShare, capitalBuffer, assetLiquidity, seed, defaultRule };
}

/**
 * Run the Gai–Kapadia cascade on a given network from a given first failure
 * (exposed so the book can replay a cascade on a drawn network).
 */
export function gaiKapadiaCascade(
  net: Network,
  p: { interbankShare: number; capitalBuffer: number; assetLiquidity?: number; defaultRule?: NetWorthDefaultRule },
  firstFailure: number,
): { failed: Uint8Array; failedInRound: Int32Array; defaultsByRound: number[]; assetPrice: number } {
  const sheets = gaiKapadiaBalanceSheets(net, p);
  const n = net.n;
  requireInteger(firstFailure, 0, n - 1, 'firstFailure');
  const rule = p.defaultRule ?? 'net-worth-nonpositive';
  const liq = p.assetLiquidity ?? 1;
  const alpha = -Math.log(liq);
  const fireSales = alpha > 0;
  let totalIlliquid = 0;
  for (let i = 0; i < n; i++) totalIlliquid += sheets.illiquidAssets[i]!;
  const failed = new Uint8Array(n);
  const failedInRound = new Int32Array(n).fill(-1);
  const loss = new Float64Array(n);
  const touched = new Uint8Array(n);
  let frontier = [firstFailure];
  failed[firstFailure] = 1;
  failedInRound[firstFailure] = 0;
  let dumped = sheets.illiquidAssets[firstFailure]!;
  let price = 1;
  const defaultsByRound = [1];
  const candidates: number[] = [];
  // At most n − 1 further rounds: each round that continues adds ≥ 1 failure.
  for (let round = 1; round < n; round++) {
    candidates.length = 0;
    for (const d of frontier) {
      for (let e = net.offsets[d]!; e < net.offsets[d + 1]!; e++) {
        const c = net.targets[e]!; // d owes c: c loses its exposure to d
        if (failed[c]) continue;
        loss[c]! += sheets.lossPerDebtor[c]!;
        if (!touched[c]) {
          touched[c] = 1;
          candidates.push(c);
        }
      }
    }
    price = fireSales ? Math.exp((-alpha * dumped) / totalIlliquid) : 1;
    const next: number[] = [];
    const check = (i: number): void => {
      if (failed[i]) return;
      const totalLoss = loss[i]! + (1 - price) * sheets.illiquidAssets[i]!;
      if (netWorthDefault(sheets.capital[i]!, totalLoss, rule)) next.push(i);
    };
    if (fireSales) for (let i = 0; i < n; i++) check(i);
    else for (const c of candidates) check(c);
    for (const c of candidates) touched[c] = 0;
    if (next.length === 0) break;
    for (const i of next) {
      failed[i] = 1;
      failedInRound[i] = round;
      dumped += sheets.illiquidAssets[i]!;
    }
    defaultsByRound.push(next.length);
    frontier = next;
  }
  if (fireSales) price = Math.exp((-alpha * dumped) / totalIlliquid);
  return { failed, failedInRound, defaultsByRound, assetPrice: price };
}

/**
 * One Gai–Kapadia trial: draw the network from `seed`, fail one bank chosen
 * at random (from an independent stream of the same seed), propagate.
 */
export function gaiKapadia(p: GaiKapadiaInput): GaiKapadiaResult {
  const x = readGaiKapadiaInput(p);
  const net = erdosRenyi({ banks: x.banks, avgDegree: x.avgDegree, seed: x.seed });
  const firstFailure = createRng(hashInts(x.seed, 0x67616b)).int(x.banks);
  const c = gaiKapadiaCascade(net, x, firstFailure);
  let defaults = 0;
  for (const d of c.defaultsByRound) defaults += d;
  return {
    defaults,
    fraction: defaults / x.banks,
    contagion: defaults >= CONTAGION_THRESHOLD * x.banks - 1e-9,
    rounds: c.defaultsByRound.length - 1,
    firstFailure,
    defaultsByRound: c.defaultsByRound,
    assetPrice: c.assetPrice,
  };
}
