/** Element type of a model weight, as tfjs names it. */
export type WeightDtype = 'float32' | 'int32' | 'bool';

/**
 * How tfjs stored a weight on disk (a `quantization` entry of a weights manifest): affine
 * `uint8`/`uint16` codes (`value = code * scale + min`) or IEEE `float16` halves.
 *
 * @example
 * ```ts
 * const q: TfjsQuantization = { dtype: 'uint8', scale: 0.01, min: -1.28, codes: new Uint8Array([0, 128]) };
 * q.codes.length; // 2
 * ```
 */
export interface TfjsQuantization {
  /** Storage type of the codes. */
  readonly dtype: 'uint8' | 'uint16' | 'float16';
  /** Step of the affine codes (uint8/uint16 only). */
  readonly scale?: number;
  /** Real value of code 0 (uint8/uint16 only). */
  readonly min?: number;
  /** The stored codes exactly as on disk (float16: the raw half-precision bit patterns). */
  readonly codes: Uint8Array | Uint16Array;
}

/**
 * One named weight of a model: what tfjs would load (`data`, dequantized as tfjs dequantizes it)
 * and, when the file stored it quantized, the stored codes.
 *
 * @example
 * ```ts
 * const w: NamedTensor = { name: 'dense/bias', shape: [2], dtype: 'float32', data: new Float32Array([0.5, -1]) };
 * w.shape; // [2]
 * ```
 */
export interface NamedTensor {
  /** The weight's name in the manifest. */
  readonly name: string;
  /** Dimensions (empty for a scalar). */
  readonly shape: readonly number[];
  /** Element type tfjs gives it. */
  readonly dtype: WeightDtype;
  /** Values: Float32Array for float32, Int32Array for int32, Uint8Array (0/1) for bool. */
  readonly data: Float32Array | Int32Array | Uint8Array;
  /** Present when the file stored the weight tfjs-quantized. */
  readonly quantization?: TfjsQuantization;
}
