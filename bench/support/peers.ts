// Peers measured beside frugal: naive float64 loops and tfjs-core on its cpu and wasm backends.
import type * as Tf from '@tensorflow/tfjs-core';

/** −Σ p log p with Math.log, no normalisation (what a user writes first). */
export function naiveEntropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v > 0) h -= v * Math.log(v);
  }
  return h;
}

/** −Σ p log q. */
export function naiveCrossEntropy(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v > 0) h -= v * Math.log(q[i]!);
  }
  return h;
}

/** Σ p log(p / q). */
export function naiveKl(p: ArrayLike<number>, q: ArrayLike<number>): number {
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
