// IEEE 754 binary16 ("half") ⇄ float32/float64, bit-exact with what tfjs-core 4.22 does when it reads
// float16-quantized weights (io_utils.js getFloat16Decoder, after
// http://www.fox-toolkit.org/ftp/fasthalffloatconversion.pdf), and round-half-to-even the other way.
import { checkNoOverlap, checkOut, describe, rangeError, typeError } from '../core/index.js';

/**
 * The value of a binary16 bit pattern.
 *
 * @remarks
 * Exact (every half is a float32 and a float64): subnormals are m·2⁻²⁴, 0x7C00/0xFC00 are ±Infinity,
 * exponent 31 with a nonzero mantissa is NaN, 0x8000 is −0. This is the value tfjs gives the pattern
 * when it loads a float16-quantized weight ({@link decodeFloat16} also keeps NaN payloads).
 *
 * @param bits - the half's bit pattern, an integer in [0, 65535]
 * @returns its value as a number
 * @throws TypeError if `bits` is not a number
 * @throws RangeError if `bits` is not an integer in [0, 65535]
 *
 * @example
 * ```ts
 * halfToFloat(0x3c00); // 1
 * halfToFloat(0xc000); // -2
 * halfToFloat(0x0001); // 5.960464477539063e-8
 * halfToFloat(0x7bff); // 65504
 * halfToFloat(0x7c00); // Infinity
 * halfToFloat(0x7e00); // NaN
 * ```
 */
export function halfToFloat(bits: number): number {
  const fn = 'halfToFloat';
  if (typeof bits !== 'number') typeError(fn, `bits must be a number (got ${describe(bits)})`);
  if (!Number.isInteger(bits) || bits < 0 || bits > 0xffff) rangeError(fn, `bits must be an integer in [0, 65535] (got ${bits})`);
  return halfToFloatImpl(bits);
}

/** Value of a half bit pattern in [0, 65535]. Unchecked. @internal */
export function halfToFloatImpl(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 31) return m === 0 ? sign * Infinity : NaN;
  return sign * (1024 + m) * 2 ** (e - 25);
}

/**
 * float32 bit pattern (unsigned) of a half bit pattern: the exact value, NaN payload shifted left by 13,
 * as tfjs's table decoder computes it. Unchecked. @internal
 */
export function halfToFloat32Bits(h: number): number {
  const s = (h & 0x8000) << 16;
  const e = (h >> 10) & 0x1f;
  let m = h & 0x3ff;
  if (e === 31) return (s | 0x7f800000 | (m << 13)) >>> 0;
  if (e !== 0) return (s | ((e + 112) << 23) | (m << 13)) >>> 0;
  if (m === 0) return s >>> 0;
  // subnormal half: normalise; k shifts bring the leading 1 to bit 10, value 2^(-14-k)·1.f
  let k = 0;
  while ((m & 0x400) === 0) {
    m <<= 1;
    k++;
  }
  return (s | ((113 - k) << 23) | ((m & 0x3ff) << 13)) >>> 0;
}

/**
 * The binary16 bit pattern nearest to a number, ties to even.
 *
 * @remarks
 * Rounds the float64 value once (no double rounding through float32). Magnitudes ≥ 65520 (the midpoint
 * between 65504 and 2¹⁶) become ±Infinity, magnitudes ≤ 2⁻²⁵ become ±0 (2⁻²⁵ itself is a tie and goes to
 * the even 0), the sign of −0 is kept, and every NaN becomes the quiet NaN 0x7E00.
 *
 * @param x - any number
 * @returns the half's bit pattern, an integer in [0, 65535]
 * @throws TypeError if `x` is not a number
 *
 * @example
 * ```ts
 * floatToHalf(1); // 15360
 * floatToHalf(-2); // 49152
 * floatToHalf(0.1); // 11878
 * floatToHalf(2049); // 26624
 * floatToHalf(65520); // 31744
 * floatToHalf(-0); // 32768
 * floatToHalf(NaN); // 32256
 * ```
 */
export function floatToHalf(x: number): number {
  if (typeof x !== 'number') typeError('floatToHalf', `x must be a number (got ${describe(x)})`);
  return floatToHalfImpl(x);
}

