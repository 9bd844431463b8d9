/**
 * Chapter 6's experiments on the policy harness: the parameter specs of the
 * with/without comparison and of the policy lab (each key reuses the spec of
 * the engine that owns it, narrowed where a slider needs a smaller range),
 * the translation of a widget's values into the harness's tools, a cheap way
 * to re-run one built market under another shock, and the shock grid behind
 * the lab's sweep preview.
 *
 * Nothing here adds a model: every number still comes from `runPolicy`
 * (marketSim.ts) on a market from `buildPolicyMarket` (scenario.ts).
 */
import { defineParams, narrowSpec, type ParamValues } from '../core/params';
import { EngineInputError } from '../core/errors';
import { linspace } from '../core/numeric';
import { cascadeSpec } from '../leverage/cascade';
import { orderBookSpec } from '../leverage/orderBook';
import { apcMarginSpec } from './marginRegime';
import { runPolicy } from './marketSim';
import type { PolicyOutcome } from './outcome';
import { buildPolicyMarket, POLICY_SHOCK_PRESETS, policyScenarioSpec, resolveScenario, type PolicyMarket, type PolicyScenario, type PolicyShockPreset } from './scenario';
import { backstopSpec, POLICY_TOOL_IDS, POLICY_TOOL_INFO, policyToolSpecs, priceBandSpec, speedLimitSpec, tradingHaltSpec, type PolicyToolId, type PolicyTools } from './tools';

/** Sliders of the chapter: the speed limit up to $20M a step (the leverage spec allows $1bn, unreadable on a slider). */
const speedLimitSlider = narrowSpec(speedLimitSpec.speedLimit, { min: 100_000, max: 20_000_000, step: 100_000 });
/** Backstop size up to $100M in $1M steps. */
const capacitySlider = narrowSpec(backstopSpec.capacity, { max: 100_000_000, step: 1_000_000 });
/** Shocks up to 20 % in steps of half a percent. */
const shockSlider = narrowSpec(cascadeSpec.shock, { max: 0.2, step: 0.005 });
/** Depth within 1 % from $1M to $100M. */
const depthSlider = narrowSpec(orderBookSpec.depth, { min: 1_000_000, max: 100_000_000, step: 1_000_000 });

/** Options of the tool selector, in the chapter's order, labelled as the harness labels them. */
const toolChoice = {
  kind: 'choice' as const,
  label: 'Tool',
  description: 'The one tool switched on in the “with” run; the “without” run has none.',
  options: POLICY_TOOL_IDS.map((id) => ({ value: id, label: POLICY_TOOL_INFO[id].label })),
  default: 'speedLimit' as PolicyToolId,
};

/**
 * The with/without comparison (widget `policy-compare`): the shared shock and
 * market first, then the tool selector and every tool's parameters (the keys
 * are the harness's own, so `compareTools` can pick them by name).
 */
export const policyCompareSpec = defineParams({
  shock: { ...shockSlider, default: 0.03 },
  tool: toolChoice,
  ...apcMarginSpec,
  speedLimit: speedLimitSlider,
  ...tradingHaltSpec,
  ...priceBandSpec,
  capacity: capacitySlider,
  discount: backstopSpec.discount,
  shockKind: cascadeSpec.shockKind,
  direction: cascadeSpec.direction,
  depth: depthSlider,
  resilience: orderBookSpec.resilience,
  marginModel: policyScenarioSpec.marginModel,
});
/** Values of `policyCompareSpec`. */
export type PolicyCompareValues = ParamValues<typeof policyCompareSpec>;

/** The parameter keys of one tool (the keys of its spec in `policyToolSpecs`). */
export function toolKeys(id: PolicyToolId): string[] {
  return Object.keys(policyToolSpecs[id]);
}

/** The tools of the “with” run of a comparison: only the selected tool, with its parameters. */
export function compareTools(v: PolicyCompareValues): PolicyTools {
  const id = v.tool;
  if (!(POLICY_TOOL_IDS as readonly string[]).includes(id)) throw new EngineInputError('invalid-parameter', `unknown policy tool '${String(id)}'`, 'tool');
  const src = v as unknown as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const k of toolKeys(id)) params[k] = src[k];
  return { [id]: params } as PolicyTools;
}

