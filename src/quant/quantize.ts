import { checkNoOverlap, checkOneOf, checkOptions, dispatcher, rangeError, typeError, toFloatArray } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { channelCount, channelLayout } from './layout.js';
import type { ChannelLayout } from './layout.js';
import { halfEvenPeriodic, halfEvenRange } from './quantizeHalfEven.js';
import { resolveParams } from './quantParams.js';
import type { QuantParams, ResolvedParams } from './quantParams.js';

/**
 * How x/scale is rounded to a code: 'half-even' (ties to even: ONNX QuantizeLinear, PyTorch,
 * tf.round), 'half-away' (ties away from zero: TFLite `TfLiteRound`), 'half-up' (ties toward +∞:
 * JS `Math.round`, XNNPACK rndnu, TFLite single rounding).
 */
export type Rounding = 'half-even' | 'half-away' | 'half-up';

/**
 * How x/scale is computed before rounding: 'float64' (default: the exact quotient rounded once to
 * float64), 'float32' (ONNX QuantizeLinear on float32 tensors: float32(x / float32(scale))) or
 * 'pytorch' (ATen's CPU kernels: float32(x · float32(1 / float32(scale)))). They differ only when
 * x/scale lands within a float32 ulp of a tie.
 */
export type QuantArithmetic = 'float64' | 'float32' | 'pytorch';

/** Quantized values: Int8Array for 'int8', Uint8Array for 'uint8'. */
export type QuantizedArray = Int8Array | Uint8Array;

/** Options of {@link quantize}. */
export interface QuantizeOptions {
  /** Tie rule (default 'half-even'). */
  rounding?: Rounding;
  /** How x/scale is computed (default 'float64'); 'pytorch' matches torch.quantize_per_tensor bit for bit. */
  arithmetic?: QuantArithmetic;
  /** Destination: Int8Array (dtype 'int8') or Uint8Array ('uint8') of at least x's length; returned as given (for Tensor input the result's data is out, or a view of its first elements when out is longer). */
  out?: QuantizedArray;
}

/** The rounding modes, in documentation order. @internal */
export const ROUNDINGS: readonly Rounding[] = ['half-even', 'half-away', 'half-up'];
/** The arithmetic modes. @internal */
export const ARITHMETICS: readonly QuantArithmetic[] = ['float64', 'float32', 'pytorch'];

const dispatch = /*#__PURE__*/ dispatcher('quantize', ['x', 'params', 'options'], {
  'Float32Array | Float64Array, any, any': (x: FloatArray, p: unknown, o: QuantizeOptions) => quantizeArray(x, p, o),
  'Array, any, any': (x: number[], p: unknown, o: QuantizeOptions) => quantizeArray(toFloatArray('quantize', 'x', x), p, o),
  'Tensor, any, any': (x: Tensor<FloatArray>, p: unknown, o: QuantizeOptions) => quantizeTensor(x, p, o),
});

/**
 * Quantizes real values to int8/uint8 codes: q = clamp(round(x / scale) + zeroPoint, qmin, qmax).
 *
 * @remarks
 * ONNX QuantizeLinear semantics: saturating (±Infinity and out-of-range values become qmin/qmax),
 * ties to even by default; `rounding: 'half-away'` reproduces TFLite, 'half-up' JS `Math.round`.
 * x/scale is the exact float64 quotient by default; `arithmetic: 'pytorch'` reproduces ATen's
 * float32 `x · (1/scale)` (bit-exact with `torch.quantize_per_tensor`/`_per_channel`) and
 * 'float32' the ONNX reference's float32 division: they can move a near-tie by one code. A channel with scale 0 (TFLite's all-zero
 * weights) quantizes to its zero point. NaN in x is a RangeError.
 *
 * Per-tensor: `x` is a typed array (or number[]). Per-channel: `x` is a {@link Tensor} and
 * `params.axis` names the channel axis; `params.scale`/`zeroPoint` hold one entry per channel.
 * A Tensor in gives a Tensor out (same shape); an array in gives an array out.
 *
 * @param x - real values: Float32Array, Float64Array, number[] or Tensor of a float array
 * @param params - {@link QuantParams} (plain objects accepted)
 * @param options - {@link QuantizeOptions}
 * @returns Int8Array (dtype 'int8') or Uint8Array ('uint8'), or a Tensor of it for Tensor input
 * @throws TypeError for wrong argument types or an `out` of the wrong type
 * @throws RangeError for NaN in x, bad params, a short `out`, `out` overlapping x or a bad option
 *
 * @example
 * ```ts
 * quantize(new Float32Array([0.5, 1.5, 2.5, -2.5, 300]), { scale: 1, zeroPoint: 0 }); // Int8Array [0, 2, 2, -2, 127]
 * quantize([2.5, -2.5], { scale: 1, zeroPoint: 0 }, { rounding: 'half-away' }); // Int8Array [3, -3]
 * const w = { data: new Float32Array([1, -2, 0.5, 4]), shape: [2, 2] };
 * quantize(w, { scale: [0.5, 1], zeroPoint: 0, axis: 1 }).data; // Int8Array [2, -2, 1, 4]
 * ```
 */
