import { checkOptions, checkSameLength, describe, dispatcher, rangeError, typeError } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { axisOf, checkNoNaN, floatTensor, lanesOf, maskOf } from './args.js';
import { resolvePruneCount } from './pruneCount.js';
import type { PruneAmountOptions } from './pruneCount.js';
import { smallestMaskImpl } from './select.js';

/** Options of {@link lnStructuredMask}. */
export interface LnStructuredMaskOptions extends PruneAmountOptions {
  /** The axis whose slices (channels) are pruned whole: 0 for PyTorch conv output channels, −1 for tfjs. Required. */
  axis: number;
  /** Order of the norm over each slice: any p > 0 or Infinity (default 2; torch's `n`). */
  p?: number;
  /** Importance scores (same length as x) whose norms rank the slices instead of x's. */
  scores?: FloatArray;
  /** An existing mask: slices with any kept entry are the candidates; the result is a subset of it. */
  mask?: Uint8Array;
}

/** Result of {@link lnStructuredMask}. */
export interface LnStructuredMaskResult {
  /** The element mask, same length as x: 1 keep, 0 pruned. */
  mask: Uint8Array;
  /** Indices along `axis` of the slices that keep at least one entry, ascending. */
  kept: Int32Array;
  /** The Lp norm of every slice (of x, or of `scores`). */
  norms: Float64Array;
}

const dispatch = /*#__PURE__*/ dispatcher('lnStructuredMask', ['x', 'options'], {
  'Tensor, Object': (x: Tensor<FloatArray>, o: LnStructuredMaskOptions) => run(x, o),
});

/**
 * Structured pruning: removes whole slices along `axis` (channels, rows, filters) with the
 * smallest Lp norm.
 *
 * @remarks
 * torch.nn.utils.prune.ln_structured(t, name, amount, n = p, dim = axis): the norm is taken over
 * all other axes, `amount` (fraction of candidate slices, round-half-even by default) or `count`
 * slices are pruned, ties pruned lower index first. As in torch, x must have rank ≥ 2. With
 * `mask`, the candidates are the slices that still have a kept entry (torch's PruningContainer)
 * and the new mask is the slice mask times the old one. Norms accumulate in float64; for p ≠ 1 the
 * entries are scaled by the slice maximum first, so the norm does not overflow or underflow.
 * A slice holding ±Infinity has norm Infinity; NaN is a RangeError.
 *
 * @param x - a Tensor of weights, rank ≥ 2
 * @param options - {@link LnStructuredMaskOptions}: `axis`, `p`, and `amount` or `count`
 * @returns {@link LnStructuredMaskResult}: the mask, the kept slice indices and the norms
 * @throws TypeError for wrong argument types
 * @throws RangeError for rank < 2, a bad axis, p ≤ 0 or NaN, NaN entries, a bad amount/count, mismatched lengths
 *
 * @example
 * ```ts
 * const w = { data: new Float32Array([1, 1, 0.1, 0.1, 3, -4]), shape: [3, 2] };
 * const r = lnStructuredMask(w, { axis: 0, count: 1, p: 2 });
 * r.mask; // Uint8Array [1, 1, 0, 0, 1, 1]
 * r.kept; // Int32Array [0, 2]
 * r.norms[2]; // 5
 * ```
 */
export function lnStructuredMask(x: Tensor<FloatArray>, options: LnStructuredMaskOptions): LnStructuredMaskResult {
  return dispatch(x, checkOptions('lnStructuredMask', options)) as LnStructuredMaskResult;
}

