import { beforeAll, describe, expect, it } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { conv2d, convInfo, pointwiseConv2d } from '../../src/conv/index.js';
import type { ConvActivation } from '../../src/conv/index.js';
import { convCase, seededData } from '../support/arbitraries/conv.js';
import type { ConvCase } from '../support/arbitraries/conv.js';
import { conv2dRef, convTolerance, geometryOf, hwioToOihw, toNchw, toNhwc } from '../support/reference/conv.js';
import { tfConv2d, tfReady } from '../support/reference/convTfjs.js';
import { expectArraysClose, snapshot } from '../support/close.js';

const t = <T extends Float32Array | Float64Array>(data: T, shape: number[]) => ({ data, shape });

function geometry(k: ConvCase) {
  return {
    groups: k.groups,
    strides: k.strides,
    dilations: k.dilations,
    padding: k.padding,
    ...(k.dimRoundingMode === undefined ? {} : { dimRoundingMode: k.dimRoundingMode }),
  };
}

describe('conv2d', () => {
  beforeAll(tfReady);

  it('conv2d of 1..9 with [[1, 0], [0, -1]] is -4 everywhere', () => {
    const y = conv2d(t(new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), [1, 3, 3, 1]), t(new Float32Array([1, 0, 0, -1]), [2, 2, 1, 1]));
    expect(Array.from(y.data)).toEqual([-4, -4, -4, -4]);
  });

  it('conv2d with groups = C and one filter per channel is a depthwise conv', () => {
    // two channels, filter [1, 1, 1, 2]: channel 0 × 2, channel 1 × 3
    const y = conv2d(t(new Float64Array([1, 10, 2, 20]), [1, 1, 2, 2]), t(new Float64Array([2, 3]), [1, 1, 1, 2]), { groups: 2 });
    expect(Array.from(y.data)).toEqual([2, 30, 4, 60]);
  });

  it('conv2d 1×1 stride 1 (the direct GEMM path) equals pointwiseConv2d', () => {
    const x = t(seededData(2 * 4 * 5 * 7, 5, true) as Float32Array, [2, 4, 5, 7]);
    const w = t(seededData(7 * 9, 6, true) as Float32Array, [1, 1, 7, 9]);
    expect(Array.from(conv2d(x, w, { bias: [1, 2, 3, 4, 5, 6, 7, 8, 9] }).data)).toEqual(Array.from(pointwiseConv2d(x, w, { bias: [1, 2, 3, 4, 5, 6, 7, 8, 9] }).data));
  });

  describe('agrees with tfjs-core (cpu backend)', () => {
    const configs: Array<[string, number[], number[], [number, number], 'same' | 'valid' | number, [number, number]]> = [
      ['input=1x7x7x3,f=3x3x3x4,s=1,p=same', [1, 7, 7, 3], [3, 3, 3, 4], [1, 1], 'same', [1, 1]],
      ['input=2x9x8x2,f=3x3x2x5,s=2,p=same', [2, 9, 8, 2], [3, 3, 2, 5], [2, 2], 'same', [1, 1]],
      ['input=1x9x9x2,f=1x3x2x3,s=2,p=same', [1, 9, 9, 2], [1, 3, 2, 3], [2, 2], 'same', [1, 1]],
      ['input=1x10x10x2,f=3x3x2x2,d=2,p=valid', [1, 10, 10, 2], [3, 3, 2, 2], [1, 1], 'valid', [2, 2]],
      ['input=1x6x6x3,f=3x3x3x2,s=2,p=1', [1, 6, 6, 3], [3, 3, 3, 2], [2, 2], 1, [1, 1]],
    ];
    for (const [name, xShape, wShape, s, p, d] of configs) {
      it(`conv2d ${name}`, () => {
        const x = seededData(xShape.reduce((a, b) => a * b), 3, true) as Float32Array;
        const w = seededData(wShape.reduce((a, b) => a * b), 4, true) as Float32Array;
        const y = conv2d(t(x, xShape), t(w, wShape), { strides: s, padding: p, dilations: d });
        expectArraysClose(y.data, tfConv2d(x, xShape, w, wShape, s, p, d), { rtol: 1e-5, atol: 1e-5 * wShape[0]! * wShape[1]! * wShape[2]! * 4 });
      });
    }
  });

  describe('errors', () => {
    const x = t(new Float64Array(4 * 4 * 4), [1, 4, 4, 4]);
    const bad: Array<[string, () => unknown, ErrorConstructor, string]> = [
      ['groups not dividing Cout', () => conv2d(x, t(new Float64Array(9 * 2 * 3), [3, 3, 2, 3]), { groups: 2 }), RangeError, 'conv2d: output channels 3 must be a positive multiple of groups 2 (input [1, 4, 4, 4], filter [3, 3, 2, 3])'],
      ['groups 0', () => conv2d(x, t(new Float64Array(9 * 4), [3, 3, 4, 1]), { groups: 0 }), RangeError, 'conv2d: groups must be a positive integer (got 0)'],
      ['groups string', () => conv2d(x, t(new Float64Array(9 * 4), [3, 3, 4, 1]), { groups: '1' as never }), TypeError, 'conv2d: groups must be a number (got string)'],
      ['channel mismatch', () => conv2d(x, t(new Float64Array(9 * 3), [3, 3, 3, 1])), RangeError, 'conv2d: filter input channels 3 ≠ input channels / groups = 4 (input [1, 4, 4, 4], filter [3, 3, 3, 1], NHWC)'],
      ['kernel too large', () => conv2d(x, t(new Float64Array(25 * 4), [5, 5, 4, 1]), { padding: [0, 0, 1, 1] }), RangeError, 'conv2d: kernel 5×5 (dilated) is larger than the padded input 4×6 (input [1, 4, 4, 4], filter [5, 5, 4, 1])'],
      ['bias length', () => conv2d(x, t(new Float64Array(9 * 4), [3, 3, 4, 1]), { bias: [1, 2] }), RangeError, 'conv2d: bias has length 2, expected 1 (one per output channel)'],
      ['input missing', () => (conv2d as () => unknown)(), TypeError, 'conv2d: input must be Tensor (got undefined)'],
    ];
    for (const [what, call, ctor, message] of bad) {
      it(`conv2d rejects ${what}`, () => {
        expect(call).toThrow(new ctor(message));
      });
    }
  });

  it('conv2d returns out as given, leaves inputs unmodified, and is empty for an empty batch', () => {
    const x = t(seededData(5 * 5 * 4, 1, false) as Float64Array, [1, 5, 5, 4]);
    const w = t(seededData(3 * 3 * 2 * 6, 2, false) as Float64Array, [3, 3, 2, 6]);
    const before = [snapshot(x.data), snapshot(w.data)];
    const out = new Float64Array(5 * 5 * 6);
    expect(conv2d(x, w, { groups: 2, padding: 'same', out }).data).toBe(out);
    expect([snapshot(x.data), snapshot(w.data)]).toEqual(before);
    expect(conv2d(t(new Float64Array(0), [0, 5, 5, 4]), w, { groups: 2 }).shape).toEqual([0, 3, 3, 6]);
  });

  it('conv2d: NaN in the input spreads to the outputs whose windows hold it', () => {
    const xs = new Float64Array(16);
    xs[15] = NaN;
    const y = conv2d(t(xs, [1, 4, 4, 1]), t(new Float64Array(4).fill(1), [2, 2, 1, 1]));
    expect(Array.from(y.data)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, NaN]);
  });

  for (const f32 of [false, true]) {
    fcIt.prop([convCase({ maxSize: 8, maxC: 3, maxM: 3, maxGroups: 3, rounding: true }), fc.integer(), fc.constantFrom<ConvActivation>('linear', 'relu', 'relu6')])(
      `conv2d agrees with the float64 reference (${f32 ? 'float32' : 'float64'}, NHWC, groups)`,
      (k, seed, act) => {
        const cout = k.m * k.groups;
        const x = seededData(k.batch * k.inH * k.inW * k.c, seed, f32);
        const w = seededData(k.kh * k.kw * (k.c / k.groups) * cout, seed + 1, f32);
        const bias = seededData(cout, seed + 2, false);
        const info = convInfo([k.batch, k.inH, k.inW, k.c], [k.kh, k.kw, k.c / k.groups, cout], geometry(k));
        const y = conv2d(t(x, [k.batch, k.inH, k.inW, k.c]), t(w, [k.kh, k.kw, k.c / k.groups, cout]), { ...geometry(k), bias, activation: act });
        expect(y.shape).toEqual(info.outShape);
        expectArraysClose(y.data, conv2dRef(geometryOf(info), x, w, bias, act), convTolerance(f32, k.kh * k.kw * (k.c / k.groups) + 1));
      },
    );
  }

  fcIt.prop([convCase({ maxSize: 8, maxC: 3, maxM: 3, maxGroups: 3, rounding: true }), fc.integer()])(
    'conv2d NCHW (PyTorch [Cout, C/groups, kh, kw]) equals NHWC after transposition',
    (k, seed) => {
      const cout = k.m * k.groups;
      const cig = k.c / k.groups;
      const x = seededData(k.batch * k.inH * k.inW * k.c, seed, false);
      const w = seededData(k.kh * k.kw * cig * cout, seed + 1, false);
      const yh = conv2d(t(x, [k.batch, k.inH, k.inW, k.c]), t(w, [k.kh, k.kw, cig, cout]), geometry(k));
      const yc = conv2d(t(toNchw(x, k.batch, k.inH, k.inW, k.c), [k.batch, k.c, k.inH, k.inW]), t(hwioToOihw(w, k.kh, k.kw, cig, cout), [cout, cig, k.kh, k.kw]), { ...geometry(k), dataFormat: 'NCHW' });
      const [, oh, ow] = yh.shape as [number, number, number, number];
      expect(yc.shape).toEqual([k.batch, cout, oh, ow]);
      expect(Array.from(toNhwc(yc.data, k.batch, cout, oh, ow))).toEqual(Array.from(yh.data));
    },
  );
});
