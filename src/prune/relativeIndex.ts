// Deep Compression's sparse storage (Han, Mao & Dally, ICLR 2016, §2 and Figure 2): positions of
// the kept weights as differences of `indexBits` bits, with filler zeros when a gap is too long,
// and the bit accounting of the paper's Tables 2–5.
import { checkInteger, checkOptions, describe, dispatcher, formatError, FormatErrorCode, rangeError, typeError } from '../core/index.js';
import type { FloatArray } from '../core/index.js';
import { maskOf } from './args.js';

/** Options of {@link relativeIndexEncode}. */
export interface RelativeIndexEncodeOptions {
  /** Bits per index difference, 1…16 (the paper: 8 for conv, 5 for fc layers; 4 in its Table 4). */
  indexBits: number;
  /** Store exactly the entries this mask keeps (even zeros) instead of the nonzero ones. */
  mask?: Uint8Array;
}

/** Result of {@link relativeIndexEncode}: what Deep Compression stores for one layer. */
export interface RelativeIndexEncoding<T extends FloatArray = FloatArray> {
  /** Number of weights of the dense layer. */
  length: number;
  /** Bits per stored difference. */
  indexBits: number;
  /** One code per stored entry: the difference to the previous stored position minus 1, in [0, 2^indexBits). */
  diffs: Uint16Array;
  /** One value per stored entry, in the input's type; filler entries hold 0. */
  values: T;
  /** Entries that are real weights (the rest are fillers). */
  nonzeros: number;
  /** Filler zeros inserted because a gap exceeded 2^indexBits. */
  fillers: number;
}

const dispatchEncode = /*#__PURE__*/ dispatcher('relativeIndexEncode', ['x', 'options'], {
  'Float32Array | Float64Array, Object': (x: FloatArray, o: RelativeIndexEncodeOptions) => runEncode(x, o),
});

/**
 * Relative-index sparse encoding of a pruned (flattened) weight array, as Deep Compression stores it.
 *
 * @remarks
 * Every stored entry keeps the distance d ≥ 1 to the previous stored position (the first is
 * counted from position −1, so a weight at position 0 has d = 1), written as the code d − 1 in
 * `indexBits` bits, so a code reaches a gap of at most 2^indexBits. A longer gap is bridged by
 * filler entries of value 0, each at the farthest reachable position (the paper's Figure 2, whose
 * 3-bit example counts the first gap from 0 instead of −1). Stored entries are the nonzero
 * weights, or the ones `mask` keeps. Use {@link deepCompressionSize} for the bits.
 *
 * @param x - pruned weights, flattened (Float32Array or Float64Array)
 * @param options - {@link RelativeIndexEncodeOptions}
 * @returns a {@link RelativeIndexEncoding}
 * @throws TypeError for wrong argument types
 * @throws RangeError for `indexBits` outside 1…16 or a mask of another length
 *
 * @example
 * ```ts
 * const x = new Float32Array(16);
 * x[1] = 3.4; x[4] = 0.9; x[15] = 1.7;
 * const e = relativeIndexEncode(x, { indexBits: 3 });
 * Array.from(e.diffs); // [1, 2, 7, 2]
 * e.values; // Float32Array [3.4000000953674316, 0.8999999761581421, 0, 1.7000000476837158]
 * e.fillers; // 1
 * ```
 */
export function relativeIndexEncode<T extends FloatArray>(x: T, options: RelativeIndexEncodeOptions): RelativeIndexEncoding<T> {
  return dispatchEncode(x, checkOptions('relativeIndexEncode', options)) as RelativeIndexEncoding<T>;
}

function runEncode(x: FloatArray, o: RelativeIndexEncodeOptions): RelativeIndexEncoding {
  const fn = 'relativeIndexEncode';
  const bits = checkInteger(fn, 'indexBits', o.indexBits, 1, 16);
  const mask = maskOf(fn, 'mask', o.mask, x.length);
  return relativeIndexEncodeImpl(x, bits, mask);
}

