import type { CodingMethod } from '../coding/container.js';
import type { WeightDtype } from './types.js';

/**
 * What compressing one tensor cost and gained. Bits per weight count the tensor's elements.
 *
 * @example
 * ```ts
 * const { report } = compressTensor(new Float32Array([0.5, -0.25, 0, 1]), [4]);
 * report.parameters; // 4
 * report.bits; // 8
 * ```
 */
export interface TensorReport {
  /** Name of the tensor ('' for a lone tensor). */
  name: string;
  shape: number[];
  dtype: WeightDtype;
  /** Number of elements. */
  parameters: number;
  /** 'planes' (lossless element bytes) or 'affine' (integer codes with per-channel scales). */
  encoding: 'planes' | 'affine';
  /** What is stored: 'float32', 'int32', 'uint8', 'float16' planes, or 'symmetric', 'grid', 'tfjs-uint8', 'tfjs-uint16' codes. */
  storage: string;
  /** Coding method of each stream (one per byte plane, or one for the codes). */
  coding: CodingMethod[];
  /** Channel axis of the scales, −1 for one scale. */
  axis: number;
  /** Fraction of elements that are exactly zero after reconstruction. */
  sparsity: number;
  /** Bits of one stored code before entropy coding (8 for int8 codes, 32 for float32 planes). */
  bits: number;
  /** Shannon entropy of the stored symbols, bits per weight (sum over byte planes for planes). */
  entropyBitsPerWeight: number;
  /** Coded size of the nonzero values (with their code tables), bits per weight. */
  valueBitsPerWeight: number;
  /** What the positions of the zeros cost on top of the values (zero-run coding), bits per weight. */
  structureBitsPerWeight: number;
  /** Header, shape, scales and stream lengths, bits per weight. */
  overheadBitsPerWeight: number;
  /** The whole record, bits per weight. */
  bitsPerWeight: number;
  /** Size of the record in bytes. */
  bytes: number;
  /** Size as float32 (4 bytes per element; 1 for bool). */
  originalBytes: number;
  /** originalBytes / bytes. */
  ratio: number;
  /** Mean squared error of the reconstruction against the input. */
  mse: number;
  /** Largest absolute error. */
  maxAbsError: number;
  /** Signal-to-quantization-noise ratio 10·log10(Σx² / Σ(x − x̂)²) in dB; Infinity when exact. */
  sqnrDb: number;
}

/** Error of a reconstruction x̂ against x, in float64. NaN entries match NaN entries exactly. */
export function reconstructionError(x: ArrayLike<number>, xHat: ArrayLike<number>): { mse: number; maxAbsError: number; sqnrDb: number; signal: number; noise: number } {
  let signal = 0;
  let noise = 0;
  let maxAbs = 0;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const a = x[i]!;
    const b = xHat[i]!;
    if (a === b || (a !== a && b !== b)) {
      if (a === a && Number.isFinite(a)) signal += a * a;
      continue;
    }
    const d = Math.abs(a - b);
    signal += a * a;
    noise += d * d;
    if (d > maxAbs || d !== d) maxAbs = d;
  }
  const mse = n === 0 ? 0 : noise / n;
  const sqnrDb = noise === 0 ? Infinity : 10 * Math.log10(signal / noise);
  return { mse, maxAbsError: maxAbs, sqnrDb, signal, noise };
}

/** Size of n elements of this dtype as tfjs float32 tensors hold them (bool: 1 byte each). */
export function float32Bytes(dtype: WeightDtype, n: number): number {
  return n * (dtype === 'bool' ? 1 : 4);
}
