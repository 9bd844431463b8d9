import { EngineInputError } from '../core/errors';
import { comparePolicies, comparePoliciesSweep, outcomeChange, policyLab, policyShockSweep } from './comparePolicies';
import { runPolicy } from './marketSim';
import { buildPolicyMarket, POLICY_SHOCK_PRESETS } from './scenario';
import { POLICY_TOOL_IDS, POLICY_TOOL_INFO, type PolicyTools } from './tools';

/**
 * The documented scenarios of Chapter 6. The default market: 10,000 positions (seed 7), a flat book with
 * $10M within 1 % refilling at κ = 0.02/s, a 3 % news fall, a volatility-scaled maintenance margin
 * recomputed every second. Its baseline: the mid troughs 8.0 % below the start, $56M is liquidated.
 */
const market = buildPolicyMarket({});
const base = runPolicy(market, {}).outcome;
const still = buildPolicyMarket({ resilience: 0 }); // a book that never refills
const stillBase = runPolicy(still, {}).outcome;

describe('documented scenarios: each tool reduces the measure it targets', () => {
  it('the baseline is a real cascade (amplified 2.5× beyond the shock)', () => {
    expect(base.peakDislocation!).toBeGreaterThan(0.075);
    expect(base.liquidatedNotional!).toBeGreaterThan(50e6);
    expect(base.marginCalled!).toBeGreaterThan(0);
    expect(base.finalDislocation).toBeCloseTo(0.03, 6); // the book has refilled: only the news remains
  });

  it.each(['buffer', 'stressWeight', 'floor', 'all'] as const)('APC option %s lowers the margin called (and its calm cost is > 1)', (tools) => {
    const r = runPolicy(market, { apcMargin: { tools } });
    expect(r.outcome.marginCalled!).toBeLessThan(0.7 * base.marginCalled!);
    expect(r.calmMarginRatio).toBeGreaterThan(1.2); // what APC costs before the shock
  });

  it('a liquidation speed limit lowers the peak dislocation on a resilient book', () => {
    const r = runPolicy(market, { speedLimit: true }).outcome;
    expect(r.peakDislocation!).toBeLessThan(base.peakDislocation! - 0.01);
    expect(r.durationSteps!).toBeGreaterThan(base.durationSteps!);
  });

  it('a trading halt lowers the peak: the book refills while trading stops', () => {
    const r = runPolicy(market, { tradingHalt: true });
    expect(r.halts).toBeGreaterThanOrEqual(1);
    expect(r.outcome.peakDislocation!).toBeLessThan(base.peakDislocation! - 0.01);
    expect(r.outcome.liquidatedNotional!).toBeLessThan(base.liquidatedNotional!);
  });

  it('a limit up/limit down band lowers the peak and the bad debt', () => {
    const r = runPolicy(market, { priceBand: true }).outcome;
    expect(r.peakDislocation!).toBeLessThan(base.peakDislocation! - 0.02);
    expect(r.badDebt!).toBeLessThan(base.badDebt!);
  });

  it('a $20M backstop stops the cascade at the shock itself', () => {
    const r = runPolicy(market, { backstop: true }).outcome;
    expect(r.peakDislocation).toBeCloseTo(0.03, 9);
    expect(r.liquidatedNotional!).toBeLessThan(0.5 * base.liquidatedNotional!);
  });

  it('every target listed in POLICY_TOOL_INFO is lowered by its tool in the default scenario', () => {
    const c = comparePolicies(market, { apcMargin: true, speedLimit: true, tradingHalt: true, priceBand: true, backstop: true });
    for (const id of POLICY_TOOL_IDS) {
      const m = POLICY_TOOL_INFO[id].targets;
      expect(c.perTool[id]![m]!).toBeLessThan(c.baseline[m]!);
    }
    expect(c.withTools.peakDislocation!).toBeLessThan(c.baseline.peakDislocation!);
  });
});

