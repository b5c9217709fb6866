// The float32 path for n ≥ 2^18 without a mask (a 16-bit first radix digit, loops unrolled by 8,
// the four histogram copies summed only up to the threshold bucket), and the 12-bit path below it:
// sizes on both sides of 2^18 and with every tail length, ties inside the threshold bucket, values
// that share the bucket and differ only in their low mantissa bits, ±0, ±Infinity, NaN, an offset x
// and an unaligned out.
import { describe, expect, it } from 'vitest';
import { magnitudeMask } from '../../src/prune/index.js';
import { createRng } from '../../src/core/prng.js';
import { firstDifference, magnitudeMaskRef, pruneCountRef } from '../support/reference/prune.js';

const FINE = 1 << 18;

function gaussian(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = 0.05 * rng.nextGaussian();
  return x;
}

// magnitudeMaskRef for several amounts with one sort: indices by (|x|, index), the first k pruned.
function expectRef(x: Float32Array, ...amounts: number[]): void {
  const order = Array.from(x.keys()).sort((a, b) => Math.abs(x[a]!) - Math.abs(x[b]!) || a - b);
  for (const amount of amounts) {
    const k = pruneCountRef(amount, x.length);
    const want = new Uint8Array(x.length).fill(1);
    for (let j = 0; j < k; j++) want[order[j]!] = 0;
    expect(firstDifference(magnitudeMask(x, { amount }), want)).toBe(-1);
  }
}

describe('magnitudeMask, float32 from 2^18 values', () => {
  it('equals the reference just below, at and above 2^18, for every tail length mod 8', () => {
    for (const n of [FINE - 1, FINE, FINE + 1, FINE + 2, FINE + 3, FINE + 4, FINE + 5, FINE + 6, FINE + 7]) {
      expectRef(gaussian(n, n), 0.9);
    }
  });

  it('equals the reference on the 12-bit path below 2^18 (also unrolled by 8), every tail length', () => {
    for (let n = 4096; n < 4104; n++) expectRef(gaussian(n, n), 0.1, 0.5, 0.9);
  });

  it('prunes ties in the threshold bucket lowest index first', () => {
    const rng = createRng(4);
    const x = gaussian(FINE + 5, 4);
    // a quarter of the entries equal ±0.08 (near the 90% quantile), at scattered indices, the last ones included
    for (let i = 0; i < x.length; i++) if (rng.nextFloat() < 0.25) x[i] = rng.nextFloat() < 0.5 ? 0.08 : -0.08;
    x[x.length - 1] = 0.08;
    expectRef(x, 0.7, 0.8, 0.85, 0.9);
  });

  it('orders keys that share their top 16 bits by the low mantissa bits', () => {
    const n = FINE + 3;
    const rng = createRng(5);
    const x = new Float32Array(n);
    const bits = new Uint32Array(x.buffer);
    // every key in [0.75, 0.75 + 2^-9): one fine bucket, 15 low bits random, random sign
    for (let i = 0; i < n; i++) bits[i] = 0x3f400000 | (rng.nextUint32() & 0x7fff) | (rng.nextUint32() & 0x80000000);
    expectRef(x, 0.1, 0.5, 0.9);
  });

  it('treats −0 as +0 and ranks ±Infinity largest', () => {
    const x = gaussian(FINE + 7, 6);
    for (let i = 0; i < x.length; i += 3) x[i] = i % 2 === 0 ? 0 : -0;
    x[10] = Infinity;
    x[x.length - 1] = -Infinity;
    expectRef(x, 0.2, 0.3, 0.34, 0.5, 0.9);
    const m = magnitudeMask(x, { count: x.length - 2 });
    expect(m[10]).toBe(1);
    expect(m[x.length - 1]).toBe(1);
  });

  it('rejects NaN anywhere, the unrolled tail included', () => {
    for (const at of [0, 12345, FINE - 1, FINE + 2]) {
      const x = gaussian(FINE + 3, 7);
      x[at] = NaN;
      expect(() => magnitudeMask(x, { amount: 0.9 })).toThrow(`magnitudeMask: x[${at}] is NaN`);
    }
  });

  it('reads an x that starts at a byte offset and writes an unaligned out', () => {
    const backing = gaussian(FINE + 20, 8);
    const x = backing.subarray(3, FINE + 14);
    const want = magnitudeMaskRef(x, pruneCountRef(0.9, x.length));
    expect(firstDifference(magnitudeMask(x, { amount: 0.9 }), want)).toBe(-1);
    const bytes = new Uint8Array(x.length + 8).fill(7);
    for (const off of [1, 2, 3, 4]) {
      bytes.fill(7);
      const out = bytes.subarray(off, off + x.length);
      magnitudeMask(x, { amount: 0.9, out });
      expect(firstDifference(out, want)).toBe(-1);
      expect(bytes[off - 1]).toBe(7);
      expect(bytes[off + x.length]).toBe(7);
    }
  });

  it('handles all-equal keys and the extreme counts', () => {
    const x = new Float32Array(FINE + 1).fill(-0.25);
    for (const count of [0, 1, FINE, FINE + 1]) {
      expect(firstDifference(magnitudeMask(x, { count }), magnitudeMaskRef(x, count))).toBe(-1);
    }
    const y = gaussian(FINE, 9);
    for (const count of [1, 2, FINE - 1, FINE]) {
      expect(firstDifference(magnitudeMask(y, { count }), magnitudeMaskRef(y, count))).toBe(-1);
    }
  });
});
