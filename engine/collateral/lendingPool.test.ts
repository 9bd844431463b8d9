import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { defaultParams, validateParams } from '../core/params';
import {
  createLendingSimulation,
  defaultLendingAssets,
  generateLendingPool,
  lendingPoolParams,
  lendingShockPoint,
  lendingShockSweep,
  lendingStressParams,
  lendingStressTest,
  rampShockPath,
  type LendingAsset,
  type LendingPool,
  type LendingRules,
} from './lendingPool';

const asset = (over: Partial<LendingAsset> = {}): LendingAsset => ({
  symbol: 'A',
  price: 100,
  liquidationThreshold: 0.8,
  ltv: 0.75,
  liquidationBonus: 0.05,
  ...over,
});
const onePosition = (units: number, debt: number, a: LendingAsset = asset()): LendingPool => ({
  assets: [a],
  collateral: Float64Array.of(units),
  debt: Float64Array.of(debt),
});
const poolParams = (n: number, seed: number) => ({ ...defaultParams(lendingPoolParams), positions: n, seed });

/**
 * Naive reference: every position, every step, same rules (written independently of the engine's heap scheduling).
 * Used to check that the engine's candidate selection never misses a liquidatable position.
 */
function naiveStress(pool: LendingPool, paths: ArrayLike<number>[], rules: { closeFactor: 'v3.2' | 'v3.3'; impact: number }) {
  const A = pool.assets.length;
  const n = pool.debt.length;
  const coll = Float64Array.from(pool.collateral);
  const debt = Float64Array.from(pool.debt);
  const q0 = new Array<number>(A).fill(0);
  for (let i = 0; i < n; i++) for (let a = 0; a < A; a++) q0[a]! += coll[i * A + a]!;
  const sold = new Array<number>(A).fill(0);
  let repaidTotal = 0;
  let bad = 0;
  const calls: number[] = [];
  const prices: number[][] = [];
  for (let t = 0; t < paths[0]!.length; t++) {
    const P = pool.assets.map((as, a) => as.price * paths[a]![t]! * (q0[a]! > 0 ? Math.exp((-rules.impact * sold[a]!) / q0[a]!) : 1));
    prices.push(P);
    let c = 0;
    const soldNow = new Array<number>(A).fill(0);
    for (let i = 0; i < n; i++) {
      const d = debt[i]!;
      if (d <= 0) continue;
      let w = 0;
      for (let a = 0; a < A; a++) w += coll[i * A + a]! * P[a]! * pool.assets[a]!.liquidationThreshold;
      if (w >= d) continue;
      let best = -1;
      let bv = 0;
      for (let a = 0; a < A; a++) if (coll[i * A + a]! * P[a]! > bv) [best, bv] = [a, coll[i * A + a]! * P[a]!];
      if (best < 0) {
        bad += d;
        debt[i] = 0;
        continue;
      }
      const hf = w / d;
      const b1 = 1 + pool.assets[best]!.liquidationBonus;
      const bal = coll[i * A + best]!;
      const half = rules.closeFactor === 'v3.3' ? bv >= 2000 && d >= 2000 && hf > 0.95 : hf > 0.95;
      const cover = half ? d / 2 : d;
      let take = (cover * b1) / P[best]!;
      let rep = cover;
      if (take >= bal) [take, rep] = [bal, (bal * P[best]!) / b1];
      if (rules.closeFactor === 'v3.3' && rep < d && take < bal && (d - rep < 1000 || (bal - take) * P[best]! < 1000)) {
        take = bal - 1000 / P[best]!;
        rep = (take * P[best]!) / b1;
        if (!(take > 0) || d - rep < 1000) continue;
      }
      coll[i * A + best] = Math.max(0, bal - take);
      debt[i] = Math.max(0, d - rep);
      soldNow[best]! += take;
      repaidTotal += rep;
      c++;
      let any = false;
      for (let a = 0; a < A; a++) if (coll[i * A + a]! > 0) any = true;
      if (!any && debt[i]! > 0) {
        bad += debt[i]!;
        debt[i] = 0;
      }
    }
    for (let a = 0; a < A; a++) sold[a]! += soldNow[a]!;
    calls.push(c);
  }
  return { calls, prices, repaidTotal, bad, sold };
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1e-12, Math.abs(a), Math.abs(b));

