/**
 * Fire sales and interbank clearing: Cifuentes, Ferrucci & Shin (2005),
 * "Liquidity risk and contagion", Journal of the European Economic
 * Association 3(2–3):556–566 (models.md §4.1). The model is [unverified]
 * there (recorded from memory, primary text not in the store); this file
 * implements that recorded reading, and the tests check its defining
 * properties (fixed point, sales rule, monotonicity), not published numbers.
 *
 * Reading implemented.
 * - Bank i holds e_i units of one illiquid asset, cash c_i, interbank claims,
 *   and owes L_ij to bank j plus ℓ_i to outside creditors (pari passu, as in
 *   `clearingVector`), so its obligations are x̄_i = Σ_j L_ij + ℓ_i.
 * - Inverse demand for the illiquid asset: p = P₀ · exp(−α Σ_i s_i), with s_i
 *   the units sold by bank i and P₀ the price with no forced sales (set
 *   P₀ < 1 to model a fundamental shock).
 * - Equity at price p and interbank payments x: w_i = p e_i + c_i + Σ_j Π_ji x_j − x̄_i
 *   (selling at p turns illiquid assets into cash one for one, so w_i does not
 *   depend on s_i). Capital ratio, cash having zero risk weight:
 *   w_i / (p (e_i − s_i)) ≥ r*. A bank sells just enough to restore r*:
 *       s_i = min(e_i, max(0, e_i − w_i / (r* p)))   if w_i ≥ 0,
 *       s_i = e_i                                      if w_i < 0 (insolvent: liquidates).
 * - Payments x are the Eisenberg–Noe clearing vector given external assets
 *   p e_i + c_i.
 * - Equilibrium: a joint fixed point (p, x) with p = P₀ exp(−α S(p, x)).
 *
 * Algorithm. Let g(p) = P₀ exp(−α S(p, x(p))) with x(p) the greatest clearing
 * vector at price p. Higher p raises every bank's equity (and x), which lowers
 * every s_i, so g is non-decreasing; it is continuous because s_i → e_i as
 * w_i → 0⁺. Iterating p_{k+1} = g(p_k) from p₀ = P₀ ≥ g(P₀) gives a
 * non-increasing sequence that converges to the greatest equilibrium price.
 * Stop when |p_{k+1} − p_k| ≤ tolerance·P₀ (default 1e-12) and so is the
 * geometric-tail estimate of the remaining change, or after `maxIterations`
 * (default 10,000) iterations (`converged` false). Each iteration is one
 * `clearingVector` call.
 */
import { EngineInputError, requireInRange, requireNonNegative } from '../core/errors';
import { defineParams, type ParamValues } from '../core/params';
import { clearingVector } from './eisenbergNoe';
import { requireSquareNonNegative, requireVector } from './network';

/** A Cifuentes–Ferrucci–Shin system: balance sheets, capital requirement and inverse demand. */
export interface FireSaleInput {
  /** liabilities[i][j]: what bank i owes bank j. */
  liabilities: number[][];
  /** Cash c_i ≥ 0. */
  cash: number[];
  /** Units e_i ≥ 0 of the illiquid asset. */
  illiquidHoldings: number[];
  /** External (non-bank) liabilities ℓ_i ≥ 0, pari passu (default 0). */
  externalLiabilities?: number[];
  /** Minimum capital ratio r* ∈ (0, 1]. */
  capitalRatio: number;
  /** Price impact α ≥ 0 per unit sold. */
  priceImpact: number;
  /** Price with no forced sales, P₀ > 0 (default 1). */
  fundamentalPrice?: number;
  tolerance?: number;
  maxIterations?: number;
}

/** Equilibrium price, sales, payments and the price path of the iteration. */
export interface FireSaleResult {
  /** Equilibrium price of the illiquid asset. */
  price: number;
  /** Units sold by each bank. */
  sales: number[];
  totalSales: number;
  /** Interbank-and-external payments (Eisenberg–Noe, pari passu) at the equilibrium price. */
  payments: number[];
  defaulted: boolean[];
  /** Equity w_i at the equilibrium (negative for insolvent banks: their shortfall). */
  equity: number[];
  /** Capital ratio after sales, w_i / (p (e_i − s_i)); null when no illiquid asset is left or the bank is insolvent. */
  capitalRatios: (number | null)[];
  /** Price after each iteration; entry 0 is P₀. */
  priceHistory: number[];
  iterations: number;
  converged: boolean;
}

/** Scalar parameters of the fire-sale model (used with `fireSaleExample` for figures and exercises). */
export const fireSaleParams = defineParams({
  capitalRatio: {
    label: 'Minimum capital ratio',
    symbol: 'r^*',
    unit: '%',
    display: 'percent',
    min: 0.01,
    max: 0.3,
    step: 0.005,
    default: 0.1,
    description: 'Equity over the market value of risky assets that each bank must keep; below it the bank sells.',
  },
  priceImpact: {
    label: 'Price impact',
    symbol: '\\alpha',
    unit: 'per unit',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.02,
    description: 'Price = fundamental price × exp(−α × units sold).',
  },
  fundamentalPrice: {
    label: 'Fundamental price',
    symbol: 'P_0',
    min: 0.5,
    max: 1,
    step: 0.005,
    default: 0.9,
    description: 'Price of the illiquid asset before forced sales; below 1 it is the initial shock.',
  },
});
/** Values of `fireSaleParams`. */
export type FireSaleParams = ParamValues<typeof fireSaleParams>;

