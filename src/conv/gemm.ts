// The GEMM under pointwise, standard and separable convs: out = clamp(bias + A · W).
import { rangeError } from '../core/index.js';
import type { FloatArray } from '../core/index.js';
import { INT32_MAX } from './common.js';

/** Output channels per packed panel: the register block is 4 pixels × PANEL output channels. */
export const PANEL = 8;

/** Input channels {@link packPanels} copies across all panels before moving on. */
const PACK_ROWS = 32;

/** Weight bytes per output-channel chunk: the chunk's panels stay in L2 while all pixels stream past. */
const CHUNK_BYTES = 256 * 1024;

/** Panels per chunk for K input channels (at least one). */
function panelsPerChunk(K: number): number {
  return Math.max(1, Math.floor(CHUNK_BYTES / (8 * PANEL * Math.max(1, K))));
}

/**
 * Length of the packed weights of {@link packPanels}: N rounded up to whole panels, times K.
 * A RangeError naming `fn` if that exceeds 2^31 − 1 (the GEMM indexes the panels in int32).
 * @internal
 */
export function packedLength(K: number, N: number, fn: string): number {
  const n = Math.ceil(N / PANEL) * PANEL * K;
  if (n > INT32_MAX) rangeError(fn, `filter too large: ${K} × ${N} weights exceed 2^31 − 1 packed values`);
  return n;
}

/**
 * Packs a K × N weight matrix, element (i, o) at `w[wOff + i·strideK + o·strideN]`, into panels of
 * {@link PANEL} output channels: `wp[(o − o mod PANEL)·K + i·PANEL + o mod PANEL]`, so the GEMM's
 * inner loop reads one contiguous stream. Columns past N in the last panel are 0 (never stored).
 * Writes `wp` (at least {@link packedLength} long) and returns it. tfjs `[1, 1, Cin, Cout]` data is
 * `strideK = N, strideN = 1`; `[Cout, Cin]` rows are `strideK = 1, strideN = K`.
 * @internal
 */
export function packPanels(
  w: ArrayLike<number>, wOff: number, K: number, N: number, strideK: number, strideN: number, wp: Float64Array,
): Float64Array {
  const int32 = w.length <= INT32_MAX && wp.length <= INT32_MAX; // the full-panel copy's indices are int32
  // PACK_ROWS input channels at a time across all panels: with the tfjs layout each source row is
  // used up while it is in cache (a panel at a time over all K rows re-read every row N/8 times)
  for (let i0 = 0; i0 < K; i0 += PACK_ROWS) {
    const i1 = Math.min(K, i0 + PACK_ROWS);
    for (let o0 = 0; o0 < N; o0 += PANEL) {
      const width = Math.min(PANEL, N - o0);
      let d = o0 * K + i0 * PANEL; // panel o0 / PANEL, row i0
      if (width === PANEL && int32) {
        const s1 = strideN | 0, s2 = (2 * strideN) | 0, s3 = (3 * strideN) | 0, s4 = (4 * strideN) | 0;
        const s5 = (5 * strideN) | 0, s6 = (6 * strideN) | 0, s7 = (7 * strideN) | 0;
        let src = (wOff + i0 * strideK + o0 * strideN) | 0;
        let e = d | 0;
        for (let i = i0; i < i1; i++) {
          wp[e] = w[src]!; wp[(e + 1) | 0] = w[(src + s1) | 0]!; wp[(e + 2) | 0] = w[(src + s2) | 0]!; wp[(e + 3) | 0] = w[(src + s3) | 0]!;
          wp[(e + 4) | 0] = w[(src + s4) | 0]!; wp[(e + 5) | 0] = w[(src + s5) | 0]!; wp[(e + 6) | 0] = w[(src + s6) | 0]!; wp[(e + 7) | 0] = w[(src + s7) | 0]!;
          e = (e + 8) | 0; // PANEL
          src = (src + strideK) | 0;
        }
        continue;
      }
      for (let i = i0; i < i1; i++) {
        const src = wOff + i * strideK + o0 * strideN;
        for (let j = 0; j < width; j++) wp[d + j] = w[src + j * strideN]!;
        for (let j = width; j < PANEL; j++) wp[d + j] = 0;
        d += PANEL;
      }
    }
  }
  return wp;
}

