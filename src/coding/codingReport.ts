import { checkInteger, checkOneOf, checkOptions, dispatcher, rangeError } from '../core/index.js';
import { symbolCounts, symbolEntropy } from '../entropy/index.js';
import type { SymbolArray } from '../entropy/index.js';
import { MAX_CONTAINER_CODE_LENGTH, METHODS } from './container.js';
import type { CodingMethod } from './container.js';
import { planEncoding } from './huffmanEncode.js';
import type { HuffmanEncodeOptions } from './huffmanEncode.js';

/** Result of {@link codingReport}. */
export interface CodingReport {
  /** number of symbols */
  count: number;
  /** empirical Shannon entropy of the symbols, bits per symbol (order 0) */
  entropyBits: number;
  /** achieved bits per symbol: container bytes × 8 / count, header and tables included (0 when empty) */
  huffmanBits: number;
  /** huffmanBits − entropyBits (negative only for zero-run coding, which exploits runs) */
  redundancy: number;
  /** container size in bytes, as {@link huffmanEncode} would return */
  bytes: number;
  /** original bytes / container bytes */
  ratio: number;
  /** method {@link huffmanEncode} would use */
  method: CodingMethod;
}

const dispatch = /*#__PURE__*/ dispatcher('codingReport', ['symbols', 'options'], {
  'Uint8Array | Int8Array | Uint16Array | Int16Array, Object': (s: SymbolArray, o: HuffmanEncodeOptions) => run(s, o),
});

/**
 * How well {@link huffmanEncode} codes a symbol stream, next to the entropy bound: the
 * lecture's "code length ≥ entropy", measured.
 *
 * @remarks
 * Sizes are computed exactly from the histograms, without writing the container, and equal
 * `huffmanEncode(symbols, options).length`. For plain Huffman coding
 * `entropyBits ≤ huffmanBits` always holds (the header adds 160 bits). Zero-run coding models
 * runs of zeros, so on pruned tensors it can go below the order-0 entropy and `redundancy` is
 * then negative. An empty stream reports 0 bits and ratio 0.
 *
 * @param symbols - Uint8Array, Int8Array, Uint16Array or Int16Array
 * @param options - the {@link HuffmanEncodeOptions} to evaluate (default: `'auto'`)
 * @returns a {@link CodingReport}
 * @throws TypeError if `symbols` or `options` has the wrong type
 * @throws RangeError for a bad option (as {@link huffmanEncode})
 *
 * @example
 * ```ts
 * const x = new Uint8Array(4000).map((_, i) => i % 4); // 2 bits of entropy per symbol
 * const r = codingReport(x);
 * r.entropyBits; // 2
 * r.huffmanBits; // 2.066
 * r.bytes; // 1033
 * r.method; // 'huffman'
 * ```
 */
export function codingReport(symbols: SymbolArray, options: HuffmanEncodeOptions = {}): CodingReport {
  return dispatch(symbols, checkOptions('codingReport', options)) as CodingReport;
}

function run(symbols: SymbolArray, o: HuffmanEncodeOptions): CodingReport {
  const fn = 'codingReport';
  const method = checkOneOf(fn, 'method', o.method, ['auto', ...METHODS], 'auto');
  const wide = symbols.BYTES_PER_ELEMENT === 2;
  const limit = o.maxCodeLength === undefined ? (wide ? 20 : 15) : checkInteger(fn, 'maxCodeLength', o.maxCodeLength, 1, MAX_CONTAINER_CODE_LENGTH);
  const counts = symbolCounts(symbols);
  let distinct = 0;
  for (let s = 0; s < counts.length; s++) if (counts[s]! > 0) distinct++;
  if (distinct > 2 ** limit) rangeError(fn, `maxCodeLength ${limit} is too small for ${distinct} distinct values (needs ≥ ${Math.ceil(Math.log2(distinct))})`);
  const plan = planEncoding(symbols, counts, limit, method);
  const n = symbols.length;
  const entropyBits = symbolEntropy(symbols);
  const huffmanBits = n === 0 ? 0 : (plan.bytes * 8) / n;
  return {
    count: n,
    entropyBits,
    huffmanBits,
    redundancy: huffmanBits - entropyBits,
    bytes: plan.bytes,
    ratio: (n * symbols.BYTES_PER_ELEMENT) / plan.bytes,
    method: plan.method,
  };
}
