/**
 * The exercise model. An exercise is an MDX prompt (written in the chapter, math
 * rendered at build) plus a definition here: its parameter space (narrowed from
 * the model's own specification), the answer computed by the engine, a tolerance,
 * and the strings that fill the prompt's numbers for any variant.
 */
import type { NumberParamSpec } from '../../../engine/core/params';

export type Tolerance = { rel?: number; abs?: number };

interface ExerciseBase<P extends Record<string, number>> {
  /** Stable id: the `data-exercise` marker and the anchor `#ex-<id>`. */
  id: string;
  /** Chapter slug. */
  chapter: string;
  title: string;
  /** 1 = check understanding, 2 = apply, 3 = stretch. */
  difficulty: 1 | 2 | 3;
  /** The variant space: each spec narrowed from the engine model's spec. */
  params: { [K in keyof P]: NumberParamSpec };
  /** The variant a reader sees in the chapter. */
  defaults: P;
  /** Display strings for the prompt and solution placeholders (<V n="…" />), for any variant. */
  vars(p: P): Record<string, string>;
  /** Optional: open this variant in a widget (id and preset values). */
  widget?: { id: string; instance: string; preset(p: P): Record<string, unknown> };
  /** Optional: keep the worked solution closed until the reader has made one attempt. */
  solutionLocked?: boolean;
}

export interface NumericExercise<P extends Record<string, number> = Record<string, number>> extends ExerciseBase<P> {
  kind: 'numeric';
  /** The correct answer, computed by the engine, in `answerUnit` as the student types it. */
  answer(p: P): number;
  tolerance: Tolerance;
  /** Unit shown beside the answer box ("%", "rounds", "$M", "×"). */
  answerUnit: string;
  /** Label of the answer box. */
  answerLabel: string;
  /** The placeholder whose value the solution prints as the final answer (checked against `answer` by the tests). */
  answerVar: string;
}

export interface ChoiceExercise<P extends Record<string, number> = Record<string, number>> extends ExerciseBase<P> {
  kind: 'choice';
  options(p: P): { value: string; label: string }[];
  answer(p: P): string;
}

/** "Set the widget so that…": checked from the state of a widget on the page. */
export interface ExperimentExercise<P extends Record<string, number> = Record<string, number>> extends ExerciseBase<P> {
  kind: 'experiment';
  /** Widget instance whose state is checked. */
  target: string;
  /** Checks the widget's current values; `message` explains what is still off. */
  check(values: Record<string, unknown>, p: P): { ok: boolean; message: string };
}

/** One numbered part of a multi-part exercise: a numeric answer with its own tolerance. */
export interface ExercisePart<P extends Record<string, number> = Record<string, number>> {
  /** Short stable key ("a", "b", …): the answer record's field and the part's label prefix. */
  key: string;
  /** Label of the part's answer box. */
  label: string;
  unit: string;
  answer(p: P): number;
  tolerance: Tolerance;
  /** The placeholder whose value the solution prints as this part's answer. */
  answerVar: string;
}

/** Several numeric answers about one situation ("(a) the gain, (b) the multiplier, …"); scored by the share of parts right. */
export interface MultiExercise<P extends Record<string, number> = Record<string, number>> extends ExerciseBase<P> {
  kind: 'multi';
  parts: ExercisePart<P>[];
}

export type Exercise<P extends Record<string, number> = Record<string, number>> =
  | NumericExercise<P>
  | ChoiceExercise<P>
  | ExperimentExercise<P>
  | MultiExercise<P>;

export type ExerciseKind = Exercise['kind'];

/** Reader-facing names of the kinds (index page, builder filters, exercise header). */
export const kindLabels: Record<ExerciseKind, string> = {
  numeric: 'Numeric answer',
  choice: 'Multiple choice',
  experiment: 'Experiment',
  multi: 'Multi-part',
};

/** Identity helper that keeps the parameter type. */
export function defineExercise<P extends Record<string, number>>(e: Exercise<P>): Exercise<P> {
  return e;
}
