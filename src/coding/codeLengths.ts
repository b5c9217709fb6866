// Huffman code lengths: optimal (two-queue Huffman) and optimal under a length limit (package-merge).
// Every encoder and decoder path of frugal/coding starts from the lengths computed here.
import { checkInteger, checkOptions, dispatcher, rangeError, typeError } from '../core/index.js';

/** Symbol frequencies: any non-negative finite counts or weights, indexed by symbol. */
export type Frequencies = Uint32Array | Uint16Array | Uint8Array | Int32Array | Float32Array | Float64Array | number[];

/** Options of {@link huffmanCodeLengths}. */
export interface HuffmanCodeLengthsOptions {
  /**
   * Longest code allowed, an integer in [1, 32]. Omitted: unlimited (plain Huffman). The limit
   * must leave room for every used symbol: 2^maxCodeLength ≥ number of nonzero frequencies.
   */
  maxCodeLength?: number;
}

/** Longest code length the unlimited builder may return (the Uint8Array result must hold it). */
export const MAX_UNLIMITED_LENGTH = 255;

const dispatch = /*#__PURE__*/ dispatcher('huffmanCodeLengths', ['frequencies', 'options'], {
  'Uint32Array | Uint16Array | Uint8Array | Int32Array | Float32Array | Float64Array | Array, Object': (
    f: Frequencies,
    o: HuffmanCodeLengthsOptions,
  ) => run(f, o),
});

/**
 * Code length of every symbol of a Huffman code for the given frequencies: optimal (minimum
 * Σ fᵢ·ℓᵢ), or optimal among codes no longer than `maxCodeLength` (package-merge).
 *
 * @remarks
 * Symbols with frequency 0 get length 0 (no code, as RFC 1951). No used symbol → all zeros;
 * one used symbol → length 1 (as zopfli, brotli and fflate). Unlimited codes come from the
 * two-queue Huffman construction over the used symbols sorted by (frequency ascending, symbol
 * descending), taking a leaf before a merged node of equal weight (minimum-variance Huffman):
 * so of two symbols with equal frequency the lower index never gets the longer code, and the
 * result is fully deterministic. With `maxCodeLength`, the unlimited code is returned when it
 * already fits; otherwise the Larmore–Hirschberg package-merge algorithm gives a code of
 * minimum total cost under the limit (same order and ties: leaves before packages).
 * Every result with ≥ 2 used symbols is complete (Kraft sum exactly 1).
 * Frequencies are summed in float64, so integer counts up to 2^53 are exact.
 *
 * @param frequencies - counts or weights per symbol (Uint32Array, Float64Array, number[], …)
 * @param options - {@link HuffmanCodeLengthsOptions}
 * @returns a Uint8Array of code lengths, one per symbol
 * @throws TypeError if `frequencies` or `options` has the wrong type
 * @throws RangeError for a negative, NaN or infinite frequency, a `maxCodeLength` outside
 *   [1, 32] or too small for the number of used symbols, or an unlimited code deeper than 255
 *
 * @example
 * ```ts
 * huffmanCodeLengths([10, 1, 1, 5]); // Uint8Array [1, 3, 3, 2]
 * huffmanCodeLengths([1, 1, 2, 4, 8], { maxCodeLength: 3 }); // Uint8Array [3, 3, 3, 3, 1]
 * ```
 */
export function huffmanCodeLengths(frequencies: Frequencies, options: HuffmanCodeLengthsOptions = {}): Uint8Array {
  return dispatch(frequencies, checkOptions('huffmanCodeLengths', options)) as Uint8Array;
}

function run(f: Frequencies, o: HuffmanCodeLengthsOptions): Uint8Array {
  const fn = 'huffmanCodeLengths';
  let limit = 0;
  if (o.maxCodeLength !== undefined) limit = checkInteger(fn, 'maxCodeLength', o.maxCodeLength, 1, 32);
  let used = 0;
  for (let i = 0; i < f.length; i++) {
    const v = f[i];
    if (typeof v !== 'number') typeError(fn, `frequencies[${i}] must be a number (got ${typeof v})`);
    if (!(v >= 0 && v < Infinity)) rangeError(fn, `frequencies[${i}] must be finite and ≥ 0 (got ${v})`);
    if (v > 0) used++;
  }
  if (limit > 0 && limit < 31 && used > 2 ** limit) {
    rangeError(fn, `maxCodeLength ${limit} is too small for ${used} used symbols (needs ≥ ${Math.ceil(Math.log2(used))})`);
  }
  const lengths = new Uint8Array(f.length);
  return huffmanCodeLengthsImpl(f, limit, lengths);
}

/**
 * Fills `out` with the code lengths of {@link huffmanCodeLengths}. Unchecked: frequencies finite
 * and ≥ 0, `maxCodeLength` 0 (unlimited) or large enough for the used symbols, `out` as long as
 * `frequencies` and ready to be overwritten. Throws a RangeError only when an unlimited code is
 * deeper than 255.
 * @internal
 */
