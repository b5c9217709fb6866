// Histogram calibration of pytorch-quantization (NVIDIA/TensorRT tools/pytorch-quantization,
// calib/histogram.py, numpy path `torch_hist=False`): the |x| histogram that grows by appending
// equal-width bins, and the amax searches 'entropy', 'mse' and 'percentile'.
import { klDivergence } from '../entropy/index.js';

// 1.5 · 2^52: x + MAGIC − MAGIC rounds |x| < 2^51 to an integer, ties to even.
const MAGIC = 6755399441055744;

/** A histogram of |x| over edges[0..n]; counts[k] holds edges[k] ≤ v < edges[k+1] (last bin closed). @internal */
export interface AbsHistogram {
  counts: Float64Array;
  edges: Float64Array;
}

/** numpy.linspace(start, stop, num) (endpoint included), bit for bit. @internal */
export function linspaceNumpy(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) out[i] = step === 0 ? (i / div) * delta + start : i * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/**
 * numpy.arange(start, stop, step) of float32 scalars, bit for bit: numpy computes the length as
 * ceil(float32((stop − start)/step)) and the second value as float32(start + step), but returns a
 * float64 array filled from those two values in float64 (DOUBLE_fill).
 * @internal
 */
export function arangeNumpyF32(start: number, stop: number, step: number): Float64Array {
  const f = Math.fround;
  const n = Math.max(0, Math.ceil(f(f(stop - start) / step)));
  const out = new Float64Array(n);
  if (n === 0) return out;
  const delta = f(start + step) - start;
  for (let i = 0; i < n; i++) out[i] = start + i * delta;
  return out;
}

/** numpy.arange(start, stop, step) for step > 0, bit for bit (fill from the first two values). @internal */
export function arangeNumpy(start: number, stop: number, step: number): Float64Array {
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const out = new Float64Array(n);
  if (n === 0) return out;
  const delta = start + step - start;
  for (let i = 0; i < n; i++) out[i] = start + i * delta;
  return out;
}

/**
 * Adds |x| into counts with numpy.histogram's explicit-edges rule (searchsorted): bin k takes
 * edges[k] ≤ v < edges[k+1], the last bin also v = edges[n]; values outside are dropped. Unchecked.
 * @internal
 */
export function addAbsToHistogram(x: ArrayLike<number>, edges: Float64Array, counts: Float64Array): void {
  const nb = counts.length;
  const first = edges[0]!;
  const last = edges[nb]!;
  const norm = nb / (last - first);
  for (let i = 0; i < x.length; i++) {
    let v = x[i]!;
    if (v < 0) v = -v;
    if (!(v >= first && v <= last)) continue;
    // guess from the nominal width, then correct against the edges (largest k < nb with edges[k] ≤ v)
    let k = ((v - first) * norm) | 0;
    if (k >= nb) k = nb - 1;
    while (k > 0 && edges[k]! > v) k--;
    while (k < nb - 1 && edges[k + 1]! <= v) k++;
    counts[k]!++;
  }
}

/**
 * numpy.histogram(|x|, bins = n, range = (lower, upper)) counts on its uniform-bins path (index from
 * (v − lower)·n/(upper − lower), then one correction against the linspace edges), added into counts.
 * Unchecked: finite lower < upper, edges = linspace(lower, upper, n + 1).
 * @internal
 */
export function addAbsToUniformHistogram(x: ArrayLike<number>, edges: Float64Array, counts: Float64Array): void {
  const nb = counts.length;
  const lower = edges[0]!;
  const upper = edges[nb]!;
  const norm = nb / (upper - lower);
  const last = nb - 1;
  // integer counts per slice, added into the float64 totals (1.12× on 4e6 Gaussian values); a
  // slice is short enough that no int32 count can overflow
  const batch = new Int32Array(nb);
  for (let start = 0, n = x.length; start < n; start += INT_COUNT_SLICE) {
    const end = Math.min(n, start + INT_COUNT_SLICE);
    for (let i = start; i < end; i++) {
      const v = Math.abs(x[i]!);
      if (!(v >= lower && v <= upper)) continue;
      let k = ((v - lower) * norm) | 0;
      if (k === nb) k = last;
      if (v < edges[k]!) k--;
      else if (k !== last && v >= edges[k + 1]!) k++;
      batch[k]!++;
    }
    for (let k = 0; k < nb; k++) counts[k] = counts[k]! + batch[k]!;
    batch.fill(0);
  }
}

