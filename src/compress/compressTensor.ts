import { checkShape, describe, isFloatArray, rangeError, typeError } from '../core/index.js';
import type { FloatArray } from '../core/index.js';
import { tensorPlan } from './compressOptions.js';
import type { CompressTensorOptions } from './compressOptions.js';
import { encodeTensorRecord } from './encodeTensor.js';
import { ByteSink, DEFAULT_MAX_ELEMENTS, shapeSize } from './tensorFormat.js';
import type { TensorReport } from './tensorReport.js';

/**
 * Deep Compression of one weight tensor: magnitude pruning, symmetric per-channel quantization,
 * then Huffman coding (zero-run coding where it is smaller), in one self-describing record.
 *
 * @remarks
 * The record (docs/format.md, "Tensor record") holds the shape, the per-channel scales and the
 * coded integer codes; {@link decompressTensor} reads it back. With `quantize: 'none'` the
 * float32 values are kept bit-exactly (each little-endian byte plane is Huffman-coded). The
 * report measures the result against `data`: entropy of the codes, bits per weight for the
 * values and for the zeros' positions, ratio to float32, and the reconstruction error.
 * Lossy modes need finite data.
 *
 * @param data - the weights (Float64Array input is rounded to float32 first)
 * @param shape - its dimensions (product = data.length)
 * @param options - {@link CompressTensorOptions}
 * @returns the record and its {@link TensorReport}
 * @throws TypeError for wrong argument types
 * @throws RangeError for a shape that does not match, NaN/±Infinity in lossy modes, or a bad option
 *
 * @example
 * ```ts
 * const w = new Float32Array([0.5, -0.25, 0.01, 1]);
 * const { bytes, report } = compressTensor(w, [2, 2], { prune: { amount: 0.25 }, quantize: { bits: 4 } });
 * report.sparsity; // 0.25
 * decompressTensor(bytes).data; // Float32Array [0.5, -0.2857142984867096, 0, 1]
 * ```
 */
export function compressTensor(data: FloatArray, shape: readonly number[], options: CompressTensorOptions = {}): { bytes: Uint8Array; report: TensorReport } {
  const fn = 'compressTensor';
  if (!isFloatArray(data)) typeError(fn, `data must be a Float32Array or Float64Array (got ${describe(data)})`);
  if (!Array.isArray(shape)) typeError(fn, `shape must be an array of dimensions (got ${describe(shape)})`);
  checkShape(fn, 'data', { data, shape });
  shapeSize(shape, DEFAULT_MAX_ELEMENTS * 8, (d) => rangeError(fn, d));
  const plan = tensorPlan(fn, options);
  const f32 = data instanceof Float32Array ? data : Float32Array.from(data);
  const sink = new ByteSink();
  const { signal: _s, noise: _n, ...report } = encodeTensorRecord(fn, sink, { name: '', shape: [...shape], dtype: 'float32', data: f32 }, plan);
  return { bytes: sink.finish(), report };
}
