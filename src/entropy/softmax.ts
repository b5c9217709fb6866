import { checkInteger, checkNoOverlap, checkOptions, checkOut, checkShape, dispatcher, rangeError, toFloatArray } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';


/** Options of {@link softmax} and {@link logSoftmax}. */
export interface SoftmaxOptions<O extends FloatArray = FloatArray> {
  /** For Tensor input: the axis normalised (default -1, the last). */
  axis?: number;
  /** Destination (same length as the input); returned as given. May not overlap the input. */
  out?: O;
}

type Lanes = { outer: number; len: number; inner: number };

const softmaxDispatch = /*#__PURE__*/ dispatcher('softmax', ['logits', 'options'], {
  'Float32Array | Float64Array | Array, Object': (x: FloatArray | number[], o: SoftmaxOptions) => run('softmax', x, undefined, o, false),
  'Tensor, Object': (t: Tensor<FloatArray>, o: SoftmaxOptions) => run('softmax', t.data, t, o, false),
});

const logSoftmaxDispatch = /*#__PURE__*/ dispatcher('logSoftmax', ['logits', 'options'], {
  'Float32Array | Float64Array | Array, Object': (x: FloatArray | number[], o: SoftmaxOptions) => run('logSoftmax', x, undefined, o, true),
  'Tensor, Object': (t: Tensor<FloatArray>, o: SoftmaxOptions) => run('logSoftmax', t.data, t, o, true),
});

/**
 * Softmax along an axis: exp(xᵢ − max) / Σⱼ exp(xⱼ − max), computed in float64.
 *
 * @remarks
 * `torch.softmax(x, dim=-1)` / `tf.softmax`. Stable for logits of ±1e4 (the row maximum is
 * subtracted). −Infinity logits (masked classes) give 0; NaN or +Infinity logits and lanes whose
 * logits are all −Infinity are RangeErrors (torch would return NaN). Output in the input's float
 * type, flat, same length as the input.
 *
 * @param logits - a vector (Float32Array, Float64Array, number[]) or a Tensor
 * @param options - {@link SoftmaxOptions}
 * @returns the probabilities
 * @throws TypeError for other argument types
 * @throws RangeError for NaN/+Infinity logits, an all −Infinity lane, a bad axis or `out`
 *
 * @example
 * ```ts
 * softmax([0, Math.log(3)]); // Float64Array [0.25, 0.75]
 * ```
 */
export function softmax<O extends FloatArray = Float64Array>(logits: FloatArray | number[] | Tensor<FloatArray>, options?: SoftmaxOptions<O>): O {
  return softmaxDispatch(logits, checkOptions('softmax', options)) as O;
}

/**
 * Log-softmax along an axis: xᵢ − max − log Σⱼ exp(xⱼ − max), computed in float64.
 *
 * @remarks
 * `torch.log_softmax(x, dim=-1)` / `tf.logSoftmax`; see {@link softmax} for the edge cases.
 *
 * @param logits - a vector (Float32Array, Float64Array, number[]) or a Tensor
 * @param options - {@link SoftmaxOptions}
 * @returns the log-probabilities
 * @throws TypeError for other argument types
 * @throws RangeError for NaN/+Infinity logits, an all −Infinity lane, a bad axis or `out`
 *
 * @example
 * ```ts
 * logSoftmax([0, 0]); // Float64Array [-0.6931471805599453, -0.6931471805599453]
 * ```
 */
export function logSoftmax<O extends FloatArray = Float64Array>(logits: FloatArray | number[] | Tensor<FloatArray>, options?: SoftmaxOptions<O>): O {
  return logSoftmaxDispatch(logits, checkOptions('logSoftmax', options)) as O;
}

