// Plain tests use vitest's `it`: @fast-check/vitest's `it(name, fn)` runs fn once per fast-check run (100×).
import { describe, expect, it } from 'vitest';
import { it as itProp, fc } from '@fast-check/vitest';
import { expectedCodeLength, huffmanCodeLengths } from '../../src/coding/index.js';
import { crossEntropy, entropy } from '../../src/entropy/index.js';
import { codeCostRef } from '../support/reference/coding.js';
import { usedFrequencies } from '../support/arbitraries/coding.js';
import { expectClose, snapshot } from '../support/close.js';

describe('expectedCodeLength', () => {
  it('expectedCodeLength(f, lengths) is Σ f·ℓ / Σ f', () => {
    expect(expectedCodeLength([10, 1, 1, 5], [1, 3, 3, 2])).toBe(26 / 17);
    expect(expectedCodeLength(new Float64Array([0.5, 0.25, 0.25]), new Uint8Array([1, 2, 2]))).toBe(1.5);
  });

  it('expectedCodeLength(f, lengths) edge cases: empty, unused symbols, uncodable symbol', () => {
    expect(expectedCodeLength([], [])).toBe(0);
    expect(expectedCodeLength([0, 4], [0, 1])).toBe(1);
    expect(expectedCodeLength([1, 1], [1, 0])).toBe(Infinity);
  });

  it('expectedCodeLength(f, lengths) leaves inputs unmodified', () => {
    const f = new Uint32Array([3, 1, 0]);
    const l = new Uint8Array([1, 1, 0]);
    const [bf, bl] = [snapshot(f), snapshot(l)];
    expectedCodeLength(f, l);
    expect([snapshot(f), snapshot(l)]).toEqual([bf, bl]);
  });

  it.each([
    [[1, 2], [1], RangeError, 'expectedCodeLength: frequencies and lengths differ in length (2 vs 1)'],
    [[0, 0], [1, 1], RangeError, 'expectedCodeLength: frequencies sum to 0 and cannot be normalized'],
    [[-1], [1], RangeError, 'expectedCodeLength: frequencies[0] must be finite and ≥ 0 (got -1)'],
    [[1], [99], RangeError, 'expectedCodeLength: lengths[0] must be an integer in [0, 32] (got 99)'],
    [[1], new Float64Array(1), TypeError, 'expectedCodeLength: lengths must be'],
    [{}, [1], TypeError, 'expectedCodeLength: frequencies must be'],
  ] as const)('expectedCodeLength(%j, %j) throws', (f, l, E, msg) => {
    expect(() => expectedCodeLength(f as never, l as never)).toThrow(E);
    expect(() => expectedCodeLength(f as never, l as never)).toThrow(msg);
  });

  itProp.prop([usedFrequencies(1, 50)])('expectedCodeLength(f, lengths) matches the reference cost / total', (f) => {
    const l = huffmanCodeLengths(f);
    expectClose(expectedCodeLength(f, l), codeCostRef(f, l) / f.reduce((a, b) => a + b, 0));
  });

  // The cross-entropy tie-in: code p with a code built for q.
  const pq = fc.integer({ min: 2, max: 30 }).chain((n) =>
    fc.tuple(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: n, maxLength: n }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: n, maxLength: n })),
  ).filter(([p]) => p.some((x) => x > 0));

  itProp.prop([pq])('expectedCodeLength(p, code for q) ≥ H(p): a mismatched code never beats the entropy', ([p, q]) => {
    const hp = entropy(p, { base: 2 });
    expect(expectedCodeLength(p, huffmanCodeLengths(q))).toBeGreaterThanOrEqual(hp - 1e-12);
  });

  itProp.prop([pq])('expectedCodeLength(p, ⌈−log₂ q⌉) lies in [H(p,q), H(p,q) + 1)', ([p, q]) => {
    const total = q.reduce((a, b) => a + b, 0);
    const shannon = q.map((x) => Math.max(1, Math.ceil(-Math.log2(x / total) - 1e-12)));
    const hpq = crossEntropy(p, q, { base: 2 });
    const mean = expectedCodeLength(p, shannon);
    expect(mean).toBeGreaterThanOrEqual(hpq - 1e-9);
    expect(mean).toBeLessThan(hpq + 1 + 1e-9);
  });

  it('expectedCodeLength(p, Huffman code for q) tracks H(p,q) within 1 bit for nearby quantized-weight shapes', () => {
    // p: a Laplace(0, 4) histogram over [-31, 31]; q: Gaussian histograms of growing width, all positive.
    const support = Array.from({ length: 63 }, (_, i) => i - 31);
    const p = support.map((x) => Math.exp(-Math.abs(x) / 4));
    for (const sigma of [4, 6, 8, 12]) {
      const q = support.map((x) => Math.exp(-(x * x) / (2 * sigma * sigma)) + 1e-4);
      const mean = expectedCodeLength(p, huffmanCodeLengths(q));
      const hpq = crossEntropy(p, q, { base: 2 });
      expect(mean).toBeGreaterThanOrEqual(entropy(p, { base: 2 }));
      expect(Math.abs(mean - hpq)).toBeLessThan(1);
    }
  });
});
