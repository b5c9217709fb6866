import { checkInteger, checkOptions, dispatcher, rangeError, typeError } from '../core/index.js';

/** Options of {@link histogram}. */
export interface HistogramOptions {
  /** Number of equal-width bins (default 10). */
  bins?: number;
  /** [lower, upper] edges; default [min(x), max(x)], widened by ±0.5 when they are equal. */
  range?: readonly [number, number];
}

/** Result of {@link histogram}: `counts[i]` values fell in [edges[i], edges[i+1]) (the last bin is closed). */
export interface Histogram {
  counts: Float64Array;
  edges: Float64Array;
}

/** Numeric arrays accepted by {@link histogram}. */
export type NumericArray = number[] | Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

const dispatch = /*#__PURE__*/ dispatcher('histogram', ['x', 'options'], {
  'Array | Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array, Object': run,
});

/**
 * Equal-width histogram with `numpy.histogram` semantics.
 *
 * @remarks
 * Edges are `linspace(lower, upper, bins + 1)`; each bin is half-open except the last, which
 * includes `upper`; values outside `range` are not counted; bin indices are computed and then
 * corrected against the edges exactly as numpy does, so counts match numpy bit for bit. NaN is a
 * RangeError, and so is ±Infinity when `range` is not given (numpy: "autodetected range … is not
 * finite"). An empty x with no range gives edges over [0, 1].
 *
 * @param x - values (any numeric array)
 * @param options - {@link HistogramOptions}
 * @returns counts (Float64Array of length bins) and edges (length bins + 1)
 * @throws TypeError for a non-numeric array
 * @throws RangeError for NaN, infinite values without range, bins < 1 or a bad range
 *
 * @example
 * ```ts
 * histogram([1, 2, 1], { bins: 2 }); // { counts: [2, 1], edges: [1, 1.5, 2] }
 * ```
 */
export function histogram(x: NumericArray, options: HistogramOptions = {}): Histogram {
  return dispatch(x, checkOptions('histogram', options)) as Histogram;
}

function run(x: NumericArray, o: HistogramOptions): Histogram {
  const { bins, lower, upper, edges } = histogramSetup('histogram', x, o);
  const counts = new Float64Array(bins);
  histogramImpl(x.length, x, lower, upper, bins, edges, counts);
  return { counts, edges };
}

/** Checks x and the options and returns the bins, the range and numpy's edges. @internal */
export function histogramSetup(fn: string, x: NumericArray, o: HistogramOptions): { bins: number; lower: number; upper: number; edges: Float64Array } {
  const bins = o.bins === undefined ? 10 : checkInteger(fn, 'bins', o.bins, 1, 1 << 28);
  let lower: number;
  let upper: number;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== 'number') typeError(fn, `x[${i}] must be a number (got ${typeof v})`);
    if (v !== v) rangeError(fn, `x[${i}] is NaN`);
  }
  if (o.range !== undefined) {
    if (!Array.isArray(o.range) || o.range.length !== 2) typeError(fn, 'range must be a [lower, upper] pair');
    [lower, upper] = o.range;
    if (!(Number.isFinite(lower) && Number.isFinite(upper) && lower <= upper)) rangeError(fn, `range must be finite with lower ≤ upper (got [${lower}, ${upper}])`);
  } else if (x.length === 0) {
    lower = 0;
    upper = 1;
  } else {
    lower = Infinity;
    upper = -Infinity;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v < lower) lower = v;
      if (v > upper) upper = v;
    }
    if (!Number.isFinite(lower) || !Number.isFinite(upper)) rangeError(fn, `autodetected range [${lower}, ${upper}] is not finite; pass range`);
  }
  if (lower === upper) {
    lower -= 0.5;
    upper += 0.5;
  }
  return { bins, lower, upper, edges: linspace(lower, upper, bins + 1) };
}

/** numpy.linspace(start, stop, num) with endpoint, bit for bit (step form). @internal */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) out[i] = step === 0 ? (i / div) * delta + start : i * step + start;
  out[num - 1] = stop;
  return out;
}

/**
 * Adds the counts of x into `counts` (numpy's uniform-bins path: index from the scaled offset,
 * then corrected against the edges). Unchecked: finite range, lower < upper.
 * @internal
 */
export function histogramImpl(
  n: number, x: ArrayLike<number>, lower: number, upper: number, bins: number, edges: Float64Array, counts: Float64Array,
): Float64Array {
  const denominator = upper - lower;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (!(v >= lower && v <= upper)) continue;
    let k = Math.trunc(((v - lower) / denominator) * bins);
    if (k === bins) k--;
    if (v < edges[k]!) k--;
    else if (k !== bins - 1 && v >= edges[k + 1]!) k++;
    counts[k]!++;
  }
  return counts;
}
