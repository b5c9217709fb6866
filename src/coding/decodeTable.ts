// Table-driven Huffman decoding (zlib inflate_table style): a root table indexed by the next
// ROOT_BITS bits of the stream, with links to second-level tables for longer codes.
import { canonicalCodesImpl } from './canonicalCodes.js';

/** Bits indexing the root table (2^12 entries, 16 KiB, stays in L1; 12 beat 11 in the decode benchmark thanks to more two-symbol entries). */
export const ROOT_BITS = 12;

/*
 * Entry layout (Int32):
 *   0                          → no code starts with these bits (invalid)
 *   (symbol << 8) | length     → a code of `length` (1..31) bits for `symbol`; in a second-level
 *                                table `length` is the whole code length, root bits included
 *   (offset << 8) | LINK | k   → codes longer than the root: index the table at
 *                                offset + (next k bits after the root bits)
 */
/** Flag of a link entry. */
export const LINK = 0x20;
/** Mask of the bit count of an entry. */
export const BITS_MASK = 0x1f;

/** A decoding table and the number of bits its root indexes. */
export interface DecodeTable {
  readonly table: Int32Array;
  readonly rootBits: number;
  /** longest code length */
  readonly maxLength: number;
}

/**
 * Builds the decoding table of canonical codes with the given lengths (≤ 24, already checked to
 * be complete or a single 1-bit code). Root width min(maxLength, ROOT_BITS); each second-level
 * table is as wide as the longest code below its prefix, so the total never exceeds
 * 2^maxLength + 2^ROOT_BITS entries.
 * @internal
 */
export function buildDecodeTable(lengths: ArrayLike<number>, maxLength: number): DecodeTable {
  const rootBits = Math.max(1, Math.min(maxLength, ROOT_BITS));
  const codes = new Uint32Array(lengths.length);
  canonicalCodesImpl(lengths, codes);
  const rootSize = 1 << rootBits;
  // root prefix → longest code length below it (codes longer than rootBits only)
  const deepest = new Int32Array(rootSize);
  for (let s = 0; s < lengths.length; s++) {
    const l = lengths[s]!;
    if (l > rootBits) {
      const prefix = codes[s]! >>> (l - rootBits);
      if (l > deepest[prefix]!) deepest[prefix] = l;
    }
  }
  let size = rootSize;
  for (let p = 0; p < rootSize; p++) if (deepest[p]! > 0) size += 1 << (deepest[p]! - rootBits);
  const table = new Int32Array(size);
  let offset = rootSize;
  for (let p = 0; p < rootSize; p++) {
    const d = deepest[p]!;
    if (d === 0) continue;
    const k = d - rootBits;
    table[p] = (offset << 8) | LINK | k;
    deepest[p] = offset; // reuse: prefix → offset of its second-level table
    offset += 1 << k;
  }
  for (let s = 0; s < lengths.length; s++) {
    const l = lengths[s]!;
    if (l === 0) continue;
    const code = codes[s]!;
    const entry = (s << 8) | l;
    if (l <= rootBits) {
      const first = code << (rootBits - l);
      table.fill(entry, first, first + (1 << (rootBits - l)));
    } else {
      const prefix = code >>> (l - rootBits);
      const link = table[prefix]!;
      const k = link & BITS_MASK;
      const rest = l - rootBits;
      const first = (link >>> 8) + ((code & ((1 << rest) - 1)) << (k - rest));
      table.fill(entry, first, first + (1 << (k - rest)));
    }
  }
  return { table, rootBits, maxLength };
}

/** Bits indexing a multi-symbol table ({@link buildMultiTable}): two lookups of 12 bits fit the 25 bits one 32-bit load guarantees. */
export const MULTI_BITS = 12;

