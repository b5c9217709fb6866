import { describe, expect, it } from 'vitest';
// Plain examples use vitest's it: @fast-check/vitest's it would rerun each of them numRuns times.
import { fc, test } from '@fast-check/vitest';
import { isNM, nmMask } from '../../src/prune/index.js';
import { nmMaskRef, total } from '../support/reference/prune.js';
import { weightValue } from '../support/arbitraries/prune.js';
import { snapshot } from '../support/close.js';

const shapeAndData = fc
  .array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 })
  .chain((shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return fc.tuple(fc.constant(shape), fc.array(weightValue, { minLength: n, maxLength: n }), fc.boolean());
  })
  .map(([shape, v, f32]) => ({ shape, data: f32 ? Float32Array.from(v) : Float64Array.from(v) }));

describe('nmMask', () => {
  it('nmMask(x) keeps the 2 largest of every 4 (2:4)', () => {
    expect(nmMask(new Float32Array([0.1, -0.9, 0.5, 0.2, 3, 1, -2, 0]))).toEqual(new Uint8Array([0, 1, 1, 0, 1, 0, 1, 0]));
    expect(nmMask(new Float64Array([1, 1, 1, 1]))).toEqual(new Uint8Array([0, 0, 1, 1]));
    expect(nmMask(new Float64Array([0, -0, 0, 0]))).toEqual(new Uint8Array([0, 0, 1, 1]));
    expect(nmMask(new Float32Array([Infinity, 1, -Infinity, 2]))).toEqual(new Uint8Array([1, 0, 1, 0]));
    expect(nmMask(new Float32Array(0))).toEqual(new Uint8Array(0));
  });

  it('nmMask pads the tail group with zeros (TF-MOT): a tail of r keeps min(keep, r)', () => {
    expect(nmMask(new Float32Array([1, 2, 3, 4, 5, 6]))).toEqual(new Uint8Array([0, 0, 1, 1, 1, 1]));
    expect(nmMask(new Float32Array([1, 2, 3, 4, 7, 5, 6]))).toEqual(new Uint8Array([0, 0, 1, 1, 1, 0, 1]));
    expect(nmMask(new Float32Array([4]), { keep: 1, group: 4 })).toEqual(new Uint8Array([1]));
  });

  it('nmMask groups along the given axis (tfjs Dense [in, out] → axis 0)', () => {
    const t = { data: new Float64Array([1, 4, 2, 3, 5, 6]), shape: [3, 2] };
    expect(nmMask(t, { keep: 1, group: 2, axis: 0 })).toEqual(new Uint8Array([0, 1, 1, 0, 1, 1]));
    const conv = { data: Float32Array.from({ length: 2 * 8 }, (_, i) => ((i * 5) % 7) - 3), shape: [2, 8] };
    const out = new Uint8Array(16);
    const before = snapshot(conv.data);
    expect(nmMask(conv, { out })).toBe(out);
    expect(snapshot(conv.data)).toEqual(before);
    expect(isNM(out)).toBe(true);
    expect(total(out)).toBe(8);
  });

  const bad: Array<[string, () => unknown, ErrorConstructor, string]> = [
    ['x an Array', () => nmMask([1, 2] as never), TypeError, 'nmMask: x must be'],
    ['keep > group', () => nmMask(new Float32Array(4), { keep: 5, group: 4 }), RangeError, 'nmMask: keep must be an integer in [0, 4] (got 5)'],
    ['group 0', () => nmMask(new Float32Array(4), { group: 0 }), RangeError, 'nmMask: group must be an integer in [1, 65536] (got 0)'],
    ['axis out of range', () => nmMask(new Float32Array(4), { axis: 1 }), RangeError, 'nmMask: axis must be an integer in [-1, 0] (got 1)'],
    ['NaN', () => nmMask(new Float32Array([1, NaN, 0, 0])), RangeError, 'nmMask: x[1] is NaN'],
    ['short out', () => nmMask(new Float32Array(4), { out: new Uint8Array(3) }), RangeError, 'nmMask: out has length 3, needs 4'],
    ['scalar', () => nmMask({ data: new Float32Array(1), shape: [] }), RangeError, 'nmMask: x must have rank ≥ 1'],
    ['bad shape', () => nmMask({ data: new Float32Array(3), shape: [2, 2] }), RangeError, 'nmMask: x.shape [2, 2] needs 4 elements, data has 3'],
  ];
  it.each(bad)('nmMask rejects %s', (_name, call, ctor, message) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(message);
  });

  test.prop([shapeAndData, fc.integer({ min: 1, max: 5 }), fc.nat(), fc.nat()])('nmMask equals the reference for any keep:group and axis', ({ shape, data }, group, kk, ax) => {
    const keep = kk % (group + 1);
    const axis = ax % shape.length;
    const m = nmMask({ data, shape }, { keep, group, axis });
    expect(m).toEqual(nmMaskRef(data, shape, keep, group, axis));
    expect(isNM({ data: m, shape }, { keep, group, axis })).toBe(true);
  });

  test.prop([fc.array(weightValue, { maxLength: 64 }).map((v) => Float32Array.from(v.slice(0, v.length - (v.length % 4))))])(
    'nmMask 2:4 fast path equals the reference and keeps exactly 2 per group',
    (x) => {
      const m = nmMask(x);
      expect(m).toEqual(nmMaskRef(x, [x.length], 2, 4, 0));
      for (let g = 0; g < x.length; g += 4) expect(m[g]! + m[g + 1]! + m[g + 2]! + m[g + 3]!).toBe(2);
      const y = Float64Array.from(x);
      expect(nmMask({ data: y, shape: [2, y.length / 2] }, { axis: 0, keep: 2, group: 4 })).toEqual(nmMaskRef(y, [2, y.length / 2], 2, 4, 0));
      expect(nmMask(y)).toEqual(m);
    },
  );
});

describe('isNM', () => {
  it('isNM checks ≤ keep nonzeros per group, on masks or weights', () => {
    expect(isNM(new Uint8Array([1, 0, 0, 1, 1, 1, 0, 0]))).toBe(true);
    expect(isNM(new Float32Array([1, 2, 3, 0]))).toBe(false);
    expect(isNM(new Float32Array([1, 0, NaN, 0]))).toBe(true);
    expect(isNM(new Int8Array([1, 1, 1]), { keep: 2, group: 4 })).toBe(false);
    expect(isNM(new Int8Array([1, 1, 0, 0, 1]), { keep: 1, group: 2 })).toBe(false);
    expect(isNM({ data: new Uint8Array([1, 1, 0, 0]), shape: [2, 2] }, { keep: 1, group: 2, axis: 0 })).toBe(true);
    expect(isNM({ data: new Uint8Array([1, 1, 0, 0]), shape: [2, 2] }, { keep: 1, group: 2, axis: 1 })).toBe(false);
    expect(isNM(new Uint8Array(0))).toBe(true);
  });
  it('isNM rejects bad arguments', () => {
    expect(() => isNM([1] as never)).toThrow(TypeError);
    expect(() => isNM(new Uint8Array(4), { keep: -1 })).toThrow(new RangeError('isNM: keep must be an integer in [0, 4] (got -1)'));
    expect(() => isNM({ data: new Uint8Array(3), shape: [4] })).toThrow(RangeError);
  });
});
