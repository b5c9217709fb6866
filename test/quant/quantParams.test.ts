import { describe, expect, it } from 'vitest';
import { it as itFc, fc } from '@fast-check/vitest';
import { quantParams } from '../../src/quant/index.js';
import { qparamsRef } from '../support/reference/quant.js';
import torch from '../support/fixtures/quant-torch.json' with { type: 'json' };

const EPS = 2 ** -23;

describe('quantParams', () => {
  it('quantParams(-1, 3, uint8) is PyTorch MinMaxObserver(quint8)’s (4/255 as float32, 64)', () => {
    expect(quantParams(-1, 3, { dtype: 'uint8' })).toEqual({ scale: Math.fround(4 / 255), zeroPoint: 64, dtype: 'uint8', qmin: 0, qmax: 255 });
  });

  it('quantParams(min, max) widens the range to contain 0 (min > 0 and max < 0)', () => {
    expect(quantParams(0.5, 3, { dtype: 'uint8' }).zeroPoint).toBe(0);
    expect(quantParams(-3, -0.25, { dtype: 'uint8' }).zeroPoint).toBe(255);
    expect(quantParams(2, 2).scale).toBe(Math.fround(2 / 255));
  });

  it('quantParams symmetric narrow gives TFLite weights: scale max|w|/127, zero point 0, [-127, 127]', () => {
    const p = quantParams(-0.5, 1.27, { symmetric: true, narrowRange: true });
    expect(p).toEqual({ scale: Math.fround(Math.fround(1.27) / 127), zeroPoint: 0, dtype: 'int8', qmin: -127, qmax: 127 });
  });

  it('quantParams all-zero range: scale eps (PyTorch) by default, 0 with eps: 0 (TFLite)', () => {
    expect(quantParams(0, 0).scale).toBe(Math.fround(EPS));
    expect(quantParams(0, 0, { symmetric: true, eps: 0 }).scale).toBe(0);
    expect(quantParams(0, 0, { dtype: 'uint8', eps: 0 })).toEqual({ scale: 0, zeroPoint: 0, dtype: 'uint8', qmin: 0, qmax: 255 });
  });

  it('quantParams reduceRange halves the range; symmetric uint8 has zero point 128', () => {
    expect(quantParams(-1, 1, { reduceRange: true })).toMatchObject({ qmin: -64, qmax: 63 });
    expect(quantParams(-1, 1, { dtype: 'uint8', reduceRange: true })).toMatchObject({ qmin: 0, qmax: 127 });
    expect(quantParams(-1, 1, { dtype: 'uint8', symmetric: true }).zeroPoint).toBe(128);
  });

  it('quantParams per-channel arrays give Float64Array scales, Int32Array zero points and axis', () => {
    const p = quantParams([-1, 0, -2], [1, 0, 4], { symmetric: true, narrowRange: true, eps: 0, axis: 3 });
    expect(p.axis).toBe(3);
    expect(p.scale).toEqual(Float64Array.from([1 / 127, 0, 4 / 127].map(Math.fround)));
    expect(p.zeroPoint).toEqual(new Int32Array(3));
  });

  describe('agrees with torch MinMaxObserver (fixture)', () => {
    for (const c of torch.minMaxObserver) {
      it(`quantParams(${c.data}, dtype=${c.dtype}, symmetric=${c.symmetric}, reduceRange=${c.reduceRange})`, () => {
        const p = quantParams(c.min, c.max, { dtype: c.dtype as 'int8' | 'uint8', symmetric: c.symmetric, reduceRange: c.reduceRange });
        expect(p.scale).toBe(c.scale);
        expect(p.zeroPoint).toBe(c.zeroPoint);
      });
    }
    for (const c of torch.perChannelObserver) {
      it(`quantParams per-channel axis=${c.axis} symmetric=${c.symmetric} (an all-zero channel)`, () => {
        const p = quantParams(c.min, c.max, { symmetric: c.symmetric, axis: c.axis });
        expect(Array.from(p.scale as Float64Array)).toEqual(c.scale);
        expect(Array.from(p.zeroPoint as Int32Array)).toEqual(c.zeroPoint);
      });
    }
  });

  it.each([
    [() => quantParams(NaN, 1), RangeError, 'quantParams: min must be finite (got NaN)'],
    [() => quantParams(0, Infinity), RangeError, 'quantParams: max must be finite (got Infinity)'],
    [() => quantParams(2, 1), RangeError, 'quantParams: min must be ≤ max (got 2 > 1)'],
    [() => quantParams([1, 2], [3]), RangeError, 'quantParams: min and max differ in length (2 vs 1)'],
    [() => quantParams([3], [2]), RangeError, 'quantParams: min[0] must be ≤ max[0] (got 3 > 2)'],
    [() => quantParams(0, 1, { dtype: 'int4' as 'int8' }), RangeError, "quantParams: dtype must be one of 'int8', 'uint8' (got int4)"],
    [() => quantParams(0, 1, { eps: -1 }), RangeError, 'quantParams: eps must be finite and ≥ 0 (got -1)'],
    [() => quantParams(0, 1, { axis: 0 }), RangeError, 'quantParams: axis applies to per-channel min/max arrays only'],
    [() => quantParams(0, 1, { dtype: 'uint8', symmetric: true, reduceRange: true }), RangeError, 'quantParams: reduceRange with symmetric uint8 is not supported (as PyTorch)'],
    [() => quantParams('0' as unknown as number, 1), TypeError, 'quantParams: min must be'],
    [() => quantParams(0, 1, 5 as never), TypeError, 'quantParams: options must be an object (got number)'],
    [() => quantParams(0, 1, { symmetric: 1 as unknown as boolean }), TypeError, 'quantParams: symmetric must be a boolean (got number)'],
  ] as const)('quantParams bad input %# throws naming the argument', (call, ctor, msg) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(msg);
  });

  it('quantParams leaves min/max arrays unmodified', () => {
    const lo = new Float32Array([-1, -2]);
    const hi = new Float32Array([1, 2]);
    quantParams(lo, hi);
    expect(Array.from(lo)).toEqual([-1, -2]);
    expect(Array.from(hi)).toEqual([1, 2]);
  });

  const scheme = fc.record({
    dtype: fc.constantFrom<'int8' | 'uint8'>('int8', 'uint8'),
    symmetric: fc.boolean(),
    narrowRange: fc.boolean(),
    reduceRange: fc.boolean(),
  }).filter((s) => !(s.symmetric && s.reduceRange && s.dtype === 'uint8'));
  const bound = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(0), fc.double({ min: -1e-30, max: 1e-30, noNaN: true }));

  itFc.prop([bound, bound, scheme])('quantParams(min, max) agrees with the float32 PyTorch reference', (a, b, s) => {
    const [min, max] = a <= b ? [a, b] : [b, a];
    const p = quantParams(min, max, { ...s });
    let qmin = s.dtype === 'int8' ? -128 : 0;
    let qmax = s.dtype === 'int8' ? 127 : 255;
    if (s.reduceRange) [qmin, qmax] = s.dtype === 'int8' ? [-64, 63] : [0, 127];
    if (s.narrowRange) qmin += 1;
    expect(p).toMatchObject({ qmin, qmax, dtype: s.dtype });
    const ref = qparamsRef(min, max, { dtype: s.dtype, symmetric: s.symmetric, qmin, qmax, eps: EPS });
    expect(p.scale).toBe(ref.scale);
    expect(p.zeroPoint).toBe(ref.zeroPoint);
  });

  itFc.prop([bound, bound, scheme])('quantParams(min, max): real 0 is exactly a code, and the code range covers [min, max] up to float32 rounding', (a, b, s) => {
    const [min, max] = a <= b ? [a, b] : [b, a];
    const p = quantParams(min, max, { ...s });
    const scale = p.scale as number;
    const zp = p.zeroPoint as number;
    expect(zp).toBeGreaterThanOrEqual(p.qmin!);
    expect(zp).toBeLessThanOrEqual(p.qmax!);
    expect(scale).toBeGreaterThan(0);
    const tol = 1e-5 * Math.max(Math.abs(min), Math.abs(max)) + 2 * scale;
    if (!s.symmetric || s.dtype === 'int8') {
      expect((p.qmax! - zp) * scale).toBeGreaterThanOrEqual(Math.max(max, 0) - tol);
      expect((p.qmin! - zp) * scale).toBeLessThanOrEqual(Math.min(min, 0) + tol);
    }
  });
});
