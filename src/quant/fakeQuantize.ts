import { checkNoOverlap, checkOneOf, checkOptions, dispatcher, rangeError, typeError, toFloatArray } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { floatOut } from './dequantize.js';
import { channelCount, channelLayout } from './layout.js';
import type { ChannelLayout } from './layout.js';
import { resolveParams, roundHalfEven } from './quantParams.js';
import type { QuantParams, ResolvedParams } from './quantParams.js';
import { ARITHMETICS, ROUNDINGS } from './quantize.js';
import type { QuantArithmetic, Rounding } from './quantize.js';

/** Options of {@link fakeQuantize}. */
export interface FakeQuantizeOptions {
  /** Tie rule (default 'half-even', as PyTorch). */
  rounding?: Rounding;
  /** How x/scale is computed (default 'float64'); 'pytorch' matches torch.fake_quantize_per_tensor_affine. See {@link QuantArithmetic}. */
  arithmetic?: QuantArithmetic;
  /** Destination of the fake-quantized values: x's float type, at least x's length; returned as given (for Tensor input: out, or a view of its first elements when longer). */
  out?: FloatArray;
  /** Destination of the straight-through mask: Uint8Array, at least x's length; returned as given. */
  mask?: Uint8Array;
}

/** Result of {@link fakeQuantize}. */
export interface FakeQuantizeResult<T> {
  /** dequantize(quantize(x)): x snapped to the quantization grid, in x's float type */
  output: T;
  /** straight-through-estimator mask: 1 where round(x/scale) + zp lies in [qmin, qmax] (gradient passes), else 0 */
  mask: Uint8Array;
}

const dispatch = /*#__PURE__*/ dispatcher('fakeQuantize', ['x', 'params', 'options'], {
  'Float32Array | Float64Array, any, any': (x: FloatArray, p: unknown, o: FakeQuantizeOptions) => fakeArray(x, p, o),
  'Array, any, any': (x: number[], p: unknown, o: FakeQuantizeOptions) => fakeArray(toFloatArray('fakeQuantize', 'x', x), p, o),
  'Tensor, any, any': (x: Tensor<FloatArray>, p: unknown, o: FakeQuantizeOptions) => fakeTensor(x, p, o),
});

/**
 * Fake quantization for quantization-aware training: (clamp(round(x/scale) + zp, qmin, qmax) − zp) · scale,
 * with the straight-through-estimator mask.
 *
 * @remarks
 * `torch.fake_quantize_per_tensor_affine` / `…_per_channel_affine` and their `_cachemask` variants:
 * the backward pass multiplies the incoming gradient by `mask` (1 inside the representable range,
 * 0 where the value was clamped). Values equal `dequantize(quantize(x))` computed in x's float type.
 * ±Infinity clamp to the range ends with mask 0; NaN is a RangeError. Per-channel: Tensor + `params.axis`
 * (output is then a Tensor, mask a flat Uint8Array).
 *
 * @param x - real values (Float32Array, Float64Array, number[] or Tensor)
 * @param params - {@link QuantParams}
 * @param options - {@link FakeQuantizeOptions}
 * @returns `{ output, mask }` ({@link FakeQuantizeResult})
 * @throws TypeError for wrong argument types
 * @throws RangeError for NaN in x, bad params, short or overlapping `out`/`mask`, or a bad option
 *
 * @example
 * ```ts
 * // PyTorch's documented example: scale 0.1, zero point 0, range [0, 255]
 * const x = new Float64Array([0.0552, 0.9730, 0.3973, -1.0780]);
 * const r = fakeQuantize(x, { scale: 0.1, zeroPoint: 0, dtype: 'uint8' });
 * r.output; // Float64Array [0.1, 1, 0.4, 0]
 * r.mask; // Uint8Array [1, 1, 1, 0]
 * ```
 */
export function fakeQuantize(x: Tensor<Float32Array>, params: QuantParams, options?: FakeQuantizeOptions): FakeQuantizeResult<Tensor<Float32Array>>;
export function fakeQuantize(x: Tensor<FloatArray>, params: QuantParams, options?: FakeQuantizeOptions): FakeQuantizeResult<Tensor<FloatArray>>;
export function fakeQuantize(x: Float32Array, params: QuantParams, options?: FakeQuantizeOptions): FakeQuantizeResult<Float32Array>;
export function fakeQuantize(x: Float64Array | number[], params: QuantParams, options?: FakeQuantizeOptions): FakeQuantizeResult<Float64Array>;
export function fakeQuantize(
  x: FloatArray | number[] | Tensor<FloatArray>, params: QuantParams, options: FakeQuantizeOptions = {},
): FakeQuantizeResult<FloatArray | Tensor<FloatArray>> {
  return dispatch(x, params, checkOptions('fakeQuantize', options)) as FakeQuantizeResult<FloatArray | Tensor<FloatArray>>;
}

