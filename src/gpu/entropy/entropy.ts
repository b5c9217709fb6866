// GPU twin of src/entropy/entropy.ts: same checks and semantics, float32 on the device,
// validation and the float64 second stage on the host.
import { checkBoolean, checkLogBase, checkOptions, dispatcher, rangeError, toFloatArray } from '../../core/index.js';
import type { FloatArray, ProbArray, Tensor } from '../../core/index.js';
import { entropyImpl, HUGE_SUM } from '../../entropy/entropy.js';
import { bitsOf } from '../../entropy/fastLog.js';
import { nanPolicyOf, prepareLanes } from '../../entropy/reduce.js';
import type { NanPolicy, ReductionOptions, TensorReductionOptions } from '../../entropy/reduce.js';
import { sumPair, sumXLogXF32, xLogXSums } from '../../entropy/xlogx.js';
import { reduceBlocks } from '../runtime.js';
import type { GpuRuntime } from '../runtime.js';
import { xLogXPartial } from './kernels.js';

const dispatch = /*#__PURE__*/ dispatcher('entropy', ['p', 'options'], {
  'Float32Array | Float64Array | Array, Object': async (p: ProbArray, o: ReductionOptions & { rt: GpuRuntime }) => {
    if (o.axis !== undefined) rangeError('entropy', 'axis applies to Tensor input only');
    const { logBase, normalize, policy } = readOptions(o);
    return (await entropyOfLane(o.rt, toFloat32(toFloatArray('entropy', 'p', p)), normalize, policy)) / logBase;
  },
  'Tensor, Object': async (p: Tensor<FloatArray>, o: TensorReductionOptions<Float32Array> & { rt: GpuRuntime }) => {
    const { logBase, normalize, policy } = readOptions(o);
    const lanes = prepareLanes('entropy', p, undefined, o, true);
    for (let i = 0; i < lanes.count; i++) {
      lanes.out[i] = (await entropyOfLane(o.rt, toFloat32(lanes.lane(i)[0]), normalize, policy)) / logBase;
    }
    return lanes.out;
  },
});

/** GPU entropy: see the CPU `entropy` for semantics. @internal */
export async function entropy(rt: GpuRuntime, p: ProbArray | Tensor<FloatArray>, options: TensorReductionOptions<Float32Array> = {}): Promise<number | Float32Array> {
  return dispatch(p, { ...checkOptions('entropy', options), rt }) as Promise<number | Float32Array>;
}

function readOptions(o: ReductionOptions): { logBase: number; normalize: boolean; policy: NanPolicy } {
  return {
    logBase: checkLogBase('entropy', o.base),
    normalize: checkBoolean('entropy', 'normalize', o.normalize, true),
    policy: nanPolicyOf('entropy', o.nanPolicy),
  };
}

/** Float32 data for the device (copies Float64 input). @internal */
export function toFloat32(x: FloatArray): Float32Array {
  return x instanceof Float32Array ? x : Float32Array.from(x);
}

const sums = /*#__PURE__*/ xLogXSums();

async function entropyOfLane(rt: GpuRuntime, p: Float32Array, normalize: boolean, policy: NanPolicy): Promise<number> {
  const n = p.length;
  if (n === 0 || n < rt.cpuHandoff) return entropyImpl(p, normalize, policy);
  const s = sumPair(p, p, 0, n, sums);
  // Invalid entries (errors, nanPolicy), zero and huge sums take the CPU path, which owns those rules.
  if (s.irregular > 0 || !(s.sumP > 0 && s.sumP <= HUGE_SUM)) return entropyImpl(p, normalize, policy);
  const total = s.sumP;
  const t = await rt.guarded(
    () => reduceBlocks(rt, 'xLogX', xLogXPartial, [p], []),
    () => sumXLogXF32(p, bitsOf(p), 0, n, xLogXSums()).sumTerm,
  );
  if (!normalize) return -t;
  return Math.max(0, (total * Math.log(total) - t) / total);
}
