import { dispatcher } from '../core/index.js';
import { LITTLE_ENDIAN } from '../core/endian.js';

let tables: Int32Array | undefined;

/**
 * Slicing-by-8 tables of the reflected CRC-32 polynomial 0xEDB88320, built on first use:
 * table k (entries 256·k … 256·k+255) advances the CRC of one byte followed by k zero bytes.
 * https://create.stephan-brumme.com/crc32/#slicing-by-8-overview
 */
function crcTables(): Int32Array {
  if (tables !== undefined) return tables;
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[256 * k + n] = c;
    }
  }
  tables = t;
  return t;
}

const dispatch = /*#__PURE__*/ dispatcher('crc32', ['bytes', 'crc'], {
  Uint8Array: (b: Uint8Array) => crc32Impl(b, 0, b.length, 0),
  'Uint8Array, number': (b: Uint8Array, crc: number) => crc32Impl(b, 0, b.length, crc),
});

/**
 * CRC-32 (IEEE 802.3, as zlib's `crc32`, gzip and PNG) of bytes, optionally continuing a
 * previous CRC.
 *
 * @remarks
 * `crc32(b, crc32(a))` equals the CRC of `a` followed by `b`. The result is an unsigned 32-bit
 * integer. Slicing-by-8 tables (8 KiB) are built on first use.
 *
 * @param bytes - the data
 * @param crc - CRC of the data before `bytes` (default 0: start)
 * @returns the CRC-32, in [0, 2^32)
 * @throws TypeError if `bytes` is not a Uint8Array or `crc` not a number
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode('123456789')); // 3421780262
 * ```
 */
export function crc32(bytes: Uint8Array, crc = 0): number {
  return dispatch(bytes, crc) as number;
}

/**
 * CRC-32 of bytes[start, end) continuing `crc`. Unchecked. Slicing-by-8; on little-endian
 * platforms the 8 bytes come from two aligned 32-bit loads (1.6× the byte loads at 4 MiB).
 * @internal
 */
export function crc32Impl(bytes: Uint8Array, start: number, end: number, crc: number): number {
  const t = crcTables();
  let c = ~crc | 0;
  let i = start;
  if (LITTLE_ENDIAN && end - start >= 64) {
    // bytes up to a 4-byte boundary of the buffer, then 8 bytes per step from an Int32Array view
    for (; ((bytes.byteOffset + i) & 3) !== 0; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
    const steps = (end - i) >>> 3;
    c = (wordsLoop ??= makeWordsLoop(t))(new Int32Array(bytes.buffer, bytes.byteOffset + i, steps * 2), c);
    i += steps * 8;
  } else {
    const end8 = start + ((end - start) & ~7);
    for (; i < end8; i += 8) {
      const a = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
      c =
        t[1792 + (a & 0xff)]! ^
        t[1536 + ((a >>> 8) & 0xff)]! ^
        t[1280 + ((a >>> 16) & 0xff)]! ^
        t[1024 + (a >>> 24)]! ^
        t[768 + bytes[i + 4]!]! ^
        t[512 + bytes[i + 5]!]! ^
        t[256 + bytes[i + 6]!]! ^
        t[bytes[i + 7]!]!;
    }
  }
  for (; i < end; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

type WordsLoop = (words: Int32Array, cIn: number) => number;

let wordsLoop: WordsLoop | undefined;

/**
 * The word loop of {@link crc32Impl}: slicing-by-8 over words[0, length) (little-endian pairs),
 * continuing the inverted CRC c. Nothing after the loop needs type feedback, so a compile of the
 * loop made while it runs (on-stack replacement) does not deopt on leaving it. The tables are a
 * constant of the closure (made once), so V8 knows their length and drops the eight bounds checks
 * per step.
 */
function makeWordsLoop(t: Int32Array): WordsLoop {
  return function crc32Words(words: Int32Array, cIn: number): number {
    let c = cIn;
    const length = words.length;
    for (let k = 0; k < length; k += 2) {
      const a = c ^ words[k]!;
      const b = words[k + 1]!;
      c =
        t[1792 + (a & 0xff)]! ^
        t[1536 + ((a >>> 8) & 0xff)]! ^
        t[1280 + ((a >>> 16) & 0xff)]! ^
        t[1024 + (a >>> 24)]! ^
        t[768 + (b & 0xff)]! ^
        t[512 + ((b >>> 8) & 0xff)]! ^
        t[256 + ((b >>> 16) & 0xff)]! ^
        t[b >>> 24]!;
    }
    return c;
  };
}
