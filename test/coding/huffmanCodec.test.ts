import { deflateRawSync, constants as zc } from 'node:zlib';
// Plain tests use vitest's `it`: @fast-check/vitest's `it(name, fn)` runs fn once per fast-check run (100×).
import { describe, expect, it } from 'vitest';
import { it as itProp, fc } from '@fast-check/vitest';
import { FormatError, FormatErrorCode, crc32, huffmanDecode, huffmanEncode, huffmanInfo } from '../../src/coding/index.js';
import { symbolEntropy } from '../../src/entropy/index.js';
import { createRng } from '../../src/core/prng.js';
import { decodeContainerRef } from '../support/reference/codingContainer.js';
import { symbolArrays } from '../support/arbitraries/coding.js';
import type { AnySymbols } from '../support/arbitraries/coding.js';
import { snapshot } from '../support/close.js';
import { laplaceBytes } from './fastPathCases.js';

const methods = ['auto', 'huffman', 'zero-run', 'raw'] as const;

/** Same constructor, length and elements (a plain loop: toEqual is slow on 10^5-element typed arrays). */
function expectSameSymbols(actual: AnySymbols, expected: AnySymbols): void {
  expect(actual.constructor).toBe(expected.constructor);
  expect(actual.length).toBe(expected.length);
  // compare the bytes through Uint8Array views: one monomorphic loop whatever the dtype
  const a = new Uint8Array(actual.buffer, actual.byteOffset, actual.byteLength);
  const b = new Uint8Array(expected.buffer, expected.byteOffset, expected.byteLength);
  let firstDiff = -1;
  for (let i = 0; i < b.length; i++) {
    if (a[i] !== b[i]) {
      firstDiff = i;
      break;
    }
  }
  expect(firstDiff).toBe(-1);
}

function roundTrip(x: AnySymbols, method: (typeof methods)[number] = 'auto'): void {
  expectSameSymbols(huffmanDecode(huffmanEncode(x, { method })), x);
}

