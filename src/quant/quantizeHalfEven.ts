// The half-to-even quantize loops, one per (float, code) type pair (STYLE G6).
//
// q = (clamp(x / s, lo, hi) + MAGIC − MAGIC + zp) | 0. The clamp is Math.min/Math.max, not a
// branch: a branchy clamp with an in-loop NaN test ran at half the speed (bench/quant.bench.ts,
// interleaved). NaN passes through min/max, so a running sum of the clamped values is NaN exactly
// when some x is NaN; only then is x rescanned for the first NaN. The clamped values are bounded
// by the code range, so the sum stays finite.
import type { FloatArray } from '../core/types.js';
import type { QuantizedArray } from './quantize.js';

// 1.5 · 2^52: adding and subtracting it rounds a double of magnitude < 2^51 to an integer, ties to even.
// The loops copy it to a local: bundlers turn module consts into vars, which V8 reloads per element
// (1.2× on the per-tensor loop, interleaved, dist-style bundle).
const MAGIC = 6755399441055744;

/**
 * Half-even quantize of x[start, end) with one scale and zero point into `out`; returns the index
 * of the first NaN (the output is then incomplete) or −1. `lo`/`hi` are qmin − zp and qmax − zp.
 * @internal
 */
export function halfEvenRange(x: FloatArray, start: number, end: number, s: number, zp: number, lo: number, hi: number, out: QuantizedArray): number {
  const f32 = x instanceof Float32Array;
  const sum = out instanceof Int8Array
    ? (f32 ? rangeF32I8(x, out, start, end, s, zp, lo, hi) : rangeF64I8(x as Float64Array, out, start, end, s, zp, lo, hi))
    : f32 ? rangeF32U8(x, out, start, end, s, zp, lo, hi) : rangeF64U8(x as Float64Array, out, start, end, s, zp, lo, hi);
  return sum === sum ? -1 : firstNaN(x, start, end);
}

function rangeF32I8(x: Float32Array, out: Int8Array, start: number, end: number, s: number, zp: number, lo: number, hi: number): number {
  const magic = MAGIC;
  let sum = 0;
  for (let i = start; i < end; i++) {
    const v = Math.min(Math.max(x[i]! / s, lo), hi);
    sum += v;
    out[i] = (v + magic - magic + zp) | 0;
  }
  return sum;
}

function rangeF32U8(x: Float32Array, out: Uint8Array, start: number, end: number, s: number, zp: number, lo: number, hi: number): number {
  const magic = MAGIC;
  let sum = 0;
  for (let i = start; i < end; i++) {
    const v = Math.min(Math.max(x[i]! / s, lo), hi);
    sum += v;
    out[i] = (v + magic - magic + zp) | 0;
  }
  return sum;
}

function rangeF64I8(x: Float64Array, out: Int8Array, start: number, end: number, s: number, zp: number, lo: number, hi: number): number {
  const magic = MAGIC;
  let sum = 0;
  for (let i = start; i < end; i++) {
    const v = Math.min(Math.max(x[i]! / s, lo), hi);
    sum += v;
    out[i] = (v + magic - magic + zp) | 0;
  }
  return sum;
}

function rangeF64U8(x: Float64Array, out: Uint8Array, start: number, end: number, s: number, zp: number, lo: number, hi: number): number {
  const magic = MAGIC;
  let sum = 0;
  for (let i = start; i < end; i++) {
    const v = Math.min(Math.max(x[i]! / s, lo), hi);
    sum += v;
    out[i] = (v + magic - magic + zp) | 0;
  }
  return sum;
}

// Periodic parameters are applied one channel at a time over a tile of rows that stays in cache,
// so the inner loop is the per-tensor loop with a stride: 1.35× a row-by-row loop reading the
// parameters per element (C = 32, interleaved).
const TILE_ROWS = 64;

/**
 * Half-even quantize of n values whose parameters repeat with a short period (the channel axis
 * innermost or nearly so): element i uses the tables' entry i mod period. Returns the first NaN's
 * index or −1.
 * @internal
 */
