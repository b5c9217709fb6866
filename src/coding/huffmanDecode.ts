import { FormatErrorCode, checkInteger, checkNoOverlap, checkOptions, describe, formatError, rangeError, typeError } from '../core/index.js';
import type { SymbolArray } from '../entropy/index.js';
import { BitReader } from './bitReader.js';
import {
  DTYPES, HEADER_BYTES, MAX_CONTAINER_CODE_LENGTH, RUN_ALPHABET, RUN_DIRECT, RUN_MAX_CODE_LENGTH,
  allocateSymbols, alphabetOf, indexView, littleEndianBytes, maxLengthOf, readHeader, readLengthTable,
} from './container.js';
import type { Header } from './container.js';
import { crc32Impl } from './crc32.js';
import { BITS_MASK, LINK, MULTI_BITS, RUN_VALUE_BITS, buildDecodeTable, buildMultiTable, buildRunValueTable } from './decodeTable.js';
import type { DecodeTable } from './decodeTable.js';

/** Default cap on the symbols a container may declare (2^27 = 134,217,728). */
export const DEFAULT_MAX_SYMBOLS = 2 ** 27;

/** Options of {@link huffmanDecode}. */
export interface HuffmanDecodeOptions<O extends SymbolArray = SymbolArray> {
  /**
   * Largest symbol count accepted, an integer in [0, 2^32 − 1] (default 2^27). Checked against
   * the header before anything is allocated: the decoder never allocates more than this many
   * elements, whatever the input says.
   */
  maxSymbols?: number;
  /**
   * Array to decode into, of the container's dtype and at least its count long; the first
   * `count` elements are written and `out` itself is returned.
   */
  out?: O;
}

/**
 * Decodes a container made by {@link huffmanEncode} back into the original typed array.
 *
 * @remarks
 * Trusts nothing: magic, version, dtype, method, the reserved byte, the symbol count (against
 * `maxSymbols`) and the body length (against the input) are checked before any allocation;
 * code tables must be complete prefix codes (or a single 1-bit code) within the limits of the
 * format; the payload must decode to exactly `count` symbols and end, zero-padded, on the last
 * byte; the result must match the stored CRC-32. Every failure is a {@link FormatError} whose
 * `code` ({@link FormatErrorCode}) names the check; decoding time is linear in the input and
 * the count, so it cannot hang. Bytes after the container are an error (`TrailingData`): use
 * {@link huffmanInfo}`(bytes).byteLength` to cut a container out of a larger buffer.
 *
 * @param bytes - the container
 * @param options - {@link HuffmanDecodeOptions}
 * @returns the symbols, in the dtype stored in the container (Uint8Array, Int8Array,
 *   Uint16Array or Int16Array), or `options.out`
 * @throws TypeError if `bytes` is not a Uint8Array, or `out` is not of the container's dtype
 * @throws RangeError for a bad `maxSymbols`, an `out` shorter than the count, or one sharing
 *   memory with `bytes`
 * @throws FormatError for corrupt, truncated, foreign or oversized input
 *
 * @example
 * ```ts
 * const bytes = huffmanEncode(new Uint16Array([500, 500, 7, 500]));
 * huffmanDecode(bytes); // Uint16Array [500, 500, 7, 500]
 * huffmanDecode(bytes, { maxSymbols: 4 }).length; // 4
 * // with maxSymbols: 3 the same call throws a FormatError whose code is FormatErrorCode.TooLarge
 * ```
 */
export function huffmanDecode<O extends SymbolArray = SymbolArray>(bytes: Uint8Array, options: HuffmanDecodeOptions<O> = {}): O {
  const fn = 'huffmanDecode';
  if (!(bytes instanceof Uint8Array)) typeError(fn, `bytes must be a Uint8Array (got ${describe(bytes)})`);
  const o = checkOptions(fn, options);
  const maxSymbols = o.maxSymbols === undefined ? DEFAULT_MAX_SYMBOLS : checkInteger(fn, 'maxSymbols', o.maxSymbols, 0, 0xffffffff);
  if (o.out !== undefined && ArrayBuffer.isView(o.out)) checkNoOverlap(fn, 'out', o.out, 'bytes', bytes);
  return decodeContainerImpl(fn, bytes, maxSymbols, o.out) as O;
}

