import { checkOptions, dispatcher } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { createObserver } from './createObserver.js';
import type { CalibrateOptions, CalibrationResult } from './createObserver.js';

/** Options of {@link calibrate}: the method options plus the histogram size and a per-channel axis. */
export interface CalibrateDataOptions extends CalibrateOptions {
  /** Bins of the |x| histogram (default 2048). */
  numBins?: number;
  /** 'minmax' only: per-channel min/max along this axis of a Tensor x. */
  axis?: number;
}

const dispatch = /*#__PURE__*/ dispatcher('calibrate', ['x', 'options'], {
  'Float32Array | Float64Array | Array | Tensor, any': (x: FloatArray | number[] | Tensor<FloatArray>, o: CalibrateDataOptions) => run(x, o),
});

/**
 * Chooses quantization parameters from data: min-max, percentile, MSE or KL-entropy calibration.
 *
 * @remarks
 * - 'minmax' (default): PyTorch MinMaxObserver — `quantParams(min(x), max(x), options)` (affine
 *   unless `symmetric`; per channel with Tensor x and `axis`, as PerChannelMinMaxObserver).
 * - 'percentile', 'mse', 'entropy': pytorch-quantization's HistogramCalibrator (numpy path): a
 *   `numBins` (2048) histogram of |x| over [0, max|x|], then `compute_amax`:
 *   'percentile' (default 99.99) takes the left edge of the bin where the cdf reaches it;
 *   'mse' fake-quantizes the bin centres for each candidate amax = centre i ≥ `startBin` (128) and
 *   keeps the first minimum of Σ count·error² (in float64, where the source uses float32);
 *   'entropy' is the TensorRT-style KL search as pytorch-quantization implements it: bins[0] := bins[1];
 *   for i = 128…2048, P = the first i bins with the outlier mass added to the last, Q = those bins
 *   merged into 128 levels (256 for uint8) and spread back over the non-empty bins, divergence =
 *   `klDivergence(P, Q)` (scipy.stats.entropy, normalised); amax = right edge of bin i of the **last**
 *   minimum. (Not the TensorRT-legacy (i + 0.5)·width threshold, and no MXNet-style smoothing.)
 *   The range is then [−amax, amax] (int8: `symmetric` and `narrowRange` default true, so
 *   scale = amax/127 as pytorch-quantization) or [0, amax] (uint8: affine, scale = amax/255).
 *   All-zero x gives amax 0, hence scale eps.
 *
 * NaN or ±Infinity in x is a RangeError; empty x is a RangeError (nothing to calibrate).
 * For data arriving in batches, use {@link createObserver} and its `calibrate`.
 *
 * @param x - the calibration data (Float32Array, Float64Array, number[], or Tensor for per-channel minmax)
 * @param options - {@link CalibrateDataOptions}
 * @returns the {@link CalibrationResult}: QuantParams plus the calibrated `min` and `max`
 * @throws TypeError for wrong argument types
 * @throws RangeError for empty or non-finite x or a bad option
 *
 * @example
 * ```ts
 * calibrate([-0.5, 0.25, 2]); // { scale: 0.009803921915590763, zeroPoint: -77, dtype: 'int8', qmin: -128, qmax: 127, min: -0.5, max: 2 }
 * const x = new Float32Array(10000).map((_, i) => Math.sin(i) ** 3);
 * calibrate(x, { method: 'entropy' }).max; // → amax ≤ max|x|
 * ```
 */
export function calibrate(x: FloatArray | number[] | Tensor<FloatArray>, options: CalibrateDataOptions = {}): CalibrationResult {
  return dispatch(x, checkOptions('calibrate', options)) as CalibrationResult;
}

function run(x: FloatArray | number[] | Tensor<FloatArray>, o: CalibrateDataOptions): CalibrationResult {
  const method = o.method ?? 'minmax';
  const obs = createObserver({
    histogram: method !== 'minmax' && o.axis === undefined,
    ...(o.numBins === undefined ? {} : { numBins: o.numBins }),
    ...(o.axis === undefined ? {} : { axis: o.axis }),
  });
  obs.update(x);
  const rest: CalibrateDataOptions = { ...o };
  delete rest.numBins;
  delete rest.axis;
  return obs.calibrate(rest);
}
