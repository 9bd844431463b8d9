/**
 * What a central counterparty changes in Eisenberg–Noe contagion.
 *
 * The same banks, external assets and external liabilities are cleared three
 * ways with the contagion engine's `clearingVector` (greatest clearing
 * vector; Eisenberg & Noe 2001, Management Science 47(2):236–249, with the
 * optional Rogers & Veraart 2013 recovery rates):
 *   1. 'gross': the bilateral network as given;
 *   2. 'bilateral': each pair's obligations netted first, max(0, L_ij − L_ji);
 *   3. 'ccp': the star network through a CCP (node n), bank i owing the CCP
 *      its net debit max(0, −net_i) and the CCP owing bank i its net credit
 *      max(0, net_i) (`multilateralNetting`). The CCP's only external asset is
 *      its default fund F: prefunded resources (its own capital and members'
 *      contributions posted before the shock, so not on the members' balance
 *      sheets here). The CCP defaults when the payments of its debtors plus F
 *      fall short of what it owes; then, as any Eisenberg–Noe node, it pays
 *      its creditors pro rata — the loss is mutualised across ALL net
 *      creditors, including banks that never faced the defaulter.
 * Netting leaves every bank's net worth unchanged (`multilateralNetting`
 * conserves net positions); it changes who bears a defaulter's shortfall.
 * A CCP usually stops the chain (fewer defaults, less unpaid debt), but with a
 * fund too small it can spread a loss to a bank that was safe bilaterally
 * (a documented test case). A larger fund never hurts: clearing payments are
 * monotone in external assets (Eisenberg–Noe Lemma: the clearing map is
 * monotone), so every payment weakly rises with F.
 *
 * Outcome fields: `defaults` = banks defaulting (the CCP is reported
 * separately), `badDebt` = Σ over every node, CCP included, of obligations
 * left unpaid p̄_i − p_i (external creditors included); fields about prices,
 * liquidations, margin and time are null.
 * Duffie & Zhu (2011), Review of Asset Pricing Studies 1(1):74–95, discuss
 * when a CCP reduces exposures (see `netting.ts`).
 */
import { EngineInputError, requireNonNegative } from '../core/errors';
import { clearingVector, type ClearingResult, type ExternalSeniority } from '../contagion/eisenbergNoe';
import { multilateralNetting, requireExposureMatrix, type NettingResult } from './netting';
import { emptyOutcome, type PolicyOutcome } from './outcome';

/** Input of `ccpClearing`. `liabilities[i][j]` = what bank i owes bank j. */
export interface CcpClearingInput {
  liabilities: number[][];
  externalAssets: number[];
  externalLiabilities?: number[];
  /** The CCP's default fund F (≥ 0, same units). Default 0. */
  defaultFund?: number;
  /** Rogers–Veraart recovery rates (default α = β = 1: Eisenberg–Noe). */
  recovery?: { alpha: number; beta: number };
  /** Rank of external creditors (default 'pari-passu', the engine's convention). */
  externalSeniority?: ExternalSeniority;
}

/** One way of clearing: the outcome and the clearing vector behind it. */
export interface ClearingVariant {
  outcome: PolicyOutcome;
  clearing: ClearingResult;
  /** Banks (not the CCP) that defaulted. */
  defaulted: boolean[];
  /** Equity of each bank (not the CCP). */
  equity: number[];
  /** Σ (p̄_i − p_i) over all nodes: obligations left unpaid. */
  unpaid: number;
  /** Gross interbank obligations cleared in this network. */
  interbankObligations: number;
}

/** Result of `ccpClearing`. */
export interface CcpClearingResult {
  gross: ClearingVariant;
  bilateral: ClearingVariant;
  ccp: ClearingVariant & {
    /** The CCP could not pay its creditors in full. */
    ccpDefaulted: boolean;
    /** Part of the default fund used: F − the CCP's equity. */
    defaultFundUsed: number;
    /** What the CCP's creditors did not receive (the mutualised loss). */
    mutualisedLoss: number;
  };
  netting: NettingResult;
}