/**
 * Decodes and checks a whole container (see {@link huffmanDecode}); `out` is checked here.
 * Reusable by other areas with their own function name in messages.
 * @internal
 */
export function decodeContainerImpl(fn: string, bytes: Uint8Array, maxSymbols: number, out: SymbolArray | undefined): SymbolArray {
  const h = readHeader(fn, bytes, maxSymbols);
  const bodyEnd = HEADER_BYTES + h.bodyLength;
  if (bodyEnd > bytes.length) formatError(fn, FormatErrorCode.Truncated, `the body needs ${h.bodyLength} bytes, ${bytes.length - HEADER_BYTES} are there`);
  if (bodyEnd < bytes.length) formatError(fn, FormatErrorCode.TrailingData, `${bytes.length - bodyEnd} bytes follow the container`);
  const bpe = h.dtypeCode <= 2 ? 1 : 2;
  let result: SymbolArray | undefined;
  let crc = -1; // CRC-32 of the header and data, when a decoder already computed it
  if (h.method === 0) {
    if (h.bodyLength !== h.count * bpe) formatError(fn, FormatErrorCode.Inconsistent, `a raw body of ${h.count} ${DTYPES[h.dtypeCode - 1]} symbols has ${h.count * bpe} bytes, not ${h.bodyLength}`);
    result = outputFor(fn, h, out);
    const dst = new Uint8Array(result.buffer, result.byteOffset, h.count * bpe);
    if (bpe === 1) dst.set(bytes.subarray(HEADER_BYTES, bodyEnd));
    else {
      const view = result as Uint16Array | Int16Array;
      for (let i = 0; i < h.count; i++) view[i] = bytes[HEADER_BYTES + 2 * i]! | (bytes[HEADER_BYTES + 2 * i + 1]! << 8);
    }
  } else {
    if (h.count === 0) formatError(fn, FormatErrorCode.Inconsistent, 'a coded container must hold at least one symbol');
    if (h.method === 1 && h.count > h.bodyLength * 8) formatError(fn, FormatErrorCode.Inconsistent, `${h.count} symbols need at least ${h.count} bits, the body has ${h.bodyLength * 8}`);
    const r = new BitReader(bytes.subarray(HEADER_BYTES, bodyEnd), fn);
    const alphabet = alphabetOf(h.dtypeCode);
    if (h.method === 1) {
      const lengths = readLengthTable(fn, r, alphabet, MAX_CONTAINER_CODE_LENGTH, false);
      r.alignToByte();
      const table = buildDecodeTable(lengths, maxLengthOf(lengths));
      result = outputFor(fn, h, out);
      const idx = indexView(result);
      const start = HEADER_BYTES + r.bitPosition / 8;
      if (idx instanceof Uint8Array) {
        // the CRC of the symbols is taken block by block as they are decoded
        const state = new Int32Array(3);
        state[0] = crc32Impl(bytes, 4, 16, 0);
        const bits = decodeHuffmanMultiImpl(fn, bytes, start, bodyEnd, table, buildMultiTable(lengths), idx, h.count, state);
        checkPayloadEnd(fn, bytes, start, bodyEnd, bits);
        crc = state[0]! >>> 0;
      } else {
        const bits = decodeHuffmanImpl(fn, bytes, start, bodyEnd, table, idx, h.count, 0, 0, 0);
        checkPayloadEnd(fn, bytes, start, bodyEnd, bits);
      }
    } else {
      const runLengths = readLengthTable(fn, r, RUN_ALPHABET, RUN_MAX_CODE_LENGTH, false);
      const valueLengths = readLengthTable(fn, r, alphabet, MAX_CONTAINER_CODE_LENGTH, true);
      if (valueLengths[0] !== 0) formatError(fn, FormatErrorCode.BadCodeLengths, 'the value code of a zero-run container gives 0 a code');
      r.alignToByte();
      const runTable = buildDecodeTable(runLengths, maxLengthOf(runLengths));
      const valueTable = buildDecodeTable(valueLengths, Math.max(1, maxLengthOf(valueLengths)));
      result = outputFor(fn, h, out);
      const start = HEADER_BYTES + r.bitPosition / 8;
      const bits = decodeZeroRunPairsImpl(fn, bytes, start, bodyEnd, runTable, valueTable, buildRunValueTable(runLengths, valueLengths, RUN_DIRECT), indexView(result), h.count, out !== undefined);
      checkPayloadEnd(fn, bytes, start, bodyEnd, bits);
    }
  }
  if (crc === -1) {
    const data = littleEndianBytes(result.length === h.count ? result : result.subarray(0, h.count));
    crc = crc32Impl(data, 0, data.length, crc32Impl(bytes, 4, 16, 0));
  }
  if (crc !== h.crc) formatError(fn, FormatErrorCode.BadChecksum, `CRC-32 of the header and decoded data is ${crc}, the header says ${h.crc}`);
  return result;
}

