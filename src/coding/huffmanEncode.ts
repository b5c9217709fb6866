import { checkInteger, checkOneOf, checkOptions, dispatcher, rangeError } from '../core/index.js';
import type { SymbolArray } from '../entropy/index.js';
import { BitWriter } from './bitWriter.js';
import { canonicalCodesImpl } from './canonicalCodes.js';
import { huffmanCodeLengthsImpl } from './codeLengths.js';
import {
  HEADER_BYTES, MAX_CONTAINER_CODE_LENGTH, METHODS, RUN_ALPHABET, RUN_DIRECT, RUN_MAX_CODE_LENGTH,
  alphabetOf, dtypeCodeOf, indexView, littleEndianBytes, maxLengthOf, writeHeader, writeLengthTable, writeU32,
} from './container.js';
import type { CodingMethod } from './container.js';
import { crc32Impl } from './crc32.js';

/** Options of {@link huffmanEncode}. */
export interface HuffmanEncodeOptions {
  /**
   * `'auto'` (default): the smallest of the three, computed exactly before coding;
   * `'huffman'`: one Huffman code over the symbols; `'zero-run'`: Huffman-coded zero-run
   * lengths and nonzero values (for pruned weights); `'raw'`: the bytes as they are.
   */
  method?: 'auto' | CodingMethod;
  /**
   * Longest code of the symbol table, an integer in [1, 20]; default 15 for 8-bit and 20 for
   * 16-bit symbols. Codes are optimal under the limit (package-merge). Must allow every used
   * value: 2^maxCodeLength ≥ number of distinct values.
   */
  maxCodeLength?: number;
}

const dispatch = /*#__PURE__*/ dispatcher('huffmanEncode', ['symbols', 'options'], {
  'Uint8Array | Int8Array | Uint16Array | Int16Array, Object': (s: SymbolArray, o: HuffmanEncodeOptions) => run(s, o),
});

/**
 * Huffman-codes a symbol stream into a self-describing container (docs/format.md): header,
 * code tables, payload and a CRC-32 of the data. {@link huffmanDecode} restores the exact array.
 *
 * @remarks
 * The container records the dtype (Uint8, Int8, Uint16 or Int16), the symbol count and the
 * method. With `method: 'auto'` the encoder computes the exact size of every method from the
 * symbol histogram (and, when it can win, the zero-run histogram) and codes with the smallest;
 * ties go to `'huffman'`, then `'zero-run'`. Zero-run coding sends each run of zeros before a
 * nonzero value, and the value, with two Huffman codes, so a 90%-pruned tensor costs about 1
 * bit per weight instead of Huffman's floor of 1 bit per symbol plus the values. Empty input
 * gives a 20-byte `'raw'` container. Signed values are coded by their two's-complement bits
 * (Int8 −1 is symbol 255), as {@link symbolCounts} counts them. Input is never modified.
 * Codes are canonical (RFC 1951 order) and MSB-first.
 *
 * @param symbols - Uint8Array, Int8Array, Uint16Array or Int16Array, at most 2^32 − 1 elements
 * @param options - {@link HuffmanEncodeOptions}
 * @returns the container bytes
 * @throws TypeError if `symbols` or `options` has the wrong type
 * @throws RangeError for an unknown method, or a `maxCodeLength` outside [1, 20] or too small
 *   for the number of distinct values
 *
 * @example
 * ```ts
 * const weights = new Int8Array(1000); // a pruned tensor: mostly zeros
 * weights[10] = -1;
 * weights[500] = 3;
 * const bytes = huffmanEncode(weights);
 * huffmanInfo(bytes).method; // 'zero-run'
 * bytes.length; // 48
 * huffmanDecode(bytes)[10]; // -1
 * ```
 */
export function huffmanEncode(symbols: SymbolArray, options: HuffmanEncodeOptions = {}): Uint8Array {
  return dispatch(symbols, checkOptions('huffmanEncode', options)) as Uint8Array;
}

