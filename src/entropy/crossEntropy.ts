import { checkBoolean, checkLogBase, checkOptions, checkSameLength, dispatcher, rangeError, toFloatArray } from '../core/index.js';
import type { FloatArray, ProbArray, Tensor } from '../core/index.js';
import { HUGE_SUM, scaledByMax } from './entropy.js';
import { bitsOf, fastLog, float32TableLog } from './fastLog.js';
import { nanPolicyOf, reduceLanes, resolveIrregular, sameFloatType } from './reduce.js';
import type { NanPolicy, ReductionOptions, TensorReductionOptions } from './reduce.js';
import { sumXLogYF32, sumXLogYF64, xLogXSums } from './xlogx.js';

/** Options of {@link crossEntropy}. */
export type CrossEntropyOptions = ReductionOptions;

const dispatch = /*#__PURE__*/ dispatcher('crossEntropy', ['p', 'q', 'options'], {
  'Float32Array | Float64Array | Array, Float32Array | Float64Array | Array, Object': (p: ProbArray, q: ProbArray, o: ReductionOptions) =>
    crossEntropyOfVectors(p, q, o),
  'Tensor, Tensor, Object': (p: Tensor<FloatArray>, q: Tensor<FloatArray>, o: TensorReductionOptions) => crossEntropyOfTensors(p, q, o),
});

/**
 * Cross-entropy H(p, q) = −Σᵢ pᵢ · log qᵢ = H(p) + D(p‖q): the mean code length, per symbol, of
 * data distributed as p coded with a code built for q.
 *
 * @remarks
 * scipy has no cross-entropy; this follows `scipy.stats.entropy` conventions (normalisation
 * unless `normalize: false`, `base`, `nanPolicy`), so `crossEntropy(p, q)` equals
 * `entropy(p) + entropy(p, q)` in scipy. Terms with pᵢ = 0 vanish; qᵢ = 0 where pᵢ > 0 gives
 * Infinity. For logits use {@link softmaxCrossEntropy}.
 *
 * @param p - true distribution (Float32Array, Float64Array, number[] or Tensor)
 * @param q - coding distribution, same length or shape as `p`
 * @param options - {@link CrossEntropyOptions}; `out` for Tensor input
 * @returns H(p, q) in units of `options.base`, or one value per lane
 * @throws TypeError if `p`, `q` or `options` is not of an accepted type
 * @throws RangeError if lengths or shapes differ, for negative, infinite or NaN entries, all-zero inputs, or a bad option
 *
 * @example
 * ```ts
 * crossEntropy([0.5, 0.5], [0.9, 0.1], { base: 2 }); // 1.736965594166206
 * ```
 */
export function crossEntropy(p: Tensor<Float32Array>, q: Tensor<Float32Array>, options?: TensorReductionOptions<Float32Array>): Float32Array;
export function crossEntropy(p: Tensor<Float64Array>, q: Tensor<FloatArray>, options?: TensorReductionOptions<Float64Array>): Float64Array;
export function crossEntropy(p: Tensor<FloatArray>, q: Tensor<Float64Array>, options?: TensorReductionOptions<Float64Array>): Float64Array;
export function crossEntropy(p: Tensor<FloatArray>, q: Tensor<FloatArray>, options?: TensorReductionOptions): FloatArray;
export function crossEntropy(p: ProbArray, q: ProbArray, options?: CrossEntropyOptions): number;
export function crossEntropy(p: ProbArray | Tensor<FloatArray>, q: ProbArray | Tensor<FloatArray>, options: TensorReductionOptions = {}): number | FloatArray {
  return dispatch(p, q, checkOptions('crossEntropy', options)) as number | FloatArray;
}

function crossEntropyOfVectors(p: ProbArray, q: ProbArray, o: ReductionOptions): number {
  const logBase = checkLogBase('crossEntropy', o.base);
  const normalize = checkBoolean('crossEntropy', 'normalize', o.normalize, true);
  const policy = nanPolicyOf('crossEntropy', o.nanPolicy);
  if (o.axis !== undefined) rangeError('crossEntropy', 'axis applies to Tensor input only');
  checkSameLength('crossEntropy', 'p', p, 'q', q);
  const [pf, qf] = sameFloatType(toFloatArray('crossEntropy', 'p', p), toFloatArray('crossEntropy', 'q', q));
  return crossEntropyImpl(pf, qf, normalize, policy) / logBase;
}

function crossEntropyOfTensors(p: Tensor<FloatArray>, q: Tensor<FloatArray>, o: TensorReductionOptions): FloatArray {
  const logBase = checkLogBase('crossEntropy', o.base);
  const normalize = checkBoolean('crossEntropy', 'normalize', o.normalize, true);
  const policy = nanPolicyOf('crossEntropy', o.nanPolicy);
  return reduceLanes('crossEntropy', p, q, o, (pl, ql) => crossEntropyImpl(pl, ql!, normalize, policy) / logBase);
}

const sums = /*#__PURE__*/ xLogXSums();

/** Cross-entropy of two same-type vectors in nats, unchecked options. @internal */
export function crossEntropyImpl(p: FloatArray, q: FloatArray, normalize: boolean, policy: NanPolicy): number {
  const n = p.length;
  if (n === 0) return 0;
  const s = p instanceof Float32Array
    ? sumXLogYF32(p, q as Float32Array, bitsOf(q), 0, n, sums)
    : sumXLogYF64(p, q as Float64Array, bitsOf(q), 0, n, sums);
  if (s.irregular > 0) {
    const kept = resolveIrregular('crossEntropy', policy, p, q);
    return kept === undefined ? NaN : crossEntropyImpl(kept.p, kept.q!, normalize, policy);
  }
  if (!normalize) return -s.sumTerm;
  const sumP = s.sumP;
  const sumQ = s.sumQ;
  if (sumP === 0) rangeError('crossEntropy', 'p sums to 0 and cannot be normalized (pass normalize: false)');
  if (sumQ === 0) rangeError('crossEntropy', 'q sums to 0 and cannot be normalized (pass normalize: false)');
  if (!(sumP <= HUGE_SUM && sumQ <= HUGE_SUM)) return crossEntropyImpl(scaledByMax(p), scaledByMax(q), normalize, policy);
  // (Σp·ln Σq − Σ p ln q) / Σp with the same table log on both sides: p = q = one symbol gives exactly 0.
  return (sumP * (q instanceof Float32Array ? float32TableLog(sumQ) : fastLog(sumQ)) - s.sumTerm) / sumP;
}
