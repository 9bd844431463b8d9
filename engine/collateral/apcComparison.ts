/**
 * The same return path run through a risk-based margin model with no anti-procyclicality (APC) tool and with each
 * of the three EMIR Article 28(1) options on its own (see `marginSeries.ts` for the book's readings of (a), (b), (c)).
 * For each tool it reports the margin path, the daily initial-margin calls it produces, the procyclicality metrics of
 * Murphy, Vasios & Vause (2014) (`procyclicality.ts`) and what the tool costs in calm times (its mean margin before the
 * stress, relative to the margin with no tool). This is the model behind the Chapter 4 "margin regime" widget.
 *
 * Units: margins are fractions of the position (notional 1); calls are the day's rise in initial margin,
 * max(0, IM_t − IM_{t−1}), in the same units. Variation margin is left out: it is the same under every tool.
 */
import { defineParams } from '../core/params';
import { EngineInputError, requireInteger } from '../core/errors';
import { marginSeries, type MarginSeriesResult } from './marginSeries';
import { procyclicalityMetrics, type ProcyclicalityMetrics } from './procyclicality';
import { marginQuantileFactor, requireMpor, type MarginModel } from './initialMargin';
import { requireReturnSeries } from './volatility';

/** The tools compared: none, and EMIR Article 28(1) options (a), (b), (c). */
export const APC_TOOLS = ['none', 'a', 'b', 'c'] as const;
/** One of `APC_TOOLS`. */
export type ApcTool = (typeof APC_TOOLS)[number];

/** Short labels of the tools, for legends and tables. */
export const APC_TOOL_LABELS: Record<ApcTool, string> = {
  none: 'No tool',
  a: '(a) Releasable buffer',
  b: '(b) Stress weight',
  c: '(c) 10-year floor',
};

/** Slider specification of the tool selector (a choice; the tools' own settings are in `apcParams`). */
export const apcToolParams = defineParams({
  tool: {
    kind: 'choice',
    label: 'Anti-procyclicality tool',
    description: 'Which EMIR Article 28 option to compare with the plain risk-based margin.',
    options: APC_TOOLS.map((value) => ({ value, label: APC_TOOL_LABELS[value] })),
    default: 'a',
  },
});

/** Results for one tool. */
export interface ApcToolResult {
  tool: ApcTool;
  label: string;
  /** Initial margin per day (fraction of the position). */
  margin: Float64Array;
  /** Initial-margin call per day: max(0, IM_t − IM_{t−1}); 0 on day 0. */
  calls: Float64Array;
  metrics: ProcyclicalityMetrics;
  /** Mean margin over the calm days before the stress episode: what the tool costs in calm times. */
  calmMean: number;
  /** calmMean divided by the calm mean with no tool (1 for 'none'). */
  calmCostRatio: number;
  /** Sum of the calls on the stress days [stressStart, stressEnd): the extra collateral demanded in the episode. */
  stressCalls: number;
  /** Largest single-day call on any day. */
  worstCall: number;
}

/** Options of `compareApcTools`. */
export interface CompareApcOptions {
  /** First stress day and one past the last (from `regimeReturns`); calm days are [0, stressStart). */
  stressStart: number;
  stressEnd: number;
  model?: MarginModel;
  mpor?: number;
  confidence?: number;
  /** EWMA decay factor (default 0.94, RiskMetrics). */
  lambda?: number;
  /** Option (a) settings. */
  bufferFraction?: number;
  releaseThreshold?: number;
  releaseLookback?: number;
  rebuildDays?: number;
  /** Option (b) settings. */
  stressWeight?: number;
  stressWindow?: number;
  /** Option (c) lookback in years. */
  floorYears?: number;
  /** Horizon n of the largest n-day increase (default 5). */
  horizonDays?: number;
  /** True daily volatility of each day (e.g. `regimeReturns(...).sigma`): adds the margin a model that knew it would set. */
  trueSigma?: ArrayLike<number>;
}

/** Output of `compareApcTools`. */
export interface ApcComparison {
  /** Daily EWMA volatility estimate behind the calculated margin. */
  sigma: Float64Array;
  /** Margin at the true volatility of the next day, k·σ_true,t+1 (null when `trueSigma` was not given): the target the estimate chases. */
  trueMargin: Float64Array | null;
  tools: Record<ApcTool, ApcToolResult>;
}

