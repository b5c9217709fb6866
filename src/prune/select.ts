// O(n) selection of the k smallest magnitudes with an exact tie rule (lower index first), by radix
// select on the IEEE-754 bits: for non-negative floats the bit patterns order like the values, so
// |v| is `bits & 0x7fffffff` (float32) or the high word with the sign cleared, then the low word
// (float64). One histogram pass over the top bits finds the bucket of the k-th smallest key, one
// more pass writes the mask and collects that bucket, whose few members a radix select of their own
// settles. No sort, no per-element allocation.
import type { FloatArray } from '../core/index.js';
import { LITTLE_ENDIAN } from '../core/endian.js';

const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = LITTLE_ENDIAN ? 0 : 1;

/** Result of {@link radixSelectU32}: the key of the requested rank and how many keys are smaller. @internal */
interface Selected {
  value: number;
  below: number;
}

const B0 = 8192; // first digit: bits 31..19 (the float's exponent and 4 mantissa bits)

function findBucket(hist: Int32Array, rank: number): number {
  let cum = 0;
  let b = 0;
  for (; b < hist.length; b++) {
    const h = hist[b]!;
    if (cum + h > rank) break;
    cum += h;
  }
  return b;
}

function sumBelow(hist: Int32Array, b: number): number {
  let s = 0;
  for (let i = 0; i < b; i++) s += hist[i]!;
  return s;
}

/**
 * The value of 0-based `rank` among the unsigned 32-bit `keys[0..n)` and how many keys are below
 * it, by radix select (digits of 13, 11 and 8 bits). Callers guarantee 0 ≤ rank < n.
 * @internal
 */
export function radixSelectU32(keys: Uint32Array, n: number, rank: number): Selected {
  let hist = new Int32Array(B0);
  for (let i = 0; i < n; i++) (hist[keys[i]! >>> 19] as number)++;
  const b0 = findBucket(hist, rank);
  let below = sumBelow(hist, b0);
  rank -= below;
  const scratch = new Uint32Array(hist[b0]!);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (key >>> 19 === b0) scratch[m++] = key;
  }
  hist = new Int32Array(2048);
  for (let i = 0; i < m; i++) (hist[(scratch[i]! >>> 8) & 0x7ff] as number)++;
  const b1 = findBucket(hist, rank);
  let s = sumBelow(hist, b1);
  below += s;
  rank -= s;
  let m2 = 0;
  for (let i = 0; i < m; i++) {
    const key = scratch[i]!;
    if (((key >>> 8) & 0x7ff) === b1) scratch[m2++] = key;
  }
  hist = new Int32Array(256);
  for (let i = 0; i < m2; i++) (hist[scratch[i]! & 0xff] as number)++;
  const b2 = findBucket(hist, rank);
  s = sumBelow(hist, b2);
  below += s;
  return { value: ((b0 << 19) | (b1 << 8) | b2) >>> 0, below };
}

/**
 * Writes into `out` a mask that prunes (0) the `k` entries of smallest |keys| among those with
 * `mask[i] ≠ 0` (all when `mask` is null), the lower index first among equal magnitudes; other
 * selected entries get 1, unselected ones 0. Callers guarantee no NaN in `keys`, 0 ≤ k ≤ the number
 * of selected entries, and out.length ≥ keys.length.
 *
 * Two passes over the data: a histogram of the top bits of |key|'s bit pattern (12 below the sign,
 * 16 for float32 keys without a mask from 2^18 entries), then one that writes every entry outside
 * the bucket holding the k-th smallest and collects the bucket's indices; the (few) candidates are
 * then resolved by a radix select of their own.
 * @internal
 */
export function smallestMaskImpl(keys: FloatArray, k: number, mask: Uint8Array | null, out: Uint8Array): Uint8Array {
  return smallestMaskFromHistogram(keys, k, mask, out, k === 0 ? null : keyHistogram(keys, mask));
}

/**
 * The histogram {@link smallestMaskImpl} starts from: counts of the top 12 bits of |key| below the
 * sign over the selected entries, or for float32 keys without a mask from 2^18 entries four
 * unmerged copies of the counts of the top 16 bits (length 4·2^16). Exposed so that a caller can
 * check {@link histogramMayHoldNaN} before writing.
 * @internal
 */
export function keyHistogram(keys: FloatArray, mask: Uint8Array | null): Int32Array {
  const n = keys.length;
  if (keys instanceof Float32Array) {
    if (mask === null && n >= FINE_MIN) return (fineHistogram ??= makeFineHistogram())(new Uint32Array(keys.buffer, keys.byteOffset, n), n);
    return histogramTop(new Uint32Array(keys.buffer, keys.byteOffset, n), 1, 0, n, mask);
  }
  return histogramTop(new Uint32Array(keys.buffer, keys.byteOffset, 2 * n), 2, HI, n, mask);
}