function run(symbols: SymbolArray, o: HuffmanEncodeOptions): Uint8Array {
  const fn = 'huffmanEncode';
  const method = checkOneOf(fn, 'method', o.method, ['auto', ...METHODS], 'auto');
  const wide = symbols.BYTES_PER_ELEMENT === 2;
  const limit = o.maxCodeLength === undefined ? (wide ? 20 : 15) : checkInteger(fn, 'maxCodeLength', o.maxCodeLength, 1, MAX_CONTAINER_CODE_LENGTH);
  if (symbols.length > 0xffffffff) rangeError(fn, `symbols has ${symbols.length} elements, more than 2^32 − 1`);
  const idx = indexView(symbols);
  // a sparse 8-bit stream that may be zero-run coded: one scan gives the runs and the histogram
  const sparse = method !== 'huffman' && method !== 'raw' && idx instanceof Uint8Array ? sparseSample(idx) : -1;
  const scan = sparse >= 0 ? scanZeroRunsImpl(idx, idx.length, sparse) : undefined;
  const counts = scan !== undefined ? scan.valueCounts : symbolCountsImpl(idx);
  let distinct = 0;
  for (let s = 0; s < counts.length; s++) if (counts[s]! > 0) distinct++;
  if (distinct > 2 ** limit) rangeError(fn, `maxCodeLength ${limit} is too small for ${distinct} distinct values (needs ≥ ${Math.ceil(Math.log2(distinct))})`);
  const plan = planEncoding(symbols, counts, limit, method, scan);
  return encodeWithPlan(symbols, plan);
}

/** Symbols sampled by {@link sparseSample}: 64 blocks of 64. */
const SAMPLE_BLOCKS = 64;
const SAMPLE_BLOCK = 64;

/**
 * For a long stream whose evenly spaced sample is at least 3/4 zeros: an estimate of its
 * number of nonzero symbols (the capacity {@link scanZeroRunsImpl} starts with); else −1.
 * Only decides how the histogram is computed, never the output.
 * @internal
 */
export function sparseSample(idx: Uint8Array): number {
  const n = idx.length;
  if (n < 1 << 16) return -1;
  const step = Math.floor((n - SAMPLE_BLOCK) / (SAMPLE_BLOCKS - 1));
  let zeros = 0;
  for (let b = 0; b < SAMPLE_BLOCKS; b++) {
    const at = b * step;
    for (let i = at; i < at + SAMPLE_BLOCK; i++) if (idx[i] === 0) zeros++;
  }
  const sampled = SAMPLE_BLOCKS * SAMPLE_BLOCK;
  if (zeros * 4 < sampled * 3) return -1;
  return Math.ceil((n * (sampled - zeros)) / sampled + n / 32);
}

/**
 * Histogram of the symbols (as symbolCounts counts them). 8-bit symbols are read four at a time
 * from an aligned Int32Array view into four sub-histograms, so repeated symbols do not wait on
 * each other's increments (13 → 7 ms on a 4 MiB Laplace stream, 13 → 4.4 ms 90%-pruned).
 * @internal
 */
export function symbolCountsImpl(idx: Uint8Array | Uint16Array): Uint32Array {
  const n = idx.length;
  if (idx instanceof Uint16Array) {
    const wide = new Uint32Array(65536);
    for (let i = 0; i < n; i++) wide[idx[i]!]!++;
    return wide;
  }
  const c = new Int32Array(1024);
  let i = 0;
  for (; i < n && ((idx.byteOffset + i) & 3) !== 0; i++) c[idx[i]!]!++;
  const words = (n - i) >>> 2;
  if (words > 0) {
    const w = new Int32Array(idx.buffer, idx.byteOffset + i, words);
    for (let k = 0; k < words; k++) {
      const v = w[k]!;
      c[v & 0xff]!++;
      c[256 + ((v >>> 8) & 0xff)]!++;
      c[512 + ((v >>> 16) & 0xff)]!++;
      c[768 + (v >>> 24)]!++;
    }
    i += words * 4;
  }
  for (; i < n; i++) c[idx[i]!]!++;
  const counts = new Uint32Array(256);
  for (let s = 0; s < 256; s++) counts[s] = c[s]! + c[256 + s]! + c[512 + s]! + c[768 + s]!;
  return counts;
}

/** What {@link planEncoding} decided, with everything the writer needs. @internal */
export interface EncodingPlan {
  method: CodingMethod;
  /** container size in bytes */
  bytes: number;
  /** the code tables, byte-aligned (empty for raw) */
  tables: Uint8Array;
  /** payload size in bytes */
  payloadBytes: number;
  /** symbol → (code << 5) | length of the main (huffman) or value (zero-run) code */
  packed: Int32Array;
  /** run symbol → (code << 5) | length (zero-run only) */
  runPacked: Int32Array;
  /** longest code of `packed` */
  maxLength: number;
  /** the runs and values (zero-run only; computed when writing if absent) */
  scan?: ZeroRunScan;
}

