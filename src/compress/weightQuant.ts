// Symmetric b-bit weight quantization for the pipeline: per-channel clipping ranges from the
// quant module's calibrators, codes in [−(2^(b−1)−1), 2^(b−1)−1] with zero point 0.
import type { FloatArray } from '../core/index.js';
import { calibrate } from '../quant/calibrate.js';
import type { CalibrationMethod } from '../quant/createObserver.js';
import { quantize } from '../quant/quantize.js';
import { channelLayout } from '../quant/layout.js';

/** outer × channels × inner view of a tensor split at `axis` (−1: one channel): quant's channelLayout. */
export function splitAxis(data: ArrayLike<number>, shape: readonly number[], axis: number): [number, number, number] {
  const l = channelLayout('compress', 'weights', { data, shape }, axis < 0 ? undefined : axis);
  return [l.outer, l.channels, l.inner];
}

/** Default channel axis of a weight: the last axis longer than 1 (tfjs conv [kh,kw,cin,cout] → cout, depthwise [kh,kw,C,1] → C); −1 for rank < 2. */
export function defaultChannelAxis(shape: readonly number[]): number {
  if (shape.length < 2) return -1;
  for (let a = shape.length - 1; a >= 0; a--) if (shape[a]! > 1) return a;
  return -1;
}

/** max |x| per channel, skipping NaN. */
export function channelAbsMax(x: FloatArray, shape: readonly number[], axis: number): Float64Array {
  const [outer, channels, inner] = splitAxis(x, shape, axis);
  const amax = new Float64Array(channels);
  let i = 0;
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      let m = amax[c]!;
      for (let k = 0; k < inner; k++) {
        const v = Math.abs(x[i++]!);
        if (v > m) m = v;
      }
      amax[c] = m;
    }
  }
  return amax;
}

/** Clipping range per channel from a calibrator; `skipZeros` leaves pruned entries out of the statistics. */
export function channelClip(
  x: FloatArray, shape: readonly number[], axis: number, method: CalibrationMethod, percentile: number | undefined, skipZeros: boolean,
): Float64Array {
  if (method === 'minmax') return channelAbsMax(x, shape, axis);
  const [outer, channels, inner] = splitAxis(x, shape, axis);
  const amax = new Float64Array(channels);
  const values = new Float64Array(outer * inner);
  for (let c = 0; c < channels; c++) {
    let n = 0;
    for (let o = 0; o < outer; o++) {
      const base = (o * channels + c) * inner;
      for (let k = 0; k < inner; k++) {
        const v = x[base + k]!;
        if (!(skipZeros && v === 0) && v === v) values[n++] = v;
      }
    }
    if (n === 0) continue;
    const r = calibrate(values.subarray(0, n), percentile === undefined ? { method } : { method, percentile });
    amax[c] = Math.max(Math.abs(r.min as number), Math.abs(r.max as number));
  }
  return amax;
}

/**
 * Scales amax / (2^(b−1) − 1) rounded to float32 (as stored); a channel that is all zero gets
 * scale 1 (its codes are all 0). With `grid` > 0 (values already quantized with that step), each
 * scale is the smallest whole multiple k·grid (k ≥ 1, float64) that covers amax, so the new grid
 * is aligned with the old one: a channel that fits keeps its values, the others merge neighbouring
 * codes.
 */
export function symmetricScales(amax: Float64Array, bits: number, grid = 0): Float64Array {
  const qmax = 2 ** (bits - 1) - 1;
  const scale = new Float64Array(amax.length);
  for (let c = 0; c < amax.length; c++) {
    if (grid > 0) {
      scale[c] = Math.max(1, Math.ceil(amax[c]! / (grid * qmax) - 1e-9)) * grid;
      continue;
    }
    const s = Math.fround(amax[c]! / qmax);
    scale[c] = s > 0 && Number.isFinite(s) ? s : 1;
  }
  return scale;
}

/** Codes round-half-even(x / scale), saturated to ±(2^(b−1) − 1). NaN becomes 0. */
export function quantizeSymmetric(x: FloatArray, shape: readonly number[], axis: number, scale: Float64Array, bits: number): Int8Array {
  const qmax = 2 ** (bits - 1) - 1;
  const channels = scale.length;
  const params = axis < 0
    ? { scale: scale[0]!, zeroPoint: 0, dtype: 'int8' as const, qmin: -qmax, qmax }
    : { scale, zeroPoint: new Int32Array(channels), dtype: 'int8' as const, qmin: -qmax, qmax, axis };
  const q = quantize({ data: x, shape }, params);
  return q.data as Int8Array;
}

/**
 * Per-channel scales minimizing the squared error of b-bit symmetric quantization of the
 * channel's own values (clipping traded against step size), searched directly on the values:
 * on a source grid, every whole multiple k·grid up to the one that covers the channel; otherwise
 * 40 clipping ratios from 1 down to 0.2 of max |x| (float32 scales, as stored).
 */
export function mseScales(x: FloatArray, shape: readonly number[], axis: number, bits: number, grid: number): Float64Array {
  const [outer, channels, inner] = splitAxis(x, shape, axis);
  const qmax = 2 ** (bits - 1) - 1;
  const scale = new Float64Array(channels);
  const values = new Float64Array(outer * inner);
  const amax = channelAbsMax(x, shape, axis);
  for (let c = 0; c < channels; c++) {
    let n = 0;
    for (let o = 0; o < outer; o++) {
      const base = (o * channels + c) * inner;
      for (let k = 0; k < inner; k++) values[n++] = x[base + k]!;
    }
    const a = amax[c]!;
    if (!(a > 0)) {
      scale[c] = grid > 0 ? grid : 1;
      continue;
    }
    let best = Infinity;
    let bestScale = grid > 0 ? Math.max(1, Math.ceil(a / (grid * qmax) - 1e-9)) * grid : Math.fround(a / qmax);
    const candidates = grid > 0 ? Math.max(1, Math.ceil(a / (grid * qmax) - 1e-9)) : 40;
    for (let j = 0; j < candidates; j++) {
      const s = grid > 0 ? (j + 1) * grid : Math.fround((a * (1 - (0.8 * j) / 40)) / qmax);
      if (!(s > 0)) continue;
      const err = squaredError(values, n, s, qmax, best);
      if (err < best) {
        best = err;
        bestScale = s;
      }
    }
    scale[c] = bestScale;
  }
  return scale;
}

/** Σ (x − s·clamp(round(x/s), ±qmax))², stopping early once it exceeds `bound`. */
function squaredError(values: Float64Array, n: number, s: number, qmax: number, bound: number): number {
  const inv = 1 / s;
  let err = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let q = Math.round(v * inv);
    if (q > qmax) q = qmax;
    else if (q < -qmax) q = -qmax;
    const d = v - q * s;
    err += d * d;
    if ((i & 255) === 255 && err > bound) return err;
  }
  return err;
}
