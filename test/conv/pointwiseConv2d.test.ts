import { describe, expect, it } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { convInfo, pointwiseConv2d } from '../../src/conv/index.js';
import type { ConvActivation } from '../../src/conv/index.js';
import { seededData } from '../support/arbitraries/conv.js';
import { conv2dRef, convTolerance, geometryOf, toNchw, toNhwc } from '../support/reference/conv.js';
import { expectArraysClose, snapshot } from '../support/close.js';

const t = <T extends Float32Array | Float64Array>(data: T, shape: number[]) => ({ data, shape });

function ref(shape: number[], cout: number, x: ArrayLike<number>, w: ArrayLike<number>, bias?: ArrayLike<number>, act?: ConvActivation) {
  return conv2dRef(geometryOf(convInfo(shape, [1, 1, shape[3]!, cout])), x, w, bias, act);
}

describe('pointwiseConv2d', () => {
  it('pointwiseConv2d of two pixels is a matrix product per pixel', () => {
    const y = pointwiseConv2d(t(new Float64Array([1, 2, 3, 4]), [1, 1, 2, 2]), t(new Float64Array([1, 0, 1, 0, 1, 1]), [1, 1, 2, 3]));
    expect(Array.from(y.data)).toEqual([1, 2, 3, 3, 4, 7]);
    expect(y.shape).toEqual([1, 1, 2, 3]);
  });

  it('pointwiseConv2d NCHW takes [Cout, Cin, 1, 1] filters and writes channel planes', () => {
    // x: 2 channels × 2 pixels, planes [1, 3] and [2, 4] (the same pixels as above)
    const y = pointwiseConv2d(t(new Float32Array([1, 3, 2, 4]), [1, 2, 1, 2]), t(new Float32Array([1, 0, 0, 1, 1, 1]), [3, 2, 1, 1]), { dataFormat: 'NCHW' });
    expect(Array.from(y.data)).toEqual([1, 3, 2, 4, 3, 7]);
    expect(y.data).toBeInstanceOf(Float32Array);
  });

  it('pointwiseConv2d covers several weight chunks (Cin = 600) and odd pixel / channel counts', () => {
    const shape = [1, 3, 5, 600];
    const x = seededData(15 * 600, 11, false);
    const w = seededData(600 * 70, 12, false);
    const bias = seededData(70, 13, false);
    const y = pointwiseConv2d(t(x, shape), t(w, [1, 1, 600, 70]), { bias, activation: 'relu' });
    expectArraysClose(y.data, ref(shape, 70, x, w, bias, 'relu'), convTolerance(false, 601));
  });

  it('pointwiseConv2d: every pixel remainder of the 4-pixel block and channel remainder of the 8-channel panel', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      for (let pixels = 1; pixels <= 9; pixels++) {
        for (let cout = 1; cout <= 17; cout++) {
          const shape = [1, 1, pixels, 5];
          const x = seededData(pixels * 5, pixels, dtype === 'float32');
          const w = seededData(5 * cout, 100 + cout, false);
          const bias = seededData(cout, 200 + cout, false);
          const y = pointwiseConv2d(t(x, shape), t(w, [1, 1, 5, cout]), { bias, activation: 'relu6' });
          expect(y.data).toBeInstanceOf(dtype === 'float64' ? Float64Array : Float32Array);
          expectArraysClose(y.data, ref(shape, cout, x, w, bias, 'relu6'), convTolerance(dtype === 'float32', 6));
        }
      }
    }
  });

  it('pointwiseConv2d: NaN and Infinity in one pixel reach only that pixel, also in the padded last panel', () => {
    const x = new Float32Array(7 * 3).fill(1);
    x[3 * 3 + 1] = NaN;
    x[6 * 3] = Infinity;
    const y = pointwiseConv2d(t(x, [1, 1, 7, 3]), t(new Float32Array(3 * 11).fill(1), [1, 1, 3, 11]));
    for (let p = 0; p < 7; p++) {
      for (let o = 0; o < 11; o++) expect(y.data[p * 11 + o]).toBe(p === 3 ? NaN : p === 6 ? Infinity : 3);
    }
  });

  describe('errors', () => {
    const x = t(new Float32Array(8), [1, 2, 2, 2]);
    const w = t(new Float32Array(6), [1, 1, 2, 3]);
    const bad: Array<[string, () => unknown, ErrorConstructor, string]> = [
      ['3×3 filter', () => pointwiseConv2d(x, t(new Float32Array(54), [3, 3, 2, 3])), RangeError, 'pointwiseConv2d: filter must be [1, 1, Cin, Cout] (got [3, 3, 2, 3])'],
      ['NCHW 3×3 filter', () => pointwiseConv2d(x, t(new Float32Array(6 * 9), [3, 2, 3, 3]), { dataFormat: 'NCHW' }), RangeError, 'pointwiseConv2d: filter must be [Cout, Cin, 1, 1] (got [3, 2, 3, 3])'],
      ['channels', () => pointwiseConv2d(x, t(new Float32Array(9), [1, 1, 3, 3])), RangeError, 'pointwiseConv2d: filter input channels 3 ≠ input channels / groups = 2 (input [1, 2, 2, 2], filter [1, 1, 3, 3], NHWC)'],
      ['filter not a Tensor', () => pointwiseConv2d(x, [1, 2] as never), TypeError, 'pointwiseConv2d: filter must be Tensor (got Array)'],
      ['filter int data', () => pointwiseConv2d(x, t(new Int32Array(6) as never, [1, 1, 2, 3])), TypeError, 'pointwiseConv2d: filter.data must be Float32Array or Float64Array (got Int32Array)'],
      ['bias length', () => pointwiseConv2d(x, w, { bias: new Float32Array(2) }), RangeError, 'pointwiseConv2d: bias has length 2, expected 3 (one per output channel)'],
      ['bias NaN entry type', () => pointwiseConv2d(x, w, { bias: [1, '2', 3] as never }), TypeError, 'pointwiseConv2d: bias[1] must be a number (got string)'],
      ['short out', () => pointwiseConv2d(x, w, { out: new Float32Array(11) }), RangeError, 'pointwiseConv2d: out has length 11, needs 12'],
      ['dataFormat', () => pointwiseConv2d(x, w, { dataFormat: 'CHWN' as never }), RangeError, "pointwiseConv2d: dataFormat must be 'NHWC' or 'NCHW' (got CHWN)"],
    ];
    for (const [what, call, ctor, message] of bad) {
      it(`pointwiseConv2d rejects ${what}`, () => {
        expect(call).toThrow(new ctor(message));
      });
    }
    it('pointwiseConv2d rejects an out overlapping the filter', () => {
      const buf = new Float32Array(30);
      const filter = t(buf.subarray(0, 6), [1, 1, 2, 3]);
      expect(() => pointwiseConv2d(x, filter, { out: buf.subarray(4, 16) })).toThrow(new RangeError('pointwiseConv2d: out overlaps filter'));
      expect(pointwiseConv2d(x, filter, { out: buf.subarray(6, 18) }).data.length).toBe(12);
    });
  });

  it('pointwiseConv2d returns out as given and leaves inputs unmodified', () => {
    const x = t(seededData(3 * 7 * 5, 1, true) as Float32Array, [1, 3, 7, 5]);
    const w = t(seededData(5 * 6, 2, true) as Float32Array, [1, 1, 5, 6]);
    const before = [snapshot(x.data), snapshot(w.data)];
    const out = new Float32Array(3 * 7 * 6);
    expect(pointwiseConv2d(x, w, { out }).data).toBe(out);
    expect([snapshot(x.data), snapshot(w.data)]).toEqual(before);
  });

  it('pointwiseConv2d: empty batch, NaN and ±Infinity propagate to their pixel only', () => {
    expect(pointwiseConv2d(t(new Float64Array(0), [0, 3, 3, 2]), t(new Float64Array(6), [1, 1, 2, 3])).shape).toEqual([0, 3, 3, 3]);
    const x = new Float64Array([NaN, 1, 2, 3, Infinity, 0]);
    const y = pointwiseConv2d(t(x, [1, 1, 3, 2]), t(new Float64Array([1, 1]), [1, 1, 2, 1]));
    expect(Array.from(y.data)).toEqual([NaN, 5, Infinity]);
  });

  for (const f32 of [false, true]) {
    fcIt.prop([
      fc.record({ n: fc.integer({ min: 1, max: 2 }), h: fc.integer({ min: 1, max: 6 }), w: fc.integer({ min: 1, max: 7 }), cin: fc.integer({ min: 1, max: 20 }), cout: fc.integer({ min: 1, max: 11 }) }),
      fc.integer(), fc.constantFrom<ConvActivation>('linear', 'relu', 'relu6'), fc.boolean(),
    ])(`pointwiseConv2d agrees with the float64 reference (${f32 ? 'float32' : 'float64'})`, (s, seed, act, nchw) => {
      const shape = [s.n, s.h, s.w, s.cin];
      const x = seededData(s.n * s.h * s.w * s.cin, seed, f32);
      const w = seededData(s.cin * s.cout, seed + 1, f32);
      const bias = seededData(s.cout, seed + 2, f32);
      const expected = ref(shape, s.cout, x, w, bias, act);
      if (!nchw) {
        expectArraysClose(pointwiseConv2d(t(x, shape), t(w, [1, 1, s.cin, s.cout]), { bias, activation: act }).data, expected, convTolerance(f32, s.cin + 1));
      } else {
        const xc = toNchw(x, s.n, s.h, s.w, s.cin);
        const wc = new Float64Array(s.cin * s.cout);
        for (let i = 0; i < s.cin; i++) for (let o = 0; o < s.cout; o++) wc[o * s.cin + i] = w[i * s.cout + o]!;
        const y = pointwiseConv2d(t(f32 ? Float32Array.from(xc) : xc, [s.n, s.cin, s.h, s.w]), t(wc, [s.cout, s.cin, 1, 1]), { bias, activation: act, dataFormat: 'NCHW' });
        expect(y.shape).toEqual([s.n, s.cout, s.h, s.w]);
        expectArraysClose(toNhwc(y.data, s.n, s.cout, s.h, s.w), expected, convTolerance(f32, s.cin + 1));
      }
    });
  }
});
