import { checkBoolean, checkInteger, checkOneOf, checkOptions, dispatcher, rangeError, typeError } from '../core/index.js';
import type { FloatArray } from '../core/index.js';

/** Integer type of quantized values: `Int8Array` for 'int8', `Uint8Array` for 'uint8'. */
export type QuantDtype = 'int8' | 'uint8';

/**
 * Quantization parameters: real = (q − zeroPoint) · scale.
 *
 * @remarks
 * Per-tensor when `axis` is absent (`scale` and `zeroPoint` are numbers); per-channel when `axis`
 * is set (`scale` holds one entry per channel, `zeroPoint` one per channel or a single number).
 * `dtype` defaults to 'int8'; `qmin`/`qmax` default to the full range of `dtype`. Written by hand
 * as a plain object, e.g. `{ scale: 0.05, zeroPoint: 3 }`.
 *
 * @example
 * ```ts
 * quantize([0.1, -0.2], { scale: 0.05, zeroPoint: 3, dtype: 'int8' }); // Int8Array [5, -1]
 * ```
 */
export interface QuantParams {
  /** Step between codes: a number, or one per channel when `axis` is set. */
  readonly scale: number | ArrayLike<number>;
  /** Code of real 0: a number, or one per channel when `axis` is set. */
  readonly zeroPoint: number | ArrayLike<number>;
  /** 'int8' (default) or 'uint8'. */
  readonly dtype?: QuantDtype;
  /** Smallest code (default −128 for int8, 0 for uint8). */
  readonly qmin?: number;
  /** Largest code (default 127 for int8, 255 for uint8). */
  readonly qmax?: number;
  /** Channel axis of a per-channel tensor (negative counts from the end). */
  readonly axis?: number;
}

/** Options of {@link quantParams}. */
export interface QuantParamsOptions {
  /** 'int8' (default) or 'uint8'. */
  dtype?: QuantDtype;
  /** Symmetric range, zero point 0 (int8) or 128 (uint8) (default false: affine). */
  symmetric?: boolean;
  /** Drop the most negative code: int8 [−127, 127], uint8 [1, 255] (default false; TFLite weights use true). */
  narrowRange?: boolean;
  /** Halve the range as PyTorch's `reduce_range` (int8 [−64, 63], uint8 [0, 127]) (default false). */
  reduceRange?: boolean;
  /** Smallest scale (default float32 eps 2⁻²³ as PyTorch; 0 gives TFLite's scale 0 for an all-zero range). */
  eps?: number;
  /** For per-channel min/max arrays: the channel axis recorded in the result (default 0). */
  axis?: number;
}

/** Parameters in one checked, per-channel form: what the kernels take. @internal */
export interface ResolvedParams {
  /** one scale per channel (length 1 per-tensor) */
  scale: Float64Array;
  /** one zero point per channel (length 1 per-tensor) */
  zeroPoint: Int32Array;
  dtype: QuantDtype;
  qmin: number;
  qmax: number;
  /** channel axis as given (undefined per-tensor) */
  axis: number | undefined;
}

const DTYPES: readonly QuantDtype[] = ['int8', 'uint8'];
const F32_EPS = 1.1920928955078125e-7;
const fround = Math.fround;

/** Full code range of a dtype. @internal */
export function dtypeRange(dtype: QuantDtype): [number, number] {
  return dtype === 'int8' ? [-128, 127] : [0, 255];
}

const dispatch = /*#__PURE__*/ dispatcher('quantParams', ['min', 'max', 'options'], {
  'number, number, any': (min: number, max: number, o: QuantParamsOptions) => perTensor(min, max, o),
  'Float32Array | Float64Array | Array, Float32Array | Float64Array | Array, any': (min: FloatArray | number[], max: FloatArray | number[], o: QuantParamsOptions) =>
    perChannel(min, max, o),
});

