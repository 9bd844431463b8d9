import { defaultParams, checkParam } from '../core/params';
import { EngineInputError } from '../core/errors';
import { runPolicy } from './marketSim';
import { policyShockSweep } from './comparePolicies';
import { buildPolicyMarket, POLICY_SHOCK_PRESETS } from './scenario';
import { POLICY_TOOL_IDS, policyToolSpecs } from './tools';
import {
  backstopCoverage,
  chapterMarket,
  compareTools,
  labScenario,
  labTools,
  LAB_MAIN_PARAM,
  LAB_PREVIEW_SHOCKS,
  LAB_SWEEP_SHOCKS,
  LAB_SWITCH,
  policyCompareSpec,
  policyLabSpec,
  shockGrid,
  toolKeys,
  withShock,
} from './presets';

describe('the comparison widget’s values', () => {
  it('every tool’s parameters are in the spec, with the harness’s defaults', () => {
    const v = defaultParams(policyCompareSpec);
    for (const id of POLICY_TOOL_IDS) {
      for (const k of toolKeys(id)) {
        expect(Object.keys(policyCompareSpec)).toContain(k);
        expect((v as Record<string, unknown>)[k]).toBe((policyToolSpecs[id] as Record<string, { default: unknown }>)[k]!.default);
      }
    }
    expect(v.tool).toBe('speedLimit');
  });

  it('compareTools switches on only the selected tool, with its parameters', () => {
    const v = { ...defaultParams(policyCompareSpec), tool: 'backstop' as const, capacity: 5_000_000 };
    expect(compareTools(v)).toEqual({ backstop: { capacity: 5_000_000, discount: 0.02 } });
    expect(compareTools({ ...v, tool: 'tradingHalt' })).toEqual({ tradingHalt: { trigger: 0.05, duration: 300 } });
    expect(() => compareTools({ ...v, tool: 'nonsense' as never })).toThrow(EngineInputError);
  });

  it('the default comparison reproduces the documented run: speed limit lowers the 8.0 % trough', () => {
    const v = defaultParams(policyCompareSpec);
    const m = withShock(buildPolicyMarket({ depth: v.depth, resilience: v.resilience }), { shock: v.shock, shockKind: v.shockKind, direction: v.direction, marginModel: v.marginModel });
    const base = runPolicy(m, {}).outcome;
    expect(base.peakDislocation!).toBeCloseTo(0.08, 3);
    expect(runPolicy(m, compareTools(v)).outcome.peakDislocation!).toBeLessThan(base.peakDislocation! - 0.01);
  });
});

describe('the lab’s values', () => {
  it('switches and main parameters map to the harness’s tools', () => {
    const v = defaultParams(policyLabSpec);
    expect(labTools(v)).toEqual({ speedLimit: { speedLimit: 2_000_000 } });
    const all = { ...v, useApc: 'on', useHalt: 'on', useBand: 'on', useBackstop: 'on' } as typeof v;
    expect(Object.keys(labTools(all))).toEqual(['apcMargin', 'speedLimit', 'tradingHalt', 'priceBand', 'backstop']);
    for (const id of POLICY_TOOL_IDS) {
      expect(Object.keys(policyLabSpec)).toContain(LAB_SWITCH[id]);
      expect(toolKeys(id)).toContain(LAB_MAIN_PARAM[id]);
    }
  });

  it('the scenario takes the preset’s direction and kind and the reader’s size', () => {
    const v = { ...defaultParams(policyLabSpec), preset: 'shortSqueeze' as const, shock: 0.07 };
    const s = labScenario(v);
    expect(s.direction).toBe('up');
    expect(s.shockKind).toBe('order');
    expect(s.shock).toBe(0.07);
    expect(defaultParams(policyLabSpec).shock).toBe(POLICY_SHOCK_PRESETS.flashCrash.shock);
    expect(() => labScenario({ ...v, preset: 'meteor' as never })).toThrow(EngineInputError);
  });
});

describe('withShock and shockGrid', () => {
  const market = buildPolicyMarket({ positions: 2000, depth: 2_000_000 });

  it('withShock gives the same runs as a market built with that shock', () => {
    const a = runPolicy(withShock(market, { shock: 0.05, shockKind: 'order' }), { speedLimit: true }).outcome;
    const b = runPolicy(buildPolicyMarket({ positions: 2000, depth: 2_000_000, shock: 0.05, shockKind: 'order' }), { speedLimit: true }).outcome;
    expect(a).toEqual(b);
    expect(() => withShock(market, { depth: 5 } as never)).toThrow(EngineInputError);
    expect(() => withShock(market, { shock: 0.9 })).toThrow(EngineInputError);
  });

  it('shockGrid equals policyShockSweep point by point', () => {
    const shocks = [0, 0.02, 0.05];
    const tools = { priceBand: true, backstop: { capacity: 1_000_000 } };
    const it = policyShockSweep({ positions: 2000, depth: 2_000_000 }, tools, shocks);
    let s = it.next();
    while (!s.done) s = it.next();
    const sweep = s.value;
    const base = shockGrid(market, {}, shocks);
    const withTools = shockGrid(market, tools, shocks);
    sweep.forEach((p, j) => {
      expect(base[j]!.shock).toBe(p.shock);
      expect(base[j]!.outcome).toEqual(p.baseline);
      expect(withTools[j]!.outcome).toEqual(p.withTools);
    });
  });

  it('the sweep grids are inside the shock spec', () => {
    for (const x of [...LAB_SWEEP_SHOCKS, ...LAB_PREVIEW_SHOCKS]) expect(checkParam(policyLabSpec.shock, x)).toBeNull();
    expect(LAB_SWEEP_SHOCKS).toHaveLength(49);
    expect(LAB_SWEEP_SHOCKS.at(-1)).toBe(0.12);
  });
});

describe('backstop coverage', () => {
  it('at the default 3 % shock a $20M backstop stops the cascade and a $5M one does not', () => {
    const m = chapterMarket();
    const big = backstopCoverage(m, 20_000_000);
    expect(big.stopsAtShock).toBe(true);
    expect(big.needed).toBeGreaterThan(5_000_000);
    expect(big.needed).toBeLessThan(20_000_000);
    const small = backstopCoverage(m, 5_000_000);
    expect(small.stopsAtShock).toBe(false);
    expect(small.needed).toBe(big.needed);
    // Exactly the needed amount (plus rounding) suffices.
    expect(backstopCoverage(m, big.needed * (1 + 1e-9)).stopsAtShock).toBe(true);
  });
});