function outputFor(fn: string, h: Header, out: SymbolArray | undefined): SymbolArray {
  if (out === undefined) return allocateSymbols(h.dtypeCode, h.count);
  const want = allocateSymbols(h.dtypeCode, 0).constructor as { name: string };
  if (out.constructor !== want) typeError(fn, `out must be a ${want.name} for this ${DTYPES[h.dtypeCode - 1]} container (got ${describe(out)})`);
  if (out.length < h.count) rangeError(fn, `out has length ${out.length}, needs ${h.count}`);
  return out;
}

/** The payload must end in its last byte, padded with zero bits. */
function checkPayloadEnd(fn: string, bytes: Uint8Array, start: number, end: number, bits: number): void {
  const used = Math.ceil(bits / 8);
  if (start + used < end) formatError(fn, FormatErrorCode.TrailingData, `${end - start - used} payload bytes follow the last symbol`);
  const pad = used * 8 - bits;
  if (pad > 0 && (bytes[end - 1]! & ((1 << pad) - 1)) !== 0) formatError(fn, FormatErrorCode.Inconsistent, 'the padding bits after the last symbol are not zero');
}

/**
 * Decodes n symbols of one canonical code from bytes[start, end) into `out`; returns the bits
 * consumed. A 32-bit window holds 25..32 unread bits after each refill, so one table lookup
 * (plus one second-level lookup for codes longer than the root) decodes a symbol. Past `end`
 * the window is filled with zero bits, counted in `pad`; consuming them is `Truncated`.
 * @internal
 */
