/**
 * Run an engine job in a Web Worker from a widget. Each run gets its own worker,
 * so cancel is instant (`terminate`) and a cancelled run can never post late
 * results. Browser only.
 */
import type { WorkerReply } from './jobs';

export interface RunHandle<Out> {
  result: Promise<Out>;
  cancel(): void;
}

export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

let nextRun = 1;

export function runJob<Out = unknown, Partial = unknown>(
  job: string,
  params: unknown,
  on: { progress?: (done: number, total: number, partial?: Partial) => void } = {},
): RunHandle<Out> {
  const runId = nextRun++;
  const worker = new Worker(new URL('../workers/engine.worker.ts', import.meta.url), { type: 'module', name: `engine-${job}` });
  let settle: { resolve: (v: Out) => void; reject: (e: unknown) => void } | null = null;
  const result = new Promise<Out>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const finish = () => worker.terminate();
  worker.onmessage = (e: MessageEvent<WorkerReply>) => {
    const m = e.data;
    if (m.runId !== runId) return;
    if (m.type === 'progress') on.progress?.(m.done, m.total, m.partial as Partial);
    else if (m.type === 'done') {
      finish();
      settle?.resolve(m.result as Out);
    } else {
      finish();
      settle?.reject(new Error(m.message));
    }
  };
  worker.onerror = (e) => {
    finish();
    settle?.reject(new Error(e.message || 'The worker failed to start.'));
  };
  worker.postMessage({ type: 'run', runId, job, params });
  return {
    result,
    cancel() {
      finish();
      settle?.reject(new JobCancelled());
    },
  };
}