describe('huffmanEncode / huffmanDecode', () => {
  it.each(methods)('round trip of every dtype, method %s', (method) => {
    for (const C of [Uint8Array, Int8Array, Uint16Array, Int16Array]) {
      roundTrip(C.from([0, 0, 1, 2, 0, 0, 0, 5, 1, 1, 0, 0, 0, 0, 3, -1, -128, 127, 0, 0] as number[]), method);
    }
  });

  it.each(methods)('round trip of empty input and one symbol, method %s', (method) => {
    roundTrip(new Int8Array(0), method);
    roundTrip(new Uint16Array([65535]), method);
    roundTrip(new Uint8Array([0]), method);
    roundTrip(new Int16Array(500).fill(-7), method);
    roundTrip(new Uint8Array(1000), method);
  });

  it('huffmanEncode(empty) is a 20-byte raw container', () => {
    const bytes = huffmanEncode(new Uint8Array(0));
    expect(bytes.length).toBe(20);
    expect(huffmanInfo(bytes)).toMatchObject({ dtype: 'uint8', method: 'raw', count: 0, byteLength: 20 });
    expect(huffmanInfo(bytes).crc32).toBe(crc32(bytes.subarray(4, 16)));
  });

  it('round trip of all 65536 Uint16 and Int16 symbols, shuffled, every method', () => {
    const rng = createRng(5);
    const all = new Uint16Array(65536);
    for (let i = 0; i < all.length; i++) all[i] = i & 0xffff;
    for (let i = all.length - 1; i > 0; i--) {
      const j = rng.nextInt(i + 1);
      const t = all[i]!;
      all[i] = all[j]!;
      all[j] = t;
    }
    roundTrip(all, 'huffman');
    roundTrip(new Int16Array(all.buffer), 'zero-run');
  });

  it('round trip of skewed 16-bit data with codes longer than 16 bits', () => {
    // counts 2^k for 20 values force a 19-bit-deep code (limit 20)
    const parts: number[] = [];
    for (let k = 0; k < 20; k++) for (let j = 0; j < 2 ** Math.max(0, k - 1); j++) parts.push(1000 + k);
    const x = Uint16Array.from(parts);
    expectSameSymbols(huffmanDecode(huffmanEncode(x, { method: 'huffman' })), x);
    expectSameSymbols(huffmanDecode(huffmanEncode(x, { method: 'huffman', maxCodeLength: 17 })), x);
  });

  it('round trip of long zero runs (extra bits up to 20)', () => {
    const x = new Int8Array(1_500_000);
    x[0] = 1;
    x[40] = 2;
    x[1_000_000] = -3;
    for (const m of ['zero-run', 'auto'] as const) roundTrip(x, m);
    expect(huffmanInfo(huffmanEncode(x)).method).toBe('zero-run');
    expect(huffmanEncode(x).length).toBeLessThan(80);
  });

  it('huffmanEncode(x) writes exactly the format of docs/format.md (reference decoder)', () => {
    for (const x of [laplaceBytes(2000, 3, 1), laplaceBytes(2000, 3, 2, 0.9), Int16Array.from(laplaceBytes(300, 20, 3)), new Uint8Array([7])]) {
      for (const method of methods) {
        const bytes = huffmanEncode(x, { method });
        const ref = decodeContainerRef(bytes);
        expect(ref.method).toBe(method === 'auto' ? huffmanInfo(bytes).method : method);
        expectSameSymbols(x.constructor === Uint8Array ? Uint8Array.from(ref.values) : (x.constructor as typeof Int8Array).from(ref.values), x);
      }
    }
  });

  it("huffmanEncode(x) picks 'auto' as the smallest method", () => {
    const dense = laplaceBytes(20000, 4, 7);
    const pruned = laplaceBytes(20000, 4, 8, 0.9);
    const uniform = Uint8Array.from({ length: 20000 }, (_, i) => (i * 2654435761) >>> 24);
    for (const x of [dense, pruned, uniform]) {
      const sizes = (['huffman', 'zero-run', 'raw'] as const).map((m) => huffmanEncode(x, { method: m }).length);
      expect(huffmanEncode(x).length).toBe(Math.min(...sizes));
    }
    expect(huffmanInfo(huffmanEncode(dense)).method).toBe('huffman');
    expect(huffmanInfo(huffmanEncode(pruned)).method).toBe('zero-run');
    expect(huffmanInfo(huffmanEncode(uniform)).method).toBe('raw');
  });

  it('huffmanEncode(x) is within 1% of the Shannon bound on a Laplace stream, and ≤ zlib Huffman-only', () => {
    const x = laplaceBytes(1 << 17, 4, 11);
    const bits = (huffmanEncode(x).length * 8) / x.length;
    const h = symbolEntropy(x);
    expect(bits).toBeGreaterThanOrEqual(h);
    expect(bits).toBeLessThan(h * 1.01);
    const z = deflateRawSync(new Uint8Array(x.buffer), { strategy: zc.Z_HUFFMAN_ONLY });
    expect(huffmanEncode(x).length).toBeLessThanOrEqual(z.length);
  });

  it('huffmanEncode(x) codes a 90%-pruned Laplace stream in ≤ 1.10 bits per symbol, below zlib Z_RLE', () => {
    const x = laplaceBytes(1 << 17, 4, 12, 0.9);
    const bytes = huffmanEncode(x);
    expect((bytes.length * 8) / x.length).toBeLessThanOrEqual(1.1);
    const z = deflateRawSync(new Uint8Array(x.buffer), { strategy: zc.Z_RLE });
    expect(bytes.length).toBeLessThan(z.length);
  });

  it('huffmanEncode(x) leaves x unmodified; huffmanDecode leaves bytes unmodified', () => {
    const x = laplaceBytes(5000, 3, 3, 0.5);
    const before = snapshot(x);
    const bytes = huffmanEncode(x);
    expect(snapshot(x)).toEqual(before);
    const b = snapshot(bytes);
    huffmanDecode(bytes);
    expect(snapshot(bytes)).toEqual(b);
  });

  it('huffmanEncode(x) codes a subarray view, not its whole buffer', () => {
    const big = laplaceBytes(1000, 3, 4);
    const view = big.subarray(100, 300);
    expectSameSymbols(huffmanDecode(huffmanEncode(view)), Int8Array.from(view));
  });

  it('huffmanDecode(bytes, {out}) writes into out and returns it', () => {
    const x = laplaceBytes(1000, 3, 5, 0.8);
    for (const m of methods) {
      const out = new Int8Array(1200).fill(9);
      expect(huffmanDecode(huffmanEncode(x, { method: m }), { out })).toBe(out);
      expectSameSymbols(out.subarray(0, 1000), x);
      expect(out[1000]).toBe(9);
    }
  });

  it('huffmanDecode(bytes, {out}) rejects a short out or one of the wrong dtype', () => {
    const bytes = huffmanEncode(laplaceBytes(100, 3, 6));
    expect(() => huffmanDecode(bytes, { out: new Int8Array(99) })).toThrow(new RangeError('huffmanDecode: out has length 99, needs 100'));
    expect(() => huffmanDecode(bytes, { out: new Uint8Array(100) as never })).toThrow(
      new TypeError('huffmanDecode: out must be a Int8Array for this int8 container (got Uint8Array)'),
    );
  });

  it('huffmanDecode(bytes, {out}) rejects an out that shares memory with bytes', () => {
    const bytes = huffmanEncode(new Uint8Array(64).fill(3), { method: 'raw' });
    expect(() => huffmanDecode(bytes, { out: bytes.subarray(10, 80) })).toThrow(new RangeError('huffmanDecode: out overlaps bytes'));
  });

  it('huffmanDecode(bytes, {maxSymbols}) refuses a larger count before allocating', () => {
    const bytes = huffmanEncode(new Uint8Array(1000));
    expectSameSymbols(huffmanDecode(bytes, { maxSymbols: 1000 }), new Uint8Array(1000));
    try {
      huffmanDecode(bytes, { maxSymbols: 999 });
      expect.fail('no error');
    } catch (e) {
      expect((e as FormatError).name).toBe('FormatError');
      expect((e as FormatError).code).toBe(FormatErrorCode.TooLarge);
      expect((e as Error).message).toBe('huffmanDecode: container holds 1000 symbols, more than maxSymbols 999');
    }
  });

  it.each([
    [() => huffmanEncode([1, 2] as never), TypeError, 'huffmanEncode: symbols must be'],
    [() => huffmanEncode(new Int32Array(2) as never), TypeError, 'huffmanEncode: symbols must be'],
    [() => huffmanEncode(new Uint8Array(2), 5 as never), TypeError, 'huffmanEncode: options must be an object (got number)'],
    [() => huffmanEncode(new Uint8Array(2), { method: 'lz' as never }), RangeError, "huffmanEncode: method must be one of 'auto', 'raw', 'huffman', 'zero-run' (got lz)"],
    [() => huffmanEncode(new Uint8Array(2), { maxCodeLength: 21 }), RangeError, 'huffmanEncode: maxCodeLength must be an integer in [1, 20] (got 21)'],
    [() => huffmanEncode(new Uint8Array([1, 2, 3]), { maxCodeLength: 1 }), RangeError, 'huffmanEncode: maxCodeLength 1 is too small for 3 distinct values (needs ≥ 2)'],
    [() => huffmanDecode([1, 2] as never), TypeError, 'huffmanDecode: bytes must be a Uint8Array (got Array)'],
    [() => huffmanDecode(new Int8Array(2) as never), TypeError, 'huffmanDecode: bytes must be a Uint8Array (got Int8Array)'],
    [() => huffmanDecode(new Uint8Array(2), { maxSymbols: -1 }), RangeError, 'huffmanDecode: maxSymbols must be an integer in [0, 4294967295] (got -1)'],
    [() => huffmanDecode(new Uint8Array(2), 'x' as never), TypeError, 'huffmanDecode: options must be an object (got string)'],
    [() => huffmanInfo(null as never), TypeError, 'huffmanInfo: bytes must be a Uint8Array (got null)'],
  ] as const)('bad input %# throws', (f, E, msg) => {
    expect(f).toThrow(E);
    expect(f).toThrow(msg);
  });

  itProp.prop([symbolArrays(400), fc.constantFrom(...methods)])('huffmanDecode(huffmanEncode(x)) equals x', (x, method) => {
    roundTrip(x, method);
  });

  itProp.prop([symbolArrays(200), fc.constantFrom(...methods)])('huffmanEncode(x) agrees with the reference decoder of docs/format.md', (x, method) => {
    const bytes = huffmanEncode(x, { method });
    expectSameSymbols((x.constructor as typeof Int8Array).from(decodeContainerRef(bytes).values), x);
  });

  itProp.prop([symbolArrays(300)])("huffmanEncode(x) 'auto' is never larger than any forced method", (x) => {
    const auto = huffmanEncode(x).length;
    for (const m of ['huffman', 'zero-run', 'raw'] as const) expect(auto).toBeLessThanOrEqual(huffmanEncode(x, { method: m }).length);
  });
});

