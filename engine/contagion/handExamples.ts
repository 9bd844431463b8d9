/**
 * Small systems that the chapter works through by hand (the book's own
 * examples). Each comes with a parameter spec, so that exercises draw their
 * variants from it, and is solved by the same engine functions as the widgets.
 *
 * - Two banks (Eisenberg–Noe by hand): bank A owes bank B 6 and its depositors
 *   4; bank B owes bank A 2 and its depositors 8 ($bn). Outside assets e_A and
 *   e_B are the parameters. Obligations are 10 each, so Π_AB = 0.6,
 *   Π_BA = 0.2 (depositors pari passu by default).
 * - A chain of three banks (DebtRank by hand): bank 1 (equity 10) holds a claim
 *   of 5 on bank 2; bank 2 (equity 10) holds 20 on bank 3; bank 3 has equity 20
 *   and is shocked.
 * - Two banks with mutual exposures (stability): Λ = [[0, λ12], [λ21, 0]],
 *   whose largest eigenvalue is √(λ12 λ21).
 */
import { defineParams, type ParamValues } from '../core/params';
import { requireInRange } from '../core/errors';
import type { ClearingInput } from './eisenbergNoe';
import type { DebtRankInput } from './debtRank';

/** Outside assets of the two banks of the hand example. */
export const twoBankParams = defineParams({
  externalAssetsA: { label: 'Outside assets of bank A', symbol: 'e_A', unit: '$bn', min: 0, max: 15, step: 0.5, default: 4, description: 'Loans to and securities of non-banks held by bank A.' },
  externalAssetsB: { label: 'Outside assets of bank B', symbol: 'e_B', unit: '$bn', min: 0, max: 15, step: 0.5, default: 9, description: 'Loans to and securities of non-banks held by bank B.' },
});
/** Values of `twoBankParams`. */
export type TwoBankParams = ParamValues<typeof twoBankParams>;

/** The two-bank system as a clearing problem (A is bank 0, B is bank 1). */
export function twoBankSystem(p: TwoBankParams): ClearingInput {
  return {
    liabilities: [
      [0, 6],
      [2, 0],
    ],
    externalAssets: [requireInRange(p.externalAssetsA, 0, 1e6, 'externalAssetsA'), requireInRange(p.externalAssetsB, 0, 1e6, 'externalAssetsB')],
    externalLiabilities: [4, 8],
  };
}

/** The three-bank chain as a DebtRank problem, with bank 3 (index 2) shocked by `shock`. */
export function debtRankChain(shock: number): DebtRankInput {
  return {
    exposures: [
      [0, 5, 0],
      [0, 0, 20],
      [0, 0, 0],
    ],
    equity: [10, 10, 20],
    shock: [0, 0, requireInRange(shock, 0, 1, 'shock')],
  };
}

/** Interbank leverage of two banks exposed to each other. */
export const mutualExposureParams = defineParams({
  lambda12: { label: 'Claim of bank 1 on bank 2 ÷ equity of bank 1', symbol: '\\Lambda_{12}', min: 0, max: 4, step: 0.05, default: 1.5, description: 'Bank 1’s interbank leverage towards bank 2.' },
  lambda21: { label: 'Claim of bank 2 on bank 1 ÷ equity of bank 2', symbol: '\\Lambda_{21}', min: 0, max: 4, step: 0.05, default: 0.5, description: 'Bank 2’s interbank leverage towards bank 1.' },
});
/** Values of `mutualExposureParams`. */
export type MutualExposureParams = ParamValues<typeof mutualExposureParams>;

/** Λ of the two mutually exposed banks. */
export function mutualLeverageMatrix(p: MutualExposureParams): number[][] {
  return [
    [0, requireInRange(p.lambda12, 0, 1e6, 'lambda12')],
    [requireInRange(p.lambda21, 0, 1e6, 'lambda21'), 0],
  ];
}
