import { checkOneOf, checkOptions, dispatcher, rangeError, typeError, toFloatArray } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { channelCount, channelLayout } from './layout.js';
import type { ChannelLayout } from './layout.js';
import { resolveParams, roundHalfEven } from './quantParams.js';
import type { QuantParams, ResolvedParams } from './quantParams.js';
import { ROUNDINGS } from './quantize.js';
import type { Rounding } from './quantize.js';

/** Options of {@link quantizationError}. */
export interface QuantizationErrorOptions {
  /** Tie rule used to quantize (default 'half-even'). */
  rounding?: Rounding;
}

/** Result of {@link quantizationError}. */
export interface QuantizationErrorResult {
  /** mean of (x − x̂)² */
  mse: number;
  /** max |x − x̂| */
  maxAbsError: number;
  /** signal-to-quantization-noise ratio 10·log10(Σx² / Σ(x − x̂)²), in dB */
  sqnrDb: number;
}

const dispatch = /*#__PURE__*/ dispatcher('quantizationError', ['x', 'params', 'options'], {
  'Float32Array | Float64Array, any, any': (x: FloatArray, p: unknown, o: QuantizationErrorOptions) => errArray(x, p, o),
  'Array, any, any': (x: number[], p: unknown, o: QuantizationErrorOptions) => errArray(toFloatArray('quantizationError', 'x', x), p, o),
  'Tensor, any, any': (x: Tensor<FloatArray>, p: unknown, o: QuantizationErrorOptions) => errTensor(x, p, o),
});

/**
 * How much a quantization loses: mean squared error, largest absolute error and SQNR of
 * x̂ = dequantize(quantize(x, params)) against x.
 *
 * @remarks
 * x̂ is computed in float64 (the error of the scheme itself, not of a float32 store). Sums are
 * float64. Decided edge cases: empty x gives `{ mse: 0, maxAbsError: 0, sqnrDb: Infinity }`; zero
 * error gives sqnrDb = Infinity; an all-zero x with non-zero error gives −Infinity.
 * NaN or ±Infinity in x is a RangeError (the error would be meaningless).
 *
 * @param x - real values (Float32Array, Float64Array, number[] or Tensor for per-channel params)
 * @param params - {@link QuantParams}
 * @param options - {@link QuantizationErrorOptions}
 * @returns `{ mse, maxAbsError, sqnrDb }`
 * @throws TypeError for wrong argument types
 * @throws RangeError for NaN or ±Infinity in x, bad params or a bad option
 *
 * @example
 * ```ts
 * quantizationError([0.25, 1, -0.6], { scale: 0.5, zeroPoint: 0 }); // { mse: 0.024166666666666666, maxAbsError: 0.25, sqnrDb: 12.92714268496115 }
 * ```
 */
export function quantizationError(x: FloatArray | number[] | Tensor<FloatArray>, params: QuantParams, options: QuantizationErrorOptions = {}): QuantizationErrorResult {
  return dispatch(x, params, checkOptions('quantizationError', options)) as QuantizationErrorResult;
}

function errArray(x: FloatArray, params: unknown, o: QuantizationErrorOptions): QuantizationErrorResult {
  const rp = resolveParams('quantizationError', params);
  return run(x, rp, { outer: 1, channels: 1, inner: x.length, axis: -1, shape: [x.length] }, o);
}

function errTensor(x: Tensor<FloatArray>, params: unknown, o: QuantizationErrorOptions): QuantizationErrorResult {
  const fn = 'quantizationError';
  const data = x.data;
  if (!(data instanceof Float32Array || data instanceof Float64Array)) {
    typeError(fn, `x.data must be a Float32Array or Float64Array (got ${Array.isArray(data) ? 'Array' : (data as object).constructor.name})`);
  }
  const rp = resolveParams(fn, params, channelCount(fn, 'x', x, params));
  return run(data, rp, channelLayout(fn, 'x', x, rp.axis), o);
}

function run(x: FloatArray, rp: ResolvedParams, layout: ChannelLayout, o: QuantizationErrorOptions): QuantizationErrorResult {
  const fn = 'quantizationError';
  const rounding = checkOneOf(fn, 'rounding', o.rounding, ROUNDINGS, 'half-even');
  const acc = new Float64Array(4);
  const bad = quantizationErrorImpl(x, layout.outer, layout.channels, layout.inner, rp.scale, rp.zeroPoint, rp.qmin, rp.qmax, rounding, acc);
  if (bad >= 0) rangeError(fn, `x[${bad}] must be finite (got ${x[bad]})`);
  const n = x.length;
  const [sse, maxAbs, signal] = acc;
  if (n === 0) return { mse: 0, maxAbsError: 0, sqnrDb: Infinity };
  const sqnrDb = sse === 0 ? Infinity : signal === 0 ? -Infinity : 10 * Math.log10(signal! / sse!);
  return { mse: sse! / n, maxAbsError: maxAbs!, sqnrDb };
}

/**
 * Unchecked kernel: acc[0] += Σ(x − x̂)², acc[1] = max(acc[1], |x − x̂|), acc[2] += Σx² (Neumaier-compensated sums).
 * Returns the index of the first non-finite x or −1.
 * @internal
 */
export function quantizationErrorImpl(
  x: FloatArray, outer: number, channels: number, inner: number, scale: Float64Array, zeroPoint: Int32Array,
  qmin: number, qmax: number, rounding: Rounding, acc: Float64Array,
): number {
  let sse = 0;
  let sseC = 0;
  let sig = 0;
  let sigC = 0;
  let maxAbs = acc[1]!;
  let i = 0;
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      const s = scale[c]!;
      const zp = zeroPoint[c]!;
      const lo = qmin - zp;
      const hi = qmax - zp;
      const end = i + inner;
      for (; i < end; i++) {
        const xi = x[i]!;
        if (xi - xi !== 0) return i;
        let r = 0;
        if (s !== 0) {
          let v = xi / s;
          if (v < lo) v = lo;
          else if (v > hi) v = hi;
          r = rounding === 'half-even' ? roundHalfEven(v) : rounding === 'half-up' ? Math.round(v) : v < 0 ? -Math.round(-v) : Math.round(v);
        } else r = Math.min(Math.max(zp, qmin), qmax) - zp;
        const e = xi - r * s;
        const ae = Math.abs(e);
        if (ae > maxAbs) maxAbs = ae;
        const e2 = e * e;
        let t = sse + e2;
        sseC += Math.abs(sse) >= e2 ? sse - t + e2 : e2 - t + sse;
        sse = t;
        const x2 = xi * xi;
        t = sig + x2;
        sigC += Math.abs(sig) >= x2 ? sig - t + x2 : x2 - t + sig;
        sig = t;
      }
    }
  }
  acc[0] = acc[0]! + sse + sseC;
  acc[1] = maxAbs;
  acc[2] = acc[2]! + sig + sigC;
  return -1;
}
