import { checkNoOverlap, checkOptions, dispatcher, rangeError } from '../core/index.js';
import type { Tensor } from '../core/index.js';
import { convInfoFor } from '../conv/convInfo.js';
import type { ConvInfo } from '../conv/convInfo.js';
import { multiplyByQuantizedMultiplierImpl } from './multiplyByQuantizedMultiplier.js';
import { int8Out, int8Tensor, quantConvState } from './quantizedConv.js';
import type { QuantConvState, QuantizedConvOptions } from './quantizedConv.js';

/** Options of {@link quantizedDepthwiseConv2d}. */
export type QuantizedDepthwiseConv2dOptions = QuantizedConvOptions;

const FN = 'quantizedDepthwiseConv2d';

const dispatch = /*#__PURE__*/ dispatcher(FN, ['input', 'filter', 'options'], {
  'Tensor, Tensor, any': (x: Tensor<Int8Array>, f: Tensor<Int8Array>, o: QuantizedDepthwiseConv2dOptions) => run(x, f, o),
});

/**
 * int8 depthwise 2-D convolution with TFLite int8 semantics (`reference_integer_ops::DepthwiseConvPerChannel`).
 *
 * @remarks
 * NHWC input `[N, H, W, C]` (int8, zero point `inputQuant.zeroPoint`), tfjs/TFLite filter
 * `[kh, kw, C, M]` (int8, symmetric, per-output-channel scales), output channel `c·M + m`.
 * For each output: `acc = Σ w·(x − inputZeroPoint) + bias[c]` in int32 (padding taps add nothing,
 * i.e. they are real 0), then `MultiplyByQuantizedMultiplier(acc, multiplier[c], shift[c])` (gemmlowp
 * double rounding) with `M_c = inputScale·filterScale[c]/outputScale`, plus the output zero point,
 * clamped to the activation range (relu: [zp, 127], relu6: [zp, zp + round(6/outputScale)]).
 * Shapes, padding, strides and dilations follow {@link convInfo} (tfjs rules), NHWC only.
 * The dequantized result tracks the float `depthwiseConv2d` of the dequantized operands within
 * about one output step.
 *
 * @param input - int8 Tensor `[N, H, W, C]` (or `[H, W, C]`)
 * @param filter - int8 Tensor `[kh, kw, C, M]`
 * @param options - {@link QuantizedConvOptions}: inputQuant, filterQuant, outputQuant (required), bias,
 *   activation, strides, padding (default 'valid'), dilations, requant, out
 * @returns an int8 Tensor `[N, outH, outW, C·M]`
 * @throws TypeError for non-int8 tensors or options of the wrong type
 * @throws RangeError for mismatched shapes, bad scales or zero points, a bias of the wrong length or a short `out`
 *
 * @example
 * ```ts
 * const x = { data: Int8Array.from({ length: 16 }, (_, i) => i + 1), shape: [1, 4, 4, 1] };
 * const w = { data: new Int8Array(9).fill(1), shape: [3, 3, 1, 1] };
 * const q = { inputQuant: { scale: 1 }, filterQuant: { scale: 1 }, outputQuant: { scale: 1 } };
 * quantizedDepthwiseConv2d(x, w, { ...q, strides: 2, padding: 'same' }).data; // Int8Array [54, 45, 72, 54]
 * ```
 */
export function quantizedDepthwiseConv2d(input: Tensor<Int8Array>, filter: Tensor<Int8Array>, options: QuantizedDepthwiseConv2dOptions): Tensor<Int8Array> {
  return dispatch(input, filter, checkOptions(FN, options)) as Tensor<Int8Array>;
}

function run(x: Tensor<Int8Array>, f: Tensor<Int8Array>, o: QuantizedDepthwiseConv2dOptions): Tensor<Int8Array> {
  const xShape = int8Tensor(FN, 'input', x);
  const fShape = int8Tensor(FN, 'filter', f);
  if ((o as { dataFormat?: unknown }).dataFormat !== undefined && (o as { dataFormat?: unknown }).dataFormat !== 'NHWC') {
    rangeError(FN, 'dataFormat must be NHWC (TFLite layout)');
  }
  const info = convInfoFor(FN, xShape, fShape, { ...o, dataFormat: 'NHWC' }, true);
  const st = quantConvState(FN, o, info.outChannels);
  const size = info.outShape.reduce((a, b) => a * b, 1);
  const out = int8Out(FN, o.out, size);
  checkNoOverlap(FN, 'out', out, 'input', x.data);
  checkNoOverlap(FN, 'out', out, 'filter', f.data);
  quantizedDepthwiseConv2dImpl(info, x.data, f.data, st, out);
  return { data: size === out.length ? out : out.subarray(0, size), shape: info.outShape.slice() };
}

/**
 * Unchecked TFLite DepthwiseConvPerChannel over NHWC: writes info.outShape's elements of out.
 * @internal
 */
export function quantizedDepthwiseConv2dImpl(info: ConvInfo, x: Int8Array, w: Int8Array, st: QuantConvState, out: Int8Array): Int8Array {
  const { batch, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, channelMultiplier: M } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: SH, strideWidth: SW, dilationHeight: DH, dilationWidth: DW, padTop, padLeft } = info;
  const OC = C * M;
  const { inputOffset, outputOffset, multiplier, shift, bias, actMin, actMax } = st;
  // channels innermost: for each output pixel, accumulate every tap over contiguous channels
  const acc = new Float64Array(OC);
  let o = 0;
  for (let b = 0; b < batch; b++) {
    const xb = b * H * W * C;
    for (let oy = 0; oy < OH; oy++) {
      const iy0 = oy * SH - padTop;
      for (let ox = 0; ox < OW; ox++) {
        const ix0 = ox * SW - padLeft;
        if (bias === undefined) acc.fill(0);
        else for (let k = 0; k < OC; k++) acc[k] = bias[k]!;
        for (let ky = 0; ky < KH; ky++) {
          const iy = iy0 + ky * DH;
          if (iy < 0 || iy >= H) continue;
          for (let kx = 0; kx < KW; kx++) {
            const ix = ix0 + kx * DW;
            if (ix < 0 || ix >= W) continue;
            const xp = xb + (iy * W + ix) * C;
            const wp = (ky * KW + kx) * OC;
            if (M === 1) {
              for (let c = 0; c < C; c++) acc[c] = acc[c]! + w[wp + c]! * (x[xp + c]! + inputOffset);
            } else {
              for (let c = 0; c < C; c++) {
                const xv = x[xp + c]! + inputOffset;
                for (let m = 0, k = c * M; m < M; m++, k++) acc[k] = acc[k]! + w[wp + k]! * xv;
              }
            }
          }
        }
        for (let k = 0; k < OC; k++) {
          let v = multiplyByQuantizedMultiplierImpl(acc[k]! | 0, multiplier[k]!, shift[k]!) + outputOffset;
          if (v < actMin) v = actMin;
          else if (v > actMax) v = actMax;
          out[o++] = v;
        }
      }
    }
  }
  return out;
}
