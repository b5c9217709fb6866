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

/** Bit of a pair-table entry that holds two symbols (the symbol count is 1 + this bit). */
export const PAIR_SHIFT = 6;

/**
 * Pair table for 8-bit alphabets: entry = (symbol₂ << 16) | (symbol₁ << 8) | (two << 6) | bits,
 * where `two` = 1 when the root bits hold two whole codes (bits = len₁ + len₂), else a copy of
 * the root entry (two = 0). The decoder writes both symbols and advances by 1 + two, without a
 * branch on `two`. The second code is looked up with the bits after the first zero-filled, which
 * is exact because only codes no longer than the known bits are accepted.
 * @internal
 */
export function buildPairTable(dt: DecodeTable): Int32Array {
  const root = dt.rootBits;
  const size = 1 << root;
  const mask = size - 1;
  const t = dt.table;
  const pairs = new Int32Array(size);
  for (let x = 0; x < size; x++) {
    const e1 = t[x]!;
    pairs[x] = e1;
    if ((e1 & LINK) !== 0 || e1 === 0) continue;
    const l1 = e1 & BITS_MASK;
    if (l1 >= root) continue;
    const e2 = t[(x << l1) & mask]!;
    if ((e2 & LINK) !== 0 || e2 === 0) continue;
    const l2 = e2 & BITS_MASK;
    if (l2 > root - l1) continue;
    pairs[x] = ((e2 >>> 8) << 16) | ((e1 >>> 8) << 8) | (1 << PAIR_SHIFT) | (l1 + l2);
  }
  return pairs;
}
