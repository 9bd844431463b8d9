/**
 * Budgets (brief, chapter 5):
 *   clearingVector, dense 1,000 banks           < 50 ms
 *   clearingVectorSparse, 10,000 banks, z = 5   < 100 ms
 *   one Gai–Kapadia trial, 1,000 banks          < 2 ms
 *   Gai–Kapadia sweep, 20 points × 500 trials   < 20 s (single thread)
 * Each fast path runs side by side with a plain reference (Picard iteration).
 * Timings are reported, not asserted (Vitest 5 `bench` test-context fixture).
 * Run: PATH=$PWD/node_modules/.bin:$PATH npx vitest bench --run engine/contagion
 */
import { test } from 'vitest';
import { createRng } from '../core/random';
import { clearingVector, clearingVectorSparse } from './eisenbergNoe';
import { clearingVectorNaive } from './clearingNaive';
import { erdosRenyi } from './generators';
import { gaiKapadiaBalanceSheets, gaiKapadiaLiabilities } from './balanceSheets';
import { gaiKapadia } from './gaiKapadia';
import { gaiKapadiaSweep } from './gaiKapadiaSweep';
import { runContagionSweep } from './monteCarlo';
import type { WeightedNetwork } from './network';

/** Dense 1,000-bank system: interbank debts ≈ 20 % of liabilities; `shocked` share of banks lose most external assets. */
function denseSystem(n: number, shocked: number, seed: number) {
  const rng = createRng(seed);
  const liabilities: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(n);
    for (let j = 0; j < n; j++) row[j] = i === j ? 0 : (0.4 / (n - 1)) * rng.next();
    liabilities.push(row);
  }
  const externalAssets = Array.from({ length: n }, () => (rng.next() < shocked ? 0.3 : 0.8));
  const externalLiabilities = new Array<number>(n).fill(0.76);
  return { liabilities, externalAssets, externalLiabilities };
}

/** Sparse Gai–Kapadia balance sheets on an Erdős–Rényi network; 5 % of banks lose half their external assets. */
function sparseSystem(n: number, z: number, seed: number) {
  const net = erdosRenyi({ banks: n, avgDegree: z, seed });
  const sheets = gaiKapadiaBalanceSheets(net, { interbankShare: 0.2, capitalBuffer: 0.04 });
  const network = gaiKapadiaLiabilities(net, sheets);
  const rng = createRng(seed + 1);
  const externalAssets = Float64Array.from(sheets.illiquidAssets, (a) => (rng.next() < 0.05 ? 0.5 * a : a));
  const externalLiabilities = Float64Array.from(sheets.deposits, (d) => Math.max(d, 0));
  return { network, externalAssets, externalLiabilities };
}

/** Plain Jacobi fixed-point iteration on CSR (the sparse reference). */
function naiveSparse(x: ReturnType<typeof sparseSystem>, tol = 1e-13, maxIt = 100000): number {
  const { network: net, externalAssets: e, externalLiabilities: ext } = x;
  const n = net.n;
  const pbar = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    pbar[i] = ext[i]!;
    for (let k = net.offsets[i]!; k < net.offsets[i + 1]!; k++) pbar[i]! += net.weights[k]!;
  }
  let p = Float64Array.from(pbar);
  let it = 0;
  for (; it < maxIt; it++) {
    const inc = new Float64Array(n);
    for (let j = 0; j < n; j++) for (let k = net.offsets[j]!; k < net.offsets[j + 1]!; k++) inc[net.targets[k]!]! += (net.weights[k]! / pbar[j]!) * p[j]!;
    let change = 0;
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      next[i] = Math.min(pbar[i]!, e[i]! + inc[i]!);
      change = Math.max(change, p[i]! - next[i]!);
    }
    p = next;
    if (change <= tol) break;
  }
  return it;
}

const dense10 = denseSystem(1000, 0.1, 1);
const dense40 = denseSystem(1000, 0.4, 2);
const sparse = sparseSystem(10000, 5, 3);
const sparseNet: WeightedNetwork = sparse.network;

