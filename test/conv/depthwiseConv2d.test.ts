import { beforeAll, describe, expect, it } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { convInfo, depthwiseConv2d } from '../../src/conv/index.js';
import type { ConvActivation } from '../../src/conv/index.js';
import { convCase, seededData } from '../support/arbitraries/conv.js';
import type { ConvCase } from '../support/arbitraries/conv.js';
import { conv2dRef, convTolerance, oihwToHwio, toNchw, toNhwc } from '../support/reference/conv.js';
import { tfDepthwise, tfReady } from '../support/reference/convTfjs.js';
import { expectArraysClose, snapshot } from '../support/close.js';

const t = <T extends Float32Array | Float64Array>(data: T, shape: number[]) => ({ data, shape });

/** Runs the reference for an NHWC depthwise case. */
function refOf(k: ConvCase, x: ArrayLike<number>, w: ArrayLike<number>, bias?: ArrayLike<number>, act?: ConvActivation): Float64Array {
  const info = convInfo([k.batch, k.inH, k.inW, k.c], [k.kh, k.kw, k.c, k.m], optsOf(k, true));
  return conv2dRef(
    { batch: k.batch, inH: k.inH, inW: k.inW, inC: k.c, outH: info.outHeight, outW: info.outWidth, outC: k.c * k.m, kh: k.kh, kw: k.kw, groups: k.c, strides: k.strides, dilations: k.dilations, padTop: info.padTop, padLeft: info.padLeft },
    x, w, bias, act,
  );
}

function optsOf(k: ConvCase, depthwise = false) {
  return {
    ...(depthwise ? { depthwise: true } : {}),
    strides: k.strides,
    dilations: k.dilations,
    padding: k.padding,
    ...(k.dimRoundingMode === undefined ? {} : { dimRoundingMode: k.dimRoundingMode }),
  };
}

