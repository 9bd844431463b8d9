/**
 * The comparison harness of Chapter 6: the same shock through the same market
 * without tools (baseline), with each tool alone, and with all the chosen
 * tools together, reported in the same outcome measures (`outcome.ts`).
 *
 * - `comparePolicies(scenario, tools)`: outcomes only (small, for tables).
 * - `comparePoliciesSweep(...)`: the same as a generator, one run per yield
 *   (a Web Worker can show progress and cancel between runs).
 * - `policyLab(...)`: several tools against a chosen shock (a preset or a
 *   custom scenario), with the full series of both runs for figures.
 * - `policyShockSweep(...)`: baseline and tools against a range of shock
 *   sizes (a generator, one shock per yield).
 *
 * Every run is deterministic: the market comes from the scenario's seed, and
 * the harness itself draws no random numbers.
 */
import { EngineInputError } from '../core/errors';
import { runPolicy, type PolicyRun } from './marketSim';
import { OUTCOME_MEASURES, type OutcomeMeasure, type PolicyOutcome } from './outcome';
import { buildPolicyMarket, POLICY_SHOCK_PRESETS, resolveScenario, type PolicyMarket, type PolicyScenario, type PolicyShockPreset } from './scenario';
import { enabledTools, onlyTool, resolvePolicyTools, type PolicyToolId, type PolicyTools } from './tools';

/** Result of `comparePolicies`. */
export interface PolicyComparison {
  scenario: PolicyScenario;
  /** Tools switched on, in the chapter's order. */
  tools: PolicyToolId[];
  baseline: PolicyOutcome;
  /** All the tools switched on together. */
  withTools: PolicyOutcome;
  /** Each tool alone (only the tools switched on). */
  perTool: Partial<Record<PolicyToolId, PolicyOutcome>>;
}

function isMarket(x: unknown): x is PolicyMarket {
  return !!x && typeof x === 'object' && 'population' in x && 'book' in x && 'scenario' in x;
}

function marketOf(scenario: Partial<PolicyScenario> | PolicyMarket | undefined): PolicyMarket {
  return isMarket(scenario) ? scenario : buildPolicyMarket(scenario);
}

/**
 * Runs of a comparison as a generator: yields `{ done, total, partial }` after
 * each run (baseline, each tool alone, then all together) and returns the
 * comparison. `scenario` may be a market already built with `buildPolicyMarket`
 * (to reuse its population when only the tools change).
 */
export function* comparePoliciesSweep(
  scenario: Partial<PolicyScenario> | PolicyMarket | undefined,
  tools: PolicyTools,
): Generator<{ done: number; total: number; partial: { run: 'baseline' | 'withTools' | PolicyToolId; outcome: PolicyOutcome } }, PolicyComparison> {
  resolvePolicyTools(tools); // validate before any work
  const market = marketOf(scenario);
  const ids = enabledTools(tools);
  const total = ids.length + 2;
  let done = 0;
  const baseline = runPolicy(market, {}).outcome;
  yield { done: ++done, total, partial: { run: 'baseline', outcome: baseline } };
  const perTool: Partial<Record<PolicyToolId, PolicyOutcome>> = {};
  for (const id of ids) {
    const o = runPolicy(market, onlyTool(tools, id)).outcome;
    perTool[id] = o;
    yield { done: ++done, total, partial: { run: id, outcome: o } };
  }
  const withTools = runPolicy(market, tools).outcome;
  yield { done: ++done, total, partial: { run: 'withTools', outcome: withTools } };
  return { scenario: market.scenario, tools: ids, baseline, withTools, perTool };
}

/**
 * Baseline, each tool alone and all tools together on one scenario
 * (synchronous `comparePoliciesSweep`). With no tool switched on, `withTools`
 * equals `baseline` and `perTool` is empty.
 */
export function comparePolicies(scenario: Partial<PolicyScenario> | PolicyMarket | undefined, tools: PolicyTools): PolicyComparison {
  const it = comparePoliciesSweep(scenario, tools);
  // Bound: the generator yields tools + 2 times.
  for (;;) {
    const s = it.next();
    if (s.done) return s.value;
  }
}

