// gpu.js kernel bodies of int8 quantization. Channel c of element j (a launch starting at element
// `start` of a row-major [outer, channels, inner] tensor) is floor((r0 + j)/inner) + c0, mod channels.
// Rounding is written out by hand: Math.round is JS half-up on every backend (GPU.md L9).
import type { IKernelFunctionThis } from 'gpu.js';

/**
 * q = clamp(round(x / scale[c]) + zeroPoint[c], qmin, qmax) in float32; mode 0 half-even,
 * 1 half-away, 2 half-up. A zero scale gives clamp(zeroPoint).
 */
export function quantizeAffine(
  this: IKernelFunctionThis,
  x: Float32Array, scale: Float32Array, zeroPoint: Float32Array,
  inner: number, channels: number, c0: number, r0: number, qmin: number, qmax: number, mode: number,
): number {
  const j = this.thread.x;
  const c = (c0 + Math.floor((r0 + j) / inner)) % channels;
  const s = scale[c]!;
  const zp = zeroPoint[c]!;
  let q = zp;
  if (s !== 0) {
    const y = x[j]! / s;
    const f = Math.floor(y);
    const d = y - f;
    let r = f;
    if (mode < 0.5) {
      if (d > 0.5) {
        r = f + 1;
      } else if (d === 0.5) {
        r = f + (f - 2 * Math.floor(f / 2));
      }
    } else if (mode < 1.5) {
      if (d > 0.5 || (d === 0.5 && y > 0)) {
        r = f + 1;
      }
    } else if (d >= 0.5) {
      r = f + 1;
    }
    q = r + zp;
  }
  if (q < qmin) {
    q = qmin;
  }
  if (q > qmax) {
    q = qmax;
  }
  return q;
}

/** x = (q − zeroPoint[c]) · scale[c] */
export function dequantizeAffine(
  this: IKernelFunctionThis,
  q: Float32Array, scale: Float32Array, zeroPoint: Float32Array, inner: number, channels: number, c0: number, r0: number,
): number {
  const j = this.thread.x;
  const c = (c0 + Math.floor((r0 + j) / inner)) % channels;
  return (q[j]! - zeroPoint[c]!) * scale[c]!;
}