/** False when no key can be NaN or ±Infinity (their exponent bits are all ones). @internal */
export function histogramMayHoldNaN(hist: Int32Array, f32: boolean): boolean {
  if (hist.length === 4 * BF) {
    // the four unmerged copies of histogramFine32: exponent 0xff is bins 0xff00..0xffff of each
    for (let c = 0; c < 4 * BF; c += BF) for (let b = c + 0xff00; b < c + BF; b++) if (hist[b] !== 0) return true;
    return false;
  }
  for (let b = f32 ? 0xff0 : 0xffe; b < hist.length; b++) if (hist[b] !== 0) return true;
  return false;
}

/** {@link smallestMaskImpl} from a histogram made by {@link keyHistogram} (null when k = 0). @internal */
export function smallestMaskFromHistogram(keys: FloatArray, k: number, mask: Uint8Array | null, out: Uint8Array, hist: Int32Array | null): Uint8Array {
  const n = keys.length;
  if (k === 0 || hist === null) {
    if (mask === null) out.fill(1, 0, n);
    else for (let i = 0; i < n; i++) out[i] = mask[i] !== 0 ? 1 : 0;
    return out;
  }
  const f32 = keys instanceof Float32Array;
  if (hist.length === 4 * BF) {
    // the fine histogram of a float32 key without mask (keyHistogram, n ≥ FINE_MIN), four copies
    // summed here only up to the threshold bucket (the pages above it are never touched)
    const w32 = new Uint32Array(keys.buffer, keys.byteOffset, n);
    let belowF = 0;
    let bf = 0;
    let c = 0;
    for (; bf < BF; bf++) {
      c = hist[bf]! + hist[0x10000 + bf]! + hist[0x20000 + bf]! + hist[0x30000 + bf]!;
      if (belowF + c > k - 1) break;
      belowF += c;
    }
    const cand = new Int32Array(c);
    splitFine32(w32, n, bf, out, cand);
    resolve32(w32, cand, k - belowF, out);
    return out;
  }
  const w = f32 ? new Uint32Array(keys.buffer, keys.byteOffset, n) : new Uint32Array(keys.buffer, keys.byteOffset, 2 * n);
  const b0 = findBucket(hist, k - 1);
  const below0 = sumBelow(hist, b0);
  const idx = new Int32Array(hist[b0]!);
  if (mask === null && f32) splitByBucket32(w, n, b0, out, idx);
  else splitByBucket(w, f32 ? 1 : 2, f32 ? 0 : HI, n, mask, b0, out, idx);
  const kc = k - below0; // still to prune among the candidates (1 ≤ kc ≤ idx.length)
  if (f32) resolve32(w, idx, kc, out);
  else resolve64(w, idx, kc, out);
  return out;
}

function splitByBucket32(w: Uint32Array, n: number, b0: number, out: Uint8Array, idx: Int32Array): void {
  let m = 0;
  let i = 0;
  if (out.byteOffset % 4 === 0) {
    // four mask bytes per store: the byte stores, not the reads, bound this loop
    const out32 = new Uint32Array(out.buffer, out.byteOffset, n >>> 2);
    for (; i + 8 <= n; i += 8) {
      const d0 = (w[i]! & 0x7fffffff) >>> 19;
      const d1 = (w[(i + 1) | 0]! & 0x7fffffff) >>> 19;
      const d2 = (w[(i + 2) | 0]! & 0x7fffffff) >>> 19;
      const d3 = (w[(i + 3) | 0]! & 0x7fffffff) >>> 19;
      const d4 = (w[(i + 4) | 0]! & 0x7fffffff) >>> 19;
      const d5 = (w[(i + 5) | 0]! & 0x7fffffff) >>> 19;
      const d6 = (w[(i + 6) | 0]! & 0x7fffffff) >>> 19;
      const d7 = (w[(i + 7) | 0]! & 0x7fffffff) >>> 19;
      out32[i >>> 2] = ((b0 - d0) >>> 31) | (((b0 - d1) >>> 31) << 8) | (((b0 - d2) >>> 31) << 16) | (((b0 - d3) >>> 31) << 24);
      out32[(i >>> 2) + 1] = ((b0 - d4) >>> 31) | (((b0 - d5) >>> 31) << 8) | (((b0 - d6) >>> 31) << 16) | (((b0 - d7) >>> 31) << 24);
      if (d0 === b0) idx[m++] = i;
      if (d1 === b0) idx[m++] = i + 1;
      if (d2 === b0) idx[m++] = i + 2;
      if (d3 === b0) idx[m++] = i + 3;
      if (d4 === b0) idx[m++] = i + 4;
      if (d5 === b0) idx[m++] = i + 5;
      if (d6 === b0) idx[m++] = i + 6;
      if (d7 === b0) idx[m++] = i + 7;
    }
  }
  for (; i < n; i++) {
    const d = (w[i]! & 0x7fffffff) >>> 19;
    out[i] = (b0 - d) >>> 31;
    if (d === b0) idx[m++] = i;
  }
}