describe('lending pool: single positions by hand', () => {
  it('a jump below the debt leaves bad debt (v3.3 deficit)', () => {
    // 1 unit at 100, LT 0.8, debt 75 (HF 1.067). Price → 70: HF = 56/75 = 0.747 ≤ 0.95 → close factor 100 %.
    // Cover 75 needs 75·1.05/70 = 1.125 units > 1: seize 1 unit, repay 70/1.05 = 66.667; the 8.333 left is bad debt.
    const r = lendingStressTest(onePosition(1, 75), [0.7], { closeFactor: 'v3.3' });
    expect(r.liquidations[0]).toBe(1);
    expect(r.summary.debtRepaid).toBeCloseTo(70 / 1.05, 12);
    expect(r.totalBadDebt).toBeCloseTo(75 - 70 / 1.05, 12);
    expect(r.summary.remainingDebt).toBe(0);
    expect(r.summary.remainingCollateral[0]).toBe(0);
    expect(r.summary.badDebtPositions).toBe(1);
  });

  it('v3.2 and v3.3 liquidate 50 % of a large position just below HF 1', () => {
    // 100 units at 100 (10,000), LT 0.8, debt 7900. Price → 98: HF = 7840/7900 = 0.9924 > 0.95 → 50 %: cover 3950,
    // seize 3950·1.05/98 = 42.3214… units; left 57.678… units and 3950 of debt; new HF = 57.678…·98·0.8/3950 = 1.1448.
    for (const closeFactor of ['v3.2', 'v3.3'] as const) {
      const sim = createLendingSimulation(onePosition(100, 7900), { closeFactor });
      const s = sim.step([0.98]);
      expect(s.liquidations).toBe(1);
      expect(s.debtRepaid).toBeCloseTo(3950, 10);
      expect(s.seized[0]).toBeCloseTo((3950 * 1.05) / 98, 12);
      const snap = sim.snapshot();
      expect(snap.collateral[0]).toBeCloseTo(100 - (3950 * 1.05) / 98, 12);
      expect((snap.collateral[0]! * 98 * 0.8) / snap.debt[0]!).toBeCloseTo(1.14481, 5);
      expect(sim.step([0.98]).liquidations).toBe(0); // healthy again
    }
  });

  it('v3.3 never leaves dust: the liquidator covers less so that MIN_LEFTOVER_BASE of collateral remains', () => {
    // 21 units at 100 (2100), LT 0.95, bonus 15 %, debt 2000: HF = 1995/2000 = 0.9975 → 50 % (both ≥ 2000, HF > 0.95).
    // Covering 1000 would seize 11.5 units and leave 950 < 1000 of collateral: not allowed. Seize 21 − 1000/100 = 11 units
    // instead and repay 11·100/1.15 = 956.52…; 1043.48 of debt stays (≥ 1000). Under v3.2: seize 11.5, repay 1000.
    const a = asset({ liquidationThreshold: 0.95, ltv: 0.9, liquidationBonus: 0.15 });
    const v33 = createLendingSimulation(onePosition(21, 2000, a), { closeFactor: 'v3.3' }).step([1]);
    expect(v33.seized[0]).toBeCloseTo(11, 12);
    expect(v33.debtRepaid).toBeCloseTo(1100 / 1.15, 12);
    const v32 = createLendingSimulation(onePosition(21, 2000, a), { closeFactor: 'v3.2' }).step([1]);
    expect(v32.seized[0]).toBeCloseTo(11.5, 12);
    expect(v32.debtRepaid).toBeCloseTo(1000, 12);
  });

  it('v3.3 liquidates small positions (< 2000) in full at once, v3.2 only half', () => {
    // 10 units at 100, LT 0.8, debt 790; price → 98: HF = 784/790 = 0.992.
    const v33 = createLendingSimulation(onePosition(10, 790), { closeFactor: 'v3.3' }).step([0.98]);
    const v32 = createLendingSimulation(onePosition(10, 790), { closeFactor: 'v3.2' }).step([0.98]);
    expect(v33.debtRepaid).toBeCloseTo(790, 12);
    expect(v32.debtRepaid).toBeCloseTo(395, 12);
  });

  it('liquidators’ sales move the next step’s price: P = P₀·shock·exp(−k·sold/Q₀)', () => {
    const sim = createLendingSimulation(onePosition(100, 7900), { closeFactor: 'v3.2', impact: 0.5 });
    const s0 = sim.step([0.98]);
    const s1 = sim.step([0.98]);
    expect(s1.prices[0]).toBeCloseTo(98 * Math.exp((-0.5 * s0.seized[0]!) / 100), 12);
  });
});