/** An on/off switch (a choice, so that it lives in the URL like every other control). */
function onOff(label: string, description: string, on = false) {
  return {
    kind: 'choice' as const,
    label,
    description,
    options: [
      { value: 'off', label: 'Off' },
      { value: 'on', label: 'On' },
    ],
    default: (on ? 'on' : 'off') as 'on' | 'off',
  };
}

/** Identifiers of the lab's named shocks, in display order. */
export const LAB_PRESETS = ['flashCrash', 'newsDrop', 'shortSqueeze'] as const satisfies readonly PolicyShockPreset[];

/** The lab's switch key for each tool. */
export const LAB_SWITCH: Record<PolicyToolId, 'useApc' | 'useSpeedLimit' | 'useHalt' | 'useBand' | 'useBackstop'> = {
  apcMargin: 'useApc',
  speedLimit: 'useSpeedLimit',
  tradingHalt: 'useHalt',
  priceBand: 'useBand',
  backstop: 'useBackstop',
};

/** The lab's main parameter for each tool (the others stay at the harness's defaults). */
export const LAB_MAIN_PARAM: Record<PolicyToolId, 'tools' | 'speedLimit' | 'trigger' | 'width' | 'capacity'> = {
  apcMargin: 'tools',
  speedLimit: 'speedLimit',
  tradingHalt: 'trigger',
  priceBand: 'width',
  backstop: 'capacity',
};

/**
 * The policy lab (widget `policy-lab`): a named shock and its size, a switch
 * and a main parameter for each tool, and the market's depth and resilience.
 */
export const policyLabSpec = defineParams({
  preset: {
    kind: 'choice',
    label: 'Shock',
    description: 'What starts the cascade: a sell order that walks the book, news that moves the fair price, or a buy order that squeezes shorts.',
    options: [
      { value: 'flashCrash', label: 'Flash crash (large sell order)' },
      { value: 'newsDrop', label: 'News drop (fair price falls)' },
      { value: 'shortSqueeze', label: 'Short squeeze (large buy order)' },
    ],
    default: 'flashCrash',
  },
  shock: { ...shockSlider, label: 'Shock size', default: POLICY_SHOCK_PRESETS.flashCrash.shock },
  useApc: onOff('Anti-procyclical margin', 'Apply one of the EU’s anti-procyclicality options to the volatility-scaled margin.'),
  tools: apcMarginSpec.tools,
  useSpeedLimit: onOff('Liquidation speed limit', 'Cap the notional the liquidation engine may close each second.', true),
  speedLimit: speedLimitSlider,
  useHalt: onOff('Trading halt', `Halt all trading for ${tradingHaltSpec.duration.default} s each time the price has moved a further multiple of the trigger.`),
  trigger: tradingHaltSpec.trigger,
  useBand: onOff('Limit up/limit down band', `Keep trades within a band around the average price of the last ${priceBandSpec.referenceWindow.default} s; pause if the band binds for ${priceBandSpec.limitStateSteps.default} s.`),
  width: priceBandSpec.width,
  useBackstop: onOff('Backstop buyer', `A buyer that takes forced sales off the book at a ${backstopSpec.discount.default * 100} % discount until its money runs out.`),
  capacity: capacitySlider,
  depth: depthSlider,
  resilience: orderBookSpec.resilience,
});
/** Values of `policyLabSpec`. */
export type PolicyLabValues = ParamValues<typeof policyLabSpec>;

/** The tools switched on in the lab, each with its main parameter. */
export function labTools(v: PolicyLabValues): PolicyTools {
  const tools: PolicyTools = {};
  if (v.useApc === 'on') tools.apcMargin = { tools: v.tools };
  if (v.useSpeedLimit === 'on') tools.speedLimit = { speedLimit: v.speedLimit };
  if (v.useHalt === 'on') tools.tradingHalt = { trigger: v.trigger };
  if (v.useBand === 'on') tools.priceBand = { width: v.width };
  if (v.useBackstop === 'on') tools.backstop = { capacity: v.capacity };
  return tools;
}

/** The lab's scenario: the preset's direction and kind of shock, with the reader's size, depth and resilience. */
export function labScenario(v: PolicyLabValues): PolicyScenario {
  const p = POLICY_SHOCK_PRESETS[v.preset as PolicyShockPreset];
  if (!p) throw new EngineInputError('invalid-parameter', `unknown shock preset '${String(v.preset)}'`, 'preset');
  return resolveScenario({ direction: p.direction, shockKind: p.shockKind, shock: v.shock, depth: v.depth, resilience: v.resilience });
}

