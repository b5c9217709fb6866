import { checkNoOverlap, checkOptions, dispatcher, rangeError, typeError } from '../core/index.js';
import { LITTLE_ENDIAN } from '../core/endian.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { channelCount, channelLayout } from './layout.js';
import type { ChannelLayout } from './layout.js';
import { resolveParams } from './quantParams.js';
import type { QuantParams, ResolvedParams } from './quantParams.js';
import type { QuantizedArray } from './quantize.js';

/** Options of {@link dequantize}. */
export interface DequantizeOptions {
  /** Destination: Float32Array (default type) or Float64Array of at least q's length; returned as given (for Tensor input: out, or a view of its first elements when longer). */
  out?: FloatArray;
}

const dispatch = /*#__PURE__*/ dispatcher('dequantize', ['q', 'params', 'options'], {
  'Int8Array | Uint8Array, any, any': (q: QuantizedArray, p: unknown, o: DequantizeOptions) => dequantizeArray(q, p, o),
  'Tensor, any, any': (q: Tensor<QuantizedArray>, p: unknown, o: DequantizeOptions) => dequantizeTensor(q, p, o),
});

/**
 * Real values of quantized codes: x = (q − zeroPoint) · scale.
 *
 * @remarks
 * ONNX DequantizeLinear / `torch.dequantize`: the product is exact in float64 and rounded once to
 * the output type, so a Float32Array result is bit-identical to a float32 `(q − zp) * scale`.
 * `params.dtype` defaults to q's type (Int8Array: 'int8', Uint8Array: 'uint8'); a different
 * explicit dtype is a RangeError. Codes outside [qmin, qmax] are dequantized as they are.
 * Per-channel takes a {@link Tensor} and `params.axis`, and returns a Tensor.
 *
 * @param q - codes: Int8Array, Uint8Array, or a Tensor of one
 * @param params - {@link QuantParams}
 * @param options - {@link DequantizeOptions}
 * @returns Float32Array (or `out`), or a Tensor of it for Tensor input
 * @throws TypeError for wrong argument types or an `out` that is not a float array
 * @throws RangeError for bad params, a dtype that does not match q, a short `out` or `out` overlapping q
 *
 * @example
 * ```ts
 * dequantize(new Int8Array([-128, 0, 3, 127]), { scale: 0.5, zeroPoint: 3 }); // Float32Array [-65.5, -1.5, 0, 62]
 * ```
 */
export function dequantize(q: Tensor<QuantizedArray>, params: QuantParams, options?: DequantizeOptions): Tensor<FloatArray>;
export function dequantize(q: QuantizedArray, params: QuantParams, options?: DequantizeOptions): FloatArray;
export function dequantize(q: QuantizedArray | Tensor<QuantizedArray>, params: QuantParams, options: DequantizeOptions = {}): FloatArray | Tensor<FloatArray> {
  return dispatch(q, params, checkOptions('dequantize', options)) as FloatArray | Tensor<FloatArray>;
}

/** resolveParams with dtype defaulting to the code array's type. @internal */
export function resolveForCodes(fn: string, q: QuantizedArray, params: unknown, channels?: number): ResolvedParams {
  const qDtype = q instanceof Int8Array ? 'int8' : 'uint8';
  const given = typeof params === 'object' && params !== null ? (params as { dtype?: unknown }).dtype : undefined;
  const rp = resolveParams(fn, given === undefined && typeof params === 'object' && params !== null ? { ...params, dtype: qDtype } : params, channels);
  if (rp.dtype !== qDtype) rangeError(fn, `params.dtype is '${rp.dtype}' but q is a ${q.constructor.name}`);
  return rp;
}

function dequantizeArray(q: QuantizedArray, params: unknown, o: DequantizeOptions): FloatArray {
  const rp = resolveForCodes('dequantize', q, params);
  return run(q, rp, { outer: 1, channels: 1, inner: q.length, axis: -1, shape: [q.length] }, o);
}

