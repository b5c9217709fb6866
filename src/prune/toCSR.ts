import { checkOptions, describe, dispatcher, formatError, FormatErrorCode, rangeError, typeError } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { floatTensor, maskOf } from './args.js';

/** A matrix in compressed sparse row form (scipy.sparse.csr_matrix fields). */
export interface CSR<T extends FloatArray = FloatArray> {
  /** [rows, cols]. */
  shape: readonly [number, number];
  /** rows + 1 offsets into `indices` / `values`; row r holds entries indptr[r] … indptr[r+1]−1. */
  indptr: Int32Array;
  /** Column of each stored entry, strictly increasing within a row. */
  indices: Int32Array;
  /** The stored values, in the input's float type. */
  values: T;
}

/** Options of {@link toCSR}. */
export interface ToCsrOptions {
  /** Store exactly the entries this mask keeps (even zeros) instead of the nonzero ones. */
  mask?: Uint8Array;
}

const dispatchTo = /*#__PURE__*/ dispatcher('toCSR', ['x', 'options'], {
  'Float32Array | Float64Array | Tensor, Object': (x: FloatArray | Tensor<FloatArray>, o: ToCsrOptions) => runTo(x, o),
});

/**
 * Compressed sparse row form of a pruned matrix: the 2a + n + 1 numbers of Deep Compression §2.
 *
 * @remarks
 * scipy.sparse.csr_matrix(dense) semantics: entries ≠ 0 are stored (NaN too), in row-major order
 * with sorted column indices; with `mask`, the entries the mask keeps are stored instead. A
 * FloatArray is one row [1, n]; a Tensor must have rank 2 (reshape conv weights first).
 * Storage is `indptr.length + indices.length + values.length` numbers.
 *
 * @param x - a rank-2 Tensor or a FloatArray (one row)
 * @param options - {@link ToCsrOptions}
 * @returns a {@link CSR}
 * @throws TypeError for wrong argument types
 * @throws RangeError for a rank other than 2 or a mask of another length
 *
 * @example
 * ```ts
 * const c = toCSR({ data: new Float32Array([0, 2, 0, 3, 0, 4]), shape: [2, 3] });
 * c.indptr; // Int32Array [0, 1, 3]
 * c.indices; // Int32Array [1, 0, 2]
 * c.values; // Float32Array [2, 3, 4]
 * ```
 */
export function toCSR<T extends FloatArray>(x: T | Tensor<T>, options: ToCsrOptions = {}): CSR<T> {
  return dispatchTo(x, checkOptions('toCSR', options)) as CSR<T>;
}

function runTo(xIn: FloatArray | Tensor<FloatArray>, o: ToCsrOptions): CSR {
  const fn = 'toCSR';
  const { data, shape } = floatTensor(fn, 'x', xIn);
  const dims = shape.length === 1 ? [1, shape[0]!] : shape;
  if (dims.length !== 2) rangeError(fn, `x must have rank 2 (got shape [${shape.join(', ')}])`);
  const mask = maskOf(fn, 'mask', o.mask, data.length);
  return toCsrImpl(data, dims[0]!, dims[1]!, mask);
}

/** CSR of a rows × cols row-major matrix. Unchecked. @internal */
export function toCsrImpl(x: FloatArray, rows: number, cols: number, mask: Uint8Array | null): CSR {
  const n = rows * cols;
  let a = 0;
  if (mask === null) for (let i = 0; i < n; i++) a += x[i] !== 0 ? 1 : 0;
  else for (let i = 0; i < n; i++) a += mask[i] !== 0 ? 1 : 0;
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(a);
  const values = x instanceof Float32Array ? new Float32Array(a) : new Float64Array(a);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const v = x[base + c]!;
      if (mask === null ? v !== 0 : mask[base + c] !== 0) {
        indices[k] = c;
        values[k] = v;
        k++;
      }
    }
    indptr[r + 1] = k;
  }
  return { shape: [rows, cols], indptr, indices, values };
}

/** Options of {@link fromCSR}. */
export interface FromCsrOptions<T extends FloatArray> {
  /** Where to write the dense rows × cols data (of the values' type). */
  out?: T;
}

const dispatchFrom = /*#__PURE__*/ dispatcher('fromCSR', ['csr', 'options'], {
  'Object, Object': (c: CSR, o: FromCsrOptions<FloatArray>) => runFrom(c, o),
});

