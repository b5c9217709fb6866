// Tolerances in one place (STYLE G8): derived from the dtype and the length, never literals in tests.
import { expect } from 'vitest';

/** Relative tolerance for results computed from inputs of this dtype with float64 accumulation. */
export function rtolFor(dtype: 'float32' | 'float64' | ArrayLike<number>): number {
  const isF32 = dtype === 'float32' || dtype instanceof Float32Array;
  return isF32 ? 1e-6 : 1e-12;
}

/** |actual − expected| ≤ atol + rtol·|expected|, with NaN equal to NaN and equal infinities equal. */
export function isClose(actual: number, expected: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

/** Asserts closeness with a readable message. */
export function expectClose(actual: number, expected: number, options: { rtol?: number; atol?: number } = {}): void {
  const rtol = options.rtol ?? 1e-12;
  const atol = options.atol ?? 1e-14;
  if (!isClose(actual, expected, rtol, atol)) {
    expect.fail(`expected ${actual} to be within ${atol} + ${rtol}·|x| of ${expected} (diff ${Math.abs(actual - expected)})`);
  }
}

/** Elementwise {@link expectClose} over two arrays of the same length. */
export function expectArraysClose(actual: ArrayLike<number>, expected: ArrayLike<number>, options: { rtol?: number; atol?: number } = {}): void {
  expect(actual.length).toBe(expected.length);
  const rtol = options.rtol ?? 1e-12;
  const atol = options.atol ?? 1e-14;
  for (let i = 0; i < expected.length; i++) {
    if (!isClose(actual[i]!, expected[i]!, rtol, atol)) {
      expect.fail(`index ${i}: expected ${actual[i]} to be within ${atol} + ${rtol}·|x| of ${expected[i]}`);
    }
  }
}

/** A copy of each argument, to check afterwards that a call left its inputs untouched. */
export function snapshot<T extends ArrayLike<number>>(x: T): number[] {
  return Array.from(x);
}
