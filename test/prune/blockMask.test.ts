import { describe, expect, it } from 'vitest';
// Plain examples use vitest's it: @fast-check/vitest's it would rerun each of them numRuns times.
import { fc, test } from '@fast-check/vitest';
import { blockMask } from '../../src/prune/index.js';
import { magnitudeMaskRef, pruneCountRef } from '../support/reference/prune.js';
import { snapshot } from '../support/close.js';

function blockMaskRef(x: ArrayLike<number>, rows: number, cols: number, bh: number, bw: number, max: boolean, k: number): Uint8Array {
  const tr = Math.ceil(rows / bh);
  const tc = Math.ceil(cols / bw);
  const pooled: number[] = [];
  for (let i = 0; i < tr; i++) {
    for (let j = 0; j < tc; j++) {
      const vals: number[] = [];
      for (let r = i * bh; r < Math.min(rows, (i + 1) * bh); r++) for (let c = j * bw; c < Math.min(cols, (j + 1) * bw); c++) vals.push(Math.abs(x[r * cols + c]!));
      pooled.push(max ? Math.max(...vals) : vals.reduce((a, b) => a + b, 0) / vals.length);
    }
  }
  const tiles = magnitudeMaskRef(pooled, k);
  const out = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = tiles[Math.floor(r / bh) * tc + Math.floor(c / bw)]!;
  return out;
}

describe('blockMask', () => {
  it('blockMask pools |x| per tile (avg or max) and prunes whole tiles, partial edge tiles pooled over real entries', () => {
    const w = { data: new Float32Array([1, 1, 0, 0, 1, 1, 0, 9, 5, 5, 5, 5]), shape: [3, 4] };
    const before = snapshot(w.data);
    expect(blockMask(w, { block: [2, 2], count: 1 })).toEqual(new Uint8Array([0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1]));
    expect(blockMask(w, { block: [2, 2], count: 2, pooling: 'max' })).toEqual(new Uint8Array([0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1]));
    expect(blockMask(w, { block: [1, 1], amount: 0.5 })).toEqual(new Uint8Array([0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1]));
    expect(snapshot(w.data)).toEqual(before);
    const out = new Uint8Array(12);
    expect(blockMask(w, { block: [3, 4], amount: 1, rounding: 'tfmot', out })).toBe(out);
    expect(Array.from(out)).toEqual(new Array(12).fill(1));
    expect(blockMask({ data: new Float64Array(0), shape: [0, 3] }, { block: [2, 2], amount: 0.5 })).toEqual(new Uint8Array(0));
  });

  const bad: Array<[string, () => unknown, ErrorConstructor, string]> = [
    ['rank 3', () => blockMask({ data: new Float32Array(8), shape: [2, 2, 2] }, { block: [1, 1], count: 1 }), RangeError, 'blockMask: x must have rank 2 (got shape [2, 2, 2])'],
    ['block not an array', () => blockMask({ data: new Float32Array(4), shape: [2, 2] }, { block: 2 as never, count: 1 }), TypeError, 'blockMask: block must be an Array [h, w]'],
    ['block of 3', () => blockMask({ data: new Float32Array(4), shape: [2, 2] }, { block: [1, 1, 1] as never, count: 1 }), RangeError, 'blockMask: block must have 2 entries [h, w] (got 3)'],
    ['block 0', () => blockMask({ data: new Float32Array(4), shape: [2, 2] }, { block: [0, 1], count: 1 }), RangeError, 'blockMask: block[0] must be an integer in'],
    ['pooling', () => blockMask({ data: new Float32Array(4), shape: [2, 2] }, { block: [1, 1], count: 1, pooling: 'sum' as never }), RangeError, "blockMask: pooling must be one of 'avg', 'max' (got sum)"],
    ['count > tiles', () => blockMask({ data: new Float32Array(4), shape: [2, 2] }, { block: [2, 1], count: 3 }), RangeError, 'blockMask: count must be an integer in [0, 2] (got 3)'],
    ['NaN', () => blockMask({ data: new Float32Array([0, NaN, 0, 0]), shape: [2, 2] }, { block: [1, 1], count: 1 }), RangeError, 'blockMask: x[1] is NaN'],
  ];
  it.each(bad)('blockMask rejects %s', (_name, call, ctor, message) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(message);
  });

  test.prop([
    fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }),
    fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), fc.array(fc.constantFrom(0, 1, -2, 0.5, 3), { minLength: 49, maxLength: 49 }),
  ])('blockMask equals the reference', (rows, cols, bh, bw, max, amount, pool) => {
    const x = Float32Array.from(pool.slice(0, rows * cols));
    const k = pruneCountRef(amount, Math.ceil(rows / bh) * Math.ceil(cols / bw));
    expect(blockMask({ data: x, shape: [rows, cols] }, { block: [bh, bw], amount, pooling: max ? 'max' : 'avg' })).toEqual(blockMaskRef(x, rows, cols, bh, bw, max, k));
  });
});
