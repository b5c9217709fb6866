// Inputs of bench/coding.bench.ts that bench/support/data.ts does not have.

/**
 * A copy of x with the `fraction` smallest |values| set to 0 (magnitude pruning; ties at the
 * threshold broken by lower index first, as torch.nn.utils.prune).
 */
export function magnitudePruned(x: Int8Array, fraction: number): Int8Array {
  const n = x.length;
  const k = Math.round(fraction * n);
  // histogram of magnitudes 0..128, then the threshold magnitude and how many at it to zero
  const hist = new Float64Array(129);
  for (let i = 0; i < n; i++) hist[Math.abs(x[i]!)]!++;
  let left = k;
  let threshold = 0;
  while (threshold < 128 && left > hist[threshold]!) left -= hist[threshold++]!;
  const out = x.slice();
  for (let i = 0; i < n; i++) {
    const m = Math.abs(x[i]!);
    if (m < threshold) out[i] = 0;
    else if (m === threshold && left > 0) {
      out[i] = 0;
      left--;
    }
  }
  return out;
}