function fakeArray(x: FloatArray, params: unknown, o: FakeQuantizeOptions): FakeQuantizeResult<FloatArray> {
  const rp = resolveParams('fakeQuantize', params);
  return run(x, rp, { outer: 1, channels: 1, inner: x.length, axis: -1, shape: [x.length] }, o);
}

function fakeTensor(x: Tensor<FloatArray>, params: unknown, o: FakeQuantizeOptions): FakeQuantizeResult<Tensor<FloatArray>> {
  const fn = 'fakeQuantize';
  const data = x.data;
  if (!(data instanceof Float32Array || data instanceof Float64Array)) {
    typeError(fn, `x.data must be a Float32Array or Float64Array (got ${Array.isArray(data) ? 'Array' : (data as object).constructor.name})`);
  }
  const rp = resolveParams(fn, params, channelCount(fn, 'x', x, params));
  const layout = channelLayout(fn, 'x', x, rp.axis);
  const r = run(data, rp, layout, o);
  const n = data.length;
  return { output: { data: r.output.length === n ? r.output : r.output.subarray(0, n), shape: layout.shape }, mask: r.mask };
}

function run(x: FloatArray, rp: ResolvedParams, layout: ChannelLayout, o: FakeQuantizeOptions): FakeQuantizeResult<FloatArray> {
  const fn = 'fakeQuantize';
  const rounding = checkOneOf(fn, 'rounding', o.rounding, ROUNDINGS, 'half-even');
  const arithmetic = checkOneOf(fn, 'arithmetic', o.arithmetic, ARITHMETICS, 'float64');
  const n = x.length;
  const out = floatOut(fn, o.out, n, x instanceof Float32Array ? 'float32' : 'float64');
  if (out.constructor !== x.constructor) typeError(fn, `out must be a ${x.constructor.name} like x (got ${out.constructor.name})`);
  let mask: Uint8Array;
  if (o.mask === undefined) mask = new Uint8Array(n);
  else {
    if (!(o.mask instanceof Uint8Array)) typeError(fn, `mask must be a Uint8Array (got ${typeof o.mask === 'object' && o.mask !== null ? (o.mask as object).constructor.name : typeof o.mask})`);
    if (o.mask.length < n) rangeError(fn, `mask has length ${o.mask.length}, needs ${n}`);
    mask = o.mask;
  }
  checkNoOverlap(fn, 'out', out, 'x', x);
  checkNoOverlap(fn, 'mask', mask, 'x', x);
  checkNoOverlap(fn, 'mask', mask, 'out', out);
  const bad = fakeQuantizeImpl(x, layout.outer, layout.channels, layout.inner, rp.scale, rp.zeroPoint, rp.qmin, rp.qmax, rounding, out, mask, arithmetic);
  if (bad >= 0) rangeError(fn, `x[${bad}] is NaN`);
  return { output: out, mask };
}

/**
 * Unchecked fake-quantize kernel over a [outer, channels, inner] layout. Writes values and mask;
 * returns the index of the first NaN (outputs incomplete) or −1.
 * @internal
 */
export function fakeQuantizeImpl(
  x: FloatArray, outer: number, channels: number, inner: number, scale: Float64Array, zeroPoint: Int32Array,
  qmin: number, qmax: number, rounding: Rounding, out: FloatArray, mask: Uint8Array, arithmetic: QuantArithmetic = 'float64',
): number {
  const fround = Math.fround;
  let i = 0;
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      const s = scale[c]!;
      const zp = zeroPoint[c]!;
      const end = i + inner;
      const s32 = fround(s);
      const inv = fround(1 / s32);
      for (; i < end; i++) {
        const xi = x[i]!;
        if (xi !== xi) return i;
        let q: number;
        if (s === 0) q = zp;
        else {
          const v = arithmetic === 'float64' ? xi / s : arithmetic === 'pytorch' ? fround(xi * inv) : fround(xi / s32);
          // round, then add zp; clamp infinities first so the integer arithmetic stays finite
          const r = v > 1e9 ? 1e9 : v < -1e9 ? -1e9 : rounding === 'half-even' ? roundHalfEven(v) : rounding === 'half-up' ? Math.round(v) : v < 0 ? -Math.round(-v) : Math.round(v);
          q = r + zp;
        }
        if (q < qmin) {
          q = qmin;
          mask[i] = 0;
        } else if (q > qmax) {
          q = qmax;
          mask[i] = 0;
        } else mask[i] = 1;
        out[i] = arithmetic === 'float64' ? (q - zp) * s : (q - zp) * s32;
      }
    }
  }
  return -1;
}
