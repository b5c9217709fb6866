import { describe, expect, it } from 'vitest';
import { it as itFc, fc } from '@fast-check/vitest';
import { dequantize, quantize } from '../../src/quant/index.js';
import { channelOfRef, quantizeRef } from '../support/reference/quant.js';
import { floatVector, perChannelCase, perTensorParams, roundingArb } from '../support/arbitraries/quant.js';
import { snapshot } from '../support/close.js';
import torch from '../support/fixtures/quant-torch.json' with { type: 'json' };

const unit = { scale: 1, zeroPoint: 0 };
const ties = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5];

describe('quantize', () => {
  it('quantize ties 0.5/1.5/2.5 in each rounding mode (the rounding matrix)', () => {
    expect(Array.from(quantize(ties, unit) as Int8Array)).toEqual([0, 2, 2, 0, -2, -2]);
    expect(Array.from(quantize(ties, unit, { rounding: 'half-away' }) as Int8Array)).toEqual([1, 2, 3, -1, -2, -3]);
    expect(Array.from(quantize(ties, unit, { rounding: 'half-up' }) as Int8Array)).toEqual([1, 2, 3, 0, -1, -2]);
  });

  it('quantize saturates at -128/127 (int8), 0/255 (uint8) and at qmin/qmax, ±Infinity included', () => {
    const x = [127.5, 128, -128.5, -129, Infinity, -Infinity, 1e300];
    expect(Array.from(quantize(x, unit) as Int8Array)).toEqual([127, 127, -128, -128, 127, -128, 127]);
    expect(Array.from(quantize(x, { scale: 1, zeroPoint: 0, dtype: 'uint8' }) as Uint8Array)).toEqual([128, 128, 0, 0, 255, 0, 255]);
    expect(Array.from(quantize(x, { scale: 1, zeroPoint: 0, qmin: -127, qmax: 127 }) as Int8Array)).toEqual([127, 127, -127, -127, 127, -127, 127]);
  });

  it('quantize returns Int8Array for int8 and Uint8Array for uint8, empty and length-1 inputs included', () => {
    expect(quantize(new Float32Array(0), unit)).toEqual(new Int8Array(0));
    expect(quantize(new Float64Array([3]), { scale: 2, zeroPoint: 10, dtype: 'uint8' })).toEqual(Uint8Array.of(12));
    expect(quantize(new Float64Array([0, -0]), { scale: 0.1, zeroPoint: -5 })).toEqual(Int8Array.of(-5, -5));
  });

  it('quantize arithmetic modes differ only at float32 near-ties: 0.05f/0.02f', () => {
    const x = new Float32Array([0.05, -0.05]);
    const p = { scale: 0.02, zeroPoint: 0 };
    expect(quantize(x, p)).toEqual(Int8Array.of(3, -3));
    expect(quantize(x, p, { arithmetic: 'float32' })).toEqual(Int8Array.of(2, -2));
    expect(quantize(x, p, { arithmetic: 'pytorch' })).toEqual(Int8Array.of(2, -2));
  });

  it('quantize with a zero scale (TFLite all-zero channel) gives the zero point', () => {
    expect(quantize([1, -5, 0], { scale: 0, zeroPoint: 3 })).toEqual(Int8Array.of(3, 3, 3));
  });

  it("quantize(x, params, { arithmetic: 'pytorch' }) agrees with torch.quantize_per_tensor bit for bit (fixture, ties included)", () => {
    for (const c of torch.quantizePerTensor) {
      const q = quantize(Float32Array.from(c.x), { scale: c.scale, zeroPoint: c.zeroPoint, dtype: c.dtype as 'int8' | 'uint8' }, { arithmetic: 'pytorch' });
      expect(Array.from(q)).toEqual(c.q);
    }
    expect(Array.from(quantize(Float32Array.from(torch.ties.x), unit))).toEqual(torch.ties.q);
  });

  it("quantize(x, params, { arithmetic: 'pytorch' }) agrees with torch.quantize_per_channel (fixture, axes 0..3)", () => {
    for (const c of torch.quantizePerChannel) {
      const params = { scale: c.scale, zeroPoint: c.zeroPoint, dtype: c.dtype as 'int8' | 'uint8', axis: c.axis };
      const r = quantize({ data: Float32Array.from(c.x), shape: c.shape }, params, { arithmetic: 'pytorch' });
      expect(r.shape).toEqual(c.shape);
      expect(Array.from(r.data)).toEqual(c.q);
    }
  });

  it('quantize(Tensor) with per-tensor params and negative axis', () => {
    const t = { data: new Float32Array([1, 2, 3, 4, 5, 6]), shape: [3, 2] };
    expect(quantize(t, { scale: 0.5, zeroPoint: 0 }).data).toEqual(Int8Array.of(2, 4, 6, 8, 10, 12));
    expect(quantize(t, { scale: [1, 0.5], zeroPoint: [0, 1], axis: -1 }).data).toEqual(Int8Array.of(1, 5, 3, 9, 5, 13));
  });

  it('quantize(Tensor) with a longer out returns a view of out that matches the shape', () => {
    const out = new Int8Array(6);
    const r = quantize({ data: new Float32Array([1, 2, 3, 4]), shape: [2, 2] }, { scale: 1, zeroPoint: 0 }, { out });
    expect(r.data.buffer).toBe(out.buffer);
    expect(Array.from(r.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(out)).toEqual([1, 2, 3, 4, 0, 0]);
  });

  it('quantize returns out as given and leaves x unmodified', () => {
    const x = new Float32Array([0.3, -1.7, 2.5]);
    const before = snapshot(x);
    const out = new Int8Array(5);
    expect(quantize(x, unit, { out })).toBe(out);
    expect(Array.from(out)).toEqual([0, -2, 2, 0, 0]);
    expect(snapshot(x)).toEqual(before);
  });

  it('quantize names the first NaN per tensor and per channel, for each float and code type', () => {
    for (const F of [Float32Array, Float64Array]) {
      const x = new F(40).fill(0.25);
      x[17] = NaN;
      x[23] = NaN;
      for (const dtype of ['int8', 'uint8'] as const) {
        expect(() => quantize(x, { scale: 0.1, zeroPoint: 3, dtype })).toThrow('quantize: x[17] is NaN');
        for (const shape of [[10, 4], [5, 8], [4, 5, 2]]) {
          const channels = shape[1]!;
          const params = { scale: new Array(channels).fill(0.1), zeroPoint: new Array(channels).fill(3), dtype, axis: 1 };
          expect(() => quantize({ data: x, shape }, params)).toThrow('quantize: x[17] is NaN');
        }
      }
    }
  });

  it.each([
    [() => quantize(new Float32Array(3), unit, { out: new Int8Array(2) }), RangeError, 'quantize: out has length 2, needs 3'],
    [() => quantize(new Float32Array(3), unit, { out: new Uint8Array(3) }), TypeError, "quantize: out must be a Int8Array for dtype 'int8' (got Uint8Array)"],
    [() => quantize([NaN], unit), RangeError, 'quantize: x[0] is NaN'],
    [() => quantize(new Float64Array([1, NaN]), { scale: [1], zeroPoint: 0, axis: 0 }), RangeError, 'quantize: params.axis needs a Tensor input (per-channel)'],
    [() => quantize([1], { scale: -1, zeroPoint: 0 }), RangeError, 'quantize: params.scale must be finite and ≥ 0 (got -1)'],
    [() => quantize([1], { scale: 1, zeroPoint: 128 }), RangeError, 'quantize: params.zeroPoint must be an integer in [-128, 127] (got 128)'],
    [() => quantize([1], { scale: 1, zeroPoint: 0.5 }), RangeError, 'quantize: params.zeroPoint must be an integer'],
    [() => quantize([1], { scale: 1, zeroPoint: 0, dtype: 'int16' as 'int8' }), RangeError, "quantize: params.dtype must be one of 'int8', 'uint8' (got int16)"],
    [() => quantize([1], { scale: 1, zeroPoint: 0, qmin: 5, qmax: 4 }), RangeError, 'quantize: params.qmin must be ≤ params.qmax (got 5 > 4)'],
    [() => quantize([1], { scale: [1, 2], zeroPoint: 0 }), TypeError, 'quantize: params.scale must be a number (got Array)'],
    [() => quantize([1], { zeroPoint: 0 } as never), TypeError, 'quantize: params.scale must be a number (got undefined)'],
    [() => quantize([1], unit, { rounding: 'nearest' as 'half-up' }), RangeError, "quantize: rounding must be one of 'half-even', 'half-away', 'half-up' (got nearest)"],
    [() => quantize({ data: new Float32Array(4), shape: [2, 2] }, { scale: [1, 1, 1], zeroPoint: 0, axis: 0 }), RangeError, 'quantize: params.scale has 3 entries, the channel axis has 2'],
    [() => quantize({ data: new Float32Array(4), shape: [2, 2] }, { scale: [1, 1], zeroPoint: 0, axis: 2 }), RangeError, 'quantize: params.axis must be an integer in [-2, 1] (got 2)'],
    [() => quantize({ data: new Float32Array(4), shape: [3, 2] }, unit), RangeError, 'quantize: x.shape [3, 2] needs 6 elements, data has 4'],
    [() => quantize({ data: new Int8Array(4), shape: [4] } as never, unit), TypeError, 'quantize: x.data must be a Float32Array or Float64Array (got Int8Array)'],
    [() => quantize(new Int8Array(2) as never, unit), TypeError, 'quantize: x must be'],
    [() => quantize(new Float32Array(2), 3 as never), TypeError, 'quantize: params must be'],
    [() => quantize(new Float32Array(2), unit, 'x' as never), TypeError, 'quantize: options must be an object (got string)'],
  ] as const)('quantize bad input %# throws naming the argument', (call, ctor, msg) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(msg);
  });

  it('quantize rejects an out overlapping x', () => {
    const buf = new ArrayBuffer(16);
    const x = new Float32Array(buf, 0, 4);
    expect(() => quantize(x, unit, { out: new Int8Array(buf, 4, 4) })).toThrow(new RangeError('quantize: out overlaps x'));
  });

  itFc.prop([floatVector(), perTensorParams(), roundingArb])('quantize agrees with the reference per tensor', (x, p, rounding) => {
    const [qmin, qmax] = p.dtype === 'int8' ? [-128, 127] : [0, 255];
    const expected = quantizeRef(x, [p.scale], [p.zeroPoint], qmin, qmax, rounding);
    expect(Array.from(quantize(x, { ...p }, { rounding }))).toEqual(expected);
  });

  itFc.prop([floatVector(), perTensorParams(), roundingArb, fc.constantFrom<'float32' | 'pytorch'>('float32', 'pytorch')])(
    'quantize with float32 arithmetic agrees with the reference on float32 quotients', (x, p, rounding, arithmetic) => {
      const [qmin, qmax] = p.dtype === 'int8' ? [-128, 127] : [0, 255];
      const s32 = Math.fround(p.scale);
      const inv = Math.fround(1 / s32);
      const v = Array.from(x, (xi) => (arithmetic === 'pytorch' ? Math.fround(xi * inv) : Math.fround(xi / s32)));
      const expected = quantizeRef(v, [1], [p.zeroPoint], qmin, qmax, rounding);
      expect(Array.from(quantize(x, { ...p }, { rounding, arithmetic }))).toEqual(expected);
    },
  );

  itFc.prop([perChannelCase(), roundingArb])('quantize agrees with the reference per channel', (c, rounding) => {
    const [qmin, qmax] = c.dtype === 'int8' ? [-128, 127] : [0, 255];
    const expected = quantizeRef(c.data, c.scale, c.zeroPoint, qmin, qmax, rounding, channelOfRef(c.shape, c.axis));
    const r = quantize({ data: c.data, shape: c.shape }, { scale: c.scale, zeroPoint: c.zeroPoint, dtype: c.dtype, axis: c.axis }, { rounding });
    expect(Array.from(r.data)).toEqual(expected);
  });

  itFc.prop([floatVector({ limit: 200 }), perTensorParams(), roundingArb])('|dequantize(quantize(x)) − x| ≤ scale/2 inside the range', (x, p, rounding) => {
    const q = quantize(x, { ...p }, { rounding });
    const back = dequantize(q, { ...p }, { out: new Float64Array(x.length) });
    const [qmin, qmax] = p.dtype === 'int8' ? [-128, 127] : [0, 255];
    for (let i = 0; i < x.length; i++) {
      const lo = (qmin - p.zeroPoint) * p.scale;
      const hi = (qmax - p.zeroPoint) * p.scale;
      if (x[i]! >= lo && x[i]! <= hi) expect(Math.abs(back[i]! - x[i]!)).toBeLessThanOrEqual(p.scale / 2 * (1 + 1e-12));
    }
  });

  itFc.prop([floatVector(), perTensorParams(), roundingArb])('quantize is monotonic', (x, p, rounding) => {
    const sorted = Float64Array.from(x).sort();
    const q = quantize(sorted, { ...p }, { rounding });
    for (let i = 1; i < q.length; i++) expect(q[i]!).toBeGreaterThanOrEqual(q[i - 1]!);
  });
});

describe('quantize with objects without a prototype', () => {
  it('quantize accepts params and options made by Object.create(null) (e.g. fast-check records)', () => {
    const params = Object.assign(Object.create(null) as object, { scale: 1, zeroPoint: 0 }) as { scale: number; zeroPoint: number };
    const options = Object.assign(Object.create(null) as object, { rounding: 'half-away' }) as { rounding: 'half-away' };
    expect(Array.from(quantize([2.5], params, options))).toEqual([3]);
  });
});
