// GPU twin of src/conv/pointwiseConv2d.ts.
import { checkOptions, dispatcher, rangeError } from '../../core/index.js';
import type { FloatArray, Tensor } from '../../core/index.js';
import { biasOf, floatTensor, outputOf } from '../../conv/common.js';
import { convInfoFor } from '../../conv/convInfo.js';
import { pointwiseConv2d as pointwiseConv2dCpu } from '../../conv/pointwiseConv2d.js';
import type { PointwiseConv2dOptions } from '../../conv/pointwiseConv2d.js';
import { MAX_ELEMENTS_PER_LAUNCH } from '../runtime.js';
import type { GpuRuntime } from '../runtime.js';
import { activationCode, nhwcInput, storeOutput, tensorOf } from './common.js';
import { pointwiseRows } from './kernels.js';

const FN = 'pointwiseConv2d';

const dispatch = /*#__PURE__*/ dispatcher(FN, ['input', 'filter', 'options'], {
  'Tensor, Tensor, Object': run,
});

/** GPU pointwiseConv2d: see the CPU function. @internal */
export async function pointwiseConv2d(rt: GpuRuntime, input: Tensor<FloatArray>, filter: Tensor<FloatArray>, options: PointwiseConv2dOptions<Float32Array> = {}): Promise<Tensor<Float32Array>> {
  return dispatch(input, filter, { ...checkOptions(FN, options), rt }) as Promise<Tensor<Float32Array>>;
}

async function run(x: Tensor<FloatArray>, f: Tensor<FloatArray>, o: PointwiseConv2dOptions<Float32Array> & { rt: GpuRuntime }): Promise<Tensor<Float32Array>> {
  const rt = o.rt;
  const xShape = floatTensor(FN, 'input', x);
  const fShape = floatTensor(FN, 'filter', f);
  const nchw = o.dataFormat === 'NCHW';
  if (fShape.length === 4 && (nchw ? fShape[2] !== 1 || fShape[3] !== 1 : fShape[0] !== 1 || fShape[1] !== 1)) {
    rangeError(FN, `filter must be ${nchw ? '[Cout, Cin, 1, 1]' : '[1, 1, Cin, Cout]'} (got [${fShape.join(', ')}])`);
  }
  const info = convInfoFor(FN, xShape, fShape, o.dataFormat === undefined ? {} : { dataFormat: o.dataFormat }, false);
  const bias = Float32Array.from(biasOf(FN, 'bias', o.bias, info.outChannels));
  const act = activationCode(FN, 'activation', o.activation);
  const pixels = info.batch * info.inHeight * info.inWidth;
  const size = pixels * info.outChannels;
  const x32 = x.data instanceof Float32Array ? x.data : Float32Array.from(x.data);
  const out = outputOf(FN, x32, o.out, size, [['input', x.data], ['filter', f.data]]);
  const cpu = (): Tensor<Float32Array> => {
    const { rt: _rt, out: _out, ...cpuOptions } = o;
    out.set(pointwiseConv2dCpu({ data: x32, shape: x.shape }, f, cpuOptions).data);
    return tensorOf(out, size, info.outShape);
  };
  if (size === 0 || size < rt.cpuHandoff || info.inChannels > MAX_ELEMENTS_PER_LAUNCH) return cpu();
  const w = rowsCinCout(f.data, info.inChannels, info.outChannels, nchw);
  return rt.guarded(async () => {
    const y = await pointwiseLaunches(rt, nhwcInput(info, x32), w, bias, pixels, info.inChannels, info.outChannels, act);
    storeOutput(info, y, info.outChannels, out);
    return tensorOf(out, size, info.outShape);
  }, cpu);
}

/** The filter as float32 [Cin, Cout] rows (NCHW filters are [Cout, Cin, 1, 1]). @internal */
export function rowsCinCout(w: FloatArray, cin: number, cout: number, nchw: boolean): Float32Array {
  if (!nchw) return Float32Array.from(w);
  const out = new Float32Array(cin * cout);
  for (let co = 0; co < cout; co++) for (let ci = 0; ci < cin; ci++) out[ci * cout + co] = w[co * cin + ci]!;
  return out;
}

/** [P, Cin] × [Cin, Cout] + bias over pixel ranges that keep every launch ≤ 2^24 elements. @internal */
export async function pointwiseLaunches(
  rt: GpuRuntime, x: Float32Array, w: Float32Array, bias: Float32Array, pixels: number, cin: number, cout: number, act: number,
): Promise<Float32Array> {
  const y = new Float32Array(pixels * cout);
  const perLaunch = Math.max(1, Math.floor(MAX_ELEMENTS_PER_LAUNCH / Math.max(cin, cout)));
  for (let p0 = 0; p0 < pixels; p0 += perLaunch) {
    const count = Math.min(perLaunch, pixels - p0);
    const part = await rt.run('pointwiseRows', pointwiseRows, count * cout, [x.subarray(p0 * cin, (p0 + count) * cin), w, bias, cout, act], { Cin: cin });
    y.set(part, p0 * cout);
  }
  return y;
}
