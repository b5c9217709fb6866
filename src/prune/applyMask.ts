import { checkNoOverlap, checkOptions, checkOut, dispatcher, rangeError } from '../core/index.js';
import type { FloatArray, IntArray } from '../core/index.js';

/** Options of {@link applyMask}. */
export interface ApplyMaskOptions<T> {
  /** Where to write the result: an array of x's type and at least its length; may be `x` itself. */
  out?: T;
}

type Masked = FloatArray | IntArray;

const dispatch = /*#__PURE__*/ dispatcher('applyMask', ['x', 'mask', 'options'], {
  'Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array, Uint8Array, Object': (
    x: Masked, mask: Uint8Array, o: ApplyMaskOptions<Masked>,
  ) => run(x, mask, o),
});

/**
 * Zeroes the pruned entries: out[i] = mask[i] ≠ 0 ? x[i] : 0.
 *
 * @remarks
 * Pruned entries become +0 even where x is ±Infinity or NaN (no 0·∞ = NaN, unlike `x * mask`).
 * Any nonzero mask byte keeps. Works on float and integer (quantized) arrays; the result has x's
 * type. `out` may be `x` itself to prune in place (the only op of this area that writes weights);
 * an `out` that partly overlaps `x` or overlaps `mask` is rejected.
 *
 * @param x - weights (any float or integer typed array)
 * @param mask - Uint8Array of x's length, 1 = keep, 0 = prune
 * @param options - {@link ApplyMaskOptions}
 * @returns the masked copy (or `out`)
 * @throws TypeError if `x`, `mask` or `out` has the wrong type
 * @throws RangeError if lengths differ, `out` is short or overlaps
 *
 * @example
 * ```ts
 * applyMask(new Float32Array([1.5, -2, 3]), new Uint8Array([1, 0, 1])); // Float32Array [1.5, 0, 3]
 * ```
 */
export function applyMask<T extends Masked>(x: T, mask: Uint8Array, options: ApplyMaskOptions<T> = {}): T {
  return dispatch(x, mask, checkOptions('applyMask', options)) as T;
}

function run(x: Masked, mask: Uint8Array, o: ApplyMaskOptions<Masked>): Masked {
  const fn = 'applyMask';
  const n = x.length;
  if (mask.length !== n) rangeError(fn, `x and mask differ in length (${n} vs ${mask.length})`);
  const out = checkOut(fn, o.out, x.constructor as new (n: number) => Masked, n);
  if (!(out.buffer === x.buffer && out.byteOffset === x.byteOffset)) checkNoOverlap(fn, 'out', out, 'x', x);
  checkNoOverlap(fn, 'out', out, 'mask', mask);
  return applyMaskImpl(x, mask, out);
}

/** out[i] = mask[i] ≠ 0 ? x[i] : 0. Unchecked. @internal */
export function applyMaskImpl<T extends Masked>(x: Masked, mask: Uint8Array, out: T): T {
  const n = x.length;
  for (let i = 0; i < n; i++) out[i] = mask[i] !== 0 ? x[i]! : 0;
  return out;
}