export function decodeHuffmanImpl(
  fn: string, src: Uint8Array, start: number, end: number, dt: DecodeTable, out: Uint8Array | Uint16Array, n: number,
  from: number, bufIn: number, cntIn: number, pIn = start,
): number {
  // module constants copied to locals: imported bindings in a hot loop cost a load and a check each
  const link = LINK;
  const bitsMask = BITS_MASK;
  const table = dt.table;
  const root = dt.rootBits;
  const rootMask = (1 << root) - 1;
  const maxLength = dt.maxLength;
  let buf = bufIn; // bit window: the low `cnt` bits are unread, MSB first
  let cnt = cntIn;
  let p = pIn;
  let i = from;
  // fast loop: ≥ 4 input bytes left, so refills need no bounds checks and no padding exists
  const fastEnd = end - 4;
  while (i < n && p <= fastEnd) {
    if (cnt < maxLength) {
      while (cnt <= 24) {
        buf = (buf << 8) | src[p++]!;
        cnt += 8;
      }
    }
    let e = table[(buf >>> (cnt - root)) & rootMask]!;
    if ((e & link) !== 0) {
      const k = e & bitsMask;
      e = table[(e >>> 8) + ((buf >>> (cnt - root - k)) & ((1 << k) - 1))]!;
    }
    const len = e & bitsMask;
    if (len === 0) formatError(fn, FormatErrorCode.BadCode, `no code matches the bits of symbol ${i}`);
    cnt -= len;
    out[i++] = e >>> 8;
  }
  // tail: past `end` the window is filled with zero bits, counted in `pad`; consuming them is Truncated
  let pad = 0;
  while (i < n) {
    if (cnt < maxLength) {
      while (cnt <= 24) {
        if (p < end) buf = (buf << 8) | src[p++]!;
        else {
          buf <<= 8;
          pad += 8;
        }
        cnt += 8;
      }
    }
    let e = table[(buf >>> (cnt - root)) & rootMask]!;
    if ((e & link) !== 0) {
      const k = e & bitsMask;
      e = table[(e >>> 8) + ((buf >>> (cnt - root - k)) & ((1 << k) - 1))]!;
    }
    const len = e & bitsMask;
    if (len === 0) formatError(fn, FormatErrorCode.BadCode, `no code matches the bits of symbol ${i}`);
    cnt -= len;
    if (cnt < pad) formatError(fn, FormatErrorCode.Truncated, `the payload ends inside symbol ${i} of ${n}`);
    out[i++] = e >>> 8;
  }
  return (p - start) * 8 + pad - cnt;
}

/** Symbols decoded per call of {@link decodeMultiBlock} before their CRC-32 is taken, while they are still in cache. */
const MULTI_BLOCK = 1 << 16;

/**
 * {@link decodeHuffmanImpl} for 8-bit symbols with a multi-symbol table ({@link buildMultiTable}),
 * also computing the CRC-32 of the decoded symbols: `state[0]` holds the CRC to continue on
 * entry and the CRC of the symbols appended on return. The symbols are decoded in blocks of
 * {@link MULTI_BLOCK} by {@link decodeMultiBlock}, each block's CRC taken right after it (the
 * block is still in cache, and the short calls get the kernel a regular optimised compile
 * instead of on-stack replacement). The last symbols and bytes go through
 * {@link decodeHuffmanImpl}. Returns the bits consumed.
 * @internal
 */
export function decodeHuffmanMultiImpl(
  fn: string, src: Uint8Array, start: number, end: number, dt: DecodeTable, multi: Int32Array, out: Uint8Array, n: number,
  state: Int32Array,
): number {
  const input = new DataView(src.buffer, src.byteOffset, end); // loads never pass the body
  const output = new DataView(out.buffer, out.byteOffset, n);
  let crc = state[0]! >>> 0;
  let q = start; // byte position
  let b = 0; // bits of src[q] already consumed, 0..7
  let i = 0;
  // the kernel keeps positions in int32: past 2^31 − 1 bytes or symbols all goes through decodeHuffmanImpl
  // a kernel iteration loads at ≤ q + 3 and stores 4 bytes at ≤ i + 12: loads stay below end, stores below n
  const qEnd = end <= 0x7fffffff && n <= 0x7fffffff ? end - 8 : -1;
  const iEnd = n - 16;
  // the first block is one step: the kernel's code after its loop then has type feedback before
  // the loop is hot, so neither its on-stack-replaced nor its regular compile deopts there
  let block = 0;
  while (q <= qEnd && i <= iEnd) {
    const stop = Math.min(i + block, iEnd);
    block = MULTI_BLOCK;
    decodeMultiBlock(input, dt.table, dt.rootBits, multi, output, out, q, b, i, qEnd, stop, state);
    q = state[0]!;
    b = state[1]!;
    const next = state[2]!;
    if (q <= qEnd && next <= stop) formatError(fn, FormatErrorCode.BadCode, `no code matches the bits of symbol ${next}`);
    crc = crc32Impl(out, i, next, crc);
    i = next;
  }
  // the window of decodeHuffmanImpl: the unread bits of src[q], then bytes from q + 1
  const bits = b === 0 ? decodeHuffmanImpl(fn, src, start, end, dt, out, n, i, 0, 0, q) : decodeHuffmanImpl(fn, src, start, end, dt, out, n, i, src[q]!, 8 - b, q + 1);
  state[0] = crc32Impl(out, i, n, crc);
  return bits;
}

