import { checkNoOverlap, checkOptions, dispatcher, rangeError, typeError } from '../core/index.js';
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
    // channel (nearly) innermost: one loop with the channel parameters from small tables
    const n = outer * channels * inner;
    let c = 0;
    let k = 0;
    for (let i = 0; i < n; i++) {
      out[i] = (q[i]! - zeroPoint[c]!) * scale[c]!;
      if (++k === inner) {
        k = 0;
        if (++c === channels) c = 0;
      }
    }
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
  let i = start;
  for (; i + 4 <= end; i += 4) {
    out[i] = (q[i]! - zp) * s;
    out[i + 1] = (q[i + 1]! - zp) * s;
    out[i + 2] = (q[i + 2]! - zp) * s;
    out[i + 3] = (q[i + 3]! - zp) * s;
  }
  for (; i < end; i++) out[i] = (q[i]! - zp) * s;
}

function rangeU8F32(q: Uint8Array, out: Float32Array, start: number, end: number, zp: number, s: number): void {
  let i = start;
  for (; i + 4 <= end; i += 4) {
    out[i] = (q[i]! - zp) * s;
    out[i + 1] = (q[i + 1]! - zp) * s;
    out[i + 2] = (q[i + 2]! - zp) * s;
    out[i + 3] = (q[i + 3]! - zp) * s;
  }
  for (; i < end; i++) out[i] = (q[i]! - zp) * s;
}

function rangeI8F64(q: Int8Array, out: Float64Array, start: number, end: number, zp: number, s: number): void {
  for (let i = start; i < end; i++) out[i] = (q[i]! - zp) * s;
}

function rangeU8F64(q: Uint8Array, out: Float64Array, start: number, end: number, zp: number, s: number): void {
  for (let i = start; i < end; i++) out[i] = (q[i]! - zp) * s;
}
