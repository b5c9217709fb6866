// The self-describing container of frugal/coding (docs/format.md): header layout, method and
// dtype codes, and the compact code-length table shared by the encoder and the decoder.
import { FormatErrorCode, formatError } from '../core/index.js';
import { LITTLE_ENDIAN } from '../core/endian.js';
import type { SymbolArray } from '../entropy/index.js';
import type { BitReader } from './bitReader.js';
import type { BitWriter } from './bitWriter.js';
import { huffmanCodeLengthsImpl } from './codeLengths.js';
import { canonicalCodesImpl } from './canonicalCodes.js';
import { kraftStatus } from './validateCodeLengths.js';

/** First four bytes of every container: ASCII "FHUF". */
export const MAGIC = [0x46, 0x48, 0x55, 0x46] as const;
/** Container format version written by this encoder. */
export const VERSION = 1;
/** Bytes before the body: magic 4, version 1, dtype 1, method 1, reserved 1, count 4, body length 4, CRC-32 4. */
export const HEADER_BYTES = 20;
/** Longest code any table of the container may use. */
export const MAX_CONTAINER_CODE_LENGTH = 20;

/** Element types a container can hold, by dtype code (index + 1). */
export const DTYPES = ['uint8', 'int8', 'uint16', 'int16'] as const;
/** Name of a stored element type. */
export type SymbolDtype = (typeof DTYPES)[number];
/** Coding methods, by method code (index). */
export const METHODS = ['raw', 'huffman', 'zero-run'] as const;
/** Name of a coding method. */
export type CodingMethod = (typeof METHODS)[number];

/** Run-length alphabet of the zero-run method: runs 0..31 are symbols 0..31; a run r ≥ 32 with e = ⌊log₂ r⌋ is symbol 27 + e followed by the e low bits of r. */
export const RUN_DIRECT = 32;
/** Size of the run-length alphabet (runs up to 2^32 − 1). */
export const RUN_ALPHABET = 59;
/** Longest run code (the run table is small; 15 keeps its decoding table small). */
export const RUN_MAX_CODE_LENGTH = 15;

/** Code-length alphabet: 0..20 literal lengths, then repeat and zero-run codes. */
const CL_REPEAT = 21; // repeat the previous length 3–6 times, 2 extra bits
const CL_ZEROS_SHORT = 22; // 3–10 zeros, 3 extra bits
const CL_ZEROS_MID = 23; // 11–138 zeros, 7 extra bits
const CL_ZEROS_LONG = 24; // 139–65674 zeros, 16 extra bits
const CL_ALPHABET = 25;
const CL_MAX_CODE_LENGTH = 7;
const CL_LENGTH_BITS = 3;

/** Dtype code of a symbol array (1..4). @internal */
export function dtypeCodeOf(symbols: SymbolArray): number {
  if (symbols instanceof Uint8Array) return 1;
  if (symbols instanceof Int8Array) return 2;
  if (symbols instanceof Uint16Array) return 3;
  return 4;
}

/** Symbol alphabet size of a dtype code: 256 or 65536. @internal */
export function alphabetOf(dtypeCode: number): number {
  return dtypeCode <= 2 ? 256 : 65536;
}

/** A Uint8Array or Uint16Array view of the same memory: the symbols as unsigned bin indices. @internal */
export function indexView(symbols: SymbolArray): Uint8Array | Uint16Array {
  if (symbols instanceof Uint8Array || symbols instanceof Uint16Array) return symbols;
  if (symbols instanceof Int8Array) return new Uint8Array(symbols.buffer, symbols.byteOffset, symbols.length);
  return new Uint16Array(symbols.buffer, symbols.byteOffset, symbols.length);
}

/** Allocates a symbol array of a dtype code. @internal */
export function allocateSymbols(dtypeCode: number, n: number): SymbolArray {
  if (dtypeCode === 1) return new Uint8Array(n);
  if (dtypeCode === 2) return new Int8Array(n);
  if (dtypeCode === 3) return new Uint16Array(n);
  return new Int16Array(n);
}

/** The symbols' bytes in little-endian element order (a view when the platform is little-endian). @internal */
export function littleEndianBytes(symbols: SymbolArray): Uint8Array {
  if (LITTLE_ENDIAN || symbols.BYTES_PER_ELEMENT === 1) return new Uint8Array(symbols.buffer, symbols.byteOffset, symbols.byteLength);
  const out = new Uint8Array(symbols.byteLength);
  for (let i = 0; i < symbols.length; i++) {
    const v = symbols[i]! & 0xffff;
    out[2 * i] = v & 0xff;
    out[2 * i + 1] = v >>> 8;
  }
  return out;
}