/** Daily initial-margin calls of a margin path: max(0, IM_t − IM_{t−1}), with no call on day 0. */
export function marginCalls(margin: ArrayLike<number>): Float64Array {
  requireReturnSeries(margin, 'margin');
  const out = new Float64Array(margin.length);
  for (let t = 1; t < margin.length; t++) {
    const d = margin[t]! - margin[t - 1]!;
    out[t] = d > 0 ? d : 0;
  }
  return out;
}

function meanOver(x: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let t = from; t < to; t++) s += x[t]!;
  return s / (to - from);
}

/**
 * Run one return series through the margin model without a tool and with each APC tool alone, and measure each.
 * Terminates: a constant number of single passes over the series (O(n) each).
 */
export function compareApcTools(returns: ArrayLike<number>, opts: CompareApcOptions): ApcComparison {
  requireReturnSeries(returns);
  const n = returns.length;
  const stressStart = requireInteger(opts.stressStart, 1, n - 1, 'stressStart');
  const stressEnd = requireInteger(opts.stressEnd, stressStart, n, 'stressEnd');
  const horizon = opts.horizonDays ?? 5;
  if (n <= horizon) throw new EngineInputError('invalid-shape', `need more than ${horizon} days to measure a ${horizon}-day increase (got ${n})`, 'returns');
  const model = opts.model ?? 'var';
  const mpor = requireMpor(opts.mpor ?? 5);
  const confidence = opts.confidence ?? 0.99;

  const buffer: { fraction?: number; releaseThreshold?: number; releaseLookback?: number; rebuildDays?: number } = {};
  if (opts.bufferFraction !== undefined) buffer.fraction = opts.bufferFraction;
  if (opts.releaseThreshold !== undefined) buffer.releaseThreshold = opts.releaseThreshold;
  if (opts.releaseLookback !== undefined) buffer.releaseLookback = opts.releaseLookback;
  if (opts.rebuildDays !== undefined) buffer.rebuildDays = opts.rebuildDays;
  const stress: { weight?: number; window?: number } = {};
  if (opts.stressWeight !== undefined) stress.weight = opts.stressWeight;
  if (opts.stressWindow !== undefined) stress.window = opts.stressWindow;
  const floor: { years?: number } = {};
  if (opts.floorYears !== undefined) floor.years = opts.floorYears;

  const ms: MarginSeriesResult = marginSeries(returns, {
    model,
    mpor,
    confidence,
    estimator: { kind: 'ewma', lambda: opts.lambda ?? 0.94 },
    apc: { buffer, stressWeight: stress, floor10y: floor },
  });
  const paths: Record<ApcTool, Float64Array> = {
    none: ms.calculated,
    a: ms.buffer!.margin,
    b: ms.stressWeighted!.margin,
    c: ms.floor10y!.margin,
  };

  const calmNone = meanOver(ms.calculated, 0, stressStart);
  const tools = {} as Record<ApcTool, ApcToolResult>;
  for (const tool of APC_TOOLS) {
    const margin = paths[tool];
    const calls = marginCalls(margin);
    const calmMean = meanOver(margin, 0, stressStart);
    let stressCalls = 0;
    for (let t = stressStart; t < stressEnd; t++) stressCalls += calls[t]!;
    let worstCall = 0;
    for (let t = 1; t < n; t++) if (calls[t]! > worstCall) worstCall = calls[t]!;
    tools[tool] = {
      tool,
      label: APC_TOOL_LABELS[tool],
      margin,
      calls,
      metrics: procyclicalityMetrics(margin, { horizonDays: horizon }),
      calmMean,
      calmCostRatio: calmNone > 0 ? calmMean / calmNone : 1,
      stressCalls,
      worstCall,
    };
  }

  let trueMargin: Float64Array | null = null;
  if (opts.trueSigma !== undefined) {
    requireReturnSeries(opts.trueSigma, 'trueSigma');
    if (opts.trueSigma.length !== n) throw new EngineInputError('invalid-shape', `trueSigma must have the returns' length ${n}`, 'trueSigma');
    const k = marginQuantileFactor(model, confidence) * Math.sqrt(mpor);
    trueMargin = new Float64Array(n);
    // The margin set at the end of day t covers the days after it, so it is compared with the next day's true volatility.
    for (let t = 0; t < n; t++) trueMargin[t] = k * opts.trueSigma[t + 1 < n ? t + 1 : t]!;
  }
  return { sigma: ms.sigma, trueMargin, tools };
}