function run(xIn: Tensor<FloatArray>, o: LnStructuredMaskOptions): LnStructuredMaskResult {
  const fn = 'lnStructuredMask';
  const { data, shape } = floatTensor(fn, 'x', xIn);
  if (shape.length < 2) rangeError(fn, `x must have rank ≥ 2 (got shape [${shape.join(', ')}])`);
  if (o.axis === undefined) rangeError(fn, 'axis is required');
  const axis = axisOf(fn, o.axis, shape.length, 0);
  const p = o.p === undefined ? 2 : o.p;
  if (typeof p !== 'number') typeError(fn, `p must be a number (got ${typeof p})`);
  if (!(p > 0)) rangeError(fn, `p must be > 0 or Infinity (got ${p})`);
  let keys = data;
  if (o.scores !== undefined) {
    if (!(o.scores instanceof Float32Array || o.scores instanceof Float64Array)) typeError(fn, `scores must be Float32Array or Float64Array (got ${describe(o.scores)})`);
    checkSameLength(fn, 'x', data, 'scores', o.scores);
    keys = o.scores;
  }
  const mask = maskOf(fn, 'mask', o.mask, data.length);
  checkNoNaN(fn, o.scores === undefined ? 'x' : 'scores', keys);
  const { outer, len, inner } = lanesOf(shape, axis);
  const norms = sliceNormsImpl(keys, outer, len, inner, p);
  let candidates: Uint8Array | null = null;
  let m = len;
  if (mask !== null) {
    candidates = new Uint8Array(len);
    for (let o2 = 0; o2 < outer; o2++) {
      for (let j = 0; j < len; j++) {
        const base = (o2 * len + j) * inner;
        for (let i = 0; i < inner; i++) if (mask[base + i] !== 0) { candidates[j] = 1; break; }
      }
    }
    m = 0;
    for (let j = 0; j < len; j++) m += candidates[j]!;
  }
  const k = resolvePruneCount(fn, o, m);
  const slices = smallestMaskImpl(norms, k, candidates, new Uint8Array(len));
  const out = new Uint8Array(data.length);
  for (let o2 = 0; o2 < outer; o2++) {
    for (let j = 0; j < len; j++) {
      const base = (o2 * len + j) * inner;
      const keep = slices[j]!;
      if (mask === null) out.fill(keep, base, base + inner);
      else for (let i = 0; i < inner; i++) out[base + i] = keep & (mask[base + i] !== 0 ? 1 : 0);
    }
  }
  let nk = 0;
  const alive = new Uint8Array(len);
  for (let o2 = 0; o2 < outer; o2++) {
    for (let j = 0; j < len; j++) {
      const base = (o2 * len + j) * inner;
      for (let i = 0; i < inner; i++) if (out[base + i] !== 0) { alive[j] = 1; break; }
    }
  }
  for (let j = 0; j < len; j++) nk += alive[j]!;
  const kept = new Int32Array(nk);
  for (let j = 0, c = 0; j < len; j++) if (alive[j]) kept[c++] = j;
  return { mask: out, kept, norms };
}

/**
 * Lp norm of each slice j of the middle axis of `outer × len × inner` row-major data, scaled by
 * the slice maximum. Unchecked (no NaN, p > 0). @internal
 */
export function sliceNormsImpl(x: FloatArray, outer: number, len: number, inner: number, p: number): Float64Array {
  const maxAbs = new Float64Array(len);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < len; j++) {
      const base = (o * len + j) * inner;
      let mx = maxAbs[j]!;
      for (let i = 0; i < inner; i++) {
        const v = Math.abs(x[base + i]!);
        if (v > mx) mx = v;
      }
      maxAbs[j] = mx;
    }
  }
  if (p === Infinity) return maxAbs;
  const acc = new Float64Array(len);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < len; j++) {
      const mx = maxAbs[j]!;
      if (mx === 0 || mx === Infinity) continue;
      const base = (o * len + j) * inner;
      let s = 0;
      if (p === 1) for (let i = 0; i < inner; i++) s += Math.abs(x[base + i]!);
      else if (p === 2) {
        for (let i = 0; i < inner; i++) {
          const r = x[base + i]! / mx;
          s += r * r;
        }
      } else for (let i = 0; i < inner; i++) s += Math.pow(Math.abs(x[base + i]!) / mx, p);
      acc[j] = acc[j]! + s;
    }
  }
  for (let j = 0; j < len; j++) {
    const mx = maxAbs[j]!;
    if (mx === 0 || mx === Infinity) acc[j] = mx;
    else if (p === 2) acc[j] = mx * Math.sqrt(acc[j]!);
    else if (p !== 1) acc[j] = mx * Math.pow(acc[j]!, 1 / p);
  }
  return acc;
}
