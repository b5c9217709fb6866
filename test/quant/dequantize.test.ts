import { describe, expect, it } from 'vitest';
import { it as itFc, fc } from '@fast-check/vitest';
import { dequantize } from '../../src/quant/index.js';
import { channelOfRef, dequantizeRef } from '../support/reference/quant.js';
import { snapshot } from '../support/close.js';
import torch from '../support/fixtures/quant-torch.json' with { type: 'json' };

describe('dequantize', () => {
  it('dequantize(q, params) is (q − zp)·scale as Float32Array', () => {
    expect(dequantize(new Int8Array([-128, 0, 3, 127]), { scale: 0.5, zeroPoint: 3 })).toEqual(Float32Array.of(-65.5, -1.5, 0, 62));
    expect(dequantize(new Uint8Array([0, 255]), { scale: 2, zeroPoint: 128 })).toEqual(Float32Array.of(-256, 254));
    expect(dequantize(new Int8Array(0), { scale: 1, zeroPoint: 0 })).toEqual(new Float32Array(0));
  });

  it("dequantize agrees with torch dequantize: per tensor with ATen's float32 scale, per channel with its float64 scales (fixture)", () => {
    for (const c of torch.quantizePerTensor) {
      const q = c.dtype === 'int8' ? Int8Array.from(c.q) : Uint8Array.from(c.q);
      expect(Array.from(dequantize(q, { scale: Math.fround(c.scale), zeroPoint: c.zeroPoint }))).toEqual(c.dequantized);
    }
    for (const c of torch.quantizePerChannel) {
      const q = c.dtype === 'int8' ? Int8Array.from(c.q) : Uint8Array.from(c.q);
      const r = dequantize({ data: q, shape: c.shape }, { scale: c.scale, zeroPoint: c.zeroPoint, axis: c.axis });
      expect(r.shape).toEqual(c.shape);
      expect(Array.from(r.data)).toEqual(c.dequantized);
    }
  });

  it('dequantize of long runs (the byte-table path) equals the reference at every byte offset, per tensor and per channel', () => {
    const n = 9001;
    const buffer = new ArrayBuffer(n + 3);
    for (const signed of [true, false]) {
      for (const offset of [0, 1, 2, 3]) {
        const q = signed ? new Int8Array(buffer, offset, n) : new Uint8Array(buffer, offset, n);
        for (let i = 0; i < n; i++) q[i] = (i * 7919 + offset) % 256;
        const zp = signed ? -3 : 131;
        const got = dequantize(q, { scale: 0.0123, zeroPoint: zp, dtype: signed ? 'int8' : 'uint8' });
        expect(Array.from(got)).toEqual(dequantizeRef(q, [0.0123], [zp]));
        const shape = [1, n];
        const perChannel = dequantize({ data: q, shape }, { scale: [0.5], zeroPoint: [zp], axis: 0, dtype: signed ? 'int8' : 'uint8' });
        expect(Array.from(perChannel.data)).toEqual(dequantizeRef(q, [0.5], [zp]));
      }
    }
  });

  it('dequantize with the channel axis innermost (period channels × inner) equals the reference', () => {
    const q = Int8Array.from({ length: 60 }, (_, i) => (i * 37) % 256 - 128);
    for (const [shape, axis] of [[[5, 12], 1], [[5, 4, 3], 1], [[3, 4, 5], 2]] as const) {
      const channels = shape[axis]!;
      const scale = Array.from({ length: channels }, (_, c) => 0.1 + c / 7);
      const zeroPoint = Array.from({ length: channels }, (_, c) => c - 2);
      const got = dequantize({ data: q, shape: [...shape] }, { scale, zeroPoint, axis });
      expect(Array.from(got.data)).toEqual(dequantizeRef(q, scale, zeroPoint, channelOfRef([...shape], axis)));
    }
  });

  it('dequantize returns out as given (Float64Array accepted) and leaves q unmodified', () => {
    const q = new Int8Array([1, -1]);
    const out = new Float64Array(3);
    expect(dequantize(q, { scale: 0.1, zeroPoint: 0 }, { out })).toBe(out);
    expect(Array.from(out)).toEqual([0.1, -0.1, 0]);
    expect(snapshot(q)).toEqual([1, -1]);
  });

  it.each([
    [() => dequantize(new Int8Array(3), { scale: 1, zeroPoint: 0 }, { out: new Float32Array(2) }), RangeError, 'dequantize: out has length 2, needs 3'],
    [() => dequantize(new Int8Array(3), { scale: 1, zeroPoint: 0 }, { out: new Int32Array(3) as never }), TypeError, 'dequantize: out must be a Float32Array or Float64Array (got Int32Array)'],
    [() => dequantize(new Int8Array(3), { scale: 1, zeroPoint: 0, dtype: 'uint8' }), RangeError, "dequantize: params.dtype is 'uint8' but q is a Int8Array"],
    [() => dequantize(new Uint8Array(3), { scale: 1, zeroPoint: -1 }), RangeError, 'dequantize: params.zeroPoint must be an integer in [0, 255] (got -1)'],
    [() => dequantize(new Float32Array(3) as never, { scale: 1, zeroPoint: 0 }), TypeError, 'dequantize: q must be'],
    [() => dequantize({ data: new Int8Array(4), shape: [2, 2] }, { scale: [1], zeroPoint: 0, axis: 1 }), RangeError, 'dequantize: params.scale has 1 entries, the channel axis has 2'],
    [() => dequantize({ data: new Float32Array(4), shape: [4] } as never, { scale: 1, zeroPoint: 0 }), TypeError, 'dequantize: q.data must be an Int8Array or Uint8Array (got Float32Array)'],
    [() => dequantize(new Int8Array(1), { scale: NaN, zeroPoint: 0 }), RangeError, 'dequantize: params.scale must be finite and ≥ 0 (got NaN)'],
  ] as const)('dequantize bad input %# throws naming the argument', (call, ctor, msg) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(msg);
  });

  it('dequantize rejects an out overlapping q', () => {
    const buf = new ArrayBuffer(16);
    expect(() => dequantize(new Int8Array(buf, 0, 4), { scale: 1, zeroPoint: 0 }, { out: new Float32Array(buf, 0, 4) })).toThrow(
      new RangeError('dequantize: out overlaps q'),
    );
  });

  itFc.prop([
    fc.array(fc.integer({ min: -128, max: 127 }), { maxLength: 64 }),
    fc.double({ min: 0, max: 100, noNaN: true }),
    fc.integer({ min: -128, max: 127 }),
  ])('dequantize agrees with the float32 reference per tensor', (codes, scale, zp) => {
    const q = Int8Array.from(codes);
    expect(Array.from(dequantize(q, { scale, zeroPoint: zp }))).toEqual(dequantizeRef(q, [scale], [zp]));
  });

  itFc.prop([
    fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }).chain((shape) => {
      const n = shape.reduce((a, b) => a * b, 1);
      return fc.record({
        shape: fc.constant(shape),
        axis: fc.integer({ min: 0, max: shape.length - 1 }),
        codes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: n, maxLength: n }),
        scales: fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }),
        zps: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }),
      });
    }),
  ])('dequantize agrees with the reference per channel (uint8)', ({ shape, axis, codes, scales, zps }) => {
    const c = shape[axis]!;
    const q = Uint8Array.from(codes);
    const scale = scales.slice(0, c);
    const zeroPoint = zps.slice(0, c);
    const r = dequantize({ data: q, shape }, { scale, zeroPoint, axis });
    expect(Array.from(r.data)).toEqual(dequantizeRef(q, scale, zeroPoint, channelOfRef(shape, axis)));
  });
});
