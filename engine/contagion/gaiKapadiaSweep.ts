/**
 * Monte Carlo sweep of the Gai–Kapadia model over the average degree z:
 * probability of contagion and conditional extent (mean share of banks failed
 * when contagion occurs), the two curves of Gai & Kapadia (2010), Proc. R.
 * Soc. A 466:2401–2423, §3 (figure values [unverified], models.md §1.2).
 *
 * Seeds: point k of a sweep with seed s uses the point seed
 * `sweepPointSeed(s, k)` = hashInts(s, k), and its trial t uses
 * hashInts(pointSeed, t). So a Web Worker may split the work by point
 * (`gaiKapadiaSweepPoint`) or by trial range (`firstTrial`/`trials`, merged
 * with `mergeSweepPoints`) and get exactly the generator's numbers.
 */
import { hashInts } from '../core/random';
import { EngineInputError, requireInteger } from '../core/errors';
import { linspace } from '../core/numeric';
import { defineParams, type ParamValues } from '../core/params';
import { gaiKapadia, readGaiKapadiaInput, type NetWorthDefaultRule } from './gaiKapadia';
import { mergeTallies, tallyTrials, type ContagionTally } from './monteCarlo';

/** Grid and sample size of a Gai–Kapadia sweep (defaults: 20 points × 500 trials). */
export const gaiKapadiaSweepParams = defineParams({
  zMin: { label: 'Lowest average degree', symbol: 'z_{\\min}', unit: 'links', min: 0, max: 15, step: 0.1, default: 0.5, description: 'First point of the sweep.' },
  zMax: { label: 'Highest average degree', symbol: 'z_{\\max}', unit: 'links', min: 0, max: 15, step: 0.1, default: 10, description: 'Last point of the sweep.' },
  points: { label: 'Points', min: 2, max: 60, step: 1, default: 20, integer: true, description: 'Number of average degrees in the sweep.' },
  trials: { label: 'Trials per point', min: 10, max: 2000, step: 10, default: 500, integer: true, description: 'Random networks simulated at each average degree.' },
});
/** Values of `gaiKapadiaSweepParams`. */
export type GaiKapadiaSweepParams = ParamValues<typeof gaiKapadiaSweepParams>;

/** Model inputs shared by every point of a sweep. */
export interface GaiKapadiaModel {
  banks: number;
  interbankShare: number;
  capitalBuffer: number;
  assetLiquidity?: number;
  defaultRule?: NetWorthDefaultRule;
}

/** Contagion probability and conditional extent at one average degree. */
export interface GaiKapadiaSweepPoint extends ContagionTally {
  avgDegree: number;
}

/** All points of a finished sweep. */
export interface GaiKapadiaSweepResult {
  points: GaiKapadiaSweepPoint[];
}

/** Seed of point k of a sweep with seed `seed`. */
export function sweepPointSeed(seed: number, k: number): number {
  return hashInts(seed, k);
}

/** Combine two chunks of the same point (same avgDegree). */
export function mergeSweepPoints(a: GaiKapadiaSweepPoint, b: GaiKapadiaSweepPoint): GaiKapadiaSweepPoint {
  if (a.avgDegree !== b.avgDegree) throw new EngineInputError('invalid-parameter', `cannot merge points at z = ${a.avgDegree} and z = ${b.avgDegree}`, 'avgDegree');
  return { avgDegree: a.avgDegree, ...mergeTallies(a, b) };
}

/**
 * Trials firstTrial … firstTrial + trials − 1 at one average degree; trial t
 * uses seed hashInts(seed, t). Pass `sweepPointSeed(s, k)` as `seed` to
 * reproduce point k of a sweep with seed s.
 */
export function gaiKapadiaSweepPoint(p: GaiKapadiaModel & { avgDegree: number; trials: number; seed: number; firstTrial?: number }): GaiKapadiaSweepPoint {
  const trials = requireInteger(p.trials, 0, 1e7, 'trials');
  const first = p.firstTrial === undefined ? 0 : requireInteger(p.firstTrial, 0, 1e9, 'firstTrial');
  const base = readGaiKapadiaInput(p);
  const results: { failures: number; contagion: boolean }[] = [];
  for (let t = first; t < first + trials; t++) {
    const r = gaiKapadia({ ...base, seed: hashInts(base.seed, t) });
    results.push({ failures: r.defaults, contagion: r.contagion });
  }
  return { avgDegree: base.avgDegree, ...tallyTrials(base.banks, results) };
}

/**
 * The sweep as a generator: yields {done, total, partial} after every block of
 * `yieldEvery` trials (default 50), where `partial` holds the finished points
 * and the point in progress; returns all points. Work is bounded by
 * points × trials trials. Degrees come from `degrees` or from zMin, zMax,
 * points (defaults from `gaiKapadiaSweepParams`).
 */
export function* gaiKapadiaSweep(
  p: GaiKapadiaModel & { seed: number; trials: number; degrees?: number[]; zMin?: number; zMax?: number; points?: number; yieldEvery?: number },
): Generator<{ done: number; total: number; partial: GaiKapadiaSweepPoint[] }, GaiKapadiaSweepResult> {
  const trials = requireInteger(p.trials, 1, 1e7, 'trials');
  const seed = requireInteger(p.seed, 0, 4294967295, 'seed');
  const block = p.yieldEvery === undefined ? 50 : requireInteger(p.yieldEvery, 1, 1e7, 'yieldEvery');
  let degrees: number[];
  if (p.degrees !== undefined) {
    if (!Array.isArray(p.degrees) || p.degrees.length === 0) throw new EngineInputError('invalid-shape', 'degrees must be a non-empty array', 'degrees');
    degrees = p.degrees.slice();
  } else {
    const d = gaiKapadiaSweepParams;
    degrees = linspace(p.zMin ?? d.zMin.default, p.zMax ?? d.zMax.default, requireInteger(p.points ?? d.points.default, 1, 10000, 'points'));
  }
  // Validate every point up front so a bad z fails before any work is done.
  for (const z of degrees) readGaiKapadiaInput({ ...p, avgDegree: z, seed });
  const total = degrees.length * trials;
  const done: GaiKapadiaSweepPoint[] = [];
  let count = 0;
  for (let k = 0; k < degrees.length; k++) {
    const pointSeed = sweepPointSeed(seed, k);
    let acc: GaiKapadiaSweepPoint | null = null;
    for (let first = 0; first < trials; first += block) {
      const chunk = gaiKapadiaSweepPoint({ ...p, avgDegree: degrees[k]!, seed: pointSeed, firstTrial: first, trials: Math.min(block, trials - first) });
      acc = acc ? mergeSweepPoints(acc, chunk) : chunk;
      count += chunk.trials;
      if (count < total) yield { done: count, total, partial: [...done, acc] };
    }
    done.push(acc!);
  }
  return { points: done };
}
