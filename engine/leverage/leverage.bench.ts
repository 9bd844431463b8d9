/**
 * Timing budgets of the leverage engine (issue #4), reported rather than
 * asserted (timings depend on the machine; Vitest 5 `bench` test-context
 * fixture, since Vitest 5 no longer exports a top-level `bench`):
 *   default population (10,000 positions) cascade   < 4 ms
 *   1,000,000 positions cascade                      < 300 ms
 *   liquidation map of 1,000,000 positions           < 100 ms
 * Populations are generated (and sorted by liquidation price) once, outside
 * the timed functions, as a widget does when only the shock changes.
 * Run: PATH=$PWD/node_modules/.bin:$PATH npx vitest bench --run engine/leverage
 */
import { test } from 'vitest';
import { cascade } from './cascade';
import { cascadeInTime } from './cascadeInTime';
import { insuranceFundCascade } from './insuranceFund';
import { liquidationMap } from './liquidationMap';
import { createOrderBook } from './orderBook';
import { generatePopulation } from './population';

const small = generatePopulation({}, 1);
const smallBook = createOrderBook({}, 100);
const large = generatePopulation({ positions: 1_000_000 }, 1);
// A book scaled to the larger market ($1B within 1 %, the spec's maximum).
const largeBook = createOrderBook({ depth: 1_000_000_000 }, 100);

test('cascade, default population of 10,000 (budget 4 ms)', async ({ bench }) => {
  const r = await bench('cascade 10k', () => {
    cascade(small, smallBook, { shock: 0.03 });
  }).run({ time: 1000 });
  console.log(`cascade 10k: median ${r.latency.p50} ms`);
});

test('cascade, 1,000,000 positions (budget 300 ms)', async ({ bench }) => {
  const r = await bench('cascade 1M', () => {
    cascade(large, largeBook, { shock: 0.03 });
  }).run({ time: 2000 });
  console.log(`cascade 1M: median ${r.latency.p50} ms`);
});

test('liquidation map, 1,000,000 positions, 400 bins (budget 100 ms)', async ({ bench }) => {
  const r = await bench('liquidationMap 1M', () => {
    liquidationMap(large, { bins: 400, range: [50, 150] });
  }).run({ time: 2000 });
  console.log(`liquidationMap 1M: median ${r.latency.p50} ms`);
});

test('other models at the default size (no budget)', async ({ bench }) => {
  for (const [name, fn] of [
    ['cascadeInTime 10k', () => cascadeInTime(small, smallBook, { shock: 0.03 })],
    ['insuranceFundCascade 10k', () => insuranceFundCascade(small, smallBook, { shock: 0.03 })],
    ['generatePopulation 10k', () => generatePopulation({}, 2)],
  ] as const) {
    const r = await bench(name, () => {
      fn();
    }).run({ time: 1000 });
    console.log(`${name}: median ${r.latency.p50} ms`);
  }
});