/**
 * The kernel of {@link decodeHuffmanMultiImpl}: one big-endian 32-bit load at byte q, shifted
 * by the bit offset b, holds ≥ 25 unread bits, enough for two 12-bit lookups; each lookup
 * stores up to three symbols with one 32-bit store and advances by their count. No branch
 * depends on the data except the rare fallback to the full table (codes longer than 12 bits,
 * invalid codes). Runs while q ≤ qEnd and i ≤ stop, or up to bits that match no code (the
 * caller throws: no call in the loop, so V8 keeps the arrays' maps and data pointers across
 * steps); leaves q, b and i in state[0..2].
 */
function decodeMultiBlock(
  input: DataView, table: Int32Array, rootIn: number, multi: Int32Array, output: DataView, out: Uint8Array,
  qIn: number, bIn: number, iIn: number, qEndIn: number, stopIn: number, state: Int32Array,
): void {
  const link = LINK;
  const bitsMask = BITS_MASK;
  const shift = 32 - MULTI_BITS;
  // `| 0` (the caller keeps all < 2^31): int32 loop variables and bounds, instead of tagged
  // values checked and re-tagged on every step
  const root = rootIn | 0;
  const qEnd = qEndIn | 0;
  const stop = stopIn | 0;
  let q = qIn | 0;
  let b = bIn | 0;
  let i = iIn | 0;
  while (q <= qEnd && i <= stop) {
    let w = input.getInt32(q) << b;
    let e = multi[w >>> shift]!;
    let len = e & bitsMask;
    let f = multi[(w << len) >>> shift]!;
    let lenF = f & bitsMask;
    if (lenF === 0) {
      // (len = 0 gives f = e, so lenF = 0 too) one symbol from the full table: a code longer than 12 bits, or no code
      let s = table[w >>> (32 - root)]!;
      if ((s & link) !== 0) {
        const k = s & bitsMask;
        s = table[(s >>> 8) + ((w << root) >>> (32 - k))]!;
      }
      const l = s & bitsMask;
      if (l === 0) break; // no code: the caller throws
      out[i++] = s >>> 8;
      b += l;
      q += b >>> 3;
      b &= 7;
      continue;
    }
    output.setInt32(i, e >>> 8, true);
    i += 1 + ((e >>> 5) & 3);
    output.setInt32(i, f >>> 8, true);
    i += 1 + ((f >>> 5) & 3);
    b += len + lenF;
    q += b >>> 3;
    b &= 7;
    // a second step in the same iteration (q ≤ qEnd + 3, i ≤ stop + 6): the bounds keep its load and stores inside;
    // when it needs the full table the next iteration's first step takes it
    w = input.getInt32(q) << b;
    e = multi[w >>> shift]!;
    len = e & bitsMask;
    f = multi[(w << len) >>> shift]!;
    lenF = f & bitsMask;
    if (lenF === 0) continue;
    output.setInt32(i, e >>> 8, true);
    i += 1 + ((e >>> 5) & 3);
    output.setInt32(i, f >>> 8, true);
    i += 1 + ((f >>> 5) & 3);
    b += len + lenF;
    q += b >>> 3;
    b &= 7;
  }
  state[0] = q;
  state[1] = b;
  state[2] = i;
}

/**
 * Decodes a zero-run payload (runs of zeros, each followed by a nonzero value) of n symbols;
 * returns the bits consumed. `fillZeros` writes the zeros (a fresh output is already zero).
 * @internal
 */