describe('huffmanInfo', () => {
  it('huffmanInfo(bytes) reads the header of each dtype and method', () => {
    const x = laplaceBytes(2000, 3, 9, 0.95);
    const bytes = huffmanEncode(x);
    expect(huffmanInfo(bytes)).toMatchObject({ dtype: 'int8', method: 'zero-run', count: 2000, byteLength: bytes.length });
    expect(huffmanInfo(huffmanEncode(new Uint16Array([1, 2]), { method: 'huffman' }))).toMatchObject({ dtype: 'uint16', method: 'huffman', count: 2 });
    expect(huffmanInfo(bytes.subarray(0, 20)).byteLength).toBe(bytes.length);
  });

  it('huffmanInfo(bytes) lets a caller cut a container out of a larger buffer', () => {
    const a = huffmanEncode(laplaceBytes(300, 2, 1));
    const b = huffmanEncode(Int16Array.from([5, -5, 5]));
    const joined = new Uint8Array(a.length + b.length);
    joined.set(a);
    joined.set(b, a.length);
    const first = huffmanInfo(joined).byteLength;
    expectSameSymbols(huffmanDecode(joined.subarray(0, first)), laplaceBytes(300, 2, 1));
    expectSameSymbols(huffmanDecode(joined.subarray(first)), Int16Array.from([5, -5, 5]));
    expect(() => huffmanDecode(joined)).toThrow(FormatError);
  });
});