describe('lending pool: population and stress test', () => {
  it('generates healthy, reproducible pools (HF ≥ LT/LTV > 1 for every position)', () => {
    const p = generateLendingPool(poolParams(2000, 7));
    expect(generateLendingPool(poolParams(2000, 7)).debt).toEqual(p.debt);
    expect(generateLendingPool(poolParams(2000, 8)).debt).not.toEqual(p.debt);
    const r = lendingStressTest(p, [1], {});
    const h = r.histograms[0]!;
    // Bins below HF 1 (edges 0, 0.5, 0.8, 0.9, 0.95) are empty before the shock; every position is counted once.
    expect(h.counts.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(h.counts.reduce((s, c) => s + c, 0) + h.noDebt).toBe(2000);
    expect(validateParams(lendingPoolParams, defaultParams(lendingPoolParams)).ok).toBe(true);
    expect(validateParams(lendingStressParams, defaultParams(lendingStressParams)).ok).toBe(true);
  });

  it('conserves collateral and debt through liquidations (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.double({ min: 0.2, max: 1.3, noNaN: true }), { minLength: 1, maxLength: 25 }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.constantFrom<'v3.2' | 'v3.3'>('v3.2', 'v3.3'),
        (n, seed, path, impact, closeFactor) => {
          const pool = generateLendingPool({ ...poolParams(n, seed), medianCollateral: 3000 });
          const r = lendingStressTest(pool, path, { closeFactor, impact });
          const s = r.summary;
          for (let a = 0; a < 2; a++) expect(rel(s.seizedCollateral[a]! + s.remainingCollateral[a]!, s.initialCollateral[a]!)).toBeLessThan(1e-9);
          expect(rel(s.debtRepaid + s.remainingDebt + s.badDebt, s.initialDebt)).toBeLessThan(1e-9);
          expect(rel(r.totalBadDebt, s.badDebt)).toBeLessThan(1e-9);
          for (const h of r.histograms) expect(h.counts.reduce((x, c) => x + c, 0) + h.noDebt).toBe(n);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('matches a naive every-position-every-step scan exactly (the candidate heaps miss nothing), including diverging prices', () => {
    const pool = generateLendingPool({ ...poolParams(3000, 3), medianCollateral: 4000, multiAssetShare: 0.5 });
    const down = rampShockPath(0.45, 15, 40);
    const up = Float64Array.from(down, (_, t) => 1 + 0.3 * Math.min(1, (t + 1) / 15));
    const wobble = Float64Array.from(down, (x, t) => x * (1 + 0.05 * Math.sin(t)));
    // Crash, recovery above the start, second fall: the multi-collateral group switches heap → scan → heap.
    const vee = Float64Array.from(down, (_, t) => (t < 10 ? 1 - 0.04 * (t + 1) : t < 20 ? 0.6 + 0.07 * (t - 9) : 1.3 - 0.03 * (t - 19)));
    const flat = new Float64Array(down.length).fill(1);
    for (const paths of [
      [down, down],
      [down, up],
      [wobble, up],
      [up, wobble],
      [vee, vee],
      [vee, flat],
      [flat, vee],
    ]) {
      for (const closeFactor of ['v3.2', 'v3.3'] as const) {
        const rules: LendingRules = { closeFactor, impact: 0.8 };
        const r = lendingStressTest(pool, paths, rules);
        const ref = naiveStress(pool, paths, { closeFactor, impact: 0.8 });
        expect(Array.from(r.liquidations)).toEqual(ref.calls);
        expect(rel(r.summary.debtRepaid, ref.repaidTotal)).toBeLessThan(1e-9);
        expect(rel(r.summary.badDebt + 1, ref.bad + 1)).toBeLessThan(1e-9);
        for (let t = 0; t < down.length; t++) for (let a = 0; a < 2; a++) expect(rel(r.prices[a]![t]!, ref.prices[t]![a]!)).toBeLessThan(1e-9);
      }
    }
  });

  it('a bigger shock liquidates at least as many positions (no market impact: exact, property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 0.8, noNaN: true }),
        fc.double({ min: 0, max: 0.8, noNaN: true }),
        (seed, s1, s2) => {
          const pool = generateLendingPool(poolParams(300, seed));
          const lo = lendingShockPoint(pool, Math.min(s1, s2), { rampSteps: 5, steps: 10, rules: { impact: 0 } });
          const hi = lendingShockPoint(pool, Math.max(s1, s2), { rampSteps: 5, steps: 10, rules: { impact: 0 } });
          expect(hi.liquidatedPositions).toBeGreaterThanOrEqual(lo.liquidatedPositions);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a bigger shock liquidates more and ends lower with market impact (default pool, grid)', () => {
    const pool = generateLendingPool(poolParams(3000, 1));
    let prev = { liquidatedPositions: -1, finalPriceRatio: [Infinity, Infinity] };
    for (const shock of [0.05, 0.1, 0.2, 0.3, 0.4, 0.5]) {
      const p = lendingShockPoint(pool, shock, { rampSteps: 20, steps: 60, rules: { impact: 0.2 } });
      expect(p.liquidatedPositions).toBeGreaterThan(prev.liquidatedPositions);
      expect(p.finalPriceRatio[0]).toBeLessThan(prev.finalPriceRatio[0]!);
      // Liquidation sales push the price below the oracle path: the impact amplifies the shock.
      expect(p.finalPriceRatio[0]).toBeLessThan(1 - shock);
      prev = p;
    }
  });

  it('the sweep generator reports progress and partial results, and returns what the per-point function gives', () => {
    const pool = generateLendingPool(poolParams(500, 2));
    const shocks = [0.1, 0.3, 0.5];
    const opts = { shocks, rampSteps: 5, steps: 20, rules: { impact: 0.3 } };
    const gen = lendingShockSweep(pool, opts);
    const progress: number[] = [];
    let next = gen.next();
    while (!next.done) {
      progress.push(next.value.done);
      expect(next.value.total).toBe(3);
      expect(next.value.partial.length).toBe(next.value.done);
      next = gen.next();
    }
    expect(progress).toEqual([1, 2, 3]);
    expect(next.value).toEqual(shocks.map((s) => lendingShockPoint(pool, s, opts)));
  });

  it('records histograms every k steps and does not mutate the input pool', () => {
    const pool = generateLendingPool(poolParams(200, 4));
    const before = Float64Array.from(pool.debt);
    const r = lendingStressTest(pool, rampShockPath(0.3, 5, 10), { histogramEvery: 5 });
    expect(r.histograms.map((h) => h.step)).toEqual([-1, 4, 9]);
    expect(pool.debt).toEqual(before);
  });

  it('rejects invalid pools, thresholds and paths', () => {
    expect(() => generateLendingPool({ ...poolParams(10, 1), assets: [asset({ liquidationThreshold: 1 })] })).toThrow(EngineInputError);
    expect(() => generateLendingPool({ ...poolParams(10, 1), assets: [asset({ liquidationThreshold: 0 })] })).toThrow(EngineInputError);
    expect(() => generateLendingPool({ ...poolParams(10, 1), assets: [asset({ ltv: 0.85 })] })).toThrow(EngineInputError);
    expect(() => createLendingSimulation({ ...onePosition(1, 1), debt: Float64Array.of(-1) })).toThrow(EngineInputError);
    const pool = generateLendingPool(poolParams(10, 1));
    expect(() => lendingStressTest(pool, [[1, 1], [1]])).toThrow(EngineInputError);
    expect(() => lendingStressTest(pool, [1, 0])).toThrow(EngineInputError);
    expect(() => lendingStressTest(pool, [1], { closeFactor: 'v4' as 'v3.3' })).toThrow(EngineInputError);
    expect(defaultLendingAssets({ liquidationThreshold: 0.9 }).every((a) => a.ltv < a.liquidationThreshold)).toBe(true);
  });
});
