/**
 * The fire-sale equilibrium of Cifuentes, Ferrucci & Shin (2005) replayed
 * round by round, and the book's comparison of two buffers: more capital or
 * more cash. Built on `fireSaleEquilibrium` (fireSales.ts), whose reading of
 * the model is recorded there (models.md §4.1, [unverified] in detail).
 *
 * Rounds. The equilibrium price is the limit of p_{k+1} = P₀ exp(−α S(p_k)),
 * p₀ = P₀, where S(p) is what all banks sell when the asset is marked at p.
 * Round k shows the state at p_k: each bank's equity w_i(p_k) (with
 * Eisenberg–Noe payments at that price), its capital ratio marked at p_k on
 * its whole holding, w_i / (p_k e_i) (what it compares with r* before
 * selling), the units it sells and whether it has defaulted.
 *
 * Buffers (the book's own example, extending `fireSaleExample`):
 * - cash buffer b: each bank holds b less of the illiquid asset and b more cash
 *   (same total assets at price 1, same equity);
 * - extra capital b: each bank owes b less to outside creditors (same assets,
 *   b more equity).
 * Cifuentes, Ferrucci & Shin's abstract states that liquidity requirements
 * "can be as effective as capital requirements"; `fireSaleBufferCurve` lets
 * the figure compare the two buffers of the same size on the same system.
 */
import { EngineInputError, requireInRange, requireInteger } from '../core/errors';
import { defineParams, type ParamValues } from '../core/params';
import { clearingVector } from './eisenbergNoe';
import { fireSaleEquilibrium, fireSaleExample, fireSaleParams, salesAtPrice, type FireSaleInput, type FireSaleResult } from './fireSales';

/** The buffers of the book's fire-sale example (shares of a bank's assets at price 1). */
export const fireSaleBufferParams = defineParams({
  cashBuffer: {
    label: 'Cash buffer',
    unit: '%',
    display: 'percent',
    min: 0,
    max: 0.3,
    step: 0.01,
    default: 0,
    description: 'Part of each bank’s illiquid asset held as cash instead (a liquidity requirement).',
  },
  extraCapital: {
    label: 'Extra capital',
    unit: '%',
    display: 'percent',
    min: 0,
    max: 0.3,
    step: 0.01,
    default: 0,
    description: 'Equity added to each bank in place of outside debt (a capital requirement).',
  },
  banks: { label: 'Number of banks', min: 2, max: 40, step: 1, default: 10, integer: true, description: 'Banks in the ring of interbank loans.' },
});
/** Values of `fireSaleBufferParams`. */
export type FireSaleBufferParams = ParamValues<typeof fireSaleBufferParams>;

/** Every parameter of the book's fire-sale example. */
export type FireSaleSystemParams = ParamValues<typeof fireSaleParams> & FireSaleBufferParams;

/** The ring example of `fireSaleExample` with a cash buffer and extra capital (see the module comment). */
export function fireSaleSystem(p: FireSaleSystemParams): FireSaleInput {
  const base = fireSaleExample(p);
  const b = requireInRange(p.cashBuffer, 0, 1, 'cashBuffer');
  const k = requireInRange(p.extraCapital, 0, 10, 'extraCapital');
  return {
    ...base,
    illiquidHoldings: base.illiquidHoldings.map((e) => e * (1 - b)),
    cash: base.cash.map((c, i) => c + b * base.illiquidHoldings[i]!),
    externalLiabilities: base.externalLiabilities!.map((l) => Math.max(0, l - k)),
  };
}

/** The state of every bank at one round's price. */
export interface FireSaleRound {
  round: number;
  price: number;
  /** Units of the illiquid asset sold in total at this price. */
  totalSales: number;
  banks: {
    equity: number;
    /** w / (p e): capital ratio marked at this price on the whole holding; null without illiquid assets. */
    ratio: number | null;
    sales: number;
    defaulted: boolean;
  }[];
}

/** Rounds 0 … K of the price iteration and the equilibrium itself. */
export interface FireSaleRoundsResult {
  rounds: FireSaleRound[];
  equilibrium: FireSaleResult;
  /** True when the rounds shown stop before the iteration converged (the last round shown is not the equilibrium). */
  truncated: boolean;
}

/** State of each bank when the asset is marked at `price` (the sales rule of fireSales.ts). */
export function fireSaleStateAt(x: FireSaleInput, price: number): FireSaleRound['banks'] {
  const n = x.liabilities.length;
  const ext = x.externalLiabilities ?? new Array<number>(n).fill(0);
  const externalAssets = x.illiquidHoldings.map((e, i) => price * e + x.cash[i]!);
  const c = clearingVector({ liabilities: x.liabilities, externalAssets, externalLiabilities: ext });
  const obligations = x.liabilities.map((row, i) => row.reduce((s, v) => s + v, 0) + ext[i]!);
  return x.illiquidHoldings.map((e, i) => {
    let income = 0;
    for (let j = 0; j < n; j++) if (obligations[j]! > 0) income += (x.liabilities[j]![i]! / obligations[j]!) * c.payments[j]!;
    const w = externalAssets[i]! + income - obligations[i]!;
    const equity = c.defaulted[i] ? Math.min(w, 0) : Math.max(w, 0);
    const sales = c.defaulted[i] ? e : salesAtPrice(price, equity, e, x.capitalRatio);
    return { equity, ratio: e > 0 && !c.defaulted[i] ? equity / (price * e) : null, sales, defaulted: c.defaulted[i]! };
  });
}

/**
 * The first `maxRounds` rounds of the price iteration (default 30), and the
 * equilibrium. If the iteration needs more rounds, the last entry is the
 * equilibrium itself and `truncated` is true.
 */
export function fireSaleRounds(x: FireSaleInput, maxRounds = 30): FireSaleRoundsResult {
  const K = requireInteger(maxRounds, 1, 10000, 'maxRounds');
  const eq = fireSaleEquilibrium(x);
  const prices = eq.priceHistory;
  const shown = prices.length <= K + 1 ? prices : [...prices.slice(0, K), eq.price];
  const rounds = shown.map((price, round) => {
    const banks = fireSaleStateAt(x, price);
    return { round, price, totalSales: banks.reduce((s, b) => s + b.sales, 0), banks };
  });
  return { rounds, equilibrium: eq, truncated: prices.length > K + 1 };
}

/** Equilibrium price and failures for buffers 0 … maxBuffer held as cash and as capital. */
export function fireSaleBufferCurve(
  p: Omit<FireSaleSystemParams, 'cashBuffer' | 'extraCapital'>,
  buffers: number[],
): { buffer: number; priceCash: number; priceCapital: number; failedCash: number; failedCapital: number }[] {
  if (!Array.isArray(buffers)) throw new EngineInputError('invalid-shape', 'buffers must be an array', 'buffers');
  return buffers.map((b) => {
    const cash = fireSaleEquilibrium(fireSaleSystem({ ...p, cashBuffer: b, extraCapital: 0 }));
    const cap = fireSaleEquilibrium(fireSaleSystem({ ...p, cashBuffer: 0, extraCapital: b }));
    return {
      buffer: b,
      priceCash: cash.price,
      priceCapital: cap.price,
      failedCash: cash.defaulted.filter(Boolean).length,
      failedCapital: cap.defaulted.filter(Boolean).length,
    };
  });
}
