import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
// Plain examples use vitest's it: @fast-check/vitest's it would rerun each of them numRuns times.
import { fc, test } from '@fast-check/vitest';
import { decodeFloat16, encodeFloat16, floatToHalf, halfToFloat } from '../../src/compress/index.js';
import { floatToHalfRef, halfValueRef } from '../support/reference/float16.js';
import { tfReady } from '../support/reference/convTfjs.js';
import { snapshot } from '../support/close.js';

const ALL = Uint16Array.from({ length: 65536 }, (_, i) => i);
const isNaNBits = (h: number): boolean => (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;

describe('halfToFloat', () => {
  it('halfToFloat(bits) of landmark patterns', () => {
    expect(halfToFloat(0x0000)).toBe(0);
    expect(Object.is(halfToFloat(0x8000), -0)).toBe(true);
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0x3555)).toBe(0.333251953125);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x03ff)).toBe(1023 * 2 ** -24);
    expect(halfToFloat(0x0400)).toBe(2 ** -14);
    expect(halfToFloat(0x7bff)).toBe(65504);
    expect(halfToFloat(0xfbff)).toBe(-65504);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0xfc00)).toBe(-Infinity);
    expect(halfToFloat(0x7c01)).toBeNaN();
    expect(halfToFloat(0xfe00)).toBeNaN();
  });

  it('halfToFloat(bits) equals the definition for all 65536 patterns', () => {
    for (let h = 0; h < 65536; h++) expect(Object.is(halfToFloat(h), halfValueRef(h)), `0x${h.toString(16)}`).toBe(true);
  });

  it('halfToFloat(bits) rejects non-numbers and patterns outside [0, 65535]', () => {
    expect(() => halfToFloat('1' as never)).toThrow(new TypeError('halfToFloat: bits must be a number (got string)'));
    expect(() => halfToFloat(65536)).toThrow(new RangeError('halfToFloat: bits must be an integer in [0, 65535] (got 65536)'));
    expect(() => halfToFloat(-1)).toThrow(RangeError);
    expect(() => halfToFloat(1.5)).toThrow(RangeError);
    expect(() => halfToFloat(NaN)).toThrow(RangeError);
  });
});

describe('decodeFloat16', () => {
  it('decodeFloat16(codes) is bit-exact with tfjs io.decodeWeights for all 65536 patterns (NaN payloads too)', async () => {
    await tfReady();
    const bytes = new Uint8Array(ALL.buffer.slice(0));
    const map = tf.io.decodeWeights(bytes.buffer, [{ name: 'h', shape: [65536], dtype: 'float32', quantization: { dtype: 'float16' } }]);
    const expected = map.h!.dataSync() as Float32Array;
    tf.dispose(map.h!);
    const actual = decodeFloat16(ALL);
    expect(Array.from(new Uint32Array(actual.buffer))).toEqual(Array.from(new Uint32Array(expected.buffer, expected.byteOffset, 65536)));
  });

  it('decodeFloat16(codes) agrees with halfToFloat and keeps the NaN payload and sign', () => {
    const out = decodeFloat16(ALL);
    const bits = new Uint32Array(out.buffer);
    for (let h = 0; h < 65536; h++) {
      if (isNaNBits(h)) {
        expect(bits[h]).toBe((((h & 0x8000) << 16) | 0x7f800000 | ((h & 0x3ff) << 13)) >>> 0);
      } else {
        expect(Object.is(out[h], halfToFloat(h))).toBe(true);
      }
    }
  });

  it('decodeFloat16(codes, out) writes out, returns it, leaves codes alone and checks out', () => {
    const codes = new Uint16Array([0x3c00, 0xc000]);
    const out = new Float32Array(3).fill(7);
    expect(decodeFloat16(codes, out)).toBe(out);
    expect(Array.from(out)).toEqual([1, -2, 7]);
    expect(snapshot(codes)).toEqual([0x3c00, 0xc000]);
    expect(decodeFloat16(new Uint16Array(0))).toEqual(new Float32Array(0));
    expect(() => decodeFloat16(codes, new Float32Array(1))).toThrow(new RangeError('decodeFloat16: out has length 1, needs 2'));
    expect(() => decodeFloat16(codes, new Float64Array(2) as never)).toThrow(new TypeError('decodeFloat16: out must be a Float32Array (got Float64Array)'));
    expect(() => decodeFloat16([1] as never)).toThrow(new TypeError('decodeFloat16: codes must be a Uint16Array (got Array)'));
    const shared = new ArrayBuffer(16);
    expect(() => decodeFloat16(new Uint16Array(shared, 0, 2), new Float32Array(shared, 0, 2))).toThrow(new RangeError('decodeFloat16: out overlaps codes'));
  });
});

