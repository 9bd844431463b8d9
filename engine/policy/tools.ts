/**
 * The tools of Chapter 6, each switchable and with its own parameter spec.
 *
 * - `apcMargin`: anti-procyclicality options on the volatility-scaled margin
 *   (EMIR RTS 153/2013 Art. 28; see `marginRegime.ts`). Targets `marginCalled`.
 * - `speedLimit`: a cap on the notional the liquidation engine may close per
 *   step (a throttled liquidation engine, as in `cascadeInTime`). Targets
 *   `peakDislocation`.
 * - `tradingHalt`: a market-wide circuit breaker. When the mid has moved by a
 *   new multiple k·trigger (k = 1, 2, …) from the price before the shock,
 *   trading stops for `duration` steps: no liquidation is triggered or
 *   executed while the book keeps refilling. After the US market-wide circuit
 *   breakers: a cross-market halt at declines of "7% (Level 1), 13% (Level 2),
 *   and 20% (Level 3)" of the S&P 500, "for 15 minutes" at Levels 1 and 2
 *   (SEC investor.gov glossary "Stock market circuit breakers", read via a
 *   stored copy; NYSE Rule 7.12). Here the levels are evenly spaced, both
 *   directions halt, and no level closes the market for the day. Targets
 *   `peakDislocation`; with a book that does not refill it only delays.
 * - `priceBand`: limit up/limit down. Each step, trades may not push the mid
 *   outside reference·(1 ± width), the reference being the mean mid over the
 *   preceding `referenceWindow` steps; forced flow beyond the band stays
 *   queued for the next step. If the band binds for `limitStateSteps`
 *   consecutive steps, trading pauses for `pauseSteps` steps. After the SEC's
 *   "NMS Plan to Address Extraordinary Market Volatility" (LULD Plan, approved
 *   31 May 2012, permanent 11 April 2019): bands around "the average price
 *   over the previous five minutes", 5 % for Tier 1 stocks, and "if a limit
 *   state continues for 15 seconds, a five-minute trading pause" (read via
 *   stored summaries of the Plan, not the Plan's text). Targets
 *   `peakDislocation`.
 * - `backstop`: a buyer of last resort that absorbs forced flow off the book
 *   at a discount d to the mid (buys sales at mid·(1 − d), sells to forced
 *   buyers at mid·(1 + d)) until its capacity ($) is used, as the Bank of
 *   England's temporary gilt purchases did for LDI funds in 2022
 *   (historical-cases.md §8: up to £65bn announced, £19.3bn bought;
 *   `ldiSpiral`'s backstop is the collateral engine's version). Targets `peakDislocation`; a backstop small against the forced
 *   flow changes little.
 */
import { defineParams, type ParamSpecs, type ParamValues } from '../core/params';
import { EngineInputError } from '../core/errors';
import { timeCascadeSpec } from '../leverage/cascadeInTime';
import { apcMarginSpec, type ApcMarginParams } from './marginRegime';
import { resolveParams } from './validate';

/** Throttled liquidation engine. */
export const speedLimitSpec = defineParams({
  speedLimit: timeCascadeSpec.speedLimit,
});
/** Values of `speedLimitSpec`. */
export type SpeedLimitParams = ParamValues<typeof speedLimitSpec>;

/** Market-wide trading halt. */
export const tradingHaltSpec = defineParams({
  trigger: {
    label: 'Halt trigger',
    symbol: 'h',
    display: 'percent',
    unit: '%',
    min: 0.01,
    max: 0.3,
    step: 0.005,
    default: 0.05,
    description: 'Move from the pre-shock price that halts trading (again at each further multiple); US index breakers use 7 %, 13 % and 20 %.',
  },
  duration: {
    label: 'Halt length',
    unit: 's',
    min: 10,
    max: 3_600,
    step: 10,
    default: 300,
    integer: true,
    description: 'Seconds trading stays halted (US Level 1 and 2 halts last 15 minutes, 900 s).',
  },
});
/** Values of `tradingHaltSpec`. */
export type TradingHaltParams = ParamValues<typeof tradingHaltSpec>;

/** Limit up/limit down price band. */
export const priceBandSpec = defineParams({
  width: {
    label: 'Band width',
    symbol: 'b',
    display: 'percent',
    unit: '%',
    min: 0.005,
    max: 0.3,
    step: 0.005,
    default: 0.05,
    description: 'Trades may not move the price more than this from the reference (LULD Tier 1: 5 %).',
  },
  referenceWindow: {
    label: 'Reference window',
    unit: 's',
    min: 1,
    max: 1_800,
    step: 1,
    default: 300,
    integer: true,
    description: 'The band is centred on the mean price over this many preceding seconds (LULD: five minutes).',
  },
  limitStateSteps: {
    label: 'Limit state before a pause',
    unit: 's',
    min: 1,
    max: 300,
    step: 1,
    default: 15,
    integer: true,
    description: 'Seconds the band may bind before trading pauses (LULD: 15 s).',
  },
  pauseSteps: {
    label: 'Pause length',
    unit: 's',
    min: 0,
    max: 1_800,
    step: 10,
    default: 300,
    integer: true,
    description: 'Seconds of the trading pause after a limit state (LULD: five minutes; 0 = bands without pauses).',
  },
});
/** Values of `priceBandSpec`. */
export type PriceBandParams = ParamValues<typeof priceBandSpec>;

