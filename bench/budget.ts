/**
 * Budget reporting for benchmarks (Vitest 5's `bench` test fixture, Tinybench).
 * Each call runs one benchmark, then prints its median against the issue's budget.
 * Nothing is asserted: timings depend on the machine, so they are reported, never
 * used to fail `npm test`.
 */
import type { TestContext } from 'vitest';

type BenchFixture = TestContext['bench'];

const rows: { name: string; median: number; p99: number; budget: number }[] = [];

export async function withinBudget(bench: BenchFixture, name: string, budgetMs: number, fn: () => unknown, time = 500): Promise<number> {
  const result = await bench(name, fn).run({ time, warmupTime: 100 });
  const median = result.latency.p50 ?? result.latency.mean;
  const p99 = result.latency.p99 ?? median;
  rows.push({ name, median, p99, budget: budgetMs });
  const verdict = median <= budgetMs ? 'within budget' : 'OVER BUDGET';
  console.log(`[budget] ${name}: median ${median.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms (budget ${budgetMs} ms) ${verdict}`);
  return median;
}

export function budgetRows() {
  return rows;
}