/** The encoding of {@link relativeIndexEncode}. Unchecked. @internal */
export function relativeIndexEncodeImpl(x: FloatArray, indexBits: number, mask: Uint8Array | null): RelativeIndexEncoding {
  const n = x.length;
  const span = 2 ** indexBits;
  // First pass: count entries (real + fillers).
  let entries = 0;
  let nonzeros = 0;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    if (mask === null ? x[i] === 0 : mask[i] === 0) continue;
    entries += Math.floor((i - prev - 1) / span) + 1;
    nonzeros++;
    prev = i;
  }
  const diffs = new Uint16Array(entries);
  const values = x instanceof Float32Array ? new Float32Array(entries) : new Float64Array(entries);
  let k = 0;
  prev = -1;
  for (let i = 0; i < n; i++) {
    if (mask === null ? x[i] === 0 : mask[i] === 0) continue;
    while (i - prev > span) {
      diffs[k] = span - 1; // filler zero at prev + span
      values[k++] = 0;
      prev += span;
    }
    diffs[k] = i - prev - 1;
    values[k++] = x[i]!;
    prev = i;
  }
  return { length: n, indexBits, diffs, values, nonzeros, fillers: entries - nonzeros };
}

const dispatchDecode = /*#__PURE__*/ dispatcher('relativeIndexDecode', ['encoding'], {
  Object: (e: RelativeIndexEncoding) => runDecode(e),
});

/**
 * Dense weights from a {@link RelativeIndexEncoding}.
 *
 * @remarks
 * Trusts nothing: `FormatError` (Inconsistent) when `diffs` and `values` differ in length, a code
 * does not fit `indexBits`, or the positions run past `length`. Unstored positions are +0.
 *
 * @param encoding - the encoding (length, indexBits, diffs, values)
 * @returns the dense array of `length` entries, in the values' type
 * @throws TypeError if a field has the wrong type
 * @throws RangeError for a bad `length` or `indexBits`
 * @throws FormatError for an inconsistent encoding
 *
 * @example
 * ```ts
 * relativeIndexDecode({ length: 6, indexBits: 2, diffs: new Uint16Array([1, 2, 0]), values: new Float64Array([5, 6, 7]) }); // Float64Array [0, 5, 0, 0, 6, 7]
 * ```
 */
export function relativeIndexDecode<T extends FloatArray>(encoding: Pick<RelativeIndexEncoding<T>, 'length' | 'indexBits' | 'diffs' | 'values'>): T {
  return dispatchDecode(encoding) as T;
}

function runDecode(e: RelativeIndexEncoding): FloatArray {
  const fn = 'relativeIndexDecode';
  const n = checkInteger(fn, 'encoding.length', e.length, 0, 2 ** 32 - 1);
  const bits = checkInteger(fn, 'encoding.indexBits', e.indexBits, 1, 16);
  const { diffs, values } = e;
  if (!(diffs instanceof Uint16Array)) typeError(fn, `encoding.diffs must be a Uint16Array (got ${describe(diffs)})`);
  if (!(values instanceof Float32Array || values instanceof Float64Array)) typeError(fn, `encoding.values must be Float32Array or Float64Array (got ${describe(values)})`);
  if (diffs.length !== values.length) formatError(fn, FormatErrorCode.Inconsistent, `diffs and values differ in length (${diffs.length} vs ${values.length})`);
  const span = 2 ** bits;
  let pos = -1;
  for (let k = 0; k < diffs.length; k++) {
    const d = diffs[k]!;
    if (d >= span) formatError(fn, FormatErrorCode.Inconsistent, `diffs[${k}] = ${d} does not fit in ${bits} bits`);
    pos += d + 1;
    if (pos >= n) formatError(fn, FormatErrorCode.Inconsistent, `entry ${k} lands at position ${pos}, past length ${n}`);
  }
  const out = values instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
  pos = -1;
  for (let k = 0; k < diffs.length; k++) {
    pos += diffs[k]! + 1;
    out[pos] = values[k]!;
  }
  return out;
}

/** Options of {@link deepCompressionSize}. */
export interface DeepCompressionSizeOptions {
  /** Bits per stored weight: the codebook index width after weight sharing (log2 of clusters), or 32 unquantized. */
  weightBits: number;
  /** Bits per relative index (0 for a dense layer stored without indices). */
  indexBits: number;
  /** Codebook entries stored with the layer (default 2^weightBits when weightBits < 32, else 0). */
  codebookSize?: number;
  /** Bits per codebook entry (default 32). */
  codebookBits?: number;
  /** Bits per weight of the original dense layer (default 32). */
  originalBits?: number;
}

