import { describe, expect, it } from 'vitest';
// Plain examples use vitest's it: @fast-check/vitest's it would rerun each of them numRuns times.
import { fc, test } from '@fast-check/vitest';
import { lnStructuredMask } from '../../src/prune/index.js';
import { magnitudeMaskRef, multiIndices, pruneCountRef, sliceNormsRef } from '../support/reference/prune.js';
import { expectArraysClose, snapshot } from '../support/close.js';

const tensor = fc
  .array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 4 })
  .chain((shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return fc.tuple(fc.constant(shape), fc.array(fc.oneof(fc.double({ min: -5, max: 5, noNaN: true }), fc.constantFrom(0, 1, -1)), { minLength: n, maxLength: n }), fc.boolean());
  })
  .map(([shape, v, f32]) => {
    const w = v.map((x) => (Math.abs(x) < 1e-60 ? 0 : x)); // the plain reference underflows on x^p for tiny x
    return { shape, data: f32 ? Float32Array.from(w) : Float64Array.from(w) };
  });

describe('lnStructuredMask', () => {
  it('lnStructuredMask prunes whole slices of smallest L2 norm', () => {
    const w = { data: new Float32Array([1, 1, 0.1, 0.1, 3, -4]), shape: [3, 2] };
    const before = snapshot(w.data);
    const r = lnStructuredMask(w, { axis: 0, count: 1, p: 2 });
    expect(r.mask).toEqual(new Uint8Array([1, 1, 0, 0, 1, 1]));
    expect(Array.from(r.kept)).toEqual([0, 2]);
    expect(r.norms[2]).toBe(5);
    expect(snapshot(w.data)).toEqual(before);
  });

  it('lnStructuredMask with p = 1, 2, Infinity along axes 0 and 1 of a conv weight [2, 3, 2, 2]', () => {
    const data = Float64Array.from({ length: 24 }, (_, i) => ((i * 7) % 11) - 5);
    const shape = [2, 3, 2, 2];
    for (const p of [1, 2, Infinity]) {
      for (const axis of [0, 1]) {
        const r = lnStructuredMask({ data, shape }, { axis, amount: 0.5, p });
        const norms = sliceNormsRef(data, shape, axis, p);
        expectArraysClose(r.norms, norms);
        const pruned = magnitudeMaskRef(r.norms, pruneCountRef(0.5, shape[axis]!));
        multiIndices(shape).forEach((idx, f) => expect(r.mask[f]).toBe(pruned[idx[axis]!]));
      }
    }
  });

  it('lnStructuredMask with an existing mask prunes among live slices only and stays inside the mask', () => {
    const data = new Float32Array([1, 1, 2, 2, 3, 3, 4, 4]);
    const mask = new Uint8Array([0, 0, 1, 0, 1, 1, 1, 1]); // slice 0 is dead
    const r = lnStructuredMask({ data, shape: [4, 2] }, { axis: 0, count: 1, mask });
    expect(r.mask).toEqual(new Uint8Array([0, 0, 0, 0, 1, 1, 1, 1]));
    expect(Array.from(r.kept)).toEqual([2, 3]);
    const s = lnStructuredMask({ data, shape: [4, 2] }, { axis: -1, count: 1, scores: new Float64Array([0, 9, 0, 9, 0, 9, 0, 9]) });
    expect(s.mask).toEqual(new Uint8Array([0, 1, 0, 1, 0, 1, 0, 1]));
    const huge = lnStructuredMask({ data: new Float64Array([1e300, 1e300, 1e-300, 1e-300]), shape: [2, 2] }, { axis: 0, count: 0 });
    expectArraysClose(huge.norms, [Math.SQRT2 * 1e300, Math.SQRT2 * 1e-300]);
  });

  const bad: Array<[string, () => unknown, ErrorConstructor, string]> = [
    ['a FloatArray', () => lnStructuredMask(new Float32Array(4) as never, { axis: 0, count: 1 }), TypeError, 'lnStructuredMask: x must be Tensor'],
    ['rank 1', () => lnStructuredMask({ data: new Float32Array(4), shape: [4] }, { axis: 0, count: 1 }), RangeError, 'lnStructuredMask: x must have rank ≥ 2 (got shape [4])'],
    ['no axis', () => lnStructuredMask({ data: new Float32Array(4), shape: [2, 2] }, { count: 1 } as never), RangeError, 'lnStructuredMask: axis is required'],
    ['axis 2', () => lnStructuredMask({ data: new Float32Array(4), shape: [2, 2] }, { axis: 2, count: 1 }), RangeError, 'lnStructuredMask: axis must be an integer in [-2, 1] (got 2)'],
    ['p 0', () => lnStructuredMask({ data: new Float32Array(4), shape: [2, 2] }, { axis: 0, count: 1, p: 0 }), RangeError, 'lnStructuredMask: p must be > 0 or Infinity (got 0)'],
    ['p NaN', () => lnStructuredMask({ data: new Float32Array(4), shape: [2, 2] }, { axis: 0, count: 1, p: NaN }), RangeError, 'lnStructuredMask: p must be > 0 or Infinity (got NaN)'],
    ['count 3 of 2', () => lnStructuredMask({ data: new Float32Array(4), shape: [2, 2] }, { axis: 0, count: 3 }), RangeError, 'lnStructuredMask: count must be an integer in [0, 2] (got 3)'],
    ['NaN', () => lnStructuredMask({ data: new Float32Array([0, 0, NaN, 0]), shape: [2, 2] }, { axis: 0, count: 1 }), RangeError, 'lnStructuredMask: x[2] is NaN'],
    ['scores length', () => lnStructuredMask({ data: new Float32Array(4), shape: [2, 2] }, { axis: 0, count: 1, scores: new Float32Array(3) }), RangeError, 'lnStructuredMask: x and scores differ in length (4 vs 3)'],
  ];
  it.each(bad)('lnStructuredMask rejects %s', (_name, call, ctor, message) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(message);
  });

  test.prop([tensor, fc.nat(), fc.constantFrom(1, 2, 3, Infinity), fc.double({ min: 0, max: 1, noNaN: true })])(
    'lnStructuredMask equals the reference: norms, pruned slice count and choice',
    ({ shape, data }, ax, p, amount) => {
      const axis = ax % shape.length;
      const r = lnStructuredMask({ data, shape }, { axis, amount, p });
      const norms = sliceNormsRef(data, shape, axis, p);
      expectArraysClose(r.norms, norms, { rtol: 1e-12, atol: 1e-300 });
      const k = pruneCountRef(amount, shape[axis]!);
      const slices = magnitudeMaskRef(r.norms, k);
      multiIndices(shape).forEach((idx, f) => expect(r.mask[f]).toBe(slices[idx[axis]!]));
      expect(r.kept.length).toBe(shape[axis]! - k);
    },
  );
});
