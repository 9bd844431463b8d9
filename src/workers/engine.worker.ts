/// <reference lib="webworker" />
/**
 * The engine worker: runs one named job at a time and streams its progress.
 * Cancelling is `worker.terminate()` from the page (immediate, whatever the job
 * is doing), so jobs need no cancellation checks of their own.
 */
import { jobs } from './jobs/index';
import { driveJob, type WorkerReply, type WorkerRequest } from '../lib/jobs';

const ctx = self as unknown as DedicatedWorkerGlobalScope;

ctx.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const { runId, job, params } = e.data;
  const post = (m: WorkerReply) => ctx.postMessage(m);
  const fn = jobs[job];
  if (!fn) {
    post({ type: 'error', runId, message: `Unknown job “${job}”.` });
    return;
  }
  const t0 = performance.now();
  try {
    const result = driveJob(fn, params, (p) => post({ type: 'progress', runId, done: p.done, total: p.total, partial: p.partial }));
    post({ type: 'done', runId, result, elapsedMs: performance.now() - t0 });
  } catch (err) {
    post({ type: 'error', runId, message: err instanceof Error ? err.message : String(err) });
  }
};
