/**
 * Seeded pseudo-random numbers: the same integer seed gives the same stream in
 * Node, the browser and a Web Worker, because everything is 32-bit integer
 * arithmetic (Math.imul, >>>) with no platform-dependent floating point.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's "Small Fast Counting" generator from
 * PractRand), seeded through splitmix32 so that nearby seeds give unrelated
 * streams. sfc32 passes PractRand to 2^40+ bytes; it is not cryptographic and
 * does not need to be.
 */
import { EngineInputError } from './errors';

export interface Rng {
  /** Uniform on [0, 1) with 32 bits of resolution. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal N(0, 1) (Marsaglia polar method, one cached spare). */
  normal(): number;
  /** Uniform on [a, b). */
  uniform(a: number, b: number): number;
  /** Exponential with the given rate. */
  exponential(rate: number): number;
  /** Derive an independent child stream (for a sub-model) deterministically. */
  fork(label: number): Rng;
  /** The integer seed this stream was created from. */
  readonly seed: number;
}

function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t = t ^ (t >>> 15);
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/** Largest seed accepted: seeds are 32-bit unsigned integers. */
export const MAX_SEED = 0xffffffff;

/** Create a seeded generator. Seeds must be integers in [0, 2^32 − 1]. */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new EngineInputError('invalid-parameter', `seed must be a whole number in [0, ${MAX_SEED}] (got ${seed})`, 'seed');
  }
  const init = splitmix32(seed);
  let a = init() | 0;
  let b = init() | 0;
  let c = init() | 0;
  let d = 1;
  const nextU32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs, as the reference implementation recommends.
  for (let i = 0; i < 12; i++) nextU32();

  let spare: number | undefined;
  const next = (): number => nextU32() / 4294967296;
  const rng: Rng = {
    seed,
    next,
    int(n: number): number {
      if (!Number.isInteger(n) || n <= 0) throw new EngineInputError('invalid-parameter', `int(n) needs a positive whole n (got ${n})`, 'n');
      return Math.floor(next() * n);
    },
    normal(): number {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u: number, v: number, s: number;
      do {
        u = 2 * next() - 1;
        v = 2 * next() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const m = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * m;
      return u * m;
    },
    uniform(lo: number, hi: number): number {
      return lo + (hi - lo) * next();
    },
    exponential(rate: number): number {
      return -Math.log(1 - next()) / rate;
    },
    fork(label: number): Rng {
      return createRng(hashInts(seed, label));
    },
  };
  return rng;
}

/**
 * Mix integers into one 32-bit seed (murmur3 finaliser per word). Used to derive
 * sub-streams and, for exercises, seeds from (assignment, student, exercise).
 */
export function hashInts(...xs: number[]): number {
  let h = 0x811c9dc5 | 0;
  for (const x of xs) {
    let k = Math.imul(x | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash a string (UTF-16 code units) to a 32-bit seed (FNV-1a, then mixed). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return hashInts(h >>> 0);
}