/**
 * Chooses the method and builds the tables: exact container sizes from the histograms.
 * `counts` comes from symbolCounts(symbols); `limit` is the checked maxCodeLength; `scanned`,
 * when given, is scanZeroRunsImpl(symbols) (its runs are not recomputed).
 * @internal
 */
export function planEncoding(symbols: SymbolArray, counts: Uint32Array, limit: number, method: 'auto' | CodingMethod, scanned?: ZeroRunScan): EncodingPlan {
  const n = symbols.length;
  const alphabet = counts.length;
  const rawBytes = HEADER_BYTES + n * symbols.BYTES_PER_ELEMENT;
  const none = new Int32Array(0);
  const raw: EncodingPlan = { method: 'raw', bytes: rawBytes, tables: new Uint8Array(0), payloadBytes: n * symbols.BYTES_PER_ELEMENT, packed: none, runPacked: none, maxLength: 0 };
  if (n === 0 || method === 'raw') return raw;

  // plain Huffman
  const lengths = huffmanCodeLengthsImpl(counts, limit, new Uint8Array(alphabet));
  let huffBits = 0;
  for (let s = 0; s < alphabet; s++) huffBits += counts[s]! * lengths[s]!;
  let best: EncodingPlan | undefined;
  if (method !== 'zero-run') {
    const w = new BitWriter(64);
    writeLengthTable(w, lengths);
    const tables = w.finish();
    const payloadBytes = Math.ceil(huffBits / 8);
    best = { method: 'huffman', bytes: HEADER_BYTES + tables.length + payloadBytes, tables, payloadBytes, packed: packCodes(lengths), runPacked: none, maxLength: maxLengthOf(lengths) };
  }

  // zero-run: values are the nonzero symbols; runs need a pass over the data
  if (method !== 'huffman' && counts[0]! > 0) {
    const valueCounts = counts.slice();
    valueCounts[0] = 0;
    const valueLengths = huffmanCodeLengthsImpl(valueCounts, limit, new Uint8Array(alphabet));
    let valueBits = 0;
    for (let s = 1; s < alphabet; s++) valueBits += valueCounts[s]! * valueLengths[s]!;
    // every nonzero value also needs a run code of ≥ 1 bit: skip the pass when that cannot win
    const lowerBound = HEADER_BYTES + Math.ceil((valueBits + (n - counts[0]!)) / 8);
    if (method === 'zero-run' || best === undefined || lowerBound < best.bytes) {
      const scan = scanned ?? scanZeroRunsImpl(indexView(symbols), n, n - counts[0]!);
      const runCounts = scan.runCounts;
      const runLengths = huffmanCodeLengthsImpl(runCounts, RUN_MAX_CODE_LENGTH, new Uint8Array(RUN_ALPHABET));
      let runBits = 0;
      for (let s = 0; s < RUN_ALPHABET; s++) runBits += runCounts[s]! * (runLengths[s]! + (s < RUN_DIRECT ? 0 : s - 27));
      const w = new BitWriter(64);
      writeLengthTable(w, runLengths);
      writeLengthTable(w, valueLengths);
      const tables = w.finish();
      const payloadBytes = Math.ceil((runBits + valueBits) / 8);
      const bytes = HEADER_BYTES + tables.length + payloadBytes;
      if (best === undefined || bytes < best.bytes) {
        best = { method: 'zero-run', bytes, tables, payloadBytes, packed: packCodes(valueLengths), runPacked: packCodes(runLengths), maxLength: maxLengthOf(valueLengths), scan };
      }
    }
  }
  if (best === undefined) best = zeroRunFallback(symbols, counts, limit);
  if (method === 'auto' && raw.bytes < best.bytes) return raw;
  return best;
}