/**
 * A small system for figures and exercises (the book's own example, not
 * from CFS): `banks` banks in a ring, each owing 0.5 to the next, holding one
 * unit of the illiquid asset and 0.05 cash, with external liabilities rising
 * from 0.70 to 0.70 + 0.02·(banks − 1), so the last banks are the most
 * leveraged and sell first as the price falls.
 */
export function fireSaleExample(p: FireSaleParams & { banks?: number }): FireSaleInput {
  const n = p.banks === undefined ? 10 : Math.floor(requireInRange(p.banks, 2, 200, 'banks'));
  const liabilities = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j === (i + 1) % n ? 0.5 : 0)));
  return {
    liabilities,
    cash: new Array<number>(n).fill(0.05),
    illiquidHoldings: new Array<number>(n).fill(1),
    externalLiabilities: Array.from({ length: n }, (_, i) => 0.7 + 0.02 * i),
    capitalRatio: p.capitalRatio,
    priceImpact: p.priceImpact,
    fundamentalPrice: p.fundamentalPrice,
  };
}

/** Units each bank sells at price p given its equity w (the sales rule above). */
export function salesAtPrice(price: number, equity: number, holdings: number, capitalRatio: number): number {
  if (equity < 0) return holdings;
  if (holdings === 0) return 0;
  return Math.min(holdings, Math.max(0, holdings - equity / (capitalRatio * price)));
}

/** Equilibrium of the Cifuentes–Ferrucci–Shin model (see the module comment). */
export function fireSaleEquilibrium(x: FireSaleInput): FireSaleResult {
  if (!x || typeof x !== 'object') throw new EngineInputError('invalid-parameter', 'fireSaleEquilibrium needs {liabilities, cash, illiquidHoldings, capitalRatio, priceImpact}');
  const n = requireSquareNonNegative(x.liabilities, 'liabilities', true);
  const cash = requireVector(x.cash, n, 'cash');
  const hold = requireVector(x.illiquidHoldings, n, 'illiquidHoldings');
  const ext = x.externalLiabilities === undefined ? new Array<number>(n).fill(0) : Array.from(requireVector(x.externalLiabilities, n, 'externalLiabilities'));
  const rStar = requireInRange(x.capitalRatio, 0, 1, 'capitalRatio');
  if (rStar === 0) throw new EngineInputError('out-of-range', 'capitalRatio must be positive', 'capitalRatio');
  const alpha = requireNonNegative(x.priceImpact, 'priceImpact');
  const p0 = x.fundamentalPrice === undefined ? 1 : requireInRange(x.fundamentalPrice, Number.MIN_VALUE, 1e12, 'fundamentalPrice');
  const tol = x.tolerance === undefined ? 1e-12 : requireInRange(x.tolerance, 0, 1e-3, 'tolerance');
  const maxIt = x.maxIterations === undefined ? 10000 : Math.floor(requireInRange(x.maxIterations, 1, 1e7, 'maxIterations'));

  // Interbank income of bank i at payments pay: Σ_j (L_ji / x̄_j) · pay_j.
  const obligations = x.liabilities.map((row, i) => row.reduce((s, v) => s + v, 0) + ext[i]!);
  const incomeOf = (i: number, pay: number[]): number => {
    let s = 0;
    for (let j = 0; j < n; j++) if (obligations[j]! > 0) s += (x.liabilities[j]![i]! / obligations[j]!) * pay[j]!;
    return s;
  };
  const evaluate = (p: number) => {
    const externalAssets = Array.from(hold, (e, i) => p * e + cash[i]!);
    const c = clearingVector({ liabilities: x.liabilities, externalAssets, externalLiabilities: ext });
    const equity = new Array<number>(n);
    const sales = new Array<number>(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      // w_i = p e_i + c_i + Σ_j Π_ji x_j − x̄_i: negative (the shortfall) for defaulters; a solvent bank
      // inside the clearing tie band counts as w = 0.
      const w = externalAssets[i]! + incomeOf(i, c.payments) - obligations[i]!;
      equity[i] = c.defaulted[i] ? Math.min(w, 0) : Math.max(w, 0);
      sales[i] = c.defaulted[i] ? hold[i]! : salesAtPrice(p, equity[i]!, hold[i]!, rStar);
      total += sales[i]!;
    }
    return { c, equity, sales, total };
  };

  let p = p0;
  const priceHistory = [p0];
  let converged = false;
  let prevStep = Infinity;
  let it = 0;
  while (it < maxIt) {
    it++;
    const next = p0 * Math.exp(-alpha * evaluate(p).total);
    // g is non-decreasing and p ≥ g(p) along the path, so next ≤ p; min() only guards rounding.
    const stepped = Math.min(p, next);
    const step = p - stepped;
    p = stepped;
    priceHistory.push(p);
    const r = step / prevStep;
    if (step === 0 || (step <= tol * p0 && r < 1 && (step * r) / (1 - r) <= tol * p0)) {
      converged = true;
      break;
    }
    prevStep = step;
  }
  const fin = evaluate(p);
  const capitalRatios = fin.equity.map((w, i) => {
    const risky = p * (hold[i]! - fin.sales[i]!);
    return fin.c.defaulted[i] || !(risky > 0) ? null : w / risky;
  });
  return {
    price: p,
    sales: fin.sales,
    totalSales: fin.total,
    payments: fin.c.payments,
    defaulted: fin.c.defaulted,
    equity: fin.equity,
    capitalRatios,
    priceHistory,
    iterations: it,
    converged,
  };
}
