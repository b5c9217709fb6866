// fast-check arbitraries for frugal/coding.
import { fc } from '@fast-check/vitest';

/** Integer frequencies, some zero, of an alphabet of up to maxLength symbols. */
export function frequencies(options: { minLength?: number; maxLength?: number; max?: number } = {}): fc.Arbitrary<number[]> {
  const max = options.max ?? 1000;
  return fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max }), fc.integer({ min: 1, max: 3 })), {
    minLength: options.minLength ?? 0,
    maxLength: options.maxLength ?? 40,
  });
}

/** Frequencies with at least `minUsed` nonzero entries. */
export function usedFrequencies(minUsed: number, maxLength = 40, max = 1000): fc.Arbitrary<number[]> {
  return frequencies({ minLength: minUsed, maxLength, max }).filter((f) => f.filter((x) => x > 0).length >= minUsed);
}

/** Symbol arrays of every coded dtype, with skew options (few distinct values, many zeros). */
export type AnySymbols = Uint8Array | Int8Array | Uint16Array | Int16Array;

export function symbolArrays(maxLength = 300): fc.Arbitrary<AnySymbols> {
  const values = (bits: 8 | 16, signed: boolean): fc.Arbitrary<number> => {
    const min = signed ? -(2 ** (bits - 1)) : 0;
    const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) },
      { weight: 2, arbitrary: fc.integer({ min: -3, max: 3 }).map((v) => (signed ? v : Math.abs(v))) },
      { weight: 1, arbitrary: fc.integer({ min, max }) },
    );
  };
  const arr = (bits: 8 | 16, signed: boolean) => fc.array(values(bits, signed), { maxLength });
  return fc.oneof(
    arr(8, false).map((a) => Uint8Array.from(a)),
    arr(8, true).map((a) => Int8Array.from(a)),
    arr(16, false).map((a) => Uint16Array.from(a)),
    arr(16, true).map((a) => Int16Array.from(a)),
  );
}