/** zero-run was asked for but the data has no zero: still a valid zero-run container (runs of 0). */
function zeroRunFallback(symbols: SymbolArray, counts: Uint32Array, limit: number): EncodingPlan {
  const n = symbols.length;
  const alphabet = counts.length;
  const valueLengths = huffmanCodeLengthsImpl(counts, limit, new Uint8Array(alphabet));
  let valueBits = 0;
  for (let s = 1; s < alphabet; s++) valueBits += counts[s]! * valueLengths[s]!;
  const runLengths = new Uint8Array(RUN_ALPHABET);
  runLengths[0] = 1;
  const w = new BitWriter(64);
  writeLengthTable(w, runLengths);
  writeLengthTable(w, valueLengths);
  const tables = w.finish();
  const payloadBytes = Math.ceil((valueBits + n) / 8);
  return { method: 'zero-run', bytes: HEADER_BYTES + tables.length + payloadBytes, tables, payloadBytes, packed: packCodes(valueLengths), runPacked: packCodes(runLengths), maxLength: maxLengthOf(valueLengths) };
}

/** symbol → (canonical code << 5) | length. */
function packCodes(lengths: Uint8Array): Int32Array {
  const codes = new Uint32Array(lengths.length);
  canonicalCodesImpl(lengths, codes);
  const packed = new Int32Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) packed[s] = (codes[s]! << 5) | lengths[s]!;
  return packed;
}

/** Symbols per segment of the zero-run passes (a multiple of 8): the positions and values of its nonzero symbols are gathered first. */
const RUN_CHUNK = 4096;

/**
 * How the zero-run passes split the symbols into segments: for 8-bit symbols, the elements up to
 * a 4-byte boundary, then chunks of 8-byte groups read as 32-bit words ([wordsFrom, wordsTo),
 * {@link gatherWordsImpl}), then the rest; 16-bit symbols (and short inputs) in plain chunks.
 * @internal
 */
export interface RunSegments {
  wordsFrom: number;
  wordsTo: number;
  words: Int32Array | undefined;
}

/** The word region of {@link RunSegments}. @internal */
export function runSegments(idx: Uint8Array | Uint16Array, n: number): RunSegments {
  if (!(idx instanceof Uint8Array) || n < 16) return { wordsFrom: 0, wordsTo: 0, words: undefined };
  const head = (4 - (idx.byteOffset & 3)) & 3;
  const groups = (n - head) >>> 3;
  return { wordsFrom: head, wordsTo: head + groups * 8, words: new Int32Array(idx.buffer, idx.byteOffset + head, groups * 2) };
}

/** End of the segment starting at `from` (see {@link RunSegments}). @internal */
export function segmentEnd(seg: RunSegments, from: number, n: number): number {
  if (from < seg.wordsFrom) return seg.wordsFrom;
  if (from < seg.wordsTo) return Math.min(seg.wordsTo, from + RUN_CHUNK);
  return Math.min(n, from + RUN_CHUNK);
}

/**
 * The nonzero symbols of idx[from, to) into keys from index k0, each as (position − from) <<
 * shift | symbol (shift 8 for 8-bit, 16 for 16-bit symbols; segments are ≤ 4096 symbols);
 * returns the new count. Reads 32-bit words inside the word region, else elements. Writes at
 * most keys[count] past the nonzero ones.
 * @internal
 */
export function gatherNonzerosImpl(idx: Uint8Array | Uint16Array, seg: RunSegments, from: number, to: number, keys: Int32Array, k0: number): number {
  if (seg.words !== undefined && from >= seg.wordsFrom && from < seg.wordsTo) return gatherWordsImpl(seg.words, (from - seg.wordsFrom) >>> 2, (to - seg.wordsFrom) >>> 2, keys, k0);
  let k = k0;
  if (idx instanceof Uint8Array) {
    for (let i = from; i < to; i++) {
      const v = idx[i]!;
      if (v !== 0) keys[k++] = ((i - from) << 8) | v;
    }
  } else {
    for (let i = from; i < to; i++) {
      const v = idx[i]!;
      if (v !== 0) keys[k++] = ((i - from) << 16) | v;
    }
  }
  return k;
}

/**
 * Nonzero bytes of words[wFrom, wTo) (an even count, ≤ 1024 words), 8 bytes per step: a step
 * whose two words are zero is skipped (most of a pruned tensor), others store all 8 keys
 * (byte offset from byte 4·wFrom << 8 | byte) and advance the count only past the nonzero ones,
 * without a branch per byte. Entries go from index k0. @internal
 */
