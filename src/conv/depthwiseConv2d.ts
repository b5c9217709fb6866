import { checkOptions, dispatcher } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { biasOf, clampOf, floatTensor, INT32_MAX, interiorRange, outputOf, resultOf, tapRange } from './common.js';
import type { FusedConvOptions } from './common.js';
import { convInfoFor } from './convInfo.js';
import type { ConvInfo } from './convInfo.js';
import { depthwiseBandsImpl, depthwiseBandsOf } from './depthwiseBands.js';

/** Options of {@link depthwiseConv2d}. */
export type DepthwiseConv2dOptions<O extends FloatArray = FloatArray> = FusedConvOptions<O>;

const FN = 'depthwiseConv2d';

/**
 * The clamp bounds pass through this array on entry to each kernel. Read back from a Float64Array
 * they are unboxed float64s; taken straight from the arguments (a Smi or a HeapNumber such as
 * ±Infinity), `s < lo ? lo : s > hi ? hi : s` merges a tagged value with the float64 sum, and V8
 * boxes every result into a new HeapNumber before storing it (1.3–1.7× slower sliding loop).
 */
const loHi = new Float64Array(2);

const dispatch = /*#__PURE__*/ dispatcher(FN, ['input', 'filter', 'options'], {
  'Tensor, Tensor, Object': (x: Tensor<FloatArray>, f: Tensor<FloatArray>, o: DepthwiseConv2dOptions) => run(x, f, o),
});

/**
 * Depthwise 2-D convolution: each input channel convolved with its own M filters, output channel
 * `c·M + q` (tfjs `depthwiseConv2d`, PyTorch `conv2d(..., groups=C)`), with optional fused bias and
 * activation.
 *
 * @remarks
 * NHWC (default) takes a tfjs filter `[kh, kw, C, M]`; `dataFormat: 'NCHW'` takes a PyTorch/ONNX
 * filter `[C·M, 1, kh, kw]`. Padding, strides, dilations and `dimRoundingMode` follow
 * {@link convInfo} (tfjs output-shape rules; dilation with stride \> 1 allowed). Rank-3 input is one
 * image. The result has the input's float type; the filter and bias may be either float type.
 * Each output is `bias + Σ taps` accumulated in float64 in tap order (row, then column), then
 * clamped by the activation; taps that fall in the padding are skipped (not multiplied by 0), so
 * NaN and ±Infinity in the input reach exactly the outputs whose windows contain them. Batch 0 or
 * an empty image gives an empty result.
 *
 * @param input - `[N, H, W, C]` (NHWC) or `[N, C, H, W]` (NCHW) float Tensor, or rank 3 without N
 * @param filter - `[kh, kw, C, M]` (NHWC) or `[C·M, 1, kh, kw]` (NCHW) float Tensor
 * @param options - {@link DepthwiseConv2dOptions}: strides, padding (default 'valid'), dilations,
 *   dataFormat, dimRoundingMode, bias (length C·M), activation, out
 * @returns a Tensor of the input's float type, shape `[N, outH, outW, C·M]` (or NCHW)
 * @throws TypeError if a Tensor's data is not a float array, or an option has the wrong type
 * @throws RangeError for mismatched shapes (filter channels ≠ input channels, kernel larger than
 *   the padded input), bad strides/dilations/padding, a bias of the wrong length or a short `out`
 *
 * @example
 * ```ts
 * const x = { data: new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), shape: [1, 3, 3, 1] };
 * const w = { data: new Float32Array([1, 1, 1, 1]), shape: [2, 2, 1, 1] };
 * depthwiseConv2d(x, w).data; // Float32Array [12, 16, 24, 28]
 * depthwiseConv2d(x, w, { padding: 'same', bias: [-20], activation: 'relu' }).data; // Float32Array [0, 0, 0, 4, 8, 0, 0, 0, 0]
 * ```
 */
export function depthwiseConv2d(input: Tensor<Float32Array>, filter: Tensor<FloatArray>, options?: DepthwiseConv2dOptions<Float32Array>): Tensor<Float32Array>;
export function depthwiseConv2d(input: Tensor<Float64Array>, filter: Tensor<FloatArray>, options?: DepthwiseConv2dOptions<Float64Array>): Tensor<Float64Array>;
export function depthwiseConv2d(input: Tensor<FloatArray>, filter: Tensor<FloatArray>, options?: DepthwiseConv2dOptions): Tensor<FloatArray>;
export function depthwiseConv2d(input: Tensor<FloatArray>, filter: Tensor<FloatArray>, options?: DepthwiseConv2dOptions): Tensor<FloatArray> {
  return dispatch(input, filter, checkOptions(FN, options)) as Tensor<FloatArray>;
}