describe('depthwiseConv2d', () => {
  beforeAll(tfReady);

  it('depthwiseConv2d(4×4 of 1..16, 3×3 ones, stride 2, same) is [54, 45, 72, 54] (tfjs, ANCHORS §3.2)', () => {
    const x = t(Float64Array.from({ length: 16 }, (_, i) => i + 1), [1, 4, 4, 1]);
    const w = t(new Float64Array(9).fill(1), [3, 3, 1, 1]);
    const y = depthwiseConv2d(x, w, { strides: 2, padding: 'same' });
    expect(y.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(y.data)).toEqual([54, 45, 72, 54]);
  });

  it('depthwiseConv2d orders output channels c·M + q (x = [1, 10], filter [1, 1, 2, 2] = [1, 2, 3, 4])', () => {
    const y = depthwiseConv2d(t(new Float32Array([1, 10]), [1, 1, 1, 2]), t(new Float32Array([1, 2, 3, 4]), [1, 1, 2, 2]));
    expect(y.data).toBeInstanceOf(Float32Array);
    expect(Array.from(y.data)).toEqual([1, 2, 30, 40]);
    expect(y.shape).toEqual([1, 1, 1, 4]);
  });

  it('depthwiseConv2d NCHW orders output planes c·M + q the same way', () => {
    const y = depthwiseConv2d(t(new Float64Array([1, 10]), [1, 2, 1, 1]), t(new Float64Array([1, 2, 3, 4]), [4, 1, 1, 1]), { dataFormat: 'NCHW' });
    expect(Array.from(y.data)).toEqual([1, 2, 30, 40]);
    expect(y.shape).toEqual([1, 4, 1, 1]);
  });

  it('depthwiseConv2d takes rank-3 input as one image and returns rank 3', () => {
    const y = depthwiseConv2d(t(new Float64Array([1, 2, 3, 4]), [2, 2, 1]), t(new Float64Array([1, 1, 1, 1]), [2, 2, 1, 1]));
    expect(y.shape).toEqual([1, 1, 1]);
    expect(Array.from(y.data)).toEqual([10]);
  });

  it('depthwiseConv2d: a float64 filter on float32 input gives float32, rounded once from the float64 sum', () => {
    const x = t(new Float32Array([0.1, 0.2]), [1, 1, 2, 1]);
    const w = t(new Float64Array([1 / 3, 1 / 3]), [1, 2, 1, 1]);
    const y = depthwiseConv2d(x, w);
    expect(y.data).toBeInstanceOf(Float32Array);
    expect(y.data[0]).toBe(Math.fround(0 + Math.fround(0.1) * (1 / 3) + Math.fround(0.2) * (1 / 3)));
  });

  it('depthwiseConv2d fuses bias and relu6', () => {
    const x = t(new Float64Array([-1, 2, 5, 9]), [1, 2, 2, 1]);
    const w = t(new Float64Array([1]), [1, 1, 1, 1]);
    expect(Array.from(depthwiseConv2d(x, w, { bias: new Float64Array([0.5]), activation: 'relu6' }).data)).toEqual([0, 2.5, 5.5, 6]);
    expect(Array.from(depthwiseConv2d(x, w, { bias: [0.5], activation: 'relu' }).data)).toEqual([0, 2.5, 5.5, 9.5]);
  });

  it('depthwiseConv2d 3×3, M = 1 (the sliding interior loops): every stride 1–3, padding and width 3–12 against the reference', () => {
    for (const s of [1, 2, 3]) {
      for (const padding of ['same', 'valid', 1, [0, 2, 2, 0]] as const) {
        for (let width = 3; width <= 12; width++) {
          const k: ConvCase = { batch: 1, inH: 5, inW: width, c: 3, kh: 3, kw: 3, m: 1, groups: 1, strides: [s, s], dilations: [1, 1], padding, dimRoundingMode: undefined };
          const x = seededData(5 * width * 3, width + 10 * s, true);
          const w = seededData(27, 99, true);
          const y = depthwiseConv2d(t(x, [1, 5, width, 3]), t(w, [3, 3, 3, 1]), { strides: s, padding, activation: 'relu6', bias: [0.5, -0.5, 1] });
          expectArraysClose(y.data, refOf(k, x, w, [0.5, -0.5, 1], 'relu6'), convTolerance(true, 10));
        }
      }
    }
  });

  it('depthwiseConv2d 3×3, M = 1: every small height and width (border pixels peeled or not), row dilation 1–2, both float types', () => {
    for (const f32 of [true, false]) {
      for (const s of [1, 2]) {
        for (const padding of ['same', 'valid', 1, 2] as const) {
          for (const dh of [1, 2]) {
            for (let height = 1; height <= 6; height++) {
              for (let width = 1; width <= 7; width++) {
                const k: ConvCase = { batch: 1, inH: height, inW: width, c: 3, kh: 3, kw: 3, m: 1, groups: 1, strides: [s, s], dilations: [dh, 1], padding, dimRoundingMode: undefined };
                const effH = 2 * dh + 1;
                const pad = padding === 'valid' ? 0 : padding === 'same' ? 2 : 2 * padding;
                if (height + pad < effH || width + pad < 3) continue; // kernel larger than the padded input
                const x = seededData(height * width * 3, height * 10 + width, f32);
                const w = seededData(27, 7, f32);
                const y = depthwiseConv2d(t(x, [1, height, width, 3]), t(w, [3, 3, 3, 1]), { strides: s, padding, dilations: [dh, 1], bias: [0.25, -0.5, 1] });
                expectArraysClose(y.data, refOf(k, x, w, [0.25, -0.5, 1]), convTolerance(f32, 10));
              }
            }
          }
        }
      }
    }
  });

  it('depthwiseConv2d 3×3, M = 1: an Infinity anywhere reaches exactly the outputs whose windows hold it (strides 1 and 2)', () => {
    for (const s of [1, 2]) {
      for (let at = 0; at < 4 * 5; at++) {
        const x = new Float32Array(4 * 5 * 2).fill(1);
        x[at * 2 + 1] = Infinity; // channel 1 only
        const y = depthwiseConv2d(t(x, [1, 4, 5, 2]), t(new Float32Array(18).fill(1), [3, 3, 2, 1]), { strides: s, padding: 'same' });
        const info = convInfo([1, 4, 5, 2], [3, 3, 2, 1], { depthwise: true, strides: s, padding: 'same' });
        const ih = Math.floor(at / 5);
        const iw = at % 5;
        for (let oh = 0; oh < info.outHeight; oh++) {
          for (let ow = 0; ow < info.outWidth; ow++) {
            const dy = ih - (oh * s - info.padTop);
            const dx = iw - (ow * s - info.padLeft);
            const hit = dy >= 0 && dy < 3 && dx >= 0 && dx < 3;
            const o = (oh * info.outWidth + ow) * 2;
            expect(Number.isFinite(y.data[o]!)).toBe(true);
            expect(y.data[o + 1]).toBe(hit ? Infinity : y.data[o]);
          }
        }
      }
    }
  });

  describe('3×3, M = 1, stride 1 or 2 on both axes (the band kernels): exact sums', () => {
    /**
     * The documented order, in float64: bias, then the taps inside the input, row by row, column by
     * column; clamped; rounded once to the output type. The kernels must match it bit for bit.
     */
    function exact(x: Float32Array | Float64Array, n: number, h: number, wd: number, c: number, w: ArrayLike<number>, s: number, padding: 'same' | 'valid' | number | number[], bias: ArrayLike<number>, lo: number, hi: number): Float32Array | Float64Array {
      const info = convInfo([n, h, wd, c], [3, 3, c, 1], { depthwise: true, strides: s, padding: padding as 'same' });
      const { outHeight: OH, outWidth: OW, padTop: pt, padLeft: pl } = info;
      const out = x instanceof Float32Array ? new Float32Array(n * OH * OW * c) : new Float64Array(n * OH * OW * c);
      for (let b = 0; b < n; b++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) for (let k = 0; k < c; k++) {
        let acc = bias[k]!;
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
          const ih = oh * s - pt + i;
          const iw = ow * s - pl + j;
          if (ih < 0 || ih >= h || iw < 0 || iw >= wd) continue;
          acc += x[((b * h + ih) * wd + iw) * c + k]! * w[(i * 3 + j) * c + k]!;
        }
        out[((b * OH + oh) * OW + ow) * c + k] = acc < lo ? lo : acc > hi ? hi : acc;
      }
      return out;
    }

    function expectSame(y: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
      expect(y.length, what).toBe(want.length);
      for (let i = 0; i < want.length; i++) {
        if (!Object.is(y[i], want[i])) expect(`${what} [${i}]: ${y[i]}`).toBe(`${what} [${i}]: ${want[i]}`);
      }
    }

    const paddings = ['same', 'valid', 1, [0, 1, 1, 0], [1, 0, 0, 1]] as const;

    /** Values whose float64 sums depend on their order (2⁵³ + 1 − 2⁵³ is 0, 2⁵³ − 2⁵³ + 1 is 1), in either float type. */
    function orderData(n: number, seed: number, f32: boolean): Float32Array | Float64Array {
      const pool = [2 ** 53, -(2 ** 53), 1, 3, 0.5, -2, 2 ** 30];
      const out = f32 ? new Float32Array(n) : new Float64Array(n);
      let st = seed >>> 0;
      for (let i = 0; i < n; i++) {
        st = (Math.imul(st, 1664525) + 1013904223) >>> 0;
        out[i] = pool[st % pool.length]!;
      }
      return out;
    }

    it('every height and width 1–9, C = 1–4 (channel pairs, an odd last channel), strides 1 and 2, same/valid/explicit padding, batch 2, both float types', () => {
      for (const f32 of [true, false]) {
        for (const s of [1, 2]) {
          for (const padding of paddings) {
            for (let c = 1; c <= 4; c++) {
              for (let h = 1; h <= 9; h++) {
                for (let wd = 1; wd <= 9; wd++) {
                  const [pt, pb, pl, pr] = typeof padding === 'number' ? [padding, padding, padding, padding] : padding === 'valid' ? [0, 0, 0, 0] : padding === 'same' ? [1, 1, 1, 1] : padding;
                  if (h + pt + pb < 3 || wd + pl + pr < 3) continue; // kernel larger than the padded input
                  const x = orderData(2 * h * wd * c, h * 100 + wd * 10 + c + s, f32);
                  if (x.length > 5) { x[3] = Infinity; x[x.length - 2] = NaN; } // reach exactly the windows that hold them
                  const w = orderData(9 * c, c + 31, true);
                  const bias = orderData(c, c + 7, false);
                  const what = `${f32 ? 'f32' : 'f64'} s${s} ${JSON.stringify(padding)} ${h}×${wd}×${c}`;
                  const y = depthwiseConv2d(t(x, [2, h, wd, c]), t(w, [3, 3, c, 1]), { strides: s, padding: padding as 'same', bias });
                  expectSame(y.data, exact(x, 2, h, wd, c, w, s, padding as 'same', bias, -Infinity, Infinity), what);
                  const y6 = depthwiseConv2d(t(x, [2, h, wd, c]), t(w, [3, 3, c, 1]), { strides: s, padding: padding as 'same', bias, activation: 'relu6' });
                  expectSame(y6.data, exact(x, 2, h, wd, c, w, s, padding as 'same', bias, 0, 6), `${what} relu6`);
                }
              }
            }
          }
        }
      }
    });

    it('wide images (several bands of rows), odd and even heights, strides 1 and 2, both float types', () => {
      for (const f32 of [true, false]) {
        for (const s of [1, 2]) {
          for (const [h, wd, c] of [[9, 150, 3], [10, 150, 2], [7, 300, 5], [12, 257, 16]] as const) {
            for (const padding of ['same', 'valid'] as const) {
              const x = orderData(h * wd * c, h + wd + c, f32);
              const w = orderData(9 * c, 3, f32);
              const bias = orderData(c, 5, f32);
              const y = depthwiseConv2d(t(x, [1, h, wd, c]), t(w, [3, 3, c, 1]), { strides: s, padding, bias, activation: 'relu6' });
              expectSame(y.data, exact(x, 1, h, wd, c, w, s, padding, bias, 0, 6), `${f32 ? 'f32' : 'f64'} s${s} ${padding} ${h}×${wd}×${c}`);
            }
          }
        }
      }
    });

    it('MobileNet shapes at reduced channel counts (7×7, 14×14, 28×28; C = 64 and 65) match exactly', () => {
      for (const [h, s] of [[7, 1], [14, 2], [14, 1], [28, 2]] as const) {
        for (const c of [64, 65]) {
          const x = orderData(h * h * c, h * c, true);
          const w = orderData(9 * c, c, true);
          const bias = new Float64Array(c);
          const y = depthwiseConv2d(t(x, [1, h, h, c]), t(w, [3, 3, c, 1]), { strides: s, padding: 'same' });
          expectSame(y.data, exact(x, 1, h, h, c, w, s, 'same', bias, -Infinity, Infinity), `${h}×${h}×${c} s${s}`);
        }
      }
    });

    it('NCHW gives exactly the NHWC result, transposed (strides 1 and 2, odd and even sizes)', () => {
      for (const s of [1, 2]) {
        for (const [h, wd, c] of [[1, 1, 2], [2, 2, 3], [3, 3, 2], [5, 6, 3], [8, 7, 4]] as const) {
          for (const f32 of [true, false]) {
            const xh = seededData(h * wd * c, h * wd + c, f32);
            const w = seededData(9 * c, 11, f32);
            const bias = seededData(c, 13, f32);
            const yh = depthwiseConv2d(t(xh, [1, h, wd, c]), t(w, [3, 3, c, 1]), { strides: s, padding: 'same', bias, activation: 'relu6' });
            const xc = toNchw(xh, 1, h, wd, c);
            const wc = new Float64Array(9 * c);
            for (let k = 0; k < c; k++) for (let tap = 0; tap < 9; tap++) wc[k * 9 + tap] = w[tap * c + k]!;
            const yc = depthwiseConv2d(t(f32 ? Float32Array.from(xc) : xc, [1, c, h, wd]), t(wc, [c, 1, 3, 3]), { strides: s, padding: 'same', bias, activation: 'relu6', dataFormat: 'NCHW' });
            const [, oh, ow] = yh.shape as [number, number, number, number];
            const want = toNchw(yh.data, 1, oh, ow, c);
            expectSame(yc.data, f32 ? Float32Array.from(want) : want, `NCHW s${s} ${h}×${wd}×${c}`);
          }
        }
      }
    });
  });

  describe('agrees with tfjs-core (cpu backend)', () => {
    const configs: Array<[string, number[], number[], [number, number], 'same' | 'valid' | number, [number, number]]> = [
      ['input=1x7x7x3,f=3x3,s=1,d=1,p=same,chMul=1', [1, 7, 7, 3], [3, 3, 3, 1], [1, 1], 'same', [1, 1]],
      ['input=2x8x9x4,f=3x3,s=2,d=1,p=same,chMul=2', [2, 8, 9, 4], [3, 3, 4, 2], [2, 2], 'same', [1, 1]],
      ['input=1x9x9x2,f=1x3,s=2,d=1,p=same,chMul=1 (tfjs#6629 shape)', [1, 9, 9, 2], [1, 3, 2, 1], [2, 2], 'same', [1, 1]],
      ['input=1x9x9x2,f=3x1,s=2,d=1,p=same,chMul=1', [1, 9, 9, 2], [3, 1, 2, 1], [2, 2], 'same', [1, 1]],
      ['input=1x13x13x3,f=3x3,s=1,d=4,p=same,chMul=1 (tfjs#5378 shape)', [1, 13, 13, 3], [3, 3, 3, 1], [1, 1], 'same', [4, 4]],
      ['input=1x6x5x2,f=2x2,s=1,d=2,p=valid,chMul=3', [1, 6, 5, 2], [2, 2, 2, 3], [1, 1], 'valid', [2, 2]],
      ['input=1x6x6x2,f=3x3,s=2,d=1,p=1,chMul=1', [1, 6, 6, 2], [3, 3, 2, 1], [2, 2], 1, [1, 1]],
    ];
    for (const [name, xShape, wShape, s, p, d] of configs) {
      it(`depthwiseConv2d ${name}`, () => {
        const x = seededData(xShape.reduce((a, b) => a * b), 1, true) as Float32Array;
        const w = seededData(wShape.reduce((a, b) => a * b), 2, true) as Float32Array;
        const expected = tfDepthwise(x, xShape, w, wShape, s, p, d);
        const y = depthwiseConv2d(t(x, xShape), t(w, wShape), { strides: s, padding: p, dilations: d });
        expectArraysClose(y.data, expected, { rtol: 1e-5, atol: 1e-5 * wShape[0]! * wShape[1]! * 4 });
      });
    }
  });

  describe('errors', () => {
    const x = t(new Float32Array(16), [1, 4, 4, 1]);
    const w = t(new Float32Array(9), [3, 3, 1, 1]);
    const bad: Array<[string, () => unknown, ErrorConstructor, string]> = [
      ['input not a Tensor', () => depthwiseConv2d(new Float32Array(4) as never, w), TypeError, 'depthwiseConv2d: input must be Tensor (got Float32Array)'],
      ['filter missing', () => (depthwiseConv2d as (a: unknown) => unknown)(x), TypeError, 'depthwiseConv2d: filter must be Tensor (got undefined)'],
      ['int data', () => depthwiseConv2d(t(new Int8Array(16) as never, [1, 4, 4, 1]), w), TypeError, 'depthwiseConv2d: input.data must be Float32Array or Float64Array (got Int8Array)'],
      ['shape/data mismatch', () => depthwiseConv2d(t(new Float32Array(15), [1, 4, 4, 1]), w), RangeError, 'depthwiseConv2d: input.shape [1, 4, 4, 1] needs 16 elements, data has 15'],
      ['filter channels', () => depthwiseConv2d(x, t(new Float32Array(18), [3, 3, 2, 1])), RangeError, 'depthwiseConv2d: filter channels 2 ≠ input channels 1 (input [1, 4, 4, 1], filter [3, 3, 2, 1], NHWC)'],
      ['kernel too large', () => depthwiseConv2d(x, t(new Float32Array(25), [5, 5, 1, 1])), RangeError, 'depthwiseConv2d: kernel 5×5 (dilated) is larger than the padded input 4×4 (input [1, 4, 4, 1], filter [5, 5, 1, 1])'],
      ['non-integer stride', () => depthwiseConv2d(x, w, { strides: 1.5 }), RangeError, 'depthwiseConv2d: strides must be positive integers (got height 1.5)'],
      ['bias length', () => depthwiseConv2d(x, w, { bias: [1, 2] }), RangeError, 'depthwiseConv2d: bias has length 2, expected 1 (one per output channel)'],
      ['bias type', () => depthwiseConv2d(x, w, { bias: 'a' as never }), TypeError, 'depthwiseConv2d: bias must be Float32Array, Float64Array or number[] (got string)'],
      ['activation', () => depthwiseConv2d(x, w, { activation: 'gelu' as never }), RangeError, "depthwiseConv2d: activation must be one of 'linear', 'relu', 'relu6' (got gelu)"],
      ['short out', () => depthwiseConv2d(x, w, { out: new Float32Array(3) }), RangeError, 'depthwiseConv2d: out has length 3, needs 4'],
      ['out of other type', () => depthwiseConv2d(x, w, { out: new Float64Array(4) as never }), TypeError, 'depthwiseConv2d: out must be a Float32Array (got Float64Array)'],
      ['out overlapping input', () => depthwiseConv2d(x, w, { out: x.data }), RangeError, 'depthwiseConv2d: out overlaps input'],
      ['options not an object', () => depthwiseConv2d(x, w, 5 as never), TypeError, 'depthwiseConv2d: options must be an object (got number)'],
      ['rank-5 input', () => depthwiseConv2d(t(new Float32Array(16), [1, 1, 4, 4, 1]), w), RangeError, 'depthwiseConv2d: input shape must have rank 3 or 4 (got [1, 1, 4, 4, 1])'],
    ];
    for (const [what, call, ctor, message] of bad) {
      it(`depthwiseConv2d rejects ${what}`, () => {
        expect(call).toThrow(new ctor(message));
        expect(call).toThrow(ctor);
      });
    }
  });

  describe('out and inputs', () => {
    it('depthwiseConv2d returns out as given (a longer out gives a view of it) and leaves inputs unmodified', () => {
      const x = t(seededData(2 * 5 * 5 * 3, 3, false) as Float64Array, [2, 5, 5, 3]);
      const w = t(seededData(3 * 3 * 3 * 2, 4, false) as Float64Array, [3, 3, 3, 2]);
      const bias = new Float64Array([1, 2, 3, 4, 5, 6]);
      const before = [snapshot(x.data), snapshot(w.data), snapshot(bias)];
      const out = new Float64Array(2 * 5 * 5 * 6);
      const y = depthwiseConv2d(x, w, { padding: 'same', bias, out });
      expect(y.data).toBe(out);
      expect([snapshot(x.data), snapshot(w.data), snapshot(bias)]).toEqual(before);
      const longer = new Float64Array(out.length + 7);
      const y2 = depthwiseConv2d(x, w, { padding: 'same', bias, out: longer });
      expect(y2.data.buffer).toBe(longer.buffer);
      expect(Array.from(y2.data)).toEqual(Array.from(out));
    });
  });

  describe('edge cases', () => {
    it('depthwiseConv2d of an empty batch or empty image is empty', () => {
      expect(depthwiseConv2d(t(new Float32Array(0), [0, 4, 4, 2]), t(new Float32Array(18), [3, 3, 2, 1])).shape).toEqual([0, 2, 2, 2]);
      const y = depthwiseConv2d(t(new Float64Array(0), [1, 0, 4, 2]), t(new Float64Array(18), [3, 3, 2, 1]), { padding: 'same' });
      expect(y.shape).toEqual([1, 0, 4, 2]);
      expect(y.data.length).toBe(0);
    });

    it('depthwiseConv2d of a 1×1 image with a 1×1 filter is a per-channel scale', () => {
      const y = depthwiseConv2d(t(new Float64Array([3, -4]), [1, 1, 1, 2]), t(new Float64Array([2, 0.5]), [1, 1, 2, 1]));
      expect(Array.from(y.data)).toEqual([6, -2]);
    });

    it('depthwiseConv2d: NaN and ±Infinity reach exactly the outputs whose windows hold them (both layouts)', () => {
      for (const bad of [NaN, Infinity, -Infinity]) {
        const xs = new Float64Array(25);
        xs[0] = bad; // top-left corner
        const w = new Float64Array(9).fill(1);
        const y = depthwiseConv2d(t(xs, [1, 5, 5, 1]), t(w, [3, 3, 1, 1]), { padding: 'same' });
        const yc = depthwiseConv2d(t(xs, [1, 1, 5, 5]), t(w, [1, 1, 3, 3]), { padding: 'same', dataFormat: 'NCHW' });
        for (const out of [y.data, yc.data]) {
          for (let i = 0; i < 25; i++) {
            const touched = Math.floor(i / 5) <= 1 && i % 5 <= 1;
            if (touched) expect(out[i]).toBe(bad);
            else expect(out[i]).toBe(0);
          }
        }
      }
    });

    it('depthwiseConv2d of zeros is the bias; huge values overflow to ±Infinity in float32 only', () => {
      const y = depthwiseConv2d(t(new Float32Array(16), [1, 4, 4, 1]), t(new Float32Array(9), [3, 3, 1, 1]), { bias: [2.5], padding: 'same' });
      expect(Array.from(y.data)).toEqual(new Array(16).fill(2.5));
      const big32 = depthwiseConv2d(t(new Float32Array([3e38, 3e38]), [1, 1, 2, 1]), t(new Float32Array([1, 1]), [1, 2, 1, 1]));
      expect(big32.data[0]).toBe(Infinity);
      const big64 = depthwiseConv2d(t(new Float64Array([3e38, 3e38]), [1, 1, 2, 1]), t(new Float64Array([1, 1]), [1, 2, 1, 1]));
      expect(big64.data[0]).toBe(6e38);
    });
  });

  describe('properties', () => {
    for (const f32 of [false, true]) {
      fcIt.prop([convCase({ maxSize: 10, maxC: 5, maxM: 3, rounding: true }), fc.integer(), fc.constantFrom<ConvActivation>('linear', 'relu', 'relu6'), fc.boolean()])(
        `depthwiseConv2d agrees with the float64 reference (${f32 ? 'float32' : 'float64'}, NHWC)`,
        (k, seed, act, withBias) => {
          const x = seededData(k.batch * k.inH * k.inW * k.c, seed, f32);
          const w = seededData(k.kh * k.kw * k.c * k.m, seed + 1, f32);
          const bias = withBias ? seededData(k.c * k.m, seed + 2, false) : undefined;
          const y = depthwiseConv2d(t(x, [k.batch, k.inH, k.inW, k.c]), t(w, [k.kh, k.kw, k.c, k.m]), { ...optsOf(k), ...(bias ? { bias } : {}), activation: act });
          expect(y.data).toBeInstanceOf(f32 ? Float32Array : Float64Array);
          expectArraysClose(y.data, refOf(k, x, w, bias, act), convTolerance(f32, k.kh * k.kw + 1));
        },
      );
    }

    fcIt.prop([convCase({ maxSize: 10, maxC: 5, maxM: 3, rounding: true }), fc.integer(), fc.boolean()])(
      'depthwiseConv2d NCHW (PyTorch layouts) equals NHWC after transposition',
      (k, seed, f32) => {
        const x = seededData(k.batch * k.inH * k.inW * k.c, seed, f32); // NCHW data
        const w = seededData(k.c * k.m * k.kh * k.kw, seed + 1, f32); // [C·M, 1, kh, kw]
        const bias = seededData(k.c * k.m, seed + 2, f32);
        const yc = depthwiseConv2d(t(x, [k.batch, k.c, k.inH, k.inW]), t(w, [k.c * k.m, 1, k.kh, k.kw]), { ...optsOf(k), bias, dataFormat: 'NCHW' });
        const xh = toNhwc(x, k.batch, k.c, k.inH, k.inW);
        const wh = oihwToHwio(w, k.c * k.m, 1, k.kh, k.kw);
        const yh = depthwiseConv2d(t(xh, [k.batch, k.inH, k.inW, k.c]), t(wh, [k.kh, k.kw, k.c, k.m]), { ...optsOf(k), bias });
        const [, oh, ow, oc] = yh.shape as [number, number, number, number];
        expect(yc.shape).toEqual([k.batch, oc, oh, ow]);
        // same summation order in both layouts: equal up to the final float32 rounding of float64 results
        expectArraysClose(yc.data, toNchw(yh.data, k.batch, oh, ow, oc), convTolerance(f32, k.kh * k.kw + 1));
      },
    );
  });
});
