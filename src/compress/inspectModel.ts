import { describe, formatError, FormatErrorCode, typeError } from '../core/index.js';
import type { CodingMethod } from '../coding/container.js';
import type { StoredTensorReport } from './compressModel.js';
import { readEntrySpan } from './modelFormat.js';
import { modelLimits } from './modelLimits.js';
import type { ReadModelOptions } from './modelLimits.js';
import { userMetadata, wholeHeader } from './readModelEntries.js';
import { readTensorHeader } from './tensorFormat.js';
import type { WeightDtype } from './types.js';

/**
 * One tensor of a container as {@link inspectModel} sees it, without decoding its streams.
 *
 * @example
 * ```ts
 * const { bytes } = compressModel([{ name: 'k', shape: [2, 2], dtype: 'float32', data: new Float32Array([1, 0, 0, 1]) }]);
 * inspectModel(bytes).tensors[0].storage; // 'symmetric'
 * ```
 */
export interface TensorInfo {
  name: string;
  shape: number[];
  dtype: WeightDtype;
  parameters: number;
  encoding: 'planes' | 'affine';
  storage: string;
  /** bits of a stored code before entropy coding */
  bits: number;
  /** channel axis of the scales, −1 for one */
  axis: number;
  coding: CodingMethod[];
  /** size of the tensor's record */
  bytes: number;
  bitsPerWeight: number;
  /** float32 size / record size */
  ratio: number;
  /** what compressModel measured, when the container recorded it */
  measured?: StoredTensorReport;
}

const METHODS: readonly CodingMethod[] = ['raw', 'huffman', 'zero-run'];

/**
 * Describes a model container — metadata, and per tensor its shape, storage, coding and size,
 * with the error and entropy compressModel measured — reading headers only (no stream decoding).
 *
 * @remarks
 * Header fields and checksums are checked as by {@link decompressModel}; the streams are not
 * decoded, so a corrupt payload is only found by decompressing.
 *
 * @param bytes - a container written by {@link compressModel}
 * @param options - {@link ReadModelOptions} caps
 * @returns the metadata, total size and a {@link TensorInfo} per tensor
 * @throws TypeError when bytes is not a Uint8Array
 * @throws FormatError for corrupt, truncated or unsupported headers
 *
 * @example
 * ```ts
 * const { bytes } = compressModel([{ name: 'b', shape: [3], dtype: 'float32', data: new Float32Array([1, 2, 3]) }], { lossless: true });
 * const info = inspectModel(bytes);
 * info.tensors[0].storage; // 'float32'
 * info.tensors[0].measured.sqnrDb; // Infinity
 * ```
 */
export function inspectModel(bytes: Uint8Array, options: ReadModelOptions = {}): { metadata: Record<string, unknown>; bytes: number; tensors: TensorInfo[] } {
  const fn = 'inspectModel';
  if (!(bytes instanceof Uint8Array)) typeError(fn, `bytes must be a Uint8Array (got ${describe(bytes)})`);
  const limits = modelLimits(fn, options);
  const header = wholeHeader(fn, bytes, limits);
  const measured = storedReports(header.metadata);
  const tensors: TensorInfo[] = [];
  let at = header.entriesStart;
  for (let i = 0; i < header.tensorCount; i++) {
    const span = readEntrySpan(fn, bytes, at, limits);
    if (span === undefined) formatError(fn, FormatErrorCode.Truncated, `the container ends inside tensor ${i} of ${header.tensorCount}`);
    const h = readTensorHeader(fn, bytes, limits.maxElements, span.recordStart, span.recordEnd);
    const size = span.recordEnd - span.recordStart;
    const m = measured.get(span.name);
    tensors.push({
      name: span.name, shape: h.shape, dtype: h.dtype, parameters: h.size, encoding: h.encoding,
      storage: h.encoding === 'planes' ? h.planeStorage : h.affineStorage, bits: h.encoding === 'planes' ? 8 * h.streams.length : h.bits, axis: h.axis,
      coding: h.streams.map(([s]) => METHODS[bytes[s + 6]!] ?? 'raw'), bytes: size,
      bitsPerWeight: h.size === 0 ? 0 : (8 * size) / h.size, ratio: (h.size * (h.dtype === 'bool' ? 1 : 4)) / size,
      ...(m === undefined ? {} : { measured: m }),
    });
    at = span.recordEnd;
  }
  if (at !== bytes.length) formatError(fn, FormatErrorCode.TrailingData, `${bytes.length - at} bytes follow the last tensor`);
  return { metadata: userMetadata(header.metadata), bytes: bytes.length, tensors };
}

/** The per-tensor measures in the metadata; anything malformed there is ignored (they are informative only). */
function storedReports(json: Record<string, unknown>): Map<string, StoredTensorReport> {
  const out = new Map<string, StoredTensorReport>();
  const list = (json['compression'] as { tensors?: unknown } | undefined)?.tensors;
  if (!Array.isArray(list)) return out;
  const num = (v: unknown, nullIs: number): number => (typeof v === 'number' ? v : v === null ? nullIs : NaN);
  for (const r of list as Record<string, unknown>[]) {
    if (r === null || typeof r !== 'object' || typeof r['name'] !== 'string') continue;
    out.set(r['name'], {
      name: r['name'], mse: num(r['mse'], NaN), maxAbsError: num(r['maxAbsError'], NaN), sqnrDb: num(r['sqnrDb'], Infinity),
      sparsity: num(r['sparsity'], NaN), entropyBitsPerWeight: num(r['entropyBitsPerWeight'], NaN),
    });
  }
  return out;
}
