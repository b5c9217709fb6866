/** A float typed array: the element types every float kernel accepts. */
export type FloatArray = Float32Array | Float64Array;

/** A probability vector: a float typed array or a plain `number[]`. */
export type ProbArray = FloatArray | number[];

/** Integer typed arrays used for symbols, masks and quantized values. */
export type IntArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

/**
 * An n-dimensional array as a plain object: row-major `data` with its `shape`.
 *
 * @remarks
 * A tfjs tensor becomes one with `{ data: t.dataSync(), shape: t.shape }`.
 *
 * @example
 * ```ts
 * const t: Tensor<Float32Array> = { data: new Float32Array(6), shape: [2, 3] };
 * ```
 */
export interface Tensor<T extends ArrayLike<number> = FloatArray> {
  readonly data: T;
  readonly shape: readonly number[];
}

/** True when `x` looks like a {@link Tensor}: an object with array-like `data` and an array `shape`. */
export function isTensor(x: unknown): x is Tensor<ArrayLike<number>> {
  if (typeof x !== 'object' || x === null) return false;
  const t = x as { data?: unknown; shape?: unknown };
  return Array.isArray(t.shape) && (ArrayBuffer.isView(t.data) || Array.isArray(t.data));
}

/** True for Float32Array and Float64Array. */
export function isFloatArray(x: unknown): x is FloatArray {
  return x instanceof Float32Array || x instanceof Float64Array;
}