/** Round-half-even of a non-negative x < 2^52 to an integer. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f + (f & 1);
}

/** Half bit pattern of any number, ties to even. Unchecked. @internal */
export function floatToHalfImpl(x: number): number {
  if (x !== x) return 0x7e00;
  const sign = x < 0 || (x === 0 && 1 / x < 0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= 65520) return sign | 0x7c00;
  if (a < 2 ** -14) return sign | roundHalfEven(a * 2 ** 24); // subnormal step 2^-24; 1024 is the smallest normal
  // 2^-14 ≤ a < 65520: find e with 2^e ≤ a < 2^(e+1), e in [-14, 15]
  let e = 15;
  while (a < 2 ** e) e--;
  const r = roundHalfEven(a * 2 ** (10 - e)); // in [1024, 2048]; 2048 carries into the exponent
  return sign | (((e + 15) << 10) + (r - 1024));
}

/**
 * Decodes binary16 bit patterns into float32 values, bit-exact with tfjs's float16 weight decoder.
 *
 * @remarks
 * Every pattern maps to its exact value; NaN patterns keep their payload (float32 bits
 * `0x7F800000 | m << 13`, sign kept), as in tfjs. With `out`, the first `codes.length` entries are
 * written and `out` itself is returned; it must not overlap `codes`.
 *
 * @param codes - half bit patterns
 * @param out - optional Float32Array of at least `codes.length` entries
 * @returns the float32 values (`out` when given)
 * @throws TypeError if `codes` is not a Uint16Array or `out` not a Float32Array
 * @throws RangeError if `out` is too short or overlaps `codes`
 *
 * @example
 * ```ts
 * decodeFloat16(new Uint16Array([0x3c00, 0xb800, 0x7c00])); // Float32Array [1, -0.5, Infinity]
 * ```
 */
export function decodeFloat16(codes: Uint16Array, out?: Float32Array): Float32Array {
  const fn = 'decodeFloat16';
  if (!(codes instanceof Uint16Array)) typeError(fn, `codes must be a Uint16Array (got ${describe(codes)})`);
  const o = checkOut(fn, out, Float32Array, codes.length);
  checkNoOverlap(fn, 'out', o, 'codes', codes);
  return decodeFloat16Impl(codes, o);
}

/** Writes the float32 bits of each half of `codes` into `out`. Unchecked. @internal */
export function decodeFloat16Impl(codes: Uint16Array, out: Float32Array): Float32Array {
  const n = codes.length;
  const bits = new Uint32Array(out.buffer, out.byteOffset, n); // same memory as out[0..n)
  for (let i = 0; i < n; i++) bits[i] = halfToFloat32Bits(codes[i]!);
  return out;
}

/**
 * Encodes numbers as binary16 bit patterns, rounding each value half-to-even ({@link floatToHalf}).
 *
 * @remarks
 * With `out`, the first `x.length` entries are written and `out` itself is returned; it must not
 * overlap `x`. NaN becomes 0x7E00, out-of-range magnitudes ±Infinity.
 *
 * @param x - values (Float32Array or Float64Array)
 * @param out - optional Uint16Array of at least `x.length` entries
 * @returns the half bit patterns (`out` when given)
 * @throws TypeError if `x` is not a Float32Array/Float64Array or `out` not a Uint16Array
 * @throws RangeError if `out` is too short or overlaps `x`
 *
 * @example
 * ```ts
 * encodeFloat16(new Float32Array([1, -0.5, 1e6])); // Uint16Array [15360, 47104, 31744]
 * decodeFloat16(encodeFloat16(new Float64Array([0.1]))); // Float32Array [0.0999755859375]
 * ```
 */
export function encodeFloat16(x: Float32Array | Float64Array, out?: Uint16Array): Uint16Array {
  const fn = 'encodeFloat16';
  if (!(x instanceof Float32Array || x instanceof Float64Array)) typeError(fn, `x must be a Float32Array or Float64Array (got ${describe(x)})`);
  const o = checkOut(fn, out, Uint16Array, x.length);
  checkNoOverlap(fn, 'out', o, 'x', x);
  const n = x.length;
  for (let i = 0; i < n; i++) o[i] = floatToHalfImpl(x[i]!);
  return o;
}
