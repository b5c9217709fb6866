// Plain tests use vitest's `it`: @fast-check/vitest's `it(name, fn)` runs fn once per fast-check run (100×).
import { describe, expect, it } from 'vitest';
import { it as itProp, fc } from '@fast-check/vitest';
import { canonicalCodes, huffmanCodeLengths, validateCodeLengths } from '../../src/coding/index.js';
import { canonicalCodeStringsRef, kraftRef, kraftStatusRef } from '../support/reference/coding.js';
import { frequencies } from '../support/arbitraries/coding.js';
import { snapshot } from '../support/close.js';

const bits = (codes: Uint32Array, lengths: ArrayLike<number>): string[] =>
  Array.from(codes, (c, i) => (lengths[i] === 0 ? '' : c.toString(2).padStart(lengths[i]!, '0')));

describe('canonicalCodes', () => {
  it('canonicalCodes(lengths) reproduces RFC 1951 §3.2.2 ABCDEFGH exactly', () => {
    const lengths = [3, 3, 3, 3, 3, 2, 4, 4];
    expect(bits(canonicalCodes(lengths), lengths)).toEqual(['010', '011', '100', '101', '110', '00', '1110', '1111']);
  });

  it('canonicalCodes(lengths) skips length-0 symbols and takes every array type', () => {
    const lengths = new Uint8Array([2, 0, 1, 0, 3, 3]);
    expect(bits(canonicalCodes(lengths), lengths)).toEqual(['10', '', '0', '', '110', '111']);
    expect(Array.from(canonicalCodes(Int32Array.from(lengths)))).toEqual(Array.from(canonicalCodes(lengths)));
  });

  it('canonicalCodes(lengths) edge cases: empty, all zero, single 1-bit code, 32-bit codes', () => {
    expect(canonicalCodes([])).toEqual(new Uint32Array(0));
    expect(Array.from(canonicalCodes([0, 0]))).toEqual([0, 0]);
    expect(Array.from(canonicalCodes([0, 1]))).toEqual([0, 0]);
    expect(Array.from(canonicalCodes([1, 32, 32]))).toEqual([0, 0x80000000, 0x80000001]);
  });

  it('canonicalCodes(lengths) leaves lengths unmodified', () => {
    const l = new Uint8Array([3, 1, 3, 2]);
    const before = snapshot(l);
    canonicalCodes(l);
    expect(snapshot(l)).toEqual(before);
  });

  it.each([
    [[1, 1, 1], RangeError, 'canonicalCodes: lengths are over-subscribed (Kraft sum > 1): no prefix code has them'],
    [[1, 33], RangeError, 'canonicalCodes: lengths[1] must be an integer in [0, 32] (got 33)'],
    [[1, -1], RangeError, 'canonicalCodes: lengths[1] must be an integer in [0, 32] (got -1)'],
    [[1.5], RangeError, 'canonicalCodes: lengths[0] must be an integer in [0, 32] (got 1.5)'],
    [[NaN], RangeError, 'canonicalCodes: lengths[0] must be an integer in [0, 32] (got NaN)'],
    [[null], TypeError, 'canonicalCodes: lengths[0] must be a number (got object)'],
    [new Float64Array(2), TypeError, 'canonicalCodes: lengths must be'],
    [undefined, TypeError, 'canonicalCodes: lengths'],
  ] as const)('canonicalCodes(%j) throws', (l, E, msg) => {
    expect(() => canonicalCodes(l as never)).toThrow(E);
    expect(() => canonicalCodes(l as never)).toThrow(msg);
  });

  itProp.prop([frequencies({ maxLength: 80 })])('canonicalCodes(huffmanCodeLengths(f)) equals the sort-and-count reference', (f) => {
    const l = huffmanCodeLengths(f, { maxCodeLength: 15 });
    expect(bits(canonicalCodes(l), l)).toEqual(canonicalCodeStringsRef(Array.from(l)));
  });

  itProp.prop([fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 40 })])('canonicalCodes(lengths) is a prefix code for any non-over-subscribed set', (l) => {
    fc.pre(kraftStatusRef(l) !== 'over-subscribed');
    const s = bits(canonicalCodes(l), l).filter((x) => x !== '');
    for (let i = 0; i < s.length; i++) for (let j = 0; j < s.length; j++) if (i !== j) expect(s[j]!.startsWith(s[i]!)).toBe(false);
  });
});

describe('validateCodeLengths', () => {
  it('validateCodeLengths(lengths) reports the four states', () => {
    expect(validateCodeLengths([2, 1, 3, 3])).toEqual({ kraftSum: 1, status: 'complete', used: 4, maxLength: 3 });
    expect(validateCodeLengths([0, 1])).toEqual({ kraftSum: 0.5, status: 'incomplete', used: 1, maxLength: 1 });
    expect(validateCodeLengths([1, 1, 2])).toEqual({ kraftSum: 1.25, status: 'over-subscribed', used: 3, maxLength: 2 });
    expect(validateCodeLengths([])).toEqual({ kraftSum: 0, status: 'empty', used: 0, maxLength: 0 });
    expect(validateCodeLengths(new Uint8Array(5))).toEqual({ kraftSum: 0, status: 'empty', used: 0, maxLength: 0 });
  });

  it('validateCodeLengths(lengths) is exact where the float Kraft sum rounds to 1', () => {
    // 2^32 − 1 codes of length 32 would be needed for a float to round; a small fraction beyond 1 at length 32:
    const l = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 32, 32];
    expect(validateCodeLengths(l).status).toBe('over-subscribed');
    expect(validateCodeLengths(l.slice(0, -1)).status).toBe('complete');
    expect(validateCodeLengths(l.slice(0, -2)).status).toBe('incomplete');
  });

  it.each([
    [[1, 40], RangeError, 'validateCodeLengths: lengths[1] must be an integer in [0, 32] (got 40)'],
    ['1', TypeError, 'validateCodeLengths: lengths must be'],
  ] as const)('validateCodeLengths(%j) throws', (l, E, msg) => {
    expect(() => validateCodeLengths(l as never)).toThrow(E);
    expect(() => validateCodeLengths(l as never)).toThrow(msg);
  });

  itProp.prop([fc.array(fc.integer({ min: 0, max: 32 }), { maxLength: 60 })])('validateCodeLengths(lengths) agrees with the exact BigInt Kraft sum', (l) => {
    const r = validateCodeLengths(l);
    expect(r.status).toBe(kraftStatusRef(l));
    const { num, den } = kraftRef(l);
    expect(r.kraftSum).toBeCloseTo(Number(num) / 2 ** den, 12);
    expect(r.used).toBe(l.filter((x) => x > 0).length);
    expect(r.maxLength).toBe(Math.max(0, ...l));
  });
});