/**
 * Scale and zero point for a real range [min, max], with PyTorch's `_calculate_qparams` rules.
 *
 * @remarks
 * The range is first widened to contain 0 (`min = min(min, 0)`, `max = max(max, 0)`), so real 0 is
 * always exactly representable. Affine: `scale = (max − min)/(qmax − qmin)`,
 * `zeroPoint = clamp(qmin − roundHalfEven(min/scale), qmin, qmax)`. Symmetric:
 * `scale = max(−min, max) / ((qmax − qmin)/2)`, zero point 0 for int8 and 128 for uint8. Both floor
 * the scale at `eps`. Arithmetic is float32, as in PyTorch, so `scale` is a float32 value and
 * matches `torch.ao.quantization` observers bit for bit.
 *
 * All-zero range (an all-zero channel): scale = eps (PyTorch, the default), so every value
 * quantizes to the zero point. With `eps: 0` the scale is 0 as TFLite's per-channel weights
 * (`scale_inv = 0`); quantize maps every value of such a channel to the zero point.
 * TFLite int8 weights: `{ symmetric: true, narrowRange: true, eps: 0 }` gives
 * `scale = max|w| / 127`, zero point 0, codes in [−127, 127].
 *
 * Per-channel: pass arrays of per-channel minima and maxima; the result has `axis` (default 0)
 * and Float64Array scales / Int32Array zero points.
 *
 * @param min - smallest real value (or one per channel)
 * @param max - largest real value (or one per channel), ≥ min
 * @param options - {@link QuantParamsOptions}
 * @returns the {@link QuantParams}, with dtype, qmin and qmax filled in
 * @throws TypeError for a non-numeric min/max or options
 * @throws RangeError for NaN/infinite bounds, min > max, arrays of different lengths or a bad option
 *
 * @example
 * ```ts
 * const p = quantParams(-1, 3, { dtype: 'uint8' });
 * p.zeroPoint; // 64
 * quantParams(-0.5, 1.27, { symmetric: true, narrowRange: true }).scale; // 0.009999999776482582
 * ```
 */
export function quantParams(min: number, max: number, options?: QuantParamsOptions): QuantParams;
export function quantParams(min: FloatArray | number[], max: FloatArray | number[], options?: QuantParamsOptions): QuantParams;
export function quantParams(min: number | FloatArray | number[], max: number | FloatArray | number[], options: QuantParamsOptions = {}): QuantParams {
  return dispatch(min, max, checkOptions('quantParams', options)) as QuantParams;
}

interface Scheme {
  dtype: QuantDtype;
  symmetric: boolean;
  qmin: number;
  qmax: number;
  eps: number;
}

function scheme(o: QuantParamsOptions): Scheme {
  const fn = 'quantParams';
  const dtype = checkOneOf(fn, 'dtype', o.dtype, DTYPES, 'int8');
  const symmetric = checkBoolean(fn, 'symmetric', o.symmetric, false);
  const narrow = checkBoolean(fn, 'narrowRange', o.narrowRange, false);
  const reduce = checkBoolean(fn, 'reduceRange', o.reduceRange, false);
  let eps = F32_EPS;
  if (o.eps !== undefined) {
    if (typeof o.eps !== 'number') typeError(fn, `eps must be a number (got ${typeof o.eps})`);
    if (!(o.eps >= 0 && o.eps < Infinity)) rangeError(fn, `eps must be finite and ≥ 0 (got ${o.eps})`);
    eps = o.eps;
  }
  let [qmin, qmax] = dtypeRange(dtype);
  if (reduce) {
    if (symmetric && dtype === 'uint8') rangeError(fn, 'reduceRange with symmetric uint8 is not supported (as PyTorch)');
    qmin = dtype === 'int8' ? -64 : 0;
    qmax = dtype === 'int8' ? 63 : 127;
  }
  if (narrow) qmin += 1;
  return { dtype, symmetric, qmin, qmax, eps };
}

function checkBound(fn: string, name: string, v: number): void {
  if (!(v - v === 0)) rangeError(fn, `${name} must be finite (got ${v})`);
}

/** scale and zero point of one channel (float32 arithmetic as PyTorch). @internal */
export function qparamsOf(min: number, max: number, s: Scheme): [number, number] {
  const minNeg = fround(Math.min(min, 0));
  const maxPos = fround(Math.max(max, 0));
  const { qmin, qmax, eps } = s;
  if (s.symmetric) {
    const half = fround(Math.max(-minNeg, maxPos));
    let scale = fround(half / fround((qmax - qmin) / 2));
    if (scale < eps) scale = fround(eps);
    const zp = s.dtype === 'int8' ? 0 : 128;
    return [scale, zp];
  }
  let scale = fround(fround(maxPos - minNeg) / (qmax - qmin));
  if (scale < eps) scale = fround(eps);
  if (scale === 0) return [0, Math.min(Math.max(0, qmin), qmax)];
  let zp = qmin - roundHalfEven(fround(minNeg / scale));
  if (zp < qmin) zp = qmin;
  else if (zp > qmax) zp = qmax;
  return [scale, zp];
}

function perTensor(min: number, max: number, o: QuantParamsOptions): QuantParams {
  const fn = 'quantParams';
  const s = scheme(o);
  checkBound(fn, 'min', min);
  checkBound(fn, 'max', max);
  if (min > max) rangeError(fn, `min must be ≤ max (got ${min} > ${max})`);
  if (o.axis !== undefined) rangeError(fn, 'axis applies to per-channel min/max arrays only');
  const [scale, zeroPoint] = qparamsOf(min, max, s);
  return { scale, zeroPoint, dtype: s.dtype, qmin: s.qmin, qmax: s.qmax };
}

