/**
 * The "collateral stress test" of a lending pool: the same pool run through oracle shocks of increasing size, with
 * liquidations, their price impact and bad debt recorded for each (`lendingShockSweep`). This module packages the
 * sweep for the Chapter 4 widget: one parameter object (validated against the engine's specs, so a Web Worker can
 * receive it as plain JSON), rows in shares of the pool (comparable between a quick preview on a sample of the pool
 * and the full run), and a generator the worker drives with progress and partial results.
 */
import { defineParams, validateParams, type ParamValues } from '../core/params';
import { EngineInputError, requireInRange, requireInteger } from '../core/errors';
import { linspace } from '../core/numeric';
import {
  generateLendingPool,
  lendingShockPoint,
  lendingPoolParams,
  lendingStressParams,
  type LendingPool,
  type LendingSweepPoint,
} from './lendingPool';

/** Slider specifications of the sweep itself. */
export const lendingSweepParams = defineParams({
  points: {
    label: 'Shock sizes',
    min: 5,
    max: 81,
    step: 1,
    default: 41,
    integer: true,
    description: 'Number of shock sizes in the sweep, evenly spaced from 0 to the largest shock.',
  },
  maxShock: {
    label: 'Largest shock',
    unit: '%',
    display: 'percent',
    min: 0.1,
    max: lendingStressParams.shock.max,
    step: 0.05,
    default: 0.8,
    description: 'Largest oracle price fall in the sweep.',
  },
});

/** Everything a sweep needs: the pool, the stress rules (except the shock, which is swept) and the sweep grid. */
export const lendingScenarioParams = defineParams({
  ...lendingPoolParams,
  rampSteps: lendingStressParams.rampSteps,
  steps: lendingStressParams.steps,
  impact: lendingStressParams.impact,
  closeFactor: lendingStressParams.closeFactor,
  ...lendingSweepParams,
});
/** Values of `lendingScenarioParams`. */
export type LendingScenario = ParamValues<typeof lendingScenarioParams>;

/** One shock size of a sweep, in shares of the pool. */
export interface LendingSweepRow {
  shock: number;
  /** Positions liquidated at least once / positions with debt. */
  liquidatedShare: number;
  /** Debt repaid by liquidators / initial debt. */
  repaidShare: number;
  /** Bad debt (debt left with no collateral) / initial debt. */
  badDebtShare: number;
  /** Fall of the market price at the end, 1 − mean over assets of P_final/P_0 (shock plus liquidation impact). */
  finalFall: number;
}

/** The shock grid of a sweep: `points` values from 0 to `maxShock`. */
export function sweepShocks(maxShock: number, points: number): number[] {
  const m = requireInRange(maxShock, 0, lendingStressParams.shock.max, 'maxShock');
  const n = requireInteger(points, 2, 10_000, 'points');
  return linspace(0, m, n).map((x) => Number.parseFloat(x.toPrecision(12)));
}

/** Convert a sweep point to shares of a pool with `debtors` positions with debt and `initialDebt` in total. */
export function sweepRow(p: LendingSweepPoint, debtors: number, initialDebt: number): LendingSweepRow {
  const mean = p.finalPriceRatio.reduce((s, r) => s + r, 0) / Math.max(1, p.finalPriceRatio.length);
  return {
    shock: p.shock,
    liquidatedShare: debtors > 0 ? p.liquidatedPositions / debtors : 0,
    repaidShare: initialDebt > 0 ? p.debtRepaid / initialDebt : 0,
    badDebtShare: initialDebt > 0 ? p.badDebt / initialDebt : 0,
    finalFall: 1 - mean,
  };
}

/** The pool of a scenario (seeded), optionally with fewer positions (a sample drawn with the same seed). */
export function scenarioPool(s: LendingScenario, positions = s.positions): LendingPool {
  return generateLendingPool({
    positions,
    medianCollateral: s.medianCollateral,
    collateralDispersion: s.collateralDispersion,
    meanUtilisation: s.meanUtilisation,
    liquidationThreshold: s.liquidationThreshold,
    ltvGap: s.ltvGap,
    liquidationBonus: s.liquidationBonus,
    multiAssetShare: s.multiAssetShare,
    seed: s.seed,
  });
}

function poolTotals(pool: LendingPool): { debtors: number; initialDebt: number } {
  let debtors = 0;
  let initialDebt = 0;
  for (let i = 0; i < pool.debt.length; i++) {
    if (pool.debt[i]! > 0) debtors++;
    initialDebt += pool.debt[i]!;
  }
  return { debtors, initialDebt };
}

/** Validate a scenario received as plain data (from a widget or a worker message); throws a readable EngineInputError. */
export function requireScenario(input: unknown): LendingScenario {
  const r = validateParams(lendingScenarioParams, input);
  if (!r.ok) throw new EngineInputError('invalid-parameter', r.issues.map((i) => i.message).join('; '), r.issues[0]!.param);
  return r.value;
}

/**
 * The sweep as a generator for the Web Worker: yields `{ done, total, partial }` after each shock size (partial = the
 * rows so far) and returns every row. Terminates after `points` pool runs, each a fixed number of steps.
 */
export function* lendingSweepJob(input: unknown): Generator<{ done: number; total: number; partial: LendingSweepRow[] }, LendingSweepRow[], void> {
  const s = requireScenario(input);
  const pool = scenarioPool(s);
  const { debtors, initialDebt } = poolTotals(pool);
  const shocks = sweepShocks(s.maxShock, s.points);
  const rules = { closeFactor: s.closeFactor, impact: s.impact };
  const rows: LendingSweepRow[] = [];
  for (let k = 0; k < shocks.length; k++) {
    rows.push(sweepRow(lendingShockPoint(pool, shocks[k]!, { rampSteps: s.rampSteps, steps: s.steps, rules }), debtors, initialDebt));
    yield { done: k + 1, total: shocks.length, partial: rows.slice() };
  }
  return rows;
}

/**
 * A small synchronous sweep for the figure before the reader presses Run (and for the build-time figure): `points`
 * shock sizes on a sample of at most `samplePositions` positions of the same pool (same seed), in the same shares.
 */
export function quickLendingSweep(s: LendingScenario, opts: { points?: number; samplePositions?: number } = {}): LendingSweepRow[] {
  const sample = Math.min(s.positions, requireInteger(opts.samplePositions ?? 1500, 1, 5_000_000, 'samplePositions'));
  const pool = scenarioPool(s, sample);
  const { debtors, initialDebt } = poolTotals(pool);
  const rules = { closeFactor: s.closeFactor, impact: s.impact };
  return sweepShocks(s.maxShock, opts.points ?? 9).map((shock) =>
    sweepRow(lendingShockPoint(pool, shock, { rampSteps: s.rampSteps, steps: s.steps, rules }), debtors, initialDebt),
  );
}