// Float32 keys without a mask, n ≥ FINE_MIN: a first digit of 16 bits (|key|'s exponent and 8
// mantissa bits, `(bits << 1) >>> 16`) instead of 12, so that the threshold bucket, whose members
// the split pass collects behind a branch and resolve32 reads back at random, holds about 16 times
// fewer entries (≈ 10 000 of 1e7 Gaussian weights at 10% kept instead of ≈ 150 000).
// The hot loops spell 2^16 as literals (0x10000, `>>> 16`): bundlers turn module consts into vars,
// and `BF + d` made the histogram 1.6× slower in an esbuild bundle.
const BF = 0x10000;
const FINE_MIN = 1 << 18; // from about here the finer bucket saves more than the 1 MiB of counters costs

type FineHistogram = (w: Uint32Array, n: number) => Int32Array;

let fineHistogram: FineHistogram | undefined;

// The fine histogram's counters live in the closure (made once, cleared per call): V8 then knows
// their length, so the increments carry no bounds checks. The caller reads them before the next call.
function makeFineHistogram(): FineHistogram {
  const h = new Int32Array(0x40000);
  return function histogramFine32(w: Uint32Array, n: number): Int32Array {
    h.fill(0);
    let i = 0;
    for (; i + 8 <= n; i += 8) {
      (h[(w[i]! << 1) >>> 16] as number)++;
      (h[0x10000 + ((w[i + 1]! << 1) >>> 16)] as number)++;
      (h[0x20000 + ((w[i + 2]! << 1) >>> 16)] as number)++;
      (h[0x30000 + ((w[i + 3]! << 1) >>> 16)] as number)++;
      (h[(w[i + 4]! << 1) >>> 16] as number)++;
      (h[0x10000 + ((w[i + 5]! << 1) >>> 16)] as number)++;
      (h[0x20000 + ((w[i + 6]! << 1) >>> 16)] as number)++;
      (h[0x30000 + ((w[i + 7]! << 1) >>> 16)] as number)++;
    }
    for (; i < n; i++) (h[(w[i]! << 1) >>> 16] as number)++;
    return h; // not merged: the caller sums the four copies only up to the threshold bucket
  };
}

// splitByBucket32 on the fine digit
function splitFine32(w: Uint32Array, n: number, b0: number, out: Uint8Array, idx: Int32Array): void {
  let m = 0;
  let i = 0;
  if (out.byteOffset % 4 === 0) {
    const out32 = new Uint32Array(out.buffer, out.byteOffset, n >>> 2);
    for (; i + 8 <= n; i += 8) {
      const d0 = (w[i]! << 1) >>> 16;
      const d1 = (w[(i + 1) | 0]! << 1) >>> 16;
      const d2 = (w[(i + 2) | 0]! << 1) >>> 16;
      const d3 = (w[(i + 3) | 0]! << 1) >>> 16;
      const d4 = (w[(i + 4) | 0]! << 1) >>> 16;
      const d5 = (w[(i + 5) | 0]! << 1) >>> 16;
      const d6 = (w[(i + 6) | 0]! << 1) >>> 16;
      const d7 = (w[(i + 7) | 0]! << 1) >>> 16;
      out32[i >>> 2] = ((b0 - d0) >>> 31) | (((b0 - d1) >>> 31) << 8) | (((b0 - d2) >>> 31) << 16) | (((b0 - d3) >>> 31) << 24);
      out32[(i >>> 2) + 1] = ((b0 - d4) >>> 31) | (((b0 - d5) >>> 31) << 8) | (((b0 - d6) >>> 31) << 16) | (((b0 - d7) >>> 31) << 24);
      if (d0 === b0) idx[m++] = i;
      if (d1 === b0) idx[m++] = i + 1;
      if (d2 === b0) idx[m++] = i + 2;
      if (d3 === b0) idx[m++] = i + 3;
      if (d4 === b0) idx[m++] = i + 4;
      if (d5 === b0) idx[m++] = i + 5;
      if (d6 === b0) idx[m++] = i + 6;
      if (d7 === b0) idx[m++] = i + 7;
    }
  }
  for (; i < n; i++) {
    const d = (w[i]! << 1) >>> 16;
    out[i] = (b0 - d) >>> 31;
    if (d === b0) idx[m++] = i;
  }
}

