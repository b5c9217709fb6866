// Seeded input generators for the benchmarks (shared with nothing in src/).
import { createRng } from '../../src/core/prng.js';

/** A normalised probability vector of n positive entries (uniform shape, seeded). */
export function probVector(n: number, dtype: 'float32' | 'float64', seed: number): Float32Array | Float64Array {
  const rng = createRng(seed);
  const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += out[i] = rng.nextFloat() + 1e-3;
  for (let i = 0; i < n; i++) out[i] = out[i]! / sum;
  return out;
}

/** n int8 values of a rounded Laplace(0, scale) shape, saturated to [-127, 127]. */
export function laplaceInt8(n: number, scale: number, seed: number): Int8Array {
  const rng = createRng(seed);
  const out = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.nextFloat() - 0.5;
    const v = -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
    out[i] = Math.max(-127, Math.min(127, Math.round(v)));
  }
  return out;
}

/** n int8 values of a rounded Gaussian(0, sigma) shape, saturated to [-127, 127]. */
export function gaussianInt8(n: number, sigma: number, seed: number): Int8Array {
  const rng = createRng(seed);
  const out = new Int8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.max(-127, Math.min(127, Math.round(sigma * rng.nextGaussian())));
  return out;
}

/** n uniform random bytes. */
export function uniformBytes(n: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.nextUint32() & 0xff;
  return out;
}

/** n float values of a Gaussian(0, sigma) shape (weights, activations). */
export function gaussianFloats(n: number, sigma: number, dtype: 'float32' | 'float64', seed: number): Float32Array | Float64Array {
  const rng = createRng(seed);
  const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sigma * rng.nextGaussian();
  return out;
}
