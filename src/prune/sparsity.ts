import { checkShape, describe, dispatcher, rangeError, typeError } from '../core/index.js';
import type { FloatArray, IntArray, Tensor } from '../core/index.js';
import { axisOf } from './args.js';

type Counted = FloatArray | IntArray | number[];

const dispatchSparsity = /*#__PURE__*/ dispatcher('sparsity', ['x'], {
  'Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Array': (x: Counted) => sparsityImpl(x),
  Tensor: (t: Tensor<Counted>) => {
    checkShape('sparsity', 'x', t);
    return sparsityImpl(t.data);
  },
});

/**
 * Fraction of entries that are exactly zero: the pruned fraction of a mask or of pruned weights.
 *
 * @remarks
 * −0 counts as zero, NaN as nonzero. An empty input has sparsity 0 (nothing is pruned).
 *
 * @param x - a mask, weights (any typed array or number[]) or a Tensor of them
 * @returns zeros / length, in [0, 1]
 * @throws TypeError if `x` is not an accepted array type
 *
 * @example
 * ```ts
 * sparsity(new Uint8Array([1, 0, 0, 1])); // 0.5
 * sparsity(new Float32Array([0, 2, -0, 0])); // 0.75
 * ```
 */
export function sparsity(x: Counted | Tensor<Counted>): number {
  return dispatchSparsity(x) as number;
}

/** Zeros / length (0 for an empty array). Unchecked. @internal */
export function sparsityImpl(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) return 0;
  let zeros = 0;
  for (let i = 0; i < n; i++) if (x[i] === 0) zeros++;
  return zeros / n;
}

const dispatchDensity = /*#__PURE__*/ dispatcher('axisDensity', ['x', 'axis'], {
  'Tensor, number': (t: Tensor<Counted>, axis: number) => runDensity(t, axis),
});

/**
 * Per-slice density along an axis: for each index j of `axis`, the fraction of nonzero entries
 * in the slice x[…, j, …] (per-channel / per-row density of a mask or pruned weights).
 *
 * @remarks
 * NaN counts as nonzero. A slice with no entries (another dimension is 0) has density 0.
 * `axis` may be negative (from the end).
 *
 * @param x - a Tensor of a mask or weights
 * @param axis - the axis to keep, in [−rank, rank)
 * @returns Float64Array of length shape[axis]
 * @throws TypeError if `x` is not a Tensor or `axis` not a number
 * @throws RangeError if the shape does not match the data or `axis` is out of range
 *
 * @example
 * ```ts
 * axisDensity({ data: new Uint8Array([1, 0, 1, 1, 0, 0]), shape: [2, 3] }, 0); // Float64Array [0.6666666666666666, 0.3333333333333333]
 * axisDensity({ data: new Uint8Array([1, 0, 1, 1, 0, 0]), shape: [2, 3] }, -1); // Float64Array [1, 0, 0.5]
 * ```
 */
export function axisDensity(x: Tensor<Counted>, axis: number): Float64Array {
  return dispatchDensity(x, axis) as Float64Array;
}

function runDensity(t: Tensor<Counted>, axisIn: number): Float64Array {
  const fn = 'axisDensity';
  const d = t.data as unknown;
  if (!(ArrayBuffer.isView(d) || Array.isArray(d))) typeError(fn, `x.data must be a typed array or Array (got ${describe(d)})`);
  const shape = checkShape(fn, 'x', t);
  if (shape.length === 0) rangeError(fn, 'x must have rank ≥ 1 (got a scalar)');
  const axis = axisOf(fn, axisIn, shape.length, 0);
  return axisDensityImpl(t.data, shape, axis);
}

/** Nonzero fraction per index of `axis` of a row-major array of `shape`. Unchecked. @internal */
export function axisDensityImpl(x: ArrayLike<number>, shape: readonly number[], axis: number): Float64Array {
  const len = shape[axis]!;
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i]!;
  const nz = new Float64Array(len);
  let at = 0;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < len; j++) {
      let c = 0;
      for (let i = 0; i < inner; i++) if (x[at + i] !== 0) c++;
      nz[j] = nz[j]! + c;
      at += inner;
    }
  }
  const per = outer * inner;
  for (let j = 0; j < len; j++) nz[j] = per === 0 ? 0 : nz[j]! / per;
  return nz;
}
