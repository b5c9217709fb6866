// Plain tests use vitest's `it`: @fast-check/vitest's `it(name, fn)` runs fn once per fast-check run (100×).
import { describe, expect, it } from 'vitest';
import { it as itProp, fc } from '@fast-check/vitest';
import { codingReport, huffmanEncode } from '../../src/coding/index.js';
import { symbolCounts } from '../../src/entropy/index.js';
import { entropyBitsRef } from '../support/reference/coding.js';
import { symbolArrays } from '../support/arbitraries/coding.js';
import { expectClose, snapshot } from '../support/close.js';

describe('codingReport', () => {
  it('codingReport(x) of four equiprobable values: 2 bits of entropy, Huffman just above', () => {
    const x = new Uint8Array(4000).map((_, i) => i % 4);
    const r = codingReport(x);
    expectClose(r.entropyBits, 2);
    expect(r).toMatchObject({ count: 4000, bytes: huffmanEncode(x).length, method: 'huffman' });
    expectClose(r.huffmanBits, (r.bytes * 8) / 4000);
    expectClose(r.redundancy, r.huffmanBits - r.entropyBits);
    expectClose(r.ratio, 4000 / r.bytes);
  });

  it('codingReport(empty) reports zeros and the 20-byte header', () => {
    expect(codingReport(new Int16Array(0))).toEqual({ count: 0, entropyBits: 0, huffmanBits: 0, redundancy: 0, bytes: 20, ratio: 0, method: 'raw' });
  });

  it('codingReport(x, {method}) evaluates the method asked for', () => {
    const x = new Int8Array(20000).map((_, i) => (i % 10 === 0 ? 3 : 0)); // regular runs: below the order-0 entropy
    expect(codingReport(x, { method: 'huffman' }).bytes).toBe(huffmanEncode(x, { method: 'huffman' }).length);
    expect(codingReport(x).method).toBe('zero-run');
    expect(codingReport(x).redundancy).toBeLessThan(0);
  });

  it('codingReport(x) leaves x unmodified', () => {
    const x = new Uint16Array([1, 2, 3, 3]);
    const before = snapshot(x);
    codingReport(x);
    expect(snapshot(x)).toEqual(before);
  });

  it.each([
    [() => codingReport([1] as never), TypeError, 'codingReport: symbols must be'],
    [() => codingReport(new Uint8Array(1), { method: 'x' as never }), RangeError, "codingReport: method must be one of 'auto', 'raw', 'huffman', 'zero-run' (got x)"],
    [() => codingReport(new Uint8Array(1), { maxCodeLength: 0 }), RangeError, 'codingReport: maxCodeLength must be an integer in [1, 20] (got 0)'],
  ] as const)('codingReport bad input %# throws', (f, E, msg) => {
    expect(f).toThrow(E);
    expect(f).toThrow(msg);
  });

  itProp.prop([symbolArrays(300), fc.constantFrom('auto', 'huffman', 'zero-run', 'raw')])('codingReport(x) matches the encoder and the entropy reference', (x, method) => {
    const r = codingReport(x, { method: method as 'auto' });
    expect(r.bytes).toBe(huffmanEncode(x, { method: method as 'auto' }).length);
    expectClose(r.entropyBits, entropyBitsRef(symbolCounts(x)), { atol: 1e-12 });
    if (x.length > 0 && r.method === 'huffman') expect(r.huffmanBits).toBeGreaterThanOrEqual(r.entropyBits);
  });
});
