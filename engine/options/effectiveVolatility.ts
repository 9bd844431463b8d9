/**
 * Volatility after the feedback of delta hedging with price impact:
 *
 *   σ_eff = σ / (1 + λ·S·Γ_book)
 *
 * σ: volatility without hedgers (annual); λ: relative price impact per share
 * traded (ΔS/S = λ·q); S: spot; Γ_book: gamma of the hedgers' option book in
 * shares per currency unit (negative = hedgers short gamma).
 *
 * Sources: R. Frey & A. Stremme (1997), "Market volatility and feedback
 * effects from dynamic hedging", Mathematical Finance 7(4):351–374 ("volatility
 * increases and becomes price-dependent"); K. R. Sircar & G. Papanicolaou
 * (1998), "General Black–Scholes models accounting for increased market
 * volatility from hedging strategies", Applied Mathematical Finance 5:45–82.
 * Their diffusion coefficient has the form σ/(1 − ρλ(S)S∂_Sφ) for hedgers
 * holding ρφ(t, S) shares (the exact equation forms there are [unverified] in
 * shared/reference/models.md §5.1). The sign convention here is the
 * book's own derivation (models.md §5.1, binding): a dealer who delta-hedges a
 * book with gamma Γ_book holds h = −Δ_book shares, so ∂h/∂S = −Γ_book, and
 * dS/S = σdW + λdh gives dS/S·(1 + λSΓ_book) = σdW.
 */
import { defineParams } from '../core/params';
import { requireFinite, requireNonNegative, requirePositive } from '../core/errors';

/** Widget parameters for the σ_eff figure (λ per share and Γ_book in shares per $ are small/large raw numbers by nature). */
export const effectiveVolatilitySpec = defineParams({
  vol: { label: 'Volatility without hedging', symbol: '\\sigma', unit: '%', display: 'percent', min: 0.01, max: 1.5, step: 0.01, default: 0.2, description: 'Annual volatility that noise traders alone would cause.' },
  impact: { label: 'Price impact per share', symbol: '\\lambda', unit: 'per share', min: 0, max: 2e-8, step: 1e-10, default: 1e-8, description: 'Relative price move caused by buying one share (ΔS/S = λ·q).' },
  spot: { label: 'Spot price', symbol: 'S', unit: '$', min: 10, max: 500, step: 1, default: 100, description: 'Current price of the underlying.' },
  bookGamma: { label: "Dealers' book gamma", symbol: '\\Gamma_{\\text{book}}', unit: 'shares per $', min: -2e6, max: 2e6, step: 1e4, default: -5e5, description: 'Gamma of the hedgers’ option book; negative means dealers are short gamma.' },
});

/** Result of `effectiveVolatility`: `vol` is +∞ and `stable` false when the feedback loop has no equilibrium. */
export interface EffectiveVolatility {
  vol: number;
  stable: boolean;
}

/**
 * The loop gain g = −λ·S·Γ_book: the fraction of a price move that hedgers'
 * trades add back (g > 0 short gamma, amplifying; g < 0 long gamma, damping).
 * σ_eff = σ/(1 − g); unstable for g ≥ 1.
 */
export function hedgingLoopGain(p: { impact: number; spot: number; bookGamma: number }): number {
  const impact = requireNonNegative(p.impact, 'impact');
  const spot = requirePositive(p.spot, 'spot');
  const gamma = requireFinite(p.bookGamma, 'bookGamma');
  return -(impact * spot * gamma);
}

/**
 * The book gamma at which short-gamma hedging becomes unstable:
 * Γ* = −1/(λS) (−∞ when λ = 0: never unstable without impact).
 */
export function criticalBookGamma(p: { impact: number; spot: number }): number {
  const impact = requireNonNegative(p.impact, 'impact');
  const spot = requirePositive(p.spot, 'spot');
  return impact === 0 ? Number.NEGATIVE_INFINITY : -1 / (impact * spot);
}

/**
 * σ_eff = σ/(1 + λ·S·Γ_book) (Frey & Stremme 1997; Sircar & Papanicolaou
 * 1998; sign convention models.md §5.1). λ = 0 gives σ; long gamma
 * (Γ_book > 0) gives σ_eff < σ; short gamma raises it and it blows up as
 * λS|Γ_book| → 1. When 1 + λSΓ_book ≤ 0 there is no equilibrium price: the
 * result is `{ vol: Infinity, stable: false }` (the UI shows "unstable";
 * note that JSON turns Infinity into null). Throws `EngineInputError` for
 * negative vol or impact, spot ≤ 0, non-finite inputs.
 */
export function effectiveVolatility(p: { vol: number; impact: number; spot: number; bookGamma: number }): EffectiveVolatility {
  const vol = requireNonNegative(p.vol, 'vol');
  const g = hedgingLoopGain(p);
  const denom = 1 - g;
  if (!(denom > 0)) return { vol: Number.POSITIVE_INFINITY, stable: false };
  return { vol: vol / denom, stable: true };
}
