/**
 * The "gamma flip": the spot level where dealers' gamma exposure changes sign.
 * Above it (with the usual index chain) dealers are long gamma and damp moves;
 * below it they are short gamma and amplify them. Practitioners' definition
 * (SqueezeMetrics convention, shared/reference/models.md §5.3: "the
 * 'gamma flip' is the spot level where GEX(S) crosses 0"), located here on a
 * sampled profile by linear interpolation between grid points.
 */
import { EngineInputError, requireFinite } from '../core/errors';

/** One point of a GEX profile (`gammaProfile` output). */
export interface GexPoint {
  spot: number;
  gex: number;
}

/**
 * All sign changes of a sampled GEX profile, ascending. Points are sorted by
 * spot first (a copy; the input is not changed). Between two neighbours of
 * opposite sign the crossing is found by linear interpolation; a run of exact
 * zeros between opposite signs counts as one crossing at the middle of the
 * run; touching zero without changing sign is not a crossing. One pass over
 * the points, so it ends after `profile.length` iterations. An empty or
 * all-zero profile has no crossing.
 */
export function gammaFlips(profile: readonly GexPoint[]): number[] {
  if (!Array.isArray(profile)) throw new EngineInputError('invalid-shape', 'profile must be an array of {spot, gex}', 'profile');
  const pts = profile.map((p, i) => ({ spot: requireFinite(p?.spot, `profile[${i}].spot`), gex: requireFinite(p?.gex, `profile[${i}].gex`) }));
  pts.sort((a, b) => a.spot - b.spot);
  const flips: number[] = [];
  let last = -1; // index of the last point with gex ≠ 0
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    if (p.gex === 0) continue;
    if (last >= 0) {
      const a = pts[last]!;
      if (Math.sign(a.gex) !== Math.sign(p.gex)) {
        if (last === i - 1) {
          flips.push(a.spot + ((p.spot - a.spot) * a.gex) / (a.gex - p.gex));
        } else {
          flips.push((pts[last + 1]!.spot + pts[i - 1]!.spot) / 2);
        }
      }
    }
    last = i;
  }
  return flips;
}

/**
 * The gamma flip nearest the current spot, or null when the profile does not
 * change sign. With several crossings the one closest to `currentSpot` wins
 * (ties: the lower one); without `currentSpot`, the middle of the profile's
 * spot range is used, since profiles are normally centred on the spot.
 * `gammaFlips` gives all of them.
 */
export function gammaFlip(profile: readonly GexPoint[], currentSpot?: number): number | null {
  const flips = gammaFlips(profile);
  if (flips.length === 0) return null;
  let ref: number;
  if (currentSpot === undefined) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const p of profile) {
      lo = Math.min(lo, p.spot);
      hi = Math.max(hi, p.spot);
    }
    ref = (lo + hi) / 2;
  } else ref = requireFinite(currentSpot, 'currentSpot');
  let best = flips[0]!;
  for (const f of flips) if (Math.abs(f - ref) < Math.abs(best - ref)) best = f;
  return best;
}
