// fast-check arbitraries for src/prune: weights with many ties, zeros, signed zeros and infinities.
import { fc } from '@fast-check/vitest';

/** A float value drawn from a small pool (so ties are common) or freely, incl. ±0 and ±Infinity. */
export const weightValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, -0, 1, -1, 0.5, -0.5, 2, 1e-30, -1e30) },
  { weight: 5, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity, 3.4e38, -1e-45) },
  // values sharing their top bits, so that the lower radix digits (and float64 low words) decide
  { weight: 3, arbitrary: fc.integer({ min: -40, max: 40 }).map((i) => 1 + i * 2 ** -20) },
  { weight: 3, arbitrary: fc.integer({ min: -40, max: 40 }).map((i) => -(1 + i * 2 ** -45)) },
);

/** Float32 or Float64 weights of 0..maxLength entries. */
export function weights(maxLength = 64): fc.Arbitrary<Float32Array | Float64Array> {
  return fc.tuple(fc.array(weightValue, { maxLength }), fc.boolean()).map(([v, f32]) => (f32 ? Float32Array.from(v) : Float64Array.from(v)));
}

/** Weights with a mask of the same length. */
export function weightsAndMask(maxLength = 64): fc.Arbitrary<[Float32Array | Float64Array, Uint8Array]> {
  return weights(maxLength).chain((x) =>
    fc.array(fc.integer({ min: 0, max: 1 }), { minLength: x.length, maxLength: x.length }).map((m) => [x, Uint8Array.from(m)] as [Float32Array | Float64Array, Uint8Array]),
  );
}
