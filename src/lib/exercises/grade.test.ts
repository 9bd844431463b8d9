import { gradeAnswer } from './grade';
import { correctAnswer } from '../assignment-submission';
import { loopGain, stability, leverageParts, tuneMultiplier } from '../../../content/exercises/leverage-loop';

describe('gradeAnswer', () => {
  it('grades numeric answers from the engine, with the sign of the error', () => {
    const p = loopGain.defaults;
    expect(gradeAnswer(loopGain, p, '0.6')).toMatchObject({ verdict: 'correct', score: 1 });
    expect(gradeAnswer(loopGain, p, '0.62')).toMatchObject({ verdict: 'close', sign: 1, score: 0 });
    expect(gradeAnswer(loopGain, p, '0.3')).toMatchObject({ verdict: 'wrong', sign: -1 });
    expect(gradeAnswer(loopGain, p, { a: '1' })).toMatchObject({ verdict: 'invalid' });
    expect(correctAnswer(loopGain, p)).toBe('0.6');
  });

  it('grades a choice against the engine and rejects values not offered', () => {
    const p = stability.defaults; // g = 1.2: explodes
    expect(gradeAnswer(stability, p, 'explodes')).toMatchObject({ verdict: 'correct', score: 1 });
    expect(gradeAnswer(stability, p, 'converges')).toMatchObject({ verdict: 'wrong', score: 0 });
    expect(gradeAnswer(stability, p, 'maybe').verdict).toBe('invalid');
    expect(gradeAnswer(stability, p, '').verdict).toBe('invalid');
  });

  it('scores a multi-part answer by the share of parts right', () => {
    const p = leverageParts.defaults; // A = 1000, λ = 0.005, L = 8 → k = 70, g = 0.35, L* = 21
    expect(gradeAnswer(leverageParts, p, { a: '70', b: '0.35', c: '21' })).toMatchObject({ verdict: 'correct', score: 1 });
    const two = gradeAnswer(leverageParts, p, { a: '70', b: '0.35', c: '30' });
    expect(two.verdict).toBe('wrong');
    expect(two.score).toBeCloseTo(2 / 3, 12);
    expect(two.parts?.find((x) => x.key === 'c')).toMatchObject({ verdict: 'wrong', sign: 1 });
    expect(gradeAnswer(leverageParts, p, { a: '70', b: '0.352', c: '21' })).toMatchObject({ verdict: 'close' });
    expect(gradeAnswer(leverageParts, p, {}).verdict).toBe('invalid');
    expect(correctAnswer(leverageParts, p)).toBe('(a) 70; (b) 0.35; (c) 21');
  });

  it('checks an experiment from the widget’s values', () => {
    const p = tuneMultiplier.defaults; // 10 % target: k = 80 at λ = 0.01
    expect(gradeAnswer(tuneMultiplier, p, { shock: 0.02, sensitivity: 80, impact: 0.01 })).toMatchObject({ verdict: 'correct', score: 1 });
    expect(gradeAnswer(tuneMultiplier, p, { shock: 0.02, sensitivity: 20, impact: 0.01 })).toMatchObject({ verdict: 'wrong' });
    expect(gradeAnswer(tuneMultiplier, p, 'k=80').verdict).toBe('invalid');
  });
});