function run(fn: string, data: FloatArray | number[], tensor: Tensor<FloatArray> | undefined, o: SoftmaxOptions, log: boolean): FloatArray {
  const x = toFloatArray(fn, 'logits', data);
  const shape = tensor === undefined ? [x.length] : checkShape(fn, 'logits', tensor);
  if (tensor === undefined && o.axis !== undefined) rangeError(fn, 'axis applies to Tensor input only');
  if (shape.length === 0) rangeError(fn, 'logits must have rank ≥ 1 (got shape [])');
  const lanes = lanesOf(fn, shape, o.axis);
  checkLogits(fn, x, lanes);
  const ctor = (x instanceof Float32Array ? Float32Array : Float64Array) as unknown as { new (n: number): FloatArray; readonly name: string };
  const out = checkOut(fn, o.out, ctor, x.length);
  checkNoOverlap(fn, 'out', out, 'logits', x);
  const { outer, len, inner } = lanes;
  for (let a = 0; a < outer; a++) {
    for (let b = 0; b < inner; b++) {
      const offset = a * len * inner + b;
      if (log) logSoftmaxImpl(len, x, inner, offset, out, inner, offset);
      else softmaxImpl(len, x, inner, offset, out, inner, offset);
    }
  }
  return out;
}

/** Splits a shape around `axis` (default last) into outer × len × inner. @internal */
export function lanesOf(fn: string, shape: readonly number[], axisOpt: number | undefined): Lanes {
  const rank = shape.length;
  const axisIn = axisOpt ?? -1;
  checkInteger(fn, 'axis', axisIn, -rank, rank - 1);
  const axis = axisIn < 0 ? axisIn + rank : axisIn;
  let outer = 1;
  for (let d = 0; d < axis; d++) outer *= shape[d]!;
  let inner = 1;
  for (let d = axis + 1; d < rank; d++) inner *= shape[d]!;
  return { outer, len: shape[axis]!, inner };
}

/** RangeError for NaN or +Infinity logits and for lanes with no finite logit. @internal */
export function checkLogits(fn: string, x: FloatArray, lanes: Lanes): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!(v < Infinity)) rangeError(fn, `logits[${i}] must be finite or -Infinity (got ${v})`);
  }
  const { outer, len, inner } = lanes;
  if (len === 0) return;
  for (let a = 0; a < outer; a++) {
    for (let b = 0; b < inner; b++) {
      const offset = a * len * inner + b;
      let max = -Infinity;
      for (let k = 0; k < len; k++) max = Math.max(max, x[offset + k * inner]!);
      if (max === -Infinity) rangeError(fn, `logits lane ${a * inner + b} is all -Infinity`);
    }
  }
}

/**
 * log Σ exp over one strided lane, max-shifted. Unchecked: the lane has a finite maximum.
 * @internal
 */
export function logSumExpImpl(n: number, x: FloatArray, strideX: number, offsetX: number): number {
  let max = -Infinity;
  for (let k = 0, i = offsetX; k < n; k++, i += strideX) if (x[i]! > max) max = x[i]!;
  let sum = 0;
  for (let k = 0, i = offsetX; k < n; k++, i += strideX) sum += Math.exp(x[i]! - max);
  return max + Math.log(sum);
}

/** Log-softmax of one strided lane into `out`. Unchecked. @internal */
export function logSoftmaxImpl(
  n: number, x: FloatArray, strideX: number, offsetX: number,
  out: FloatArray, strideOut: number, offsetOut: number,
): FloatArray {
  if (n === 0) return out;
  const lse = logSumExpImpl(n, x, strideX, offsetX);
  for (let k = 0, i = offsetX, j = offsetOut; k < n; k++, i += strideX, j += strideOut) out[j] = x[i]! - lse;
  return out;
}

/** Softmax of one strided lane into `out`. Unchecked. @internal */
export function softmaxImpl(
  n: number, x: FloatArray, strideX: number, offsetX: number,
  out: FloatArray, strideOut: number, offsetOut: number,
): FloatArray {
  if (n === 0) return out;
  let max = -Infinity;
  for (let k = 0, i = offsetX; k < n; k++, i += strideX) if (x[i]! > max) max = x[i]!;
  let sum = 0;
  for (let k = 0, i = offsetX; k < n; k++, i += strideX) sum += Math.exp(x[i]! - max);
  for (let k = 0, i = offsetX, j = offsetOut; k < n; k++, i += strideX, j += strideOut) out[j] = Math.exp(x[i]! - max) / sum;
  return out;
}