/**
 * Multi-symbol table of an 8-bit code, indexed by the next {@link MULTI_BITS} bits: entry =
 * (s₃ << 24) | (s₂ << 16) | (s₁ << 8) | ((count − 1) << 5) | bits, the up to three whole codes
 * that start those bits (bits = their total length, ≤ MULTI_BITS), or 0 when the first code is
 * longer than MULTI_BITS or no code matches (the decoder then takes the full table). The
 * decoder stores s₁..s₃ at once and advances by count, without a branch on count. Later codes
 * are looked up with the bits after the earlier ones zero-filled, which is exact because only
 * codes no longer than the known bits are accepted.
 * @internal
 */
export function buildMultiTable(lengths: ArrayLike<number>): Int32Array {
  const bits = MULTI_BITS;
  const size = 1 << bits;
  const mask = size - 1;
  const codes = new Uint32Array(lengths.length);
  canonicalCodesImpl(lengths, codes);
  // one code per entry: (symbol << 8) | length, for codes of ≤ MULTI_BITS bits
  const single = new Int32Array(size);
  for (let s = 0; s < lengths.length; s++) {
    const l = lengths[s]!;
    if (l === 0 || l > bits) continue;
    const first = codes[s]! << (bits - l);
    single.fill((s << 8) | l, first, first + (1 << (bits - l)));
  }
  const multi = new Int32Array(size);
  for (let x = 0; x < size; x++) {
    const e1 = single[x]!;
    if (e1 === 0) continue;
    const l1 = e1 & BITS_MASK;
    let e = e1;
    const e2 = single[(x << l1) & mask]!;
    const l2 = e2 & BITS_MASK;
    if (e2 !== 0 && l1 + l2 <= bits) {
      e = ((e2 >>> 8) << 16) | ((e1 >>> 8) << 8) | (1 << 5) | (l1 + l2);
      const e3 = single[(x << (l1 + l2)) & mask]!;
      const l3 = e3 & BITS_MASK;
      if (e3 !== 0 && l1 + l2 + l3 <= bits) e = ((e3 >>> 8) << 24) | ((e2 >>> 8) << 16) | ((e1 >>> 8) << 8) | (2 << 5) | (l1 + l2 + l3);
    }
    multi[x] = e;
  }
  return multi;
}

/** Bits indexing a run-value table ({@link buildRunValueTable}): 2^12 entries stay in L1; 12 beat 14 and 16 in the decode benchmark. */
export const RUN_VALUE_BITS = 12;

/**
 * Run-value table of a zero-run code, indexed by the next {@link RUN_VALUE_BITS} bits: entry =
 * (value << 10) | (run << 5) | bits when those bits start with a run code for a run < 32 (no
 * extra bits) followed by a whole value code, bits = their total length; else 0 (the decoder
 * then reads the fields one at a time). Values < 2^16, so entries stay positive.
 * @internal
 */
export function buildRunValueTable(runLengths: ArrayLike<number>, valueLengths: ArrayLike<number>, runDirect: number): Int32Array {
  const bits = RUN_VALUE_BITS;
  const size = 1 << bits;
  const mask = size - 1;
  const runCodes = new Uint32Array(runLengths.length);
  canonicalCodesImpl(runLengths, runCodes);
  const valueCodes = new Uint32Array(valueLengths.length);
  canonicalCodesImpl(valueLengths, valueCodes);
  // one code per entry: (symbol << 8) | length, for codes of ≤ bits bits
  const value = new Int32Array(size);
  for (let s = 1; s < valueLengths.length; s++) {
    const l = valueLengths[s]!;
    if (l === 0 || l > bits) continue;
    const first = valueCodes[s]! << (bits - l);
    value.fill((s << 8) | l, first, first + (1 << (bits - l)));
  }
  const table = new Int32Array(size);
  for (let r = 0; r < runDirect; r++) {
    const l = runLengths[r]!;
    if (l === 0 || l >= bits) continue;
    const first = runCodes[r]! << (bits - l);
    for (let x = first; x < first + (1 << (bits - l)); x++) {
      const ev = value[(x << l) & mask]!;
      const lv = ev & BITS_MASK;
      if (ev === 0 || l + lv > bits) continue;
      table[x] = ((ev >>> 8) << 10) | (r << 5) | (l + lv);
    }
  }
  return table;
}
