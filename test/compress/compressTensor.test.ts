import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { compressTensor, decompressTensor } from '../../src/compress/index.js';
import { compressRef, defaultAxisRef, errorRef } from '../support/reference/compress.js';

const shapes = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 4 });
const tensors = shapes.chain((shape) => {
  const n = shape.reduce((a, b) => a * b, 1);
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.float({ min: -4, max: 4, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(0, -0, 1e-30, 3e38, -3e38) },
  );
  return fc.record({ shape: fc.constant(shape), data: fc.float32Array({ minLength: n, maxLength: n }).chain(() => fc.array(value, { minLength: n, maxLength: n })).map((a) => Float32Array.from(a)) });
});

function bitsOf(x: Float32Array): Uint32Array {
  return new Uint32Array(x.buffer, x.byteOffset, x.length);
}

describe('compressTensor / decompressTensor', () => {
  test.prop([tensors, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 2, max: 8 }), fc.boolean()])(
    'agrees with the float64 reference pipeline, bit for bit',
    ({ shape, data }, amount, bits, perTensor) => {
      const copy = data.slice();
      const { bytes, report } = compressTensor(data, shape, { prune: { amount }, quantize: { bits, axis: perTensor ? null : undefined } as never });
      expect(data).toEqual(copy);
      const axis = perTensor ? -1 : defaultAxisRef(shape);
      const ref = compressRef(data, shape, { amount, bits, axis });
      const back = decompressTensor(bytes);
      expect(back.shape).toEqual(shape);
      expect(back.dtype).toBe('float32');
      expect(Array.from(back.data)).toEqual(ref.values);
      const err = errorRef(data, ref.values);
      expect(report.mse).toBeCloseTo(err.mse, 12);
      expect(report.maxAbsError).toBe(err.maxAbsError);
      if (Number.isFinite(err.sqnrDb)) expect(Math.abs(report.sqnrDb - err.sqnrDb)).toBeLessThan(1e-9 * Math.max(1, Math.abs(err.sqnrDb)));
      else expect(report.sqnrDb).toBe(err.sqnrDb);
      expect(report.bytes).toBe(bytes.length);
      expect(report.bitsPerWeight * data.length).toBeCloseTo(8 * bytes.length, 6);
      expect(report.axis).toBe(axis);
      expect(report.sparsity).toBeCloseTo(ref.values.filter((v) => v === 0).length / Math.max(1, data.length), 12);
    },
  );

  test.prop([tensors, fc.constantFrom('auto', 'huffman', 'zero-run', 'raw') as fc.Arbitrary<'auto' | 'huffman' | 'zero-run' | 'raw'>])(
    "quantize: 'none' keeps every bit, whatever the coding",
    ({ shape, data }, coding) => {
      const { bytes, report } = compressTensor(data, shape, { quantize: 'none', coding });
      const back = decompressTensor(bytes).data as Float32Array;
      expect(bitsOf(back)).toEqual(bitsOf(data));
      expect(report.mse).toBe(0);
      expect(report.sqnrDb).toBe(Infinity);
      expect(report.storage).toBe('float32');
    },
  );

  test.prop([tensors, fc.integer({ min: 2, max: 8 })])("calibration 'mse' never does worse than min-max (its first candidate)", ({ shape, data }, bits) => {
    const mse = compressTensor(data, shape, { quantize: { bits, calibration: 'mse' } }).report;
    const minmax = compressTensor(data, shape, { quantize: { bits } }).report;
    expect(mse.mse).toBeLessThanOrEqual(minmax.mse * (1 + 1e-9) + 1e-300);
  });

  it("calibration 'mse' clips a channel's outlier when that lowers the error", () => {
    const x = Float32Array.from({ length: 400 }, (_, i) => (i === 7 ? 3 : Math.sin(i)));
    const mse = compressTensor(x, [400], { quantize: { bits: 4, calibration: 'mse' } }).report;
    const minmax = compressTensor(x, [400], { quantize: { bits: 4 } }).report;
    expect(mse.mse).toBeLessThan(minmax.mse * 0.9);
    expect(mse.maxAbsError).toBeGreaterThan(minmax.maxAbsError);
  });

  it('keeps NaN, ±Infinity and −0 exactly without quantization', () => {
    const x = new Float32Array([NaN, Infinity, -Infinity, -0, 0, 1.5]);
    const back = decompressTensor(compressTensor(x, [6], { quantize: 'none' }).bytes).data as Float32Array;
    expect(bitsOf(back)).toEqual(bitsOf(x));
  });

  it('handles empty, scalar, all-zero and length-1 tensors', () => {
    for (const [data, shape] of [[new Float32Array(0), [0]], [new Float32Array(0), [3, 0, 2]], [new Float32Array([2.5]), []], [new Float32Array(7), [7]], [new Float32Array([-3]), [1, 1]]] as const) {
      for (const opts of [{}, { quantize: 'none' as const }, { prune: { amount: 1 } }]) {
        const back = decompressTensor(compressTensor(data, shape, opts).bytes);
        expect(back.shape).toEqual(shape);
        expect(back.data.length).toBe(data.length);
        if (!('prune' in opts)) expect(Array.from(back.data)).toEqual(Array.from(data));
        else expect(Array.from(back.data).every((v) => v === 0)).toBe(true);
      }
    }
  });

  it('reports what 8-bit quantization of a Laplace-like tensor costs and keeps', () => {
    const n = 4096;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.sin(i * 12.9898) * Math.exp(-((i % 17) / 5));
    const { report } = compressTensor(x, [64, 64]);
    expect(report.bits).toBe(8);
    expect(report.encoding).toBe('affine');
    expect(report.sqnrDb).toBeGreaterThan(35);
    expect(report.bitsPerWeight).toBeLessThan(8);
    expect(report.entropyBitsPerWeight).toBeLessThanOrEqual(report.valueBitsPerWeight + 1e-9);
    expect(report.ratio).toBeCloseTo((4 * n) / report.bytes, 12);
  });

  it('splits values and structure bits for pruned tensors', () => {
    const n = 10000;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.cos(i * 7.31) * (1 + (i % 13));
    const { report } = compressTensor(x, [100, 100], { prune: { amount: 0.9 }, quantize: { bits: 5 } });
    expect(report.sparsity).toBeGreaterThanOrEqual(0.9);
    expect(report.coding).toEqual(['zero-run']);
    expect(report.structureBitsPerWeight).toBeGreaterThan(0);
    expect(report.valueBitsPerWeight + report.structureBitsPerWeight + report.overheadBitsPerWeight).toBeCloseTo(report.bitsPerWeight, 9);
  });

  it('quantizes huge values without overflow', () => {
    const x = new Float32Array([3.4e38, -3.4e38, 1e38, 0]);
    const back = decompressTensor(compressTensor(x, [4]).bytes).data;
    expect(back[0]).toBeCloseTo(3.4e38, -33);
    expect(back[1]).toBeCloseTo(-3.4e38, -33);
    expect(Number.isFinite(back[2])).toBe(true);
  });

  it('calibrates with each method of the quant module', () => {
    const x = new Float32Array(2000);
    for (let i = 0; i < x.length; i++) x[i] = Math.tan((i / x.length - 0.5) * 3);
    for (const calibration of ['minmax', 'percentile', 'mse', 'entropy'] as const) {
      const { bytes, report } = compressTensor(x, [20, 100], { quantize: { bits: 4, calibration } });
      expect(decompressTensor(bytes).data.length).toBe(2000);
      expect(Number.isFinite(report.sqnrDb)).toBe(true);
    }
    const clipped = compressTensor(x, [2000], { quantize: { bits: 4, calibration: 'percentile', percentile: 90 } }).report;
    expect(clipped.maxAbsError).toBeGreaterThan(compressTensor(x, [2000], { quantize: { bits: 4 } }).report.maxAbsError);
  });

  it('rejects bad arguments with errors naming the function and argument', () => {
    const x = new Float32Array(4);
    expect(() => compressTensor([1, 2] as never, [2])).toThrow(TypeError);
    expect(() => compressTensor(x, 4 as never)).toThrow(/compressTensor: shape/);
    expect(() => compressTensor(x, [3])).toThrow(RangeError);
    expect(() => compressTensor(x, [-4] as never)).toThrow(RangeError);
    expect(() => compressTensor(x, [4], { quantize: { bits: 9 } })).toThrow(/quantize.bits/);
    expect(() => compressTensor(x, [4], { quantize: { bits: 1 } })).toThrow(RangeError);
    expect(() => compressTensor(x, [4], { quantize: { axis: 1 } })).toThrow(/axis 1/);
    expect(() => compressTensor(x, [4], { prune: { amount: 1.5 } })).toThrow(/prune.amount/);
    expect(() => compressTensor(x, [4], { prune: { amount: 0.5, method: 'random' as never } })).toThrow(/prune.method/);
    expect(() => compressTensor(x, [4], { coding: 'lz' as never })).toThrow(/coding/);
    expect(() => compressTensor(new Float32Array([1, NaN]), [2])).toThrow(/compressTensor: .*NaN|non-finite|finite/);
    expect(() => compressTensor(new Float32Array([1, Infinity]), [2])).toThrow(RangeError);
    expect(() => decompressTensor([1, 2] as never)).toThrow(TypeError);
  });

  it('rounds Float64Array input to float32', () => {
    const x = new Float64Array([0.1, 0.2]);
    expect(Array.from(decompressTensor(compressTensor(x, [2], { quantize: 'none' }).bytes).data)).toEqual([Math.fround(0.1), Math.fround(0.2)]);
  });
});
