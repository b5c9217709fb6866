import { describe, typeError } from '../core/index.js';
import type { CodingMethod } from '../coding/container.js';
import { symbolEntropy } from '../entropy/symbolEntropy.js';
import type { StoredTensorReport } from './compressModel.js';
import { decodeWithHeader } from './decodeTensor.js';
import { modelLimits } from './modelLimits.js';
import type { ReadModelOptions } from './modelLimits.js';
import { entrySpans, userMetadata, wholeHeader } from './readModelEntries.js';
import { readTensorHeader } from './tensorFormat.js';
import { float32Bytes } from './tensorReport.js';
import type { TensorReport } from './tensorReport.js';

/**
 * One tensor of a container as {@link inspectModel} describes it.
 *
 * @example
 * ```ts
 * const { bytes } = compressModel([{ name: 'k', shape: [2, 2], dtype: 'float32', data: new Float32Array([1, 0, 0, 1]) }]);
 * inspectModel(bytes).tensors[0].storage; // 'symmetric'
 * ```
 */
export interface TensorInfo
  extends Pick<TensorReport, 'name' | 'shape' | 'dtype' | 'parameters' | 'encoding' | 'storage' | 'bits' | 'axis' | 'coding' | 'bytes' | 'bitsPerWeight' | 'ratio' | 'entropyBitsPerWeight' | 'sparsity'> {
  /** error against the original: from the container for lossy tensors; 0 / Infinity for stored-exact ones; absent when unknown */
  measured?: StoredTensorReport;
}

const METHODS: readonly CodingMethod[] = ['raw', 'huffman', 'zero-run'];

/**
 * Describes a model container: metadata, and per tensor its shape, storage, coding, size,
 * entropy and sparsity (measured by decoding it) and the error compressModel recorded.
 *
 * @remarks
 * Every check of {@link decompressModel} applies; tensors are decoded one at a time and dropped.
 *
 * @param bytes - a container written by {@link compressModel}
 * @param options - {@link ReadModelOptions} caps
 * @returns the metadata, total size and a {@link TensorInfo} per tensor
 * @throws TypeError when bytes is not a Uint8Array
 * @throws FormatError for corrupt, truncated or unsupported data
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
  const errors = storedErrors(header.metadata);
  const tensors: TensorInfo[] = [];
  let i = 0;
  for (const span of entrySpans(fn, bytes, header, limits)) {
    const h = readTensorHeader(fn, bytes, limits.maxElements, span.recordStart, span.recordEnd);
    let entropy = 0;
    const decoded = decodeWithHeader(fn, bytes, h, (s) => {
      if (s.length > 0) entropy += symbolEntropy(s);
    });
    let zeros = 0;
    for (let j = 0; j < decoded.data.length; j++) if (decoded.data[j] === 0) zeros++;
    const size = span.recordEnd - span.recordStart;
    const exact = h.encoding === 'planes' || h.affineStorage === 'tfjs-uint8' || h.affineStorage === 'tfjs-uint16';
    const measured = errors.get(i++) ?? (exact ? { mse: 0, maxAbsError: 0, sqnrDb: Infinity } : undefined);
    tensors.push({
      name: span.name, shape: h.shape, dtype: h.dtype, parameters: h.size, encoding: h.encoding,
      storage: h.encoding === 'planes' ? h.planeStorage : h.affineStorage, bits: h.encoding === 'planes' ? 8 * h.streams.length : h.bits, axis: h.axis,
      coding: h.streams.map((st) => METHODS[st.tag]!), bytes: size,
      bitsPerWeight: h.size === 0 ? 0 : (8 * size) / h.size, ratio: float32Bytes(h.dtype, h.size) / size,
      entropyBitsPerWeight: entropy, sparsity: h.size === 0 ? 0 : zeros / h.size,
      ...(measured === undefined ? {} : { measured }),
    });
  }
  return { metadata: userMetadata(header.metadata), bytes: bytes.length, tensors };
}

/** The error entries in the metadata by tensor index; malformed entries are ignored (they are informative only). */
function storedErrors(json: Record<string, unknown>): Map<number, StoredTensorReport> {
  const out = new Map<number, StoredTensorReport>();
  const list = (json['compression'] as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(list)) return out;
  for (const e of list as unknown[]) {
    if (!Array.isArray(e) || e.length < 4 || !e.every((v) => typeof v === 'number')) continue;
    const [i, sqnrDb, maxAbsError, mse] = e as number[];
    out.set(i!, { sqnrDb: sqnrDb!, maxAbsError: maxAbsError!, mse: mse! });
  }
  return out;
}
