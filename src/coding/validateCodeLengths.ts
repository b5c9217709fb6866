import { dispatcher, rangeError, typeError } from '../core/index.js';

/** Code lengths as the coding functions take them: one non-negative integer per symbol. */
export type CodeLengths = Uint8Array | Uint16Array | Uint32Array | Int32Array | number[];

/** Longest code length {@link canonicalCodes} and {@link validateCodeLengths} accept. */
export const MAX_CODE_LENGTH = 32;

/** Result of {@link validateCodeLengths}. */
export interface CodeLengthsReport {
  /** Σ 2^−ℓ over the symbols with ℓ > 0 (rounded to float64). */
  kraftSum: number;
  /**
   * `'complete'`: Kraft sum exactly 1 (every bit string decodes); `'incomplete'`: below 1
   * (some bit strings are no code, as a single 1-bit code); `'over-subscribed'`: above 1 (no
   * prefix code has these lengths); `'empty'`: no symbol has a code.
   */
  status: 'complete' | 'incomplete' | 'over-subscribed' | 'empty';
  /** Number of symbols with a code (ℓ > 0). */
  used: number;
  /** Longest code length (0 when empty). */
  maxLength: number;
}

const dispatch = /*#__PURE__*/ dispatcher('validateCodeLengths', ['lengths'], {
  'Uint8Array | Uint16Array | Uint32Array | Int32Array | Array': (l: CodeLengths) => validateCodeLengthsImpl(checkLengths('validateCodeLengths', l)),
});

/**
 * Checks a code-length set against the Kraft inequality: can a prefix code have these lengths,
 * and does it use every bit string?
 *
 * @remarks
 * The status is decided exactly (integer arithmetic on the count of codes per length), not from
 * the rounded `kraftSum`. Length 0 means "no code" (RFC 1951). Decoders in this module accept
 * `'complete'` sets, and the single 1-bit code; zlib's inflate makes the same choice.
 *
 * @param lengths - one integer in [0, 32] per symbol
 * @returns a {@link CodeLengthsReport}
 * @throws TypeError if `lengths` is not an accepted array type
 * @throws RangeError for a length that is not an integer in [0, 32]
 *
 * @example
 * ```ts
 * validateCodeLengths([2, 1, 3, 3]); // { kraftSum: 1, status: 'complete', used: 4, maxLength: 3 }
 * validateCodeLengths([1, 1, 1]).status; // 'over-subscribed'
 * ```
 */
export function validateCodeLengths(lengths: CodeLengths): CodeLengthsReport {
  return dispatch(lengths) as CodeLengthsReport;
}

/** Checks that every entry is an integer in [0, 32]; returns the lengths. @internal */
export function checkLengths(fn: string, lengths: CodeLengths): CodeLengths {
  for (let i = 0; i < lengths.length; i++) {
    const v = lengths[i];
    if (typeof v !== 'number') typeError(fn, `lengths[${i}] must be a number (got ${typeof v})`);
    if (!Number.isInteger(v) || v < 0 || v > MAX_CODE_LENGTH) rangeError(fn, `lengths[${i}] must be an integer in [0, ${MAX_CODE_LENGTH}] (got ${v})`);
  }
  return lengths;
}

/** Kraft report of lengths already known to be integers in [0, 32]. @internal */
export function validateCodeLengthsImpl(lengths: ArrayLike<number>): CodeLengthsReport {
  // length → number of symbols with a code of that length
  const perLength = new Float64Array(MAX_CODE_LENGTH + 1);
  let used = 0;
  let maxLength = 0;
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i]!;
    if (l === 0) continue;
    perLength[l]!++;
    used++;
    if (l > maxLength) maxLength = l;
  }
  let kraftSum = 0;
  for (let l = 1; l <= maxLength; l++) kraftSum += perLength[l]! * 2 ** -l;
  return { kraftSum, status: kraftStatus(perLength, maxLength), used, maxLength };
}

/**
 * Exact comparison of Σ perLength[l]·2^−l with 1: carries units up from the longest length,
 * remembering whether a fraction was dropped. @internal
 */
export function kraftStatus(perLength: ArrayLike<number>, maxLength: number): CodeLengthsReport['status'] {
  if (maxLength === 0) return 'empty';
  let units = 0; // whole codes of the current length
  let fraction = false; // a remainder below the current length
  for (let l = maxLength; l >= 1; l--) {
    units += perLength[l]!;
    if (units % 2 === 1) fraction = true;
    units = Math.floor(units / 2);
  }
  if (units > 1 || (units === 1 && fraction)) return 'over-subscribed';
  return units === 1 ? 'complete' : 'incomplete';
}
