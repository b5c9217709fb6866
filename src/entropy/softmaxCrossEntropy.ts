import { sumKahan, checkFinite, checkInRange, checkInteger, checkOneOf, checkOptions, checkShape, dispatcher, isTensor, rangeError, typeError, toFloatArray } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';

import { checkLogits, logSumExpImpl } from './softmax.js';

/** How per-sample losses are combined: torch's `reduction`. */
export type LossReduction = 'none' | 'mean' | 'sum';

/** Options of {@link softmaxCrossEntropy}. */
export interface SoftmaxCrossEntropyOptions {
  /** Per-class weights, length C (torch `weight`). */
  weight?: FloatArray | number[];
  /** Class-index targets equal to this are skipped (default -100, as torch). */
  ignoreIndex?: number;
  /** ε ∈ [0, 1]: targets become (1 − ε)·y + ε/C (default 0). */
  labelSmoothing?: number;
  /** 'mean' (default), 'sum' or 'none' (one loss per sample, in the logits' float type). */
  reduction?: LossReduction;
}

/** Logits as a batch: a vector is one sample of C classes, a Tensor is [N, C]. */
export type Logits = FloatArray | number[] | Tensor<FloatArray>;

const REDUCTIONS: readonly LossReduction[] = ['none', 'mean', 'sum'];

const dispatch = /*#__PURE__*/ dispatcher('softmaxCrossEntropy', ['logits', 'target', 'options'], {
  'Float32Array | Float64Array | Array | Tensor, Int32Array | Float32Array | Float64Array | Array | Tensor, Object': run,
});

/**
 * Cross-entropy between targets and softmax(logits): `torch.nn.functional.cross_entropy`.
 *
 * @remarks
 * `target` is either class indices (Int32Array, one per sample) or class probabilities (a Tensor
 * or array of the logits' shape). With class indices, 'mean' divides by the summed weights of the
 * non-ignored samples (NaN when every sample is ignored, as torch); with probabilities, 'mean'
 * divides by N and `weight` is not renormalised, and `ignoreIndex` must stay negative (torch).
 * Label smoothing follows torch for both kinds. Log-softmax is computed in float64 with the row
 * maximum subtracted, so logits of ±1e4 are exact.
 *
 * @param logits - [N, C] Tensor, or a vector of C logits for one sample
 * @param target - Int32Array of N class indices, or probabilities shaped like `logits`
 * @param options - {@link SoftmaxCrossEntropyOptions}
 * @returns the reduced loss, or with `reduction: 'none'` one loss per sample
 * @throws TypeError for arguments of the wrong type
 * @throws RangeError for mismatched shapes, out-of-range class indices, NaN/+Infinity logits, bad options
 *
 * @example
 * ```ts
 * softmaxCrossEntropy({ data: new Float64Array([2, 1, 0, 0, 0, 0]), shape: [2, 3] }, new Int32Array([0, 1])); // 0.7531091265562451
 * ```
 */
export function softmaxCrossEntropy(logits: Logits, target: Int32Array | Logits, options: SoftmaxCrossEntropyOptions & { reduction: 'none' }): FloatArray;
export function softmaxCrossEntropy(logits: Logits, target: Int32Array | Logits, options?: SoftmaxCrossEntropyOptions): number;
export function softmaxCrossEntropy(logits: Logits, target: Int32Array | Logits, options: SoftmaxCrossEntropyOptions = {}): number | FloatArray {
  return dispatch(logits, target, checkOptions('softmaxCrossEntropy', options)) as number | FloatArray;
}

/** Logits as a flat float array with N and C. @internal */
export function batchOf(fn: string, name: string, logits: Logits): { x: FloatArray; n: number; c: number } {
  if (isTensor(logits)) {
    const shape = checkShape(fn, name, logits as Tensor<FloatArray>);
    if (shape.length !== 2) rangeError(fn, `${name} must be [N, C] (got shape [${shape.join(', ')}])`);
    const x = toFloatArray(fn, name, (logits as Tensor<FloatArray>).data);
    return { x, n: shape[0]!, c: shape[1]! };
  }
  const x = toFloatArray(fn, name, logits as FloatArray | number[]);
  return { x, n: 1, c: x.length };
}