/** Writes the 20 header bytes at out[0..20). @internal */
export function writeHeader(out: Uint8Array, dtypeCode: number, method: number, count: number, bodyLength: number, crc: number): void {
  out.set(MAGIC, 0);
  out[4] = VERSION;
  out[5] = dtypeCode;
  out[6] = method;
  out[7] = 0;
  writeU32(out, 8, count);
  writeU32(out, 12, bodyLength);
  writeU32(out, 16, crc);
}

/** A parsed and checked header. @internal */
export interface Header {
  dtypeCode: number;
  method: number;
  count: number;
  bodyLength: number;
  crc: number;
}

/**
 * Parses the header, checking magic, version, dtype, method, reserved byte and the symbol cap.
 * Does not look at the body. @internal
 */
export function readHeader(fn: string, bytes: Uint8Array, maxSymbols: number): Header {
  const n = bytes.length;
  for (let i = 0; i < 4 && i < n; i++) {
    if (bytes[i] !== MAGIC[i]) formatError(fn, FormatErrorCode.BadMagic, `not a frugal Huffman container (byte ${i} is ${bytes[i]}, expected ${MAGIC[i]})`);
  }
  if (n < HEADER_BYTES) formatError(fn, FormatErrorCode.Truncated, `input has ${n} bytes, the header needs ${HEADER_BYTES}`);
  const version = bytes[4]!;
  if (version !== VERSION) formatError(fn, FormatErrorCode.UnsupportedVersion, `format version ${version} is not supported (this decoder reads ${VERSION})`);
  const dtypeCode = bytes[5]!;
  if (dtypeCode < 1 || dtypeCode > DTYPES.length) formatError(fn, FormatErrorCode.BadField, `unknown dtype code ${dtypeCode} (expected 1..${DTYPES.length})`);
  const method = bytes[6]!;
  if (method >= METHODS.length) formatError(fn, FormatErrorCode.BadField, `unknown method code ${method} (expected 0..${METHODS.length - 1})`);
  if (bytes[7] !== 0) formatError(fn, FormatErrorCode.BadField, `reserved byte 7 is ${bytes[7]} (expected 0)`);
  const count = readU32(bytes, 8);
  if (count > maxSymbols) formatError(fn, FormatErrorCode.TooLarge, `container holds ${count} symbols, more than maxSymbols ${maxSymbols}`);
  return { dtypeCode, method, count, bodyLength: readU32(bytes, 12), crc: readU32(bytes, 16) };
}

/** @internal */
export function writeU32(out: Uint8Array, at: number, v: number): void {
  out[at] = v & 0xff;
  out[at + 1] = (v >>> 8) & 0xff;
  out[at + 2] = (v >>> 16) & 0xff;
  out[at + 3] = v >>> 24;
}

/** @internal */
export function readU32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/**
 * Writes a code-length table: 25 × 3-bit lengths of the code-length code, then the lengths
 * coded with it (literal lengths 0..20, repeats and zero runs with extra bits). @internal
 */
export function writeLengthTable(w: BitWriter, lengths: Uint8Array): void {
  // tokens: (symbol << 16) | extra, and the extra-bit count per symbol
  const tokens: number[] = [];
  const n = lengths.length;
  let i = 0;
  while (i < n) {
    const l = lengths[i]!;
    let run = 1;
    while (i + run < n && lengths[i + run] === l) run++;
    i += run;
    if (l === 0) {
      while (run >= 3) {
        let take: number;
        if (run >= 139) {
          take = Math.min(run, 139 + 65535);
          tokens.push((CL_ZEROS_LONG << 16) | (take - 139));
        } else if (run >= 11) {
          take = run;
          tokens.push((CL_ZEROS_MID << 16) | (take - 11));
        } else {
          take = run;
          tokens.push((CL_ZEROS_SHORT << 16) | (take - 3));
        }
        run -= take;
      }
      for (; run > 0; run--) tokens.push(0);
    } else {
      tokens.push(l << 16);
      run--;
      while (run >= 3) {
        const take = Math.min(run, 6);
        tokens.push((CL_REPEAT << 16) | (take - 3));
        run -= take;
      }
      for (; run > 0; run--) tokens.push(l << 16);
    }
  }
  const freq = new Float64Array(CL_ALPHABET);
  for (const t of tokens) freq[t >>> 16]!++;
  const clLengths = huffmanCodeLengthsImpl(freq, CL_MAX_CODE_LENGTH, new Uint8Array(CL_ALPHABET));
  const clCodes = new Uint32Array(CL_ALPHABET);
  canonicalCodesImpl(clLengths, clCodes);
  for (let s = 0; s < CL_ALPHABET; s++) w.put(clLengths[s]!, CL_LENGTH_BITS);
  for (const t of tokens) {
    const s = t >>> 16;
    w.put(clCodes[s]!, clLengths[s]!);
    const extra = extraBitsOfCl(s);
    if (extra > 0) w.put(t & 0xffff, extra);
  }
}

