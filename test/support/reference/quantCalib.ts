// Slow, literal transcriptions of pytorch-quantization's compute_amax methods (calib/histogram.py)
// over a histogram, in float64, for the calibrate tests.

/** scipy.stats.entropy(p, q): normalise both, Σ p·log(p/q), 0·log 0 = 0, p > 0 = q → Infinity. */
export function scipyEntropyRef(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i]!;
    sq += q[i]!;
  }
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]! / sp;
    const b = q[i]! / sq;
    if (a === 0) continue;
    if (b === 0) return Infinity;
    s += a * Math.log(a / b);
  }
  return s;
}

/** numpy.linspace(0, stop, num). */
function linspace(stop: number, num: number): number[] {
  const step = stop / (num - 1);
  const out: number[] = [];
  for (let i = 0; i < num; i++) out.push(i * step);
  out[num - 1] = stop;
  return out;
}

/** The divergence of candidate i, built exactly as _compute_amax_entropy does. */
export function entropyCandidateRef(binsIn: ArrayLike<number>, i: number, nbins: number): number {
  const bins = Array.from(binsIn);
  bins[0] = bins[1] ?? bins[0]!;
  const space = linspace(i, nbins + 1);
  const digitized: number[] = [];
  for (let j = 0; j < i; j++) {
    let k = 0;
    while (k < space.length && space[k]! <= j) k++; // np.digitize = searchsorted right
    digitized.push(bins[j] === 0 ? -1 : k - 1);
  }
  const sums = new Array<number>(nbins).fill(0);
  const cnt = new Array<number>(nbins).fill(0);
  digitized.forEach((g, j) => {
    if (g >= 0) {
      sums[g]! += bins[j]!;
      cnt[g]!++;
    }
  });
  const q = digitized.map((g) => (g < 0 ? 0 : sums[g]! / cnt[g]!));
  const p = bins.slice(0, i);
  p[i - 1]! += bins.slice(i).reduce((a, b) => a + b, 0);
  if (q.every((v) => v === 0)) return Infinity;
  return scipyEntropyRef(p, q);
}

/** _compute_amax_entropy: last argmin over i = startBin … n. */
export function amaxEntropyRef(counts: ArrayLike<number>, edges: ArrayLike<number>, nbins: number, startBin = 128): number {
  let best = Infinity;
  let bestI = counts.length;
  for (let i = startBin; i <= counts.length; i++) {
    const d = entropyCandidateRef(counts, i, nbins);
    if (d <= best) {
      best = d;
      bestI = i;
    }
  }
  return edges[bestI]!;
}

/** _compute_amax_percentile. */
export function amaxPercentileRef(counts: ArrayLike<number>, edges: ArrayLike<number>, percentile: number): number {
  const total = Array.from(counts).reduce((a, b) => a + b, 0);
  let cdf = 0;
  for (let k = 0; k < counts.length; k++) {
    cdf += counts[k]! / total;
    if (cdf >= percentile / 100) return edges[k]!;
  }
  return edges[counts.length]!;
}

/** _compute_amax_mse: float32 centres as the source, errors in float64 (fake_tensor_quant narrow range, round half even). */
export function amaxMseRef(counts: ArrayLike<number>, edges: ArrayLike<number>, unsigned: boolean, startBin = 128): number {
  const n = counts.length;
  const centers = Array.from({ length: n }, (_, k) => Math.fround(Math.fround(edges[k + 1]!) + Math.fround(edges[k]!)) / 2);
  const maxB = unsigned ? 255 : 127;
  const minB = unsigned ? 0 : -127;
  let best = Infinity;
  let bestI = -1;
  for (let i = startBin; i < n; i++) {
    const scale = maxB / centers[i]!;
    let err = 0;
    for (let k = 0; k < n; k++) {
      const v = centers[k]! * scale;
      const f = Math.floor(v);
      let r = v - f > 0.5 || (v - f === 0.5 && f % 2 !== 0) ? f + 1 : f;
      r = Math.min(maxB, Math.max(minB, r));
      err += (r / scale - centers[k]!) ** 2 * counts[k]!;
    }
    if (err < best) {
      best = err;
      bestI = i;
    }
  }
  return centers[bestI]!;
}
