import { EngineInputError } from '../core/errors';
import { cascadeMonteCarlo, CASCADE_MC_GRID, CASCADE_MC_REFERENCE_POSITIONS, runCascadeMonteCarlo, scaledCascadeBook } from './cascadeMonteCarlo';
import { createOrderBook } from './orderBook';

describe('Monte Carlo of cascade sizes over random markets', () => {
  const small = { runs: 60, positions: 1000, meanShock: 0.01, seed: 3 };

  it('streams one progress step per run, with a constant-size partial summary', () => {
    const steps: number[] = [];
    const it = cascadeMonteCarlo(small);
    let last;
    for (;;) {
      const s = it.next();
      if (s.done) {
        last = s.value;
        break;
      }
      steps.push(s.value.done);
      expect(s.value.total).toBe(60);
      expect(s.value.partial.runs).toBe(s.value.done);
      expect(s.value.partial.grid.length).toBe(CASCADE_MC_GRID.length);
    }
    expect(steps).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(last.runs).toBe(60);
    expect(last.moveQuantiles).toBeDefined();
  });

  it('is deterministic by seed', () => {
    expect(runCascadeMonteCarlo(small)).toEqual(runCascadeMonteCarlo(small));
    expect(runCascadeMonteCarlo({ ...small, seed: 4 }).moveExceed).not.toEqual(runCascadeMonteCarlo(small).moveExceed);
  });

  it('complementary distributions are non-increasing shares in [0, 1]; final moves are never smaller than shocks', () => {
    const r = runCascadeMonteCarlo(small);
    for (const xs of [r.shockExceed, r.moveExceed]) {
      for (let j = 0; j < xs.length; j++) {
        expect(xs[j]).toBeGreaterThanOrEqual(0);
        expect(xs[j]).toBeLessThanOrEqual(1);
        if (j > 0) expect(xs[j]).toBeLessThanOrEqual(xs[j - 1]!);
      }
    }
    // A news shock is the floor of the dislocation, so at every size at least as many moves as shocks exceed it.
    for (let j = 0; j < r.grid.length; j++) expect(r.moveExceed[j]).toBeGreaterThanOrEqual(r.shockExceed[j]!);
    expect(r.meanMove).toBeGreaterThanOrEqual(r.meanShock);
    expect(r.amplificationQuantiles!.p50).toBeGreaterThanOrEqual(1);
  });

  it('turns thin-tailed shocks into a heavy tail of final moves', () => {
    const r = runCascadeMonteCarlo({ runs: 300, positions: 1000, meanShock: 0.01, seed: 7 });
    const j = r.grid.findIndex((x) => x >= 0.05);
    // Exponential shocks with mean 1 % exceed 5 % with probability e^-5 ≈ 0.7 %; cascades do so far more often.
    expect(r.shockExceed[j]!).toBeLessThan(0.03);
    expect(r.moveExceed[j]!).toBeGreaterThan(5 * Math.max(r.shockExceed[j]!, 0.01));
  });

  it('scales the book with the market size', () => {
    const ref = createOrderBook({}, 100);
    expect(scaledCascadeBook({}, CASCADE_MC_REFERENCE_POSITIONS, 100).depthUnits).toBeCloseTo(ref.depthUnits, 9);
    expect(scaledCascadeBook({}, CASCADE_MC_REFERENCE_POSITIONS / 5, 100).depthUnits).toBeCloseTo(ref.depthUnits / 5, 9);
  });

  it('refuses parameters outside the spec', () => {
    expect(() => runCascadeMonteCarlo({ runs: 0 })).toThrow(EngineInputError);
    expect(() => runCascadeMonteCarlo({ meanShock: 0.5 })).toThrow(EngineInputError);
    expect(() => runCascadeMonteCarlo({ book: { depth: 1 } })).toThrow(EngineInputError);
  });
});
