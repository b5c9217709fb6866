// fast-check arbitraries for probability vectors and logits.
import { fc } from '@fast-check/vitest';

export type Dtype = 'float32' | 'float64';

/** Non-negative finite values (subnormals flushed to 0) with at least one positive entry. */
export function probVector(o: { minLength?: number; maxLength?: number; dtype?: Dtype } = {}): fc.Arbitrary<Float32Array | Float64Array> {
  const minLength = Math.max(1, o.minLength ?? 1);
  const maxLength = o.maxLength ?? 64;
  const dtypes = o.dtype === undefined ? (['float32', 'float64'] as const) : ([o.dtype] as const);
  return fc.constantFrom(...dtypes).chain((dtype) =>
    fc
      .array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true }), fc.double({ min: 1e-30, max: 1e6, noNaN: true })), { minLength, maxLength })
      .filter((a) => a.some((v) => (dtype === 'float32' ? Math.fround(v) : v) > 1e-30))
      .map((a) => (dtype === 'float32' ? Float32Array.from(a) : Float64Array.from(a))),
  );
}

/** Two vectors of one length and dtype; q strictly positive (so KL is finite). */
export function probPair(o: { maxLength?: number; dtype?: Dtype; positiveQ?: boolean } = {}): fc.Arbitrary<[Float32Array | Float64Array, Float32Array | Float64Array]> {
  return probVector(o).chain((p) => {
    const value = o.positiveQ === false ? fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })) : fc.double({ min: 1e-6, max: 1, noNaN: true });
    return fc
      .array(value, { minLength: p.length, maxLength: p.length })
      .filter((a) => a.some((v) => v > 0))
      .map((a) => [p, p instanceof Float32Array ? Float32Array.from(a) : Float64Array.from(a)] as [Float32Array | Float64Array, Float32Array | Float64Array]);
  });
}

/** Logits in [-range, range] as an [n, c] row-major Float64Array or Float32Array. */
export function logitsBatch(o: { maxRows?: number; maxClasses?: number; range?: number } = {}): fc.Arbitrary<{ data: Float32Array | Float64Array; n: number; c: number }> {
  const range = o.range ?? 20;
  return fc
    .record({ n: fc.integer({ min: 1, max: o.maxRows ?? 5 }), c: fc.integer({ min: 1, max: o.maxClasses ?? 7 }), f32: fc.boolean() })
    .chain(({ n, c, f32 }) =>
      fc.array(fc.double({ min: -range, max: range, noNaN: true }), { minLength: n * c, maxLength: n * c }).map((a) => ({
        data: f32 ? Float32Array.from(a) : Float64Array.from(a),
        n,
        c,
      })),
    );
}

/** A probability Tensor of rank 1–3 (every lane non-empty) with a valid axis. */
export function probTensor(): fc.Arbitrary<{ tensor: { data: Float32Array | Float64Array; shape: number[] }; axis: number }> {
  return fc
    .array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 })
    .chain((shape) => {
      const size = shape.reduce((a, b) => a * b, 1);
      return fc.record({
        values: fc.array(fc.double({ min: 1e-3, max: 10, noNaN: true }), { minLength: size, maxLength: size }),
        f32: fc.boolean(),
        axis: fc.integer({ min: -shape.length, max: shape.length - 1 }),
      }).map(({ values, f32, axis }) => ({ tensor: { data: f32 ? Float32Array.from(values) : Float64Array.from(values), shape }, axis }));
    });
}
