import fc from 'fast-check';
import { decodeProgress, emptyProgress, recordAttempt, PROGRESS_VERSION } from './progress';

describe('progress storage', () => {
  it('round-trips a recorded attempt', () => {
    const p = recordAttempt(emptyProgress(), 'ch1-gain', '0.6', true, new Date('2026-01-01T00:00:00Z'));
    const d = decodeProgress(JSON.stringify(p));
    expect(d.progress).toEqual(p);
    expect(d.notes).toEqual([]);
  });

  it('keeps good records and sets aside damaged ones', () => {
    const text = JSON.stringify({
      version: PROGRESS_VERSION,
      exercises: {
        good: { attempts: 2, correct: false, lastAnswer: '3', updated: '2026-01-01T00:00:00Z' },
        bad: { attempts: -1, correct: 'yes' },
        'Bad Id!': { attempts: 1, correct: true, lastAnswer: '', updated: '2026-01-01T00:00:00Z' },
      },
    });
    const d = decodeProgress(text);
    expect(Object.keys(d.progress.exercises)).toEqual(['good']);
    expect(d.notes[0]).toContain('2 saved records were damaged');
    expect(d.rejected).toBe(true);
  });

  it('sets aside unknown versions and broken JSON with a note', () => {
    expect(decodeProgress('{"version":99,"exercises":{}}').notes[0]).toContain('unknown version');
    expect(decodeProgress('{not json').notes[0]).toContain('could not be read');
  });

  it('never throws on arbitrary input (property)', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (s) => decodeProgress(s).progress.version === PROGRESS_VERSION));
  });

  it('counts attempts and keeps "correct" once reached', () => {
    let p = emptyProgress();
    p = recordAttempt(p, 'x', '1', true);
    p = recordAttempt(p, 'x', '2', false);
    expect(p.exercises.x).toMatchObject({ attempts: 2, correct: true, lastAnswer: '2' });
  });
});
