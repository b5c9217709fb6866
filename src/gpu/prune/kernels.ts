// gpu.js kernel bodies of the pruning masks: one entry per thread, codes read back as float32
// and turned into the Uint8Array mask on the host (GPU.md L1).
import type { IKernelFunctionThis } from 'gpu.js';

/** 0 if |x| < t, 1 if |x| > t, 2 if |x| = t (ties are resolved on the host in index order). */
export function compareMagnitude(this: IKernelFunctionThis, x: Float32Array, t: number): number {
  const v = Math.abs(x[this.thread.x]!);
  if (v < t) {
    return 0;
  }
  if (v > t) {
    return 1;
  }
  return 2;
}

/** As {@link compareMagnitude}, but 0 wherever mask is 0 (already pruned). */
export function compareMagnitudeMasked(this: IKernelFunctionThis, x: Float32Array, mask: Uint8Array, t: number): number {
  if (mask[this.thread.x]! === 0) {
    return 0;
  }
  const v = Math.abs(x[this.thread.x]!);
  if (v < t) {
    return 0;
  }
  if (v > t) {
    return 1;
  }
  return 2;
}
