// gpu.js kernel bodies of the conv family: one output element per thread over a flat NHWC output
// (GPU.md L5), index math with % and Math.floor (exact below 2^24, L2), filter loops bounded by
// constants (L3). act: 0 linear, 1 relu, 2 relu6 (no ±Infinity uniforms).
import type { IKernelFunctionThis } from 'gpu.js';

type ConvConstants = { KH: number; KW: number };

/**
 * out[n, oy, ox, c·M + q] = act(bias[c·M + q] + Σ_{ky,kx} x[n, oy·sh − pt + ky·dh, ox·sw − pl + kx·dw, c] · w[ky, kx, c, q])
 * x: NHWC, w: [KH, KW, C, M]; taps in the padding are skipped.
 */
export function depthwiseNhwc(
  this: IKernelFunctionThis<ConvConstants>,
  x: Float32Array, w: Float32Array, bias: Float32Array,
  H: number, W: number, C: number, M: number, OH: number, OW: number,
  sh: number, sw: number, dh: number, dw: number, pt: number, pl: number, act: number,
): number {
  const CM = C * M;
  const idx = this.thread.x;
  const oc = idx % CM;
  const t1 = Math.floor(idx / CM);
  const ox = t1 % OW;
  const t2 = Math.floor(t1 / OW);
  const oy = t2 % OH;
  const n = Math.floor(t2 / OH);
  const c = Math.floor(oc / M);
  const q = oc % M;
  let acc = bias[oc]!;
  for (let ky = 0; ky < this.constants.KH; ky++) {
    const iy = oy * sh - pt + ky * dh;
    if (iy >= 0 && iy < H) {
      for (let kx = 0; kx < this.constants.KW; kx++) {
        const ix = ox * sw - pl + kx * dw;
        if (ix >= 0 && ix < W) {
          acc += x[((n * H + iy) * W + ix) * C + c]! * w[((ky * this.constants.KW + kx) * C + c) * M + q]!;
        }
      }
    }
  }
  if (act > 0.5 && acc < 0) {
    acc = 0;
  }
  if (act > 1.5 && acc > 6) {
    acc = 6;
  }
  return acc;
}

/** out[p, co] = act(bias[co] + Σ_ci x[p, ci] · w[ci, co]); x: [P, Cin], w: [Cin, Cout]. */
export function pointwiseRows(
  this: IKernelFunctionThis<{ Cin: number }>,
  x: Float32Array, w: Float32Array, bias: Float32Array, Cout: number, act: number,
): number {
  const idx = this.thread.x;
  const co = idx % Cout;
  const p = Math.floor(idx / Cout);
  let acc = bias[co]!;
  for (let ci = 0; ci < this.constants.Cin; ci++) {
    acc += x[p * this.constants.Cin + ci]! * w[ci * Cout + co]!;
  }
  if (act > 0.5 && acc < 0) {
    acc = 0;
  }
  if (act > 1.5 && acc > 6) {
    acc = 6;
  }
  return acc;
}
