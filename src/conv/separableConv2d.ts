import { checkOptions, dispatcher, rangeError } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { biasOf, clampOf, floatTensor, outputOf, resultOf, nchwImageToNhwc, scratchOf } from './common.js';
import type { ConvActivation, FusedConvOptions } from './common.js';
import { convInfoFor } from './convInfo.js';
import type { ConvInfo } from './convInfo.js';
import { depthwiseBandRowsImpl, depthwiseBandsOf } from './depthwiseBands.js';
import { depthwiseRowImpl } from './depthwiseConv2d.js';
import { gemmImpl, packedLength, packPanels } from './gemm.js';

/** Options of {@link separableConv2d}: the depthwise geometry, plus a bias and activation after each stage. */
export interface SeparableConv2dOptions<O extends FloatArray = FloatArray> extends FusedConvOptions<O> {
  /** Bias of the depthwise stage, one per depthwise output channel (C·M). */
  depthwiseBias?: FloatArray | readonly number[];
  /** Activation after the depthwise stage (default `'linear'`, as tfjs `separableConv2d`). */
  depthwiseActivation?: ConvActivation;
}

const FN = 'separableConv2d';

/** Pixels per fused tile: whole output rows, about this many pixels, so the depthwise tile stays in cache. */
const TILE_PIXELS = 64;

const dispatch = /*#__PURE__*/ dispatcher(FN, ['input', 'depthwiseFilter', 'pointwiseFilter', 'options'], {
  'Tensor, Tensor, Tensor, Object': (x: Tensor<FloatArray>, dw: Tensor<FloatArray>, pw: Tensor<FloatArray>, o: SeparableConv2dOptions) => run(x, dw, pw, o),
});

/**
 * Depthwise-separable convolution, the MobileNet block: depthwise → bias → activation →
 * pointwise → bias → activation (each bias and activation optional), computed fused.
 *
 * @remarks
 * Equals `pointwiseConv2d(depthwiseConv2d(x, dw, {…, bias: depthwiseBias, activation:
 * depthwiseActivation}), pw, {bias, activation})` (tfjs `separableConv2d` when both are linear and
 * unbiased), but the depthwise output is never materialised for the whole image: it is computed
 * a tile of whole output rows (about 64 pixels) at a time into a float64 buffer and multiplied by
 * the pointwise filter while still in cache. The depthwise intermediate stays float64 (not
 * rounded to float32 between stages). Strides, padding, dilations and dataFormat apply to the
 * depthwise stage. Filters: NHWC `[kh, kw, C, M]` and `[1, 1, C·M, Cout]` (tfjs); NCHW
 * `[C·M, 1, kh, kw]` and `[Cout, C·M, 1, 1]` (PyTorch/ONNX). Unlike tfjs, NCHW works too.
 *
 * @param input - `[N, H, W, C]` (NHWC) or `[N, C, H, W]` (NCHW) float Tensor, or rank 3 without N
 * @param depthwiseFilter - `[kh, kw, C, M]` (NHWC) or `[C·M, 1, kh, kw]` (NCHW)
 * @param pointwiseFilter - `[1, 1, C·M, Cout]` (NHWC) or `[Cout, C·M, 1, 1]` (NCHW)
 * @param options - {@link SeparableConv2dOptions}
 * @returns a Tensor of the input's float type, shape `[N, outH, outW, Cout]` (or NCHW)
 * @throws TypeError if a Tensor's data is not a float array, or an option has the wrong type
 * @throws RangeError for mismatched shapes (including a pointwise filter whose input channels
 *   are not C·M), bad geometry, biases of the wrong length or a short `out`
 *
 * @example
 * ```ts
 * const x = { data: new Float64Array([1, 2, 3, 4]), shape: [1, 2, 2, 1] };
 * const dw = { data: new Float64Array([1, 1, 1, 1]), shape: [2, 2, 1, 1] };
 * const pw = { data: new Float64Array([1, -1]), shape: [1, 1, 1, 2] };
 * separableConv2d(x, dw, pw).data; // Float64Array [10, -10]
 * separableConv2d(x, dw, pw, { bias: [-4, 0], activation: 'relu6' }).data; // Float64Array [6, 0]
 * ```
 */
