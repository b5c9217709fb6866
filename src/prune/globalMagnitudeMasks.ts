import { checkOptions, describe, dispatcher, rangeError, typeError } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { checkNoNaN, countNonzero, floatData, maskOf } from './args.js';
import { maskFromKeys } from './magnitudeMask.js';
import { resolvePruneCount } from './pruneCount.js';
import type { PruneAmountOptions } from './pruneCount.js';

/** Options of {@link globalMagnitudeMasks}. */
export interface GlobalMagnitudeMasksOptions extends PruneAmountOptions {
  /** Prune every entry whose |score| is below this value (instead of `amount` / `count`). */
  threshold?: number;
  /** One importance-score array per tensor (same lengths), ranked instead of |x|. */
  scores?: ReadonlyArray<FloatArray>;
  /** One existing mask per tensor: only kept entries are candidates. */
  masks?: ReadonlyArray<Uint8Array>;
}

const dispatch = /*#__PURE__*/ dispatcher('globalMagnitudeMasks', ['tensors', 'options'], {
  'Array, Object': (t: ReadonlyArray<FloatArray | Tensor<FloatArray>>, o: GlobalMagnitudeMasksOptions) => run(t, o),
});

/**
 * Global unstructured magnitude pruning: one ranking across several tensors, one mask per tensor.
 *
 * @remarks
 * torch.nn.utils.prune.global_unstructured with L1Unstructured: the magnitudes (or `scores`) of all
 * tensors are ranked together, `amount` is a fraction of all candidates (round-half-even by default,
 * see {@link PruneRounding}), so layers of small weights lose more. Ties: the earlier tensor, then
 * the lower index, is pruned first. With `masks`, only kept entries are candidates and each result
 * is a subset of its mask. Float32 and Float64 tensors may be mixed. NaN is a RangeError.
 *
 * @param tensors - an array of Float32Array / Float64Array / Tensor weights
 * @param options - {@link GlobalMagnitudeMasksOptions}: one of `amount`, `count`, `threshold`
 * @returns one Uint8Array mask per tensor (1 keep, 0 pruned)
 * @throws TypeError if `tensors` is not an array of float arrays or tensors, or `scores`/`masks` has a wrong type
 * @throws RangeError on NaN, mismatched lengths or a bad amount/count/threshold
 *
 * @example
 * ```ts
 * const [a, b] = globalMagnitudeMasks([new Float32Array([0.1, 5]), new Float32Array([0.2, 0.3, 4])], { count: 3 });
 * a; // Uint8Array [0, 1]
 * b; // Uint8Array [0, 0, 1]
 * ```
 */
export function globalMagnitudeMasks(tensors: ReadonlyArray<FloatArray | Tensor<FloatArray>>, options: GlobalMagnitudeMasksOptions): Uint8Array[] {
  return dispatch(tensors, checkOptions('globalMagnitudeMasks', options)) as Uint8Array[];
}

function listOf<T>(fn: string, name: string, v: unknown, length: number): ReadonlyArray<T> | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) typeError(fn, `${name} must be an Array (got ${describe(v)})`);
  if (v.length !== length) rangeError(fn, `${name} has ${v.length} entries, tensors has ${length}`);
  return v as ReadonlyArray<T>;
}

function run(tensors: ReadonlyArray<FloatArray | Tensor<FloatArray>>, o: GlobalMagnitudeMasksOptions): Uint8Array[] {
  const fn = 'globalMagnitudeMasks';
  const xs = tensors.map((t, i) => {
    if (!(t instanceof Float32Array || t instanceof Float64Array || (typeof t === 'object' && t !== null && 'data' in t && 'shape' in t))) {
      typeError(fn, `tensors[${i}] must be Float32Array or Float64Array or Tensor (got ${describe(t)})`);
    }
    return floatData(fn, `tensors[${i}]`, t);
  });
  const scores = listOf<FloatArray>(fn, 'scores', o.scores, xs.length);
  const masks = listOf<Uint8Array>(fn, 'masks', o.masks, xs.length);
  const keys = xs.map((x, i) => {
    if (scores === undefined) return x;
    const s = scores[i];
    if (!(s instanceof Float32Array || s instanceof Float64Array)) typeError(fn, `scores[${i}] must be Float32Array or Float64Array (got ${describe(s)})`);
    if (s.length !== x.length) rangeError(fn, `scores[${i}] has length ${s.length}, tensors[${i}] has ${x.length}`);
    return s;
  });
  const ms = masks === undefined ? null : xs.map((x, i) => maskOf(fn, `masks[${i}]`, masks[i], x.length)!);
  keys.forEach((k, i) => checkNoNaN(fn, scores === undefined ? `tensors[${i}]` : `scores[${i}]`, k));
  let n = 0;
  for (const k of keys) n += k.length;
  const allF32 = keys.every((k) => k instanceof Float32Array);
  const all: FloatArray = allF32 ? new Float32Array(n) : new Float64Array(n);
  const allMask = ms === null ? null : new Uint8Array(n);
  let at = 0;
  keys.forEach((k, i) => {
    all.set(k, at);
    if (allMask !== null) allMask.set(ms![i]!, at);
    at += k.length;
  });
  const candidates = allMask === null ? n : countNonzero(allMask);
  const k = resolvePruneCount(fn, o, candidates, true);
  const out = maskFromKeys(fn, 'tensors', all, allMask, k, o.threshold, new Uint8Array(n));
  const result: Uint8Array[] = [];
  at = 0;
  for (const key of keys) {
    result.push(out.slice(at, at + key.length));
    at += key.length;
  }
  return result;
}