export function decodeZeroRunImpl(
  fn: string, src: Uint8Array, start: number, end: number,
  runDt: DecodeTable, valueDt: DecodeTable, out: Uint8Array | Uint16Array, n: number, fillZeros: boolean,
  from = 0, bufIn = 0, cntIn = 0, pIn = start,
): number {
  const link = LINK;
  const bitsMask = BITS_MASK;
  const runDirect = RUN_DIRECT;
  const runTable = runDt.table;
  const runRoot = runDt.rootBits;
  const valueTable = valueDt.table;
  const valueRoot = valueDt.rootBits;
  let buf = bufIn;
  let cnt = cntIn;
  let p = pIn;
  let pad = 0;
  let i = from;
  // every field below needs ≤ 20 bits: refill whenever fewer than 20 are in the window
  while (i < n) {
    if (cnt < 20) {
      while (cnt <= 24) {
        if (p < end) buf = (buf << 8) | src[p++]!;
        else {
          buf <<= 8;
          pad += 8;
        }
        cnt += 8;
      }
    }
    let e = runTable[(buf >>> (cnt - runRoot)) & ((1 << runRoot) - 1)]!;
    if ((e & link) !== 0) {
      const k = e & bitsMask;
      e = runTable[(e >>> 8) + ((buf >>> (cnt - runRoot - k)) & ((1 << k) - 1))]!;
    }
    let len = e & bitsMask;
    if (len === 0) formatError(fn, FormatErrorCode.BadCode, `no run code matches the bits at symbol ${i}`);
    cnt -= len;
    let r = e >>> 8;
    if (r >= runDirect) {
      const bits = r - 27;
      r = 0;
      let left = bits;
      while (left > 0) {
        const take = left > 16 ? left - 16 : left;
        left -= take;
        if (cnt < 20) {
          while (cnt <= 24) {
            if (p < end) buf = (buf << 8) | src[p++]!;
            else {
              buf <<= 8;
              pad += 8;
            }
            cnt += 8;
          }
        }
        cnt -= take;
        r = r * 2 ** take + ((buf >>> cnt) & ((1 << take) - 1));
      }
      r += 2 ** bits;
    }
    if (cnt < pad) formatError(fn, FormatErrorCode.Truncated, `the payload ends inside the run before symbol ${i} of ${n}`);
    if (r > n - i) formatError(fn, FormatErrorCode.Inconsistent, `a run of ${r} zeros at symbol ${i} passes the count ${n}`);
    if (fillZeros) out.fill(0, i, i + r);
    i += r;
    if (i === n) break;
    if (cnt < 20) {
      while (cnt <= 24) {
        if (p < end) buf = (buf << 8) | src[p++]!;
        else {
          buf <<= 8;
          pad += 8;
        }
        cnt += 8;
      }
    }
    e = valueTable[(buf >>> (cnt - valueRoot)) & ((1 << valueRoot) - 1)]!;
    if ((e & link) !== 0) {
      const k = e & bitsMask;
      e = valueTable[(e >>> 8) + ((buf >>> (cnt - valueRoot - k)) & ((1 << k) - 1))]!;
    }
    len = e & bitsMask;
    if (len === 0) formatError(fn, FormatErrorCode.BadCode, `no value code matches the bits at symbol ${i}`);
    cnt -= len;
    if (cnt < pad) formatError(fn, FormatErrorCode.Truncated, `the payload ends inside symbol ${i} of ${n}`);
    out[i++] = e >>> 8;
  }
  return (p - start) * 8 + pad - cnt;
}

/**
 * {@link decodeZeroRunImpl} with a run-value table ({@link buildRunValueTable}): one big-endian
 * 32-bit load at the byte position, shifted by the bit offset, holds ≥ 25 unread bits; one
 * lookup of {@link RUN_VALUE_BITS} of them gives a run < 32 and its value, stored with one
 * write (the zeros are already there). Other fields (long runs, longer codes, invalid bits) are
 * read one at a time from fresh loads. Stops ≥ 16 bytes before the end and ≥ 33 symbols before
 * n, so no load passes the body and no run passes n unchecked; the rest goes through
 * {@link decodeZeroRunImpl}. Returns the bits consumed.
 * @internal
 */