/**
 * Smallest nonzero amount accepted. The contagion engine divides by obligations, and the reciprocal of a
 * subnormal number (below 2.2e-308) overflows to Infinity, which turns its equity into NaN (seen with a
 * liability of 1e-310); such amounts are refused rather than passed on.
 */
export const MIN_CLEARING_AMOUNT = 1e-300;

function requireClearable(values: readonly number[], param: string): void {
  values.forEach((v, i) => {
    if (v !== 0 && Math.abs(v) < MIN_CLEARING_AMOUNT) {
      throw new EngineInputError('out-of-range', `${param}[${i}] must be 0 or at least ${MIN_CLEARING_AMOUNT} (got ${v})`, param);
    }
  });
}

function variant(clearing: ClearingResult, banks: number, interbankObligations: number): ClearingVariant {
  let unpaid = 0;
  for (let i = 0; i < clearing.payments.length; i++) unpaid += Math.max(0, clearing.obligations[i]! - clearing.payments[i]!);
  const defaulted = clearing.defaulted.slice(0, banks);
  const defaults = defaulted.filter(Boolean).length;
  return {
    outcome: { ...emptyOutcome(), defaults, badDebt: unpaid },
    clearing,
    defaulted,
    equity: clearing.equity.slice(0, banks),
    unpaid,
    interbankObligations,
  };
}

/**
 * Clear a bilateral network gross, bilaterally netted, and through a CCP
 * with a default fund (see the module comment). Throws `EngineInputError`
 * for a non-square or negative matrix, a nonzero diagonal, vectors of the
 * wrong length or a negative fund.
 */
export function ccpClearing(input: CcpClearingInput): CcpClearingResult {
  if (!input || typeof input !== 'object') throw new EngineInputError('invalid-shape', 'ccpClearing needs { liabilities, externalAssets, … }', 'input');
  const n = requireExposureMatrix(input.liabilities, 'liabilities');
  const fund = requireNonNegative(input.defaultFund ?? 0, 'defaultFund');
  const ext = input.externalLiabilities ?? new Array<number>(n).fill(0);
  input.liabilities.forEach((row, i) => requireClearable(row, `liabilities[${i}]`));
  if (Array.isArray(input.externalAssets)) requireClearable(input.externalAssets, 'externalAssets');
  if (Array.isArray(ext)) requireClearable(ext, 'externalLiabilities');
  requireClearable([fund], 'defaultFund');
  const common = {
    ...(input.recovery ? { recovery: input.recovery } : {}),
    ...(input.externalSeniority ? { externalSeniority: input.externalSeniority } : {}),
  };
  const netting = multilateralNetting(input.liabilities);
  const grossRes = clearingVector({ liabilities: input.liabilities, externalAssets: input.externalAssets, externalLiabilities: ext, ...common });
  const bilRes = clearingVector({ liabilities: netting.bilateralNet, externalAssets: input.externalAssets, externalLiabilities: ext, ...common });
  const starRes = clearingVector({
    liabilities: netting.ccpLiabilities,
    externalAssets: [...input.externalAssets, fund],
    externalLiabilities: [...ext, 0],
    ...common,
  });
  const ccpOwes = starRes.obligations[n]!;
  const ccpPaid = starRes.payments[n]!;
  const ccpDefaulted = starRes.defaulted[n]!;
  const ccpEquity = starRes.equity[n]!;
  return {
    gross: variant(grossRes, n, netting.grossTotal),
    bilateral: variant(bilRes, n, netting.bilateralNetTotal),
    ccp: {
      ...variant(starRes, n, 2 * netting.multilateralNetTotal),
      ccpDefaulted,
      defaultFundUsed: ccpDefaulted ? fund : Math.max(0, Math.min(fund, fund - ccpEquity)),
      mutualisedLoss: Math.max(0, ccpOwes - ccpPaid),
    },
    netting,
  };
}
