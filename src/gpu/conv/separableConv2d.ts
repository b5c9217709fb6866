// GPU twin of src/conv/separableConv2d.ts: the depthwise stage, then the pointwise stage, each one
// kernel launch (the intermediate goes through the host between them).
import { checkOptions, dispatcher } from '../../core/index.js';
import type { FloatArray, Tensor } from '../../core/index.js';
import { biasOf, floatTensor, outputOf } from '../../conv/common.js';
import { convInfoFor } from '../../conv/convInfo.js';
import { depthwiseToHwcm, separableConv2d as separableConv2dCpu, separableOutChannels } from '../../conv/separableConv2d.js';
import type { SeparableConv2dOptions } from '../../conv/separableConv2d.js';
import type { GpuRuntime } from '../runtime.js';
import { activationCode, imagesPerLaunch, nhwcInput, storeOutput, tensorOf } from './common.js';
import { depthwiseNhwcLaunches } from './depthwiseConv2d.js';
import { pointwiseLaunches, rowsCinCout } from './pointwiseConv2d.js';

const FN = 'separableConv2d';

const dispatch = /*#__PURE__*/ dispatcher(FN, ['input', 'depthwiseFilter', 'pointwiseFilter', 'options'], {
  'Tensor, Tensor, Tensor, Object': run,
});

/** GPU separableConv2d: see the CPU function. @internal */
export async function separableConv2d(
  rt: GpuRuntime, input: Tensor<FloatArray>, depthwiseFilter: Tensor<FloatArray>, pointwiseFilter: Tensor<FloatArray>, options: SeparableConv2dOptions<Float32Array> = {},
): Promise<Tensor<Float32Array>> {
  return dispatch(input, depthwiseFilter, pointwiseFilter, { ...checkOptions(FN, options), rt }) as Promise<Tensor<Float32Array>>;
}

async function run(
  x: Tensor<FloatArray>, dw: Tensor<FloatArray>, pw: Tensor<FloatArray>, o: SeparableConv2dOptions<Float32Array> & { rt: GpuRuntime },
): Promise<Tensor<Float32Array>> {
  const rt = o.rt;
  const info = convInfoFor(FN, floatTensor(FN, 'input', x), floatTensor(FN, 'depthwiseFilter', dw), o, true);
  const pwShape = floatTensor(FN, 'pointwiseFilter', pw);
  const CM = info.outChannels;
  const nchw = info.dataFormat === 'NCHW';
  const cout = separableOutChannels(FN, pwShape, info);
  const dwBias = Float32Array.from(biasOf(FN, 'depthwiseBias', o.depthwiseBias, CM));
  const dwAct = activationCode(FN, 'depthwiseActivation', o.depthwiseActivation);
  const bias = Float32Array.from(biasOf(FN, 'bias', o.bias, cout));
  const act = activationCode(FN, 'activation', o.activation);
  const outShape = info.outShape.slice();
  outShape[outShape.length - (nchw ? 3 : 1)] = cout;
  const pixels = info.batch * info.outHeight * info.outWidth;
  const size = pixels * cout;
  const x32 = x.data instanceof Float32Array ? x.data : Float32Array.from(x.data);
  const out = outputOf(FN, x32, o.out, size, [['input', x.data], ['depthwiseFilter', dw.data], ['pointwiseFilter', pw.data]]);
  const cpu = (): Tensor<Float32Array> => {
    const { rt: _rt, out: _out, ...cpuOptions } = o;
    out.set(separableConv2dCpu({ data: x32, shape: x.shape }, dw, pw, cpuOptions).data);
    return tensorOf(out, size, outShape);
  };
  const perLaunch = imagesPerLaunch(info.inHeight * info.inWidth * info.inChannels, info.outHeight * info.outWidth * CM);
  if (size === 0 || size < rt.cpuHandoff || perLaunch === 0) return cpu();
  const wDw = Float32Array.from(nchw ? depthwiseToHwcm(dw.data, info) : dw.data);
  const wPw = rowsCinCout(pw.data, CM, cout, nchw);
  return rt.guarded(async () => {
    const mid = await depthwiseNhwcLaunches(rt, info, nhwcInput(info, x32), wDw, dwBias, dwAct, perLaunch);
    const y = await pointwiseLaunches(rt, mid, wPw, bias, pixels, CM, cout, act);
    storeOutput(info, y, cout, out);
    return tensorOf(out, size, outShape);
  }, cpu);
}
