// Seeded inputs and naive peers for bench/quant.bench.ts.
import { createRng } from '../../src/core/prng.js';

/** n int32 accumulators of conv-like magnitude (Gaussian, σ = 20000), seeded. */
export function int32Accumulators(n: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(20000 * rng.nextGaussian());
  return out;
}

/** A uniform int8 tensor of a shape, seeded. */
export function int8Tensor(shape: number[], seed: number): { data: Int8Array; shape: number[] } {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Int8Array(n);
  for (let i = 0; i < n; i++) data[i] = (rng.nextUint32() & 0xff) - 128;
  return { data, shape };
}

/** The loop most people write: Math.round (ties toward +∞, matches no runtime) and a clamp. */
export function naiveQuantize(x: Float32Array, scale: number, zp: number, out: Int8Array): Int8Array {
  for (let i = 0; i < x.length; i++) out[i] = Math.min(127, Math.max(-128, Math.round(x[i]! / scale) + zp));
  return out;
}

/** Naive per-channel quantize, channel innermost (i mod C). */
export function naiveQuantizePerChannel(x: Float32Array, scales: Float64Array, out: Int8Array): Int8Array {
  const c = scales.length;
  for (let i = 0; i < x.length; i++) out[i] = Math.min(127, Math.max(-128, Math.round(x[i]! / scales[i % c]!)));
  return out;
}

/** Naive dequantize loop. */
export function naiveDequantize(q: Int8Array, scale: number, zp: number, out: Float32Array): Float32Array {
  for (let i = 0; i < q.length; i++) out[i] = (q[i]! - zp) * scale;
  return out;
}

/** Float requantization Math.round(acc·M): fast but not bit-exact with TFLite. */
export function naiveRequantizeFloat(acc: Int32Array, m: number, out: Int32Array): Int32Array {
  for (let i = 0; i < acc.length; i++) out[i] = Math.round(acc[i]! * m);
  return out;
}
