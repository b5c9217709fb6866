// A fast, accurate natural logarithm for the entropy kernels (about 4× Math.log in a loop).
//
// x = 2^e · m with m ∈ [1, 2). The top 10 mantissa bits pick a bucket with centre c; then
// ln x = (e + a)·ln 2 + ln(c / 2^a) + log1p(r),  r = (m − c) / c,  |r| ≤ 2^-10,
// where a = 1 for the upper half of the buckets (m ≥ 1.5, read as m/2 ∈ [0.75, 1)) so that
// values just below 1 need no cancellation. The first bucket has c = 1 and the last c = 2,
// so ln x near x = 1 is log1p(r) alone: relative accuracy holds there too.
// log1p(r) is its degree-5 Taylor polynomial: truncation ≤ |r|^6/6 ≤ 1.4e-19, i.e. ≤ 2e-16 relative.

/** Number of mantissa bits that select a bucket. @internal */
export const LOG_TABLE_BITS = 10;
const BUCKETS = 1 << LOG_TABLE_BITS;
/** ln 2 as a double. @internal */
export const LN2 = Math.LN2;

/** Tables of the fast logarithm, indexed by the top 10 mantissa bits. @internal */
export interface LogTables {
  /** bucket index → centre c ∈ [1, 2] */
  readonly centre: Float64Array;
  /** bucket index → 1 / c */
  readonly inverse: Float64Array;
  /** bucket index → ln(c / 2^a), a = 1 for the upper half */
  readonly logCentre: Float64Array;
}

let cached: LogTables | undefined;

/** Builds the tables on first use. @internal */
export function logTables(): LogTables {
  if (cached !== undefined) return cached;
  const centre = new Float64Array(BUCKETS);
  const inverse = new Float64Array(BUCKETS);
  const logCentre = new Float64Array(BUCKETS);
  for (let i = 0; i < BUCKETS; i++) {
    const c = i === 0 ? 1 : i === BUCKETS - 1 ? 2 : 1 + (i + 0.5) / BUCKETS;
    centre[i] = c;
    inverse[i] = 1 / c;
    logCentre[i] = i >= BUCKETS / 2 ? Math.log(c / 2) : Math.log(c);
  }
  cached = { centre, inverse, logCentre };
  return cached;
}

/**
 * Tables of the float32 loops, read straight from a value's 32 bits w (a positive normal float v):
 * with h = w >>> 13 (the exponent and the bucket), `lnHead[h]` is (e + a)·ln 2 + ln(c / 2^a) and
 * `inverse[h]` is 1/(c·2^e), so ln v = lnHead[h] + log1p(r) with r = v·inverse[h] − 1, |r| ≤ 2^-10.
 * The product rounds once (r within 1.2e-16 of (m − c)/c); in the first and last buckets inverse
 * is a power of two, so r is exact and ln v near 1 keeps its relative accuracy. The loops load v
 * anyway, and this replaced two bucket tables and integer steps: 1.11× (crossEntropy, interleaved).
 * 2 × 2 MiB, built on first use.
 * @internal
 */
export interface Float32LogTables {
  /** (exponent, bucket) → the logarithm of the bucket's centre, indexed by w >>> 13 */
  readonly lnHead: Float64Array;
  /** (exponent, bucket) → 1/(c·2^e), indexed by w >>> 13 */
  readonly inverse: Float64Array;
}

let cachedF32: Float32LogTables | undefined;

/** Builds the float32 tables on first use. @internal */
export function float32LogTables(): Float32LogTables {
  if (cachedF32 !== undefined) return cachedF32;
  const { inverse: inverseCentre, logCentre } = logTables();
  const lnHead = new Float64Array(1 << 18);
  const inverse = new Float64Array(1 << 18);
  for (let biased = 0, idx = 0; biased < 256; biased++) {
    const e = biased - 127;
    const scale = 2 ** -e;
    for (let j = 0; j < BUCKETS; j++, idx++) {
      lnHead[idx] = (e + (j >> (LOG_TABLE_BITS - 1))) * LN2 + logCentre[j]!;
      inverse[idx] = inverseCentre[j]! * scale;
    }
  }
  cachedF32 = { lnHead, inverse };
  return cachedF32;
}

/**
 * Tables for ln x of a positive double x = p/q whose exponent e lies in [RATIO_EXP_MIN, −RATIO_EXP_MIN),
 * indexed by k = (hi >>> 10) − `RATIO_BASE`, hi the upper 32 bits of x (exponent and top 10 mantissa
 * bits; k is outside [0, RATIO_SIZE) for every other double, negatives and NaN included):
 * ln x = `head[k]` + log1p(r), r = x·`inverse[k]` − 1, where head is (e + a)·ln 2 + ln(c / 2^a) and
 * inverse is 1/(c·2^e). In the first and last buckets inverse is a power of two, so r is exact and
 * ln x near 1 keeps its relative accuracy. 2 × 1 MiB, built on first use.
 * @internal
 */