/** Backstop liquidity provider. */
export const backstopSpec = defineParams({
  capacity: {
    label: 'Backstop size',
    unit: '$',
    min: 0,
    max: 1_000_000_000,
    step: 100_000,
    default: 20_000_000,
    description: 'Most the backstop will buy (or sell) in total, valued at its own price.',
  },
  discount: {
    label: 'Backstop discount',
    symbol: 'd',
    display: 'percent',
    unit: '%',
    min: 0,
    max: 0.2,
    step: 0.005,
    default: 0.02,
    description: 'The backstop buys forced sales this far below the mid (and sells to forced buyers this far above).',
  },
});
/** Values of `backstopSpec`. */
export type BackstopParams = ParamValues<typeof backstopSpec>;

/** Identifiers of the tools, in the order the chapter presents them. */
export const POLICY_TOOL_IDS = ['apcMargin', 'speedLimit', 'tradingHalt', 'priceBand', 'backstop'] as const;
/** One tool's identifier. */
export type PolicyToolId = (typeof POLICY_TOOL_IDS)[number];

/** The spec of each tool. */
export const policyToolSpecs = {
  apcMargin: apcMarginSpec,
  speedLimit: speedLimitSpec,
  tradingHalt: tradingHaltSpec,
  priceBand: priceBandSpec,
  backstop: backstopSpec,
} as const satisfies Record<PolicyToolId, ParamSpecs>;

/** Label of each tool and the outcome measure it is meant to reduce. */
export const POLICY_TOOL_INFO: Record<PolicyToolId, { label: string; targets: 'marginCalled' | 'peakDislocation' }> = {
  apcMargin: { label: 'Anti-procyclical margin', targets: 'marginCalled' },
  speedLimit: { label: 'Liquidation speed limit', targets: 'peakDislocation' },
  tradingHalt: { label: 'Trading halt', targets: 'peakDislocation' },
  priceBand: { label: 'Limit up/limit down band', targets: 'peakDislocation' },
  backstop: { label: 'Backstop buyer', targets: 'peakDislocation' },
};

/** Switches and parameters of the tools: `true` = on with the defaults, an object = on with these values, absent/false = off. */
export interface PolicyTools {
  apcMargin?: boolean | Partial<ApcMarginParams>;
  speedLimit?: boolean | Partial<SpeedLimitParams>;
  tradingHalt?: boolean | Partial<TradingHaltParams>;
  priceBand?: boolean | Partial<PriceBandParams>;
  backstop?: boolean | Partial<BackstopParams>;
}

/** Tools after resolution: full parameters, or null when off. */
export interface ResolvedPolicyTools {
  apcMargin: ApcMarginParams | null;
  speedLimit: SpeedLimitParams | null;
  tradingHalt: TradingHaltParams | null;
  priceBand: PriceBandParams | null;
  backstop: BackstopParams | null;
}

function resolveOne<S extends ParamSpecs>(spec: S, x: unknown, id: string): ParamValues<S> | null {
  if (x === undefined || x === false) return null;
  if (x === true) return resolveParams(spec, undefined, id);
  if (x === null || typeof x !== 'object') throw new EngineInputError('invalid-parameter', `tool ${id} must be true, false or an object of parameters`, id);
  return resolveParams(spec, x as Partial<ParamValues<S>>, id);
}

/** Resolve switches and parameters (throws `EngineInputError` on unknown tools or out-of-range values). */
export function resolvePolicyTools(tools?: PolicyTools): ResolvedPolicyTools {
  const t = (tools ?? {}) as Record<string, unknown>;
  if (typeof t !== 'object' || t === null) throw new EngineInputError('invalid-shape', 'tools must be an object', 'tools');
  for (const k of Object.keys(t)) {
    if (!(POLICY_TOOL_IDS as readonly string[]).includes(k)) throw new EngineInputError('invalid-parameter', `unknown policy tool '${k}'`, k);
  }
  return {
    apcMargin: resolveOne(apcMarginSpec, t.apcMargin, 'apcMargin'),
    speedLimit: resolveOne(speedLimitSpec, t.speedLimit, 'speedLimit'),
    tradingHalt: resolveOne(tradingHaltSpec, t.tradingHalt, 'tradingHalt'),
    priceBand: resolveOne(priceBandSpec, t.priceBand, 'priceBand'),
    backstop: resolveOne(backstopSpec, t.backstop, 'backstop'),
  };
}

/** The tools with only `id` switched on (with the parameters given in `tools`, or the defaults). */
export function onlyTool(tools: PolicyTools, id: PolicyToolId): PolicyTools {
  const v = tools[id];
  return { [id]: v === undefined || v === false ? true : v } as PolicyTools;
}

/** Identifiers of the tools switched on. */
export function enabledTools(tools?: PolicyTools): PolicyToolId[] {
  return POLICY_TOOL_IDS.filter((id) => tools?.[id] !== undefined && tools[id] !== false);
}
