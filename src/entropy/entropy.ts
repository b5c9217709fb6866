import { checkBoolean, checkLogBase, checkOptions, dispatcher, rangeError, toFloatArray } from '../core/index.js';
import type { FloatArray, ProbArray, Tensor } from '../core/index.js';
import { bitsOf, fastLog, float32TableLog } from './fastLog.js';
import { nanPolicyOf, reduceLanes, resolveIrregular } from './reduce.js';
import type { NanPolicy, ReductionOptions, TensorReductionOptions } from './reduce.js';
import { sumXLogXF32, sumXLogXF64, xLogXSums } from './xlogx.js';

/** Options of {@link entropy}. */
export type EntropyOptions = ReductionOptions;

const dispatch = /*#__PURE__*/ dispatcher('entropy', ['p', 'options'], {
  'Float32Array | Float64Array | Array, Object': (p: ProbArray, o: ReductionOptions) => entropyOfVector(p, o),
  'Tensor, Object': (p: Tensor<FloatArray>, o: TensorReductionOptions) => entropyOfTensor(p, o),
});

/**
 * Shannon entropy H(p) = −Σᵢ pᵢ · log pᵢ.
 *
 * @remarks
 * Semantics of `scipy.stats.entropy(p)`: p is divided by its sum unless `normalize: false`;
 * 0 · log 0 = 0; an empty vector has entropy 0; a non-empty all-zero vector cannot be normalised
 * (RangeError). Negative and ±Infinity entries are RangeErrors, NaN follows `nanPolicy`.
 * For a Tensor, one value per lane along `axis` (default: the last axis, as torch and tfjs),
 * in the Tensor's float type. Accumulates in float64 (256-term blocks, block and chunk sums; see docs/entropy.md for the error bound).
 *
 * @param p - probabilities or counts: Float32Array, Float64Array, number[] or a Tensor
 * @param options - {@link EntropyOptions}; `out` for Tensor input
 * @returns H(p) in units of `options.base` (nats by default), or one value per lane
 * @throws TypeError if `p` or `options` is not of an accepted type
 * @throws RangeError for negative, infinite or (under 'raise') NaN entries, an all-zero p, or a bad option
 *
 * @example
 * ```ts
 * entropy([0.5, 0.5], { base: 2 }); // 1
 * entropy(new Float64Array([0.9, 0.1]), { base: 2 }); // 0.46899559358928117
 * ```
 */
export function entropy(p: Tensor<Float32Array>, options?: TensorReductionOptions<Float32Array>): Float32Array;
export function entropy(p: Tensor<Float64Array>, options?: TensorReductionOptions<Float64Array>): Float64Array;
export function entropy(p: Tensor<FloatArray>, options?: TensorReductionOptions): FloatArray;
export function entropy(p: ProbArray, options?: EntropyOptions): number;
export function entropy(p: ProbArray | Tensor<FloatArray>, options: TensorReductionOptions = {}): number | FloatArray {
  return dispatch(p, checkOptions('entropy', options)) as number | FloatArray;
}

function entropyOfVector(p: ProbArray, o: ReductionOptions): number {
  const logBase = checkLogBase('entropy', o.base);
  const normalize = checkBoolean('entropy', 'normalize', o.normalize, true);
  const policy = nanPolicyOf('entropy', o.nanPolicy);
  if (o.axis !== undefined) rangeError('entropy', 'axis applies to Tensor input only');
  return entropyImpl(toFloatArray('entropy', 'p', p), normalize, policy) / logBase;
}

function entropyOfTensor(p: Tensor<FloatArray>, o: TensorReductionOptions): FloatArray {
  const logBase = checkLogBase('entropy', o.base);
  const normalize = checkBoolean('entropy', 'normalize', o.normalize, true);
  const policy = nanPolicyOf('entropy', o.nanPolicy);
  return reduceLanes('entropy', p, undefined, o, (lane) => entropyImpl(lane, normalize, policy) / logBase);
}

const sums = /*#__PURE__*/ xLogXSums();

/**
 * Entropy of one vector in nats, unchecked options. Handles irregular entries per `policy`.
 * @internal
 */
export function entropyImpl(p: FloatArray, normalize: boolean, policy: NanPolicy): number {
  const n = p.length;
  if (n === 0) return 0;
  const s = p instanceof Float32Array ? sumXLogXF32(p, bitsOf(p), 0, n, sums) : sumXLogXF64(p, bitsOf(p), 0, n, sums);
  if (s.irregular > 0) {
    const kept = resolveIrregular('entropy', policy, p, undefined);
    return kept === undefined ? NaN : entropyImpl(kept.p, normalize, policy);
  }
  if (!normalize) return -s.sumTerm;
  const total = s.sumP;
  if (total === 0) rangeError('entropy', 'p sums to 0 and cannot be normalized (pass normalize: false)');
  if (!(total <= HUGE_SUM)) return entropyImpl(scaledByMax(p), normalize, policy);
  // (S·ln S − Σ p ln p) / S with the same table log on both sides: a single symbol gives exactly 0.
  return Math.max(0, (total * (p instanceof Float32Array ? float32TableLog(total) : fastLog(total)) - s.sumTerm) / total);
}

/** Sums above this are rescaled first, so that S·ln S and the block sums cannot overflow. @internal */
export const HUGE_SUM = 1e300;

/** A Float64 copy of p divided by its largest entry (for sums that overflow). @internal */
export function scaledByMax(p: FloatArray): Float64Array {
  let max = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > max) max = p[i]!;
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = p[i]! / max;
  return out;
}