export function gatherWordsImpl(words: Int32Array, wFrom: number, wTo: number, keys: Int32Array, k0: number): number {
  let k = k0;
  for (let j = wFrom; j < wTo; j += 2) {
    const v = words[j]!;
    const u = words[j + 1]!;
    if ((v | u) === 0) continue;
    const b = (j - wFrom) << 10; // byte offset << 8
    let x = v & 0xff;
    keys[k] = b | x;
    k += (x + 255) >>> 8;
    x = (v >>> 8) & 0xff;
    keys[k] = (b + 0x100) | x;
    k += (x + 255) >>> 8;
    x = (v >>> 16) & 0xff;
    keys[k] = (b + 0x200) | x;
    k += (x + 255) >>> 8;
    x = v >>> 24;
    keys[k] = (b + 0x300) | x;
    k += (x + 255) >>> 8;
    x = u & 0xff;
    keys[k] = (b + 0x400) | x;
    k += (x + 255) >>> 8;
    x = (u >>> 8) & 0xff;
    keys[k] = (b + 0x500) | x;
    k += (x + 255) >>> 8;
    x = (u >>> 16) & 0xff;
    keys[k] = (b + 0x600) | x;
    k += (x + 255) >>> 8;
    x = u >>> 24;
    keys[k] = (b + 0x700) | x;
    k += (x + 255) >>> 8;
  }
  return k;
}

/**
 * The zero-run form of a symbol stream, from one pass over it: for each nonzero symbol, the run
 * of zeros before it and the symbol, in order, with the histograms planning needs. Kept for the
 * writer, so the data is scanned once. 4 bytes per nonzero symbol.
 * @internal
 */
export interface ZeroRunScan {
  /** number of nonzero symbols */
  count: number;
  /**
   * keys[j] = (run before the j-th nonzero symbol) << shift | symbol, for runs < 2^(31 − shift)
   * − 1; a longer run is stored as that value and its length taken from `longRuns`, in order
   */
  keys: Int32Array;
  /** 8 for 8-bit symbols, 16 for 16-bit ones */
  shift: number;
  /** the runs of at least 2^(31 − shift) − 1 zeros, in order */
  longRuns: Float64Array;
  /** trailing zeros after the last nonzero symbol (one more run when > 0) */
  tail: number;
  /** histogram of the run symbols, the trailing run included */
  runCounts: Float64Array;
  /** histogram of the symbols (valueCounts[0] = number of zeros) */
  valueCounts: Uint32Array;
}

/**
 * Scans idx[0, n) into a {@link ZeroRunScan}. `capacity` is a guess of the number of nonzero
 * symbols (exact when known from the histogram); the keys grow when it is short. Segments of
 * {@link RUN_CHUNK} symbols are gathered straight into the keys (segment offsets first, turned
 * into runs in place).
 * @internal
 */
export function scanZeroRunsImpl(idx: Uint8Array | Uint16Array, n: number, capacity: number): ZeroRunScan {
  const runDirect = RUN_DIRECT;
  const seg = runSegments(idx, n);
  const wide = idx instanceof Uint16Array;
  const shift = wide ? 16 : 8;
  const mask = wide ? 0xffff : 0xff;
  const longRun = 2 ** (31 - shift) - 1; // this run and longer ones go to longRuns
  const runCounts = new Float64Array(RUN_ALPHABET);
  const valueCounts = new Uint32Array(mask + 1);
  const longRuns = new Float64Array(Math.floor(n / longRun) + 1);
  let cap = Math.max(0, Math.min(n, capacity)) + RUN_CHUNK + 1;
  let keys = new Int32Array(cap);
  let k = 0;
  let longs = 0;
  let prev = -1; // position of the last nonzero symbol
  for (let from = 0; from < n; ) {
    const to = segmentEnd(seg, from, n);
    if (k + (to - from) + 1 > cap) {
      cap = Math.max(2 * cap, k + (to - from) + 1);
      const grown = new Int32Array(cap);
      grown.set(keys.subarray(0, k));
      keys = grown;
    }
    const k0 = k;
    k = gatherNonzerosImpl(idx, seg, from, to, keys, k0);
    for (let j = k0; j < k; j++) {
      const e = keys[j]!;
      const p = from + (e >>> shift);
      const v = e & mask;
      const r = p - prev - 1;
      prev = p;
      if (r < longRun) {
        keys[j] = (r << shift) | v;
      } else {
        keys[j] = (longRun << shift) | v;
        longRuns[longs++] = r;
      }
      runCounts[r < runDirect ? r : 27 + (31 - Math.clz32(r))]!++;
      valueCounts[v]!++;
    }
    from = to;
  }
  const tail = n - 1 - prev;
  if (tail > 0) runCounts[tail < runDirect ? tail : 27 + (31 - Math.clz32(tail))]!++;
  valueCounts[0] = n - k;
  return { count: k, keys, shift, longRuns, tail, runCounts, valueCounts };
}