export function separableConv2d(input: Tensor<Float32Array>, depthwiseFilter: Tensor<FloatArray>, pointwiseFilter: Tensor<FloatArray>, options?: SeparableConv2dOptions<Float32Array>): Tensor<Float32Array>;
export function separableConv2d(input: Tensor<Float64Array>, depthwiseFilter: Tensor<FloatArray>, pointwiseFilter: Tensor<FloatArray>, options?: SeparableConv2dOptions<Float64Array>): Tensor<Float64Array>;
export function separableConv2d(input: Tensor<FloatArray>, depthwiseFilter: Tensor<FloatArray>, pointwiseFilter: Tensor<FloatArray>, options?: SeparableConv2dOptions): Tensor<FloatArray>;
export function separableConv2d(input: Tensor<FloatArray>, depthwiseFilter: Tensor<FloatArray>, pointwiseFilter: Tensor<FloatArray>, options?: SeparableConv2dOptions): Tensor<FloatArray> {
  return dispatch(input, depthwiseFilter, pointwiseFilter, checkOptions(FN, options)) as Tensor<FloatArray>;
}

function run(x: Tensor<FloatArray>, dw: Tensor<FloatArray>, pw: Tensor<FloatArray>, o: SeparableConv2dOptions): Tensor<FloatArray> {
  const xShape = floatTensor(FN, 'input', x);
  const dwShape = floatTensor(FN, 'depthwiseFilter', dw);
  const pwShape = floatTensor(FN, 'pointwiseFilter', pw);
  const info = convInfoFor(FN, xShape, dwShape, o, true);
  const CM = info.outChannels;
  const nchw = info.dataFormat === 'NCHW';
  const cout = separableOutChannels(FN, pwShape, info);
  const dwBias = biasOf(FN, 'depthwiseBias', o.depthwiseBias, CM);
  const [dlo, dhi] = clampOf(FN, 'depthwiseActivation', o.depthwiseActivation);
  const bias = biasOf(FN, 'bias', o.bias, cout);
  const [lo, hi] = clampOf(FN, 'activation', o.activation);
  const outShape = info.outShape.slice();
  outShape[outShape.length - (nchw ? 3 : 1)] = cout;
  const size = info.batch * info.outHeight * info.outWidth * cout;
  const views: Array<[string, ArrayLike<number>]> = [['input', x.data], ['depthwiseFilter', dw.data], ['pointwiseFilter', pw.data]];
  if (ArrayBuffer.isView(o.bias)) views.push(['bias', o.bias]);
  if (ArrayBuffer.isView(o.depthwiseBias)) views.push(['depthwiseBias', o.depthwiseBias]);
  const out = outputOf(FN, x.data, o.out, size, views);
  const wDw = nchw ? depthwiseToHwcm(dw.data, info) : Float64Array.from(dw.data);
  const wpPw = scratchOf(0, packedLength(CM, cout, FN));
  if (nchw) packPanels(pw.data, 0, CM, cout, 1, CM, wpPw);
  else packPanels(pw.data, 0, CM, cout, cout, 1, wpPw);
  separableConv2dImpl(info, x.data, wDw, dwBias, dlo, dhi, wpPw, cout, bias, lo, hi, out);
  return resultOf(out, size, outShape);
}

/**
 * Checks the pointwise filter of a separable block against the depthwise layer and returns Cout:
 * `[1, 1, C·M, Cout]` (NHWC) or `[Cout, C·M, 1, 1]` (NCHW).
 * @internal
 */