describe('documented scenarios: where a tool does not help', () => {
  it('a trading halt on a book that never refills only delays the cascade', () => {
    const r = runPolicy(still, { tradingHalt: true }).outcome;
    expect(r.finalDislocation).toBeCloseTo(stillBase.finalDislocation!, 12);
    expect(r.peakDislocation).toBeCloseTo(stillBase.peakDislocation!, 12);
    expect(r.liquidatedNotional! / stillBase.liquidatedNotional!).toBeCloseTo(1, 12);
    expect(r.durationSteps!).toBeGreaterThanOrEqual(stillBase.durationSteps! + 250); // the 300 s halt, minus the steps before it
  });

  it('a speed limit or a band on a book that never refills leaves the trough where it was', () => {
    for (const tools of [{ speedLimit: true }, { priceBand: true }] as PolicyTools[]) {
      const r = runPolicy(still, tools).outcome;
      expect(r.peakDislocation).toBeCloseTo(stillBase.peakDislocation!, 9);
      expect(r.finalDislocation).toBeCloseTo(stillBase.finalDislocation!, 9);
    }
  });

  it('a backstop too small for the forced flow barely matters', () => {
    const r = runPolicy(market, { backstop: { capacity: 100_000 } }).outcome;
    // $100k against $56M of forced flow: the trough moves by less than 1 % of itself.
    expect(r.peakDislocation!).toBeLessThanOrEqual(base.peakDislocation!);
    expect((base.peakDislocation! - r.peakDislocation!) / base.peakDislocation!).toBeLessThan(0.01);
  });

  it('an APC buffer that is never released does not lower margin calls (a 1 % shock)', () => {
    const m = buildPolicyMarket({ shock: 0.01 });
    const b = runPolicy(m, {}).outcome;
    const r = runPolicy(m, { apcMargin: { tools: 'buffer' } });
    expect(b.marginCalled!).toBeGreaterThan(0);
    expect(r.outcome.marginCalled! / b.marginCalled!).toBeCloseTo(1, 9); // the posted margin rises with C, in proportion
    expect(r.calmMarginRatio).toBeCloseTo(1.25, 12); // yet the buffer's calm cost was paid
  });

  it('with a fixed margin, APC has nothing to dampen', () => {
    const m = buildPolicyMarket({ marginModel: 'fixed' });
    expect(runPolicy(m, { apcMargin: { tools: 'all' } }).outcome).toEqual(runPolicy(m, {}).outcome);
  });
});

describe('comparePolicies and the policy lab', () => {
  const tools: PolicyTools = { speedLimit: { speedLimit: 5e6 }, backstop: { capacity: 5e6 } };
  const small = buildPolicyMarket({ positions: 3000, depth: 3e6 });

  it('reports the baseline, each tool alone and all together, as runPolicy does', () => {
    const c = comparePolicies(small, tools);
    expect(c.tools).toEqual(['speedLimit', 'backstop']);
    expect(Object.keys(c.perTool).sort()).toEqual(['backstop', 'speedLimit']);
    expect(c.baseline).toEqual(runPolicy(small, {}).outcome);
    expect(c.perTool.speedLimit).toEqual(runPolicy(small, { speedLimit: { speedLimit: 5e6 } }).outcome);
    expect(c.withTools).toEqual(runPolicy(small, tools).outcome);
    // A scenario object gives the same result as the market built from it.
    expect(comparePolicies({ positions: 3000, depth: 3e6 }, tools)).toEqual(c);
  });

  it('with no tool, withTools is the baseline', () => {
    const c = comparePolicies(small, {});
    expect(c.perTool).toEqual({});
    expect(c.withTools).toEqual(c.baseline);
  });

  it('streams one run per yield', () => {
    const it = comparePoliciesSweep(small, tools);
    const seen: string[] = [];
    let s = it.next();
    while (!s.done) {
      seen.push(s.value.partial.run);
      expect(s.value.total).toBe(4);
      s = it.next();
    }
    expect(seen).toEqual(['baseline', 'speedLimit', 'backstop', 'withTools']);
  });

  it('policyLab applies the preset shock and reports relative changes', () => {
    const lab = policyLab({ preset: 'flashCrash', scenario: { positions: 3000 }, tools });
    expect(lab.scenario.shock).toBe(POLICY_SHOCK_PRESETS.flashCrash.shock);
    expect(lab.scenario.shockKind).toBe('order');
    expect(lab.scenario.positions).toBe(3000);
    const ch = lab.change;
    const b = lab.baseline.outcome.peakDislocation!;
    expect(ch.peakDislocation).toBeCloseTo((lab.withTools.outcome.peakDislocation! - b) / b, 12);
    expect(lab.withTools.marginRate.length).toBe(lab.scenario.steps);
  });

  it('outcomeChange: zero over zero is no change, anything over zero is not comparable', () => {
    const ch = outcomeChange({ ...base, marginCalled: 0, defaults: 0 }, { ...base, marginCalled: 0, defaults: 3 });
    expect(ch.marginCalled).toBe(0);
    expect(ch.defaults).toBeNull();
    expect(ch.peakDislocation).toBe(0);
  });

  it('the shock sweep matches single comparisons', () => {
    const shocks = [0.01, 0.04];
    const it = policyShockSweep({ positions: 3000, depth: 3e6 }, tools, shocks);
    let s = it.next();
    let n = 0;
    while (!s.done) {
      n++;
      s = it.next();
    }
    expect(n).toBe(2);
    const points = s.value;
    const direct = runPolicy(buildPolicyMarket({ positions: 3000, depth: 3e6, shock: 0.04 }), tools).outcome;
    const { pricePath: _p, ...rest } = direct;
    expect(points[1]!.withTools).toEqual(rest);
    expect(points[1]!.baseline.peakDislocation!).toBeGreaterThan(points[0]!.baseline.peakDislocation!);
  });

  it('refuses bad input', () => {
    expect(() => comparePolicies(small, { speedLimit: { speedLimit: 0 } })).toThrow(EngineInputError);
    expect(() => policyLab({ preset: 'meteor' as 'newsDrop', tools: {} })).toThrow(EngineInputError);
    expect(() => [...policyShockSweep({}, {}, [0.7])]).toThrow(EngineInputError);
  });
});
