import { checkBoolean, checkLogBase, checkOptions, checkSameLength, dispatcher, rangeError, toFloatArray } from '../core/index.js';
import type { FloatArray, ProbArray, Tensor } from '../core/index.js';
import { HUGE_SUM, scaledByMax } from './entropy.js';
import { nanPolicyOf, reduceLanes, resolveIrregular, sameFloatType } from './reduce.js';
import type { NanPolicy, ReductionOptions, TensorReductionOptions } from './reduce.js';
import { relEntrScalar } from './relEntr.js';
import { sumPair, xLogXSums } from './xlogx.js';

/** Options of {@link jsDivergence} and {@link jsDistance}. */
export type JsDivergenceOptions = ReductionOptions;

const divergence = /*#__PURE__*/ dispatcher('jsDivergence', ['p', 'q', 'options'], {
  'Float32Array | Float64Array | Array, Float32Array | Float64Array | Array, Object': (p: ProbArray, q: ProbArray, o: ReductionOptions) =>
    jsOfVectors('jsDivergence', p, q, o, false),
  'Tensor, Tensor, Object': (p: Tensor<FloatArray>, q: Tensor<FloatArray>, o: TensorReductionOptions) => jsOfTensors('jsDivergence', p, q, o, false),
});

const distance = /*#__PURE__*/ dispatcher('jsDistance', ['p', 'q', 'options'], {
  'Float32Array | Float64Array | Array, Float32Array | Float64Array | Array, Object': (p: ProbArray, q: ProbArray, o: ReductionOptions) =>
    jsOfVectors('jsDistance', p, q, o, true),
  'Tensor, Tensor, Object': (p: Tensor<FloatArray>, q: Tensor<FloatArray>, o: TensorReductionOptions) => jsOfTensors('jsDistance', p, q, o, true),
});

/**
 * Jensen–Shannon divergence JS(p, q) = ½ D(p‖m) + ½ D(q‖m), m = (p + q)/2: symmetric, finite,
 * 0 iff p = q, at most log 2 (1 bit with `base: 2`).
 *
 * @remarks
 * The square of `scipy.spatial.distance.jensenshannon(p, q, base)`; same normalisation and
 * `rel_entr` terms (see {@link relEntr}). {@link jsDistance} is its square root.
 *
 * @param p - first distribution (Float32Array, Float64Array, number[] or Tensor)
 * @param q - second distribution, same length or shape
 * @param options - {@link JsDivergenceOptions}; `out` for Tensor input
 * @returns JS(p, q) in units of `options.base`, or one value per lane
 * @throws TypeError if `p`, `q` or `options` is not of an accepted type
 * @throws RangeError if lengths differ, for negative, infinite or NaN entries, all-zero inputs, or a bad option
 *
 * @example
 * ```ts
 * jsDivergence([1, 0, 0], [0, 1, 0], { base: 2 }); // 1
 * ```
 */
export function jsDivergence(p: Tensor<Float32Array>, q: Tensor<Float32Array>, options?: TensorReductionOptions<Float32Array>): Float32Array;
export function jsDivergence(p: Tensor<Float64Array>, q: Tensor<FloatArray>, options?: TensorReductionOptions<Float64Array>): Float64Array;
export function jsDivergence(p: Tensor<FloatArray>, q: Tensor<Float64Array>, options?: TensorReductionOptions<Float64Array>): Float64Array;
export function jsDivergence(p: Tensor<FloatArray>, q: Tensor<FloatArray>, options?: TensorReductionOptions): FloatArray;
export function jsDivergence(p: ProbArray, q: ProbArray, options?: JsDivergenceOptions): number;
export function jsDivergence(p: ProbArray | Tensor<FloatArray>, q: ProbArray | Tensor<FloatArray>, options: TensorReductionOptions = {}): number | FloatArray {
  return divergence(p, q, checkOptions('jsDivergence', options)) as number | FloatArray;
}

/**
 * Jensen–Shannon distance √JS(p, q), a metric: `scipy.spatial.distance.jensenshannon`.
 *
 * @remarks See {@link jsDivergence}; `base` applies before the square root, as in scipy.
 *
 * @param p - first distribution (Float32Array, Float64Array, number[] or Tensor)
 * @param q - second distribution, same length or shape
 * @param options - {@link JsDivergenceOptions}; `out` for Tensor input
 * @returns √JS(p, q), or one value per lane
 * @throws TypeError if `p`, `q` or `options` is not of an accepted type
 * @throws RangeError as {@link jsDivergence}
 *
 * @example
 * ```ts
 * jsDistance([1, 0], [0.5, 0.5]); // 0.46450140402245893
 * ```
 */
