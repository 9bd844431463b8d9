/**
 * Yields and collateral buffers are quoted in basis points (1 bp = 0.0001 = 0.01 %). The engine works in fractions;
 * these helpers derive basis-point versions of a parameter specification (so a widget can show "100 bp" while the
 * range is still written once, in the engine's own spec) and convert values back.
 */
import { defineParams, type NumberParamSpec, type ParamValues } from '../core/params';
import { ldiSpiralParams, type LdiSpiralParams } from './ldiSpiral';

/** Basis points per unit of a fraction. */
export const BP = 10_000;

/** x·10⁴ without binary noise (0.0005·10⁴ is exactly 5). */
export function toBp(x: number): number {
  return Number.parseFloat((x * BP).toPrecision(12));
}

/** A basis-point value back to an engine fraction, without binary noise (5 bp → 0.0005). */
export function fromBp(bp: number): number {
  return Number.parseFloat((bp / BP).toPrecision(12));
}

/**
 * The same parameter with min, max, step and default in basis points (shown as plain numbers, unit "bp" by default).
 * A new description can replace one that explains the fraction units ("0.01 = 100 bp").
 */
export function inBasisPoints(spec: NumberParamSpec, unit = 'bp', description = spec.description): NumberParamSpec {
  const { display: _display, ...rest } = spec;
  return { ...rest, unit, description, min: toBp(spec.min), max: toBp(spec.max), step: toBp(spec.step), default: toBp(spec.default) };
}

/**
 * The LDI spiral's parameters with yield moves, the buffer and the price impact in basis points (the impact in bp per
 * £bn sold). Every other parameter is the engine's own spec, unchanged.
 */
export const ldiSpiralBpParams = defineParams({
  ...ldiSpiralParams,
  yieldShock: inBasisPoints(ldiSpiralParams.yieldShock, 'bp', 'Exogenous rise in yields that starts the spiral.'),
  buffer: inBasisPoints(
    ldiSpiralParams.buffer,
    'bp',
    'Yield rise the fund’s cash buffer can absorb (buffers were about 100–150 bp before the 2022 crisis).',
  ),
  impact: inBasisPoints(ldiSpiralParams.impact, 'bp per £bn', 'Rise in yield for every £bn of gilts sold into the market.'),
  backstopYieldCap: inBasisPoints(ldiSpiralParams.backstopYieldCap),
});
/** Values of `ldiSpiralBpParams`. */
export type LdiSpiralBpParams = ParamValues<typeof ldiSpiralBpParams>;

/** Convert basis-point values (from `ldiSpiralBpParams`) into the engine's `ldiSpiral` parameters. */
export function ldiParamsFromBp(p: LdiSpiralBpParams): LdiSpiralParams {
  return { ...p, yieldShock: fromBp(p.yieldShock), buffer: fromBp(p.buffer), impact: fromBp(p.impact), backstopYieldCap: fromBp(p.backstopYieldCap) };
}
