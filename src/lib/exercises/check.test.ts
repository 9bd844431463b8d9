import fc from 'fast-check';
import { checkNumeric, parseAnswer } from './check';

describe('parseAnswer', () => {
  it('accepts the usual ways of writing a number', () => {
    expect(parseAnswer('12.5')).toBe(12.5);
    expect(parseAnswer(' 12.5 % ')).toBe(12.5);
    expect(parseAnswer('1,234.5')).toBe(1234.5);
    expect(parseAnswer('\u22123')).toBe(-3);
    expect(parseAnswer('$50')).toBe(50);
    expect(parseAnswer('1e-3')).toBe(0.001);
  });
  it('rejects garbage', () => {
    for (const bad of ['', 'abc', '1.2.3', '--1', 'NaN', 'Infinity', '1e999']) expect(parseAnswer(bad)).toBeNull();
  });
  it('never throws (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => parseAnswer(s) === null || Number.isFinite(parseAnswer(s)!)));
  });
});

describe('checkNumeric', () => {
  it('grades correct, close and wrong with the sign of the error', () => {
    expect(checkNumeric('5.0', 5, { rel: 0.01 }).verdict).toBe('correct');
    expect(checkNumeric('5.04', 5, { rel: 0.01 }).verdict).toBe('correct');
    expect(checkNumeric('5.3', 5, { rel: 0.01 })).toMatchObject({ verdict: 'close', sign: 1 });
    expect(checkNumeric('4', 5, { rel: 0.01 })).toMatchObject({ verdict: 'wrong', sign: -1 });
    expect(checkNumeric('x', 5, { rel: 0.01 }).verdict).toBe('invalid');
    expect(checkNumeric('0.0004', 0, { abs: 0.001 }).verdict).toBe('correct');
  });
});
