/**
 * Directed networks in compressed sparse row (CSR) form, plus conversions to
 * and from dense matrices for small examples.
 *
 * Orientation used throughout the contagion part of the book: an edge i → j
 * means "i owes j" (i is the debtor, j the creditor), the same orientation as
 * `liabilities[i][j]` in the clearing-vector contract. Payments and losses
 * therefore travel along the edges: when i defaults, its creditors (the
 * out-neighbours of i) lose. A bank's in-degree is its number of debtors,
 * over which Gai & Kapadia (2010) spread its interbank assets.
 */
import { EngineInputError } from '../core/errors';

/** A directed network in CSR form: the out-neighbours of i are targets[offsets[i] … offsets[i+1]−1]. */
export interface Network {
  /** Number of nodes (banks). */
  n: number;
  /** Length n + 1, non-decreasing, offsets[0] = 0, offsets[n] = number of edges. */
  offsets: Int32Array;
  /** Edge targets, grouped by source. */
  targets: Int32Array;
}

/** A network with an amount on every edge (e.g. what the source owes the target). */
export interface WeightedNetwork extends Network {
  /** weights[e] belongs to the edge targets[e]; same length as targets. */
  weights: Float64Array;
}

/** Number of directed edges. */
export function edgeCount(net: Network): number {
  return net.offsets[net.n]!;
}

/** Out-degree of every node (number of creditors under the book's orientation). */
export function outDegrees(net: Network): Int32Array {
  const d = new Int32Array(net.n);
  for (let i = 0; i < net.n; i++) d[i] = net.offsets[i + 1]! - net.offsets[i]!;
  return d;
}

/** In-degree of every node (number of debtors under the book's orientation). */
export function inDegrees(net: Network): Int32Array {
  const d = new Int32Array(net.n);
  const m = edgeCount(net);
  for (let e = 0; e < m; e++) d[net.targets[e]!]!++;
  return d;
}

/**
 * Build a CSR network from an edge list. Edges are kept in the order given
 * within each source (a counting sort, O(n + m)). Self-loops are rejected:
 * a bank cannot owe itself.
 */
export function networkFromEdges(n: number, sources: ArrayLike<number>, targets: ArrayLike<number>, weights?: ArrayLike<number>): WeightedNetwork {
  if (!Number.isInteger(n) || n < 0) throw new EngineInputError('invalid-parameter', `n must be a whole number ≥ 0 (got ${n})`, 'n');
  const m = sources.length;
  if (targets.length !== m) throw new EngineInputError('invalid-shape', `sources and targets differ in length (${m} vs ${targets.length})`, 'targets');
  if (weights && weights.length !== m) throw new EngineInputError('invalid-shape', `weights must have one entry per edge (${m}, got ${weights.length})`, 'weights');
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const s = sources[e]!;
    const t = targets[e]!;
    if (!Number.isInteger(s) || s < 0 || s >= n || !Number.isInteger(t) || t < 0 || t >= n) {
      throw new EngineInputError('out-of-range', `edge ${e} (${s} → ${t}) has a node outside 0…${n - 1}`, 'edges');
    }
    if (s === t) throw new EngineInputError('invalid-parameter', `edge ${e} is a self-loop at node ${s}`, 'edges');
    offsets[s + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const tg = new Int32Array(m);
  const w = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const s = sources[e]!;
    const k = fill[s]!++;
    tg[k] = targets[e]!;
    w[k] = weights ? weights[e]! : 1;
  }
  return { n, offsets, targets: tg, weights: w };
}

/** Edge list of a network, for figures ({source, target, weight}). */
export function networkEdges(net: Network | WeightedNetwork): { source: number; target: number; weight: number }[] {
  const out: { source: number; target: number; weight: number }[] = [];
  const w = 'weights' in net ? net.weights : undefined;
  for (let i = 0; i < net.n; i++) {
    for (let e = net.offsets[i]!; e < net.offsets[i + 1]!; e++) out.push({ source: i, target: net.targets[e]!, weight: w ? w[e]! : 1 });
  }
  return out;
}

/** Reverse every edge (i → j becomes j → i), keeping weights. O(n + m). */
export function transposeNetwork(net: WeightedNetwork): WeightedNetwork {
  const { n } = net;
  const m = edgeCount(net);
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) offsets[net.targets[e]! + 1]!++;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(m);
  const weights = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let e = net.offsets[i]!; e < net.offsets[i + 1]!; e++) {
      const k = fill[net.targets[e]!]!++;
      targets[k] = i;
      weights[k] = net.weights[e]!;
    }
  }
  return { n, offsets, targets, weights };
}

/**
 * Dense matrix of a network: m[i][j] = sum of the weights of edges i → j
 * (1 per edge for an unweighted network). For small networks and figures only:
 * O(n²) memory.
 */
