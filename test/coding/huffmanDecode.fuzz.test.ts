// Hostile input: the decoder must end in a FormatError or the exact original, never hang
// (vitest's per-test timeout) and never leak a RangeError from a typed-array constructor.
import { describe, expect, it } from 'vitest';
import { it as itProp, fc } from '@fast-check/vitest';
import { FormatError, FormatErrorCode, huffmanDecode, huffmanEncode } from '../../src/coding/index.js';
import { createRng } from '../../src/core/prng.js';
import { symbolArrays } from '../support/arbitraries/coding.js';
import type { AnySymbols } from '../support/arbitraries/coding.js';

const TIMEOUT = 30_000;

function sameBytes(a: AnySymbols, b: AnySymbols): boolean {
  if (a.constructor !== b.constructor || a.length !== b.length) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Runs the decoder; returns the FormatError code, or 0 when it decoded `original` exactly. */
function outcome(bytes: Uint8Array, original: AnySymbols | undefined, maxSymbols = 1 << 20): number {
  let result: AnySymbols;
  try {
    result = huffmanDecode(bytes, { maxSymbols });
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    expect(e.name).toBe('FormatError');
    expect(Object.values(FormatErrorCode)).toContain(e.code);
    expect(e.message.startsWith('huffmanDecode: ')).toBe(true);
    return e.code;
  }
  if (original === undefined || !sameBytes(result, original)) throw new Error('decoded garbage without a FormatError');
  return 0;
}

function sample(seed: number): AnySymbols[] {
  const rng = createRng(seed);
  const pruned = new Int8Array(600).map(() => (rng.nextFloat() < 0.85 ? 0 : Math.round((rng.nextFloat() - 0.5) * 20)));
  const dense = new Uint8Array(300).map(() => Math.floor(-8 * Math.log(1 - rng.nextFloat())) & 0xff);
  const wide = new Int16Array(120).map(() => Math.round((rng.nextFloat() - 0.5) * 4000));
  return [pruned, dense, wide, new Uint16Array([9]), new Uint8Array(0)];
}

describe('huffmanDecode on hostile input', () => {
  it('huffmanDecode(every truncation of a valid container) is a FormatError', () => {
    for (const x of sample(1)) {
      for (const method of ['huffman', 'zero-run', 'raw'] as const) {
        const bytes = huffmanEncode(x, { method });
        for (let cut = 0; cut < bytes.length; cut++) {
          const code = outcome(bytes.subarray(0, cut), undefined);
          expect(code === FormatErrorCode.Truncated || code === FormatErrorCode.BadMagic || code === FormatErrorCode.Inconsistent).toBe(true);
        }
        expect(outcome(bytes, x)).toBe(0);
      }
    }
  }, TIMEOUT);

  it('huffmanDecode(every single-bit flip of a valid container) is a FormatError or the original', () => {
    for (const x of sample(2)) {
      for (const method of ['huffman', 'zero-run', 'raw'] as const) {
        const bytes = huffmanEncode(x, { method });
        const copy = bytes.slice();
        for (let bit = 0; bit < bytes.length * 8; bit++) {
          copy[bit >>> 3]! ^= 0x80 >>> (bit & 7);
          outcome(copy, x);
          copy[bit >>> 3]! ^= 0x80 >>> (bit & 7);
        }
      }
    }
  }, TIMEOUT);

  it('huffmanDecode(bytes with trailing data) is a FormatError TrailingData', () => {
    const bytes = huffmanEncode(new Int8Array([1, 2, 3, 0, 0, 0, 0, 0]));
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(outcome(longer, undefined)).toBe(FormatErrorCode.TrailingData);
  });

  it.each([
    ['foreign magic', [0x50, 0x4b, 3, 4], FormatErrorCode.BadMagic],
    ['empty input', [], FormatErrorCode.Truncated],
    ['magic only', [0x46, 0x48, 0x55, 0x46], FormatErrorCode.Truncated],
    ['version 2', [0x46, 0x48, 0x55, 0x46, 2, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0], FormatErrorCode.UnsupportedVersion],
    ['dtype 9', [0x46, 0x48, 0x55, 0x46, 1, 9, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0], FormatErrorCode.BadField],
    ['method 7', [0x46, 0x48, 0x55, 0x46, 1, 1, 7, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0], FormatErrorCode.BadField],
    ['reserved byte', [0x46, 0x48, 0x55, 0x46, 1, 1, 1, 5, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0], FormatErrorCode.BadField],
    ['2^32−1 symbols', [0x46, 0x48, 0x55, 0x46, 1, 1, 2, 0, 255, 255, 255, 255, 1, 0, 0, 0, 0, 0, 0, 0, 0], FormatErrorCode.TooLarge],
    ['body longer than input', [0x46, 0x48, 0x55, 0x46, 1, 1, 1, 0, 1, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0], FormatErrorCode.Truncated],
    ['huge count, tiny huffman body', [0x46, 0x48, 0x55, 0x46, 1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0], FormatErrorCode.Inconsistent],
    ['raw body of the wrong size', [0x46, 0x48, 0x55, 0x46, 1, 3, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0], FormatErrorCode.Inconsistent],
    ['coded container with 0 symbols', [0x46, 0x48, 0x55, 0x46, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0], FormatErrorCode.Inconsistent],
    ['bad checksum', [0x46, 0x48, 0x55, 0x46, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7], FormatErrorCode.BadChecksum],
  ] as const)('huffmanDecode(%s) fails with the right code', (_name, bytes, code) => {
    expect(outcome(Uint8Array.from(bytes), undefined)).toBe(code);
  });

  it('huffmanDecode(an over-subscribed code-length table) is BadCodeLengths', () => {
    // body: 25 × 3-bit code-length-code lengths, all 1 → over-subscribed
    const body = new Uint8Array(16).fill(0b01001001);
    const header = [0x46, 0x48, 0x55, 0x46, 1, 1, 1, 0, 1, 0, 0, 0, body.length, 0, 0, 0, 0, 0, 0, 0];
    const bytes = new Uint8Array(header.length + body.length);
    bytes.set(header);
    bytes.set(body, header.length);
    expect(outcome(bytes, undefined)).toBe(FormatErrorCode.BadCodeLengths);
  });

  it('huffmanDecode(a zero-run container claiming 2^32−1 symbols) is stopped by maxSymbols before allocating', () => {
    const bytes = huffmanEncode(new Uint8Array(1000));
    bytes[8] = bytes[9] = bytes[10] = bytes[11] = 255;
    expect(outcome(bytes, undefined)).toBe(FormatErrorCode.TooLarge);
    expect(outcome(bytes, undefined, 0xffffffff)).not.toBe(0);
  }, TIMEOUT);

  itProp.prop([fc.uint8Array({ maxLength: 200 })], { timeout: TIMEOUT })('huffmanDecode(random bytes) is a FormatError', (bytes) => {
    expect(outcome(bytes, undefined)).not.toBe(0);
  });

  itProp.prop(
    [fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3000 }), fc.uint8Array({ maxLength: 300 })],
    { timeout: TIMEOUT },
  )('huffmanDecode(a valid header over a random body) is a FormatError or consistent', (method, dtype, count, body) => {
    const header = [0x46, 0x48, 0x55, 0x46, 1, dtype, method, 0, count & 0xff, count >>> 8, 0, 0, body.length & 0xff, body.length >>> 8, 0, 0, 1, 2, 3, 4];
    const bytes = new Uint8Array(20 + body.length);
    bytes.set(header);
    bytes.set(body, 20);
    expect(outcome(bytes, undefined)).not.toBe(0);
  });

  itProp.prop([symbolArrays(200), fc.constantFrom('huffman', 'zero-run', 'raw', 'auto'), fc.nat(), fc.nat()], { timeout: TIMEOUT })(
    'huffmanDecode(a corrupted valid container) is a FormatError or the exact original',
    (x, method, at, noise) => {
      const bytes = huffmanEncode(x, { method: method as 'auto' });
      const i = at % bytes.length;
      bytes[i]! ^= (noise % 255) + 1;
      outcome(bytes, x);
      outcome(bytes.subarray(0, at % (bytes.length + 1)), x);
    },
  );
});
