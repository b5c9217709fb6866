// Inputs that reach the encoder's and decoder's large-input paths (pair tables, word loops,
// unaligned views, long codes, long runs), shared by huffmanFastPaths.test.ts and the script
// that pinned their encodings.
import { createRng } from '../../src/core/prng.js';
import type { AnySymbols } from '../support/arbitraries/coding.js';

export interface FastPathCase {
  name: string;
  symbols: AnySymbols;
  options: { method?: 'auto' | 'huffman' | 'zero-run' | 'raw'; maxCodeLength?: number };
}

/** Seeded Laplace-shaped int8 symbols (scale `scale`), a fraction `prune` of them set to 0. */
export function laplaceBytes(n: number, scale: number, seed: number, prune = 0): Int8Array {
  const rng = createRng(seed);
  const out = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.nextFloat() - 0.5;
    const v = Math.round(-scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u)));
    out[i] = rng.nextFloat() < prune ? 0 : Math.max(-127, Math.min(127, v));
  }
  return out;
}

/** Geometric skew: value k has weight 2^-k, so codes reach the length limit. */
function skewed(n: number, seed: number, values: number): Uint8Array {
  const rng = createRng(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let k = 0;
    while (k < values - 1 && rng.nextFloat() < 0.5) k++;
    out[i] = (k * 37) & 0xff;
  }
  return out;
}

export function fastPathCases(): FastPathCase[] {
  const dense = laplaceBytes(200_003, 6, 21, 0);
  const pruned = laplaceBytes(200_003, 6, 22, 0.9);
  const sparse = laplaceBytes(300_001, 6, 23, 0.995);
  const halfPruned = laplaceBytes(100_000, 3, 24, 0.5);
  const deep = skewed(150_000, 25, 24);
  const wide = Int16Array.from(laplaceBytes(70_001, 40, 26, 0.6), (v, i) => v * 37 + (i % 3));
  const cases: FastPathCase[] = [];
  for (const [name, x] of [['dense', dense], ['pruned', pruned], ['sparse', sparse], ['halfPruned', halfPruned], ['deep', deep], ['wide', wide]] as const) {
    for (const method of ['auto', 'huffman', 'zero-run'] as const) {
      cases.push({ name: `${name} ${method}`, symbols: x, options: { method } });
      // views at offsets 1..3 and odd lengths: the word loops start unaligned and end mid-word
      cases.push({ name: `${name} ${method} view+1`, symbols: x.subarray(1, x.length - 2), options: { method } });
      cases.push({ name: `${name} ${method} view+3`, symbols: x.subarray(3, x.length - 1), options: { method } });
    }
  }
  cases.push({ name: 'deep huffman max 20', symbols: deep, options: { method: 'huffman', maxCodeLength: 20 } });
  cases.push({ name: 'deep zero-run max 20', symbols: deep, options: { method: 'zero-run', maxCodeLength: 20 } });
  cases.push({ name: 'deep huffman max 13', symbols: deep, options: { method: 'huffman', maxCodeLength: 13 } });
  cases.push({ name: 'dense huffman max 8', symbols: dense, options: { method: 'huffman', maxCodeLength: 8 } });
  cases.push({ name: 'wide huffman max 20', symbols: wide, options: { method: 'huffman', maxCodeLength: 20 } });
  return cases;
}
