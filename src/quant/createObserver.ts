import { checkBoolean, checkInRange, checkInteger, checkOneOf, checkOptions, isTensor, rangeError, typeError } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { addAbsToHistogram, addAbsToUniformHistogram, amaxEntropy, amaxMse, amaxPercentile, arangeNumpy, arangeNumpyF32, linspaceNumpy } from './amax.js';
import type { AbsHistogram } from './amax.js';
import { channelLayout } from './layout.js';
import { quantParams } from './quantParams.js';
import type { QuantParams, QuantParamsOptions } from './quantParams.js';

/** Calibration methods: see {@link calibrate}. */
export type CalibrationMethod = 'minmax' | 'percentile' | 'mse' | 'entropy';

/** Options of {@link calibrate} and {@link Observer.calibrate}: the method, its knobs and the {@link QuantParamsOptions} of the result. */
export interface CalibrateOptions extends Omit<QuantParamsOptions, 'axis'> {
  /** 'minmax' (default), 'percentile', 'mse' or 'entropy'. */
  method?: CalibrationMethod;
  /** For 'percentile': the percentile of |x| in (0, 100] (default 99.99). */
  percentile?: number;
  /** For 'mse' and 'entropy': first candidate bin (default 128). */
  startBin?: number;
  /** For 'mse' and 'entropy': candidate step in bins (default 1). */
  stride?: number;
}

/** Options of {@link createObserver} (and the data options of {@link calibrate}). */
export interface ObserverOptions {
  /** Bins of the |x| histogram (default 2048, pytorch-quantization's). */
  numBins?: number;
  /** Keep the |x| histogram needed by 'percentile', 'mse' and 'entropy' (default true; false: min/max only). */
  histogram?: boolean;
  /** Moving-average min/max: min += c·(batchMin − min) after the first batch (PyTorch MovingAverageMinMaxObserver uses 0.01). Default: running min/max. */
  averagingConstant?: number;
  /** Per-channel min/max along this axis of Tensor batches (PerChannelMinMaxObserver's ch_axis); the histogram is then off. */
  axis?: number;
}

/** Calibrated parameters, with the real range they were computed from. */
export interface CalibrationResult extends QuantParams {
  /** the calibrated lower bound (one per channel for per-channel min/max) */
  readonly min: number | Float64Array;
  /** the calibrated upper bound (one per channel for per-channel min/max) */
  readonly max: number | Float64Array;
}

/** A streaming observer: statistics of every batch seen, merged. */
export interface Observer {
  /** Values seen so far. */
  readonly count: number;
  /** Smallest value seen (running or moving average; per channel with `axis`); Infinity before any value. */
  readonly min: number | Float64Array;
  /** Largest value seen; −Infinity before any value. */
  readonly max: number | Float64Array;
  /** Merges a batch into the statistics. Empty batches are ignored (as PyTorch). */
  update(x: FloatArray | number[] | Tensor<FloatArray>): void;
  /** A copy of the |x| histogram (numpy edges), or undefined when it is off or empty. */
  histogram(): { counts: Float64Array; edges: Float64Array } | undefined;
  /** Quantization parameters from the statistics so far; see {@link calibrate}. */
  calibrate(options?: CalibrateOptions): CalibrationResult;
  /** Forgets everything seen. */
  reset(): void;
}

const MAX_BINS = 1 << 24;
const METHODS: readonly CalibrationMethod[] = ['minmax', 'percentile', 'mse', 'entropy'];