export function huffmanCodeLengthsImpl(frequencies: ArrayLike<number>, maxCodeLength: number, out: Uint8Array): Uint8Array {
  out.fill(0, 0, frequencies.length);
  const order = sortedUsedSymbols(frequencies);
  const m = order.length;
  if (m === 0) return out;
  if (m === 1) {
    out[order[0]!] = 1;
    return out;
  }
  const depth = huffmanDepths(frequencies, order);
  let deepest = 0;
  for (let i = 0; i < m; i++) if (depth[i]! > deepest) deepest = depth[i]!;
  if (maxCodeLength > 0 && deepest > maxCodeLength) {
    packageMergeDepths(frequencies, order, maxCodeLength, depth);
  } else if (deepest > MAX_UNLIMITED_LENGTH) {
    rangeError('huffmanCodeLengths', `the optimal code is ${deepest} bits deep, more than ${MAX_UNLIMITED_LENGTH}; pass maxCodeLength`);
  }
  for (let i = 0; i < m; i++) out[order[i]!] = depth[i]!;
  return out;
}

/** The symbols with frequency > 0, sorted by (frequency ascending, symbol descending). */
function sortedUsedSymbols(f: ArrayLike<number>): Int32Array {
  let m = 0;
  for (let i = 0; i < f.length; i++) if (f[i]! > 0) m++;
  const order = new Int32Array(m);
  let k = 0;
  for (let i = f.length - 1; i >= 0; i--) if (f[i]! > 0) order[k++] = i;
  // descending symbols in, stable sort by frequency: ties keep the higher symbol first
  const sorted = Array.from(order).sort((a, b) => f[a]! - f[b]!);
  order.set(sorted);
  return order;
}

/**
 * Depth of every leaf (in `order`'s order) of the two-queue Huffman tree: leaves are taken in
 * sorted order, merged nodes in creation order (already sorted); a leaf wins a tie.
 * https://en.wikipedia.org/wiki/Huffman_coding#Compression (two-queue method, van Leeuwen 1976)
 */
function huffmanDepths(f: ArrayLike<number>, order: Int32Array): Int32Array {
  const m = order.length;
  const nodes = 2 * m - 1;
  // node index → weight; leaves are 0..m-1 (sorted), merged nodes m..2m-2 in creation order
  const weight = new Float64Array(nodes);
  // node index → index of its parent node
  const parent = new Int32Array(nodes);
  for (let i = 0; i < m; i++) weight[i] = f[order[i]!]!;
  let leaf = 0;
  let merged = m;
  for (let next = m; next < nodes; next++) {
    let a: number;
    if (leaf < m && (merged >= next || weight[leaf]! <= weight[merged]!)) a = leaf++;
    else a = merged++;
    let b: number;
    if (leaf < m && (merged >= next || weight[leaf]! <= weight[merged]!)) b = leaf++;
    else b = merged++;
    weight[next] = weight[a]! + weight[b]!;
    parent[a] = next;
    parent[b] = next;
  }
  const depth = new Int32Array(nodes);
  for (let i = nodes - 2; i >= 0; i--) depth[i] = depth[parent[i]!]! + 1;
  return depth.subarray(0, m);
}

/**
 * Package-merge (Larmore & Hirschberg, "A fast algorithm for optimal length-limited Huffman
 * codes", JACM 37(3), 1990): list₁ = leaves; listⱼ = merge(leaves, pairs of listⱼ₋₁) for
 * j = 2..L; the first 2m−2 items of list_L are the optimal coin set, and a leaf's code length
 * is the number of lists in whose selected prefix it appears. Lists are cut at 2m−2 items, and
 * only the leaf/package flags are kept per level, so memory is O(m·L) bytes.
 * Writes the depths (in `order`'s order) into `depth`.
 */
function packageMergeDepths(f: ArrayLike<number>, order: Int32Array, limit: number, depth: Int32Array): void {
  const m = order.length;
  const cap = 2 * m - 2;
  const leafWeight = new Float64Array(m);
  for (let i = 0; i < m; i++) leafWeight[i] = f[order[i]!]!;
  // level j (0-based) → isLeaf flag of each item of listⱼ₊₁, cap items per level
  const isLeaf = new Uint8Array(limit * cap);
  // listLength[j] = number of items kept in listⱼ₊₁
  const listLength = new Int32Array(limit);
  let prev = new Float64Array(cap);
  let cur = new Float64Array(cap);
  const first = Math.min(m, cap);
  for (let i = 0; i < first; i++) {
    prev[i] = leafWeight[i]!;
    isLeaf[i] = 1;
  }
  listLength[0] = first;
  for (let j = 1; j < limit; j++) {
    const packages = listLength[j - 1]! >> 1;
    let li = 0;
    let pi = 0;
    let k = 0;
    const base = j * cap;
    while (k < cap && (li < m || pi < packages)) {
      const pw = pi < packages ? prev[2 * pi]! + prev[2 * pi + 1]! : Infinity;
      if (li < m && leafWeight[li]! <= pw) {
        cur[k] = leafWeight[li++]!;
        isLeaf[base + k] = 1;
      } else {
        cur[k] = pw;
        pi++;
      }
      k++;
    }
    listLength[j] = k;
    const t = prev;
    prev = cur;
    cur = t;
  }
  depth.fill(0);
  let selected = cap;
  for (let j = limit - 1; j >= 0; j--) {
    const base = j * cap;
    let leaves = 0;
    for (let k = 0; k < selected; k++) leaves += isLeaf[base + k]!;
    for (let i = 0; i < leaves; i++) depth[i]!++;
    selected = 2 * (selected - leaves);
  }
}
