import { checkInteger, checkOptions, describe, typeError } from '../core/index.js';
import { decodeTensorRecord } from './decodeTensor.js';
import { DEFAULT_MAX_ELEMENTS } from './tensorFormat.js';
import type { WeightDtype } from './types.js';

/** Options of {@link decompressTensor}. */
export interface DecompressTensorOptions {
  /** Largest element count accepted from the record's shape (default 2^27); checked before anything is allocated. */
  maxElements?: number;
}

/**
 * Reads a tensor record written by {@link compressTensor} (or held in a model container).
 *
 * @remarks
 * Trusts nothing: magic, version, fields, the header checksum, every stream's length, count and
 * checksum are checked, and the shape is checked against `maxElements` before allocation.
 * Float tensors come back as Float32Array (code · scale per channel, rounded to float32).
 *
 * @param bytes - one tensor record
 * @param options - {@link DecompressTensorOptions}
 * @returns the values, shape and dtype
 * @throws TypeError when bytes is not a Uint8Array
 * @throws FormatError for a corrupt, truncated or unsupported record, or one over `maxElements`
 *
 * @example
 * ```ts
 * const { bytes } = compressTensor(new Float32Array([1, 2, 3, 4]), [4], { quantize: 'none' });
 * decompressTensor(bytes).data; // Float32Array [1, 2, 3, 4]
 * decompressTensor(bytes).shape; // [4]
 * ```
 */
export function decompressTensor(bytes: Uint8Array, options: DecompressTensorOptions = {}): { data: Float32Array | Int32Array | Uint8Array; shape: number[]; dtype: WeightDtype } {
  const fn = 'decompressTensor';
  if (!(bytes instanceof Uint8Array)) typeError(fn, `bytes must be a Uint8Array (got ${describe(bytes)})`);
  const o = checkOptions(fn, options);
  const maxElements = o.maxElements === undefined ? DEFAULT_MAX_ELEMENTS : checkInteger(fn, 'maxElements', o.maxElements, 0, 2 ** 32);
  const d = decodeTensorRecord(fn, bytes, maxElements);
  return { data: d.data, shape: d.shape, dtype: d.dtype };
}