function run(x: Tensor<FloatArray>, f: Tensor<FloatArray>, o: DepthwiseConv2dOptions): Tensor<FloatArray> {
  const xShape = floatTensor(FN, 'input', x);
  const fShape = floatTensor(FN, 'filter', f);
  const info = convInfoFor(FN, xShape, fShape, o, true);
  const bias = biasOf(FN, 'bias', o.bias, info.outChannels);
  const [lo, hi] = clampOf(FN, 'activation', o.activation);
  const size = info.batch * info.outHeight * info.outWidth * info.outChannels;
  const out = outputOf(FN, x.data, o.out, size, [['input', x.data], ['filter', f.data], ...(ArrayBuffer.isView(o.bias) ? [['bias', o.bias] as [string, FloatArray]] : [])]);
  const w = Float64Array.from(f.data);
  if (info.dataFormat === 'NCHW') depthwiseConv2dNchwImpl(info, x.data, w, bias, lo, hi, out);
  else depthwiseConv2dImpl(info, x.data, w, bias, lo, hi, out);
  return resultOf(out, size, info.outShape);
}

/**
 * Unchecked NHWC depthwise kernel: `w` is `[kh, kw, C, M]`, `bias` has C·M entries, outputs are
 * clamped to [lo, hi]. Writes `out` (NHWC) and returns it. The MobileNet case (3×3, M = 1, stride 1
 * or 2 on both axes, dilation 1, at most one padded row/column per side) goes band by band through
 * {@link depthwiseBandsImpl} (channel pairs outside the row loop); anything else row by row
 * through {@link depthwiseRowImpl}. Both give the same sums in the same order.
 * @internal
 */
export function depthwiseConv2dImpl(
  info: ConvInfo, x: FloatArray, w: Float64Array, bias: Float64Array, lo: number, hi: number, out: FloatArray,
): FloatArray {
  const acc = new Float64Array(info.outChannels);
  const rowSize = info.outWidth * info.outChannels;
  const inImage = info.inHeight * info.inWidth * info.inChannels;
  const plan = depthwiseBandsOf(info, x, out);
  for (let n = 0; n < info.batch; n++) {
    if (plan !== null) {
      depthwiseBandsImpl(info, plan, x, n * inImage, w, bias, lo, hi, out, n * info.outHeight * rowSize);
      continue;
    }
    for (let oh = 0; oh < info.outHeight; oh++) {
      depthwiseRowImpl(info, x, n * inImage, oh, w, bias, lo, hi, out, (n * info.outHeight + oh) * rowSize, acc);
    }
  }
  return out;
}

/**
 * One output row `oh` of an NHWC depthwise conv for the image starting at `xOff`, written at
 * `outOff` (outWidth × C·M values). `acc` is scratch of C·M float64s. Unchecked.
 *
 * The MobileNet case (3×3, M = 1, dilation-width 1, stride-width 1 or 2, at least two kernel rows
 * inside the input) runs channel by channel with the window sliding along the row
 * ({@link slide3x3S1F32} and its twins), including the border pixels whose one left or right tap
 * lies in the padding: those are peeled off the sliding loop, their padded taps skipped. Anything
 * else (wider padding, other kernels or multipliers) goes pixel by pixel through `pixels`.
 * @internal
 */