describe('floatToHalf', () => {
  it('floatToHalf(x) of landmark values', () => {
    expect(floatToHalf(0)).toBe(0);
    expect(floatToHalf(-0)).toBe(0x8000);
    expect(floatToHalf(1)).toBe(0x3c00);
    expect(floatToHalf(1 / 3)).toBe(0x3555);
    expect(floatToHalf(65504)).toBe(0x7bff);
    expect(floatToHalf(65519.99)).toBe(0x7bff);
    expect(floatToHalf(65520)).toBe(0x7c00);
    expect(floatToHalf(-1e300)).toBe(0xfc00);
    expect(floatToHalf(Infinity)).toBe(0x7c00);
    expect(floatToHalf(-Infinity)).toBe(0xfc00);
    expect(floatToHalf(NaN)).toBe(0x7e00);
    expect(floatToHalf(2 ** -24)).toBe(1);
    expect(floatToHalf(2 ** -25)).toBe(0); // tie between 0 and 2^-24: even
    expect(floatToHalf(3 * 2 ** -25)).toBe(2); // tie between 1 and 2 ulps: even
    expect(floatToHalf(2 ** -25 + 2 ** -70)).toBe(1);
    expect(floatToHalf(-(2 ** -26))).toBe(0x8000);
    expect(floatToHalf(5e-324)).toBe(0);
    expect(floatToHalf(2 ** -14 - 2 ** -25)).toBe(0x0400); // rounds up out of the subnormals
    expect(floatToHalf(2049)).toBe(0x6800); // tie, even mantissa below
    expect(floatToHalf(2051)).toBe(0x6802); // tie, even mantissa above
  });

  it('floatToHalf(x) rejects non-numbers', () => {
    expect(() => floatToHalf('1' as never)).toThrow(new TypeError('floatToHalf: x must be a number (got string)'));
    expect(() => floatToHalf(null as never)).toThrow(TypeError);
  });

  it('floatToHalf(halfToFloat(h)) === h for every non-NaN pattern', () => {
    for (let h = 0; h < 65536; h++) if (!isNaNBits(h)) expect(floatToHalf(halfToFloat(h))).toBe(h);
  });

  it('floatToHalf(x) rounds every midpoint between neighbouring halves to the even one, and its neighbours to the nearer one', () => {
    for (let h = 0; h < 0x7c00; h++) {
      const lo = halfValueRef(h);
      const hi = h === 0x7bff ? 65536 : halfValueRef(h + 1);
      const mid = (lo + hi) / 2; // exact in float64
      const even = h % 2 === 0 ? h : h + 1;
      for (const s of [0, 0x8000]) {
        const sign = s ? -1 : 1;
        expect(floatToHalf(sign * mid), `mid of 0x${h.toString(16)}`).toBe(s | even);
        const eps = (hi - lo) * 2 ** -40;
        expect(floatToHalf(sign * (mid - eps))).toBe(s | h);
        expect(floatToHalf(sign * (mid + eps))).toBe(s | (h + 1));
      }
    }
  });

  it('floatToHalf(x) agrees with the reference on every half midpoint pattern of floats', () => {
    for (let h = 0; h < 0x7c00; h += 7) {
      const x = halfValueRef(h) * (1 + 2 ** -12);
      expect(floatToHalf(x)).toBe(floatToHalfRef(x));
    }
  });

  test.prop([fc.double()])('floatToHalf(x) agrees with the reference for any double', (x) => {
    expect(floatToHalf(x)).toBe(floatToHalfRef(x));
  });

  test.prop([fc.double({ min: -70000, max: 70000 })])('floatToHalf(x) agrees with the reference across the half range', (x) => {
    expect(floatToHalf(x)).toBe(floatToHalfRef(x));
  });

  test.prop([fc.float({ min: Math.fround(-1e-3), max: Math.fround(1e-3) })])('floatToHalf(x) agrees with the reference near the subnormals', (x) => {
    expect(floatToHalf(x)).toBe(floatToHalfRef(x));
  });
});

describe('encodeFloat16', () => {
  it('encodeFloat16(x, out) writes out, returns it, leaves x alone and checks out', () => {
    const x = new Float64Array([1, -2, 0.1]);
    const out = new Uint16Array(4);
    expect(encodeFloat16(x, out)).toBe(out);
    expect(Array.from(out)).toEqual([0x3c00, 0xc000, 0x2e66, 0]);
    expect(snapshot(x)).toEqual([1, -2, 0.1]);
    expect(encodeFloat16(new Float32Array(0))).toEqual(new Uint16Array(0));
    expect(() => encodeFloat16(x, new Uint16Array(2))).toThrow(new RangeError('encodeFloat16: out has length 2, needs 3'));
    expect(() => encodeFloat16(x, new Int16Array(3) as never)).toThrow(new TypeError('encodeFloat16: out must be a Uint16Array (got Int16Array)'));
    expect(() => encodeFloat16([1] as never)).toThrow(new TypeError('encodeFloat16: x must be a Float32Array or Float64Array (got Array)'));
    const shared = new ArrayBuffer(16);
    expect(() => encodeFloat16(new Float32Array(shared, 0, 2), new Uint16Array(shared, 4, 2))).toThrow(new RangeError('encodeFloat16: out overlaps x'));
  });

  it('decodeFloat16(encodeFloat16(all halves)) gives the halves back', () => {
    const values = decodeFloat16(ALL);
    const again = encodeFloat16(values);
    for (let h = 0; h < 65536; h++) expect(again[h]).toBe(isNaNBits(h) ? 0x7e00 : h);
  });

  test.prop([fc.float32Array()])('encodeFloat16(x)[i] === floatToHalf(x[i])', (x) => {
    const codes = encodeFloat16(x);
    for (let i = 0; i < x.length; i++) expect(codes[i]).toBe(floatToHalfRef(x[i]!));
  });
});
