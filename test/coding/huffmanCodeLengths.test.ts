// Plain tests use vitest's `it`: @fast-check/vitest's `it(name, fn)` runs fn once per fast-check run (100×).
import { describe, expect, it } from 'vitest';
import { it as itProp, fc } from '@fast-check/vitest';
import { expectedCodeLength, huffmanCodeLengths, validateCodeLengths } from '../../src/coding/index.js';
import { bruteForceOptimalCost, codeCostRef, entropyBitsRef, huffmanCostRef, kraftStatusRef } from '../support/reference/coding.js';
import { frequencies, usedFrequencies } from '../support/arbitraries/coding.js';
import { expectClose, snapshot } from '../support/close.js';
import { readFileSync } from 'node:fs';

interface FixtureCase {
  name: string;
  frequencies: number[];
  huffmanCost: number;
  entropyBits: number;
}
// made by scripts/fixtures/coding-huffman.py (Python heapq Huffman, scipy.stats.entropy)
const fixture = JSON.parse(readFileSync(new URL('../support/fixtures/coding-huffman.json', import.meta.url), 'utf8')) as { cases: FixtureCase[] };

const maxOf = (l: Uint8Array): number => l.reduce((a, b) => Math.max(a, b), 0);

describe('huffmanCodeLengths', () => {
  it('huffmanCodeLengths([10, 1, 1, 5]) is [1, 3, 3, 2]', () => {
    expect(Array.from(huffmanCodeLengths([10, 1, 1, 5]))).toEqual([1, 3, 3, 2]);
  });

  it('huffmanCodeLengths(f) of powers of two gives a -log2 p code', () => {
    expect(Array.from(huffmanCodeLengths(new Uint32Array([8, 4, 2, 1, 1])))).toEqual([1, 2, 3, 4, 4]);
  });

  it('huffmanCodeLengths(f, {maxCodeLength: 3}) flattens a deep code optimally', () => {
    expect(Array.from(huffmanCodeLengths([1, 1, 2, 4, 8], { maxCodeLength: 3 }))).toEqual([3, 3, 3, 3, 1]);
  });

  it('huffmanCodeLengths(f) of equal frequencies never gives a lower symbol a longer code', () => {
    expect(Array.from(huffmanCodeLengths([1, 1, 1]))).toEqual([1, 2, 2]);
    expect(Array.from(huffmanCodeLengths([5, 5, 5, 5, 5]))).toEqual([2, 2, 2, 3, 3]);
  });

  it('huffmanCodeLengths(f) edge cases: empty, no used symbol, one used symbol', () => {
    expect(huffmanCodeLengths([])).toEqual(new Uint8Array(0));
    expect(Array.from(huffmanCodeLengths([0, 0, 0]))).toEqual([0, 0, 0]);
    expect(Array.from(huffmanCodeLengths([0, 7, 0]))).toEqual([0, 1, 0]);
    expect(Array.from(huffmanCodeLengths([0, 7, 0], { maxCodeLength: 1 }))).toEqual([0, 1, 0]);
    expect(Array.from(huffmanCodeLengths([3, 7]))).toEqual([1, 1]);
  });

  it('huffmanCodeLengths(f) takes fractional weights and huge counts', () => {
    expect(Array.from(huffmanCodeLengths(new Float64Array([0.5, 0.25, 0.125, 0.125])))).toEqual([1, 2, 3, 3]);
    expect(Array.from(huffmanCodeLengths([2 ** 40, 2 ** 39, 2 ** 39]))).toEqual([1, 2, 2]);
    expect(Array.from(huffmanCodeLengths(new Float32Array([1e30, 1, 1])))).toEqual([1, 2, 2]);
  });

  it('huffmanCodeLengths(f) of counts 1, 1, 2, 4, … 2^88 goes 89 deep, and fits any feasible limit', () => {
    const fib = [1, ...Array.from({ length: 89 }, (_, i) => 2 ** i)];
    const l = huffmanCodeLengths(fib);
    expect(maxOf(l)).toBe(89);
    const limited = huffmanCodeLengths(fib, { maxCodeLength: 7 });
    expect(maxOf(limited)).toBe(7);
    expect(validateCodeLengths(limited).status).toBe('complete');
  });

  it('huffmanCodeLengths(f) of 65536 symbols with maxCodeLength 16 is flat for uniform counts', () => {
    const l = huffmanCodeLengths(new Uint32Array(65536).fill(3), { maxCodeLength: 16 });
    expect(l.every((x) => x === 16)).toBe(true);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('huffmanCodeLengths(f) agrees with Python heapq and scipy on %s', (_name, c) => {
    const l = huffmanCodeLengths(c.frequencies);
    expect(codeCostRef(c.frequencies, l)).toBe(c.huffmanCost);
    expectClose(entropyBitsRef(c.frequencies), c.entropyBits, { rtol: 1e-12, atol: 1e-12 });
    const used = c.frequencies.filter((x) => x > 0).length;
    if (used >= 2) {
      const mean = expectedCodeLength(c.frequencies, l);
      expect(mean).toBeGreaterThanOrEqual(c.entropyBits - 1e-12);
      expect(mean).toBeLessThan(c.entropyBits + 1);
    }
    const limited = huffmanCodeLengths(c.frequencies, { maxCodeLength: 12 });
    expect(maxOf(limited)).toBeLessThanOrEqual(12);
    expect(codeCostRef(c.frequencies, limited)).toBeGreaterThanOrEqual(c.huffmanCost);
  });

  it('huffmanCodeLengths(f) leaves frequencies unmodified', () => {
    const f = new Uint32Array([5, 0, 1, 1, 9, 2]);
    const before = snapshot(f);
    huffmanCodeLengths(f, { maxCodeLength: 3 });
    expect(snapshot(f)).toEqual(before);
  });

  it.each([
    [[1, -1], {}, RangeError, 'huffmanCodeLengths: frequencies[1] must be finite and ≥ 0 (got -1)'],
    [[1, NaN], {}, RangeError, 'huffmanCodeLengths: frequencies[1] must be finite and ≥ 0 (got NaN)'],
    [[Infinity], {}, RangeError, 'huffmanCodeLengths: frequencies[0] must be finite and ≥ 0 (got Infinity)'],
    [['1'], {}, TypeError, 'huffmanCodeLengths: frequencies[0] must be a number (got string)'],
    [new Int8Array(2), {}, TypeError, 'huffmanCodeLengths: frequencies must be'],
    ['abc', {}, TypeError, 'huffmanCodeLengths: frequencies must be'],
    [[1, 1], 3, TypeError, 'huffmanCodeLengths: options must be an object (got number)'],
    [[1, 1], { maxCodeLength: 0 }, RangeError, 'huffmanCodeLengths: maxCodeLength must be an integer in [1, 32] (got 0)'],
    [[1, 1], { maxCodeLength: 2.5 }, RangeError, 'huffmanCodeLengths: maxCodeLength must be an integer in [1, 32] (got 2.5)'],
    [[1, 1], { maxCodeLength: 33 }, RangeError, 'huffmanCodeLengths: maxCodeLength must be an integer in [1, 32] (got 33)'],
    [[1, 1], { maxCodeLength: '3' }, TypeError, 'huffmanCodeLengths: maxCodeLength must be a number (got string)'],
    [[1, 1, 1, 1, 1], { maxCodeLength: 2 }, RangeError, 'huffmanCodeLengths: maxCodeLength 2 is too small for 5 used symbols (needs ≥ 3)'],
  ] as const)('huffmanCodeLengths(%j, %j) throws %o', (f, o, E, msg) => {
    expect(() => huffmanCodeLengths(f as never, o as never)).toThrow(E);
    expect(() => huffmanCodeLengths(f as never, o as never)).toThrow(msg);
  });

  it('huffmanCodeLengths(f) of float64 weights 1, 1, 2, … 2^298 (deeper than 255) asks for maxCodeLength', () => {
    const fib = [1, ...Array.from({ length: 299 }, (_, i) => 2 ** i)];
    expect(() => huffmanCodeLengths(fib)).toThrow(new RangeError('huffmanCodeLengths: the optimal code is 299 bits deep, more than 255; pass maxCodeLength'));
    expect(maxOf(huffmanCodeLengths(fib, { maxCodeLength: 32 }))).toBe(32);
  });

  itProp.prop([frequencies({ maxLength: 60 })])('huffmanCodeLengths(f) has the optimal cost of the O(n²) reference', (f) => {
    const l = huffmanCodeLengths(f);
    expect(codeCostRef(f, l)).toBe(huffmanCostRef(f));
    for (let i = 0; i < f.length; i++) expect(l[i]! > 0).toBe(f[i]! > 0);
  });

  itProp.prop([usedFrequencies(2, 60)])('huffmanCodeLengths(f) of ≥ 2 used symbols is complete (Kraft sum 1)', (f) => {
    expect(kraftStatusRef(huffmanCodeLengths(f))).toBe('complete');
  });

  itProp.prop([usedFrequencies(2, 60)])('huffmanCodeLengths(f) mean length lies in [H, H + 1)', (f) => {
    const l = huffmanCodeLengths(f);
    const total = f.reduce((a, b) => a + b, 0);
    const mean = codeCostRef(f, l) / total;
    const h = entropyBitsRef(f);
    expect(mean).toBeGreaterThanOrEqual(h - 1e-12);
    expect(mean).toBeLessThan(h + 1);
  });

  itProp.prop([frequencies({ maxLength: 8, max: 200 }).filter((f) => f.filter((x) => x > 0).length <= 6), fc.integer({ min: 1, max: 6 })])(
    'huffmanCodeLengths(f, {maxCodeLength}) equals the brute-force optimum on small alphabets',
    (f, limit) => {
      const used = f.filter((x) => x > 0).length;
      fc.pre(used <= 2 ** limit);
      const l = huffmanCodeLengths(f, { maxCodeLength: limit });
      expect(maxOf(l)).toBeLessThanOrEqual(limit);
      expect(codeCostRef(f, l)).toBe(bruteForceOptimalCost(f, limit));
    },
  );

  itProp.prop([usedFrequencies(2, 200, 1_000_000), fc.integer({ min: 1, max: 12 })])(
    'huffmanCodeLengths(f, {maxCodeLength}) respects the limit, is complete and costs ≥ unlimited',
    (f, limit) => {
      const used = f.filter((x) => x > 0).length;
      fc.pre(used <= 2 ** limit);
      const l = huffmanCodeLengths(f, { maxCodeLength: limit });
      expect(maxOf(l)).toBeLessThanOrEqual(limit);
      expect(kraftStatusRef(l)).toBe('complete');
      expect(codeCostRef(f, l)).toBeGreaterThanOrEqual(huffmanCostRef(f));
      for (let i = 0; i < f.length; i++) expect(l[i]! > 0).toBe(f[i]! > 0);
    },
  );

  itProp.prop([frequencies({ maxLength: 60 })])('huffmanCodeLengths(f) gives equal-frequency symbols non-decreasing lengths by index', (f) => {
    const l = huffmanCodeLengths(f);
    for (let i = 0; i < f.length; i++) {
      for (let j = i + 1; j < f.length; j++) {
        if (f[i]! > 0 && f[i] === f[j]) expect(l[i]!).toBeLessThanOrEqual(l[j]!);
        if (f[i]! > f[j]! && f[j]! > 0) expect(l[i]!).toBeLessThanOrEqual(l[j]!);
      }
    }
  });
});
