// gpu.js kernel bodies of the entropy family. Plain functions compiled from their source text:
// no closures, literal loop bounds (GPU.md L3), one float32 partial per 1024-element block,
// terms with p ≤ 0 skipped before any log (L8). The host finishes the sums in float64.
import type { IKernelFunctionThis } from 'gpu.js';

/** partial[b] = Σ_{i ∈ block b} pᵢ·ln pᵢ */
export function xLogXPartial(this: IKernelFunctionThis, p: Float32Array, n: number): number {
  let s = 0;
  const base = this.thread.x * 1024;
  for (let i = 0; i < 1024; i++) {
    const idx = base + i;
    if (idx < n) {
      const v = p[idx]!;
      if (v > 0) {
        s += v * Math.log(v);
      }
    }
  }
  return s;
}

/** partial[b] = Σ_{i ∈ block b} pᵢ·ln qᵢ (callers guarantee qᵢ > 0 wherever pᵢ > 0) */
export function xLogYPartial(this: IKernelFunctionThis, p: Float32Array, q: Float32Array, n: number): number {
  let s = 0;
  const base = this.thread.x * 1024;
  for (let i = 0; i < 1024; i++) {
    const idx = base + i;
    if (idx < n) {
      const v = p[idx]!;
      if (v > 0) {
        s += v * Math.log(q[idx]!);
      }
    }
  }
  return s;
}

/** partial[b] = Σ_{i ∈ block b} pᵢ·ln(k·pᵢ/qᵢ) (callers guarantee qᵢ > 0 wherever pᵢ > 0) */
export function xLogRatioPartial(this: IKernelFunctionThis, p: Float32Array, q: Float32Array, k: number, n: number): number {
  let s = 0;
  const base = this.thread.x * 1024;
  for (let i = 0; i < 1024; i++) {
    const idx = base + i;
    if (idx < n) {
      const v = p[idx]!;
      if (v > 0) {
        s += v * Math.log((k * v) / q[idx]!);
      }
    }
  }
  return s;
}

/**
 * counts[bin + bins·c] = number of x in chunk c (1024 elements) whose numpy bin is `bin`:
 * k = floor((x − lower)/(upper − lower)·bins), the top edge folded into the last bin, then moved
 * one bin down or up against the float32 edges, as numpy does against its edges.
 */
export function histogramPartial(
  this: IKernelFunctionThis, x: Float32Array, edges: Float32Array, lower: number, upper: number, bins: number, n: number,
): number {
  const bin = this.thread.x % bins;
  const base = Math.floor(this.thread.x / bins) * 1024;
  let count = 0;
  for (let i = 0; i < 1024; i++) {
    const idx = base + i;
    if (idx < n) {
      const v = x[idx]!;
      if (v >= lower && v <= upper) {
        let k = Math.floor(((v - lower) / (upper - lower)) * bins);
        if (k >= bins) {
          k = bins - 1;
        }
        if (v < edges[k]!) {
          k = k - 1;
        } else if (k < bins - 1 && v >= edges[k + 1]!) {
          k = k + 1;
        }
        if (k === bin) {
          count += 1;
        }
      }
    }
  }
  return count;
}