/** Writes the container of a plan. @internal */
export function encodeWithPlan(symbols: SymbolArray, plan: EncodingPlan): Uint8Array {
  const n = symbols.length;
  const out = new Uint8Array(plan.bytes);
  const dtype = dtypeCodeOf(symbols);
  const dataBytes = littleEndianBytes(symbols);
  writeHeader(out, dtype, METHODS.indexOf(plan.method), n, plan.bytes - HEADER_BYTES, 0);
  // the CRC covers header bytes 4..15 (version, dtype, method, reserved, count, body length), then the data
  const crc = crc32Impl(dataBytes, 0, dataBytes.length, crc32Impl(out, 4, 16, 0));
  writeU32(out, 16, crc);
  if (plan.method === 'raw') {
    out.set(dataBytes, HEADER_BYTES);
    return out;
  }
  out.set(plan.tables, HEADER_BYTES);
  const at = HEADER_BYTES + plan.tables.length;
  const idx = indexView(symbols);
  if (plan.method === 'huffman') {
    if (idx instanceof Uint8Array && n >= PAIR_MIN_SYMBOLS) encodePairsImpl(idx, n, plan.packed, out, at);
    else if (plan.maxLength <= 16) encodeShortCodesImpl(idx, n, plan.packed, out, at);
    else encodeLongCodesImpl(idx, n, plan.packed, out, at);
  } else {
    const scan = plan.scan ?? scanZeroRunsImpl(idx, n, n);
    encodeZeroRunImpl(scan, plan.runPacked, plan.packed, out, at);
  }
  return out;
}

/** 8-bit streams at least this long are coded two symbols per step ({@link encodePairsImpl}); the pair table has 65536 entries. */
const PAIR_MIN_SYMBOLS = 1 << 15;

/**
 * Pair table of an 8-bit code: entry (b << 8) | a (the two symbols as a little-endian 16-bit
 * load reads them) = (code of a then b << 5) | (len_a + len_b) when both have codes and the
 * pair fits 25 bits, else 0. @internal
 */
export function pairCodeTable(packed: Int32Array): Int32Array {
  const pairs = new Int32Array(65536);
  for (let b = 0; b < 256; b++) {
    const eb = packed[b]!;
    const lb = eb & 31;
    if (lb === 0) continue;
    const cb = eb >>> 5;
    for (let a = 0; a < 256; a++) {
      const ea = packed[a]!;
      const la = ea & 31;
      if (la === 0 || la + lb > 25) continue;
      pairs[(b << 8) | a] = ((((ea >>> 5) << lb) | cb) << 5) | (la + lb);
    }
  }
  return pairs;
}

/**
 * Huffman payload of 8-bit symbols, two per step: one pair-table lookup, then the pending bits
 * (≤ 7 + 25) are stored as one big-endian 32-bit word at the output position, which advances by
 * the whole bytes; the partial byte is rewritten by the next store. No branch depends on the
 * data (the flush of the byte-at-a-time loops mispredicts), so 2× the speed of
 * {@link encodeShortCodesImpl} on a Laplace stream. Pairs longer than 25 bits go one code at a
 * time; the last bytes go through the byte loop. Returns the end position.
 * @internal
 */
