/**
 * Heavy engine runs (Monte Carlo sweeps, large networks) as named jobs for the
 * Web Worker. A job is a generator: it yields progress (and optionally a partial
 * result to stream into the figure) and returns the final result. The engine stays
 * synchronous and deterministic; the worker only drives it.
 */
export interface JobProgress<P = unknown> {
  done: number;
  total: number;
  /** A partial result the figure can show while the job runs. */
  partial?: P;
}

export type Job<In = any, Partial = any, Out = any> = (params: In) => Generator<JobProgress<Partial>, Out, void>;

/** Messages from the worker to the page. */
export type WorkerReply =
  | { type: 'progress'; runId: number; done: number; total: number; partial?: unknown }
  | { type: 'done'; runId: number; result: unknown; elapsedMs: number }
  | { type: 'error'; runId: number; message: string };

/** Messages from the page to the worker. */
export interface WorkerRequest {
  type: 'run';
  runId: number;
  job: string;
  params: unknown;
}

/**
 * Drive a job to completion, reporting progress at most every `intervalMs`.
 * Shared by the worker and by tests (which run jobs in Node without a worker).
 */
export function driveJob<In, P, Out>(job: Job<In, P, Out>, params: In, report: (p: JobProgress<P>) => void, intervalMs = 50, now: () => number = () => performance.now()): Out {
  const it = job(params);
  let last = -Infinity;
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
    const t = now();
    if (t - last >= intervalMs || step.value.done === step.value.total) {
      report(step.value);
      last = t;
    }
  }
}
