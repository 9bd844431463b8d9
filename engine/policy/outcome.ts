/**
 * The outcome measures every comparison of Chapter 6 reports, whatever the
 * model. A field that does not apply to a model is `null`, never NaN (for
 * example, an interbank clearing has no price path).
 */

/** Outcome of one run (one model, one set of tools, one shock). */
export interface PolicyOutcome {
  /** Largest |P/P_start − 1| along the path, the shocked price included. */
  peakDislocation: number | null;
  /** |P_end/P_start − 1| at the end of the horizon. */
  finalDislocation: number | null;
  /** Notional (at entry, $) force-closed by the liquidation engine. */
  liquidatedNotional: number | null;
  /** Margin the venue demanded through rises of its requirement, Σ over runs of Δm⁺ × open notional ($). */
  marginCalled: number | null;
  /** Accounts (positions, or banks in a clearing model) that defaulted. */
  defaults: number | null;
  /** Losses beyond the defaulters' own resources that fall on others ($). */
  badDebt: number | null;
  /** Steps from the shock to the last forced trade (0 when nothing was forced). */
  durationSteps: number | null;
  /** Price before the shock (index 0), then the mid after each step ($). */
  pricePath: Float64Array | null;
}

/** The brief's name for `PolicyOutcome`. */
export type Outcome = PolicyOutcome;

/** An outcome with every field null (the starting point for models that fill only some fields). */
export function emptyOutcome(): PolicyOutcome {
  return {
    peakDislocation: null,
    finalDislocation: null,
    liquidatedNotional: null,
    marginCalled: null,
    defaults: null,
    badDebt: null,
    durationSteps: null,
    pricePath: null,
  };
}

/** Numeric fields of an outcome (the measures a tool can target). */
export type OutcomeMeasure = Exclude<keyof PolicyOutcome, 'pricePath'>;

/** The measures, in display order. */
export const OUTCOME_MEASURES: readonly OutcomeMeasure[] = [
  'peakDislocation',
  'finalDislocation',
  'liquidatedNotional',
  'marginCalled',
  'defaults',
  'badDebt',
  'durationSteps',
];