export function decodeZeroRunPairsImpl(
  fn: string, src: Uint8Array, start: number, end: number,
  runDt: DecodeTable, valueDt: DecodeTable, pairs: Int32Array, out: Uint8Array | Uint16Array, n: number, fillZeros: boolean,
): number {
  const link = LINK;
  const bitsMask = BITS_MASK;
  const runDirect = RUN_DIRECT;
  const shift = 32 - RUN_VALUE_BITS;
  const runTable = runDt.table;
  const runRoot = runDt.rootBits;
  const valueTable = valueDt.table;
  const valueRoot = valueDt.rootBits;
  if (fillZeros) out.fill(0, 0, n);
  const input = new DataView(src.buffer, src.byteOffset, end); // loads never pass the body
  let q = start; // byte position
  let b = 0; // bits of src[q] already consumed, 0..7
  let i = 0;
  const qEnd = end - 16; // one step reads ≤ 15 + 31 + 20 bits, from loads at q ≤ end − 4
  const iEnd = n - 33; // a run < 32 and its value stay below n
  while (q <= qEnd && i <= iEnd) {
    const w = input.getInt32(q) << b;
    const e = pairs[w >>> shift]!;
    if (e !== 0) {
      i += (e >>> 5) & 31;
      out[i++] = e >>> 10;
      b += e & bitsMask;
    } else {
      // the run code, from the full table
      let s = runTable[w >>> (32 - runRoot)]!;
      if ((s & link) !== 0) {
        const k = s & bitsMask;
        s = runTable[(s >>> 8) + ((w << runRoot) >>> (32 - k))]!;
      }
      const l = s & bitsMask;
      if (l === 0) formatError(fn, FormatErrorCode.BadCode, `no run code matches the bits at symbol ${i}`);
      b += l;
      q += b >>> 3;
      b &= 7;
      let r = s >>> 8;
      if (r >= runDirect) {
        // e = r − 27 extra bits (5..31), in pieces of ≤ 16 from fresh loads
        const bits = r - 27;
        r = 0;
        let left = bits;
        while (left > 0) {
          const take = left > 16 ? left - 16 : left;
          left -= take;
          r = r * 2 ** take + ((input.getInt32(q) << b) >>> (32 - take));
          b += take;
          q += b >>> 3;
          b &= 7;
        }
        r += 2 ** bits;
      }
      if (r > n - i) formatError(fn, FormatErrorCode.Inconsistent, `a run of ${r} zeros at symbol ${i} passes the count ${n}`);
      i += r;
      if (i === n) return (q - start) * 8 + b;
      // the value code
      const x = input.getInt32(q) << b;
      let v = valueTable[x >>> (32 - valueRoot)]!;
      if ((v & link) !== 0) {
        const k = v & bitsMask;
        v = valueTable[(v >>> 8) + ((x << valueRoot) >>> (32 - k))]!;
      }
      const lv = v & bitsMask;
      if (lv === 0) formatError(fn, FormatErrorCode.BadCode, `no value code matches the bits at symbol ${i}`);
      out[i++] = v >>> 8;
      b += lv;
    }
    q += b >>> 3;
    b &= 7;
  }
  // the window of decodeZeroRunImpl: the unread bits of src[q], then bytes from q + 1
  if (i === n) return (q - start) * 8 + b;
  return b === 0
    ? decodeZeroRunImpl(fn, src, start, end, runDt, valueDt, out, n, false, i, 0, 0, q)
    : decodeZeroRunImpl(fn, src, start, end, runDt, valueDt, out, n, false, i, src[q]! & (0xff >>> b), 8 - b, q + 1);
}