export function quantize(x: Tensor<FloatArray>, params: QuantParams, options?: QuantizeOptions): Tensor<QuantizedArray>;
export function quantize(x: FloatArray | number[], params: QuantParams, options?: QuantizeOptions): QuantizedArray;
export function quantize(x: FloatArray | number[] | Tensor<FloatArray>, params: QuantParams, options: QuantizeOptions = {}): QuantizedArray | Tensor<QuantizedArray> {
  return dispatch(x, params, checkOptions('quantize', options)) as QuantizedArray | Tensor<QuantizedArray>;
}

function quantizeArray(x: FloatArray, params: unknown, o: QuantizeOptions): QuantizedArray {
  const rp = resolveParams('quantize', params);
  const layout: ChannelLayout = { outer: 1, channels: 1, inner: x.length, axis: -1, shape: [x.length] };
  return runQuantize(x, rp, layout, o);
}

function quantizeTensor(x: Tensor<FloatArray>, params: unknown, o: QuantizeOptions): Tensor<QuantizedArray> {
  const fn = 'quantize';
  const data = x.data;
  if (!(data instanceof Float32Array || data instanceof Float64Array)) {
    typeError(fn, `x.data must be a Float32Array or Float64Array (got ${Array.isArray(data) ? 'Array' : (data as object).constructor.name})`);
  }
  const rp = resolveParams(fn, params, channelCount(fn, 'x', x, params));
  const layout = channelLayout(fn, 'x', x, rp.axis);
  const out = runQuantize(data, rp, layout, o);
  // a longer `out` is returned as given in arrays; a Tensor's data must match its shape (a view of out)
  return { data: out.length === data.length ? out : out.subarray(0, data.length), shape: layout.shape };
}

function runQuantize(x: FloatArray, rp: ResolvedParams, layout: ChannelLayout, o: QuantizeOptions): QuantizedArray {
  const fn = 'quantize';
  const rounding = checkOneOf(fn, 'rounding', o.rounding, ROUNDINGS, 'half-even');
  const arithmetic = checkOneOf(fn, 'arithmetic', o.arithmetic, ARITHMETICS, 'float64');
  const out = quantizedOut(fn, o.out, rp.dtype, x.length);
  checkNoOverlap(fn, 'out', out, 'x', x);
  const bad = quantizeImpl(x, layout.outer, layout.channels, layout.inner, rp.scale, rp.zeroPoint, rp.qmin, rp.qmax, rounding, out, arithmetic);
  if (bad >= 0) rangeError(fn, `x[${bad}] is NaN`);
  return out;
}

/** Checks or allocates the quantized destination of a dtype. @internal */
export function quantizedOut(fn: string, out: unknown, dtype: 'int8' | 'uint8', n: number): QuantizedArray {
  const ctor = dtype === 'int8' ? Int8Array : Uint8Array;
  if (out === undefined) return new ctor(n);
  if (!(out instanceof ctor)) {
    const got = out === null ? 'null' : typeof out === 'object' ? (out as object).constructor.name : typeof out;
    typeError(fn, `out must be a ${ctor.name} for dtype '${dtype}' (got ${got})`);
  }
  if (out.length < n) rangeError(fn, `out has length ${out.length}, needs ${n}`);
  return out;
}

// 1.5 · 2^52: adding and subtracting it rounds a double of magnitude < 2^51 to an integer, ties to even.
const MAGIC = 6755399441055744;

/**
 * Unchecked quantize kernel over a [outer, channels, inner] layout: q = clamp(round(x/scale[c]) + zp[c]).
 * Clamps x/scale to [qmin − zp, qmax − zp] before rounding (same result: the bounds are integers).
 * Returns the index of the first NaN (the output is then incomplete), or −1.
 * @internal
 */
export function quantizeImpl(
  x: FloatArray, outer: number, channels: number, inner: number,
  scale: Float64Array, zeroPoint: Int32Array, qmin: number, qmax: number, rounding: Rounding, out: QuantizedArray,
  arithmetic: QuantArithmetic = 'float64',
): number {
  if (inner < 8 && channels > 1 && arithmetic === 'float64') {
    if (rounding === 'half-even') return quantizeChannelsPeriodic(x, outer, channels, inner, scale, zeroPoint, qmin, qmax, out);
    return quantizeChannelsInner(x, outer, channels, inner, scale, zeroPoint, qmin, qmax, rounding, out);
  }
  let i = 0;
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      const s = scale[c]!;
      const zp = zeroPoint[c]!;
      const lo = qmin - zp;
      const hi = qmax - zp;
      const end = i + inner;
      if (s === 0) {
        const z = Math.min(Math.max(zp, qmin), qmax);
        for (; i < end; i++) {
          if (x[i] !== x[i]) return i;
          out[i] = z;
        }
        continue;
      }
      let bad: number;
      if (arithmetic !== 'float64') bad = runFloat32(x, i, end, s, zp, lo, hi, out, rounding, arithmetic === 'pytorch');
      else if (rounding === 'half-even') bad = halfEvenRange(x, i, end, s, zp, lo, hi, out);
      else if (rounding === 'half-away') bad = runHalfAway(x, i, end, s, zp, lo, hi, out);
      else bad = runHalfUp(x, i, end, s, zp, lo, hi, out);
      if (bad >= 0) return bad;
      i = end;
    }
  }
  return -1;
}

