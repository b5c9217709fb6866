import { checkInteger, checkOptions, describe, typeError } from '../core/index.js';
import { DTYPES, HEADER_BYTES, METHODS, readHeader } from './container.js';
import type { CodingMethod, SymbolDtype } from './container.js';
import { DEFAULT_MAX_SYMBOLS } from './huffmanDecode.js';

/** What a container's header says (see {@link huffmanInfo}). */
export interface HuffmanInfo {
  /** element type of the coded array */
  dtype: SymbolDtype;
  /** coding method the encoder chose */
  method: CodingMethod;
  /** number of symbols */
  count: number;
  /** size of the whole container in bytes (header + body) */
  byteLength: number;
  /** CRC-32 of header bytes 4..15 followed by the data (little-endian element bytes) */
  crc32: number;
}

/**
 * Reads a container's 20-byte header without decoding it: dtype, method, symbol count, total
 * size and CRC-32.
 *
 * @remarks
 * Checks the header fields as {@link huffmanDecode} does (magic, version, dtype, method,
 * reserved byte, `maxSymbols`) but not the body, which may be absent: `byteLength` tells a
 * caller embedding containers in its own format where this one ends.
 *
 * @param bytes - the container, or at least its first 20 bytes
 * @param options - `maxSymbols` cap (default 2^27), as in {@link huffmanDecode}
 * @returns a {@link HuffmanInfo}
 * @throws TypeError if `bytes` is not a Uint8Array
 * @throws FormatError for a truncated or foreign header, or a count above `maxSymbols`
 *
 * @example
 * ```ts
 * const info = huffmanInfo(huffmanEncode(new Uint8Array(1000)));
 * info.method; // 'zero-run'
 * info.count; // 1000
 * info.byteLength; // 45
 * ```
 */
export function huffmanInfo(bytes: Uint8Array, options: { maxSymbols?: number } = {}): HuffmanInfo {
  const fn = 'huffmanInfo';
  if (!(bytes instanceof Uint8Array)) typeError(fn, `bytes must be a Uint8Array (got ${describe(bytes)})`);
  const o = checkOptions(fn, options);
  const maxSymbols = o.maxSymbols === undefined ? DEFAULT_MAX_SYMBOLS : checkInteger(fn, 'maxSymbols', o.maxSymbols, 0, 0xffffffff);
  const h = readHeader(fn, bytes, maxSymbols);
  return { dtype: DTYPES[h.dtypeCode - 1]!, method: METHODS[h.method]!, count: h.count, byteLength: HEADER_BYTES + h.bodyLength, crc32: h.crc };
}
