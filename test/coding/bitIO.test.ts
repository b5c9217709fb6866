// Plain tests use vitest's `it`: @fast-check/vitest's `it(name, fn)` runs fn once per fast-check run (100×).
import { describe, expect, it } from 'vitest';
import { it as itProp, fc } from '@fast-check/vitest';
import { BitReader, BitWriter, FormatError, FormatErrorCode, crc32 } from '../../src/coding/index.js';
import { crc32Ref, packBitsRef } from '../support/reference/coding.js';
import { snapshot } from '../support/close.js';

const fields = fc.array(
  fc.integer({ min: 0, max: 32 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n === 0 ? 0 : 2 ** n - 1 }), fc.constant(n))),
  { maxLength: 60 },
);

describe('BitWriter', () => {
  it('BitWriter writes MSB-first and pads with zeros', () => {
    const w = new BitWriter(1);
    w.writeBits(0b101, 3);
    w.writeBits(0xff, 8);
    expect(w.bitLength).toBe(11);
    expect(Array.from(w.finish())).toEqual([0b10111111, 0b11100000]);
  });

  it('BitWriter ignores bits above count, writes 0 and 32 bits, and aligns', () => {
    const w = new BitWriter();
    w.writeBits(0xfff1, 1);
    w.writeBits(12345, 0);
    w.alignToByte();
    w.writeBits(0xdeadbeef, 32);
    expect(Array.from(w.finish())).toEqual([0x80, 0xde, 0xad, 0xbe, 0xef]);
  });

  it.each([
    [() => new BitWriter().writeBits(1, 33), RangeError, 'BitWriter.writeBits: count must be an integer in [0, 32] (got 33)'],
    [() => new BitWriter().writeBits(1, -1), RangeError, 'BitWriter.writeBits: count must be an integer in [0, 32] (got -1)'],
    [() => new BitWriter().writeBits(1, 1.5), RangeError, 'BitWriter.writeBits: count must be an integer in [0, 32] (got 1.5)'],
    [() => new BitWriter().writeBits('1' as never, 1), TypeError, 'BitWriter.writeBits: value must be a number (got string)'],
    [() => new BitWriter().writeBits(1, NaN), RangeError, 'BitWriter.writeBits: count must be an integer in [0, 32] (got NaN)'],
    [() => new BitWriter(-1), RangeError, 'BitWriter: initialBytes must be an integer in [0, 2147483648] (got -1)'],
  ] as const)('BitWriter bad input %# throws', (f, E, msg) => {
    expect(f).toThrow(E);
    expect(f).toThrow(msg);
  });

  itProp.prop([fields])('BitWriter output equals the bit-string reference packer', (fs) => {
    const w = new BitWriter(2);
    for (const [v, n] of fs) w.writeBits(v, n);
    expect(w.bitLength).toBe(fs.reduce((a, [, n]) => a + n, 0));
    expect(Array.from(w.finish())).toEqual(Array.from(packBitsRef(fs)));
  });
});

describe('BitReader', () => {
  it('BitReader reads MSB-first, tracks position, aligns and seeks', () => {
    const r = new BitReader(new Uint8Array([0b10111111, 0b11100000]));
    expect(r.readBits(3)).toBe(5);
    expect(r.readBits(8)).toBe(255);
    expect(r.bitPosition).toBe(11);
    expect(r.bitsLeft).toBe(5);
    r.alignToByte();
    expect(r.bitsLeft).toBe(0);
    r.seek(1);
    expect(r.readBits(0)).toBe(0);
    expect(r.readBits(2)).toBe(0b01);
  });

  it('BitReader reads 32 bits as an unsigned number', () => {
    expect(new BitReader(new Uint8Array([0xde, 0xad, 0xbe, 0xef])).readBits(32)).toBe(0xdeadbeef);
  });

  it('BitReader past the end throws FormatError Truncated naming its context, and leaves bytes unmodified', () => {
    const bytes = new Uint8Array([0xff]);
    const before = snapshot(bytes);
    const r = new BitReader(bytes, 'myDecoder');
    r.readBits(5);
    try {
      r.readBits(4);
      expect.fail('no error');
    } catch (e) {
      expect((e as FormatError).name).toBe('FormatError');
      expect((e as FormatError).code).toBe(FormatErrorCode.Truncated);
      expect((e as Error).message).toBe('myDecoder: input ends after 3 more bits, 4 needed at bit 5');
    }
    expect(snapshot(bytes)).toEqual(before);
    expect(() => new BitReader(new Uint8Array(0)).readBits(1)).toThrow(FormatError);
  });

  it.each([
    [() => new BitReader([1] as never), TypeError, 'BitReader: bytes must be a Uint8Array (got Array)'],
    [() => new BitReader(new Uint8Array(1)).readBits(33), RangeError, 'BitReader.readBits: count must be an integer in [0, 32] (got 33)'],
    [() => new BitReader(new Uint8Array(1)).readBits('x' as never), TypeError, 'BitReader.readBits: count must be a number (got string)'],
    [() => new BitReader(new Uint8Array(1)).seek(9), RangeError, 'BitReader.seek: bitPosition must be an integer in [0, 8] (got 9)'],
  ] as const)('BitReader bad input %# throws', (f, E, msg) => {
    expect(f).toThrow(E);
    expect(f).toThrow(msg);
  });

  itProp.prop([fields])('BitReader reads back what BitWriter wrote', (fs) => {
    const w = new BitWriter();
    for (const [v, n] of fs) w.writeBits(v, n);
    const r = new BitReader(w.finish());
    for (const [v, n] of fs) expect(r.readBits(n)).toBe(v);
    expect(r.bitsLeft).toBeLessThan(8);
  });
});

describe('crc32', () => {
  it('crc32 of "123456789" is the standard check value 0xCBF43926', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it.each([
    [() => crc32([1] as never), TypeError, 'crc32: bytes must be Uint8Array (got Array)'],
    [() => crc32(new Uint8Array(1), '1' as never), TypeError, 'crc32: crc must be number (got string)'],
  ] as const)('crc32 bad input %# throws', (f, E, msg) => {
    expect(f).toThrow(E);
    expect(f).toThrow(msg);
  });

  it('crc32 of subarray views at every 4-byte alignment and tail length equals the reference (word loop)', () => {
    const buf = new Uint8Array(300).map((_, i) => (i * 167 + 13) & 0xff);
    for (let from = 0; from < 8; from++) {
      for (let len = 56; len < 90; len++) {
        const view = buf.subarray(from, from + len);
        expect(crc32(view)).toBe(crc32Ref(view));
        expect(crc32(view, 0x12345678)).toBe(crc32(view.slice(), 0x12345678));
      }
    }
  });

  itProp.prop([fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 100 })])('crc32 equals the bitwise reference and chains', (a, b) => {
    expect(crc32(a)).toBe(crc32Ref(a));
    const ab = new Uint8Array(a.length + b.length);
    ab.set(a);
    ab.set(b, a.length);
    expect(crc32(b, crc32(a))).toBe(crc32Ref(ab));
  });
});