export interface RatioLogTables {
  /** k → (e + a)·ln 2 + ln(c / 2^a) */
  readonly head: Float64Array;
  /** k → 1 / (c·2^e) */
  readonly inverse: Float64Array;
}

/** Smallest exponent of x the ratio tables cover (they cover 2^-64 ≤ x < 2^64). @internal */
export const RATIO_EXP_MIN = -64;
/** Subtracted from hi >>> 10 to index the ratio tables. @internal */
export const RATIO_BASE = (1023 + RATIO_EXP_MIN) << LOG_TABLE_BITS;
/** Number of entries of each ratio table. @internal */
export const RATIO_SIZE = (-2 * RATIO_EXP_MIN) << LOG_TABLE_BITS;

let cachedRatio: RatioLogTables | undefined;

/** Builds the ratio tables on first use. @internal */
export function ratioLogTables(): RatioLogTables {
  if (cachedRatio !== undefined) return cachedRatio;
  const { inverse: inverseCentre, logCentre } = logTables();
  const head = new Float64Array(RATIO_SIZE);
  const inverse = new Float64Array(RATIO_SIZE);
  for (let e = RATIO_EXP_MIN, k = 0; e < -RATIO_EXP_MIN; e++) {
    const scale = 2 ** -e;
    for (let j = 0; j < BUCKETS; j++, k++) {
      head[k] = (e + (j >> (LOG_TABLE_BITS - 1))) * LN2 + logCentre[j]!;
      inverse[k] = inverseCentre[j]! * scale;
    }
  }
  cachedRatio = { head, inverse };
  return cachedRatio;
}

/** True when typed arrays are little-endian here (the bit views below assume it). @internal */
import { LITTLE_ENDIAN } from '../core/endian.js';
export { LITTLE_ENDIAN };

const scratchF64 = /*#__PURE__*/ new Float64Array(1);
const scratchI32 = /*#__PURE__*/ new Int32Array(scratchF64.buffer);

/**
 * ln(x) for any double, through the tables; falls back to Math.log for zero, subnormals,
 * negatives, infinities and NaN, so it agrees with Math.log's special values.
 * @internal
 */
export function fastLog(x: number): number {
  if (!LITTLE_ENDIAN) return Math.log(x);
  scratchF64[0] = x;
  const hi = scratchI32[1]!;
  if ((hi - 0x00100000) >>> 0 >= 0x7fe00000) return Math.log(x);
  const t = cached ?? logTables();
  const idx = (hi >>> 10) & 1023;
  const m = 1 + (hi & 0xfffff) * 9.5367431640625e-7 + (scratchI32[0]! >>> 0) * 2.220446049250313e-16;
  const r = (m - t.centre[idx]!) * t.inverse[idx]!;
  const e = (hi >>> 20) - 1023 + (idx >> 9);
  return e * LN2 + t.logCentre[idx]! + r * (1 + r * (-0.5 + r * (0.3333333333333333 + r * (-0.25 + r * 0.2))));
}

const scratchF32 = /*#__PURE__*/ new Float32Array(1);
const scratchF32Word = /*#__PURE__*/ new Int32Array(scratchF32.buffer);

/**
 * ln(x) by the float32 loops' own formula (see {@link Float32LogTables}) when x is a positive normal
 * float32 value, else {@link fastLog}: the normalising logarithm of the float32 entropy and
 * crossEntropy, so that a single-symbol vector, whose sum is that symbol, gives exactly 0.
 * @internal
 */
export function float32TableLog(x: number): number {
  scratchF32[0] = x;
  const w = scratchF32Word[0]!;
  if (scratchF32[0] !== x || (w - 0x00800000) >>> 0 >= 0x7f000000) return fastLog(x);
  const { lnHead, inverse } = cachedF32 ?? float32LogTables();
  const h = w >>> 13;
  const r = x * inverse[h]! - 1;
  const q = r * r;
  return lnHead[h]! + (r + q * ((-0.5 + r * 0.3333333333333333) + q * (-0.25 + r * 0.2)));
}

/** An Int32Array over the same bytes as `x` (two words per Float64, little-endian). @internal */
export function bitsOf(x: Float32Array | Float64Array): Int32Array {
  const words = x instanceof Float32Array ? x.length : 2 * x.length;
  return new Int32Array(x.buffer, x.byteOffset, words);
}