export function halfEvenPeriodic(
  x: FloatArray, n: number, div: Float64Array, zp: Float64Array, lo: Float64Array, hi: Float64Array, out: QuantizedArray,
): number {
  const f32 = x instanceof Float32Array;
  const sum = out instanceof Int8Array
    ? (f32 ? periodicF32I8(x, out, n, div, zp, lo, hi) : periodicF64I8(x as Float64Array, out, n, div, zp, lo, hi))
    : f32 ? periodicF32U8(x, out, n, div, zp, lo, hi) : periodicF64U8(x as Float64Array, out, n, div, zp, lo, hi);
  return sum === sum ? -1 : firstNaN(x, 0, n);
}

function periodicF32I8(x: Float32Array, out: Int8Array, n: number, div: Float64Array, zp: Float64Array, lo: Float64Array, hi: Float64Array): number {
  const magic = MAGIC;
  const period = div.length;
  const rows = n / period;
  let sum = 0;
  for (let r0 = 0; r0 < rows; r0 += TILE_ROWS) {
    const end = Math.min(rows, r0 + TILE_ROWS) * period;
    for (let j = 0; j < period; j++) {
      const s = div[j]!;
      const l = lo[j]!;
      const h = hi[j]!;
      const z = zp[j]!;
      for (let i = r0 * period + j; i < end; i += period) {
        const v = Math.min(Math.max(x[i]! / s, l), h);
        sum += v;
        out[i] = (v + magic - magic + z) | 0;
      }
    }
  }
  return sum;
}

function periodicF32U8(x: Float32Array, out: Uint8Array, n: number, div: Float64Array, zp: Float64Array, lo: Float64Array, hi: Float64Array): number {
  const magic = MAGIC;
  const period = div.length;
  const rows = n / period;
  let sum = 0;
  for (let r0 = 0; r0 < rows; r0 += TILE_ROWS) {
    const end = Math.min(rows, r0 + TILE_ROWS) * period;
    for (let j = 0; j < period; j++) {
      const s = div[j]!;
      const l = lo[j]!;
      const h = hi[j]!;
      const z = zp[j]!;
      for (let i = r0 * period + j; i < end; i += period) {
        const v = Math.min(Math.max(x[i]! / s, l), h);
        sum += v;
        out[i] = (v + magic - magic + z) | 0;
      }
    }
  }
  return sum;
}

function periodicF64I8(x: Float64Array, out: Int8Array, n: number, div: Float64Array, zp: Float64Array, lo: Float64Array, hi: Float64Array): number {
  const magic = MAGIC;
  const period = div.length;
  const rows = n / period;
  let sum = 0;
  for (let r0 = 0; r0 < rows; r0 += TILE_ROWS) {
    const end = Math.min(rows, r0 + TILE_ROWS) * period;
    for (let j = 0; j < period; j++) {
      const s = div[j]!;
      const l = lo[j]!;
      const h = hi[j]!;
      const z = zp[j]!;
      for (let i = r0 * period + j; i < end; i += period) {
        const v = Math.min(Math.max(x[i]! / s, l), h);
        sum += v;
        out[i] = (v + magic - magic + z) | 0;
      }
    }
  }
  return sum;
}

function periodicF64U8(x: Float64Array, out: Uint8Array, n: number, div: Float64Array, zp: Float64Array, lo: Float64Array, hi: Float64Array): number {
  const magic = MAGIC;
  const period = div.length;
  const rows = n / period;
  let sum = 0;
  for (let r0 = 0; r0 < rows; r0 += TILE_ROWS) {
    const end = Math.min(rows, r0 + TILE_ROWS) * period;
    for (let j = 0; j < period; j++) {
      const s = div[j]!;
      const l = lo[j]!;
      const h = hi[j]!;
      const z = zp[j]!;
      for (let i = r0 * period + j; i < end; i += period) {
        const v = Math.min(Math.max(x[i]! / s, l), h);
        sum += v;
        out[i] = (v + magic - magic + z) | 0;
      }
    }
  }
  return sum;
}

function firstNaN(x: FloatArray, start: number, end: number): number {
  for (let i = start; i < end; i++) if (x[i] !== x[i]) return i;
  return -1;
}