export function encodePairsImpl(idx: Uint8Array, n: number, packed: Int32Array, out: Uint8Array, at: number): number {
  const pairs = pairCodeTable(packed);
  const view = new DataView(out.buffer, out.byteOffset, out.length);
  const stop = out.length - 4; // a store writes out[pos .. pos + 3]
  let acc = 0; // pending bits, right-aligned (bits above accBits are stale)
  let accBits = 0; // < 8 between steps
  let pos = at;
  let i = 0;
  if ((idx.byteOffset & 1) !== 0 && n > 0) {
    // one symbol first, so that the pairs are 2-byte aligned
    const e = packed[idx[0]!]!;
    const len = e & 31;
    acc = e >>> 5;
    accBits = len;
    while (accBits >= 8) {
      accBits -= 8;
      out[pos++] = acc >>> accBits;
    }
    i = 1;
  }
  const m = (n - i) >>> 1;
  const words = new Uint16Array(idx.buffer, idx.byteOffset + i, m);
  let k = 0;
  for (; k < m && pos <= stop; k++) {
    const e = pairs[words[k]!]!;
    const len = e & 31;
    if (len === 0) {
      // the pair needs more than 25 bits: each code (≤ 20 bits) on its own
      const a = packed[idx[i + 2 * k]!]!;
      const la = a & 31;
      acc = (acc << la) | (a >>> 5);
      accBits += la;
      view.setInt32(pos, acc << (32 - accBits));
      pos += accBits >>> 3;
      accBits &= 7;
      const b = packed[idx[i + 2 * k + 1]!]!;
      const lb = b & 31;
      acc = (acc << lb) | (b >>> 5);
      accBits += lb;
    } else {
      acc = (acc << len) | (e >>> 5);
      accBits += len;
    }
    view.setInt32(pos, acc << (32 - accBits));
    pos += accBits >>> 3;
    accBits &= 7;
  }
  // the last symbols, a byte at a time
  for (let j = i + 2 * k; j < n; j++) {
    const e = packed[idx[j]!]!;
    const len = e & 31;
    acc = (acc << len) | (e >>> 5);
    accBits += len;
    while (accBits >= 8) {
      accBits -= 8;
      out[pos++] = acc >>> accBits;
    }
  }
  return flush(acc, accBits, out, pos);
}

/**
 * Huffman payload for codes ≤ 16 bits: a 32-bit accumulator flushed 16 bits at a time.
 * `packed[s]` = (code << 5) | length. Writes from out[at]; returns the end position.
 * @internal
 */
export function encodeShortCodesImpl(idx: Uint8Array | Uint16Array, n: number, packed: Int32Array, out: Uint8Array, at: number): number {
  let acc = 0; // pending bits, right-aligned (bits above accBits are stale)
  let accBits = 0; // < 16 between symbols
  let pos = at;
  for (let i = 0; i < n; i++) {
    const e = packed[idx[i]!]!;
    const len = e & 31;
    acc = (acc << len) | (e >>> 5);
    accBits += len;
    if (accBits >= 16) {
      accBits -= 16;
      const v = acc >>> accBits;
      out[pos] = v >>> 8;
      out[pos + 1] = v;
      pos += 2;
    }
  }
  return flush(acc, accBits, out, pos);
}

/** Huffman payload for codes up to 24 bits: flushed a byte at a time. @internal */
export function encodeLongCodesImpl(idx: Uint8Array | Uint16Array, n: number, packed: Int32Array, out: Uint8Array, at: number): number {
  let acc = 0;
  let accBits = 0; // < 8 between symbols
  let pos = at;
  for (let i = 0; i < n; i++) {
    const e = packed[idx[i]!]!;
    const len = e & 31;
    acc = (acc << len) | (e >>> 5);
    accBits += len;
    while (accBits >= 8) {
      accBits -= 8;
      out[pos++] = acc >>> accBits;
    }
  }
  return flush(acc, accBits, out, pos);
}

/**
 * Table of a run < 32 followed by a value, for 8-bit values: entry (r << 8) | v =
 * (run code then value code << 5) | total length when both have codes and the total fits 25
 * bits, else 0. @internal
 */
export function runValueTable(runPacked: Int32Array, valuePacked: Int32Array): Int32Array {
  const table = new Int32Array(RUN_DIRECT << 8);
  for (let r = 0; r < RUN_DIRECT; r++) {
    const er = runPacked[r]!;
    const lr = er & 31;
    if (lr === 0) continue;
    for (let v = 1; v < 256; v++) {
      const ev = valuePacked[v]!;
      const lv = ev & 31;
      if (lv === 0 || lr + lv > 25) continue;
      table[(r << 8) | v] = ((((er >>> 5) << lv) | (ev >>> 5)) << 5) | (lr + lv);
    }
  }
  return table;
}

/**
 * Zero-run payload from a {@link ZeroRunScan}: for each nonzero value, the run of zeros before it
 * (run code and extra bits) then its value code; a final run for trailing zeros. For 8-bit
 * values a run < 32 and its value are one {@link runValueTable} lookup and one big-endian 32-bit
 * store (see {@link encodePairsImpl}); 16-bit values take two stores; long runs and the last
 * fields go a byte at a time. @internal
 */
