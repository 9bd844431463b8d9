/**
 * Who bears the losses of a liquidation cascade with an insurance fund and
 * auto-deleveraging: a summary of `insuranceFundCascade` for the book's
 * "insurance fund" figure.
 *
 *  - Liquidated traders lose all the margin their positions held
 *    (Σ marginAtLiquidation): part of it paid for the price move, and what was
 *    left when the position was sold went to the fund.
 *  - The fund receives that remaining equity (inflows) and pays the
 *    shortfalls of positions sold beyond their bankruptcy price (outflows);
 *    its net cost is fundStart − fundEnd (negative when it gains).
 *  - Deleveraged winners are closed at the liquidated positions' bankruptcy
 *    prices; the profit they give up, measured against closing at the
 *    round's final mid, is Σ haircut of the ADL matches.
 *  - Bad debt is what neither the fund nor ADL could absorb (the venue's own
 *    capital).
 *
 * `fundRanOutRound` is the first round in which the fund could not cover
 * every shortfall (the first round with ADL), or null.
 * Source: the accounting conventions of `insuranceFund.ts` (BitMEX's
 * published mechanism); this module only aggregates its result.
 */
import { EngineInputError } from '../core/errors';
import type { InsuranceCascadeResult } from './insuranceFund';
import type { Population } from './population';

/** One deleveraged account, aggregated over its ADL matches. */
export interface DeleveragedAccount {
  /** Index of the position in the population. */
  index: number;
  side: 'long' | 'short';
  /** Leverage at opening (×). */
  leverage: number;
  entry: number;
  /** Units closed by ADL. */
  quantity: number;
  /** Notional closed, units × closing price ($). */
  notional: number;
  /** Realised PnL on the units closed ($). */
  realisedPnl: number;
  /** Profit given up against closing at the round's final mid ($; positive = loss). */
  haircut: number;
  /** Highest ADL score when ranked (PnL% × effective leverage). */
  score: number;
  /** Round of the first match. */
  round: number;
}

/** Loss allocation of one insurance-fund cascade. */
export interface LossAllocation {
  liquidatedAccounts: number;
  /** Margin held by the liquidated positions, all of it lost by their owners ($). */
  marginLost: number;
  fundStart: number;
  fundEnd: number;
  fundInflows: number;
  fundOutflows: number;
  /** fundStart − fundEnd ($; negative when the fund gained). */
  fundNetCost: number;
  /** First round with ADL (the fund could not cover a shortfall), or null. */
  fundRanOutRound: number | null;
  deleveragedAccounts: number;
  /** Notional closed by ADL ($). */
  adlNotional: number;
  /** Σ haircut of the ADL matches ($). */
  adlHaircut: number;
  badDebt: number;
  /** Deleveraged accounts in ADL ranking order (highest score first), at most `top`. */
  topDeleveraged: DeleveragedAccount[];
}

/** Aggregate an insurance-fund cascade into who lost what (see the module comment). */
export function lossAllocation(pop: Population, result: InsuranceCascadeResult, top = 5): LossAllocation {
  if (!pop || !result || result.liquidatedRound?.length !== pop.count) {
    throw new EngineInputError('invalid-shape', 'result must come from insuranceFundCascade on the same population', 'result');
  }
  let marginLost = 0;
  let liquidatedAccounts = 0;
  for (let i = 0; i < pop.count; i++) {
    if (result.liquidatedRound[i]! > 0) {
      liquidatedAccounts++;
      marginLost += result.marginAtLiquidation[i]!;
    }
  }
  const byAccount = new Map<number, DeleveragedAccount>();
  let adlNotional = 0;
  let adlHaircut = 0;
  for (const ev of result.deleveraged) {
    adlNotional += ev.quantity * ev.price;
    adlHaircut += ev.haircut;
    const c = ev.counterparty;
    const a = byAccount.get(c);
    if (a) {
      a.quantity += ev.quantity;
      a.notional += ev.quantity * ev.price;
      a.realisedPnl += ev.realisedPnl;
      a.haircut += ev.haircut;
      a.score = Math.max(a.score, ev.score);
    } else {
      byAccount.set(c, {
        index: c,
        side: pop.side[c] === 1 ? 'long' : 'short',
        leverage: pop.leverage[c]!,
        entry: pop.entry[c]!,
        quantity: ev.quantity,
        notional: ev.quantity * ev.price,
        realisedPnl: ev.realisedPnl,
        haircut: ev.haircut,
        score: ev.score,
        round: ev.round,
      });
    }
  }
  const ranked = [...byAccount.values()].sort((a, b) => a.round - b.round || b.score - a.score || a.index - b.index);
  let fundRanOutRound: number | null = null;
  for (let r = 0; r < result.roundAdl.length; r++) {
    if (result.roundAdl[r]! > 0) {
      fundRanOutRound = r + 1;
      break;
    }
  }
  return {
    liquidatedAccounts,
    marginLost,
    fundStart: result.fundStart,
    fundEnd: result.fundEnd,
    fundInflows: result.inflows,
    fundOutflows: result.outflows,
    fundNetCost: result.fundStart - result.fundEnd,
    fundRanOutRound,
    deleveragedAccounts: byAccount.size,
    adlNotional,
    adlHaircut,
    badDebt: result.badDebt,
    topDeleveraged: ranked.slice(0, Math.max(0, Math.floor(top))),
  };
}