/** Scenario fields that `buildPolicyMarket` does not use, so one built market can be re-run with new values. */
export type ShockFields = Partial<Pick<PolicyScenario, 'shock' | 'direction' | 'shockKind' | 'steps' | 'marginModel' | 'marginDecay' | 'marginInterval'>>;
const SHOCK_FIELDS = new Set(['shock', 'direction', 'shockKind', 'steps', 'marginModel', 'marginDecay', 'marginInterval']);

/**
 * The same population and book under another shock (or margin model): what
 * `policyShockSweep` does for each shock, without rebuilding the population.
 * Throws `EngineInputError` for a field that would change the market itself
 * (population or book), or an out-of-range value.
 */
export function withShock(market: PolicyMarket, changes: ShockFields): PolicyMarket {
  for (const k of Object.keys(changes ?? {})) {
    if (!SHOCK_FIELDS.has(k)) throw new EngineInputError('invalid-parameter', `'${k}' changes the market itself: build a new market with buildPolicyMarket`, k);
  }
  return { ...market, scenario: resolveScenario({ ...market.scenario, ...changes }) };
}

/** The shocks of the lab's full sweep (in a worker): 0 to 12 % in steps of 0.25 %. */
export const LAB_SWEEP_SHOCKS: readonly number[] = linspace(0, 0.12, 49).map((x) => Number.parseFloat(x.toFixed(6)));
/** The shocks of the lab's quick preview (computed at once, also at build time). */
export const LAB_PREVIEW_SHOCKS: readonly number[] = [0, 0.03, 0.06, 0.09, 0.12];

/** One point of `shockGrid`: the outcome of one set of tools at one shock (without its path). */
export interface ShockGridPoint {
  shock: number;
  outcome: Omit<PolicyOutcome, 'pricePath'>;
}

/**
 * One set of tools over a grid of shocks on a built market (synchronous): the
 * same runs as `policyShockSweep`'s baseline (tools = {}) or with-tools
 * column, for a figure that must be drawn at once.
 */
export function shockGrid(market: PolicyMarket, tools: PolicyTools, shocks: ArrayLike<number>): ShockGridPoint[] {
  if (!shocks || typeof shocks.length !== 'number') throw new EngineInputError('invalid-shape', 'shocks must be an array of numbers', 'shocks');
  const out: ShockGridPoint[] = [];
  for (let j = 0; j < shocks.length; j++) {
    const m = withShock(market, { shock: shocks[j]! });
    const { pricePath: _p, ...outcome } = runPolicy(m, tools).outcome;
    out.push({ shock: m.scenario.shock, outcome });
  }
  return out;
}

/** What a backstop must pay to take every forced sale the shock itself triggers, and whether a given size does. */
export interface BackstopCoverage {
  /** Value the backstop pays (at its own prices) when its size is unlimited ($). */
  needed: number;
  /** Entry notional it then absorbs ($). */
  neededNotional: number;
  /** Peak dislocation with the given size. */
  peak: number;
  /** The cascade stops at the shock: no forced sale reaches the book beyond it (peak = shock). */
  stopsAtShock: boolean;
}

/**
 * Does a backstop of `capacity` stop the cascade at the shock? Runs the
 * harness twice on `market`: with an unlimited backstop (what it would have to
 * pay) and with the given size. Peaks are compared with a 1e-9 tolerance.
 */
export function backstopCoverage(market: PolicyMarket, capacity: number, discount = backstopSpec.discount.default): BackstopCoverage {
  const full = runPolicy(market, { backstop: { capacity: backstopSpec.capacity.max, discount } });
  const r = runPolicy(market, { backstop: { capacity, discount } });
  const peak = r.outcome.peakDislocation!;
  return { needed: full.backstopValue, neededNotional: full.backstopNotional, peak, stopsAtShock: peak <= market.scenario.shock + 1e-9 };
}

/** The chapter's default market (10,000 positions, seed 7), built once and shared by its exercises. */
let defaultMarket: PolicyMarket | null = null;
export function chapterMarket(): PolicyMarket {
  defaultMarket ??= buildPolicyMarket({});
  return defaultMarket;
}