const INT_COUNT_SLICE = 1 << 30;

/**
 * pytorch-quantization `_compute_amax_entropy`: for i = startBin … n (step `stride`), P = bins[0..i)
 * with the outliers Σbins[i..] added to P[i−1]; Q = bins[0..i) merged into `levels` groups
 * (numpy linspace/digitize), each group's mass spread evenly over its non-empty bins; divergence =
 * scipy.stats.entropy(P, Q) (normalised); amax = edges[i] of the last minimum. bins[0] is replaced by
 * bins[1] first (on a copy). Unchecked: counts.length ≥ startBin ≥ 1.
 * @internal
 */
export function amaxEntropy(h: AbsHistogram, levels: number, startBin: number, stride: number): number {
  const n = h.counts.length;
  const bins = Float64Array.from(h.counts);
  if (n > 1) bins[0] = bins[1]!;
  // prefix sums: of the counts, of the non-empty bins, and of count·log(count)
  const prefix = new Float64Array(n + 1);
  const nonEmpty = new Float64Array(n + 1);
  const plogp = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) {
    const b = bins[j]!;
    prefix[j + 1] = prefix[j]! + b;
    nonEmpty[j + 1] = nonEmpty[j]! + (b > 0 ? 1 : 0);
    plogp[j + 1] = plogp[j]! + (b > 0 ? b * Math.log(b) : 0);
  }
  const total = prefix[n]!;
  const count = Math.floor((n - startBin) / stride) + 1;
  const divergences = new Float64Array(count);
  let best = Infinity;
  for (let t = 0; t < count; t++) {
    const i = startBin + t * stride;
    const d = entropyDivergenceFast(bins, i, levels, prefix, nonEmpty, plogp, total);
    divergences[t] = d;
    if (d < best) best = d;
  }
  // The closed form above is exact up to rounding; candidates within that rounding of the minimum
  // are re-evaluated with klDivergence (scipy.stats.entropy semantics) and the last minimum wins.
  const tol = best === Infinity ? 0 : 1e-9 * Math.abs(best) + 1e-12;
  let bestExact = Infinity;
  let bestI = startBin + (count - 1) * stride;
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  for (let t = 0; t < count; t++) {
    if (!(divergences[t]! <= best + tol)) continue;
    const i = startBin + t * stride;
    const d = best === Infinity ? Infinity : entropyDivergenceExact(bins, i, levels, prefix, p, q);
    if (d <= bestExact) {
      bestExact = d;
      bestI = i;
    }
  }
  return h.edges[bestI]!;
}

/** Groups of the i first bins: [start, end) of group g = [ceil(space[g]), ceil(space[g+1])), space = linspace(0, i, levels + 1). */
function groupBounds(i: number, levels: number, g: number, space: Float64Array): number {
  return g === levels ? i : Math.ceil(space[g]!);
}

const spaceCache = new Map<number, Float64Array>();

function spaceOf(i: number, levels: number): Float64Array {
  const key = i * 4096 + levels;
  let s = spaceCache.get(key);
  if (s === undefined) {
    s = linspaceNumpy(0, i, levels + 1);
    if (spaceCache.size > 1 << 14) spaceCache.clear();
    spaceCache.set(key, s);
  }
  return s;
}

/** KL(P‖Q) of candidate i from prefix sums, O(levels). */
function entropyDivergenceFast(
  bins: Float64Array, i: number, levels: number, prefix: Float64Array, nonEmpty: Float64Array, plogp: Float64Array, total: number,
): number {
  const outliers = total - prefix[i]!;
  const last = bins[i - 1]!;
  if (total === 0) return Infinity;
  if (last === 0 && outliers > 0) return Infinity; // p > 0 where q = 0
  const qTotal = prefix[i]!;
  if (qTotal === 0) return Infinity;
  const space = spaceOf(i, levels);
  // Σ p log p: the first i − 1 bins as they are, bin i − 1 with the outliers added
  const pLast = last + outliers;
  const sumPlogP = plogp[i - 1]! + (pLast > 0 ? pLast * Math.log(pLast) : 0);
  // Σ p log q: q is constant (mass/count) over the non-empty bins of a group
  let sumPlogQ = 0;
  let a = 0;
  for (let g = 0; g < levels; g++) {
    const b = groupBounds(i, levels, g + 1, space);
    const mass = prefix[b]! - prefix[a]!;
    if (mass > 0) {
      const qg = mass / (nonEmpty[b]! - nonEmpty[a]!);
      const lq = Math.log(qg);
      sumPlogQ += mass * lq;
      if (b === i) sumPlogQ += outliers * lq; // the outliers sit in bin i − 1, which is in the last group
    }
    a = b;
  }
  // KL of the normalised vectors: (1/P) Σ p (log p − log q) + log(Q/P), P = total
  const d = (sumPlogP - sumPlogQ) / total + Math.log(qTotal / total);
  return d > 0 ? d : 0;
}

