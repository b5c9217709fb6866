import { beforeAll, describe, expect, it } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { depthwiseConv2d, pointwiseConv2d, separableConv2d } from '../../src/conv/index.js';
import type { ConvActivation } from '../../src/conv/index.js';
import { convCase, seededData } from '../support/arbitraries/conv.js';
import { convTolerance, oihwToHwio, toNchw, toNhwc } from '../support/reference/conv.js';
import { tfReady, tfSeparable } from '../support/reference/convTfjs.js';
import { expectArraysClose, snapshot } from '../support/close.js';

const t = <T extends Float32Array | Float64Array>(data: T, shape: number[]) => ({ data, shape });

describe('separableConv2d', () => {
  beforeAll(tfReady);

  it('separableConv2d of a 2×2 image: dw sum 10, pw [1, -1]', () => {
    const x = t(new Float64Array([1, 2, 3, 4]), [1, 2, 2, 1]);
    const dw = t(new Float64Array([1, 1, 1, 1]), [2, 2, 1, 1]);
    const pw = t(new Float64Array([1, -1]), [1, 1, 1, 2]);
    expect(Array.from(separableConv2d(x, dw, pw).data)).toEqual([10, -10]);
    expect(Array.from(separableConv2d(x, dw, pw, { depthwiseBias: [-11], depthwiseActivation: 'relu', bias: [1, 1] }).data)).toEqual([1, 1]);
  });

  describe('agrees with tfjs-core separableConv2d (cpu backend)', () => {
    const configs: Array<[string, number[], number[], number, [number, number], 'same' | 'valid', [number, number]]> = [
      ['input=1x8x8x4,dw=3x3x4x1,pw=4→6,s=1,same', [1, 8, 8, 4], [3, 3, 4, 1], 6, [1, 1], 'same', [1, 1]],
      ['input=2x9x7x3,dw=3x3x3x2,pw=6→5,s=2,same', [2, 9, 7, 3], [3, 3, 3, 2], 5, [2, 2], 'same', [1, 1]],
      ['input=1x10x10x2,dw=3x3x2x1,pw=2→3,d=2,valid', [1, 10, 10, 2], [3, 3, 2, 1], 3, [1, 1], 'valid', [2, 2]],
      ['input=1x112x3x2 (tiles of one row),dw=3x3x2x1,pw=2→4,s=1,same', [1, 112, 3, 2], [3, 3, 2, 1], 4, [1, 1], 'same', [1, 1]],
    ];
    for (const [name, xShape, dwShape, cout, s, p, d] of configs) {
      it(`separableConv2d ${name}`, () => {
        const cm = dwShape[2]! * dwShape[3]!;
        const x = seededData(xShape.reduce((a, b) => a * b), 5, true) as Float32Array;
        const dw = seededData(dwShape.reduce((a, b) => a * b), 6, true) as Float32Array;
        const pw = seededData(cm * cout, 7, true) as Float32Array;
        const y = separableConv2d(t(x, xShape), t(dw, dwShape), t(pw, [1, 1, cm, cout]), { strides: s, padding: p, dilations: d });
        expectArraysClose(y.data, tfSeparable(x, xShape, dw, dwShape, pw, [1, 1, cm, cout], s, p, d), { rtol: 1e-5, atol: 1e-5 * 9 * cm * 16 });
      });
    }
  });

  describe('errors', () => {
    const x = t(new Float32Array(4 * 4 * 2), [1, 4, 4, 2]);
    const dw = t(new Float32Array(9 * 2 * 2), [3, 3, 2, 2]);
    const bad: Array<[string, () => unknown, ErrorConstructor, string]> = [
      ['pointwise channels ≠ C·M', () => separableConv2d(x, dw, t(new Float32Array(2 * 3), [1, 1, 2, 3])), RangeError, 'separableConv2d: pointwiseFilter must be [1, 1, 4, Cout] for 4 depthwise output channels (got [1, 1, 2, 3])'],
      ['NCHW pointwise layout', () => separableConv2d(t(new Float32Array(32), [1, 2, 4, 4]), t(new Float32Array(36), [4, 1, 3, 3]), t(new Float32Array(12), [1, 1, 4, 3]), { dataFormat: 'NCHW' }), RangeError, 'separableConv2d: pointwiseFilter must be [Cout, 4, 1, 1] for 4 depthwise output channels (got [1, 1, 4, 3])'],
      ['rank-2 pointwise', () => separableConv2d(x, dw, t(new Float32Array(12), [4, 3])), RangeError, 'separableConv2d: pointwiseFilter must have rank 4 (got [4, 3])'],
      ['depthwise bias length', () => separableConv2d(x, dw, t(new Float32Array(12), [1, 1, 4, 3]), { depthwiseBias: [1, 2] }), RangeError, 'separableConv2d: depthwiseBias has length 2, expected 4 (one per output channel)'],
      ['depthwise activation', () => separableConv2d(x, dw, t(new Float32Array(12), [1, 1, 4, 3]), { depthwiseActivation: 'tanh' as never }), RangeError, "separableConv2d: depthwiseActivation must be one of 'linear', 'relu', 'relu6' (got tanh)"],
      ['pointwise filter missing', () => (separableConv2d as (a: unknown, b: unknown) => unknown)(x, dw), TypeError, 'separableConv2d: pointwiseFilter must be Tensor (got undefined)'],
      ['filter channels', () => separableConv2d(x, t(new Float32Array(9), [3, 3, 1, 1]), t(new Float32Array(3), [1, 1, 1, 3])), RangeError, 'separableConv2d: filter channels 1 ≠ input channels 2 (input [1, 4, 4, 2], filter [3, 3, 1, 1], NHWC)'],
    ];
    for (const [what, call, ctor, message] of bad) {
      it(`separableConv2d rejects ${what}`, () => {
        expect(call).toThrow(new ctor(message));
      });
    }
  });

  it('separableConv2d returns out as given and leaves inputs unmodified', () => {
    const x = t(seededData(6 * 6 * 3, 1, true) as Float32Array, [1, 6, 6, 3]);
    const dw = t(seededData(27, 2, true) as Float32Array, [3, 3, 3, 1]);
    const pw = t(seededData(3 * 4, 3, true) as Float32Array, [1, 1, 3, 4]);
    const before = [snapshot(x.data), snapshot(dw.data), snapshot(pw.data)];
    const out = new Float32Array(6 * 6 * 4);
    expect(separableConv2d(x, dw, pw, { padding: 'same', out }).data).toBe(out);
    expect([snapshot(x.data), snapshot(dw.data), snapshot(pw.data)]).toEqual(before);
    expect(() => separableConv2d(x, dw, pw, { padding: 'same', out: new Float32Array(10) })).toThrow(new RangeError('separableConv2d: out has length 10, needs 144'));
  });

  it('separableConv2d: empty batch gives an empty result; NaN stays local', () => {
    const dw = t(new Float64Array(9).fill(1), [3, 3, 1, 1]);
    const pw = t(new Float64Array([1, 2]), [1, 1, 1, 2]);
    expect(separableConv2d(t(new Float64Array(0), [0, 5, 5, 1]), dw, pw).shape).toEqual([0, 3, 3, 2]);
    const xs = new Float64Array(25);
    xs[0] = NaN;
    const y = separableConv2d(t(xs, [1, 5, 5, 1]), dw, pw, { padding: 'same' });
    expect(y.data.filter((v) => Number.isNaN(v)).length).toBe(8); // 4 pixels × 2 channels
  });

  it('separableConv2d through the depthwise band kernels (3×3, M = 1, stride 1 and 2) equals depthwiseConv2d then pointwiseConv2d bit for bit in float64', () => {
    const shapes: Array<[number, number, number, number]> = [[1, 17, 13, 3], [2, 40, 40, 2], [1, 9, 70, 5], [1, 3, 3, 1], [1, 3, 5, 4], [1, 33, 7, 64]];
    for (const [b, h, w, c] of shapes) {
      for (const strides of [1, 2]) {
        for (const padding of ['same', 'valid'] as const) {
          const seed = b * 1000 + h * 100 + w * 10 + c + strides;
          const x = t(seededData(b * h * w * c, seed, false), [b, h, w, c]);
          const dw = t(seededData(9 * c, seed + 1, false), [3, 3, c, 1]);
          const pw = t(seededData(c * 5, seed + 2, false), [1, 1, c, 5]);
          const depthwiseBias = seededData(c, seed + 3, false);
          const y = separableConv2d(x, dw, pw, { strides, padding, depthwiseBias, depthwiseActivation: 'relu6', activation: 'relu' });
          const mid = depthwiseConv2d(x, dw, { strides, padding, bias: depthwiseBias, activation: 'relu6' });
          const expected = pointwiseConv2d(mid, pw, { activation: 'relu' });
          expect(y.shape).toEqual(expected.shape);
          expect(Array.from(y.data)).toEqual(Array.from(expected.data));
        }
      }
    }
  });

  for (const f32 of [false, true]) {
    fcIt.prop([convCase({ maxSize: 9, maxC: 4, maxM: 2, rounding: true }), fc.integer({ min: 1, max: 6 }), fc.integer(), fc.constantFrom<ConvActivation>('linear', 'relu', 'relu6'), fc.constantFrom<ConvActivation>('linear', 'relu6')])(
      `separableConv2d equals depthwiseConv2d then pointwiseConv2d (${f32 ? 'float32' : 'float64'})`,
      (k, cout, seed, act, dwAct) => {
        const cm = k.c * k.m;
        const geometry = { strides: k.strides, dilations: k.dilations, padding: k.padding, ...(k.dimRoundingMode === undefined ? {} : { dimRoundingMode: k.dimRoundingMode }) };
        const x = t(seededData(k.batch * k.inH * k.inW * k.c, seed, f32), [k.batch, k.inH, k.inW, k.c]);
        const dw = t(seededData(k.kh * k.kw * cm, seed + 1, f32), [k.kh, k.kw, k.c, k.m]);
        const pw = t(seededData(cm * cout, seed + 2, f32), [1, 1, cm, cout]);
        const depthwiseBias = seededData(cm, seed + 3, false);
        const bias = seededData(cout, seed + 4, false);
        const y = separableConv2d(x, dw, pw, { ...geometry, depthwiseBias, depthwiseActivation: dwAct, bias, activation: act });
        // unfused in float64 (the fused block keeps the depthwise tile in float64)
        const x64 = t(Float64Array.from(x.data), x.shape);
        const mid = depthwiseConv2d(x64, dw, { ...geometry, bias: depthwiseBias, activation: dwAct });
        const expected = pointwiseConv2d(mid, pw, { bias, activation: act });
        expect(y.shape).toEqual(expected.shape);
        expect(y.data).toBeInstanceOf(f32 ? Float32Array : Float64Array);
        expectArraysClose(y.data, expected.data, convTolerance(f32, cm * (k.kh * k.kw + 1) + 1, 16));
      },
    );
  }

  fcIt.prop([convCase({ maxSize: 9, maxC: 4, maxM: 2 }), fc.integer({ min: 1, max: 5 }), fc.integer()])(
    'separableConv2d NCHW (PyTorch layouts) equals NHWC after transposition',
    (k, cout, seed) => {
      const cm = k.c * k.m;
      const geometry = { strides: k.strides, dilations: k.dilations, padding: k.padding };
      const x = seededData(k.batch * k.inH * k.inW * k.c, seed, false);
      const dwC = seededData(cm * k.kh * k.kw, seed + 1, false); // [C·M, 1, kh, kw]
      const pwC = seededData(cout * cm, seed + 2, false); // [Cout, C·M, 1, 1]
      const yc = separableConv2d(t(x, [k.batch, k.c, k.inH, k.inW]), t(dwC, [cm, 1, k.kh, k.kw]), t(pwC, [cout, cm, 1, 1]), { ...geometry, dataFormat: 'NCHW', activation: 'relu' });
      const yh = separableConv2d(
        t(toNhwc(x, k.batch, k.c, k.inH, k.inW), [k.batch, k.inH, k.inW, k.c]),
        t(oihwToHwio(dwC, cm, 1, k.kh, k.kw), [k.kh, k.kw, k.c, k.m]),
        t(oihwToHwio(pwC, cout, cm, 1, 1), [1, 1, cm, cout]),
        { ...geometry, activation: 'relu' },
      );
      const [, oh, ow] = yh.shape as [number, number, number, number];
      expect(yc.shape).toEqual([k.batch, cout, oh, ow]);
      expect(Array.from(yc.data)).toEqual(Array.from(toNchw(yh.data, k.batch, oh, ow, cout)));
    },
  );
});
