import { checkBoolean, checkLogBase, checkOptions, checkSameLength, dispatcher, rangeError, toFloatArray } from '../core/index.js';
import type { FloatArray, ProbArray, Tensor } from '../core/index.js';
import { HUGE_SUM, scaledByMax } from './entropy.js';
import { nanPolicyOf, reduceLanes, resolveIrregular, sameFloatType } from './reduce.js';
import type { NanPolicy, ReductionOptions, TensorReductionOptions } from './reduce.js';
import { sumKl } from './klSums.js';
import { xLogXSums } from './xlogx.js';

/** Options of {@link klDivergence}. */
export type KlDivergenceOptions = ReductionOptions;

const dispatch = /*#__PURE__*/ dispatcher('klDivergence', ['p', 'q', 'options'], {
  'Float32Array | Float64Array | Array, Float32Array | Float64Array | Array, Object': (p: ProbArray, q: ProbArray, o: ReductionOptions) =>
    klOfVectors(p, q, o),
  'Tensor, Tensor, Object': (p: Tensor<FloatArray>, q: Tensor<FloatArray>, o: TensorReductionOptions) => klOfTensors(p, q, o),
});

/**
 * Kullback–Leibler divergence D(p‖q) = Σᵢ pᵢ · log(pᵢ / qᵢ): the extra code length per symbol
 * paid for coding p with a code built for q.
 *
 * @remarks
 * Semantics of `scipy.stats.entropy(p, q)`: inputs normalised unless `normalize: false`;
 * 0 · log 0 = 0; qᵢ = 0 where pᵢ > 0 gives Infinity. The normalisation ratio is folded into each
 * Computed in one pass as Σ pᵢ (log pᵢ − log qᵢ)/Σp + log(Σq/Σp): identical inputs give exactly 0,
 * proportional ones 0 within the sum's absolute accuracy, ≈ 4ε·(Σ p̂ᵢ(|log pᵢ| + |log qᵢ|) + |log Σp| + |log Σq|)
 * (about 1e-14 nats for everyday inputs; it does not resolve smaller D).
 * Accumulates in float64.
 *
 * @param p - reference distribution (Float32Array, Float64Array, number[] or Tensor)
 * @param q - approximating distribution, same length or shape as `p`
 * @param options - {@link KlDivergenceOptions}; `out` for Tensor input
 * @returns D(p‖q) in units of `options.base`, or one value per lane
 * @throws TypeError if `p`, `q` or `options` is not of an accepted type
 * @throws RangeError if lengths differ, for negative, infinite or NaN entries, all-zero inputs, or a bad option
 *
 * @example
 * ```ts
 * klDivergence([0.5, 0.5], [0.9, 0.1], { base: 2 }); // 0.7369655941662062
 * ```
 */
export function klDivergence(p: Tensor<Float32Array>, q: Tensor<Float32Array>, options?: TensorReductionOptions<Float32Array>): Float32Array;
export function klDivergence(p: Tensor<Float64Array>, q: Tensor<FloatArray>, options?: TensorReductionOptions<Float64Array>): Float64Array;
export function klDivergence(p: Tensor<FloatArray>, q: Tensor<Float64Array>, options?: TensorReductionOptions<Float64Array>): Float64Array;
export function klDivergence(p: Tensor<FloatArray>, q: Tensor<FloatArray>, options?: TensorReductionOptions): FloatArray;
export function klDivergence(p: ProbArray, q: ProbArray, options?: KlDivergenceOptions): number;
export function klDivergence(p: ProbArray | Tensor<FloatArray>, q: ProbArray | Tensor<FloatArray>, options: TensorReductionOptions = {}): number | FloatArray {
  return dispatch(p, q, checkOptions('klDivergence', options)) as number | FloatArray;
}

function klOfVectors(p: ProbArray, q: ProbArray, o: ReductionOptions): number {
  const logBase = checkLogBase('klDivergence', o.base);
  const normalize = checkBoolean('klDivergence', 'normalize', o.normalize, true);
  const policy = nanPolicyOf('klDivergence', o.nanPolicy);
  if (o.axis !== undefined) rangeError('klDivergence', 'axis applies to Tensor input only');
  checkSameLength('klDivergence', 'p', p, 'q', q);
  const [pf, qf] = sameFloatType(toFloatArray('klDivergence', 'p', p), toFloatArray('klDivergence', 'q', q));
  return klDivergenceImpl(pf, qf, normalize, policy) / logBase;
}

function klOfTensors(p: Tensor<FloatArray>, q: Tensor<FloatArray>, o: TensorReductionOptions): FloatArray {
  const logBase = checkLogBase('klDivergence', o.base);
  const normalize = checkBoolean('klDivergence', 'normalize', o.normalize, true);
  const policy = nanPolicyOf('klDivergence', o.nanPolicy);
  return reduceLanes('klDivergence', p, q, o, (pl, ql) => klDivergenceImpl(pl, ql!, normalize, policy) / logBase);
}

const sums = /*#__PURE__*/ xLogXSums();

/** D(p‖q) of two same-type vectors in nats, unchecked options. @internal */
export function klDivergenceImpl(p: FloatArray, q: FloatArray, normalize: boolean, policy: NanPolicy): number {
  const n = p.length;
  if (n === 0) return 0;
  const s = sumKl(p, q, 0, n, sums);
  if (s.irregular > 0) {
    const kept = resolveIrregular('klDivergence', policy, p, q);
    return kept === undefined ? NaN : klDivergenceImpl(kept.p, kept.q!, normalize, policy);
  }
  if (!normalize) return s.sumTerm;
  const sumP = s.sumP;
  const sumQ = s.sumQ;
  if (sumP === 0) rangeError('klDivergence', 'p sums to 0 and cannot be normalized (pass normalize: false)');
  if (sumQ === 0) rangeError('klDivergence', 'q sums to 0 and cannot be normalized (pass normalize: false)');
  if (!(sumP <= HUGE_SUM && sumQ <= HUGE_SUM)) return klDivergenceImpl(scaledByMax(p), scaledByMax(q), normalize, policy);
  if (s.sumTerm === Infinity) return Infinity;
  // D = Σ p(ln p − ln q)/Σp + ln(Σq/Σp); Gibbs: D ≥ 0, rounding may leave −1e-16.
  return Math.max(0, s.sumTerm / sumP + Math.log(sumQ / sumP));
}
