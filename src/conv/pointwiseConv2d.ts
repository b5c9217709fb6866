import { checkOptions, dispatcher, rangeError } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { biasOf, clampOf, floatTensor, outputOf, resultOf, scratchOf } from './common.js';
import type { ConvActivation } from './common.js';
import { convInfoFor } from './convInfo.js';
import type { ConvDataFormat } from './convInfo.js';
import { gemmImpl, packedLength, packPanels } from './gemm.js';

/** Options of {@link pointwiseConv2d}: a 1×1 conv has no strides, padding or dilations. */
export interface PointwiseConv2dOptions<O extends FloatArray = FloatArray> {
  /** `'NHWC'` (default; filter `[1, 1, Cin, Cout]`) or `'NCHW'` (filter `[Cout, Cin, 1, 1]`). */
  dataFormat?: ConvDataFormat;
  /** One value per output channel, added before the activation. */
  bias?: FloatArray | readonly number[];
  /** Activation fused after the bias (default `'linear'`). */
  activation?: ConvActivation;
  /** Destination for the output data, of the input's float type; returned as the result's `data`. */
  out?: O;
}

const FN = 'pointwiseConv2d';

const dispatch = /*#__PURE__*/ dispatcher(FN, ['input', 'filter', 'options'], {
  'Tensor, Tensor, Object': (x: Tensor<FloatArray>, f: Tensor<FloatArray>, o: PointwiseConv2dOptions) => run(x, f, o),
});

/**
 * Pointwise (1×1) convolution: a GEMM over pixels, `out[p, o] = bias[o] + Σᵢ x[p, i] · w[i, o]`,
 * with optional fused bias and activation.
 *
 * @remarks
 * The 1×1 layer that carries ~95% of MobileNet's MACs. NHWC (default) takes a tfjs filter
 * `[1, 1, Cin, Cout]`; `dataFormat: 'NCHW'` takes `[Cout, Cin, 1, 1]` (PyTorch/ONNX). The filter is
 * repacked once per call (Cin·Cout values), then 4-pixel × 8-channel register blocks accumulate
 * in float64 in increasing input channel; the result has the input's float type. NCHW input is
 * transposed into a scratch NHWC image per batch element. Rank-3 input is one image; empty
 * inputs give empty results.
 *
 * @param input - `[N, H, W, Cin]` (NHWC) or `[N, Cin, H, W]` (NCHW) float Tensor, or rank 3 without N
 * @param filter - `[1, 1, Cin, Cout]` (NHWC) or `[Cout, Cin, 1, 1]` (NCHW) float Tensor
 * @param options - {@link PointwiseConv2dOptions}
 * @returns a Tensor of the input's float type, shape `[N, H, W, Cout]` (or NCHW)
 * @throws TypeError if a Tensor's data is not a float array, or an option has the wrong type
 * @throws RangeError if the filter is not 1×1, its input channels differ from the input's, the
 *   bias has the wrong length or `out` is short
 *
 * @example
 * ```ts
 * const x = { data: new Float64Array([1, 2, 3, 4]), shape: [1, 1, 2, 2] }; // two pixels, two channels
 * const w = { data: new Float64Array([1, 0, 1, 0, 1, 1]), shape: [1, 1, 2, 3] };
 * pointwiseConv2d(x, w).data; // Float64Array [1, 2, 3, 3, 4, 7]
 * ```
 */
export function pointwiseConv2d(input: Tensor<Float32Array>, filter: Tensor<FloatArray>, options?: PointwiseConv2dOptions<Float32Array>): Tensor<Float32Array>;
export function pointwiseConv2d(input: Tensor<Float64Array>, filter: Tensor<FloatArray>, options?: PointwiseConv2dOptions<Float64Array>): Tensor<Float64Array>;
export function pointwiseConv2d(input: Tensor<FloatArray>, filter: Tensor<FloatArray>, options?: PointwiseConv2dOptions): Tensor<FloatArray>;
export function pointwiseConv2d(input: Tensor<FloatArray>, filter: Tensor<FloatArray>, options?: PointwiseConv2dOptions): Tensor<FloatArray> {
  return dispatch(input, filter, checkOptions(FN, options)) as Tensor<FloatArray>;
}

function run(x: Tensor<FloatArray>, f: Tensor<FloatArray>, o: PointwiseConv2dOptions): Tensor<FloatArray> {
  const xShape = floatTensor(FN, 'input', x);
  const fShape = floatTensor(FN, 'filter', f);
  const nchw = o.dataFormat === 'NCHW';
  if (fShape.length === 4 && (nchw ? fShape[2] !== 1 || fShape[3] !== 1 : fShape[0] !== 1 || fShape[1] !== 1)) {
    rangeErrorShape(fShape, nchw ? 'NCHW' : 'NHWC');
  }
  const info = convInfoFor(FN, xShape, fShape, o.dataFormat === undefined ? {} : { dataFormat: o.dataFormat }, false);
  const bias = biasOf(FN, 'bias', o.bias, info.outChannels);
  const [lo, hi] = clampOf(FN, 'activation', o.activation);
  const P = info.inHeight * info.inWidth;
  const size = info.batch * P * info.outChannels;
  const out = outputOf(FN, x.data, o.out, size, [['input', x.data], ['filter', f.data], ...(ArrayBuffer.isView(o.bias) ? [['bias', o.bias] as [string, FloatArray]] : [])]);
  const K = info.inChannels;
  const N = info.outChannels;
  const wp = scratchOf(0, packedLength(K, N, FN));
  if (info.dataFormat === 'NCHW') {
    packPanels(f.data, 0, K, N, 1, K, wp); // [Cout, Cin, 1, 1]: N rows of K
    pointwiseNchwImpl(info.batch, P, K, N, x.data, wp, bias, lo, hi, out);
  } else {
    packPanels(f.data, 0, K, N, N, 1, wp); // [1, 1, Cin, Cout]: K rows of N
    gemmImpl(info.batch * P, K, N, x.data, 0, wp, bias, lo, hi, out, 0, N, 1);
  }
  return resultOf(out, size, info.outShape);
}

function rangeErrorShape(fShape: number[], df: ConvDataFormat): never {
  const want = df === 'NCHW' ? '[Cout, Cin, 1, 1]' : '[1, 1, Cin, Cout]';
  return rangeError(FN, `filter must be ${want} (got [${fShape.join(', ')}])`);
}

/**
 * Unchecked NCHW pointwise conv: each image is transposed to NHWC scratch, then one GEMM writes
 * the NCHW output directly through its strides. `wp` is the filter packed by {@link packPanels}.
 * @internal
 */
export function pointwiseNchwImpl(
  batch: number, P: number, K: number, N: number, x: FloatArray, wp: Float64Array, bias: Float64Array,
  lo: number, hi: number, out: FloatArray,
): FloatArray {
  const scratch = scratchOf(1, P * K);
  for (let n = 0; n < batch; n++) {
    const xb = n * K * P;
    for (let i = 0; i < K; i++) {
      const plane = xb + i * P;
      for (let p = 0; p < P; p++) scratch[p * K + i] = x[plane + p]!;
    }
    gemmImpl(P, K, N, scratch, 0, wp, bias, lo, hi, out, n * N * P, 1, P);
  }
  return out;
}
