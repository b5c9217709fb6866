// Plumbing shared by the GPU conv twins: activation codes, NHWC staging, batch chunking.
import type { FloatArray, Tensor } from '../../core/index.js';
import { clampOf, nchwImageToNhwc } from '../../conv/common.js';
import type { ConvInfo } from '../../conv/convInfo.js';
import { MAX_ELEMENTS_PER_LAUNCH } from '../runtime.js';

/** The activation option as the kernels' code: 0 linear, 1 relu, 2 relu6. @internal */
export function activationCode(fn: string, name: string, a: unknown): number {
  const [lo, hi] = clampOf(fn, name, a);
  return hi === 6 ? 2 : lo === 0 ? 1 : 0;
}

/** The input's data as float32 NHWC. @internal */
export function nhwcInput(info: ConvInfo, x: FloatArray): Float32Array {
  if (info.dataFormat === 'NHWC') return x instanceof Float32Array ? x : Float32Array.from(x);
  return nchwToNhwc(x, info.batch, info.inChannels, info.inHeight, info.inWidth, new Float32Array(x.length)) as Float32Array;
}

/** Writes an NHWC result into `out` in the layout of `info` (NCHW transposes). @internal */
export function storeOutput(info: ConvInfo, y: Float32Array, channels: number, out: Float32Array): void {
  if (info.dataFormat === 'NHWC') out.set(y);
  else nhwcToNchw(y, info.batch, info.outHeight, info.outWidth, channels, out);
}

/** Images per launch so that no launch reads or writes more than 2^24 elements; 0 if one image is too big. @internal */
export function imagesPerLaunch(inImage: number, outImage: number): number {
  return Math.floor(MAX_ELEMENTS_PER_LAUNCH / Math.max(1, inImage, outImage));
}

/** A Float32 Tensor view of `out`'s first `size` values. @internal */
export function tensorOf(out: Float32Array, size: number, shape: readonly number[]): Tensor<Float32Array> {
  return { data: out.length === size ? out : out.subarray(0, size), shape: shape.slice() };
}

/** Copies an NCHW tensor's data into NHWC order, image by image. Unchecked. @internal */
export function nchwToNhwc(x: ArrayLike<number>, n: number, c: number, h: number, w: number, out: FloatArray): FloatArray {
  const image = c * h * w;
  for (let b = 0; b < n; b++) nchwImageToNhwc(x, b * image, c, h * w, out.subarray(b * image, (b + 1) * image));
  return out;
}

/** Copies an NHWC tensor's data into NCHW order. Unchecked. @internal */
export function nhwcToNchw(x: ArrayLike<number>, n: number, h: number, w: number, c: number, out: FloatArray): FloatArray {
  const hw = h * w;
  for (let b = 0; b < n; b++) {
    const base = b * c * hw;
    for (let k = 0; k < c; k++) {
      for (let p = 0; p < hw; p++) out[base + k * hw + p] = x[base + p * c + k]!;
    }
  }
  return out;
}