/**
 * Register-blocked GEMM, unchecked: for p < P and o < N,
 * `out[oOff + p·ldp + o·ldn] = clamp(bias[o] + Σ_{i<K} a[aOff + p·K + i] · W[i, o])` with the clamp
 * to [lo, hi] (NaN passes). `a` holds P rows of K contiguous values (NHWC pixels), `wp` is W packed
 * by {@link packPanels}. Blocks of 4 pixels × 8 output channels keep 32 float64 accumulators (some
 * spill to the stack, which is still cheaper than a typed-array load); panels are processed in
 * chunks whose weights fit in L2. Each output is `bias + Σ` in increasing i, whatever the blocking.
 * Dispatches to a twin per input type ({@link gemmA32}, {@link gemmA64}), whose loop indices are
 * int32 (`| 0` spares V8 an overflow check per load): when `a`'s indices from `aOff` would pass
 * `indexLimit` (2^31 − 1; smaller only in tests), the rows go in slices of `a` rebased by `subarray`.
 * @internal
 */
export function gemmImpl(
  P: number, K: number, N: number,
  a: FloatArray, aOff: number,
  wp: Float64Array, bias: Float64Array, lo: number, hi: number,
  out: FloatArray, oOff: number, ldp: number, ldn: number, indexLimit = INT32_MAX,
): void {
  // the twins' loop indices are int32 (`| 0`): rebase `a` in slices whose indices fit
  const slice = aOff + P * K <= indexLimit ? P : Math.max(4, Math.floor(indexLimit / Math.max(1, K) / 4) * 4);
  for (let p0 = 0; p0 < P; p0 += slice) {
    const rows = Math.min(slice, P - p0);
    const sub = slice === P ? a : a.subarray(aOff + p0 * K, aOff + (p0 + rows) * K);
    const subOff = slice === P ? aOff : 0;
    const subOut = oOff + p0 * ldp;
    if (sub instanceof Float32Array) gemmA32(rows, K, N, sub, subOff, wp, bias, lo, hi, out, subOut, ldp, ldn);
    else gemmA64(rows, K, N, sub, subOff, wp, bias, lo, hi, out, subOut, ldp, ldn);
  }
}

// The clamp bounds pass through this array on entry (see depthwiseConv2d.ts): read back from a
// Float64Array they are unboxed float64s, and the clamped sums are stored without boxing.
const loHi = new Float64Array(2);

/**
 * {@link gemmImpl} for a Float32Array `a` (one twin per input type keeps the loads monomorphic).
 * @internal
 */
