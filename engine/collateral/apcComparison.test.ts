import { EngineInputError } from '../core/errors';
import { defaultParams } from '../core/params';
import { compareApcTools, marginCalls, apcToolParams, APC_TOOLS } from './apcComparison';
import { marginSeries } from './marginSeries';
import { procyclicalityMetrics } from './procyclicality';
import { regimeReturns, regimeReturnsParams } from './returns';
import { marginQuantileFactor } from './initialMargin';

const series = regimeReturns({ ...defaultParams(regimeReturnsParams), calmDays: 500, stressDays: 60, recoveryDays: 300 });
const opts = { stressStart: series.stressStart, stressEnd: series.stressEnd, mpor: 5, confidence: 0.99 };

describe('marginCalls', () => {
  it('is the positive part of the daily change, with no call on day 0', () => {
    expect(Array.from(marginCalls([1, 3, 2, 2.5]))).toEqual([0, 2, 0, 0.5]);
  });
  it('rejects an empty or non-finite series', () => {
    expect(() => marginCalls([])).toThrow(EngineInputError);
    expect(() => marginCalls([1, Number.NaN])).toThrow(EngineInputError);
  });
});

describe('compareApcTools', () => {
  const c = compareApcTools(series.returns, { ...opts, trueSigma: series.sigma });

  it('runs every tool, and the no-tool path is the calculated margin of marginSeries', () => {
    expect(Object.keys(c.tools).sort()).toEqual([...APC_TOOLS].sort());
    const ms = marginSeries(series.returns, { mpor: 5, confidence: 0.99 });
    expect(Array.from(c.tools.none.margin)).toEqual(Array.from(ms.calculated));
    expect(c.tools.none.calmCostRatio).toBe(1);
  });

  it('reports the metrics of procyclicality.ts for each path', () => {
    for (const t of APC_TOOLS) expect(c.tools[t].metrics).toEqual(procyclicalityMetrics(c.tools[t].margin, { horizonDays: 5 }));
  });

  it('stress calls are the sum of daily calls over the stress days; the worst call is their maximum', () => {
    for (const t of APC_TOOLS) {
      const r = c.tools[t];
      let s = 0;
      for (let d = series.stressStart; d < series.stressEnd; d++) s += r.calls[d]!;
      expect(r.stressCalls).toBeCloseTo(s, 14);
      expect(r.worstCall).toBe(Math.max(...r.calls));
    }
  });

  it('the buffer (a) costs 25 % more margin in calm times and damps the stress-time increase', () => {
    // In calm days the buffer is full almost always (the release trigger ignores EWMA noise), so the calm mean is close to 1.25×.
    expect(c.tools.a.calmCostRatio).toBeGreaterThan(1.2);
    expect(c.tools.a.calmCostRatio).toBeLessThanOrEqual(1.25 + 1e-12);
    expect(c.tools.a.metrics.peakToTrough).toBeLessThan(c.tools.none.metrics.peakToTrough);
    expect(c.tools.a.metrics.maxIncreaseRatio).toBeLessThan(c.tools.none.metrics.maxIncreaseRatio);
  });

  it('the floor (c) never lowers the margin, and (b) lowers the peak-to-trough ratio on this path', () => {
    for (let t = 0; t < c.tools.c.margin.length; t++) expect(c.tools.c.margin[t]!).toBeGreaterThanOrEqual(c.tools.none.margin[t]! - 1e-15);
    expect(c.tools.c.calmCostRatio).toBeGreaterThanOrEqual(1);
    expect(c.tools.b.metrics.peakToTrough).toBeLessThan(c.tools.none.metrics.peakToTrough);
  });

  it('the true-volatility margin is k·σ of the next day', () => {
    const k = marginQuantileFactor('var', 0.99) * Math.sqrt(5);
    expect(c.trueMargin![10]).toBeCloseTo(k * series.sigma[11]!, 15);
    const last = series.sigma.length - 1;
    expect(c.trueMargin![last]).toBeCloseTo(k * series.sigma[last]!, 15);
    // The estimate lags the truth: at the first stress day the calculated margin is far below the true one.
    expect(c.tools.none.margin[series.stressStart]!).toBeLessThan(0.6 * c.trueMargin![series.stressStart]!);
  });

  it('is deterministic and rejects bad windows', () => {
    expect(compareApcTools(series.returns, opts).tools.b.metrics).toEqual(c.tools.b.metrics);
    expect(() => compareApcTools(series.returns, { ...opts, stressStart: 0 })).toThrow(EngineInputError);
    expect(() => compareApcTools(series.returns, { ...opts, stressEnd: series.stressStart - 1 })).toThrow(EngineInputError);
    expect(() => compareApcTools(series.returns, { ...opts, trueSigma: [1, 2] })).toThrow(EngineInputError);
  });

  it('the tool selector is a choice among the four tools, defaulting to the buffer', () => {
    expect(apcToolParams.tool.options.map((o) => o.value)).toEqual([...APC_TOOLS]);
    expect(apcToolParams.tool.default).toBe('a');
  });
});