/** Result of {@link deepCompressionSize}. */
export interface DeepCompressionSize {
  /** Weight codes + indices + codebook, in bits. */
  totalBits: number;
  weightBitsTotal: number;
  indexBitsTotal: number;
  codebookBitsTotal: number;
  /** Weight bits per real (nonzero) weight, fillers included: the paper's "weight bits". */
  weightBitsPerNonzero: number;
  /** Index bits per real weight, fillers included: the paper's "index bits". */
  indexBitsPerNonzero: number;
  /** totalBits / (length · originalBits) · 100: the paper's "compress rate" column. */
  percentOfOriginal: number;
  /** length · originalBits / totalBits: the paper's "×" compression. */
  compressionRatio: number;
}

const dispatchSize = /*#__PURE__*/ dispatcher('deepCompressionSize', ['encoding', 'options'], {
  'Object, Object': (e: Pick<RelativeIndexEncoding, 'length' | 'nonzeros' | 'fillers'>, o: DeepCompressionSizeOptions) => runSize(e, o),
});

/**
 * Storage of a pruned (and quantized) layer as Deep Compression counts it in its Tables 2–5.
 *
 * @remarks
 * Each stored entry (real weights plus fillers) costs `weightBits + indexBits`; the codebook adds
 * `codebookSize · codebookBits`. With indexBits 0 and every weight stored, this is the paper's
 * weight-sharing rate r = n·b / (n·log2 k + k·b) (16 weights, b = 32, k = 4 → 3.2).
 * Huffman coding of codes and indices (the paper's P+Q+H columns) is the coding area's job.
 *
 * @param encoding - `length`, `nonzeros` and `fillers` (a {@link RelativeIndexEncoding} has them)
 * @param options - {@link DeepCompressionSizeOptions}
 * @returns a {@link DeepCompressionSize}
 * @throws TypeError / RangeError for bad fields
 *
 * @example
 * ```ts
 * deepCompressionSize({ length: 16, nonzeros: 16, fillers: 0 }, { weightBits: 2, indexBits: 0 }).compressionRatio; // 3.2
 * ```
 */
export function deepCompressionSize(
  encoding: Pick<RelativeIndexEncoding, 'length' | 'nonzeros' | 'fillers'>, options: DeepCompressionSizeOptions,
): DeepCompressionSize {
  return dispatchSize(encoding, checkOptions('deepCompressionSize', options)) as DeepCompressionSize;
}

function runSize(e: Pick<RelativeIndexEncoding, 'length' | 'nonzeros' | 'fillers'>, o: DeepCompressionSizeOptions): DeepCompressionSize {
  const fn = 'deepCompressionSize';
  const length = checkInteger(fn, 'encoding.length', e.length, 0, Number.MAX_SAFE_INTEGER);
  const nonzeros = checkInteger(fn, 'encoding.nonzeros', e.nonzeros, 0, length);
  const fillers = checkInteger(fn, 'encoding.fillers', e.fillers, 0, Number.MAX_SAFE_INTEGER);
  const wb = checkInteger(fn, 'weightBits', o.weightBits, 1, 64);
  const ib = checkInteger(fn, 'indexBits', o.indexBits, 0, 32);
  const cs = o.codebookSize === undefined ? (wb < 32 ? 2 ** wb : 0) : checkInteger(fn, 'codebookSize', o.codebookSize, 0, Number.MAX_SAFE_INTEGER);
  const cb = o.codebookBits === undefined ? 32 : checkInteger(fn, 'codebookBits', o.codebookBits, 1, 64);
  const ob = o.originalBits === undefined ? 32 : checkInteger(fn, 'originalBits', o.originalBits, 1, 64);
  if (length === 0) rangeError(fn, 'encoding.length must be > 0');
  const entries = nonzeros + fillers;
  const weightBitsTotal = entries * wb;
  const indexBitsTotal = entries * ib;
  const codebookBitsTotal = cs * cb;
  const totalBits = weightBitsTotal + indexBitsTotal + codebookBitsTotal;
  return {
    totalBits,
    weightBitsTotal,
    indexBitsTotal,
    codebookBitsTotal,
    weightBitsPerNonzero: nonzeros === 0 ? 0 : weightBitsTotal / nonzeros,
    indexBitsPerNonzero: nonzeros === 0 ? 0 : indexBitsTotal / nonzeros,
    percentOfOriginal: (totalBits / (length * ob)) * 100,
    compressionRatio: totalBits === 0 ? Infinity : (length * ob) / totalBits,
  };
}