export function gemmA32(
  P: number, K: number, N: number,
  a: Float32Array, aOff: number,
  wp: Float64Array, bias: Float64Array, loIn: number, hiIn: number,
  out: FloatArray, oOff: number, ldp: number, ldn: number,
): void {
  loHi[0] = loIn;
  loHi[1] = hiIn;
  const lo = loHi[0]!, hi = loHi[1]!; // unboxed float64: the clamp below would otherwise box each result
  const chunk = panelsPerChunk(K) * 8;
  for (let oc = 0; oc < N; oc += chunk) {
    const ocEnd = Math.min(N, oc + chunk);
    for (let p = 0; p < P; p += 4) {
      // rows past P repeat row P − 1 (valid memory, results not stored)
      const a0 = aOff + p * K;
      const d1 = p + 1 < P ? K : 0;
      const d2 = p + 2 < P ? 2 * K : d1;
      const d3 = p + 3 < P ? 3 * K : d2;
      const rows = P - p;
      for (let o = oc; o < ocEnd; o += 8) {
        let wi = (o * K) | 0; // panel o/8: K groups of 8 weights
        const b0 = bias[o]!;
        const b1 = o + 1 < N ? bias[o + 1]! : 0;
        const b2 = o + 2 < N ? bias[o + 2]! : 0;
        const b3 = o + 3 < N ? bias[o + 3]! : 0;
        const b4 = o + 4 < N ? bias[o + 4]! : 0;
        const b5 = o + 5 < N ? bias[o + 5]! : 0;
        const b6 = o + 6 < N ? bias[o + 6]! : 0;
        const b7 = o + 7 < N ? bias[o + 7]! : 0;
        let s00 = b0; let s01 = b1; let s02 = b2; let s03 = b3; let s04 = b4; let s05 = b5; let s06 = b6; let s07 = b7;
        let s10 = b0; let s11 = b1; let s12 = b2; let s13 = b3; let s14 = b4; let s15 = b5; let s16 = b6; let s17 = b7;
        let s20 = b0; let s21 = b1; let s22 = b2; let s23 = b3; let s24 = b4; let s25 = b5; let s26 = b6; let s27 = b7;
        let s30 = b0; let s31 = b1; let s32 = b2; let s33 = b3; let s34 = b4; let s35 = b5; let s36 = b6; let s37 = b7;
        const aEnd = (a0 + K) | 0;
        for (let ai = a0 | 0; ai < aEnd; ai = (ai + 1) | 0) {
          const x0 = a[ai]!;
          const x1 = a[(ai + d1) | 0]!;
          const x2 = a[(ai + d2) | 0]!;
          const x3 = a[(ai + d3) | 0]!;
          let v = wp[wi]!;
          s00 += x0 * v; s10 += x1 * v; s20 += x2 * v; s30 += x3 * v;
          v = wp[(wi + 1) | 0]!;
          s01 += x0 * v; s11 += x1 * v; s21 += x2 * v; s31 += x3 * v;
          v = wp[(wi + 2) | 0]!;
          s02 += x0 * v; s12 += x1 * v; s22 += x2 * v; s32 += x3 * v;
          v = wp[(wi + 3) | 0]!;
          s03 += x0 * v; s13 += x1 * v; s23 += x2 * v; s33 += x3 * v;
          v = wp[(wi + 4) | 0]!;
          s04 += x0 * v; s14 += x1 * v; s24 += x2 * v; s34 += x3 * v;
          v = wp[(wi + 5) | 0]!;
          s05 += x0 * v; s15 += x1 * v; s25 += x2 * v; s35 += x3 * v;
          v = wp[(wi + 6) | 0]!;
          s06 += x0 * v; s16 += x1 * v; s26 += x2 * v; s36 += x3 * v;
          v = wp[(wi + 7) | 0]!;
          s07 += x0 * v; s17 += x1 * v; s27 += x2 * v; s37 += x3 * v;
          wi = (wi + 8) | 0;
        }
        const cols = N - o;
        let r = oOff + p * ldp + o * ldn;
        out[r] = s00 < lo ? lo : s00 > hi ? hi : s00;
        if (cols >= 8) {
          out[r + 1 * ldn] = s01 < lo ? lo : s01 > hi ? hi : s01;
          out[r + 2 * ldn] = s02 < lo ? lo : s02 > hi ? hi : s02;
          out[r + 3 * ldn] = s03 < lo ? lo : s03 > hi ? hi : s03;
          out[r + 4 * ldn] = s04 < lo ? lo : s04 > hi ? hi : s04;
          out[r + 5 * ldn] = s05 < lo ? lo : s05 > hi ? hi : s05;
          out[r + 6 * ldn] = s06 < lo ? lo : s06 > hi ? hi : s06;
          out[r + 7 * ldn] = s07 < lo ? lo : s07 > hi ? hi : s07;
        } else {
          if (cols > 1) out[r + 1 * ldn] = s01 < lo ? lo : s01 > hi ? hi : s01;
          if (cols > 2) out[r + 2 * ldn] = s02 < lo ? lo : s02 > hi ? hi : s02;
          if (cols > 3) out[r + 3 * ldn] = s03 < lo ? lo : s03 > hi ? hi : s03;
          if (cols > 4) out[r + 4 * ldn] = s04 < lo ? lo : s04 > hi ? hi : s04;
          if (cols > 5) out[r + 5 * ldn] = s05 < lo ? lo : s05 > hi ? hi : s05;
          if (cols > 6) out[r + 6 * ldn] = s06 < lo ? lo : s06 > hi ? hi : s06;
          if (cols > 7) out[r + 7 * ldn] = s07 < lo ? lo : s07 > hi ? hi : s07;
        }
        if (rows <= 1) continue;
        r += ldp;
        out[r] = s10 < lo ? lo : s10 > hi ? hi : s10;
        if (cols >= 8) {
          out[r + 1 * ldn] = s11 < lo ? lo : s11 > hi ? hi : s11;
          out[r + 2 * ldn] = s12 < lo ? lo : s12 > hi ? hi : s12;
          out[r + 3 * ldn] = s13 < lo ? lo : s13 > hi ? hi : s13;
          out[r + 4 * ldn] = s14 < lo ? lo : s14 > hi ? hi : s14;
          out[r + 5 * ldn] = s15 < lo ? lo : s15 > hi ? hi : s15;
          out[r + 6 * ldn] = s16 < lo ? lo : s16 > hi ? hi : s16;
          out[r + 7 * ldn] = s17 < lo ? lo : s17 > hi ? hi : s17;
        } else {
          if (cols > 1) out[r + 1 * ldn] = s11 < lo ? lo : s11 > hi ? hi : s11;
          if (cols > 2) out[r + 2 * ldn] = s12 < lo ? lo : s12 > hi ? hi : s12;
          if (cols > 3) out[r + 3 * ldn] = s13 < lo ? lo : s13 > hi ? hi : s13;
          if (cols > 4) out[r + 4 * ldn] = s14 < lo ? lo : s14 > hi ? hi : s14;
          if (cols > 5) out[r + 5 * ldn] = s15 < lo ? lo : s15 > hi ? hi : s15;
          if (cols > 6) out[r + 6 * ldn] = s16 < lo ? lo : s16 > hi ? hi : s16;
          if (cols > 7) out[r + 7 * ldn] = s17 < lo ? lo : s17 > hi ? hi : s17;
        }
        if (rows <= 2) continue;
        r += ldp;
        out[r] = s20 < lo ? lo : s20 > hi ? hi : s20;
        if (cols >= 8) {
          out[r + 1 * ldn] = s21 < lo ? lo : s21 > hi ? hi : s21;
          out[r + 2 * ldn] = s22 < lo ? lo : s22 > hi ? hi : s22;
          out[r + 3 * ldn] = s23 < lo ? lo : s23 > hi ? hi : s23;
          out[r + 4 * ldn] = s24 < lo ? lo : s24 > hi ? hi : s24;
          out[r + 5 * ldn] = s25 < lo ? lo : s25 > hi ? hi : s25;
          out[r + 6 * ldn] = s26 < lo ? lo : s26 > hi ? hi : s26;
          out[r + 7 * ldn] = s27 < lo ? lo : s27 > hi ? hi : s27;
        } else {
          if (cols > 1) out[r + 1 * ldn] = s21 < lo ? lo : s21 > hi ? hi : s21;
          if (cols > 2) out[r + 2 * ldn] = s22 < lo ? lo : s22 > hi ? hi : s22;
          if (cols > 3) out[r + 3 * ldn] = s23 < lo ? lo : s23 > hi ? hi : s23;
          if (cols > 4) out[r + 4 * ldn] = s24 < lo ? lo : s24 > hi ? hi : s24;
          if (cols > 5) out[r + 5 * ldn] = s25 < lo ? lo : s25 > hi ? hi : s25;
          if (cols > 6) out[r + 6 * ldn] = s26 < lo ? lo : s26 > hi ? hi : s26;
          if (cols > 7) out[r + 7 * ldn] = s27 < lo ? lo : s27 > hi ? hi : s27;
        }
        if (rows <= 3) continue;
        r += ldp;
        out[r] = s30 < lo ? lo : s30 > hi ? hi : s30;
        if (cols >= 8) {
          out[r + 1 * ldn] = s31 < lo ? lo : s31 > hi ? hi : s31;
          out[r + 2 * ldn] = s32 < lo ? lo : s32 > hi ? hi : s32;
          out[r + 3 * ldn] = s33 < lo ? lo : s33 > hi ? hi : s33;
          out[r + 4 * ldn] = s34 < lo ? lo : s34 > hi ? hi : s34;
          out[r + 5 * ldn] = s35 < lo ? lo : s35 > hi ? hi : s35;
          out[r + 6 * ldn] = s36 < lo ? lo : s36 > hi ? hi : s36;
          out[r + 7 * ldn] = s37 < lo ? lo : s37 > hi ? hi : s37;
        } else {
          if (cols > 1) out[r + 1 * ldn] = s31 < lo ? lo : s31 > hi ? hi : s31;
          if (cols > 2) out[r + 2 * ldn] = s32 < lo ? lo : s32 > hi ? hi : s32;
          if (cols > 3) out[r + 3 * ldn] = s33 < lo ? lo : s33 > hi ? hi : s33;
          if (cols > 4) out[r + 4 * ldn] = s34 < lo ? lo : s34 > hi ? hi : s34;
          if (cols > 5) out[r + 5 * ldn] = s35 < lo ? lo : s35 > hi ? hi : s35;
          if (cols > 6) out[r + 6 * ldn] = s36 < lo ? lo : s36 > hi ? hi : s36;
          if (cols > 7) out[r + 7 * ldn] = s37 < lo ? lo : s37 > hi ? hi : s37;
        }
      }
    }
  }
}