function extraBitsOfCl(s: number): number {
  return s === CL_REPEAT ? 2 : s === CL_ZEROS_SHORT ? 3 : s === CL_ZEROS_MID ? 7 : s === CL_ZEROS_LONG ? 16 : 0;
}

/**
 * Reads a code-length table of `alphabet` entries written by {@link writeLengthTable} and checks
 * it: lengths ≤ maxLength, the code complete or a single 1-bit code (or empty, when allowed).
 * @internal
 */
export function readLengthTable(fn: string, r: BitReader, alphabet: number, maxLength: number, allowEmpty: boolean): Uint8Array {
  const clLengths = new Uint8Array(CL_ALPHABET);
  for (let s = 0; s < CL_ALPHABET; s++) clLengths[s] = r.read(CL_LENGTH_BITS);
  checkCode(fn, clLengths, false, 'code-length code');
  // puff.c-style canonical decoding: counts per length and symbols in canonical order
  const perLength = new Int32Array(CL_MAX_CODE_LENGTH + 1);
  for (let s = 0; s < CL_ALPHABET; s++) perLength[clLengths[s]!]!++;
  perLength[0] = 0;
  const offsets = new Int32Array(CL_MAX_CODE_LENGTH + 2);
  for (let l = 1; l <= CL_MAX_CODE_LENGTH; l++) offsets[l + 1] = offsets[l]! + perLength[l]!;
  const sorted = new Int32Array(CL_ALPHABET);
  for (let s = 0; s < CL_ALPHABET; s++) if (clLengths[s]! > 0) sorted[offsets[clLengths[s]!]!++] = s;

  const lengths = new Uint8Array(alphabet);
  let i = 0;
  let prev = -1;
  while (i < alphabet) {
    // decode one code-length symbol, bit by bit (at most 7 bits)
    let code = 0;
    let first = 0;
    let index = 0;
    let s = -1;
    for (let l = 1; l <= CL_MAX_CODE_LENGTH; l++) {
      code |= r.read(1);
      const c = perLength[l]!;
      if (code - c < first) {
        s = sorted[index + code - first]!;
        break;
      }
      index += c;
      first = (first + c) << 1;
      code <<= 1;
    }
    if (s < 0) formatError(fn, FormatErrorCode.BadCode, `invalid code in the code-length table at entry ${i}`);
    if (s <= MAX_CONTAINER_CODE_LENGTH) {
      if (s > maxLength) formatError(fn, FormatErrorCode.BadCodeLengths, `code length ${s} at entry ${i} exceeds ${maxLength}`);
      lengths[i++] = s;
      prev = s;
      continue;
    }
    const extra = r.read(extraBitsOfCl(s));
    let repeat: number;
    let value = 0;
    if (s === CL_REPEAT) {
      if (prev < 0) formatError(fn, FormatErrorCode.BadCodeLengths, 'a repeat code opens the code-length table');
      repeat = 3 + extra;
      value = prev;
    } else {
      repeat = s === CL_ZEROS_SHORT ? 3 + extra : s === CL_ZEROS_MID ? 11 + extra : 139 + extra;
      prev = 0;
    }
    if (repeat > alphabet - i) formatError(fn, FormatErrorCode.BadCodeLengths, `a run of ${repeat} lengths at entry ${i} passes the alphabet size ${alphabet}`);
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  checkCode(fn, lengths, allowEmpty, 'code');
  return lengths;
}

/** FormatError unless the lengths form a complete code or a single 1-bit code (or are empty when allowed). */
function checkCode(fn: string, lengths: Uint8Array, allowEmpty: boolean, what: string): void {
  const perLength = new Float64Array(33);
  let used = 0;
  let max = 0;
  for (let s = 0; s < lengths.length; s++) {
    const l = lengths[s]!;
    if (l === 0) continue;
    perLength[l]!++;
    used++;
    if (l > max) max = l;
  }
  if (used === 0) {
    if (allowEmpty) return;
    formatError(fn, FormatErrorCode.BadCodeLengths, `the ${what} has no symbols`);
  }
  const status = kraftStatus(perLength, max);
  if (status === 'complete' || (used === 1 && max === 1)) return;
  formatError(fn, FormatErrorCode.BadCodeLengths, `the ${what} lengths are ${status}`);
}

/** Longest length in a table. @internal */
export function maxLengthOf(lengths: Uint8Array): number {
  let m = 0;
  for (let i = 0; i < lengths.length; i++) if (lengths[i]! > m) m = lengths[i]!;
  return m;
}

/** Run-length symbol of a run r (see {@link RUN_DIRECT}). @internal */
export function runSymbol(r: number): number {
  return r < RUN_DIRECT ? r : 27 + (31 - Math.clz32(r));
}