/** Change of each measure with the tools: (with − baseline) / baseline, 0 when both are 0, null when not comparable. */
export function outcomeChange(baseline: PolicyOutcome, withTools: PolicyOutcome): Record<OutcomeMeasure, number | null> {
  const out = {} as Record<OutcomeMeasure, number | null>;
  for (const k of OUTCOME_MEASURES) {
    const a = baseline[k];
    const b = withTools[k];
    if (a === null || b === null) out[k] = null;
    else if (a === 0) out[k] = b === 0 ? 0 : null;
    else out[k] = (b - a) / Math.abs(a);
  }
  return out;
}

/** Input of `policyLab`: a preset shock or a custom scenario (the preset is applied over it), and the tools. */
export interface PolicyLabInput {
  preset?: PolicyShockPreset;
  scenario?: Partial<PolicyScenario>;
  tools: PolicyTools;
}

/** Result of `policyLab`: both runs in full, and the relative change of each measure. */
export interface PolicyLabResult {
  scenario: PolicyScenario;
  tools: PolicyToolId[];
  baseline: PolicyRun;
  withTools: PolicyRun;
  change: Record<OutcomeMeasure, number | null>;
}

/**
 * The policy lab: the chosen tools together against a chosen shock, with the
 * series of both runs (price, margin rate, backlog, halts, band) for figures.
 */
export function policyLab(input: PolicyLabInput): PolicyLabResult {
  if (!input || typeof input !== 'object') throw new EngineInputError('invalid-shape', 'policyLab needs { preset?, scenario?, tools }', 'input');
  if (input.preset !== undefined && !Object.prototype.hasOwnProperty.call(POLICY_SHOCK_PRESETS, input.preset)) {
    throw new EngineInputError('invalid-parameter', `unknown shock preset '${String(input.preset)}'`, 'preset');
  }
  resolvePolicyTools(input.tools);
  const scenario = resolveScenario({ ...input.scenario, ...(input.preset ? POLICY_SHOCK_PRESETS[input.preset] : {}) });
  const market = buildPolicyMarket(scenario);
  const baseline = runPolicy(market, {});
  const withTools = runPolicy(market, input.tools);
  return { scenario, tools: enabledTools(input.tools), baseline, withTools, change: outcomeChange(baseline.outcome, withTools.outcome) };
}

/** One point of a shock sweep: outcomes without their price paths. */
export interface PolicyShockPoint {
  shock: number;
  baseline: Omit<PolicyOutcome, 'pricePath'>;
  withTools: Omit<PolicyOutcome, 'pricePath'>;
}

function withoutPath(o: PolicyOutcome): Omit<PolicyOutcome, 'pricePath'> {
  const { pricePath: _path, ...rest } = o;
  return rest;
}

/**
 * Baseline and tools over a range of shock sizes (each within the cascade
 * spec's [0, 0.5]), one shock per yield. The population is built once: only
 * the shock changes.
 */
export function* policyShockSweep(
  scenario: Partial<PolicyScenario> | undefined,
  tools: PolicyTools,
  shocks: ArrayLike<number>,
): Generator<{ done: number; total: number; partial: PolicyShockPoint }, PolicyShockPoint[]> {
  resolvePolicyTools(tools);
  if (!shocks || typeof shocks.length !== 'number') throw new EngineInputError('invalid-shape', 'shocks must be an array of numbers', 'shocks');
  const base = buildPolicyMarket(scenario);
  const total = shocks.length;
  const out: PolicyShockPoint[] = [];
  for (let j = 0; j < total; j++) {
    const sc = resolveScenario({ ...base.scenario, shock: shocks[j]! });
    const market: PolicyMarket = { ...base, scenario: sc };
    const point: PolicyShockPoint = {
      shock: sc.shock,
      baseline: withoutPath(runPolicy(market, {}).outcome),
      withTools: withoutPath(runPolicy(market, tools).outcome),
    };
    out.push(point);
    yield { done: j + 1, total, partial: point };
  }
  return out;
}
