import { storageAssignmentContext } from '../assignment-context';
import { PROGRESS_KEY, loadProgress } from '../progress';
import type { Assignment } from '../assignment';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

const A: Assignment = { v: 1, id: 'Ctx0000001', title: 'HW', due: null, exercises: ['ch1-loop-gain'], variants: false, attempts: 0, solutions: 'always' };

describe('storageAssignmentContext', () => {
  it('saves every checked answer to storage, with or without a save callback, and reads it back per student', () => {
    const storage = memoryStorage();
    const ada = storageAssignmentContext(A, { name: 'Ada', id: 's1' }, (_id, d) => ({ params: d, seed: null }), storage);
    ada.record('ch1-loop-gain', '0.5', { sensitivity: 40, impact: 0.015 }, null, false);
    const rec = ada.record('ch1-loop-gain', '0.6', { sensitivity: 40, impact: 0.015 }, null, true);
    expect(rec).toMatchObject({ answer: '0.6', attempts: 2, solved: true });
    expect(storage.getItem(PROGRESS_KEY)).toContain('"attempts":2');
    // A second context on the same storage (the frame of an experiment) sees the same work.
    const again = storageAssignmentContext(A, { name: 'Ada', id: ' S1 ' }, (_id, d) => ({ params: d, seed: null }), storage, () => {});
    expect(again.saved('ch1-loop-gain')?.attempts).toBe(2);
    // Another student on the same browser does not.
    const bob = storageAssignmentContext(A, { name: 'Bob', id: 's2' }, (_id, d) => ({ params: d, seed: null }), storage);
    expect(bob.saved('ch1-loop-gain')).toBeUndefined();
    expect(loadProgress(storage).progress.exercises).toEqual({});
  });
});