export function jsDistance(p: Tensor<Float32Array>, q: Tensor<Float32Array>, options?: TensorReductionOptions<Float32Array>): Float32Array;
export function jsDistance(p: Tensor<Float64Array>, q: Tensor<FloatArray>, options?: TensorReductionOptions<Float64Array>): Float64Array;
export function jsDistance(p: Tensor<FloatArray>, q: Tensor<Float64Array>, options?: TensorReductionOptions<Float64Array>): Float64Array;
export function jsDistance(p: Tensor<FloatArray>, q: Tensor<FloatArray>, options?: TensorReductionOptions): FloatArray;
export function jsDistance(p: ProbArray, q: ProbArray, options?: JsDivergenceOptions): number;
export function jsDistance(p: ProbArray | Tensor<FloatArray>, q: ProbArray | Tensor<FloatArray>, options: TensorReductionOptions = {}): number | FloatArray {
  return distance(p, q, checkOptions('jsDistance', options)) as number | FloatArray;
}

function jsOfVectors(fn: string, p: ProbArray, q: ProbArray, o: ReductionOptions, root: boolean): number {
  const logBase = checkLogBase(fn, o.base);
  const normalize = checkBoolean(fn, 'normalize', o.normalize, true);
  const policy = nanPolicyOf(fn, o.nanPolicy);
  if (o.axis !== undefined) rangeError(fn, 'axis applies to Tensor input only');
  checkSameLength(fn, 'p', p, 'q', q);
  const [pf, qf] = sameFloatType(toFloatArray(fn, 'p', p), toFloatArray(fn, 'q', q));
  const js = jsDivergenceImpl(fn, pf, qf, normalize, policy) / logBase;
  return root ? Math.sqrt(js) : js;
}

function jsOfTensors(fn: string, p: Tensor<FloatArray>, q: Tensor<FloatArray>, o: TensorReductionOptions, root: boolean): FloatArray {
  const logBase = checkLogBase(fn, o.base);
  const normalize = checkBoolean(fn, 'normalize', o.normalize, true);
  const policy = nanPolicyOf(fn, o.nanPolicy);
  return reduceLanes(fn, p, q, o, (pl, ql) => {
    const js = jsDivergenceImpl(fn, pl, ql!, normalize, policy) / logBase;
    return root ? Math.sqrt(js) : js;
  });
}

const sums = /*#__PURE__*/ xLogXSums();

/** JS divergence of two same-type vectors in nats (never negative), unchecked options. @internal */
export function jsDivergenceImpl(fn: string, p: FloatArray, q: FloatArray, normalize: boolean, policy: NanPolicy): number {
  const n = p.length;
  if (n === 0) return 0;
  const s = sumPair(p, q, 0, n, sums);
  if (s.irregular > 0) {
    const kept = resolveIrregular(fn, policy, p, q);
    return kept === undefined ? NaN : jsDivergenceImpl(fn, kept.p, kept.q!, normalize, policy);
  }
  let sumP = 1;
  let sumQ = 1;
  if (normalize) {
    if (s.sumP === 0) rangeError(fn, 'p sums to 0 and cannot be normalized (pass normalize: false)');
    if (s.sumQ === 0) rangeError(fn, 'q sums to 0 and cannot be normalized (pass normalize: false)');
    if (!(s.sumP <= HUGE_SUM && s.sumQ <= HUGE_SUM)) return jsDivergenceImpl(fn, scaledByMax(p), scaledByMax(q), normalize, policy);
    sumP = s.sumP;
    sumQ = s.sumQ;
  }
  // scipy divides by the sums (not by a reciprocal): same rounding as jensenshannon.
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < n; i++) {
    const a = p[i]! / sumP;
    const b = q[i]! / sumQ;
    const m = 0.5 * (a + b);
    const t = relEntrScalar(a, m) + relEntrScalar(b, m);
    const u = hi + t;
    lo += Math.abs(hi) >= Math.abs(t) ? hi - u + t : t - u + hi;
    hi = u;
  }
  return Math.max(0, 0.5 * (hi + lo));
}
