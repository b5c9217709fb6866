// `npm run bench -- prune`: magnitudeMask (10% kept) against a sort-based mask and tfjs-core topk of
// |x| (k = kept count) on its cpu and wasm backends; nmMask 2:4 against a per-group sort; packMask against a bit-at-a-time loop.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { magnitudeMask, nmMask, packMask } from 'frugal/prune';
import { gaussianFloats } from './support/data.js';
import { runSuite } from './support/report.js';

/** Sort-based peer: |x| copied and sorted (native typed sort), k-th value as threshold, ties by index. */
function sortMask(x: Float32Array, k: number, out: Uint8Array): Uint8Array {
  const a = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) a[i] = Math.abs(x[i]!);
  const sorted = a.slice().sort();
  const t = sorted[k - 1]!;
  let below = 0;
  for (let i = 0; i < k; i++) if (sorted[i]! < t) below++;
  let eq = k - below;
  for (let i = 0; i < x.length; i++) {
    const v = a[i]!;
    if (v > t) out[i] = 1;
    else if (v < t) out[i] = 0;
    else if (eq > 0) {
      out[i] = 0;
      eq--;
    } else out[i] = 1;
  }
  return out;
}

/** tfjs peer: the kept entries by topk of |x| (k = kept count, 10%), then the mask written from the indices. */
function tfTopkMask(x: Float32Array, keep: number, out: Uint8Array): Uint8Array {
  const idx = tf.tidy(() => tf.topk(tf.abs(tf.tensor1d(x)), keep).indices);
  const ind = idx.dataSync();
  idx.dispose();
  out.fill(0);
  for (let i = 0; i < ind.length; i++) out[ind[i]!] = 1;
  return out;
}

/** Naive 2:4 peer: per group, sort the four indices by |x|. */
function naiveNm24(x: Float32Array, out: Uint8Array): Uint8Array {
  const g = [0, 1, 2, 3];
  for (let b = 0; b < x.length; b += 4) {
    g.sort((i, j) => Math.abs(x[b + i]!) - Math.abs(x[b + j]!) || i - j);
    out[b + g[0]!] = 0;
    out[b + g[1]!] = 0;
    out[b + g[2]!] = 1;
    out[b + g[3]!] = 1;
    g[0] = 0; g[1] = 1; g[2] = 2; g[3] = 3;
  }
  return out;
}

function naivePack(m: Uint8Array, out: Uint8Array): Uint8Array {
  out.fill(0);
  for (let i = 0; i < m.length; i++) if (m[i]) out[i >>> 3]! |= 0x80 >>> (i & 7);
  return out;
}

function count(m: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < m.length; i++) s += m[i]!;
  return s;
}

export async function run(): Promise<void> {
  // Initialise both tfjs backends once; afterwards tf.setBackend switches synchronously.
  await tf.setBackend('wasm');
  await tf.ready();
  await tf.setBackend('cpu');
  await tf.ready();
  const use = (name: 'cpu' | 'wasm'): void => {
    void tf.setBackend(name);
    if (tf.getBackend() !== name) throw new Error(`prune bench: backend ${name} did not switch synchronously`);
  };

  for (const n of [1e5, 1e6, 1e7]) {
    const x = gaussianFloats(n, 0.05, 'float32', 42) as Float32Array;
    const k = Math.round(0.9 * n);
    const out = new Uint8Array(n);
    const expectKept = n - k;
    const check = (name: string) => (): void => {
      if (count(out) !== expectKept) throw new Error(`prune bench: ${name} kept ${count(out)}, expected ${expectKept}`);
    };
    const cases = [
      { name: 'frugal magnitudeMask', fn: () => void magnitudeMask(x, { amount: 0.9, out }), after: check('frugal') },
      { name: 'sort-based', fn: () => void sortMask(x, k, out), after: check('sort') },
      { name: 'tfjs topk (cpu)', fn: () => { use('cpu'); tfTopkMask(x, n - k, out); }, after: check('tfjs cpu') },
      { name: 'tfjs topk (wasm)', fn: () => { use('wasm'); tfTopkMask(x, n - k, out); }, after: check('tfjs wasm') },
    ];
    for (const c of cases) {
      c.fn();
      c.after();
    }
    runSuite(`frugal:magnitudeMask:float32:n=${n}:kept=10%`, cases, n, { unit: 'M elem/s' });
  }

  for (const n of [1e6, 1e7]) {
    const x = gaussianFloats(n, 0.05, 'float32', 7) as Float32Array;
    const out = new Uint8Array(n);
    const ref = naiveNm24(x, new Uint8Array(n));
    nmMask(x, { out });
    for (let i = 0; i < n; i++) if (out[i] !== ref[i]) throw new Error(`prune bench: nmMask differs from the naive peer at ${i}`);
    runSuite(`frugal:nmMask:2:4:float32:n=${n}`, [
      { name: 'frugal nmMask 2:4', fn: () => void nmMask(x, { out }) },
      { name: 'per-group sort', fn: () => void naiveNm24(x, out) },
    ], n, { unit: 'M elem/s' });
  }

  {
    const n = 1e7;
    const m = magnitudeMask(gaussianFloats(n, 1, 'float32', 3), { amount: 0.5 });
    const out = new Uint8Array(Math.ceil(n / 8));
    const a = packMask(m).slice();
    if (naivePack(m, out).some((v, i) => v !== a[i])) throw new Error('prune bench: packMask differs from the naive loop');
    runSuite(`frugal:packMask:n=${n}`, [
      { name: 'frugal packMask', fn: () => void packMask(m, { out }) },
      { name: 'bit-at-a-time loop', fn: () => void naivePack(m, out) },
    ], n, { unit: 'M elem/s' });
  }
}