/**
 * A streaming observer that merges batches: running (or moving-average) min/max, per channel
 * when `axis` is set, and the growing |x| histogram of pytorch-quantization's HistogramCalibrator.
 *
 * @remarks
 * Min/max follow PyTorch's MinMaxObserver (running extremes) or MovingAverageMinMaxObserver with
 * `averagingConstant` (first batch sets them; later `min += c·(batchMin − min)` in float32 as PyTorch).
 * The histogram follows `HistogramCalibrator(num_bins=2048, torch_hist=False)`: the first batch
 * fixes `numBins` bins over [0, max|x|] (numpy.histogram); a later batch with a larger |x| appends
 * bins of the same width (numpy.arange), and counts are merged. As numpy, the edges are float32 when
 * the first batch is a Float32Array (float32 arithmetic for the widths and appended edges). An empty batch is ignored; NaN or
 * ±Infinity in a batch is a RangeError (PyTorch observers would propagate or drop them).
 * The observer is the state behind {@link calibrate}.
 *
 * @param options - {@link ObserverOptions}
 * @returns an {@link Observer}
 * @throws TypeError for non-object options
 * @throws RangeError for bad options
 *
 * @example
 * ```ts
 * const obs = createObserver();
 * obs.update(new Float32Array([-1, 0.5]));
 * obs.update([2, 0.25]);
 * obs.min; // -1
 * obs.calibrate({ dtype: 'uint8' }).zeroPoint; // 85
 * ```
 */
export function createObserver(options: ObserverOptions = {}): Observer {
  const fn = 'createObserver';
  const o = checkOptions(fn, options);
  const numBins = o.numBins === undefined ? 2048 : checkInteger(fn, 'numBins', o.numBins, 1, 1 << 24);
  const axis = o.axis === undefined ? undefined : checkInteger(fn, 'axis', o.axis, -32, 31);
  const keepHistogram = checkBoolean(fn, 'histogram', o.histogram, axis === undefined);
  if (keepHistogram && axis !== undefined) rangeError(fn, 'histogram applies to per-tensor observers only (axis is set)');
  const c = o.averagingConstant === undefined ? undefined : checkInRange(fn, 'averagingConstant', o.averagingConstant, 0, 1);
  return new StreamingObserver(numBins, keepHistogram, c, axis);
}

class StreamingObserver implements Observer {
  count = 0;
  private lo = Infinity;
  private hi = -Infinity;
  private loC: Float64Array | undefined;
  private hiC: Float64Array | undefined;
  private hist: AbsHistogram | undefined;
  /** the histogram edges are float32 (first batch was float32 data, as numpy's result_type) */
  private f32 = false;

  constructor(
    private readonly numBins: number,
    private readonly keepHistogram: boolean,
    private readonly averaging: number | undefined,
    private readonly axis: number | undefined,
  ) {}

  get min(): number | Float64Array {
    return this.axis === undefined ? this.lo : (this.loC ?? new Float64Array(0));
  }

  get max(): number | Float64Array {
    return this.axis === undefined ? this.hi : (this.hiC ?? new Float64Array(0));
  }

  reset(): void {
    this.count = 0;
    this.lo = Infinity;
    this.hi = -Infinity;
    this.loC = undefined;
    this.hiC = undefined;
    this.hist = undefined;
    this.f32 = false;
  }

  histogram(): { counts: Float64Array; edges: Float64Array } | undefined {
    if (this.hist === undefined) return undefined;
    return { counts: Float64Array.from(this.hist.counts), edges: Float64Array.from(this.hist.edges) };
  }

