import { checkOptions, dispatcher } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { biasOf, clampOf, floatTensor, outputOf, resultOf, tapRange, nchwImageToNhwc } from './common.js';
import type { FusedConvOptions } from './common.js';
import { convInfoFor } from './convInfo.js';
import type { ConvInfo } from './convInfo.js';
import { gemmImpl, packedLength, packPanels } from './gemm.js';

/** Options of {@link conv2d}. */
export interface Conv2dOptions<O extends FloatArray = FloatArray> extends FusedConvOptions<O> {
  /** Groups (default 1): input and output channels split into `groups` independent convs (PyTorch `groups`). */
  groups?: number;
}

const FN = 'conv2d';

const dispatch = /*#__PURE__*/ dispatcher(FN, ['input', 'filter', 'options'], {
  'Tensor, Tensor, Object': (x: Tensor<FloatArray>, f: Tensor<FloatArray>, o: Conv2dOptions) => run(x, f, o),
});

/**
 * Standard 2-D convolution with `groups` (tfjs `conv2d`, PyTorch `conv2d`), optional fused bias
 * and activation: the baseline a depthwise-separable block replaces.
 *
 * @remarks
 * NHWC (default) takes a tfjs filter `[kh, kw, C/groups, Cout]`; `dataFormat: 'NCHW'` takes
 * PyTorch/ONNX `[Cout, C/groups, kh, kw]`. Output channel `o` belongs to group `⌊o / (Cout/groups)⌋`.
 * Shapes follow {@link convInfo}. Computed per output row as im2col (padding written as zeros
 * into the row buffer, outside the hot loop) followed by the blocked GEMM; a 1×1 stride-1
 * unpadded conv with one group goes straight to the GEMM. Sums are float64 (bias first, then taps
 * row by row and input channel); the result has the input's float type. Unlike the depthwise
 * kernel, padded taps are multiplied by 0, as in PyTorch, so an infinite weight gives NaN there.
 * NCHW input is transposed to NHWC scratch per image.
 *
 * @param input - `[N, H, W, C]` (NHWC) or `[N, C, H, W]` (NCHW) float Tensor, or rank 3 without N
 * @param filter - `[kh, kw, C/groups, Cout]` (NHWC) or `[Cout, C/groups, kh, kw]` (NCHW) float Tensor
 * @param options - {@link Conv2dOptions}
 * @returns a Tensor of the input's float type, shape `[N, outH, outW, Cout]` (or NCHW)
 * @throws TypeError if a Tensor's data is not a float array, or an option has the wrong type
 * @throws RangeError for mismatched channels or groups, a kernel larger than the padded input,
 *   bad strides/dilations/padding, a bias of the wrong length or a short `out`
 *
 * @example
 * ```ts
 * const x = { data: new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), shape: [1, 3, 3, 1] };
 * const w = { data: new Float32Array([1, 0, 0, -1]), shape: [2, 2, 1, 1] };
 * conv2d(x, w).data; // Float32Array [-4, -4, -4, -4]
 * conv2d(x, w, { padding: 'same' }).shape; // [1, 3, 3, 1]
 * ```
 */
export function conv2d(input: Tensor<Float32Array>, filter: Tensor<FloatArray>, options?: Conv2dOptions<Float32Array>): Tensor<Float32Array>;
export function conv2d(input: Tensor<Float64Array>, filter: Tensor<FloatArray>, options?: Conv2dOptions<Float64Array>): Tensor<Float64Array>;
export function conv2d(input: Tensor<FloatArray>, filter: Tensor<FloatArray>, options?: Conv2dOptions): Tensor<FloatArray>;
export function conv2d(input: Tensor<FloatArray>, filter: Tensor<FloatArray>, options?: Conv2dOptions): Tensor<FloatArray> {
  return dispatch(input, filter, checkOptions(FN, options)) as Tensor<FloatArray>;
}

function run(x: Tensor<FloatArray>, f: Tensor<FloatArray>, o: Conv2dOptions): Tensor<FloatArray> {
  const xShape = floatTensor(FN, 'input', x);
  const fShape = floatTensor(FN, 'filter', f);
  const info = convInfoFor(FN, xShape, fShape, o, false, o.groups);
  const bias = biasOf(FN, 'bias', o.bias, info.outChannels);
  const [lo, hi] = clampOf(FN, 'activation', o.activation);
  const size = info.batch * info.outHeight * info.outWidth * info.outChannels;
  const out = outputOf(FN, x.data, o.out, size, [['input', x.data], ['filter', f.data], ...(ArrayBuffer.isView(o.bias) ? [['bias', o.bias] as [string, FloatArray]] : [])]);
  const wt = packConvFilter(info, f.data);
  conv2dImpl(info, x.data, wt, bias, lo, hi, out);
  return resultOf(out, size, info.outShape);
}

