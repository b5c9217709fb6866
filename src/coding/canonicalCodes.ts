import { dispatcher, rangeError } from '../core/index.js';
import { checkLengths, MAX_CODE_LENGTH } from './validateCodeLengths.js';
import type { CodeLengths } from './validateCodeLengths.js';

const dispatch = /*#__PURE__*/ dispatcher('canonicalCodes', ['lengths'], {
  'Uint8Array | Uint16Array | Uint32Array | Int32Array | Array': (l: CodeLengths) => run(l),
});

/**
 * Canonical Huffman codes from code lengths, exactly as RFC 1951 §3.2.2 (DEFLATE) assigns them:
 * codes of one length are consecutive integers in symbol order, and shorter codes precede
 * longer ones.
 *
 * @remarks
 * `codes[s]` holds the `lengths[s]` bits of symbol s's code, most significant bit first (the
 * first bit sent is bit `lengths[s] − 1`); DEFLATE's LSB-first packing bit-reverses it, our
 * container sends it as is. Symbols of length 0 get code 0 and are not part of the code.
 * Incomplete sets are accepted (the unused codes are the largest ones); an over-subscribed set
 * has no prefix code and is a RangeError.
 *
 * @param lengths - one integer in [0, 32] per symbol
 * @returns a Uint32Array of codes, one per symbol
 * @throws TypeError if `lengths` is not an accepted array type
 * @throws RangeError for a length outside [0, 32] or an over-subscribed set
 *
 * @example
 * ```ts
 * // RFC 1951's example: A..H with lengths (3,3,3,3,3,2,4,4) → 010 011 100 101 110 00 1110 1111
 * canonicalCodes([3, 3, 3, 3, 3, 2, 4, 4]); // Uint32Array [2, 3, 4, 5, 6, 0, 14, 15]
 * ```
 */
export function canonicalCodes(lengths: CodeLengths): Uint32Array {
  return dispatch(lengths) as Uint32Array;
}

function run(lengths: CodeLengths): Uint32Array {
  checkLengths('canonicalCodes', lengths);
  const codes = new Uint32Array(lengths.length);
  if (!canonicalCodesImpl(lengths, codes)) rangeError('canonicalCodes', 'lengths are over-subscribed (Kraft sum > 1): no prefix code has them');
  return codes;
}

/**
 * Writes the RFC 1951 canonical codes of `lengths` (integers in [0, 32]) into `out`; returns
 * false, leaving `out` partly written, when the set is over-subscribed.
 * @internal
 */
export function canonicalCodesImpl(lengths: ArrayLike<number>, out: Uint32Array): boolean {
  // bl_count: length → number of codes of that length
  const count = new Float64Array(MAX_CODE_LENGTH + 1);
  let maxLength = 0;
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i]!;
    count[l]!++;
    if (l > maxLength) maxLength = l;
  }
  count[0] = 0;
  // next_code: length → first code of that length (RFC 1951 §3.2.2 step 2)
  const next = new Float64Array(MAX_CODE_LENGTH + 1);
  let code = 0;
  for (let bits = 1; bits <= maxLength; bits++) {
    code = (code + count[bits - 1]!) * 2;
    next[bits] = code;
    if (code + count[bits]! > 2 ** bits) return false;
  }
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i]!;
    out[i] = l === 0 ? 0 : next[l]!++;
  }
  return true;
}