export function separableOutChannels(fn: string, pwShape: readonly number[], info: ConvInfo): number {
  const CM = info.outChannels;
  const nchw = info.dataFormat === 'NCHW';
  if (pwShape.length !== 4) rangeError(fn, `pointwiseFilter must have rank 4 (got [${pwShape.join(', ')}])`);
  const [pa, pb, pc, pd] = pwShape as [number, number, number, number];
  const pwOk = nchw ? pb === CM && pc === 1 && pd === 1 && pa >= 1 : pa === 1 && pb === 1 && pc === CM && pd >= 1;
  if (!pwOk) {
    rangeError(fn, `pointwiseFilter must be ${nchw ? `[Cout, ${CM}, 1, 1]` : `[1, 1, ${CM}, Cout]`} for ${CM} depthwise output channels (got [${pwShape.join(', ')}])`);
  }
  return nchw ? pa : pd;
}

/** `[C·M, 1, kh, kw]` → `[kh, kw, C, M]` (same data order as `[kh, kw, 1, C·M]`). @internal */
export function depthwiseToHwcm(w: ArrayLike<number>, info: ConvInfo): Float64Array {
  const taps = info.filterHeight * info.filterWidth;
  const CM = info.outChannels;
  const out = new Float64Array(taps * CM);
  for (let oc = 0; oc < CM; oc++) for (let t = 0; t < taps; t++) out[t * CM + oc] = w[oc * taps + t]!;
  return out;
}

/**
 * Unchecked fused separable block. `info` is the depthwise layer's (its outChannels = C·M),
 * `wDw` is `[kh, kw, C, M]`, `wpPw` the pointwise filter packed by {@link packPanels}; input and output in `info.dataFormat`.
 * NCHW input is transposed to NHWC scratch per image; the output is written through strides.
 * @internal
 */
export function separableConv2dImpl(
  info: ConvInfo, x: FloatArray, wDw: Float64Array, dwBias: Float64Array, dlo: number, dhi: number,
  wpPw: Float64Array, cout: number, bias: Float64Array, lo: number, hi: number, out: FloatArray,
): FloatArray {
  const { batch, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: CM } = info;
  const nchw = info.dataFormat === 'NCHW';
  const image = H * W * C;
  const scratch = nchw ? scratchOf(2, image) : undefined;
  // The depthwise stage goes through the band kernels where they apply, two or more rows per tile
  // (their rows come in pairs sharing input rows), else row by row.
  const perTile = Math.floor(TILE_PIXELS / Math.max(1, OW));
  const bandRows = Math.max(2, perTile & ~1);
  const rowRows = Math.max(1, perTile);
  const tile = scratchOf(1, Math.max(bandRows, rowRows) * OW * CM);
  const plan = depthwiseBandsOf(info, scratch ?? x, tile);
  const tileRows = plan !== null ? bandRows : rowRows;
  const acc = new Float64Array(CM);
  const ldp = nchw ? 1 : cout;
  const ldn = nchw ? OH * OW : 1;
  for (let n = 0; n < batch; n++) {
    let src: FloatArray = x;
    let xOff = n * image;
    if (scratch !== undefined) {
      nchwImageToNhwc(x, n * image, C, H * W, scratch);
      src = scratch;
      xOff = 0;
    }
    const outImage = n * OH * OW * cout;
    for (let oh0 = 0; oh0 < OH; oh0 += tileRows) {
      const rows = Math.min(tileRows, OH - oh0);
      if (plan !== null) depthwiseBandRowsImpl(info, plan, src, xOff, wDw, dwBias, dlo, dhi, tile, 0, oh0, rows);
      else for (let r = 0; r < rows; r++) depthwiseRowImpl(info, src, xOff, oh0 + r, wDw, dwBias, dlo, dhi, tile, r * OW * CM, acc);
      gemmImpl(rows * OW, CM, cout, tile, 0, wpPw, bias, lo, hi, out, outImage + oh0 * OW * ldp, ldp, ldn);
    }
  }
  return out;
}
