import { describe, typeError } from '../core/index.js';
import { modelLimits } from './modelLimits.js';
import type { ReadModelOptions } from './modelLimits.js';
import { entries, userMetadata, wholeHeader } from './readModelEntries.js';
import type { NamedTensor } from './types.js';

/**
 * Decodes a whole model container: its metadata and every tensor.
 *
 * @remarks
 * Float tensors come back as Float32Array; tensors stored with tfjs codes (lossless mode) also
 * carry `quantization` with those codes, so they can be written back to tfjs files bit-exactly.
 * Hostile input gets FormatError, never a crash, hang or allocation over the caps.
 *
 * @param bytes - a container written by {@link compressModel}
 * @param options - {@link ReadModelOptions} caps
 * @returns the metadata object and the tensors in stored order
 * @throws TypeError when bytes is not a Uint8Array
 * @throws FormatError for corrupt, truncated or unsupported data, or data over a cap
 *
 * @example
 * ```ts
 * const { bytes } = compressModel([{ name: 'w', shape: [1, 2], dtype: 'float32', data: new Float32Array([1, 2]) }], { metadata: { note: 'hi' } });
 * decompressModel(bytes).metadata; // { note: 'hi' }
 * ```
 */
export function decompressModel(bytes: Uint8Array, options: ReadModelOptions = {}): { metadata: Record<string, unknown>; tensors: NamedTensor[] } {
  const fn = 'decompressModel';
  if (!(bytes instanceof Uint8Array)) typeError(fn, `bytes must be a Uint8Array (got ${describe(bytes)})`);
  const limits = modelLimits(fn, options);
  const header = wholeHeader(fn, bytes, limits);
  return { metadata: userMetadata(header.metadata), tensors: [...entries(fn, bytes, header, limits)] };
}
