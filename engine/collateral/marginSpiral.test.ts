import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { defaultParams, validateParams } from '../core/params';
import { marginSpiral, marginSpiralParams } from './marginSpiral';

const base = defaultParams(marginSpiralParams);

describe('marginSpiral (stylised Brunnermeier–Pedersen)', () => {
  it('has ρ₀ = fullSaleImpact·(1 + θ)/marginRate, split into loss and margin parts', () => {
    // Defaults: 0.04·(1 + 0.5)/0.1 = 0.6 = 0.4 (loss) + 0.2 (margin).
    const r = marginSpiral(base);
    expect(r.ratio).toBeCloseTo(0.6, 14);
    expect(r.lossRatio).toBeCloseTo(0.4, 14);
    expect(r.marginRatio).toBeCloseTo(0.2, 14);
    expect(r.stable).toBe(true);
    expect(r.linearMultiplier).toBeCloseTo(2.5, 12);
  });

  it('first round by hand: fall η hits x₀, capacity W/m, forced sale and its split', () => {
    // p₀ = 100, W₀ = 10, m₀ = 10, x₀ = 1, Λ = 0.04·100/1 = 4, θ = 0.5, η = 2.
    // W₁ = 10 − 1·2 = 8; m₁ = 10 + 0.5·2 = 11; capacity 8/11; sale 1 − 8/11 = 3/11.
    // Loss-only sale 1 − 8/10 = 0.2; margin part 3/11 − 0.2. Next fall Λ·3/11 = 12/11.
    const r = marginSpiral(base);
    const k1 = r.rounds[1]!;
    expect(k1.capital).toBeCloseTo(8, 14);
    expect(k1.margin).toBeCloseTo(11, 14);
    expect(k1.sale).toBeCloseTo(3 / 11, 14);
    expect(k1.lossSale).toBeCloseTo(0.2, 14);
    expect(k1.marginSale).toBeCloseTo(3 / 11 - 0.2, 14);
    expect(r.rounds[2]!.fall).toBeCloseTo(12 / 11, 14);
  });

  it('converges to the linear multiplier 1/(1 − ρ₀) as the shock vanishes (stable case)', () => {
    // The round ratios are ρ₀·(1 − O(η)), so the error is O(η/p₀) ≈ 1e-7 here; 1e-5 leaves room.
    const r = marginSpiral({ ...base, shock: 1e-7 });
    expect(Math.abs(r.multiplier / r.linearMultiplier - 1)).toBeLessThan(1e-5);
    expect(r.converged).toBe(true);
  });

  it('stable (ρ₀ < 1): 1 ≤ multiplier ≤ 1/(1 − ρ₀) and each fall is at most ρ₀ times the previous (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.02, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: 0.001, max: 0.3, noNaN: true }),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        (marginRate, theta, impact, shock, usage) => {
          const r = marginSpiral({ ...base, marginRate, marginSensitivity: theta, fullSaleImpact: impact, shock, usage });
          if (!r.stable || shock + impact >= 1) return;
          expect(r.multiplier).toBeGreaterThanOrEqual(1 - 1e-12);
          expect(r.multiplier).toBeLessThanOrEqual(r.linearMultiplier * (1 + 1e-9));
          for (let k = 2; k < r.rounds.length; k++) expect(r.rounds[k]!.fall).toBeLessThanOrEqual(r.ratio * r.rounds[k - 1]!.fall * (1 + 1e-9) + 1e-15);
        },
      ),
    );
  });

  it('unstable (ρ₀ > 1): a vanishing shock still ends in a finite crash', () => {
    // ρ₀ = 0.1·1.5/0.1 = 1.5. In the continuum limit the crash stops where Λx(1 + θ)/m falls to 1, independently of η.
    const tiny = marginSpiral({ ...base, fullSaleImpact: 0.1, shock: 1e-6 });
    const tinier = marginSpiral({ ...base, fullSaleImpact: 0.1, shock: 1e-7 });
    expect(tiny.stable).toBe(false);
    expect(tiny.linearMultiplier).toBe(Infinity);
    expect(tiny.multiplier).toBeGreaterThan(1e4);
    expect(tiny.totalMove / base.price).toBeGreaterThan(0.02);
    // The end point barely depends on the size of the vanishing shock.
    expect(Math.abs(tinier.totalMove / tiny.totalMove - 1)).toBeLessThan(0.01);
    // Early falls grow round on round.
    expect(tiny.rounds[3]!.fall).toBeGreaterThan(tiny.rounds[2]!.fall);
  });

  it('keeps the books: total move = shock + loss spiral + margin spiral = p₀ − p_final; capital follows the marks', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 0.15, noNaN: true }),
        fc.double({ min: 0.001, max: 0.3, noNaN: true }),
        (theta, impact, shock) => {
          const r = marginSpiral({ ...base, marginSensitivity: theta, fullSaleImpact: impact, shock });
          expect(r.totalMove).toBeCloseTo(r.shock + r.lossSpiral + r.marginSpiral, 9);
          expect(r.finalPrice).toBeCloseTo(base.price - r.totalMove, 9);
          for (let k = 1; k < r.rounds.length; k++) {
            const prev = r.rounds[k - 1]!;
            const cur = r.rounds[k]!;
            expect(cur.capital).toBeCloseTo(prev.capital - prev.position * cur.fall, 9);
            expect(cur.position).toBeLessThanOrEqual(prev.position + 1e-12);
            if (cur.capital > 0 && cur.sale > 0) expect(cur.position * cur.margin).toBeCloseTo(cur.capital, 9); // constraint binds after a sale
          }
        },
      ),
    );
  });

  it('θ = 0 is a pure loss spiral; slack funding absorbs a small shock without any sale', () => {
    const loss = marginSpiral({ ...base, marginSensitivity: 0 });
    expect(loss.marginSpiral).toBe(0);
    expect(loss.marginRatio).toBe(0);
    // usage 0.5: x₀ = 0.5; after the shock W = 10 − 0.5·2 = 9 and m = 11, so capacity 9/11 ≈ 0.82 ≥ 0.5: no sale.
    const slack = marginSpiral({ ...base, usage: 0.5 });
    expect(slack.multiplier).toBe(1);
    expect(slack.rounds.length).toBe(2);
  });

  it('stops at the round limit and reports it (the loop bound)', () => {
    const r = marginSpiral({ ...base, fullSaleImpact: 0.1, shock: 1e-6, maxRounds: 5 });
    expect(r.rounds.length).toBeLessThanOrEqual(6);
    expect(r.converged).toBe(false);
    // Without a limit it ends by itself, having sold at most the whole position: total move ≤ η + Λx₀ = p₀(shock + impact).
    const free = marginSpiral({ ...base, fullSaleImpact: 0.15, marginRate: 0.05, shock: 0.1 });
    expect(free.converged).toBe(true);
    expect(free.totalMove).toBeLessThanOrEqual(base.price * (0.1 + 0.15) * (1 + 1e-12));
  });

  it('validates its inputs and its spec defaults', () => {
    expect(validateParams(marginSpiralParams, base).ok).toBe(true);
    expect(() => marginSpiral({ ...base, shock: 0.9, fullSaleImpact: 0.2 })).toThrow(EngineInputError);
    expect(() => marginSpiral({ ...base, capital: 0 })).toThrow(EngineInputError);
    expect(() => marginSpiral({ ...base, marginSensitivity: -1 })).toThrow(EngineInputError);
  });
});