export function depthwiseRowImpl(
  info: ConvInfo, x: FloatArray, xOff: number, oh: number, w: Float64Array, bias: Float64Array,
  lo: number, hi: number, out: FloatArray | Float64Array, outOff: number, acc: Float64Array,
): void {
  const C = info.inChannels;
  const W = info.inWidth;
  const OW = info.outWidth;
  const kh = info.filterHeight;
  const dh = info.dilationHeight;
  const sw = info.strideWidth;
  const pl = info.padLeft;
  const ih0 = oh * info.strideHeight - info.padTop;
  const [i0, i1] = tapRange(ih0, dh, kh, info.inHeight);
  const [owA, owB] = interiorRange(OW, sw, pl, info.effectiveFilterWidth, W);
  const rowStride = W * C;
  const slide = info.channelMultiplier === 1 && kh === 3 && info.filterWidth === 3 && info.dilationWidth === 1 &&
    (sw === 1 || sw === 2) && i1 - i0 >= 2 && x.length <= INT32_MAX && out.length <= INT32_MAX;
  if (slide) {
    // border outputs the sliding kernel takes: one on each side, missing exactly its outer tap
    const peelL = owA === 1 && pl === 1 && W >= 2;
    const iwLast = (OW - 1) * sw - pl;
    const peelR = OW - owB === 1 && iwLast >= 0 && iwLast + 2 === W;
    const owS = peelL ? 0 : owA;
    const owE = peelR ? OW : owB;
    if (!peelL) pixels(info, x, xOff, ih0, i0, i1, w, bias, lo, hi, out, outOff, acc, 0, owA);
    if (!peelR) pixels(info, x, xOff, ih0, i0, i1, w, bias, lo, hi, out, outOff, acc, owB, OW);
    if (owE <= owS) return;
    const p0 = xOff + (ih0 + i0 * dh) * rowStride + (owS * sw - pl) * C;
    const rs = dh * rowStride;
    const rows = i1 - i0;
    if (x instanceof Float32Array) {
      if (sw === 1) slide3x3S1F32(x, w, i0, rows, bias, lo, hi, out, outOff, C, p0, rs, owS, owE, peelL, peelR);
      else slide3x3S2F32(x, w, i0, rows, bias, lo, hi, out, outOff, C, p0, rs, owS, owE, peelL, peelR);
    } else if (sw === 1) {
      slide3x3S1F64(x, w, i0, rows, bias, lo, hi, out, outOff, C, p0, rs, owS, owE, peelL, peelR);
    } else {
      slide3x3S2F64(x, w, i0, rows, bias, lo, hi, out, outOff, C, p0, rs, owS, owE, peelL, peelR);
    }
    return;
  }
  if (info.channelMultiplier === 1 && kh === 3 && info.filterWidth === 3 && i0 === 0 && i1 === 3 && owB > owA) {
    // all nine taps inside for ow in [owA, owB) (dilated or strided more than 2)
    const x0 = xOff + ih0 * rowStride - pl * C;
    row3x3(x, w, bias, lo, hi, out, C, x0, dh * rowStride, info.dilationWidth * C, sw * C, owA, owB, outOff);
    pixels(info, x, xOff, ih0, i0, i1, w, bias, lo, hi, out, outOff, acc, 0, owA);
    pixels(info, x, xOff, ih0, i0, i1, w, bias, lo, hi, out, outOff, acc, owB, OW);
  } else {
    pixels(info, x, xOff, ih0, i0, i1, w, bias, lo, hi, out, outOff, acc, 0, OW);
  }
}

/**
 * Output columns [owS, owE) of one row of a 3×3, M = 1, dilation-width 1, stride-1 depthwise conv,
 * channel by channel: the nine weights stay in registers and the window slides along the row, so
 * each output loads only the input column it does not share with its left neighbour; two outputs
 * per iteration (two independent sums). `p0` is
 * the input index of kernel row `first` (the first in range; `rows` = 2 or 3 of them are, `rs`
 * apart), column `owS·1 − padLeft`, channel 0. `peelL` / `peelR`: the first / last output's left
 * / right tap is in the padding and skipped. Output pixel ow goes to `out[o0 + ow·C + c]`. Taps added to the bias one at a time in row-major
 * order, as in the reference. {@link slide3x3S1F64} is the float64-input twin.
 */
