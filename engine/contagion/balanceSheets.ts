/**
 * Gai–Kapadia balance sheets built from shares.
 *
 * Source: Gai & Kapadia (2010), "Contagion in financial networks",
 * Proc. R. Soc. A 466:2401–2423, §2 (models.md §1.1). Each bank i holds
 * interbank assets A^IB_i and illiquid external assets A^M_i; its interbank
 * assets are spread evenly over its j_i incoming links (its debtors), so each
 * debtor owes it A^IB_i / j_i. Interbank liabilities L^IB_i follow from the
 * network; capital K_i is a fixed share of total assets; deposits D_i are the
 * residual, D_i = A_i − L^IB_i − K_i.
 *
 * Normalisation (the book's reading; GK's exact scaling is [unverified]):
 * every bank has total assets A_i = 1, interbank share θ (A^IB_i = θ) when it
 * has at least one debtor, and A^IB_i = 0, A^M_i = 1 when it has none, so a
 * bank with no borrowers simply holds all its assets outside the interbank
 * market. Capital K_i = γ·A_i. With zero recovery the solvency condition of
 * models.md §1.1 involves only K, A^IB, A^M and the asset price, never D,
 * so a negative residual D_i (a heavy borrower) does not affect the cascade.
 */
import { requireInRange } from '../core/errors';
import { inDegrees, requireNetwork, type Network, type WeightedNetwork } from './network';

/** Per-bank balance sheets (typed arrays, one entry per bank; total assets normalised to 1). */
export interface GaiKapadiaBalanceSheets {
  /** Total assets A_i (= 1 for every bank). */
  totalAssets: Float64Array;
  /** Interbank assets A^IB_i = θ·A_i if i has a debtor, else 0. */
  interbankAssets: Float64Array;
  /** Illiquid external assets A^M_i = A_i − A^IB_i. */
  illiquidAssets: Float64Array;
  /** Capital K_i = γ·A_i. */
  capital: Float64Array;
  /** Interbank liabilities L^IB_i = Σ over i's creditors c of A^IB_c / j_c. */
  interbankLiabilities: Float64Array;
  /** Deposits (residual external funding) D_i = A_i − L^IB_i − K_i; may be negative for heavy borrowers. */
  deposits: Float64Array;
  /** Loss to bank i when one of its debtors defaults with zero recovery: A^IB_i / j_i (0 if j_i = 0). */
  lossPerDebtor: Float64Array;
  /** In-degree j_i (number of debtors). */
  debtors: Int32Array;
}

/** Balance sheets of every bank from the interbank share θ and capital buffer γ = K/A. */
export function gaiKapadiaBalanceSheets(net: Network, p: { interbankShare: number; capitalBuffer: number }): GaiKapadiaBalanceSheets {
  requireNetwork(net);
  const theta = requireInRange(p.interbankShare, 0, 1, 'interbankShare');
  const gamma = requireInRange(p.capitalBuffer, 0, 1, 'capitalBuffer');
  const { n } = net;
  const debtors = inDegrees(net);
  const totalAssets = new Float64Array(n).fill(1);
  const interbankAssets = new Float64Array(n);
  const illiquidAssets = new Float64Array(n);
  const capital = new Float64Array(n);
  const lossPerDebtor = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = debtors[i]!;
    interbankAssets[i] = j > 0 ? theta : 0;
    illiquidAssets[i] = 1 - interbankAssets[i]!;
    capital[i] = gamma;
    lossPerDebtor[i] = j > 0 ? theta / j : 0;
  }
  const interbankLiabilities = new Float64Array(n);
  const deposits = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let l = 0;
    for (let e = net.offsets[i]!; e < net.offsets[i + 1]!; e++) l += lossPerDebtor[net.targets[e]!]!;
    interbankLiabilities[i] = l;
    deposits[i] = 1 - l - gamma;
  }
  return { totalAssets, interbankAssets, illiquidAssets, capital, interbankLiabilities, deposits, lossPerDebtor, debtors };
}

/**
 * The liability network of a Gai–Kapadia system: edge i → j carries what i
 * owes j, A^IB_j / j_j. Feed it to `clearingVectorSparse` (external assets
 * A^M, external liabilities max(D, 0)) to compare GK's zero-recovery cascade
 * with Eisenberg–Noe clearing on the same balance sheets.
 */
export function gaiKapadiaLiabilities(net: Network, sheets: GaiKapadiaBalanceSheets): WeightedNetwork {
  requireNetwork(net);
  const weights = new Float64Array(net.targets.length);
  for (let e = 0; e < weights.length; e++) weights[e] = sheets.lossPerDebtor[net.targets[e]!]!;
  return { n: net.n, offsets: net.offsets, targets: net.targets, weights };
}
