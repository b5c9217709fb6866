// Literal TFLite reference_integer_ops DepthwiseConvPerChannel / ConvPerChannel (1×1) over NHWC, with
// the BigInt MultiplyByQuantizedMultiplier reference. Shapes and padding come from convInfo (one rule).
import { convInfo } from '../../../src/conv/index.js';
import { mbqmRef, quantizeMultiplierRef } from './quant.js';

export interface QuantConvRefCase {
  x: Int8Array;
  xShape: number[];
  w: Int8Array;
  wShape: number[];
  inScale: number;
  inZp: number;
  wScale: number[];
  outScale: number;
  outZp: number;
  bias?: Int32Array;
  strides?: number;
  padding?: 'same' | 'valid' | number;
  dilations?: number;
  actMin?: number;
  actMax?: number;
}

export function quantConvRef(c: QuantConvRefCase, depthwise: boolean): { data: number[]; shape: number[] } {
  const info = convInfo(c.xShape, c.wShape, {
    depthwise,
    ...(c.strides === undefined ? {} : { strides: c.strides }),
    ...(c.padding === undefined ? {} : { padding: c.padding }),
    ...(c.dilations === undefined ? {} : { dilations: c.dilations }),
  });
  const [N, H, W, C] = [info.batch, info.inHeight, info.inWidth, info.inChannels];
  const OC = info.outChannels;
  const M = depthwise ? info.channelMultiplier : OC;
  const data: number[] = [];
  for (let b = 0; b < N; b++)
    for (let oy = 0; oy < info.outHeight; oy++)
      for (let ox = 0; ox < info.outWidth; ox++)
        for (let oc = 0; oc < OC; oc++) {
          let acc = 0;
          for (let ky = 0; ky < info.filterHeight; ky++)
            for (let kx = 0; kx < info.filterWidth; kx++) {
              const iy = oy * info.strideHeight - info.padTop + ky * info.dilationHeight;
              const ix = ox * info.strideWidth - info.padLeft + kx * info.dilationWidth;
              if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
              if (depthwise) {
                const ic = Math.floor(oc / M);
                acc += c.w[(ky * info.filterWidth + kx) * OC + oc]! * (c.x[((b * H + iy) * W + ix) * C + ic]! - c.inZp);
              } else {
                for (let ic = 0; ic < C; ic++) acc += c.w[ic * OC + oc]! * (c.x[((b * H + iy) * W + ix) * C + ic]! - c.inZp);
              }
            }
          if (c.bias) acc += c.bias[oc]!;
          const { multiplier, shift } = quantizeMultiplierRef((c.inScale * c.wScale[oc]!) / c.outScale);
          let v = mbqmRef(Number(BigInt.asIntN(32, BigInt(acc))), multiplier, shift) + c.outZp;
          v = Math.min(c.actMax ?? 127, Math.max(c.actMin ?? -128, v));
          data.push(v);
        }
  return { data, shape: info.outShape.slice() };
}
