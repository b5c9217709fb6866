import { checkLogBase, checkOptions, dispatcher } from '../core/index.js';

/** Symbol streams: the integer types the Huffman coder takes. */
export type SymbolArray = Uint8Array | Int8Array | Uint16Array | Int16Array;

/** Options of {@link symbolEntropy}. */
export interface SymbolEntropyOptions {
  /** Logarithm base (default 2: bits per symbol). */
  base?: number;
}

const countsDispatch = /*#__PURE__*/ dispatcher('symbolCounts', ['symbols'], {
  'Uint8Array | Int8Array | Uint16Array | Int16Array': (s: SymbolArray) => symbolCountsImpl(s),
});

const entropyDispatch = /*#__PURE__*/ dispatcher('symbolEntropy', ['symbols', 'options'], {
  'Uint8Array | Int8Array | Uint16Array | Int16Array, Object': (s: SymbolArray, o: SymbolEntropyOptions) =>
    countsEntropyImpl(symbolCountsImpl(s), s.length) / checkLogBase('symbolEntropy', o.base ?? 2),
});

/**
 * Occurrence count of every symbol value: 256 bins for 8-bit streams, 65536 for 16-bit ones,
 * indexed by the value's two's-complement bits (Int8 −1 → bin 255, Int16 −1 → bin 65535).
 *
 * @param symbols - Uint8Array, Int8Array, Uint16Array or Int16Array
 * @returns the counts
 * @throws TypeError for other argument types
 *
 * @example
 * ```ts
 * symbolCounts(new Uint8Array([3, 3, 1]))[3]; // 2
 * ```
 */
export function symbolCounts(symbols: SymbolArray): Uint32Array {
  return countsDispatch(symbols) as Uint32Array;
}

/**
 * Empirical Shannon entropy of a symbol stream, −Σ (cₛ/n) log(cₛ/n): the lower bound, per
 * symbol, of any code for the stream that codes symbols independently (the bound Huffman is
 * measured against).
 *
 * @remarks An empty stream has entropy 0; one distinct symbol gives 0.
 *
 * @param symbols - Uint8Array, Int8Array, Uint16Array or Int16Array
 * @param options - {@link SymbolEntropyOptions}
 * @returns bits per symbol (or units of `base`)
 * @throws TypeError for other argument types
 * @throws RangeError for a bad base
 *
 * @example
 * ```ts
 * symbolEntropy(new Uint8Array([0, 1, 2, 3])); // 2
 * ```
 */
export function symbolEntropy(symbols: SymbolArray, options: SymbolEntropyOptions = {}): number {
  return entropyDispatch(symbols, checkOptions('symbolEntropy', options)) as number;
}

/** Counts per symbol bin (see {@link symbolCounts}). Unchecked. @internal */
export function symbolCountsImpl(symbols: SymbolArray): Uint32Array {
  const wide = symbols instanceof Uint16Array || symbols instanceof Int16Array;
  const counts = new Uint32Array(wide ? 65536 : 256);
  const mask = wide ? 0xffff : 0xff;
  for (let i = 0; i < symbols.length; i++) counts[symbols[i]! & mask]!++;
  return counts;
}

/** Entropy in nats of a count vector with total n. Unchecked. @internal */
export function countsEntropyImpl(counts: ArrayLike<number>, n: number): number {
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > 0) sum += c * Math.log(c);
  }
  return Math.max(0, Math.log(n) - sum / n);
}
