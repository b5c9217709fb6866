// Argument helpers shared by the prune ops (private to the area).
import { checkNoOverlap, checkOut, checkSameLength, checkShape, describe, rangeError, typeError } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { indexOfNaN } from './select.js';

/** The float data of a FloatArray or Tensor argument (TypeError otherwise), shape checked. @internal */
export function floatData(fn: string, name: string, x: FloatArray | Tensor<FloatArray>): FloatArray {
  if (x instanceof Float32Array || x instanceof Float64Array) return x;
  const d = (x as Tensor<ArrayLike<number>>).data as unknown;
  if (!(d instanceof Float32Array || d instanceof Float64Array)) typeError(fn, `${name}.data must be Float32Array or Float64Array (got ${describe(d)})`);
  checkShape(fn, name, x as Tensor<FloatArray>);
  return d;
}

/** A float array of keys with no NaN (RangeError naming the entry). @internal */
export function checkNoNaN(fn: string, name: string, x: ArrayLike<number>): void {
  const i = indexOfNaN(x);
  if (i >= 0) rangeError(fn, `${name}[${i}] is NaN`);
}

/** Optional importance scores: a FloatArray as long as `n`, without NaN. @internal */
export function scoresOf(fn: string, scores: unknown, x: FloatArray): FloatArray {
  if (scores === undefined) return x;
  if (!(scores instanceof Float32Array || scores instanceof Float64Array)) {
    typeError(fn, `scores must be Float32Array or Float64Array (got ${describe(scores)})`);
  }
  checkSameLength(fn, 'x', x, 'scores', scores);
  return scores;
}

/** Optional existing mask: a Uint8Array as long as `n` (nonzero = kept). @internal */
export function maskOf(fn: string, name: string, mask: unknown, n: number): Uint8Array | null {
  if (mask === undefined) return null;
  if (!(mask instanceof Uint8Array)) typeError(fn, `${name} must be a Uint8Array (got ${describe(mask)})`);
  if (mask.length !== n) rangeError(fn, `${name} has length ${mask.length}, expected ${n}`);
  return mask;
}

/** Number of nonzero entries. @internal */
export function countNonzero(m: ArrayLike<number>): number {
  let c = 0;
  for (let i = 0; i < m.length; i++) if (m[i] !== 0) c++;
  return c;
}

/** A Uint8Array `out` of at least n entries that overlaps none of `inputs`. @internal */
export function maskOut(fn: string, out: unknown, n: number, inputs: ReadonlyArray<readonly [string, ArrayBufferView | null]>): Uint8Array {
  const o = checkOut(fn, out, Uint8Array, n);
  for (const [name, x] of inputs) if (x !== null) checkNoOverlap(fn, 'out', o, name, x as unknown as ArrayLike<number>);
  return o;
}

/** Resolves a possibly negative axis against a rank (RangeError when out of range). @internal */
export function axisOf(fn: string, axis: unknown, rank: number, fallback: number): number {
  if (axis === undefined) return fallback < 0 ? fallback + rank : fallback;
  if (typeof axis !== 'number') typeError(fn, `axis must be a number (got ${typeof axis})`);
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) rangeError(fn, `axis must be an integer in [${-rank}, ${rank - 1}] (got ${axis})`);
  return axis < 0 ? axis + rank : axis;
}

/** Row-major split of a shape around `axis`: outer × len × inner. @internal */
export function lanesOf(shape: readonly number[], axis: number): { outer: number; len: number; inner: number } {
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i]!;
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  return { outer, len: shape[axis]!, inner };
}

/** Data and shape of a FloatArray (as 1-D) or Tensor argument. @internal */
export function floatTensor(fn: string, name: string, x: FloatArray | Tensor<FloatArray>): { data: FloatArray; shape: number[] } {
  const data = floatData(fn, name, x);
  return { data, shape: x instanceof Float32Array || x instanceof Float64Array ? [x.length] : (x as Tensor<FloatArray>).shape.slice() };
}