/**
 * {@link gemmA32} for a Float64Array `a`: the same code, so each twin sees one array type.
 * @internal
 */
export function gemmA64(
  P: number, K: number, N: number,
  a: Float64Array, aOff: number,
  wp: Float64Array, bias: Float64Array, loIn: number, hiIn: number,
  out: FloatArray, oOff: number, ldp: number, ldn: number,
): void {
  loHi[0] = loIn;
  loHi[1] = hiIn;
  const lo = loHi[0]!, hi = loHi[1]!; // unboxed float64: the clamp below would otherwise box each result
  const chunk = panelsPerChunk(K) * 8;
  for (let oc = 0; oc < N; oc += chunk) {
    const ocEnd = Math.min(N, oc + chunk);
    for (let p = 0; p < P; p += 4) {
      // rows past P repeat row P − 1 (valid memory, results not stored)
      const a0 = aOff + p * K;
      const d1 = p + 1 < P ? K : 0;
      const d2 = p + 2 < P ? 2 * K : d1;
      const d3 = p + 3 < P ? 3 * K : d2;
      const rows = P - p;
      for (let o = oc; o < ocEnd; o += 8) {
        let wi = (o * K) | 0; // panel o/8: K groups of 8 weights
        const b0 = bias[o]!;
        const b1 = o + 1 < N ? bias[o + 1]! : 0;
        const b2 = o + 2 < N ? bias[o + 2]! : 0;
        const b3 = o + 3 < N ? bias[o + 3]! : 0;
        const b4 = o + 4 < N ? bias[o + 4]! : 0;
        const b5 = o + 5 < N ? bias[o + 5]! : 0;
        const b6 = o + 6 < N ? bias[o + 6]! : 0;
        const b7 = o + 7 < N ? bias[o + 7]! : 0;
        let s00 = b0; let s01 = b1; let s02 = b2; let s03 = b3; let s04 = b4; let s05 = b5; let s06 = b6; let s07 = b7;
        let s10 = b0; let s11 = b1; let s12 = b2; let s13 = b3; let s14 = b4; let s15 = b5; let s16 = b6; let s17 = b7;
        let s20 = b0; let s21 = b1; let s22 = b2; let s23 = b3; let s24 = b4; let s25 = b5; let s26 = b6; let s27 = b7;
        let s30 = b0; let s31 = b1; let s32 = b2; let s33 = b3; let s34 = b4; let s35 = b5; let s36 = b6; let s37 = b7;
        const aEnd = (a0 + K) | 0;
        for (let ai = a0 | 0; ai < aEnd; ai = (ai + 1) | 0) {
          const x0 = a[ai]!;
          const x1 = a[(ai + d1) | 0]!;
          const x2 = a[(ai + d2) | 0]!;
          const x3 = a[(ai + d3) | 0]!;
          let v = wp[wi]!;
          s00 += x0 * v; s10 += x1 * v; s20 += x2 * v; s30 += x3 * v;
          v = wp[(wi + 1) | 0]!;
          s01 += x0 * v; s11 += x1 * v; s21 += x2 * v; s31 += x3 * v;
          v = wp[(wi + 2) | 0]!;
          s02 += x0 * v; s12 += x1 * v; s22 += x2 * v; s32 += x3 * v;
          v = wp[(wi + 3) | 0]!;
          s03 += x0 * v; s13 += x1 * v; s23 += x2 * v; s33 += x3 * v;
          v = wp[(wi + 4) | 0]!;
          s04 += x0 * v; s14 += x1 * v; s24 += x2 * v; s34 += x3 * v;
          v = wp[(wi + 5) | 0]!;
          s05 += x0 * v; s15 += x1 * v; s25 += x2 * v; s35 += x3 * v;
          v = wp[(wi + 6) | 0]!;
          s06 += x0 * v; s16 += x1 * v; s26 += x2 * v; s36 += x3 * v;
          v = wp[(wi + 7) | 0]!;
          s07 += x0 * v; s17 += x1 * v; s27 += x2 * v; s37 += x3 * v;
          wi = (wi + 8) | 0;
        }
        const cols = N - o;
        let r = oOff + p * ldp + o * ldn;
        out[r] = s00 < lo ? lo : s00 > hi ? hi : s00;
        if (cols >= 8) {
          out[r + 1 * ldn] = s01 < lo ? lo : s01 > hi ? hi : s01;
          out[r + 2 * ldn] = s02 < lo ? lo : s02 > hi ? hi : s02;
          out[r + 3 * ldn] = s03 < lo ? lo : s03 > hi ? hi : s03;
          out[r + 4 * ldn] = s04 < lo ? lo : s04 > hi ? hi : s04;
          out[r + 5 * ldn] = s05 < lo ? lo : s05 > hi ? hi : s05;
          out[r + 6 * ldn] = s06 < lo ? lo : s06 > hi ? hi : s06;
          out[r + 7 * ldn] = s07 < lo ? lo : s07 > hi ? hi : s07;
        } else {
          if (cols > 1) out[r + 1 * ldn] = s01 < lo ? lo : s01 > hi ? hi : s01;
          if (cols > 2) out[r + 2 * ldn] = s02 < lo ? lo : s02 > hi ? hi : s02;
          if (cols > 3) out[r + 3 * ldn] = s03 < lo ? lo : s03 > hi ? hi : s03;
          if (cols > 4) out[r + 4 * ldn] = s04 < lo ? lo : s04 > hi ? hi : s04;
          if (cols > 5) out[r + 5 * ldn] = s05 < lo ? lo : s05 > hi ? hi : s05;
          if (cols > 6) out[r + 6 * ldn] = s06 < lo ? lo : s06 > hi ? hi : s06;
          if (cols > 7) out[r + 7 * ldn] = s07 < lo ? lo : s07 > hi ? hi : s07;
        }
        if (rows <= 1) continue;
        r += ldp;
        out[r] = s10 < lo ? lo : s10 > hi ? hi : s10;
        if (cols >= 8) {
          out[r + 1 * ldn] = s11 < lo ? lo : s11 > hi ? hi : s11;
          out[r + 2 * ldn] = s12 < lo ? lo : s12 > hi ? hi : s12;
          out[r + 3 * ldn] = s13 < lo ? lo : s13 > hi ? hi : s13;
          out[r + 4 * ldn] = s14 < lo ? lo : s14 > hi ? hi : s14;
          out[r + 5 * ldn] = s15 < lo ? lo : s15 > hi ? hi : s15;
          out[r + 6 * ldn] = s16 < lo ? lo : s16 > hi ? hi : s16;
          out[r + 7 * ldn] = s17 < lo ? lo : s17 > hi ? hi : s17;
        } else {
          if (cols > 1) out[r + 1 * ldn] = s11 < lo ? lo : s11 > hi ? hi : s11;
          if (cols > 2) out[r + 2 * ldn] = s12 < lo ? lo : s12 > hi ? hi : s12;
          if (cols > 3) out[r + 3 * ldn] = s13 < lo ? lo : s13 > hi ? hi : s13;
          if (cols > 4) out[r + 4 * ldn] = s14 < lo ? lo : s14 > hi ? hi : s14;
          if (cols > 5) out[r + 5 * ldn] = s15 < lo ? lo : s15 > hi ? hi : s15;
          if (cols > 6) out[r + 6 * ldn] = s16 < lo ? lo : s16 > hi ? hi : s16;
          if (cols > 7) out[r + 7 * ldn] = s17 < lo ? lo : s17 > hi ? hi : s17;
        }
        if (rows <= 2) continue;
        r += ldp;
        out[r] = s20 < lo ? lo : s20 > hi ? hi : s20;
        if (cols >= 8) {
          out[r + 1 * ldn] = s21 < lo ? lo : s21 > hi ? hi : s21;
          out[r + 2 * ldn] = s22 < lo ? lo : s22 > hi ? hi : s22;
          out[r + 3 * ldn] = s23 < lo ? lo : s23 > hi ? hi : s23;
          out[r + 4 * ldn] = s24 < lo ? lo : s24 > hi ? hi : s24;
          out[r + 5 * ldn] = s25 < lo ? lo : s25 > hi ? hi : s25;
          out[r + 6 * ldn] = s26 < lo ? lo : s26 > hi ? hi : s26;
          out[r + 7 * ldn] = s27 < lo ? lo : s27 > hi ? hi : s27;
        } else {
          if (cols > 1) out[r + 1 * ldn] = s21 < lo ? lo : s21 > hi ? hi : s21;
          if (cols > 2) out[r + 2 * ldn] = s22 < lo ? lo : s22 > hi ? hi : s22;
          if (cols > 3) out[r + 3 * ldn] = s23 < lo ? lo : s23 > hi ? hi : s23;
          if (cols > 4) out[r + 4 * ldn] = s24 < lo ? lo : s24 > hi ? hi : s24;
          if (cols > 5) out[r + 5 * ldn] = s25 < lo ? lo : s25 > hi ? hi : s25;
          if (cols > 6) out[r + 6 * ldn] = s26 < lo ? lo : s26 > hi ? hi : s26;
          if (cols > 7) out[r + 7 * ldn] = s27 < lo ? lo : s27 > hi ? hi : s27;
        }
        if (rows <= 3) continue;
        r += ldp;
        out[r] = s30 < lo ? lo : s30 > hi ? hi : s30;
        if (cols >= 8) {
          out[r + 1 * ldn] = s31 < lo ? lo : s31 > hi ? hi : s31;
          out[r + 2 * ldn] = s32 < lo ? lo : s32 > hi ? hi : s32;
          out[r + 3 * ldn] = s33 < lo ? lo : s33 > hi ? hi : s33;
          out[r + 4 * ldn] = s34 < lo ? lo : s34 > hi ? hi : s34;
          out[r + 5 * ldn] = s35 < lo ? lo : s35 > hi ? hi : s35;
          out[r + 6 * ldn] = s36 < lo ? lo : s36 > hi ? hi : s36;
          out[r + 7 * ldn] = s37 < lo ? lo : s37 > hi ? hi : s37;
        } else {
          if (cols > 1) out[r + 1 * ldn] = s31 < lo ? lo : s31 > hi ? hi : s31;
          if (cols > 2) out[r + 2 * ldn] = s32 < lo ? lo : s32 > hi ? hi : s32;
          if (cols > 3) out[r + 3 * ldn] = s33 < lo ? lo : s33 > hi ? hi : s33;
          if (cols > 4) out[r + 4 * ldn] = s34 < lo ? lo : s34 > hi ? hi : s34;
          if (cols > 5) out[r + 5 * ldn] = s35 < lo ? lo : s35 > hi ? hi : s35;
          if (cols > 6) out[r + 6 * ldn] = s36 < lo ? lo : s36 > hi ? hi : s36;
          if (cols > 7) out[r + 7 * ldn] = s37 < lo ? lo : s37 > hi ? hi : s37;
        }
      }
    }
  }
}
