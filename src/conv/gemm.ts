// The GEMM under pointwise, standard and separable convs: out = clamp(bias + A · Wᵀ).
import type { FloatArray } from '../core/index.js';

/** Weight bytes per output-channel chunk: the chunk of Wᵀ rows stays in L2 while all pixels stream past. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Register-blocked GEMM, unchecked: for p < P and o < N,
 * `out[oOff + p·ldp + o·ldn] = clamp(bias[o] + Σ_{i<K} a[aOff + p·K + i] · wt[o·K + i])` with the clamp
 * to [lo, hi] (NaN passes). `a` holds P rows of K contiguous values (NHWC pixels), `wt` holds N rows
 * of K (the filter transposed, packed once per call). Blocks of 2 pixels × 4 output channels keep
 * eight float64 accumulators in registers; output channels are processed in chunks whose weights
 * fit in L2. Each output is `bias + Σ` in increasing i, whatever the blocking.
 * @internal
 */
export function gemmImpl(
  P: number, K: number, N: number,
  a: FloatArray, aOff: number,
  wt: Float64Array, bias: Float64Array, lo: number, hi: number,
  out: FloatArray, oOff: number, ldp: number, ldn: number,
): void {
  const nb = Math.max(4, (Math.floor(CHUNK_BYTES / 8 / Math.max(1, K)) >> 2) << 2);
  const P2 = P - (P % 2);
  for (let oc = 0; oc < N; oc += nb) {
    const oEnd = Math.min(N, oc + nb);
    const o4End = oc + ((oEnd - oc) >> 2 << 2);
    for (let p = 0; p < P2; p += 2) {
      const a0 = aOff + p * K;
      const a1 = a0 + K;
      const r0 = oOff + p * ldp;
      const r1 = r0 + ldp;
      for (let o = oc; o < o4End; o += 4) {
        const w0 = o * K;
        const w1 = w0 + K;
        const w2 = w1 + K;
        const w3 = w2 + K;
        let s00 = bias[o]!;
        let s01 = bias[o + 1]!;
        let s02 = bias[o + 2]!;
        let s03 = bias[o + 3]!;
        let s10 = s00;
        let s11 = s01;
        let s12 = s02;
        let s13 = s03;
        for (let i = 0; i < K; i++) {
          const x0 = a[a0 + i]!;
          const x1 = a[a1 + i]!;
          let v = wt[w0 + i]!;
          s00 += x0 * v;
          s10 += x1 * v;
          v = wt[w1 + i]!;
          s01 += x0 * v;
          s11 += x1 * v;
          v = wt[w2 + i]!;
          s02 += x0 * v;
          s12 += x1 * v;
          v = wt[w3 + i]!;
          s03 += x0 * v;
          s13 += x1 * v;
        }
        const c0 = o * ldn;
        out[r0 + c0] = s00 < lo ? lo : s00 > hi ? hi : s00;
        out[r0 + c0 + ldn] = s01 < lo ? lo : s01 > hi ? hi : s01;
        out[r0 + c0 + 2 * ldn] = s02 < lo ? lo : s02 > hi ? hi : s02;
        out[r0 + c0 + 3 * ldn] = s03 < lo ? lo : s03 > hi ? hi : s03;
        out[r1 + c0] = s10 < lo ? lo : s10 > hi ? hi : s10;
        out[r1 + c0 + ldn] = s11 < lo ? lo : s11 > hi ? hi : s11;
        out[r1 + c0 + 2 * ldn] = s12 < lo ? lo : s12 > hi ? hi : s12;
        out[r1 + c0 + 3 * ldn] = s13 < lo ? lo : s13 > hi ? hi : s13;
      }
      for (let o = o4End; o < oEnd; o++) {
        const w0 = o * K;
        let s0 = bias[o]!;
        let s1 = s0;
        for (let i = 0; i < K; i++) {
          const v = wt[w0 + i]!;
          s0 += a[a0 + i]! * v;
          s1 += a[a1 + i]! * v;
        }
        out[r0 + o * ldn] = s0 < lo ? lo : s0 > hi ? hi : s0;
        out[r1 + o * ldn] = s1 < lo ? lo : s1 > hi ? hi : s1;
      }
    }
    if (P2 < P) {
      const a0 = aOff + P2 * K;
      const r0 = oOff + P2 * ldp;
      for (let o = oc; o < oEnd; o++) {
        const w0 = o * K;
        let s = bias[o]!;
        for (let i = 0; i < K; i++) s += a[a0 + i]! * wt[w0 + i]!;
        out[r0 + o * ldn] = s < lo ? lo : s > hi ? hi : s;
      }
    }
  }
}

/**
 * Packs a `[K, N]` row-major matrix (tfjs `[1, 1, Cin, Cout]` / `[kh, kw, Cin, Cout]` data) as `N`
 * rows of `K`, in 32×32 blocks so both sides stay in cache.
 * @internal
 */
export function transposeToRows(w: ArrayLike<number>, K: number, N: number): Float64Array {
  const wt = new Float64Array(K * N);
  const B = 32;
  for (let i0 = 0; i0 < K; i0 += B) {
    const i1 = Math.min(K, i0 + B);
    for (let o0 = 0; o0 < N; o0 += B) {
      const o1 = Math.min(N, o0 + B);
      for (let i = i0; i < i1; i++) {
        const row = i * N;
        for (let o = o0; o < o1; o++) wt[o * K + i] = w[row + o]!;
      }
    }
  }
  return wt;
}
