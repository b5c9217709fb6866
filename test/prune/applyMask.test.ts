import { describe, expect, it } from 'vitest';
// Plain examples use vitest's it: @fast-check/vitest's it would rerun each of them numRuns times.
import { fc, test } from '@fast-check/vitest';
import { applyMask, axisDensity, sparsity } from '../../src/prune/index.js';
import { weightsAndMask } from '../support/arbitraries/prune.js';
import { snapshot } from '../support/close.js';

describe('applyMask', () => {
  it('applyMask(x, mask) zeroes pruned entries, even ±Infinity and NaN, keeping the type', () => {
    expect(applyMask(new Float32Array([1.5, -2, 3]), new Uint8Array([1, 0, 1]))).toEqual(new Float32Array([1.5, 0, 3]));
    const r = applyMask(new Float64Array([Infinity, NaN, -Infinity, NaN]), new Uint8Array([0, 0, 1, 1]));
    expect(Array.from(r)).toEqual([0, 0, -Infinity, NaN]);
    expect(Object.is(r[0], 0)).toBe(true);
    expect(applyMask(new Int8Array([-5, 7]), new Uint8Array([0, 1]))).toEqual(new Int8Array([0, 7]));
    expect(applyMask(new Float32Array(0), new Uint8Array(0))).toEqual(new Float32Array(0));
  });

  it('applyMask(x, mask, {out}) returns out, may work in place, leaves inputs untouched otherwise', () => {
    const x = new Float32Array([1, 2, 3]);
    const mask = new Uint8Array([1, 0, 1]);
    const before = [snapshot(x), snapshot(mask)];
    const out = new Float32Array(4);
    expect(applyMask(x, mask, { out })).toBe(out);
    expect([snapshot(x), snapshot(mask)]).toEqual(before);
    expect(applyMask(x, mask, { out: x })).toBe(x);
    expect(Array.from(x)).toEqual([1, 0, 3]);
  });

  const bad: Array<[string, () => unknown, ErrorConstructor, string]> = [
    ['x an Array', () => applyMask([1, 2] as never, new Uint8Array(2)), TypeError, 'applyMask: x must be'],
    ['mask an Int8Array', () => applyMask(new Float32Array(2), new Int8Array(2) as never), TypeError, 'applyMask: mask must be Uint8Array (got Int8Array)'],
    ['lengths differ', () => applyMask(new Float32Array(2), new Uint8Array(3)), RangeError, 'applyMask: x and mask differ in length (2 vs 3)'],
    ['short out', () => applyMask(new Float32Array(2), new Uint8Array(2), { out: new Float32Array(1) }), RangeError, 'applyMask: out has length 1, needs 2'],
    ['out of another type', () => applyMask(new Float32Array(2), new Uint8Array(2), { out: new Float64Array(2) as never }), TypeError, 'applyMask: out must be a Float32Array (got Float64Array)'],
    ['out partly overlapping x', () => { const b = new Float32Array(3); return applyMask(b.subarray(0, 2), new Uint8Array(2), { out: b.subarray(1, 3) }); }, RangeError, 'applyMask: out overlaps x'],
    ['out overlapping mask', () => { const m = new Uint8Array(2); return applyMask(new Uint8Array(2), m, { out: m }); }, RangeError, 'applyMask: out overlaps mask'],
  ];
  it.each(bad)('applyMask rejects %s', (_name, call, ctor, message) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(message);
  });

  test.prop([weightsAndMask(50)])('applyMask equals the elementwise definition', ([x, mask]) => {
    const r = applyMask(x, mask);
    expect(r.constructor).toBe(x.constructor);
    for (let i = 0; i < x.length; i++) expect(Object.is(r[i], mask[i] ? x[i] : 0)).toBe(true);
  });
});

describe('sparsity', () => {
  it('sparsity counts exact zeros (−0 too, NaN not)', () => {
    expect(sparsity(new Uint8Array([1, 0, 0, 1]))).toBe(0.5);
    expect(sparsity(new Float32Array([0, 2, -0, NaN]))).toBe(0.5);
    expect(sparsity([0, 0, 1])).toBeCloseTo(2 / 3, 15);
    expect(sparsity(new Float64Array(0))).toBe(0);
    expect(sparsity({ data: new Int8Array([0, 1, 0, 0]), shape: [2, 2] })).toBe(0.75);
  });
  it('sparsity rejects a non-array and a bad shape', () => {
    expect(() => sparsity('x' as never)).toThrow(TypeError);
    expect(() => sparsity('x' as never)).toThrow(/^sparsity: x must be .*Float32Array.* \(got string\)$/);
    expect(() => sparsity({ data: new Uint8Array(3), shape: [2, 2] })).toThrow(RangeError);
  });
  test.prop([weightsAndMask(50)])('sparsity(applyMask(x, mask)) ≥ sparsity(mask)', ([x, mask]) => {
    expect(sparsity(applyMask(x, mask))).toBeGreaterThanOrEqual(sparsity(mask));
  });
});

describe('axisDensity', () => {
  it('axisDensity gives the nonzero fraction of each slice', () => {
    const t = { data: new Uint8Array([1, 0, 1, 1, 0, 0]), shape: [2, 3] };
    const before = snapshot(t.data);
    expect(Array.from(axisDensity(t, 0))).toEqual([2 / 3, 1 / 3]);
    expect(sparsity(t)).toBe(0.5);
    expect(snapshot(t.data)).toEqual(before);
    expect(Array.from(axisDensity(t, 1))).toEqual([1, 0, 0.5]);
    expect(Array.from(axisDensity(t, -1))).toEqual([1, 0, 0.5]);
    expect(Array.from(axisDensity({ data: new Float32Array(0), shape: [3, 0] }, 0))).toEqual([0, 0, 0]);
    const c = { data: Float64Array.from({ length: 24 }, (_, i) => (i % 5 === 0 ? 0 : i)), shape: [2, 3, 4] };
    const d = axisDensity(c, 1);
    for (let j = 0; j < 3; j++) {
      let nz = 0;
      for (let a = 0; a < 2; a++) for (let b = 0; b < 4; b++) if (c.data[a * 12 + j * 4 + b] !== 0) nz++;
      expect(d[j]).toBe(nz / 8);
    }
  });
  it('axisDensity rejects bad arguments', () => {
    const t = { data: new Uint8Array(6), shape: [2, 3] };
    expect(() => axisDensity(t, 2)).toThrow(new RangeError('axisDensity: axis must be an integer in [-2, 1] (got 2)'));
    expect(() => axisDensity(t, '0' as never)).toThrow(TypeError);
    expect(() => axisDensity(new Uint8Array(3) as never, 0)).toThrow(TypeError);
    expect(() => axisDensity({ data: new Uint8Array(5), shape: [2, 3] }, 0)).toThrow(new RangeError('axisDensity: x.shape [2, 3] needs 6 elements, data has 5'));
    expect(() => axisDensity({ data: new Uint8Array(1), shape: [] }, 0)).toThrow(new RangeError('axisDensity: x must have rank ≥ 1 (got a scalar)'));
  });
});