/** Half-even per-channel quantize when the channel axis is (nearly) innermost: parameters repeat every channels·inner values. */
function quantizeChannelsPeriodic(
  x: FloatArray, outer: number, channels: number, inner: number,
  scale: Float64Array, zeroPoint: Int32Array, qmin: number, qmax: number, out: QuantizedArray,
): number {
  const period = channels * inner;
  const div = new Float64Array(period);
  const zp = new Float64Array(period);
  const lo = new Float64Array(period);
  const hi = new Float64Array(period);
  for (let j = 0; j < period; j++) {
    const c = (j / inner) | 0;
    const z = zeroPoint[c]!;
    // a zero scale maps everything to the zero point: divide by 1 and clamp to [z, z]
    const zero = scale[c]! === 0;
    div[j] = zero ? 1 : scale[c]!;
    zp[j] = z;
    lo[j] = zero ? Math.min(Math.max(z, qmin), qmax) - z : qmin - z;
    hi[j] = zero ? lo[j]! : qmax - z;
  }
  return halfEvenPeriodic(x, outer * period, div, zp, lo, hi, out);
}

/** Half-away and half-up per-channel quantize when the channel axis is (nearly) innermost: one loop, channel parameters from small tables. */
function quantizeChannelsInner(
  x: FloatArray, outer: number, channels: number, inner: number,
  scale: Float64Array, zeroPoint: Int32Array, qmin: number, qmax: number, rounding: Rounding, out: QuantizedArray,
): number {
  const magic = MAGIC;
  const div = new Float64Array(channels);
  const lo = new Float64Array(channels);
  const hi = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    const zp = zeroPoint[c]!;
    // a zero scale maps everything to the zero point: divide by 1 and clamp to [z, z]
    const zero = scale[c]! === 0;
    div[c] = zero ? 1 : scale[c]!;
    lo[c] = zero ? Math.min(Math.max(zp, qmin), qmax) - zp : qmin - zp;
    hi[c] = zero ? lo[c]! : qmax - zp;
  }
  const n = outer * channels * inner;
  const halfUp = rounding === 'half-up'; // otherwise 'half-away' (half-even takes quantizeChannelsPeriodic)
  let c = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    let v = x[i]! / div[c]!;
    const l = lo[c]!;
    const h = hi[c]!;
    if (v < l) v = l;
    else if (v > h) v = h;
    else if (v !== v) return i;
    let r = v + magic - magic;
    const d = r - v;
    if (d === -0.5 && (halfUp || v > 0)) r += 1;
    else if (!halfUp && d === 0.5 && v < 0) r -= 1;
    out[i] = r + zeroPoint[c]!;
    if (++k === inner) {
      k = 0;
      if (++c === channels) c = 0;
    }
  }
  return -1;
}

function runHalfAway(x: FloatArray, start: number, end: number, s: number, zp: number, lo: number, hi: number, out: QuantizedArray): number {
  const magic = MAGIC;
  for (let i = start; i < end; i++) {
    let v = x[i]! / s;
    if (v < lo) v = lo;
    else if (v > hi) v = hi;
    else if (v !== v) return i;
    // half-even by the magic constant, then move the ties that went toward zero away from it
    let r = v + magic - magic;
    const d = r - v;
    if (d === -0.5 && v > 0) r += 1;
    else if (d === 0.5 && v < 0) r -= 1;
    out[i] = r + zp;
  }
  return -1;
}

function runHalfUp(x: FloatArray, start: number, end: number, s: number, zp: number, lo: number, hi: number, out: QuantizedArray): number {
  const magic = MAGIC;
  for (let i = start; i < end; i++) {
    let v = x[i]! / s;
    if (v < lo) v = lo;
    else if (v > hi) v = hi;
    else if (v !== v) return i;
    // half-even by the magic constant, then move the ties that went down up
    let r = v + magic - magic;
    if (r - v === -0.5) r += 1;
    out[i] = r + zp;
  }
  return -1;
}

/** The float32 arithmetic variants (ONNX float32 division, PyTorch float32 reciprocal multiply). */
function runFloat32(
  x: FloatArray, start: number, end: number, scale: number, zp: number, lo: number, hi: number, out: QuantizedArray, rounding: Rounding, reciprocal: boolean,
): number {
  const magic = MAGIC;
  const s32 = Math.fround(scale);
  const inv = Math.fround(1 / s32);
  const fround = Math.fround;
  for (let i = start; i < end; i++) {
    let v = reciprocal ? fround(x[i]! * inv) : fround(x[i]! / s32);
    if (v < lo) v = lo;
    else if (v > hi) v = hi;
    else if (v !== v) return i;
    out[i] = (rounding === 'half-even' ? v + magic - magic : rounding === 'half-up' ? Math.round(v) : v < 0 ? -Math.round(-v) : Math.round(v)) + zp;
  }
  return -1;
}
