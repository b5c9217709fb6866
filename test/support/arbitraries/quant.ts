// fast-check arbitraries for the quant tests.
import { fc } from '@fast-check/vitest';

/** A finite float vector of either dtype (values within ±limit, including -0 and exact small ints). */
export function floatVector(options: { maxLength?: number; limit?: number } = {}): fc.Arbitrary<Float32Array | Float64Array> {
  const limit = options.limit ?? 1e3;
  const maxLength = options.maxLength ?? 64;
  const value = fc.oneof(
    fc.double({ min: -limit, max: limit, noNaN: true }),
    fc.integer({ min: -300, max: 300 }).map((k) => k / 4), // exact ties for power-of-two scales
  );
  return fc.oneof(
    fc.array(value, { maxLength }).map((a) => Float64Array.from(a)),
    fc.array(value, { maxLength }).map((a) => Float32Array.from(a)),
  );
}

/** Per-tensor params of either dtype, scale positive (sometimes a power of two). */
export function perTensorParams(): fc.Arbitrary<{ scale: number; zeroPoint: number; dtype: 'int8' | 'uint8' }> {
  return fc.constantFrom<'int8' | 'uint8'>('int8', 'uint8').chain((dtype) =>
    fc.record({
      scale: fc.oneof(fc.double({ min: 1e-4, max: 10, noNaN: true }), fc.integer({ min: -6, max: 3 }).map((e) => 2 ** e)),
      zeroPoint: dtype === 'int8' ? fc.integer({ min: -128, max: 127 }) : fc.integer({ min: 0, max: 255 }),
      dtype: fc.constant(dtype),
    }),
  );
}

export const roundingArb = fc.constantFrom<'half-even' | 'half-away' | 'half-up'>('half-even', 'half-away', 'half-up');

/** A small float tensor with a channel axis and per-channel params for it. */
export function perChannelCase(): fc.Arbitrary<{
  shape: number[];
  axis: number;
  data: Float32Array | Float64Array;
  scale: number[];
  zeroPoint: number[];
  dtype: 'int8' | 'uint8';
}> {
  return fc
    .record({
      shape: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
      dtype: fc.constantFrom<'int8' | 'uint8'>('int8', 'uint8'),
      f32: fc.boolean(),
      seedAxis: fc.nat(),
    })
    .chain(({ shape, dtype, f32, seedAxis }) => {
      const axis = seedAxis % shape.length;
      const n = shape.reduce((a, b) => a * b, 1);
      const c = shape[axis]!;
      return fc.record({
        shape: fc.constant(shape),
        axis: fc.constant(axis),
        data: fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: n, maxLength: n }).map((a) => (f32 ? Float32Array.from(a) : Float64Array.from(a))),
        scale: fc.array(fc.oneof(fc.double({ min: 1e-3, max: 2, noNaN: true }), fc.constant(0)), { minLength: c, maxLength: c }),
        zeroPoint: fc.array(dtype === 'int8' ? fc.integer({ min: -128, max: 127 }) : fc.integer({ min: 0, max: 255 }), { minLength: c, maxLength: c }),
        dtype: fc.constant(dtype),
      });
    });
}

/** An int32 value with the edge values overrepresented. */
export const int32Arb = fc.oneof(
  fc.integer({ min: -2147483648, max: 2147483647 }),
  fc.constantFrom(-2147483648, 2147483647, 0, 1, -1, 1 << 30, -(1 << 30), 65535, 65536, -65536, -65537),
  fc.integer({ min: -70000, max: 70000 }),
);