function dequantizeTensor(q: Tensor<QuantizedArray>, params: unknown, o: DequantizeOptions): Tensor<FloatArray> {
  const fn = 'dequantize';
  const data = q.data;
  if (!(data instanceof Int8Array || data instanceof Uint8Array)) {
    typeError(fn, `q.data must be an Int8Array or Uint8Array (got ${Array.isArray(data) ? 'Array' : (data as object).constructor.name})`);
  }
  const rp = resolveForCodes(fn, data, params, channelCount(fn, 'q', q, params));
  const layout = channelLayout(fn, 'q', q, rp.axis);
  const out = run(data, rp, layout, o);
  // a longer `out` is returned as given in arrays; a Tensor's data must match its shape
  return { data: out.length === data.length ? out : out.subarray(0, data.length), shape: layout.shape };
}

/** Checks or allocates a float destination (Float32Array by default). @internal */
export function floatOut(fn: string, out: unknown, n: number, fallback: 'float32' | 'float64' = 'float32'): FloatArray {
  if (out === undefined) return fallback === 'float32' ? new Float32Array(n) : new Float64Array(n);
  if (!(out instanceof Float32Array || out instanceof Float64Array)) {
    const got = out === null ? 'null' : typeof out === 'object' ? (out as object).constructor.name : typeof out;
    typeError(fn, `out must be a Float32Array or Float64Array (got ${got})`);
  }
  if (out.length < n) rangeError(fn, `out has length ${out.length}, needs ${n}`);
  return out;
}

function run(q: QuantizedArray, rp: ResolvedParams, layout: ChannelLayout, o: DequantizeOptions): FloatArray {
  const out = floatOut('dequantize', o.out, q.length);
  checkNoOverlap('dequantize', 'out', out, 'q', q);
  return dequantizeImpl(q, layout.outer, layout.channels, layout.inner, rp.scale, rp.zeroPoint, out);
}

/**
 * Unchecked dequantize kernel over a [outer, channels, inner] layout: out = (q − zp[c]) · scale[c].
 * @internal
 */
export function dequantizeImpl(
  q: QuantizedArray, outer: number, channels: number, inner: number, scale: Float64Array, zeroPoint: Int32Array, out: FloatArray,
): FloatArray {
  if (inner < 8 && channels > 1) {
    // channel (nearly) innermost: the parameters repeat every channels·inner values
    const period = channels * inner;
    const zp = new Float64Array(period);
    const s = new Float64Array(period);
    for (let j = 0; j < period; j++) {
      const c = (j / inner) | 0;
      zp[j] = zeroPoint[c]!;
      s[j] = scale[c]!;
    }
    const n = outer * period;
    if (q instanceof Int8Array) {
      if (out instanceof Float32Array) periodicI8F32(q, out, n, zp, s);
      else periodicI8F64(q, out, n, zp, s);
    } else if (out instanceof Float32Array) periodicU8F32(q, out, n, zp, s);
    else periodicU8F64(q, out, n, zp, s);
    return out;
  }
  const run = q instanceof Int8Array ? (out instanceof Float32Array ? rangeI8F32 : rangeI8F64) : out instanceof Float32Array ? rangeU8F32 : rangeU8F64;
  let i = 0;
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      run(q as never, out as never, i, i + inner, zeroPoint[c]!, scale[c]!);
      i += inner;
    }
  }
  return out;
}

// One loop per (code, float) type pair (STYLE G6): a single generic loop that has seen several
// typed-array types runs at about half the speed of these.
function rangeI8F32(q: Int8Array, out: Float32Array, start: number, end: number, zp: number, s: number): void {
  if (end - start >= TABLE_MIN && LITTLE_ENDIAN) return byTable(q, out, start, end, zp, s, true);
  for (let i = start; i < end; i++) out[i] = (q[i]! - zp) * s;
}

function rangeU8F32(q: Uint8Array, out: Float32Array, start: number, end: number, zp: number, s: number): void {
  if (end - start >= TABLE_MIN && LITTLE_ENDIAN) return byTable(q, out, start, end, zp, s, false);
  for (let i = start; i < end; i++) out[i] = (q[i]! - zp) * s;
}

// Long float32 runs read four codes per 32-bit word and copy each code's float32 bits from a
// 256-entry table: 1.28× the arithmetic loop (medians of 80 interleaved runs, 1e6 codes). The
// table holds the same float32 values as the arithmetic, (code − zp) · s rounded once.
const TABLE_MIN = 4096;
type ByTable = (q: Int8Array | Uint8Array, out: Float32Array, start: number, end: number, zp: number, s: number, signed: boolean) => void;