/**
 * Dense matrix from a {@link CSR}, validating the structure first.
 *
 * @remarks
 * Trusts nothing: `FormatError` (code Inconsistent) when indptr does not have rows + 1
 * non-decreasing entries from 0 to the entry count, when indices and values differ in length, or
 * when a column index is out of range or not strictly increasing within its row. Entries not
 * stored are +0.
 *
 * @param csr - a {@link CSR} (shape, indptr, indices, values)
 * @param options - {@link FromCsrOptions}
 * @returns a Tensor `{ data, shape: [rows, cols] }` in the values' float type
 * @throws TypeError if a field has the wrong type
 * @throws RangeError for a bad shape or `out`
 * @throws FormatError for an inconsistent structure
 *
 * @example
 * ```ts
 * const c = toCSR({ data: new Float64Array([0, 2, 0, 3, 0, 4]), shape: [2, 3] });
 * fromCSR(c).data; // Float64Array [0, 2, 0, 3, 0, 4]
 * ```
 */
export function fromCSR<T extends FloatArray>(csr: CSR<T>, options: FromCsrOptions<T> = {}): Tensor<T> {
  return dispatchFrom(csr, checkOptions('fromCSR', options)) as Tensor<T>;
}

function runFrom(c: CSR, o: FromCsrOptions<FloatArray>): Tensor<FloatArray> {
  const fn = 'fromCSR';
  const { shape, indptr, indices, values } = c;
  if (!Array.isArray(shape)) typeError(fn, `csr.shape must be an Array (got ${describe(shape)})`);
  if (!(indptr instanceof Int32Array)) typeError(fn, `csr.indptr must be an Int32Array (got ${describe(indptr)})`);
  if (!(indices instanceof Int32Array)) typeError(fn, `csr.indices must be an Int32Array (got ${describe(indices)})`);
  if (!(values instanceof Float32Array || values instanceof Float64Array)) typeError(fn, `csr.values must be Float32Array or Float64Array (got ${describe(values)})`);
  if (shape.length !== 2) rangeError(fn, `csr.shape must be [rows, cols] (got [${shape.join(', ')}])`);
  const [rows, cols] = shape as [number, number];
  for (const [i, d] of [rows, cols].entries()) {
    if (!Number.isInteger(d) || d < 0 || d > 2 ** 31 - 1) rangeError(fn, `csr.shape[${i}] must be an integer in [0, 2147483647] (got ${d})`);
  }
  const bad = (detail: string): never => formatError(fn, FormatErrorCode.Inconsistent, detail);
  if (indptr.length !== rows + 1) bad(`indptr has ${indptr.length} entries, ${rows} rows need ${rows + 1}`);
  if (indices.length !== values.length) bad(`indices and values differ in length (${indices.length} vs ${values.length})`);
  if (indptr[0] !== 0) bad(`indptr[0] must be 0 (got ${indptr[0]})`);
  if (indptr[rows] !== indices.length) bad(`indptr[${rows}] must equal the ${indices.length} stored entries (got ${indptr[rows]})`);
  // indptr non-decreasing from 0 to nnz first, so that every row's range lies inside indices
  for (let r = 0; r < rows; r++) if (indptr[r + 1]! < indptr[r]!) bad(`indptr decreases at row ${r} (${indptr[r]} > ${indptr[r + 1]})`);
  for (let r = 0; r < rows; r++) {
    let prev = -1;
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) {
      const col = indices[k]!;
      if (col < 0 || col >= cols) bad(`indices[${k}] = ${col} is outside [0, ${cols})`);
      if (col <= prev) bad(`indices of row ${r} must increase strictly (${prev} then ${col} at ${k})`);
      prev = col;
    }
  }
  const n = rows * cols;
  let out: FloatArray;
  if (o.out === undefined) out = values instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
  else {
    if (o.out.constructor !== values.constructor) typeError(fn, `out must be a ${values.constructor.name} (got ${describe(o.out)})`);
    if (o.out.length < n) rangeError(fn, `out has length ${o.out.length}, needs ${n}`);
    out = o.out;
    out.fill(0, 0, n);
  }
  for (let r = 0; r < rows; r++) for (let k = indptr[r]!; k < indptr[r + 1]!; k++) out[r * cols + indices[k]!] = values[k]!;
  return { data: out, shape: [rows, cols] };
}