function run(logits: Logits, target: Int32Array | Logits, o: SoftmaxCrossEntropyOptions): number | FloatArray {
  const fn = 'softmaxCrossEntropy';
  const { x, n, c } = batchOf(fn, 'logits', logits);
  if (c === 0) rangeError(fn, 'logits must have at least one class (C = 0)');
  checkLogits(fn, x, { outer: n, len: c, inner: 1 });
  const reduction = checkOneOf(fn, 'reduction', o.reduction, REDUCTIONS, 'mean');
  const eps = o.labelSmoothing === undefined ? 0 : checkInRange(fn, 'labelSmoothing', o.labelSmoothing, 0, 1);
  const ignoreIndex = o.ignoreIndex === undefined ? -100 : checkInteger(fn, 'ignoreIndex', o.ignoreIndex, -2147483648, 2147483647);
  let weight: FloatArray | undefined;
  if (o.weight !== undefined) {
    if (!(o.weight instanceof Float32Array || o.weight instanceof Float64Array || Array.isArray(o.weight))) {
      typeError(fn, 'weight must be a Float32Array, Float64Array or number[]');
    }
    weight = toFloatArray(fn, 'weight', o.weight);
    if (weight.length !== c) rangeError(fn, `weight has length ${weight.length}, needs C = ${c}`);
    checkFinite(fn, 'weight', weight);
  }
  const losses = new Float64Array(n);
  let denominator: number;
  if (target instanceof Int32Array) {
    if (target.length !== n) rangeError(fn, `target has ${target.length} class indices, logits have N = ${n} rows`);
    for (let i = 0; i < n; i++) {
      const y = target[i]!;
      if (y !== ignoreIndex && !(y >= 0 && y < c)) rangeError(fn, `target[${i}] = ${y} is not a class in [0, ${c}) nor ignoreIndex ${ignoreIndex}`);
    }
    denominator = classIndexLossesImpl(n, c, x, target, weight, ignoreIndex, eps, losses);
  } else {
    if (ignoreIndex >= 0) rangeError(fn, `ignoreIndex is not supported for probability targets (got ${ignoreIndex})`);
    const t = batchOf(fn, 'target', target as Logits);
    if (t.n !== n || t.c !== c) rangeError(fn, `target shape [${t.n}, ${t.c}] differs from logits shape [${n}, ${c}]`);
    checkFinite(fn, 'target', t.x);
    probabilityLossesImpl(n, c, x, t.x, weight, eps, losses);
    denominator = n;
  }
  return reduce(losses, reduction, denominator, x instanceof Float32Array);
}

/** Applies a loss reduction; 'none' returns losses in the requested float type. @internal */
export function reduce(losses: Float64Array, reduction: LossReduction, denominator: number, float32: boolean): number | FloatArray {
  if (reduction === 'none') return float32 ? Float32Array.from(losses) : losses;
  const sum = sumKahan(losses);
  return reduction === 'sum' ? sum : sum / denominator;
}

/**
 * Per-sample losses for class-index targets (torch nll on log_softmax, with smoothing); returns
 * the 'mean' denominator Σ w[y] over non-ignored samples. Unchecked.
 * @internal
 */
export function classIndexLossesImpl(
  n: number, c: number, x: FloatArray, target: Int32Array, weight: FloatArray | undefined,
  ignoreIndex: number, eps: number, losses: Float64Array,
): number {
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    const y = target[i]!;
    if (y === ignoreIndex) { losses[i] = 0; continue; }
    const row = i * c;
    const lse = logSumExpImpl(c, x, 1, row);
    const wy = weight === undefined ? 1 : weight[y]!;
    denominator += wy;
    const nll = -wy * (x[row + y]! - lse);
    if (eps === 0) { losses[i] = nll; continue; }
    let smooth = 0;
    for (let k = 0; k < c; k++) smooth -= (weight === undefined ? 1 : weight[k]!) * (x[row + k]! - lse);
    losses[i] = (1 - eps) * nll + (eps / c) * smooth;
  }
  return denominator;
}

/** Per-sample losses for probability targets, smoothed as torch. Unchecked. @internal */
export function probabilityLossesImpl(
  n: number, c: number, x: FloatArray, target: FloatArray, weight: FloatArray | undefined, eps: number, losses: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const row = i * c;
    const lse = logSumExpImpl(c, x, 1, row);
    let loss = 0;
    for (let k = 0; k < c; k++) {
      const y = target[row + k]! * (1 - eps) + eps / c;
      if (y === 0) continue;
      loss -= (weight === undefined ? 1 : weight[k]!) * y * (x[row + k]! - lse);
    }
    losses[i] = loss;
  }
}