// The table lives in the closure (made once), so V8 compiles the loop with its address known; a
// module-level table becomes a var in bundles and is reloaded per element.
const byTable: ByTable = /*#__PURE__*/ makeByTable();

function makeByTable(): ByTable {
  const table = new Float32Array(256);
  const tableBits = new Int32Array(table.buffer);
  return function byTableLoop(q, out, start, end, zp, s, signed) {
    for (let k = 0; k < 256; k++) table[k] = ((signed ? (k << 24) >> 24 : k) - zp) * s;
    const bytes = new Uint8Array(q.buffer, q.byteOffset, q.length);
    const outBits = new Int32Array(out.buffer, out.byteOffset, out.length);
    let i = start;
    for (; i < end && (q.byteOffset + i) % 4 !== 0; i++) outBits[i] = tableBits[bytes[i]!]!;
    const words = new Uint32Array(q.buffer, q.byteOffset + i, (end - i) >> 2);
    for (let w = 0; w < words.length; w++, i += 4) {
      const v = words[w]!;
      outBits[i] = tableBits[v & 255]!;
      outBits[i + 1] = tableBits[(v >>> 8) & 255]!;
      outBits[i + 2] = tableBits[(v >>> 16) & 255]!;
      outBits[i + 3] = tableBits[v >>> 24]!;
    }
    for (; i < end; i++) outBits[i] = tableBits[bytes[i]!]!;
  };
}

function rangeI8F64(q: Int8Array, out: Float64Array, start: number, end: number, zp: number, s: number): void {
  for (let i = start; i < end; i++) out[i] = (q[i]! - zp) * s;
}

function rangeU8F64(q: Uint8Array, out: Float64Array, start: number, end: number, zp: number, s: number): void {
  for (let i = start; i < end; i++) out[i] = (q[i]! - zp) * s;
}

// channel by channel over a tile of rows that stays in cache (as quantize's periodic loops)
const TILE_ROWS = 64;

function periodicI8F32(q: Int8Array, out: Float32Array, n: number, zp: Float64Array, s: Float64Array): void {
  const period = s.length;
  const rows = n / period;
  for (let r0 = 0; r0 < rows; r0 += TILE_ROWS) {
    const end = Math.min(rows, r0 + TILE_ROWS) * period;
    for (let j = 0; j < period; j++) {
      const z = zp[j]!;
      const sj = s[j]!;
      for (let i = r0 * period + j; i < end; i += period) out[i] = (q[i]! - z) * sj;
    }
  }
}

function periodicU8F32(q: Uint8Array, out: Float32Array, n: number, zp: Float64Array, s: Float64Array): void {
  const period = s.length;
  const rows = n / period;
  for (let r0 = 0; r0 < rows; r0 += TILE_ROWS) {
    const end = Math.min(rows, r0 + TILE_ROWS) * period;
    for (let j = 0; j < period; j++) {
      const z = zp[j]!;
      const sj = s[j]!;
      for (let i = r0 * period + j; i < end; i += period) out[i] = (q[i]! - z) * sj;
    }
  }
}

function periodicI8F64(q: Int8Array, out: Float64Array, n: number, zp: Float64Array, s: Float64Array): void {
  const period = s.length;
  const rows = n / period;
  for (let r0 = 0; r0 < rows; r0 += TILE_ROWS) {
    const end = Math.min(rows, r0 + TILE_ROWS) * period;
    for (let j = 0; j < period; j++) {
      const z = zp[j]!;
      const sj = s[j]!;
      for (let i = r0 * period + j; i < end; i += period) out[i] = (q[i]! - z) * sj;
    }
  }
}

function periodicU8F64(q: Uint8Array, out: Float64Array, n: number, zp: Float64Array, s: Float64Array): void {
  const period = s.length;
  const rows = n / period;
  for (let r0 = 0; r0 < rows; r0 += TILE_ROWS) {
    const end = Math.min(rows, r0 + TILE_ROWS) * period;
    for (let j = 0; j < period; j++) {
      const z = zp[j]!;
      const sj = s[j]!;
      for (let i = r0 * period + j; i < end; i += period) out[i] = (q[i]! - z) * sj;
    }
  }
}