const ms = (x: number | undefined): string => (x === undefined ? 'n/a' : `${x.toFixed(3)} ms`);

test('clearingVector, dense 1,000 banks (budget 50 ms), vs Picard iteration', { timeout: 300_000 }, async ({ bench }) => {
  const fast10 = bench('fictitious default, 10 % shocked', () => {
    clearingVector(dense10);
  });
  const fast40 = bench('fictitious default, 40 % shocked', () => {
    clearingVector(dense40);
  });
  const ref10 = bench('Picard, 10 % shocked', () => {
    clearingVectorNaive(dense10);
  });
  const ref40 = bench('Picard, 40 % shocked', () => {
    clearingVectorNaive(dense40);
  });
  const r = await bench.compare(fast10, fast40, ref10, ref40, { time: 2000 });
  for (const name of ['fictitious default, 10 % shocked', 'fictitious default, 40 % shocked', 'Picard, 10 % shocked', 'Picard, 40 % shocked'] as const) {
    console.log(`dense clearing, ${name}: median ${ms(r.get(name).latency.p50)}`);
  }
  const c10 = clearingVector(dense10);
  const c40 = clearingVector(dense40);
  console.log(`  defaults: ${c10.defaulted.filter(Boolean).length} and ${c40.defaulted.filter(Boolean).length}; rounds ${c10.rounds}, ${c40.rounds}; sweeps ${c10.sweeps}, ${c40.sweeps}`);
  console.log(`  Picard iterations: ${clearingVectorNaive(dense10).iterations}, ${clearingVectorNaive(dense40).iterations}`);
});

test('clearingVectorSparse, 10,000 banks, z = 5 (budget 100 ms), vs sparse Picard iteration', { timeout: 300_000 }, async ({ bench }) => {
  const input = { network: sparseNet, externalAssets: sparse.externalAssets, externalLiabilities: sparse.externalLiabilities };
  const r = await bench.compare(
    bench('fictitious default + Gauss–Seidel', () => {
      clearingVectorSparse(input);
    }),
    bench('sparse Picard', () => {
      naiveSparse(sparse);
    }),
    { time: 2000 },
  );
  console.log(`sparse clearing: median ${ms(r.get('fictitious default + Gauss–Seidel').latency.p50)}; Picard ${ms(r.get('sparse Picard').latency.p50)}`);
  const c = clearingVectorSparse(input);
  console.log(`  defaults ${c.defaulted.reduce((a, b) => a + b, 0)}, rounds ${c.rounds}, sweeps ${c.sweeps}; Picard iterations ${naiveSparse(sparse)}`);
});

test('Gai–Kapadia trial, 1,000 banks (budget 2 ms)', { timeout: 300_000 }, async ({ bench }) => {
  let seed = 0;
  const base = { banks: 1000, interbankShare: 0.2, capitalBuffer: 0.04 };
  const r = await bench.compare(
    bench('z = 4', () => {
      gaiKapadia({ ...base, avgDegree: 4, seed: seed++ });
    }),
    bench('z = 8', () => {
      gaiKapadia({ ...base, avgDegree: 8, seed: seed++ });
    }),
    bench('z = 4, fire sales', () => {
      gaiKapadia({ ...base, avgDegree: 4, assetLiquidity: 0.9, seed: seed++ });
    }),
    { time: 2000 },
  );
  for (const name of ['z = 4', 'z = 8', 'z = 4, fire sales'] as const) console.log(`Gai–Kapadia trial, ${name}: median ${ms(r.get(name).latency.p50)}`);
});

test('Gai–Kapadia sweep, 20 points × 500 trials (budget 20 s)', { timeout: 600_000 }, () => {
  const t0 = performance.now();
  runContagionSweep(gaiKapadiaSweep({ banks: 1000, interbankShare: 0.2, capitalBuffer: 0.04, seed: 1, trials: 500, zMin: 0.5, zMax: 10, points: 20 }));
  console.log(`Gai–Kapadia sweep 20 × 500: ${((performance.now() - t0) / 1000).toFixed(2)} s (one run)`);
});
