/**
 * The stability map of the stylised margin spiral (`marginSpiral.ts`). With the widget's relative parameters the
 * round-to-round ratio of price falls at the start of the spiral is
 *   ρ₀ = I·(1 + θ)/m,   I = market impact of selling the whole position, θ = margin sensitivity, m = margin rate,
 * split into a loss-spiral part I/m and a margin-spiral part I·θ/m (own derivation, stated in `marginSpiral.ts`).
 * The spiral is stable (converges, multiplier ≤ 1/(1 − ρ₀)) when ρ₀ < 1. For a given margin rate the boundary in the
 * (θ, I) plane is I* = m/(1 + θ): above it the spiral runs until deleveraging or a wipe-out stops it.
 */
import { EngineInputError, requireInRange, requireNonNegative, requirePositive } from '../core/errors';

/** ρ₀ = I(1 + θ)/m and its loss and margin parts. */
export function marginSpiralRatio(p: { marginRate: number; marginSensitivity: number; fullSaleImpact: number }): {
  ratio: number;
  lossRatio: number;
  marginRatio: number;
} {
  const m = requirePositive(p.marginRate, 'marginRate');
  const theta = requireNonNegative(p.marginSensitivity, 'marginSensitivity');
  const I = requireNonNegative(p.fullSaleImpact, 'fullSaleImpact');
  return { ratio: (I * (1 + theta)) / m, lossRatio: I / m, marginRatio: (I * theta) / m };
}

/** The impact at which the spiral turns unstable for a margin rate m and sensitivity θ: I* = m/(1 + θ). */
export function criticalSaleImpact(marginRate: number, marginSensitivity: number): number {
  const m = requirePositive(marginRate, 'marginRate');
  const theta = requireNonNegative(marginSensitivity, 'marginSensitivity');
  return m / (1 + theta);
}

/** The boundary I*(θ) on a grid of sensitivities (for the shaded map), capped at `cap`. */
export function spiralBoundary(marginRate: number, thetas: readonly number[], cap = Infinity): { theta: number; impact: number }[] {
  if (!(cap > 0)) throw new EngineInputError('out-of-range', `cap must be positive (got ${cap})`, 'cap');
  return thetas.map((theta) => {
    requireInRange(theta, 0, 1e6, 'theta');
    const impact = criticalSaleImpact(marginRate, theta);
    return { theta, impact: impact > cap ? cap : impact };
  });
}
