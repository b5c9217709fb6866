import { checkNoOverlap, checkOptions, dispatcher, rangeError } from '../core/index.js';
import type { Tensor } from '../core/index.js';
import { convInfoFor } from '../conv/convInfo.js';
import type { ConvInfo } from '../conv/convInfo.js';
import { multiplyByQuantizedMultiplierImpl } from './multiplyByQuantizedMultiplier.js';
import { int8Out, int8Tensor, quantConvState } from './quantizedConv.js';
import type { QuantConvState, QuantizedConvOptions } from './quantizedConv.js';

/** Options of {@link quantizedPointwiseConv2d}: the int8 conv options without padding and dilations (a 1×1 filter). */
export type QuantizedPointwiseConv2dOptions = Omit<QuantizedConvOptions, 'padding' | 'dilations'>;

const FN = 'quantizedPointwiseConv2d';

const dispatch = /*#__PURE__*/ dispatcher(FN, ['input', 'filter', 'options'], {
  'Tensor, Tensor, any': (x: Tensor<Int8Array>, f: Tensor<Int8Array>, o: QuantizedPointwiseConv2dOptions) => run(x, f, o),
});

/**
 * int8 pointwise (1×1) convolution with TFLite int8 semantics (`reference_integer_ops::ConvPerChannel`
 * with a 1×1 filter).
 *
 * @remarks
 * NHWC input `[N, H, W, Cin]` (int8, zero point `inputQuant.zeroPoint`), tfjs pointwise filter
 * `[1, 1, Cin, Cout]` (int8, symmetric, one scale per output channel, i.e. along filter axis 3).
 * For each pixel and output channel: `acc = Σ w·(x − inputZeroPoint) + bias[c]` in int32, then
 * `MultiplyByQuantizedMultiplier(acc, multiplier[c], shift[c])` with `M_c = inputScale·filterScale[c]/outputScale`,
 * plus the output zero point, clamped to the activation range. `strides` subsample the input as
 * tfjs (padding 'valid').
 *
 * @param input - int8 Tensor `[N, H, W, Cin]` (or `[H, W, Cin]`)
 * @param filter - int8 Tensor `[1, 1, Cin, Cout]`
 * @param options - {@link QuantizedPointwiseConv2dOptions}: inputQuant, filterQuant, outputQuant (required),
 *   bias, activation, strides, requant, out
 * @returns an int8 Tensor `[N, outH, outW, Cout]`
 * @throws TypeError for non-int8 tensors or options of the wrong type
 * @throws RangeError for a filter that is not 1×1, mismatched channels, bad scales or zero points,
 *   a bias of the wrong length or a short `out`
 *
 * @example
 * ```ts
 * const x = { data: new Int8Array([10, 20, -10, 4]), shape: [1, 1, 2, 2] };
 * const w = { data: new Int8Array([1, 2, 3, -1]), shape: [1, 1, 2, 2] };
 * const opts = { inputQuant: { scale: 0.5, zeroPoint: -10 }, filterQuant: { scale: [0.25, 0.5] }, outputQuant: { scale: 1, zeroPoint: 5 } };
 * quantizedPointwiseConv2d(x, w, opts).data; // Int8Array [19, 8, 10, 1]
 * ```
 */
export function quantizedPointwiseConv2d(input: Tensor<Int8Array>, filter: Tensor<Int8Array>, options: QuantizedPointwiseConv2dOptions): Tensor<Int8Array> {
  return dispatch(input, filter, checkOptions(FN, options)) as Tensor<Int8Array>;
}

function run(x: Tensor<Int8Array>, f: Tensor<Int8Array>, o: QuantizedPointwiseConv2dOptions): Tensor<Int8Array> {
  const xShape = int8Tensor(FN, 'input', x);
  const fShape = int8Tensor(FN, 'filter', f);
  if (fShape.length !== 4 || fShape[0] !== 1 || fShape[1] !== 1) rangeError(FN, `filter must be [1, 1, Cin, Cout] (got [${fShape.join(', ')}])`);
  const extra = o as { padding?: unknown; dilations?: unknown; dataFormat?: unknown };
  if (extra.padding !== undefined || extra.dilations !== undefined) rangeError(FN, 'padding and dilations do not apply to a 1×1 filter');
  if (extra.dataFormat !== undefined && extra.dataFormat !== 'NHWC') rangeError(FN, 'dataFormat must be NHWC (TFLite layout)');
  const info = convInfoFor(FN, xShape, fShape, { ...(o.strides === undefined ? {} : { strides: o.strides }), dataFormat: 'NHWC', padding: 'valid' }, false);
  const st = quantConvState(FN, o as QuantizedConvOptions, info.outChannels);
  const size = info.outShape.reduce((a, b) => a * b, 1);
  const out = int8Out(FN, o.out, size);
  checkNoOverlap(FN, 'out', out, 'input', x.data);
  checkNoOverlap(FN, 'out', out, 'filter', f.data);
  quantizedPointwiseConv2dImpl(info, x.data, f.data, st, out);
  return { data: size === out.length ? out : out.subarray(0, size), shape: info.outShape.slice() };
}

/**
 * Unchecked TFLite ConvPerChannel with a 1×1 filter over NHWC. Uses Σ w·(x + offset) = Σ w·x + offset·Σ w
 * with the filter transposed to [Cout][Cin] (exact in int32 arithmetic as long as TFLite's is).
 * @internal
 */
export function quantizedPointwiseConv2dImpl(info: ConvInfo, x: Int8Array, w: Int8Array, st: QuantConvState, out: Int8Array): Int8Array {
  const { batch, inHeight: H, inWidth: W, inChannels: CI, outHeight: OH, outWidth: OW, outChannels: CO, strideHeight: SH, strideWidth: SW } = info;
  const { inputOffset, outputOffset, multiplier, shift, bias, actMin, actMax } = st;
  const wt = new Int32Array(CO * CI);
  const base = new Float64Array(CO);
  for (let oc = 0; oc < CO; oc++) {
    let s = 0;
    for (let ci = 0; ci < CI; ci++) {
      const v = w[ci * CO + oc]!;
      wt[oc * CI + ci] = v;
      s += v;
    }
    base[oc] = s * inputOffset + (bias === undefined ? 0 : bias[oc]!);
  }
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const p = ((b * H + oy * SH) * W + ox * SW) * CI;
        for (let oc = 0; oc < CO; oc++) {
          let acc = base[oc]!;
          const r = oc * CI;
          for (let ci = 0; ci < CI; ci++) acc += wt[r + ci]! * x[p + ci]!;
          let v = multiplyByQuantizedMultiplierImpl(acc | 0, multiplier[oc]!, shift[oc]!) + outputOffset;
          if (v < actMin) v = actMin;
          else if (v > actMax) v = actMax;
          out[o++] = v;
        }
      }
    }
  }
  return out;
}
