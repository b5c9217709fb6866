// Peers measured beside frugal: naive float64 loops and tfjs-core on its cpu and wasm backends.
import type * as Tf from '@tensorflow/tfjs-core';

// Each naive loop has a float32 and a float64 copy, so that neither runs polymorphic (about half
// speed in V8) after the other dtype's suite: the peer gets the same treatment as frugal's loops.

/** −Σ p log p with Math.log, no normalisation (what a user writes first). */
export function naiveEntropy(p: Float32Array | Float64Array): number {
  return p instanceof Float32Array ? entropyF32(p) : entropyF64(p);
}

/** −Σ p log q. */
export function naiveCrossEntropy(p: Float32Array | Float64Array, q: Float32Array | Float64Array): number {
  return p instanceof Float32Array ? crossEntropyF32(p, q as Float32Array) : crossEntropyF64(p, q as Float64Array);
}

/** Σ p log(p / q). */
export function naiveKl(p: Float32Array | Float64Array, q: Float32Array | Float64Array): number {
  return p instanceof Float32Array ? klF32(p, q as Float32Array) : klF64(p, q as Float64Array);
}

function entropyF32(p: Float32Array): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v > 0) h -= v * Math.log(v);
  }
  return h;
}

function entropyF64(p: Float64Array): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v > 0) h -= v * Math.log(v);
  }
  return h;
}

function crossEntropyF32(p: Float32Array, q: Float32Array): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v > 0) h -= v * Math.log(q[i]!);
  }
  return h;
}

function crossEntropyF64(p: Float64Array, q: Float64Array): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v > 0) h -= v * Math.log(q[i]!);
  }
  return h;
}

function klF32(p: Float32Array, q: Float32Array): number {
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v > 0) d += v * Math.log(v / q[i]!);
  }
  return d;
}

function klF64(p: Float64Array, q: Float64Array): number {
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v > 0) d += v * Math.log(v / q[i]!);
  }
  return d;
}

let tfModule: typeof Tf | undefined;

/** tfjs-core with the cpu and wasm backends registered (loaded once). */
export async function tfjs(): Promise<typeof Tf> {
  if (tfModule === undefined) {
    tfModule = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-backend-cpu');
    await import('@tensorflow/tfjs-backend-wasm');
  }
  return tfModule;
}

/** Switches tfjs to `backend` and waits until it is ready. */
export async function useTfBackend(backend: 'cpu' | 'wasm'): Promise<typeof Tf> {
  const tf = await tfjs();
  await tf.setBackend(backend);
  await tf.ready();
  return tf;
}
