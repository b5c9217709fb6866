import { describe, expect, it } from 'vitest';
import { it as itFc, fc } from '@fast-check/vitest';
import { multiplyByQuantizedMultiplier, quantizeMultiplier } from '../../src/quant/index.js';
import { roundingDivideByPOT, saturatingRoundingDoublingHighMul } from '../../src/quant/multiplyByQuantizedMultiplier.js';
import { mbqmRef, rdbpotRef, srdhmRef } from '../support/reference/quant.js';
import { int32Arb } from '../support/arbitraries/quant.js';
import { snapshot } from '../support/close.js';

const MIN = -2147483648;
const MAX = 2147483647;

describe('multiplyByQuantizedMultiplier', () => {
  it('SaturatingRoundingDoublingHighMul edge values (gemmlowp)', () => {
    expect(saturatingRoundingDoublingHighMul(MIN, MIN)).toBe(MAX);
    expect(saturatingRoundingDoublingHighMul(MIN, MAX)).toBe(-MAX);
    expect(saturatingRoundingDoublingHighMul(MAX, MAX)).toBe(MAX - 1);
    // ties go toward +∞: the negative nudge is 1 − 2^30, then C truncation
    expect(saturatingRoundingDoublingHighMul(1, 1 << 30)).toBe(1); // +0.5 → 1
    expect(saturatingRoundingDoublingHighMul(-1, 1 << 30)).toBe(0); // −0.5 → 0
    expect(saturatingRoundingDoublingHighMul(-3, 1 << 30)).toBe(-1); // −1.5 → −1
    expect(saturatingRoundingDoublingHighMul(0, MIN)).toBe(0);
  });

  it('RoundingDivideByPOT rounds half away from zero', () => {
    expect([5, -5, 6, -6, 7, -7].map((x) => roundingDivideByPOT(x, 1))).toEqual([3, -3, 3, -3, 4, -4]);
    expect(roundingDivideByPOT(MIN, 31)).toBe(-1);
    expect(roundingDivideByPOT(MAX, 31)).toBe(1);
    expect(roundingDivideByPOT(-7, 0)).toBe(-7);
  });

  it('multiplyByQuantizedMultiplier of a typical requantization', () => {
    const { multiplier, shift } = quantizeMultiplier(0.0023);
    expect(multiplyByQuantizedMultiplier(10000, multiplier, shift)).toBe(23);
    expect(multiplyByQuantizedMultiplier(new Int32Array([217, -217]), 1 << 30, -3)).toEqual(Int32Array.of(14, -14));
    expect(multiplyByQuantizedMultiplier(3, 1 << 30, 2)).toBe(6); // 3·0.5·4
  });

  it('multiplyByQuantizedMultiplier per channel uses channel i mod C; out is returned; acc unmodified', () => {
    const acc = new Int32Array([100, 100, 100, -100, -100, -100]);
    const out = new Int32Array(6);
    const r = multiplyByQuantizedMultiplier(acc, Int32Array.of(1 << 30, 1 << 30, 0), Int32Array.of(0, -1, 0), { out });
    expect(r).toBe(out);
    expect(Array.from(out)).toEqual([50, 25, 0, -50, -25, 0]);
    expect(snapshot(acc)).toEqual([100, 100, 100, -100, -100, -100]);
    expect(multiplyByQuantizedMultiplier(new Int32Array(0), 1 << 30, 0)).toEqual(new Int32Array(0));
  });

  it.each([
    [() => multiplyByQuantizedMultiplier(2 ** 31, 1, 0), RangeError, 'multiplyByQuantizedMultiplier: acc must be an integer in [-2147483648, 2147483647] (got 2147483648)'],
    [() => multiplyByQuantizedMultiplier(1, 0.5, 0), RangeError, 'multiplyByQuantizedMultiplier: multiplier must be an integer'],
    [() => multiplyByQuantizedMultiplier(1, 1, 32), RangeError, 'multiplyByQuantizedMultiplier: shift must be an integer in [-31, 31] (got 32)'],
    [() => multiplyByQuantizedMultiplier(new Int32Array(3), new Int32Array(2), 0), RangeError, 'multiplyByQuantizedMultiplier: acc length 3 is not a multiple of the 2 channels of multiplier/shift'],
    [() => multiplyByQuantizedMultiplier(new Int32Array(4), new Int32Array(2), new Int32Array(4)), RangeError, 'multiplyByQuantizedMultiplier: multiplier and shift differ in length (2 vs 4)'],
    [() => multiplyByQuantizedMultiplier(new Int32Array(2), 1, 0, { out: new Int32Array(1) }), RangeError, 'multiplyByQuantizedMultiplier: out has length 1, needs 2'],
    [() => multiplyByQuantizedMultiplier(new Int32Array(2), 1, 0, { out: new Float64Array(2) as never }), TypeError, 'multiplyByQuantizedMultiplier: out must be an Int32Array (got Float64Array)'],
    [() => multiplyByQuantizedMultiplier(new Int32Array(2), 1, Int32Array.of(40, 0)), RangeError, 'multiplyByQuantizedMultiplier: shift[0] must be an integer in [-31, 31] (got 40)'],
    [() => multiplyByQuantizedMultiplier(new Int16Array(2) as never, 1, 0), TypeError, 'multiplyByQuantizedMultiplier: acc must be'],
  ] as const)('multiplyByQuantizedMultiplier bad input %# throws naming the argument', (call, ctor, msg) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(msg);
  });

  it('multiplyByQuantizedMultiplier rejects an out overlapping acc', () => {
    const acc = new Int32Array(4);
    expect(() => multiplyByQuantizedMultiplier(acc, 1, 0, { out: acc })).toThrow(new RangeError('multiplyByQuantizedMultiplier: out overlaps acc'));
  });

  itFc.prop([int32Arb, int32Arb], { numRuns: 2000 })('SaturatingRoundingDoublingHighMul equals the BigInt reference', (a, b) => {
    expect(saturatingRoundingDoublingHighMul(a, b)).toBe(srdhmRef(a, b));
  });

  itFc.prop([int32Arb, fc.integer({ min: 0, max: 31 })], { numRuns: 2000 })('RoundingDivideByPOT equals the BigInt reference', (x, e) => {
    expect(roundingDivideByPOT(x, e)).toBe(rdbpotRef(x, e));
  });

  itFc.prop([int32Arb, int32Arb, fc.integer({ min: -31, max: 31 })], { numRuns: 2000 })(
    'multiplyByQuantizedMultiplier(int32 × multiplier × shift) equals the BigInt reference',
    (x, m, s) => {
      expect(multiplyByQuantizedMultiplier(x, m, s)).toBe(mbqmRef(x, m, s));
    },
  );

  itFc.prop([fc.array(int32Arb, { maxLength: 40 }), fc.array(fc.tuple(int32Arb, fc.integer({ min: -31, max: 31 })), { minLength: 1, maxLength: 4 })])(
    'multiplyByQuantizedMultiplier on arrays equals the scalar BigInt reference per element',
    (xs, channels) => {
      const c = channels.length;
      const acc = Int32Array.from(xs.slice(0, xs.length - (xs.length % c)));
      const r = multiplyByQuantizedMultiplier(acc, Int32Array.from(channels, (t) => t[0]), Int32Array.from(channels, (t) => t[1]));
      expect(Array.from(r)).toEqual(Array.from(acc, (v, i) => mbqmRef(v, channels[i % c]![0], channels[i % c]![1])));
    },
  );
});
