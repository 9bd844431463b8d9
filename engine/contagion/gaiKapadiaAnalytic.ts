/**
 * Analytic contagion window of the Gai–Kapadia model.
 *
 * Source: Gai & Kapadia (2010), Proc. R. Soc. A 466:2401–2423, §3, following
 * Watts (2002), "A simple model of global cascades on random networks",
 * PNAS 99(9):5766–5771 (models.md §1.3; GK's equation numbering [unverified]).
 * With p_jk the joint in/out-degree distribution and v_j the probability that a
 * bank with j debtors is vulnerable (fails after one debtor fails), a global
 * cascade is possible when the vulnerable cluster percolates:
 *     G1'(1) = Σ_{j,k} (j k / z) p_jk v_j > 1.
 * For the directed Erdős–Rényi network in- and out-degrees are independent
 * Poisson(z) (the n → ∞ limit of Binomial(n − 1, z/(n − 1))), so
 *     G1'(1) = Σ_j j P(j) v_j = z · Pr[Poisson(z) ≤ J* − 1]
 * when v_j = 1 for 1 ≤ j ≤ J* and 0 above (homogeneous balance sheets).
 *
 * Vulnerability (models.md §1.1, with the book's normalisation A = 1):
 * a bank with j debtors is vulnerable iff one debtor's failure exhausts its
 * capital, θ/j + (1 − q)(1 − θ) ≥ γ, judged by `netWorthDefault` so that the
 * tie rule of the simulation is used here too (with θ = 20 %, γ = 4 %, j = 5
 * is exactly a tie: vulnerable under 'net-worth-nonpositive', not under
 * 'net-worth-negative'). `resalePrice` is a fixed q, as in the solvency
 * condition; the simulation's fire-sale price starts at 1, so resalePrice = 1
 * is the comparison for the onset of a cascade.
 */
import { EngineInputError, requireInRange, requireInteger } from '../core/errors';
import { bisect, linspace } from '../core/numeric';
import { netWorthDefault, type NetWorthDefaultRule } from './gaiKapadia';

/** Inputs of `gaiKapadiaAnalyticWindow`. */
export interface GaiKapadiaWindowInput {
  interbankShare: number;
  capitalBuffer: number;
  /** Fixed resale price q of illiquid assets in the vulnerability condition (default 1). */
  resalePrice?: number;
  defaultRule?: NetWorthDefaultRule;
  /** Grid of average degrees (default 0 … 15, 151 points). */
  zMin?: number;
  zMax?: number;
  points?: number;
}

/** G1′(1) over a grid of z and the window where it exceeds 1. */
export interface GaiKapadiaWindow {
  grid: { z: number; g1prime: number; cascade: boolean }[];
  /** Lower edge of the window (first z where G1'(1) crosses 1), or null if there is no window. */
  lower: number | null;
  /** Upper edge, or null if there is no window or it has no upper edge (every bank vulnerable). */
  upper: number | null;
  /** Largest vulnerable number of debtors J*; null when every bank is vulnerable whatever its degree (it fails even with no interbank loss). */
  maxVulnerableDegree: number | null;
}

/** Largest j ≥ 1 such that a bank with j debtors fails after one of them fails (0 if none, Infinity if all). */
export function maxVulnerableDegree(p: { interbankShare: number; capitalBuffer: number; resalePrice?: number; defaultRule?: NetWorthDefaultRule }): number {
  const theta = requireInRange(p.interbankShare, 0, 1, 'interbankShare');
  const gamma = requireInRange(p.capitalBuffer, 0, 1, 'capitalBuffer');
  const q = p.resalePrice === undefined ? 1 : requireInRange(p.resalePrice, 0, 1, 'resalePrice');
  const rule = p.defaultRule ?? 'net-worth-nonpositive';
  const priceLoss = (1 - q) * (1 - theta);
  // Fails with no interbank loss at all: every bank is vulnerable whatever its degree.
  if (netWorthDefault(gamma, priceLoss, rule)) return Infinity;
  // θ/j is decreasing in j, so the vulnerable degrees are 1 … J*; J* ≤ θ/(γ − priceLoss) + 1 bounds the loop.
  const margin = gamma - priceLoss;
  const bound = margin > 0 ? Math.min(1e7, Math.ceil(theta / margin) + 2) : 1e7;
  let j = 0;
  while (j < bound && netWorthDefault(gamma, theta / (j + 1) + priceLoss, rule)) j++;
  return j;
}

/** z · Pr[Poisson(z) ≤ J − 1] = G1'(1) for Erdős–Rényi degrees (J may be Infinity). */
export function cascadeCondition(z: number, J: number): number {
  if (J === Infinity) return z;
  if (J <= 0 || z <= 0) return 0;
  // Pr[Poisson(z) ≤ J − 1] by summing terms in log space (stable for z up to ~700 and any J).
  let logTerm = -z;
  let cdf = Math.exp(logTerm);
  for (let i = 1; i <= J - 1; i++) {
    logTerm += Math.log(z / i);
    cdf += Math.exp(logTerm);
  }
  return z * Math.min(1, cdf);
}

/** G1'(1) over a z grid and the window where it exceeds 1 (see the module comment). */
export function gaiKapadiaAnalyticWindow(p: GaiKapadiaWindowInput): GaiKapadiaWindow {
  if (!p || typeof p !== 'object') throw new EngineInputError('invalid-parameter', 'gaiKapadiaAnalyticWindow needs {interbankShare, capitalBuffer}');
  const J = maxVulnerableDegree(p);
  const zMin = p.zMin === undefined ? 0 : requireInRange(p.zMin, 0, 700, 'zMin');
  const zMax = p.zMax === undefined ? 15 : requireInRange(p.zMax, zMin, 700, 'zMax');
  const points = p.points === undefined ? 151 : requireInteger(p.points, 2, 100000, 'points');
  const grid = linspace(zMin, zMax, points).map((z) => {
    const g = cascadeCondition(z, J);
    return { z, g1prime: g, cascade: g > 1 };
  });
  // Window edges on the whole half-line: G1'(1) − 1 < 0 at z = 0 and, for finite J*, for z ≥ J* + 10√J* + 30
  // (Pr[Poisson(z) ≤ J* − 1] is then below e^-20 / z). Scan a fine grid for sign changes and bisect each.
  const f = (z: number): number => cascadeCondition(z, J) - 1;
  let lower: number | null = null;
  let upper: number | null = null;
  if (J === Infinity) {
    lower = 1;
  } else if (J > 0) {
    const zCap = J + 10 * Math.sqrt(J) + 30;
    const steps = 4000;
    let prevZ = 0;
    let prevF = f(0);
    for (let s = 1; s <= steps; s++) {
      const z = (zCap * s) / steps;
      const fz = f(z);
      if (prevF <= 0 && fz > 0 && lower === null) lower = bisect(f, prevZ, z, 1e-12);
      if (prevF > 0 && fz <= 0) upper = bisect(f, prevZ, z, 1e-12);
      prevZ = z;
      prevF = fz;
    }
  }
  return { grid, lower, upper, maxVulnerableDegree: J === Infinity ? null : J };
}
