import { checkParam, defaultParams } from '../core/params';
import { fromBp, toBp, inBasisPoints, ldiSpiralBpParams, ldiParamsFromBp } from './basisPoints';
import { ldiSpiral, ldiSpiralParams } from './ldiSpiral';

describe('basis points', () => {
  it('convert both ways without binary noise', () => {
    expect(toBp(0.0005)).toBe(5);
    expect(toBp(0.015)).toBe(150);
    expect(fromBp(5)).toBe(0.0005);
    expect(fromBp(150)).toBe(0.015);
    for (let bp = 0; bp <= 500; bp += 5) expect(toBp(fromBp(bp))).toBe(bp);
  });

  it('derive a basis-point spec from the engine spec (range written once)', () => {
    const b = inBasisPoints(ldiSpiralParams.buffer);
    expect(b).toMatchObject({ min: 0, max: 500, step: 5, default: 100, unit: 'bp', label: ldiSpiralParams.buffer.label });
    expect(b.display).toBeUndefined();
    expect(ldiSpiralBpParams.impact).toMatchObject({ min: 0, max: 10, step: 0.1, default: 2, unit: 'bp per £bn' });
    expect(ldiSpiralBpParams.yieldShock.default).toBe(150);
    expect(ldiSpiralBpParams.leverage).toBe(ldiSpiralParams.leverage);
  });

  it('every bp default is valid, and the converted parameters give the same spiral as the engine defaults', () => {
    const d = defaultParams(ldiSpiralBpParams);
    for (const [k, s] of Object.entries(ldiSpiralBpParams)) expect(checkParam(s, (d as Record<string, unknown>)[k]), k).toBeNull();
    expect(ldiParamsFromBp(d)).toEqual(defaultParams(ldiSpiralParams));
    expect(ldiSpiral(ldiParamsFromBp(d))).toEqual(ldiSpiral(defaultParams(ldiSpiralParams)));
  });
});
