// Seeded inputs and naive-loop peers for bench/conv.bench.ts.
import { gaussianFloats } from './data.js';

/** A seeded Float32Array/Float64Array Tensor of the given shape (Gaussian, sigma 1). */
export function tensorOf(shape: number[], dtype: 'float32' | 'float64', seed: number): { data: Float32Array | Float64Array; shape: number[] } {
  return { data: gaussianFloats(shape.reduce((a, b) => a * b, 1), 1, dtype, seed), shape };
}

/** The obvious depthwise loop (NHWC, M = 1, 'same' padding), the "naive loop" peer. */
export function naiveDepthwise(x: Float32Array, h: number, w: number, c: number, f: Float32Array, k: number, s: number): Float32Array {
  const oh = Math.ceil(h / s);
  const ow = Math.ceil(w / s);
  const padH = Math.max(0, (oh - 1) * s + k - h);
  const padW = Math.max(0, (ow - 1) * s + k - w);
  const pt = Math.floor(padH / 2);
  const pl = Math.floor(padW / 2);
  const out = new Float32Array(oh * ow * c);
  for (let y = 0; y < oh; y++) {
    for (let xx = 0; xx < ow; xx++) {
      for (let ch = 0; ch < c; ch++) {
        let sum = 0;
        for (let i = 0; i < k; i++) {
          const iy = y * s - pt + i;
          if (iy < 0 || iy >= h) continue;
          for (let j = 0; j < k; j++) {
            const ix = xx * s - pl + j;
            if (ix < 0 || ix >= w) continue;
            sum += x[(iy * w + ix) * c + ch]! * f[(i * k + j) * c + ch]!;
          }
        }
        out[(y * ow + xx) * c + ch] = sum;
      }
    }
  }
  return out;
}

/** The obvious pointwise loop (pixels × Cin by Cin × Cout). */
export function naivePointwise(x: Float32Array, pixels: number, cin: number, f: Float32Array, cout: number): Float32Array {
  const out = new Float32Array(pixels * cout);
  for (let p = 0; p < pixels; p++) {
    for (let o = 0; o < cout; o++) {
      let sum = 0;
      for (let i = 0; i < cin; i++) sum += x[p * cin + i]! * f[i * cout + o]!;
      out[p * cout + o] = sum;
    }
  }
  return out;
}