function histogramTop(w: Uint32Array, stride: number, off: number, n: number, mask: Uint8Array | null): Int32Array {
  const hist = new Int32Array(B0);
  if (mask === null) {
    if (stride === 1) return histogramTop32(w, n);
    else for (let i = 0, j = off; i < n; i++, j += stride) (hist[(w[j]! & 0x7fffffff) >>> 19] as number)++;
  } else {
    for (let i = 0, j = off; i < n; i++, j += stride) if (mask[i] !== 0) (hist[(w[j]! & 0x7fffffff) >>> 19] as number)++;
  }
  return hist;
}

// Four interleaved histograms: weights cluster in a few buckets, and one histogram would chain
// every increment on the previous store to the same counter.
function histogramTop32(w: Uint32Array, n: number): Int32Array {
  const h = new Int32Array(4 * B0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    (h[(w[i]! & 0x7fffffff) >>> 19] as number)++;
    (h[0x2000 + ((w[i + 1]! & 0x7fffffff) >>> 19)] as number)++; // literals, not B0: see BF below
    (h[0x4000 + ((w[i + 2]! & 0x7fffffff) >>> 19)] as number)++;
    (h[0x6000 + ((w[i + 3]! & 0x7fffffff) >>> 19)] as number)++;
  }
  for (; i < n; i++) (h[(w[i]! & 0x7fffffff) >>> 19] as number)++;
  const hist = h.subarray(0, B0);
  for (let b = 0; b < 0x2000; b++) hist[b] = hist[b]! + h[0x2000 + b]! + h[0x4000 + b]! + h[0x6000 + b]!;
  return hist;
}

// out[i] = 1 above bucket b0, 0 below it or unselected; indices in bucket b0 go to idx (in order).
function splitByBucket(w: Uint32Array, stride: number, off: number, n: number, mask: Uint8Array | null, b0: number, out: Uint8Array, idx: Int32Array): void {
  let m = 0;
  if (mask === null) {
    for (let i = 0, j = off; i < n; i++, j += stride) {
      const d = (w[j]! & 0x7fffffff) >>> 19;
      out[i] = (b0 - d) >>> 31;
      if (d === b0) idx[m++] = i;
    }
  } else {
    for (let i = 0, j = off; i < n; i++, j += stride) {
      if (mask[i] === 0) {
        out[i] = 0;
        continue;
      }
      const d = (w[j]! & 0x7fffffff) >>> 19;
      out[i] = (b0 - d) >>> 31;
      if (d === b0) idx[m++] = i;
    }
  }
}

function resolve32(w: Uint32Array, idx: Int32Array, kc: number, out: Uint8Array): void {
  const m = idx.length;
  const ck = new Uint32Array(m);
  for (let j = 0; j < m; j++) ck[j] = w[idx[j]!]! & 0x7fffffff;
  const sel = radixSelectU32(ck, m, kc - 1);
  const t = sel.value;
  let eq = kc - sel.below; // equal to the threshold and still to prune, lowest index first
  for (let j = 0; j < m; j++) {
    const key = ck[j]!;
    const i = idx[j]!;
    if (key > t) out[i] = 1;
    else if (key < t) out[i] = 0;
    else if (eq > 0) {
      out[i] = 0;
      eq--;
    } else out[i] = 1;
  }
}

function resolve64(w: Uint32Array, idx: Int32Array, kc: number, out: Uint8Array): void {
  const m = idx.length;
  const hiK = new Uint32Array(m);
  const loK = new Uint32Array(m);
  for (let j = 0; j < m; j++) {
    const i = idx[j]!;
    hiK[j] = w[2 * i + HI]! & 0x7fffffff;
    loK[j] = w[2 * i + LO]!;
  }
  const selHi = radixSelectU32(hiK, m, kc - 1);
  const th = selHi.value;
  let c = 0;
  for (let j = 0; j < m; j++) if (hiK[j] === th) c++;
  const lows = new Uint32Array(c);
  c = 0;
  for (let j = 0; j < m; j++) if (hiK[j] === th) lows[c++] = loK[j]!;
  const selLo = radixSelectU32(lows, c, kc - 1 - selHi.below);
  const tl = selLo.value;
  let eq = kc - selHi.below - selLo.below;
  for (let j = 0; j < m; j++) {
    const hi = hiK[j]!;
    const lo = loK[j]!;
    const i = idx[j]!;
    if (hi > th || (hi === th && lo > tl)) out[i] = 1;
    else if (hi < th || lo < tl) out[i] = 0;
    else if (eq > 0) {
      out[i] = 0;
      eq--;
    } else out[i] = 1;
  }
}

/** Index of the first NaN in `x`, or −1. @internal */
export function indexOfNaN(x: ArrayLike<number>): number {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v !== v) return i;
  }
  return -1;
}