  update(x: FloatArray | number[] | Tensor<FloatArray>): void {
    const fn = 'Observer.update';
    let data: ArrayLike<number>;
    let shape: Tensor<FloatArray> | undefined;
    if (x instanceof Float32Array || x instanceof Float64Array || Array.isArray(x)) data = x;
    else if (isTensor(x)) {
      shape = x as Tensor<FloatArray>;
      data = shape.data;
      if (!(data instanceof Float32Array || data instanceof Float64Array || Array.isArray(data))) {
        typeError(fn, `x.data must be a Float32Array, Float64Array or Array (got ${(data as object).constructor.name})`);
      }
    } else {
      typeError(fn, `x must be Float32Array or Float64Array or Array or Tensor (got ${x === null ? 'null' : typeof x === 'object' ? (x as object).constructor.name : typeof x})`);
    }
    const n = data.length;
    if (Array.isArray(data)) {
      for (let i = 0; i < n; i++) if (typeof data[i] !== 'number') typeError(fn, `x[${i}] must be a number (got ${typeof data[i]})`);
    }
    // one pass: extremes and NaN; an infinite value shows as an infinite extreme
    let lo = Infinity;
    let hi = -Infinity;
    let nan = false;
    for (let i = 0; i < n; i++) {
      const v = data[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      if (v !== v) nan = true;
    }
    if (nan || lo === -Infinity || hi === Infinity) {
      for (let i = 0; i < n; i++) {
        const v = data[i]!;
        if (!(v - v === 0)) rangeError(fn, `x[${i}] must be finite (got ${v})`);
      }
    }
    if (this.axis !== undefined) {
      if (shape === undefined) rangeError(fn, 'a per-channel observer (axis set) needs Tensor batches');
      this.updateChannels(shape, data);
      return;
    }
    if (n === 0) return;
    const amax = Math.max(-lo, hi);
    this.mergeMinMax(lo, hi);
    if (this.keepHistogram) this.updateHistogram(data, amax, data instanceof Float32Array);
    this.count += n;
  }

  private mergeMinMax(lo: number, hi: number): void {
    const c = this.averaging;
    if (c === undefined || this.count === 0) {
      this.lo = Math.min(this.lo, lo);
      this.hi = Math.max(this.hi, hi);
      return;
    }
    const f = Math.fround;
    const c32 = f(c);
    this.lo = f(this.lo + f(c32 * f(lo - this.lo)));
    this.hi = f(this.hi + f(c32 * f(hi - this.hi)));
  }

  private updateChannels(t: Tensor<FloatArray>, data: ArrayLike<number>): void {
    const layout = channelLayout('Observer.update', 'x', t, this.axis);
    const { outer, channels, inner } = layout;
    if (this.loC !== undefined && this.loC.length !== channels) {
      rangeError('Observer.update', `x has ${channels} channels on axis ${this.axis}, earlier batches had ${this.loC.length}`);
    }
    if (data.length === 0) return;
    const lo = new Float64Array(channels).fill(Infinity);
    const hi = new Float64Array(channels).fill(-Infinity);
    let i = 0;
    for (let o = 0; o < outer; o++) {
      for (let ch = 0; ch < channels; ch++) {
        let l = lo[ch]!;
        let h = hi[ch]!;
        for (const end = i + inner; i < end; i++) {
          const v = data[i]!;
          if (v < l) l = v;
          if (v > h) h = v;
        }
        lo[ch] = l;
        hi[ch] = h;
      }
    }
    if (this.loC === undefined || this.hiC === undefined) {
      this.loC = lo;
      this.hiC = hi;
    } else {
      const c = this.averaging;
      const f = Math.fround;
      for (let ch = 0; ch < channels; ch++) {
        if (c === undefined) {
          this.loC[ch] = Math.min(this.loC[ch]!, lo[ch]!);
          this.hiC[ch] = Math.max(this.hiC[ch]!, hi[ch]!);
        } else {
          this.loC[ch] = f(this.loC[ch]! + f(f(c) * f(lo[ch]! - this.loC[ch]!)));
          this.hiC[ch] = f(this.hiC[ch]! + f(f(c) * f(hi[ch]! - this.hiC[ch]!)));
        }
      }
    }
    this.count += data.length;
  }

  private updateHistogram(data: ArrayLike<number>, amax: number, f32: boolean): void {
    if (this.hist === undefined) {
      // numpy.histogram(|x|, bins, range=(0, max|x|)); an all-zero batch widens to (−0.5, 0.5) as numpy;
      // float32 data gets float32 edges (numpy's bin dtype is the data's)
      const lower = amax === 0 ? -0.5 : 0;
      const upper = amax === 0 ? 0.5 : amax;
      const edges = linspaceNumpy(lower, upper, this.numBins + 1);
      if (f32) for (let k = 0; k < edges.length; k++) edges[k] = Math.fround(edges[k]!);
      this.f32 = f32;
      const counts = new Float64Array(this.numBins);
      addAbsToUniformHistogram(data, edges, counts);
      this.hist = { counts, edges };
      return;
    }
    let { counts, edges } = this.hist;
    const top = edges[edges.length - 1]!;
    if (amax > top) {
      const f = this.f32 ? Math.fround : (v: number) => v;
      const width = f(edges[1]! - edges[0]!);
      const grow = Math.ceil((amax - top) / width);
      if (!(grow <= MAX_BINS - edges.length)) {
        rangeError('Observer.update', `the histogram would grow past ${MAX_BINS} bins (bin width ${width}, max|x| ${amax}); start with a batch of representative range`);
      }
      const extra = this.f32 ? arangeNumpyF32(f(top + width), f(f(amax) + width), width) : arangeNumpy(top + width, amax + width, width);
      const grown = new Float64Array(edges.length + extra.length);
      grown.set(edges);
      grown.set(extra, edges.length);
      edges = grown;
      this.f32 = false; // numpy.arange returned float64 edges: the histogram is float64 from now on
    }
    const merged = new Float64Array(edges.length - 1);
    addAbsToHistogram(data, edges, merged);
    for (let k = 0; k < counts.length; k++) merged[k] = merged[k]! + counts[k]!;
    counts = merged;
    this.hist = { counts, edges };
  }

  calibrate(options: CalibrateOptions = {}): CalibrationResult {
    const fn = 'calibrate';
    const o = checkOptions(fn, options);
    const method = checkOneOf(fn, 'method', o.method, METHODS, 'minmax');
    const dtype = checkOneOf(fn, 'dtype', o.dtype, ['int8', 'uint8'] as const, 'int8');
    const unsigned = dtype === 'uint8';
    if (this.count === 0) rangeError(fn, 'no values observed yet');
    if (method === 'minmax') {
      const qp: QuantParamsOptions = { ...o };
      delete (qp as { method?: unknown }).method;
      if (this.axis !== undefined) {
        const p = quantParams(this.loC!, this.hiC!, { ...qp, axis: this.axis });
        return { ...p, min: Float64Array.from(this.loC!), max: Float64Array.from(this.hiC!) };
      }
      return { ...quantParams(this.lo, this.hi, qp), min: this.lo, max: this.hi };
    }
    if (this.hist === undefined) rangeError(fn, `method '${method}' needs the histogram (observer made with histogram: false or axis)`);
    const startBin = checkInteger(fn, 'startBin', o.startBin ?? 128, 1, this.hist.counts.length);
    const stride = o.stride === undefined ? 1 : checkInteger(fn, 'stride', o.stride, 1, 1 << 24);
    let amax: number;
    const maxAbs = Math.max(-this.lo, this.hi);
    if (maxAbs === 0) amax = 0;
    else if (method === 'percentile') {
      const pct = o.percentile === undefined ? 99.99 : checkInRange(fn, 'percentile', o.percentile, 0, 100);
      if (pct === 0) rangeError(fn, 'percentile must be > 0 (got 0)');
      amax = amaxPercentile(this.hist, pct);
    } else if (method === 'mse') amax = amaxMse(this.hist, unsigned ? 255 : 127, unsigned, startBin, stride);
    else amax = amaxEntropy(this.hist, unsigned ? 256 : 128, startBin, stride);
    const symmetric = o.symmetric ?? !unsigned;
    const narrowRange = o.narrowRange ?? !unsigned;
    const min = unsigned ? 0 : -amax;
    const qp: QuantParamsOptions = { dtype, symmetric, narrowRange };
    if (o.reduceRange !== undefined) qp.reduceRange = o.reduceRange;
    if (o.eps !== undefined) qp.eps = o.eps;
    return { ...quantParams(min, amax, qp), min, max: amax };
  }
}
