import { checkSameLength, dispatcher, rangeError, typeError } from '../core/index.js';
import type { Frequencies } from './codeLengths.js';
import { checkLengths } from './validateCodeLengths.js';
import type { CodeLengths } from './validateCodeLengths.js';

const dispatch = /*#__PURE__*/ dispatcher('expectedCodeLength', ['frequencies', 'lengths'], {
  'Uint32Array | Uint16Array | Uint8Array | Int32Array | Float32Array | Float64Array | Array, Uint8Array | Uint16Array | Uint32Array | Int32Array | Array':
    (f: Frequencies, l: CodeLengths) => run(f, l),
});

/**
 * Mean code length Σ pᵢ·ℓᵢ in bits per symbol when symbols drawn from `frequencies` (normalised
 * to p) are coded with the code of `lengths`.
 *
 * @remarks
 * The coding view of cross-entropy: for any prefix code the result is ≥ H(p) (Gibbs/Kraft);
 * for lengths ℓᵢ = ⌈−log₂ qᵢ⌉ of a code built for q it lies in [H(p,q), H(p,q) + 1); for the
 * Huffman code of p itself it lies in [H(p), H(p) + 1). A symbol with pᵢ > 0 and no code
 * (ℓᵢ = 0) cannot be coded: Infinity, as H(p,q) is when qᵢ = 0. Empty inputs give 0.
 * Accumulates in float64.
 *
 * @param frequencies - counts or weights per symbol, any non-negative finite numbers
 * @param lengths - code length per symbol, integers in [0, 32], same length as `frequencies`
 * @returns mean bits per symbol
 * @throws TypeError for unaccepted argument types
 * @throws RangeError if lengths differ, for a negative/NaN/infinite frequency, an invalid code
 *   length, or frequencies that are all 0 (cannot be normalised)
 *
 * @example
 * ```ts
 * expectedCodeLength([10, 1, 1, 5], huffmanCodeLengths([10, 1, 1, 5])); // 1.5294117647058822
 * expectedCodeLength([1, 1], [1, 0]); // Infinity
 * ```
 */
export function expectedCodeLength(frequencies: Frequencies, lengths: CodeLengths): number {
  return dispatch(frequencies, lengths) as number;
}

function run(f: Frequencies, l: CodeLengths): number {
  const fn = 'expectedCodeLength';
  checkSameLength(fn, 'frequencies', f, 'lengths', l);
  for (let i = 0; i < f.length; i++) {
    const v = f[i];
    if (typeof v !== 'number') typeError(fn, `frequencies[${i}] must be a number (got ${typeof v})`);
    if (!(v >= 0 && v < Infinity)) rangeError(fn, `frequencies[${i}] must be finite and ≥ 0 (got ${v})`);
  }
  checkLengths(fn, l);
  if (f.length === 0) return 0;
  const mean = expectedCodeLengthImpl(f, l);
  if (Number.isNaN(mean)) rangeError(fn, 'frequencies sum to 0 and cannot be normalized');
  return mean;
}

/** Σ fᵢℓᵢ / Σ fᵢ of checked inputs; NaN when Σ fᵢ = 0, Infinity when a used symbol has no code. @internal */
export function expectedCodeLengthImpl(frequencies: ArrayLike<number>, lengths: ArrayLike<number>): number {
  let total = 0;
  let bits = 0;
  let uncodable = false;
  for (let i = 0; i < frequencies.length; i++) {
    const f = frequencies[i]!;
    if (f === 0) continue;
    total += f;
    const l = lengths[i]!;
    if (l === 0) uncodable = true;
    bits += f * l;
  }
  if (total === 0) return NaN;
  return uncodable ? Infinity : bits / total;
}