function perChannel(min: FloatArray | number[], max: FloatArray | number[], o: QuantParamsOptions): QuantParams {
  const fn = 'quantParams';
  const s = scheme(o);
  if (min.length !== max.length) rangeError(fn, `min and max differ in length (${min.length} vs ${max.length})`);
  const axis = o.axis === undefined ? 0 : checkInteger(fn, 'axis', o.axis, -32, 31);
  const n = min.length;
  const scale = new Float64Array(n);
  const zeroPoint = new Int32Array(n);
  for (let c = 0; c < n; c++) {
    const lo = min[c];
    const hi = max[c];
    if (typeof lo !== 'number') typeError(fn, `min[${c}] must be a number (got ${typeof lo})`);
    if (typeof hi !== 'number') typeError(fn, `max[${c}] must be a number (got ${typeof hi})`);
    checkBound(fn, `min[${c}]`, lo);
    checkBound(fn, `max[${c}]`, hi);
    if (lo > hi) rangeError(fn, `min[${c}] must be ≤ max[${c}] (got ${lo} > ${hi})`);
    const [sc, zp] = qparamsOf(lo, hi, s);
    scale[c] = sc;
    zeroPoint[c] = zp;
  }
  return { scale, zeroPoint, dtype: s.dtype, qmin: s.qmin, qmax: s.qmax, axis };
}

/** Round half to even (ties to the even integer), exact for every double. @internal */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Checks hand-written or computed params and brings them to {@link ResolvedParams}.
 * `channels` is the size of the channel axis (undefined: per-tensor input, axis not allowed).
 * @internal
 */
export function resolveParams(fn: string, params: unknown, channels?: number): ResolvedParams {
  if (typeof params !== 'object' || params === null || Array.isArray(params) || ArrayBuffer.isView(params)) {
    typeError(fn, `params must be a QuantParams object (got ${params === null ? 'null' : Array.isArray(params) ? 'Array' : typeof params})`);
  }
  const p = params as QuantParams;
  const dtype = checkOneOf(fn, 'params.dtype', p.dtype, DTYPES, 'int8');
  const [lo, hi] = dtypeRange(dtype);
  const qmin = p.qmin === undefined ? lo : checkInteger(fn, 'params.qmin', p.qmin, lo, hi);
  const qmax = p.qmax === undefined ? hi : checkInteger(fn, 'params.qmax', p.qmax, lo, hi);
  if (qmin > qmax) rangeError(fn, `params.qmin must be ≤ params.qmax (got ${qmin} > ${qmax})`);
  const axis = p.axis;
  const n = axis === undefined ? 1 : channels;
  if (axis !== undefined && channels === undefined) rangeError(fn, 'params.axis needs a Tensor input (per-channel)');
  const scale = new Float64Array(n!);
  const zeroPoint = new Int32Array(n!);
  fillChannels(fn, 'params.scale', p.scale, scale, axis !== undefined, (v, name) => {
    if (!(v >= 0 && v < Infinity)) rangeError(fn, `${name} must be finite and ≥ 0 (got ${v})`);
  });
  fillChannels(fn, 'params.zeroPoint', p.zeroPoint, zeroPoint, axis !== undefined, (v, name) => {
    if (!Number.isInteger(v) || v < lo || v > hi) rangeError(fn, `${name} must be an integer in [${lo}, ${hi}] (got ${v})`);
  });
  return { scale, zeroPoint, dtype, qmin, qmax, axis };
}

function fillChannels(
  fn: string, name: string, v: unknown, dst: Float64Array | Int32Array, perChannel: boolean, check: (v: number, name: string) => void,
): void {
  if (typeof v === 'number') {
    check(v, name);
    dst.fill(v);
    return;
  }
  if (!perChannel || !(Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)))) {
    typeError(fn, `${name} must be a number${perChannel ? ' or one number per channel' : ''} (got ${v === undefined ? 'undefined' : Array.isArray(v) ? 'Array' : typeof v === 'object' && v !== null ? v.constructor.name : typeof v})`);
  }
  const a = v as ArrayLike<unknown>;
  if (a.length !== dst.length) rangeError(fn, `${name} has ${a.length} entries, the channel axis has ${dst.length}`);
  for (let i = 0; i < a.length; i++) {
    const e = a[i];
    if (typeof e !== 'number') typeError(fn, `${name}[${i}] must be a number (got ${typeof e})`);
    check(e, `${name}[${i}]`);
    dst[i] = e;
  }
}