/** KL(P‖Q) of candidate i built as pytorch-quantization builds it, evaluated by klDivergence. */
function entropyDivergenceExact(bins: Float64Array, i: number, levels: number, prefix: Float64Array, p: Float64Array, q: Float64Array): number {
  const space = spaceOf(i, levels);
  let a = 0;
  for (let g = 0; g < levels; g++) {
    const b = groupBounds(i, levels, g + 1, space);
    let mass = 0;
    let cnt = 0;
    for (let j = a; j < b; j++) {
      if (bins[j]! !== 0) {
        mass += bins[j]!;
        cnt++;
      }
    }
    const v = cnt === 0 ? 0 : mass / cnt;
    for (let j = a; j < b; j++) {
      q[j] = bins[j]! === 0 ? 0 : v;
      p[j] = bins[j]!;
    }
    a = b;
  }
  p[i - 1] = p[i - 1]! + (prefix[prefix.length - 1]! - prefix[i]!);
  let qSum = 0;
  for (let j = 0; j < i; j++) qSum += q[j]!;
  if (qSum === 0) return Infinity;
  return klDivergence(p.subarray(0, i), q.subarray(0, i));
}

/**
 * pytorch-quantization `_compute_amax_percentile`: cdf = cumsum(counts / total); amax =
 * edges[searchsorted(cdf, percentile/100)] (the left edge of the bin where the cdf reaches it).
 * @internal
 */
export function amaxPercentile(h: AbsHistogram, percentile: number): number {
  const n = h.counts.length;
  let total = 0;
  for (let k = 0; k < n; k++) total += h.counts[k]!;
  const target = percentile / 100;
  let cdf = 0;
  for (let k = 0; k < n; k++) {
    cdf += h.counts[k]! / total;
    if (cdf >= target) return h.edges[k]!;
  }
  return h.edges[n]!;
}

/**
 * pytorch-quantization `_compute_amax_mse` in float64: for each bin centre c_i, i ≥ startBin (step
 * `stride`, last centre excluded as in the source), fake-quantize every centre with amax = c_i
 * (scale = maxCode/amax, round half even, clamp to [−maxCode, maxCode] or [0, maxCode] unsigned) and
 * take Σ counts·(q − c)²; amax = the centre of the first minimum. The centres are float32, as the
 * source's `torch.from_numpy(edges).float()`; the errors are float64.
 * @internal
 */
export function amaxMse(h: AbsHistogram, maxCode: number, unsigned: boolean, startBin: number, stride: number): number {
  const magic = MAGIC;
  const n = h.counts.length;
  const centers = new Float64Array(n);
  const f = Math.fround;
  for (let k = 0; k < n; k++) centers[k] = f(f(h.edges[k + 1]!) + f(h.edges[k]!)) / 2;
  const counts = h.counts;
  const minCode = unsigned ? 0 : -maxCode;
  let best = Infinity;
  let bestI = -1;
  for (let i = startBin; i < n; i += stride) {
    const amax = centers[i]!;
    const scale = maxCode / amax;
    let err = 0;
    for (let k = 0; k < n; k++) {
      const c = centers[k]!;
      let v = c * scale;
      if (v > maxCode) v = maxCode;
      else if (v < minCode) v = minCode;
      const r = v + magic - magic; // round half to even, |v| ≤ 255
      const d = r / scale - c;
      err += d * d * counts[k]!;
    }
    if (err < best) {
      best = err;
      bestI = i;
    }
  }
  return bestI < 0 ? h.edges[n]! : centers[bestI]!;
}
