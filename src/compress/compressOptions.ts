// Options of the pipeline, validated once into a TensorPlan.
import { checkInRange, checkInteger, checkOneOf, checkOptions, rangeError, typeError, describe } from '../core/index.js';
import type { CodingMethod } from '../coding/container.js';
import type { CalibrationMethod } from '../quant/createObserver.js';
import type { TensorPlan } from './encodeTensor.js';

/** Pruning step of {@link compressTensor}: the `amount` fraction of smallest-|w| weights become 0 (torch l1_unstructured). */
export interface PruneSpec {
  /** 'magnitude' (the only method so far; per tensor, ties pruned at the lower index first). */
  method?: 'magnitude';
  /** Fraction in [0, 1] of the weights to prune. */
  amount: number;
}

/** Quantization step of {@link compressTensor}: symmetric b-bit codes (zero point 0) with a scale per channel. */
export interface QuantizeSpec {
  /** Bits per code, 2..8 (default 8: TFLite's [−127, 127]). */
  bits?: number;
  /** Channel axis of the scales; null for one scale; default: the last axis longer than 1 (rank ≥ 2), else one scale. */
  axis?: number | null;
  /**
   * How each channel's clipping range is chosen: 'minmax' (default: no clipping), 'percentile' or
   * 'entropy' (the `calibrate` methods, on the channel's values), or 'mse': the scale that
   * minimizes this b-bit quantization's squared error on the channel's values, searched directly.
   */
  calibration?: CalibrationMethod;
  /** For 'percentile': percentile of |w| (default 99.99). */
  percentile?: number;
}

/** Options of {@link compressTensor}. */
export interface CompressTensorOptions {
  /** Pruning before quantization, or 'none' (default). */
  prune?: PruneSpec | 'none';
  /** Quantization (default `{ bits: 8 }`), or 'none' to store the values bit-exactly (byte planes). */
  quantize?: QuantizeSpec | 'none';
  /** Entropy coding of each stream: 'auto' (default: the smallest of Huffman, zero-run and raw), or one of them. */
  coding?: 'auto' | CodingMethod;
}

const CALIBRATIONS: readonly CalibrationMethod[] = ['minmax', 'percentile', 'mse', 'entropy'];
const CODINGS = ['auto', 'huffman', 'zero-run', 'raw'] as const;

/** Validates the options into a plan (axis checked later against each tensor's rank). */
export function tensorPlan(fn: string, options: CompressTensorOptions): TensorPlan {
  const o = checkOptions(fn, options);
  let pruneAmount = 0;
  if (o.prune !== undefined && o.prune !== 'none') {
    if (o.prune === null || typeof o.prune !== 'object') typeError(fn, `prune must be { amount } or 'none' (got ${describe(o.prune)})`);
    checkOneOf(fn, 'prune.method', o.prune.method, ['magnitude'] as const, 'magnitude');
    if (typeof o.prune.amount !== 'number') typeError(fn, `prune.amount must be a number (got ${describe(o.prune.amount)})`);
    pruneAmount = checkInRange(fn, 'prune.amount', o.prune.amount, 0, 1);
  }
  const coding = checkOneOf(fn, 'coding', o.coding, CODINGS, 'auto');
  if (o.quantize === 'none') return { lossless: true, pruneAmount, bits: 32, axis: -1, calibration: 'minmax', percentile: undefined, coding };
  const q = o.quantize ?? {};
  if (q === null || typeof q !== 'object') typeError(fn, `quantize must be an object or 'none' (got ${describe(q)})`);
  const bits = q.bits === undefined ? 8 : checkInteger(fn, 'quantize.bits', q.bits, 2, 8);
  let axis: number | 'auto' = 'auto';
  if (q.axis === null) axis = -1;
  else if (q.axis !== undefined) axis = checkInteger(fn, 'quantize.axis', q.axis, 0, 7);
  const calibration = checkOneOf(fn, 'quantize.calibration', q.calibration, CALIBRATIONS, 'minmax');
  let percentile: number | undefined;
  if (q.percentile !== undefined) {
    percentile = checkInRange(fn, 'quantize.percentile', q.percentile, 0, 100);
    if (percentile === 0) rangeError(fn, 'quantize.percentile must be > 0 (got 0)');
  }
  return { lossless: false, pruneAmount, bits, axis, calibration, percentile, coding };
}