function slide3x3S1F32(
  x: Float32Array, w: Float64Array, first: number, rows: number, bias: Float64Array, loIn: number, hiIn: number,
  out: FloatArray, o0: number, C: number, p0: number, rs: number, owS: number, owE: number, peelL: boolean, peelR: boolean,
): void {
  loHi[0] = loIn; loHi[1] = hiIn;
  const lo = loHi[0]!, hi = loHi[1]!; // unboxed float64: keeps the clamp below from boxing each result
  const rs2 = 2 * rs;
  const C2 = 2 * C;
  const nMid = owE - owS - (peelL ? 1 : 0) - (peelR ? 1 : 0); // outputs with all three columns
  const wb = first * 3 * C;
  for (let c = 0; c < C; c++) {
    const w0 = w[wb + c]!;
    const w1 = w[wb + C + c]!;
    const w2 = w[wb + 2 * C + c]!;
    const w3 = w[wb + 3 * C + c]!;
    const w4 = w[wb + 4 * C + c]!;
    const w5 = w[wb + 5 * C + c]!;
    const b = bias[c]!;
    const p = p0 + c;
    let o = o0 + owS * C + c;
    if (rows === 3) {
      const w6 = w[wb + 6 * C + c]!;
      const w7 = w[wb + 7 * C + c]!;
      const w8 = w[wb + 8 * C + c]!;
      let a0 = 0, a1 = 0, a2 = 0;
      let m0 = 0, m1 = 0, m2 = 0;
      let r = p + 2 * C; // right column of the current window
      if (peelL) {
        a0 = x[p + C]!; a1 = x[p + C + rs]!; a2 = x[p + C + rs2]!;
        m0 = x[p + 2 * C]!; m1 = x[p + 2 * C + rs]!; m2 = x[p + 2 * C + rs2]!;
        let s = b;
        s += a0 * w1; s += m0 * w2; s += a1 * w4; s += m1 * w5; s += a2 * w7; s += m2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o += C;
        r += C;
      } else {
        a0 = x[p]!; a1 = x[p + rs]!; a2 = x[p + rs2]!;
        m0 = x[p + C]!; m1 = x[p + C + rs]!; m2 = x[p + C + rs2]!;
      }
      let k = 0;
      for (; k + 1 < nMid; k += 2) {
        // two outputs: columns c (right of the first window) and d (right of the second)
        const c0 = x[r]!; const c1 = x[(r + rs) | 0]!; const c2 = x[(r + rs2) | 0]!;
        const d0 = x[(r + C) | 0]!; const d1 = x[(r + C + rs) | 0]!; const d2 = x[(r + C + rs2) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += m0 * w0; t += c0 * w1; t += d0 * w2; t += m1 * w3; t += c1 * w4; t += d1 * w5; t += m2 * w6; t += c2 * w7; t += d2 * w8;
        out[(o + C) | 0] = t < lo ? lo : t > hi ? hi : t;
        a0 = c0; a1 = c1; a2 = c2; m0 = d0; m1 = d1; m2 = d2;
        o = (o + C2) | 0;
        r = (r + C2) | 0;
      }
      if (k < nMid) {
        const c0 = x[r]!; const c1 = x[r + rs]!; const c2 = x[r + rs2]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = m0; a1 = m1; a2 = m2; m0 = c0; m1 = c1; m2 = c2;
        o += C;
      }
      if (peelR) {
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4; s += a2 * w6; s += m2 * w7;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    } else {
      let a0 = 0, a1 = 0;
      let m0 = 0, m1 = 0;
      let r = p + 2 * C; // right column of the current window
      if (peelL) {
        a0 = x[p + C]!; a1 = x[p + C + rs]!;
        m0 = x[p + 2 * C]!; m1 = x[p + 2 * C + rs]!;
        let s = b;
        s += a0 * w1; s += m0 * w2; s += a1 * w4; s += m1 * w5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o += C;
        r += C;
      } else {
        a0 = x[p]!; a1 = x[p + rs]!;
        m0 = x[p + C]!; m1 = x[p + C + rs]!;
      }
      let k = 0;
      for (; k + 1 < nMid; k += 2) {
        // two outputs: columns c (right of the first window) and d (right of the second)
        const c0 = x[r]!; const c1 = x[(r + rs) | 0]!;
        const d0 = x[(r + C) | 0]!; const d1 = x[(r + C + rs) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += m0 * w0; t += c0 * w1; t += d0 * w2; t += m1 * w3; t += c1 * w4; t += d1 * w5;
        out[(o + C) | 0] = t < lo ? lo : t > hi ? hi : t;
        a0 = c0; a1 = c1; m0 = d0; m1 = d1;
        o = (o + C2) | 0;
        r = (r + C2) | 0;
      }
      if (k < nMid) {
        const c0 = x[r]!; const c1 = x[r + rs]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = m0; a1 = m1; m0 = c0; m1 = c1;
        o += C;
      }
      if (peelR) {
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    }
  }
}

/**
 * Output columns [owS, owE) of one row of a 3×3, M = 1, dilation-width 1, stride-2 depthwise conv,
 * channel by channel: the nine weights stay in registers and the window slides along the row, so
 * each output loads only the input columns it does not share with its left neighbour. `p0` is
 * the input index of kernel row `first` (the first in range; `rows` = 2 or 3 of them are, `rs`
 * apart), column `owS·2 − padLeft`, channel 0. `peelL` / `peelR`: the first / last output's left
 * / right tap is in the padding and skipped. Output pixel ow goes to `out[o0 + ow·C + c]`. Taps added to the bias one at a time in row-major
 * order, as in the reference. {@link slide3x3S2F64} is the float64-input twin.
 */
function slide3x3S2F32(
  x: Float32Array, w: Float64Array, first: number, rows: number, bias: Float64Array, loIn: number, hiIn: number,
  out: FloatArray, o0: number, C: number, p0: number, rs: number, owS: number, owE: number, peelL: boolean, peelR: boolean,
): void {
  loHi[0] = loIn; loHi[1] = hiIn;
  const lo = loHi[0]!, hi = loHi[1]!; // unboxed float64: keeps the clamp below from boxing each result
  const rs2 = 2 * rs;
  const C2 = 2 * C;
  const nMid = owE - owS - (peelL ? 1 : 0) - (peelR ? 1 : 0); // outputs with all three columns
  const wb = first * 3 * C;
  for (let c = 0; c < C; c++) {
    const w0 = w[wb + c]!;
    const w1 = w[wb + C + c]!;
    const w2 = w[wb + 2 * C + c]!;
    const w3 = w[wb + 3 * C + c]!;
    const w4 = w[wb + 4 * C + c]!;
    const w5 = w[wb + 5 * C + c]!;
    const b = bias[c]!;
    const p = p0 + c;
    let o = o0 + owS * C + c;
    if (rows === 3) {
      const w6 = w[wb + 6 * C + c]!;
      const w7 = w[wb + 7 * C + c]!;
      const w8 = w[wb + 8 * C + c]!;
      let a0 = 0, a1 = 0, a2 = 0;
      let r = p + C; // middle column of the current window
      if (peelL) {
        const m0 = x[r]!, m1 = x[r + rs]!, m2 = x[r + rs2]!;
        a0 = x[r + C]!; a1 = x[r + C + rs]!; a2 = x[r + C + rs2]!;
        let s = b;
        s += m0 * w1; s += a0 * w2; s += m1 * w4; s += a1 * w5; s += m2 * w7; s += a2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o += C;
        r += 2 * C;
      } else {
        a0 = x[p]!; a1 = x[p + rs]!; a2 = x[p + rs2]!;
      }
      for (let k = 0; k < nMid; k++) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!; const m2 = x[(r + rs2) | 0]!;
        const c0 = x[(r + C) | 0]!; const c1 = x[(r + C + rs) | 0]!; const c2 = x[(r + C + rs2) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = c0; a1 = c1; a2 = c2;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      if (peelR) {
        const m0 = x[r]!; const m1 = x[r + rs]!; const m2 = x[r + rs2]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4; s += a2 * w6; s += m2 * w7;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    } else {
      let a0 = 0, a1 = 0;
      let r = p + C; // middle column of the current window
      if (peelL) {
        const m0 = x[r]!, m1 = x[r + rs]!;
        a0 = x[r + C]!; a1 = x[r + C + rs]!;
        let s = b;
        s += m0 * w1; s += a0 * w2; s += m1 * w4; s += a1 * w5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o += C;
        r += 2 * C;
      } else {
        a0 = x[p]!; a1 = x[p + rs]!;
      }
      for (let k = 0; k < nMid; k++) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!;
        const c0 = x[(r + C) | 0]!; const c1 = x[(r + C + rs) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = c0; a1 = c1;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      if (peelR) {
        const m0 = x[r]!; const m1 = x[r + rs]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    }
  }
}

/** {@link slide3x3S1F32} for a Float64Array input. */
function slide3x3S1F64(
  x: Float64Array, w: Float64Array, first: number, rows: number, bias: Float64Array, loIn: number, hiIn: number,
  out: FloatArray, o0: number, C: number, p0: number, rs: number, owS: number, owE: number, peelL: boolean, peelR: boolean,
): void {
  loHi[0] = loIn; loHi[1] = hiIn;
  const lo = loHi[0]!, hi = loHi[1]!; // unboxed float64: keeps the clamp below from boxing each result
  const rs2 = 2 * rs;
  const C2 = 2 * C;
  const nMid = owE - owS - (peelL ? 1 : 0) - (peelR ? 1 : 0); // outputs with all three columns
  const wb = first * 3 * C;
  for (let c = 0; c < C; c++) {
    const w0 = w[wb + c]!;
    const w1 = w[wb + C + c]!;
    const w2 = w[wb + 2 * C + c]!;
    const w3 = w[wb + 3 * C + c]!;
    const w4 = w[wb + 4 * C + c]!;
    const w5 = w[wb + 5 * C + c]!;
    const b = bias[c]!;
    const p = p0 + c;
    let o = o0 + owS * C + c;
    if (rows === 3) {
      const w6 = w[wb + 6 * C + c]!;
      const w7 = w[wb + 7 * C + c]!;
      const w8 = w[wb + 8 * C + c]!;
      let a0 = 0, a1 = 0, a2 = 0;
      let m0 = 0, m1 = 0, m2 = 0;
      let r = p + 2 * C; // right column of the current window
      if (peelL) {
        a0 = x[p + C]!; a1 = x[p + C + rs]!; a2 = x[p + C + rs2]!;
        m0 = x[p + 2 * C]!; m1 = x[p + 2 * C + rs]!; m2 = x[p + 2 * C + rs2]!;
        let s = b;
        s += a0 * w1; s += m0 * w2; s += a1 * w4; s += m1 * w5; s += a2 * w7; s += m2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o += C;
        r += C;
      } else {
        a0 = x[p]!; a1 = x[p + rs]!; a2 = x[p + rs2]!;
        m0 = x[p + C]!; m1 = x[p + C + rs]!; m2 = x[p + C + rs2]!;
      }
      let k = 0;
      for (; k + 1 < nMid; k += 2) {
        // two outputs: columns c (right of the first window) and d (right of the second)
        const c0 = x[r]!; const c1 = x[(r + rs) | 0]!; const c2 = x[(r + rs2) | 0]!;
        const d0 = x[(r + C) | 0]!; const d1 = x[(r + C + rs) | 0]!; const d2 = x[(r + C + rs2) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += m0 * w0; t += c0 * w1; t += d0 * w2; t += m1 * w3; t += c1 * w4; t += d1 * w5; t += m2 * w6; t += c2 * w7; t += d2 * w8;
        out[(o + C) | 0] = t < lo ? lo : t > hi ? hi : t;
        a0 = c0; a1 = c1; a2 = c2; m0 = d0; m1 = d1; m2 = d2;
        o = (o + C2) | 0;
        r = (r + C2) | 0;
      }
      if (k < nMid) {
        const c0 = x[r]!; const c1 = x[r + rs]!; const c2 = x[r + rs2]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = m0; a1 = m1; a2 = m2; m0 = c0; m1 = c1; m2 = c2;
        o += C;
      }
      if (peelR) {
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4; s += a2 * w6; s += m2 * w7;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    } else {
      let a0 = 0, a1 = 0;
      let m0 = 0, m1 = 0;
      let r = p + 2 * C; // right column of the current window
      if (peelL) {
        a0 = x[p + C]!; a1 = x[p + C + rs]!;
        m0 = x[p + 2 * C]!; m1 = x[p + 2 * C + rs]!;
        let s = b;
        s += a0 * w1; s += m0 * w2; s += a1 * w4; s += m1 * w5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o += C;
        r += C;
      } else {
        a0 = x[p]!; a1 = x[p + rs]!;
        m0 = x[p + C]!; m1 = x[p + C + rs]!;
      }
      let k = 0;
      for (; k + 1 < nMid; k += 2) {
        // two outputs: columns c (right of the first window) and d (right of the second)
        const c0 = x[r]!; const c1 = x[(r + rs) | 0]!;
        const d0 = x[(r + C) | 0]!; const d1 = x[(r + C + rs) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += m0 * w0; t += c0 * w1; t += d0 * w2; t += m1 * w3; t += c1 * w4; t += d1 * w5;
        out[(o + C) | 0] = t < lo ? lo : t > hi ? hi : t;
        a0 = c0; a1 = c1; m0 = d0; m1 = d1;
        o = (o + C2) | 0;
        r = (r + C2) | 0;
      }
      if (k < nMid) {
        const c0 = x[r]!; const c1 = x[r + rs]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = m0; a1 = m1; m0 = c0; m1 = c1;
        o += C;
      }
      if (peelR) {
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    }
  }
}

/** {@link slide3x3S2F32} for a Float64Array input. */
function slide3x3S2F64(
  x: Float64Array, w: Float64Array, first: number, rows: number, bias: Float64Array, loIn: number, hiIn: number,
  out: FloatArray, o0: number, C: number, p0: number, rs: number, owS: number, owE: number, peelL: boolean, peelR: boolean,
): void {
  loHi[0] = loIn; loHi[1] = hiIn;
  const lo = loHi[0]!, hi = loHi[1]!; // unboxed float64: keeps the clamp below from boxing each result
  const rs2 = 2 * rs;
  const C2 = 2 * C;
  const nMid = owE - owS - (peelL ? 1 : 0) - (peelR ? 1 : 0); // outputs with all three columns
  const wb = first * 3 * C;
  for (let c = 0; c < C; c++) {
    const w0 = w[wb + c]!;
    const w1 = w[wb + C + c]!;
    const w2 = w[wb + 2 * C + c]!;
    const w3 = w[wb + 3 * C + c]!;
    const w4 = w[wb + 4 * C + c]!;
    const w5 = w[wb + 5 * C + c]!;
    const b = bias[c]!;
    const p = p0 + c;
    let o = o0 + owS * C + c;
    if (rows === 3) {
      const w6 = w[wb + 6 * C + c]!;
      const w7 = w[wb + 7 * C + c]!;
      const w8 = w[wb + 8 * C + c]!;
      let a0 = 0, a1 = 0, a2 = 0;
      let r = p + C; // middle column of the current window
      if (peelL) {
        const m0 = x[r]!, m1 = x[r + rs]!, m2 = x[r + rs2]!;
        a0 = x[r + C]!; a1 = x[r + C + rs]!; a2 = x[r + C + rs2]!;
        let s = b;
        s += m0 * w1; s += a0 * w2; s += m1 * w4; s += a1 * w5; s += m2 * w7; s += a2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o += C;
        r += 2 * C;
      } else {
        a0 = x[p]!; a1 = x[p + rs]!; a2 = x[p + rs2]!;
      }
      for (let k = 0; k < nMid; k++) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!; const m2 = x[(r + rs2) | 0]!;
        const c0 = x[(r + C) | 0]!; const c1 = x[(r + C + rs) | 0]!; const c2 = x[(r + C + rs2) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = c0; a1 = c1; a2 = c2;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      if (peelR) {
        const m0 = x[r]!; const m1 = x[r + rs]!; const m2 = x[r + rs2]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4; s += a2 * w6; s += m2 * w7;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    } else {
      let a0 = 0, a1 = 0;
      let r = p + C; // middle column of the current window
      if (peelL) {
        const m0 = x[r]!, m1 = x[r + rs]!;
        a0 = x[r + C]!; a1 = x[r + C + rs]!;
        let s = b;
        s += m0 * w1; s += a0 * w2; s += m1 * w4; s += a1 * w5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o += C;
        r += 2 * C;
      } else {
        a0 = x[p]!; a1 = x[p + rs]!;
      }
      for (let k = 0; k < nMid; k++) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!;
        const c0 = x[(r + C) | 0]!; const c1 = x[(r + C + rs) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = c0; a1 = c1;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      if (peelR) {
        const m0 = x[r]!; const m1 = x[r + rs]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    }
  }
}

/** Interior 3×3 pixels with M = 1: bias + nine taps, channel-contiguous, accumulated in registers. */
function row3x3(
  x: FloatArray, w: Float64Array, bias: Float64Array, loIn: number, hiIn: number, out: FloatArray | Float64Array,
  C: number, x0: number, rs: number, cs: number, sC: number, owA: number, owB: number, o0: number,
): void {
  loHi[0] = loIn; loHi[1] = hiIn;
  const lo = loHi[0]!, hi = loHi[1]!; // unboxed float64: keeps the clamp below from boxing each result
  const c2 = 2 * cs;
  for (let ow = owA; ow < owB; ow++) {
    const r0 = x0 + ow * sC;
    const r1 = r0 + rs;
    const r2 = r1 + rs;
    const o = o0 + ow * C;
    for (let c = 0; c < C; c++) {
      let s = bias[c]!;
      s += x[r0 + c]! * w[c]!;
      s += x[r0 + cs + c]! * w[C + c]!;
      s += x[r0 + c2 + c]! * w[2 * C + c]!;
      s += x[r1 + c]! * w[3 * C + c]!;
      s += x[r1 + cs + c]! * w[4 * C + c]!;
      s += x[r1 + c2 + c]! * w[5 * C + c]!;
      s += x[r2 + c]! * w[6 * C + c]!;
      s += x[r2 + cs + c]! * w[7 * C + c]!;
      s += x[r2 + c2 + c]! * w[8 * C + c]!;
      out[o + c] = s < lo ? lo : s > hi ? hi : s;
    }
  }
}

/** Output pixels [owStart, owEnd) of one row, any kernel and multiplier: taps outside the input skipped. */
function pixels(
  info: ConvInfo, x: FloatArray, xOff: number, ih0: number, i0: number, i1: number, w: Float64Array, bias: Float64Array,
  loIn: number, hiIn: number, out: FloatArray | Float64Array, outOff: number, acc: Float64Array, owStart: number, owEnd: number,
): void {
  loHi[0] = loIn; loHi[1] = hiIn;
  const lo = loHi[0]!, hi = loHi[1]!; // unboxed float64: keeps the clamp below from boxing each result
  const C = info.inChannels;
  const M = info.channelMultiplier;
  const CM = C * M;
  const W = info.inWidth;
  const kw = info.filterWidth;
  const dh = info.dilationHeight;
  const dw = info.dilationWidth;
  const sw = info.strideWidth;
  const rowStride = W * C;
  for (let ow = owStart; ow < owEnd; ow++) {
    const iw0 = ow * sw - info.padLeft;
    const [j0, j1] = tapRange(iw0, dw, kw, W);
    const o = outOff + ow * CM;
    acc.set(bias);
    for (let i = i0; i < i1; i++) {
      const rowOff = xOff + (ih0 + i * dh) * rowStride;
      for (let j = j0; j < j1; j++) {
        const xo = rowOff + (iw0 + j * dw) * C;
        const wo = (i * kw + j) * CM;
        if (M === 1) {
          for (let c = 0; c < C; c++) acc[c] = acc[c]! + x[xo + c]! * w[wo + c]!;
        } else {
          for (let c = 0; c < C; c++) {
            const xv = x[xo + c]!;
            const base = c * M;
            for (let q = 0; q < M; q++) acc[base + q] = acc[base + q]! + xv * w[wo + base + q]!;
          }
        }
      }
    }
    for (let k = 0; k < CM; k++) {
      const s = acc[k]!;
      out[o + k] = s < lo ? lo : s > hi ? hi : s;
    }
  }
}

/**
 * Unchecked NCHW depthwise kernel working on whole channel planes (XNNPACK's CHW path): `w` is
 * `[C·M, 1, kh, kw]`, output plane `c·M + q`. Padding handled by per-tap column ranges.
 * @internal
 */
export function depthwiseConv2dNchwImpl(
  info: ConvInfo, x: FloatArray, w: Float64Array, bias: Float64Array, loIn: number, hiIn: number, out: FloatArray,
): FloatArray {
  loHi[0] = loIn; loHi[1] = hiIn;
  const lo = loHi[0]!, hi = loHi[1]!; // unboxed float64: keeps the clamp below from boxing each result
  const { inChannels: C, channelMultiplier: M, inHeight: H, inWidth: W, outHeight: OH, outWidth: OW } = info;
  const kh = info.filterHeight;
  const kw = info.filterWidth;
  const sh = info.strideHeight;
  const sw = info.strideWidth;
  const dh = info.dilationHeight;
  const dw = info.dilationWidth;
  const pt = info.padTop;
  const pl = info.padLeft;
  const acc = new Float64Array(OW);
  // valid output-column range per kernel column j
  const colLo = new Int32Array(kw);
  const colHi = new Int32Array(kw);
  for (let j = 0; j < kw; j++) {
    const off = j * dw - pl; // iw = ow·sw + off
    colLo[j] = Math.min(OW, Math.max(0, Math.ceil(-off / sw)));
    colHi[j] = Math.max(colLo[j]!, Math.min(OW, Math.floor((W - 1 - off) / sw) + 1));
  }
  for (let n = 0; n < info.batch; n++) {
    for (let c = 0; c < C; c++) {
      const xPlane = (n * C + c) * H * W;
      for (let q = 0; q < M; q++) {
        const oc = c * M + q;
        const wBase = oc * kh * kw;
        const oPlane = (n * C * M + oc) * OH * OW;
        const b = bias[oc]!;
        for (let oh = 0; oh < OH; oh++) {
          acc.fill(b);
          const ih0 = oh * sh - pt;
          const [i0, i1] = tapRange(ih0, dh, kh, H);
          for (let i = i0; i < i1; i++) {
            const xRow = xPlane + (ih0 + i * dh) * W;
            for (let j = 0; j < kw; j++) {
              const wv = w[wBase + i * kw + j]!;
              const base = xRow + j * dw - pl;
              const hiJ = colHi[j]!;
              if (sw === 1) {
                for (let ow = colLo[j]!; ow < hiJ; ow++) acc[ow] = acc[ow]! + wv * x[base + ow]!;
              } else {
                for (let ow = colLo[j]!; ow < hiJ; ow++) acc[ow] = acc[ow]! + wv * x[base + ow * sw]!;
              }
            }
          }
          const o = oPlane + oh * OW;
          for (let ow = 0; ow < OW; ow++) {
            const s = acc[ow]!;
            out[o + ow] = s < lo ? lo : s > hi ? hi : s;
          }
        }
      }
    }
  }
  return out;
}
