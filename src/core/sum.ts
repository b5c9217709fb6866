// Accurate float64 summation. Kernels name which one they use (STYLE G2).

const PAIRWISE_BLOCK = 128;

/**
 * Pairwise sum of `x[start..end)` in float64: blocks of 128 summed with 8 accumulators,
 * blocks combined recursively (numpy's `pairwise_sum`). Error grows as O(log n · ε).
 *
 * @example
 * ```ts
 * sumPairwise(new Float64Array([0.1, 0.2, 0.3])); // 0.6000000000000001
 * ```
 */
export function sumPairwise(x: ArrayLike<number>, start = 0, end = x.length): number {
  const n = end - start;
  if (n <= PAIRWISE_BLOCK) {
    if (n < 8) {
      let s = 0;
      for (let i = start; i < end; i++) s += x[i]!;
      return s;
    }
    let s0 = x[start]!, s1 = x[start + 1]!, s2 = x[start + 2]!, s3 = x[start + 3]!;
    let s4 = x[start + 4]!, s5 = x[start + 5]!, s6 = x[start + 6]!, s7 = x[start + 7]!;
    let i = start + 8;
    for (; i + 8 <= end; i += 8) {
      s0 += x[i]!; s1 += x[i + 1]!; s2 += x[i + 2]!; s3 += x[i + 3]!;
      s4 += x[i + 4]!; s5 += x[i + 5]!; s6 += x[i + 6]!; s7 += x[i + 7]!;
    }
    let s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    for (; i < end; i++) s += x[i]!;
    return s;
  }
  // Split on a multiple of 8 so the halves keep the unrolled loop busy.
  const half = start + ((n >> 1) & ~7);
  return sumPairwise(x, start, half) + sumPairwise(x, half, end);
}

/**
 * Compensated (Kahan–Babuška–Neumaier) sum of `x[start..end)` in float64. Error O(ε) independent of n.
 *
 * @example
 * ```ts
 * sumKahan([1e100, 1, -1e100]); // 1
 * ```
 */
export function sumKahan(x: ArrayLike<number>, start = 0, end = x.length): number {
  let s = 0;
  let c = 0;
  for (let i = start; i < end; i++) {
    const v = x[i]!;
    const t = s + v;
    if (Math.abs(s) >= Math.abs(v)) c += s - t + v;
    else c += v - t + s;
    s = t;
  }
  return s - s === 0 ? s + c : s;
}

/**
 * A running Neumaier accumulator for kernels that produce terms in blocks:
 * add each block's plain sum with {@link neumaierAdd}, read `hi + lo` at the end.
 * @internal
 */
export interface Neumaier {
  hi: number;
  lo: number;
}

/** Adds `v` to a {@link Neumaier} accumulator. @internal */
export function neumaierAdd(acc: Neumaier, v: number): void {
  const s = acc.hi;
  const t = s + v;
  if (Math.abs(s) >= Math.abs(v)) acc.lo += s - t + v;
  else acc.lo += v - t + s;
  acc.hi = t;
}