export function toDenseMatrix(net: Network | WeightedNetwork): number[][] {
  const w = 'weights' in net ? net.weights : undefined;
  const out: number[][] = [];
  for (let i = 0; i < net.n; i++) {
    const row = new Array<number>(net.n).fill(0);
    for (let e = net.offsets[i]!; e < net.offsets[i + 1]!; e++) row[net.targets[e]!]! += w ? w[e]! : 1;
    out.push(row);
  }
  return out;
}

/**
 * CSR network from a dense square matrix: an edge i → j for every nonzero
 * m[i][j], with that entry as its weight. The matrix must be square, finite,
 * non-negative, with a zero diagonal.
 */
export function fromDenseMatrix(m: number[][], param = 'matrix'): WeightedNetwork {
  const n = requireSquareNonNegative(m, param, true);
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const row = m[i]!;
    let c = 0;
    for (let j = 0; j < n; j++) if (row[j]! !== 0) c++;
    offsets[i + 1] = offsets[i]! + c;
  }
  const targets = new Int32Array(offsets[n]!);
  const weights = new Float64Array(offsets[n]!);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const row = m[i]!;
    for (let j = 0; j < n; j++) {
      const v = row[j]!;
      if (v !== 0) {
        targets[k] = j;
        weights[k++] = v;
      }
    }
  }
  return { n, offsets, targets, weights };
}

/**
 * Check that `m` is a square matrix of finite, non-negative numbers; with
 * `zeroDiagonal`, also that every diagonal entry is 0. Returns its size.
 * Throws `EngineInputError` (codes 'invalid-shape', 'not-finite', 'out-of-range',
 * 'invalid-parameter') naming the first offending entry.
 */
export function requireSquareNonNegative(m: unknown, param: string, zeroDiagonal: boolean): number {
  if (!Array.isArray(m)) throw new EngineInputError('invalid-shape', `${param} must be an array of rows`, param);
  const n = m.length;
  for (let i = 0; i < n; i++) {
    const row: unknown = m[i];
    if (!Array.isArray(row) || row.length !== n) {
      throw new EngineInputError('invalid-shape', `${param} must be square: row ${i} has ${Array.isArray(row) ? row.length : 'no'} entries, expected ${n}`, param);
    }
    for (let j = 0; j < n; j++) {
      const v: unknown = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new EngineInputError('not-finite', `${param}[${i}][${j}] must be a finite number (got ${String(v)})`, param);
      if (v < 0) throw new EngineInputError('out-of-range', `${param}[${i}][${j}] must be ≥ 0 (got ${v})`, param);
      if (zeroDiagonal && i === j && v !== 0) throw new EngineInputError('invalid-parameter', `${param}[${i}][${i}] must be 0: a bank has no claim on itself (got ${v})`, param);
    }
  }
  return n;
}

/** Check a vector of length n of finite numbers ≥ lo (and ≤ hi). Returns it as a Float64Array. */
export function requireVector(v: unknown, n: number, param: string, lo = 0, hi = Infinity): Float64Array {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw new EngineInputError('invalid-shape', `${param} must be an array of ${n} numbers`, param);
  const a = v as ArrayLike<unknown>;
  if (a.length !== n) throw new EngineInputError('invalid-shape', `${param} must have ${n} entries (got ${a.length})`, param);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x: unknown = a[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new EngineInputError('not-finite', `${param}[${i}] must be a finite number (got ${String(x)})`, param);
    if (x < lo || x > hi) throw new EngineInputError('out-of-range', `${param}[${i}] must lie in [${lo}, ${hi}] (got ${x})`, param);
    out[i] = x;
  }
  return out;
}

/** Validate a CSR network's arrays (shape, ranges, no self-loops). */
export function requireNetwork(net: unknown, param = 'network'): Network {
  const x = net as Partial<Network> | null;
  if (!x || typeof x !== 'object' || !(x.offsets instanceof Int32Array) || !(x.targets instanceof Int32Array) || typeof x.n !== 'number') {
    throw new EngineInputError('invalid-shape', `${param} must be {n, offsets: Int32Array, targets: Int32Array}`, param);
  }
  const { n, offsets, targets } = x;
  if (!Number.isInteger(n) || n < 0 || offsets.length !== n + 1 || offsets[0] !== 0 || offsets[n] !== targets.length) {
    throw new EngineInputError('invalid-shape', `${param}: offsets must have n + 1 entries from 0 to the number of edges`, param);
  }
  for (let i = 0; i < n; i++) {
    const a = offsets[i]!;
    const b = offsets[i + 1]!;
    if (b < a) throw new EngineInputError('invalid-shape', `${param}: offsets must be non-decreasing (at ${i})`, param);
    for (let e = a; e < b; e++) {
      const t = targets[e]!;
      if (t < 0 || t >= n) throw new EngineInputError('out-of-range', `${param}: edge target ${t} outside 0…${n - 1}`, param);
      if (t === i) throw new EngineInputError('invalid-parameter', `${param}: self-loop at node ${i}`, param);
    }
  }
  return { n, offsets, targets };
}
