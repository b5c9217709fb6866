// Shared plumbing of the GPU twins of the two-distribution reductions (crossEntropy, klDivergence):
// the CPU dispatcher's types and messages, option checks, lanes, float32 conversion.
import { checkBoolean, checkLogBase, checkOptions, checkSameLength, dispatcher, rangeError, toFloatArray } from '../../core/index.js';
import type { FloatArray, ProbArray, Tensor } from '../../core/index.js';
import { nanPolicyOf, prepareLanes, sameFloatType } from '../../entropy/reduce.js';
import type { NanPolicy, ReductionOptions, TensorReductionOptions } from '../../entropy/reduce.js';
import type { GpuRuntime } from '../runtime.js';
import { toFloat32 } from './entropy.js';

/** One lane of a pair reduction on the GPU, in nats. @internal */
export type PairLane = (rt: GpuRuntime, p: Float32Array, q: Float32Array, normalize: boolean, policy: NanPolicy) => Promise<number>;

type WithRuntime<T> = T & { rt: GpuRuntime };

/** Builds the public GPU function of a pair reduction. @internal */
export function pairReduction(fn: string, lane: PairLane) {
  const settings = (o: ReductionOptions) => ({
    logBase: checkLogBase(fn, o.base),
    normalize: checkBoolean(fn, 'normalize', o.normalize, true),
    policy: nanPolicyOf(fn, o.nanPolicy),
  });
  const dispatch = dispatcher(fn, ['p', 'q', 'options'], {
    'Float32Array | Float64Array | Array, Float32Array | Float64Array | Array, Object': async (p: ProbArray, q: ProbArray, o: WithRuntime<ReductionOptions>) => {
      if (o.axis !== undefined) rangeError(fn, 'axis applies to Tensor input only');
      const { logBase, normalize, policy } = settings(o);
      checkSameLength(fn, 'p', p, 'q', q);
      const [pf, qf] = sameFloatType(toFloatArray(fn, 'p', p), toFloatArray(fn, 'q', q));
      return (await lane(o.rt, toFloat32(pf), toFloat32(qf), normalize, policy)) / logBase;
    },
    'Tensor, Tensor, Object': async (p: Tensor<FloatArray>, q: Tensor<FloatArray>, o: WithRuntime<TensorReductionOptions<Float32Array>>) => {
      const { logBase, normalize, policy } = settings(o);
      const lanes = prepareLanes(fn, p, q, o, true);
      for (let i = 0; i < lanes.count; i++) {
        const [pl, ql] = lanes.lane(i);
        lanes.out[i] = (await lane(o.rt, toFloat32(pl), toFloat32(ql!), normalize, policy)) / logBase;
      }
      return lanes.out;
    },
  });
  return async (rt: GpuRuntime, p: ProbArray | Tensor<FloatArray>, q: ProbArray | Tensor<FloatArray>, options: TensorReductionOptions<Float32Array> = {}) =>
    dispatch(p, q, { ...checkOptions(fn, options), rt }) as Promise<number | Float32Array>;
}

/** True when some qᵢ = 0 where pᵢ > 0 (the result is then Infinity, decided on the host). @internal */
export function hasUncoveredMass(p: Float32Array, q: Float32Array): boolean {
  for (let i = 0; i < p.length; i++) if (q[i] === 0 && p[i]! > 0) return true;
  return false;
}
