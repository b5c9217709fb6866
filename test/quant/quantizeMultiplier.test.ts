import { describe, expect, it } from 'vitest';
import { it as itFc, fc } from '@fast-check/vitest';
import { quantizeMultiplier } from '../../src/quant/index.js';
import { quantizeMultiplierRef } from '../support/reference/quant.js';

describe('quantizeMultiplier', () => {
  it('quantizeMultiplier of powers of two, zero and a typical conv multiplier', () => {
    expect(quantizeMultiplier(0)).toEqual({ multiplier: 0, shift: 0 });
    expect(quantizeMultiplier(0.5)).toEqual({ multiplier: 2 ** 30, shift: 0 });
    expect(quantizeMultiplier(1)).toEqual({ multiplier: 2 ** 30, shift: 1 });
    expect(quantizeMultiplier(0.25)).toEqual({ multiplier: 2 ** 30, shift: -1 });
    expect(quantizeMultiplier(0.0023)).toEqual({ multiplier: 1264438372, shift: -8 });
  });

  it('quantizeMultiplier: q rounding up to 2^31 is halved with shift + 1; tiny multipliers flush to (0, 0)', () => {
    const justBelowOne = 1 - 2 ** -40;
    expect(quantizeMultiplier(justBelowOne)).toEqual({ multiplier: 2 ** 30, shift: 1 });
    expect(quantizeMultiplier(2 ** -32)).toEqual({ multiplier: 2 ** 30, shift: -31 });
    expect(quantizeMultiplier(2 ** -33)).toEqual({ multiplier: 0, shift: 0 });
    expect(quantizeMultiplier(2 ** -32 * (1 - 2 ** -40))).toEqual({ multiplier: 2 ** 30, shift: -31 });
    expect(quantizeMultiplier(-justBelowOne)).toEqual({ multiplier: -(2 ** 31), shift: 0 });
  });

  it('quantizeMultiplier of an array gives Int32Arrays (per channel) and leaves the array unmodified', () => {
    const real = new Float64Array([0.5, 0.0023]);
    const r = quantizeMultiplier(real);
    expect(Array.from(real)).toEqual([0.5, 0.0023]);
    expect(quantizeMultiplier([])).toEqual({ multiplier: new Int32Array(0), shift: new Int32Array(0) });
    expect(r.multiplier).toEqual(Int32Array.of(2 ** 30, 1264438372));
    expect(r.shift).toEqual(Int32Array.of(0, -8));
  });

  it.each([
    [() => quantizeMultiplier(NaN), RangeError, 'quantizeMultiplier: real must be finite (got NaN)'],
    [() => quantizeMultiplier(2 ** 31), RangeError, 'quantizeMultiplier: real must be < 2^31 in magnitude (got 2147483648)'],
    [() => quantizeMultiplier([1, Infinity]), RangeError, 'quantizeMultiplier: real[1] must be finite (got Infinity)'],
    [() => quantizeMultiplier('1' as never), TypeError, 'quantizeMultiplier: real must be'],
  ] as const)('quantizeMultiplier bad input %# throws naming the argument', (call, ctor, msg) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(msg);
  });

  const real = fc.oneof(
    fc.double({ min: -1e9, max: 1e9, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 2 ** -36, max: 2 ** -28, noNaN: true }),
    fc.integer({ min: -40, max: 30 }).map((e) => 2 ** e),
  );

  itFc.prop([real])('quantizeMultiplier agrees with the TFLite reference', (m) => {
    expect(quantizeMultiplier(m)).toEqual(quantizeMultiplierRef(m));
  });

  itFc.prop([fc.double({ min: 2 ** -30, max: 2 ** 30, noNaN: true })])('quantizeMultiplier: multiplier·2^(shift−31) is within 2^-31 relative of real', (m) => {
    const { multiplier, shift } = quantizeMultiplier(m);
    expect(multiplier).toBeGreaterThanOrEqual(2 ** 30);
    expect(multiplier).toBeLessThan(2 ** 31);
    expect(Math.abs(multiplier * 2 ** (shift - 31) - m)).toBeLessThanOrEqual(m * 2 ** -30);
  });
});