export function encodeZeroRunImpl(scan: ZeroRunScan, runPacked: Int32Array, valuePacked: Int32Array, out: Uint8Array, at: number): number {
  const runDirect = RUN_DIRECT;
  const count = scan.count;
  const keys = scan.keys;
  const longRuns = scan.longRuns;
  const view = new DataView(out.buffer, out.byteOffset, out.length);
  const stop = out.length - 8; // both stores of a fast step stay inside out
  let acc = 0; // pending bits, right-aligned (bits above accBits are stale)
  let accBits = 0; // < 8 between fields
  let o = at;
  let longs = 0;
  if (scan.shift === 8) {
    const table = runValueTable(runPacked, valuePacked);
    const direct = runDirect << 8; // keys below this are a run < 32 and its value
    const longKey = 0x7fffff;
    for (let j = 0; j < count; j++) {
      const key = keys[j]!;
      const e = key < direct ? table[key]! : 0;
      if (e !== 0 && o <= stop) {
        const len = e & 31;
        acc = (acc << len) | (e >>> 5);
        accBits += len;
        view.setInt32(o, acc << (32 - accBits));
        o += accBits >>> 3;
        accBits &= 7;
      } else {
        const r = key >>> 8 === longKey ? longRuns[longs++]! : key >>> 8;
        const w = writeRun(r, runPacked, out, o, acc, accBits);
        o = w.pos;
        acc = w.acc;
        accBits = w.accBits;
        const v = valuePacked[key & 0xff]!;
        acc = (acc << (v & 31)) | (v >>> 5);
        accBits += v & 31;
        while (accBits >= 8) {
          accBits -= 8;
          out[o++] = acc >>> accBits;
        }
      }
    }
  } else {
    const longKey = 0x7fff;
    for (let j = 0; j < count; j++) {
      const key = keys[j]!;
      const r = key >>> 16 === longKey ? longRuns[longs++]! : key >>> 16;
      const v = valuePacked[key & 0xffff]!;
      if (r < runDirect && o <= stop) {
        const e = runPacked[r]!;
        acc = (acc << (e & 31)) | (e >>> 5);
        accBits += e & 31;
        view.setInt32(o, acc << (32 - accBits));
        o += accBits >>> 3;
        accBits &= 7;
        acc = (acc << (v & 31)) | (v >>> 5);
        accBits += v & 31;
        view.setInt32(o, acc << (32 - accBits));
        o += accBits >>> 3;
        accBits &= 7;
      } else {
        const w = writeRun(r, runPacked, out, o, acc, accBits);
        o = w.pos;
        acc = w.acc;
        accBits = w.accBits;
        acc = (acc << (v & 31)) | (v >>> 5);
        accBits += v & 31;
        while (accBits >= 8) {
          accBits -= 8;
          out[o++] = acc >>> accBits;
        }
      }
    }
  }
  if (scan.tail > 0) {
    const w = writeRun(scan.tail, runPacked, out, o, acc, accBits);
    o = w.pos;
    acc = w.acc;
    accBits = w.accBits;
  }
  return flush(acc, accBits, out, o);
}

/** Writes a run (code and extra bits) a byte at a time: long runs and the end of the payload. */
function writeRun(r: number, runPacked: Int32Array, out: Uint8Array, pos: number, accIn: number, bitsIn: number): { pos: number; acc: number; accBits: number } {
  let acc = accIn;
  let accBits = bitsIn;
  let o = pos;
  const bits = r < RUN_DIRECT ? 0 : 31 - Math.clz32(r);
  const e = runPacked[r < RUN_DIRECT ? r : 27 + bits]!;
  acc = (acc << (e & 31)) | (e >>> 5);
  accBits += e & 31;
  while (accBits >= 8) {
    accBits -= 8;
    out[o++] = acc >>> accBits;
  }
  // extra bits: the low `bits` bits of r, in pieces of ≤ 16
  let left = bits;
  while (left > 0) {
    const take = left > 16 ? left - 16 : left;
    left -= take;
    acc = (acc << take) | ((r >>> left) & ((1 << take) - 1));
    accBits += take;
    while (accBits >= 8) {
      accBits -= 8;
      out[o++] = acc >>> accBits;
    }
  }
  return { pos: o, acc, accBits };
}

function flush(acc: number, accBits: number, out: Uint8Array, pos: number): number {
  while (accBits >= 8) {
    accBits -= 8;
    out[pos++] = acc >>> accBits;
  }
  if (accBits > 0) out[pos++] = acc << (8 - accBits);
  return pos;
}
