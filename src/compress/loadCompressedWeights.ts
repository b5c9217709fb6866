import { decompressModel } from './decompressModel.js';
import type { ReadModelOptions } from './modelLimits.js';
import type { WeightDtype } from './types.js';

/** A weight ready for `tf.tensor(data, shape, dtype)`. */
export interface LoadedWeight {
  name: string;
  shape: number[];
  dtype: WeightDtype;
  data: Float32Array | Int32Array | Uint8Array;
}

/**
 * The weights of a model container as plain `{ name, shape, dtype, data }` records, ready for
 * tfjs: `tf.tensor(w.data, w.shape, w.dtype)` for each, or a `NamedTensorMap` for
 * `net.loadFromWeightMap` (face-api) and `tf.io` weight loading.
 *
 * @param bytes - a container written by {@link compressModel} (or `frugal compress`)
 * @param options - {@link ReadModelOptions} caps
 * @returns one record per tensor, in stored order (float weights dequantized to Float32Array)
 * @throws TypeError when bytes is not a Uint8Array
 * @throws FormatError for corrupt, truncated or unsupported data, or data over a cap
 *
 * @example
 * ```ts
 * const { bytes } = compressModel([{ name: 'dense/bias', shape: [2], dtype: 'float32', data: new Float32Array([0.5, -1]) }], { lossless: true });
 * const [w] = loadCompressedWeights(bytes);
 * w.name; // 'dense/bias'
 * w.data; // Float32Array [0.5, -1]
 * ```
 */
export function loadCompressedWeights(bytes: Uint8Array, options: ReadModelOptions = {}): LoadedWeight[] {
  return decompressModel(bytes, options).tensors.map((t) => ({ name: t.name, shape: [...t.shape], dtype: t.dtype, data: t.data }));
}