/**
 * Packs a conv filter as Cout rows of `kh·kw·(C/groups)` values in (i, j, ci) order, from the tfjs
 * layout (NHWC) or the PyTorch layout (NCHW) that `info.dataFormat` names.
 * @internal
 */
export function packConvFilter(info: ConvInfo, w: ArrayLike<number>): Float64Array {
  const { filterHeight: kh, filterWidth: kw, inChannelsPerGroup: cig, outChannels: cout } = info;
  const KK = kh * kw * cig;
  const wt = new Float64Array(cout * KK);
  for (let o = 0; o < cout; o++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        for (let ci = 0; ci < cig; ci++) {
          const src = info.dataFormat === 'NCHW' ? ((o * cig + ci) * kh + i) * kw + j : ((i * kw + j) * cig + ci) * cout + o;
          wt[o * KK + (i * kw + j) * cig + ci] = w[src]!;
        }
      }
    }
  }
  return wt;
}

/**
 * Unchecked grouped conv: `wt` from {@link packConvFilter}, input and output in `info.dataFormat`.
 * @internal
 */
export function conv2dImpl(
  info: ConvInfo, x: FloatArray, wt: Float64Array, bias: Float64Array, lo: number, hi: number, out: FloatArray,
): FloatArray {
  const { batch, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: CO } = info;
  const { filterHeight: kh, filterWidth: kw, inChannelsPerGroup: cig, channelMultiplier: cog, groups } = info;
  const nchw = info.dataFormat === 'NCHW';
  const KK = kh * kw * cig;
  const image = H * W * C;
  // NHWC image view of the input (scratch transpose for NCHW)
  const scratch = nchw ? new Float64Array(image) : undefined;
  const direct = groups === 1 && kh === 1 && kw === 1 && info.strideHeight === 1 && info.strideWidth === 1 &&
    info.padTop === 0 && info.padLeft === 0 && OH === H && OW === W;
  const col = direct ? new Float64Array(0) : new Float64Array(OW * KK);
  const wg: Float64Array[] = [];
  const bg: Float64Array[] = [];
  for (let g = 0; g < groups; g++) {
    wg.push(packPanels(wt, g * cog * KK, KK, cog, 1, KK, new Float64Array(packedLength(KK, cog, FN))));
    bg.push(bias.subarray(g * cog, (g + 1) * cog));
  }
  const ldp = nchw ? 1 : CO;
  const ldn = nchw ? OH * OW : 1;
  for (let n = 0; n < batch; n++) {
    let src: FloatArray = x;
    let xOff = n * image;
    if (scratch !== undefined) {
      nchwImageToNhwc(x, n * image, C, H * W, scratch);
      src = scratch;
      xOff = 0;
    }
    const outImage = n * OH * OW * CO;
    if (direct) {
      gemmImpl(H * W, C, CO, src, xOff, wg[0]!, bias, lo, hi, out, outImage, ldp, ldn);
      continue;
    }
    for (let oh = 0; oh < OH; oh++) {
      const rowOut = outImage + (nchw ? oh * OW : oh * OW * CO);
      for (let g = 0; g < groups; g++) {
        im2colRow(info, src, xOff, oh, g * cig, col);
        gemmImpl(OW, KK, cog, col, 0, wg[g]!, bg[g]!, lo, hi, out, rowOut + g * cog * ldn, ldp, ldn);
      }
    }
  }
  return out;
}

/** Fills `col` with the OW windows of output row `oh` for channels [c0, c0 + cig), zeros for padding. */
function im2colRow(info: ConvInfo, x: FloatArray, xOff: number, oh: number, c0: number, col: Float64Array): void {
  const { inHeight: H, inWidth: W, inChannels: C, outWidth: OW, filterHeight: kh, filterWidth: kw, inChannelsPerGroup: cig } = info;
  const dh = info.dilationHeight;
  const dw = info.dilationWidth;
  const KK = kh * kw * cig;
  const ih0 = oh * info.strideHeight - info.padTop;
  const [i0, i1] = tapRange(ih0, dh, kh, H);
  for (let ow = 0; ow < OW; ow++) {
    const iw0 = ow * info.strideWidth - info.padLeft;
    const [j0, j1] = tapRange(iw0, dw, kw, W);
    const base = ow * KK;
    if (i0 > 0 || i1 < kh || j0 > 0 || j1 < kw) col.fill(0, base, base + KK);
    for (let i = i0; i < i1; i++) {
      const rowOff = xOff + (ih0 + i * dh) * W * C + c0;
      for (let j = j0; j < j1; j++) {
        const xo = rowOff + (iw0 + j * dw) * C;
        const co = base + (i * kw + j) * cig;
        for (let ci = 0; ci < cig; ci++) col[co + ci] = x[xo + ci]!;
      }
    }
  }
}
