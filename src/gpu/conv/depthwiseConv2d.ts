// GPU twin of src/conv/depthwiseConv2d.ts: same checks and shapes (convInfo), float32 on the device.
import { checkOptions, dispatcher } from '../../core/index.js';
import type { FloatArray, Tensor } from '../../core/index.js';
import { biasOf, floatTensor, outputOf } from '../../conv/common.js';
import { convInfoFor } from '../../conv/convInfo.js';
import type { ConvInfo } from '../../conv/convInfo.js';
import { depthwiseConv2d as depthwiseConv2dCpu } from '../../conv/depthwiseConv2d.js';
import type { DepthwiseConv2dOptions } from '../../conv/depthwiseConv2d.js';
import { depthwiseToHwcm } from '../../conv/separableConv2d.js';
import type { GpuRuntime } from '../runtime.js';
import { activationCode, imagesPerLaunch, nhwcInput, storeOutput, tensorOf } from './common.js';
import { depthwiseNhwc } from './kernels.js';

const FN = 'depthwiseConv2d';

const dispatch = /*#__PURE__*/ dispatcher(FN, ['input', 'filter', 'options'], {
  'Tensor, Tensor, Object': run,
});

/** GPU depthwiseConv2d: see the CPU function. @internal */
export async function depthwiseConv2d(rt: GpuRuntime, input: Tensor<FloatArray>, filter: Tensor<FloatArray>, options: DepthwiseConv2dOptions<Float32Array> = {}): Promise<Tensor<Float32Array>> {
  return dispatch(input, filter, { ...checkOptions(FN, options), rt }) as Promise<Tensor<Float32Array>>;
}

async function run(x: Tensor<FloatArray>, f: Tensor<FloatArray>, o: DepthwiseConv2dOptions<Float32Array> & { rt: GpuRuntime }): Promise<Tensor<Float32Array>> {
  const rt = o.rt;
  const info = convInfoFor(FN, floatTensor(FN, 'input', x), floatTensor(FN, 'filter', f), o, true);
  const bias = Float32Array.from(biasOf(FN, 'bias', o.bias, info.outChannels));
  const act = activationCode(FN, 'activation', o.activation);
  const size = info.batch * info.outHeight * info.outWidth * info.outChannels;
  const x32 = x.data instanceof Float32Array ? x.data : Float32Array.from(x.data);
  const out = outputOf(FN, x32, o.out, size, [['input', x.data], ['filter', f.data]]);
  const cpu = (): Tensor<Float32Array> => {
    const { rt: _rt, out: _out, ...cpuOptions } = o;
    out.set(depthwiseConv2dCpu({ data: x32, shape: x.shape }, f, cpuOptions).data);
    return tensorOf(out, size, info.outShape);
  };
  const perLaunch = imagesPerLaunch(info.inHeight * info.inWidth * info.inChannels, info.outHeight * info.outWidth * info.outChannels);
  if (size === 0 || size < rt.cpuHandoff || perLaunch === 0) return cpu();
  const w = Float32Array.from(info.dataFormat === 'NCHW' ? depthwiseToHwcm(f.data, info) : f.data);
  return rt.guarded(async () => {
    const y = await depthwiseNhwcLaunches(rt, info, nhwcInput(info, x32), w, bias, act, perLaunch);
    storeOutput(info, y, info.outChannels, out);
    return tensorOf(out, size, info.outShape);
  }, cpu);
}

/** NHWC depthwise over all images, `perLaunch` images a launch. @internal */
export async function depthwiseNhwcLaunches(
  rt: GpuRuntime, info: ConvInfo, x: Float32Array, w: Float32Array, bias: Float32Array, act: number, perLaunch: number,
): Promise<Float32Array> {
  const inImage = info.inHeight * info.inWidth * info.inChannels;
  const outImage = info.outHeight * info.outWidth * info.outChannels;
  const y = new Float32Array(info.batch * outImage);
  for (let n0 = 0; n0 < info.batch; n0 += perLaunch) {
    const images = Math.min(perLaunch, info.batch - n0);
    const xs = x.subarray(n0 * inImage, (n0 + images) * inImage);
    const part = await rt.run('depthwiseNhwc', depthwiseNhwc, images * outImage, [
      xs, w, bias, info.inHeight, info.inWidth, info.inChannels, info.channelMultiplier, info.outHeight, info.outWidth,
      info.strideHeight, info.strideWidth, info.dilationHeight, info.dilationWidth, info.padTop, info.padLeft, act,
    ], { KH: info.filterHeight, KW: info.filterWidth });
    y.set(part, n0 * outImage);
  }
  return y;
}
