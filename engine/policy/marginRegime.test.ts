import fc from 'fast-check';
import { applyMarginBuffer } from '../collateral';
import { EngineInputError } from '../core/errors';
import { apcMarginSpec, createMarginRegime, MAX_MARGIN_RATE, type ApcMarginParams } from './marginRegime';
import { defaultParams } from '../core/params';

const apc = (over: Partial<ApcMarginParams>): ApcMarginParams => ({ ...defaultParams(apcMarginSpec), ...over });
const plain = { baseRate: 0.005, volatility: 0.6, decay: 0.94, model: 'volatility' as const, apc: null };

describe('margin regime of the policy harness', () => {
  it('fixed model: the rate never moves and costs nothing in calm', () => {
    const r = createMarginRegime({ ...plain, model: 'fixed' });
    expect(r.run(Math.log(0.5))).toBe(0.005);
    expect(r.calmMarginRatio).toBe(1);
  });

  it('volatility model: hand-computed rate after a 10 % fall', () => {
    // σ₀² = 0.6²/365.25 = 9.856263e-4, r = ln 0.9, r² = 0.011100838;
    // σ̂² = 0.94·σ₀² + 0.06·r² = 1.592539e-3 → σ̂ = 0.0399066; σ̂(r = 0) = √0.94·σ₀ = 0.0304383; ratio 1.3110673.
    const r = createMarginRegime(plain);
    expect(r.run(0)).toBeCloseTo(0.005, 15); // before any move: the population's own rate
    expect(r.run(Math.log(0.9))).toBeCloseTo(0.005 * 1.3110672642, 12);
    expect(r.calmMarginRatio).toBe(1);
  });

  it('APC options cost margin in calm times: (1 + B), the stress blend, the floor', () => {
    expect(createMarginRegime({ ...plain, apc: apc({ tools: 'buffer', bufferFraction: 0.25 }) }).calmMarginRatio).toBeCloseTo(1.25, 12);
    // (b): √(0.75·0.94σ₀² + 0.25·(2σ₀)²)/(√0.94·σ₀) = √1.705/√0.94 = 1.346785.
    expect(createMarginRegime({ ...plain, apc: apc({ tools: 'stressWeight', stressWeight: 0.25, stressVolatility: 1.2 }) }).calmMarginRatio).toBeCloseTo(
      Math.sqrt(1.705 / 0.94),
      12,
    );
    // (c): σ_f/(√0.94·σ₀) = 0.8/(0.6·√0.94) = 1.375240.
    expect(createMarginRegime({ ...plain, apc: apc({ tools: 'floor', floorVolatility: 0.8 }) }).calmMarginRatio).toBeCloseTo(0.8 / (0.6 * Math.sqrt(0.94)), 12);
  });

  it('the buffer is exactly the collateral engine’s applyMarginBuffer, run by run', () => {
    const opts = { bufferFraction: 0.3, releaseThreshold: 0.11, releaseLookback: 3, rebuildRuns: 7 };
    const r = createMarginRegime({ ...plain, apc: apc({ tools: 'buffer', ...opts }) });
    // A fall, a recovery and a second fall (log returns from the start price).
    const path = [0, -0.02, -0.06, -0.1, -0.12, -0.09, -0.05, -0.04, -0.03, -0.03, -0.08, -0.15, -0.15, -0.1, -0.05, 0, 0, 0];
    path.forEach((x) => r.run(x));
    const ref = applyMarginBuffer(r.calculated(), {
      fraction: opts.bufferFraction,
      releaseThreshold: opts.releaseThreshold,
      releaseLookback: opts.releaseLookback,
      rebuildDays: opts.rebuildRuns,
    });
    expect(r.posted()).toEqual(Array.from(ref.margin));
    expect(ref.state.some((s) => s === 1)).toBe(true); // the path did release the buffer
  });

  it('no APC option ever lets the rate rise more than the plain model (any path of returns)', () => {
    // (b) and (c) flatten √v as a function of v; the buffer posts at most (1 + B)·C against (1 + B)·C₀.
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.7, max: 0.7, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom('buffer' as const, 'stressWeight' as const, 'floor' as const, 'all' as const),
        fc.double({ min: 0.8, max: 0.995, noNaN: true }),
        (path, tools, decay) => {
          const a = createMarginRegime({ ...plain, decay });
          const b = createMarginRegime({ ...plain, decay, apc: apc({ tools }) });
          for (const x of path) {
            const ra = a.run(x);
            const rb = b.run(x);
            expect(rb).toBeLessThanOrEqual(ra * (1 + 1e-12));
            expect(rb).toBeLessThanOrEqual(MAX_MARGIN_RATE);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses impossible configurations', () => {
    expect(() => createMarginRegime({ ...plain, baseRate: 1 })).toThrow(EngineInputError);
    expect(() => createMarginRegime({ ...plain, volatility: 0 })).toThrow(EngineInputError);
    expect(() => createMarginRegime({ ...plain, decay: 1 })).toThrow(EngineInputError);
    expect(() => createMarginRegime({ ...plain, model: 'other' as 'fixed' })).toThrow(EngineInputError);
    expect(() => createMarginRegime(plain).run(Number.NaN)).toThrow(EngineInputError);
  });
});
