import { checkOptions, dispatcher } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { checkNoNaN, countNonzero, floatData, maskOf, maskOut, scoresOf } from './args.js';
import { resolvePruneCount } from './pruneCount.js';
import type { PruneAmountOptions } from './pruneCount.js';
import { histogramMayHoldNaN, keyHistogram, smallestMaskFromHistogram } from './select.js';

/** Options of {@link magnitudeMask}. */
export interface MagnitudeMaskOptions extends PruneAmountOptions {
  /** Prune the entries whose |score| is below this value (instead of `amount` / `count`). */
  threshold?: number;
  /** Importance scores ranked by |score| instead of |x| (torch's `importance_scores`), same length as x. */
  scores?: FloatArray;
  /** An existing mask: only its kept (nonzero) entries are candidates, `amount` is a fraction of them. */
  mask?: Uint8Array;
  /** Where to write the result (a Uint8Array of at least x's length). */
  out?: Uint8Array;
}

const dispatch = /*#__PURE__*/ dispatcher('magnitudeMask', ['x', 'options'], {
  'Float32Array | Float64Array | Tensor, Object': (x: FloatArray | Tensor<FloatArray>, o: MagnitudeMaskOptions) => run(x, o),
});

/**
 * Unstructured magnitude pruning mask: prunes the entries of smallest |x| (or |score|).
 *
 * @remarks
 * torch.nn.utils.prune.l1_unstructured semantics: `amount` is a fraction of the candidates
 * (pruned count = round-half-even(amount·n) with the default `rounding: 'torch'`), `count` an exact
 * number (torch's int amount). `rounding: 'tfmot'` and `'floor'` reproduce TF-MOT's and the
 * movement-pruning binarizers' counts. Ties are broken deterministically: among equal
 * magnitudes the lower index is pruned first, so the count is always exact (TF-MOT instead keeps
 * every tie at the threshold). `threshold` prunes |score| < threshold and keeps the rest (TF-MOT's
 * `|w| >= threshold`). With `mask`, only its kept entries are candidates and the result is a
 * subset of it (torch's PruningContainer): masks compose monotonically. Selection is a radix select
 * on the float bits, O(n), no sort. −0 and +0 are equal; ±Infinity rank as the largest magnitudes;
 * NaN is a RangeError. An empty x gives an empty mask.
 *
 * @param x - weights (Float32Array, Float64Array or a Tensor of them)
 * @param options - {@link MagnitudeMaskOptions}: one of `amount`, `count`, `threshold`
 * @returns a Uint8Array mask, 1 = keep, 0 = pruned (`out` when given)
 * @throws TypeError if `x`, `scores`, `mask` or `out` has the wrong type
 * @throws RangeError on a NaN score, mismatched lengths, a short or overlapping `out`, none or
 *   several of amount/count/threshold, `amount` outside [0, 1], `count` not an integer in [0, candidates]
 *
 * @example
 * ```ts
 * const x = new Float32Array([0.5, -0.1, 0.3, -0.9, 0.2]);
 * magnitudeMask(x, { amount: 0.4 }); // Uint8Array [1, 0, 1, 1, 0]
 * magnitudeMask(x, { count: 3 }); // Uint8Array [1, 0, 0, 1, 0]
 * magnitudeMask(x, { threshold: 0.3 }); // Uint8Array [1, 0, 1, 1, 0]
 * magnitudeMask(new Float64Array([1, 1, 1, 1]), { count: 2 }); // Uint8Array [0, 0, 1, 1]
 * ```
 */
export function magnitudeMask(x: FloatArray | Tensor<FloatArray>, options: MagnitudeMaskOptions): Uint8Array {
  return dispatch(x, checkOptions('magnitudeMask', options)) as Uint8Array;
}

function run(xIn: FloatArray | Tensor<FloatArray>, o: MagnitudeMaskOptions): Uint8Array {
  const a = magnitudeMaskArgs('magnitudeMask', xIn, o);
  return maskFromKeys('magnitudeMask', a.keyName, a.keys, a.mask, a.k, o.threshold, a.out);
}

/** The checked arguments of a magnitude mask (shared with the GPU twin). @internal */
export interface MagnitudeMaskArgs {
  x: FloatArray;
  keys: FloatArray;
  keyName: 'x' | 'scores';
  mask: Uint8Array | null;
  candidates: number;
  /** entries to prune; −1 in threshold mode */
  k: number;
  out: Uint8Array;
}

/** Checks x and the options of {@link magnitudeMask} and resolves the pruned count. @internal */
export function magnitudeMaskArgs(fn: string, xIn: FloatArray | Tensor<FloatArray>, o: MagnitudeMaskOptions): MagnitudeMaskArgs {
  const x = floatData(fn, 'x', xIn);
  const n = x.length;
  const keys = scoresOf(fn, o.scores, x);
  const mask = maskOf(fn, 'mask', o.mask, n);
  const candidates = mask === null ? n : countNonzero(mask);
  const k = resolvePruneCount(fn, o, candidates, true);
  const out = maskOut(fn, o.out, n, [['x', x], ['scores', keys], ['mask', mask]]);
  return { x, keys, keyName: o.scores === undefined ? 'x' : 'scores', mask, candidates, k, out };
}

/**
 * Checks `keys` for NaN (folded into the selection's histogram when possible) and writes the mask:
 * the k smallest |keys| pruned, or |keys| < threshold pruned when k < 0. @internal
 */
export function maskFromKeys(
  fn: string, keyName: string, keys: FloatArray, mask: Uint8Array | null, k: number, threshold: number | undefined, out: Uint8Array,
): Uint8Array {
  if (k <= 0 || mask !== null) checkNoNaN(fn, keyName, keys);
  if (k < 0) return thresholdMaskImpl(keys, threshold!, mask, out);
  if (k === 0) return smallestMaskFromHistogram(keys, 0, mask, out, null);
  const hist = keyHistogram(keys, mask);
  if (mask === null && histogramMayHoldNaN(hist, keys instanceof Float32Array)) checkNoNaN(fn, keyName, keys);
  return smallestMaskFromHistogram(keys, k, mask, out, hist);
}

/** Keeps entries with |keys[i]| ≥ threshold (and mask[i] ≠ 0). Unchecked. @internal */
export function thresholdMaskImpl(keys: FloatArray, threshold: number, mask: Uint8Array | null, out: Uint8Array): Uint8Array {
  const n = keys.length;
  if (mask === null) for (let i = 0; i < n; i++) out[i] = Math.abs(keys[i]!) >= threshold ? 1 : 0;
  else for (let i = 0; i < n; i++) out[i] = mask[i] !== 0 && Math.abs(keys[i]!) >= threshold ? 1 : 0;
  return out;
}
