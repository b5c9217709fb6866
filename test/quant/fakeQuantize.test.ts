import { describe, expect, it } from 'vitest';
import { it as itFc } from '@fast-check/vitest';
import { dequantize, fakeQuantize, quantize } from '../../src/quant/index.js';
import { floatVector, perChannelCase, perTensorParams, roundingArb } from '../support/arbitraries/quant.js';
import { snapshot } from '../support/close.js';
import torch from '../support/fixtures/quant-torch.json' with { type: 'json' };

describe('fakeQuantize', () => {
  it('fakeQuantize reproduces the torch.fake_quantize_per_tensor_affine doc example', () => {
    const r = fakeQuantize(new Float64Array([0.0552, 0.973, 0.3973, -1.078]), { scale: 0.1, zeroPoint: 0, dtype: 'uint8' });
    expect(r.output).toEqual(Float64Array.of(0.1, 1, 0.4, 0));
    expect(r.mask).toEqual(Uint8Array.of(1, 1, 1, 0));
  });

  it("fakeQuantize(x, params, { arithmetic: 'pytorch' }) agrees with torch values and STE gradient mask (fixture)", () => {
    for (const c of torch.fakeQuantize) {
      const r = fakeQuantize(Float32Array.from(c.x), { scale: c.scale, zeroPoint: c.zeroPoint, qmin: c.qmin, qmax: c.qmax, dtype: c.qmax > 127 ? 'uint8' : 'int8' }, { arithmetic: 'pytorch' });
      expect(Array.from(r.output)).toEqual(c.y);
      expect(Array.from(r.mask)).toEqual(c.mask);
    }
  });

  it('fakeQuantize: ±Infinity clamp with mask 0, empty input gives empty output', () => {
    const r = fakeQuantize([Infinity, -Infinity, 0], { scale: 0.5, zeroPoint: 0 });
    expect(Array.from(r.output)).toEqual([63.5, -64, 0]);
    expect(Array.from(r.mask)).toEqual([0, 0, 1]);
    expect(fakeQuantize(new Float32Array(0), { scale: 1, zeroPoint: 0 }).output).toEqual(new Float32Array(0));
  });

  it('fakeQuantize keeps x’s float type, returns out and mask as given, leaves x unmodified', () => {
    const x = new Float32Array([0.26, -3]);
    const before = snapshot(x);
    const out = new Float32Array(2);
    const mask = new Uint8Array(2);
    const r = fakeQuantize(x, { scale: 0.5, zeroPoint: 0, qmin: -4, qmax: 4 }, { out, mask });
    expect(r.output).toBe(out);
    expect(r.mask).toBe(mask);
    expect(Array.from(out)).toEqual([0.5, -2]);
    expect(Array.from(mask)).toEqual([1, 0]);
    expect(snapshot(x)).toEqual(before);
  });

  it.each([
    [() => fakeQuantize(new Float32Array(2), { scale: 1, zeroPoint: 0 }, { out: new Float64Array(2) }), TypeError, 'fakeQuantize: out must be a Float32Array like x (got Float64Array)'],
    [() => fakeQuantize(new Float32Array(2), { scale: 1, zeroPoint: 0 }, { out: new Float32Array(1) }), RangeError, 'fakeQuantize: out has length 1, needs 2'],
    [() => fakeQuantize(new Float32Array(2), { scale: 1, zeroPoint: 0 }, { mask: new Uint8Array(1) }), RangeError, 'fakeQuantize: mask has length 1, needs 2'],
    [() => fakeQuantize(new Float32Array(2), { scale: 1, zeroPoint: 0 }, { mask: new Int8Array(2) as never }), TypeError, 'fakeQuantize: mask must be a Uint8Array (got Int8Array)'],
    [() => fakeQuantize([0, NaN], { scale: 1, zeroPoint: 0 }), RangeError, 'fakeQuantize: x[1] is NaN'],
    [() => fakeQuantize([0], { scale: 1, zeroPoint: 0 }, { arithmetic: 'bf16' as 'float32' }), RangeError, "fakeQuantize: arithmetic must be one of 'float64', 'float32', 'pytorch' (got bf16)"],
    [() => fakeQuantize(new Uint8Array(2) as never, { scale: 1, zeroPoint: 0 }), TypeError, 'fakeQuantize: x must be'],
  ] as const)('fakeQuantize bad input %# throws naming the argument', (call, ctor, msg) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(msg);
  });

  it('fakeQuantize rejects an out or a mask overlapping x', () => {
    const x = new Float32Array(4);
    expect(() => fakeQuantize(x, { scale: 1, zeroPoint: 0 }, { out: x })).toThrow(new RangeError('fakeQuantize: out overlaps x'));
    expect(() => fakeQuantize(x, { scale: 1, zeroPoint: 0 }, { mask: new Uint8Array(x.buffer) })).toThrow(new RangeError('fakeQuantize: mask overlaps x'));
  });

  itFc.prop([floatVector(), perTensorParams(), roundingArb])('fakeQuantize equals dequantize(quantize(x)) in float64, mask 1 exactly where unclamped', (x, p, rounding) => {
    const x64 = Float64Array.from(x);
    const r = fakeQuantize(x64, { ...p }, { rounding });
    const expected = dequantize(quantize(x64, { ...p }, { rounding }), { ...p }, { out: new Float64Array(x.length) });
    expect(Array.from(r.output)).toEqual(Array.from(expected));
    const [qmin, qmax] = p.dtype === 'int8' ? [-128, 127] : [0, 255];
    for (let i = 0; i < x.length; i++) {
      const v = x64[i]! / p.scale;
      const inside = v >= qmin - p.zeroPoint - 0.5 && v <= qmax - p.zeroPoint + 0.5;
      if (Math.abs(v - (qmin - p.zeroPoint - 0.5)) > 1e-9 && Math.abs(v - (qmax - p.zeroPoint + 0.5)) > 1e-9) expect(r.mask[i]).toBe(inside ? 1 : 0);
    }
  });

  itFc.prop([floatVector(), perTensorParams(), roundingArb])('fakeQuantize is idempotent', (x, p, rounding) => {
    const once = fakeQuantize(Float64Array.from(x), { ...p }, { rounding }).output;
    const twice = fakeQuantize(once, { ...p }, { rounding }).output;
    expect(Array.from(twice)).toEqual(Array.from(once));
  });

  itFc.prop([perChannelCase()])('fakeQuantize per channel equals dequantize(quantize) per channel', (c) => {
    const params = { scale: c.scale, zeroPoint: c.zeroPoint, dtype: c.dtype, axis: c.axis };
    const data = Float64Array.from(c.data);
    const r = fakeQuantize({ data, shape: c.shape }, params);
    const expected = dequantize(quantize({ data, shape: c.shape }, params), params, { out: new Float64Array(data.length) });
    expect(r.output.shape).toEqual(c.shape);
    expect(Array.from(r.output.data)).toEqual(Array.from(expected.data));
  });
});
