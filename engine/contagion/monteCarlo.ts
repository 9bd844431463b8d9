/**
 * Tallies of contagion trials shared by the Monte Carlo sweeps (Gai–Kapadia
 * over average degree, overlapping portfolios over leverage): the probability
 * of contagion and the conditional extent (mean share of banks failed given
 * contagion), the two curves of Gai & Kapadia (2010), Proc. R. Soc. A
 * 466:2401–2423, §3. Raw integer counts are kept so that chunks computed
 * separately (for example by a Web Worker) merge exactly, in any order.
 */
import { EngineInputError } from '../core/errors';

/** Counts and estimates for one point of a contagion sweep. */
export interface ContagionTally {
  /** Banks per trial. */
  banks: number;
  trials: number;
  /** Trials in which at least 5 % of banks failed. */
  contagions: number;
  /** Failed banks summed over all trials. */
  failures: number;
  /** Failed banks summed over contagion trials. */
  failuresInContagions: number;
  /** contagions / trials (0 when there are no trials). */
  probability: number;
  /** Binomial standard error of `probability`, √(p(1 − p)/trials). */
  standardError: number;
  /** Mean failed fraction given contagion; null when no trial produced contagion. */
  conditionalExtent: number | null;
  /** Mean failed fraction over all trials. */
  meanFraction: number;
}

/** Build a tally from its integer counts. */
export function makeTally(banks: number, trials: number, contagions: number, failures: number, failuresInContagions: number): ContagionTally {
  const prob = trials > 0 ? contagions / trials : 0;
  return {
    banks,
    trials,
    contagions,
    failures,
    failuresInContagions,
    probability: prob,
    standardError: trials > 0 ? Math.sqrt((prob * (1 - prob)) / trials) : 0,
    conditionalExtent: contagions > 0 ? failuresInContagions / (contagions * banks) : null,
    meanFraction: trials > 0 ? failures / (trials * banks) : 0,
  };
}

/** Tally of trial outcomes (failed-bank counts) on networks of `banks` banks. */
export function tallyTrials(banks: number, results: readonly { failures: number; contagion: boolean }[]): ContagionTally {
  let c = 0;
  let s = 0;
  let sc = 0;
  for (const r of results) {
    s += r.failures;
    if (r.contagion) {
      c++;
      sc += r.failures;
    }
  }
  return makeTally(banks, results.length, c, s, sc);
}

/** Merge two tallies of the same sweep point (exact: integer counts). */
export function mergeTallies(a: ContagionTally, b: ContagionTally): ContagionTally {
  if (a.banks !== b.banks) throw new EngineInputError('invalid-parameter', `cannot merge tallies over ${a.banks} and ${b.banks} banks`, 'banks');
  return makeTally(a.banks, a.trials + b.trials, a.contagions + b.contagions, a.failures + b.failures, a.failuresInContagions + b.failuresInContagions);
}

/** Run a progress generator to the end synchronously (tests, exercises, build-time figures). */
export function runContagionSweep<T, R>(gen: Generator<T, R>): R {
  // Terminates when the generator does; every sweep in this folder bounds its work by points × trials.
  for (;;) {
    const s = gen.next();
    if (s.done) return s.value;
  }
}
