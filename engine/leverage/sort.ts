/**
 * Stable argsort of non-negative doubles by LSD radix sort on their IEEE-754
 * bit patterns. For x ≥ 0 the 64-bit pattern read as an unsigned integer is
 * ordered like x itself, so eight 8-bit passes (low word first) sort exactly,
 * in O(n) time, about as fast as the native sort of the bare keys, which
 * cannot return the permutation (a comparator sort of an index array is
 * several times slower). Run once per population, it makes every cascade
 * a pointer walk.
 *
 * Passes in which every key has the same 8-bit digit are skipped (common
 * for the top digit: prices of one market share their exponent).
 */
import { EngineInputError } from '../core/errors';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Indices `idx` reordered so that keys[idx[i]] is ascending (ties keep the
 * input order). `keys` must be finite and ≥ 0 (−0 is treated as 0).
 */
export function argsortNonNegative(keys: Float64Array, idx: Uint32Array): Uint32Array {
  const n = idx.length;
  const words = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = keys[idx[i]!]!;
    if (!(k >= 0) || k === Number.POSITIVE_INFINITY) {
      throw new EngineInputError('invalid-parameter', `sort keys must be finite and non-negative (got ${k})`, 'keys');
    }
    words[i] = k === 0 ? 0 : k; // turn −0 into +0
  }
  const u32 = new Uint32Array(words.buffer);
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  const loOff = LITTLE_ENDIAN ? 0 : 1;
  const hiOff = 1 - loOff;
  for (let i = 0; i < n; i++) {
    lo[i] = u32[2 * i + loOff]!;
    hi[i] = u32[2 * i + hiOff]!;
  }
  let curIdx = Uint32Array.from(idx);
  let curLo = lo;
  let curHi = hi;
  let nxtIdx = new Uint32Array(n);
  let nxtLo = new Uint32Array(n);
  let nxtHi = new Uint32Array(n);
  // Eight passes of 8-bit digits, low word first. 256 buckets keep the scatter
  // writes cache-friendly (16-bit digits were several times slower at n = 10^6).
  const count = new Uint32Array(256);
  for (let pass = 0; pass < 8; pass++) {
    const src = pass < 4 ? curLo : curHi;
    const shift = (pass % 4) * 8;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i]! >>> shift) & 0xff]!++;
    if (n === 0 || count[(src[0]! >>> shift) & 0xff] === n) continue; // every digit equal: order unchanged
    let total = 0;
    for (let d = 0; d < 256; d++) {
      const c = count[d]!;
      count[d] = total;
      total += c;
    }
    for (let i = 0; i < n; i++) {
      const d = (src[i]! >>> shift) & 0xff;
      const j = count[d]!++;
      nxtIdx[j] = curIdx[i]!;
      nxtLo[j] = curLo[i]!;
      nxtHi[j] = curHi[i]!;
    }
    [curIdx, nxtIdx] = [nxtIdx, curIdx];
    [curLo, nxtLo] = [nxtLo, curLo];
    [curHi, nxtHi] = [nxtHi, curHi];
  }
  return curIdx;
}
