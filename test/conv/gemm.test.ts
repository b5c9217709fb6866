import { describe, expect, it } from 'vitest';
import { gemmImpl, packedLength, packPanels, PANEL } from '../../src/conv/gemm.js';
import { seededData } from '../support/arbitraries/conv.js';

/** W[i, o] straight from the definition: `w[wOff + i·strideK + o·strideN]`. */
function weight(w: ArrayLike<number>, wOff: number, strideK: number, strideN: number, i: number, o: number): number {
  return w[wOff + i * strideK + o * strideN]!;
}

/** Plain float64 `clamp(bias + a · W)`, P × N row-major. */
function gemmRef(P: number, K: number, N: number, a: ArrayLike<number>, aOff: number, W: (i: number, o: number) => number, bias: ArrayLike<number>, lo: number, hi: number): Float64Array {
  const out = new Float64Array(P * N);
  for (let p = 0; p < P; p++) {
    for (let o = 0; o < N; o++) {
      let s = bias[o]!;
      for (let i = 0; i < K; i++) s += a[aOff + p * K + i]! * W(i, o);
      out[p * N + o] = s < lo ? lo : s > hi ? hi : s;
    }
  }
  return out;
}

describe('gemm (the kernel under pointwise, separable and standard convs)', () => {
  it('packPanels puts W[i, o] at panel o/8, row i, lane o mod 8 for both layouts, zero past N', () => {
    for (const [K, N] of [[70, 19], [33, 8], [1, 1], [64, 24]] as const) {
      const w = seededData(K * N + 3, K + N, true);
      for (const [strideK, strideN] of [[N, 1], [1, K]] as const) {
        const wp = packPanels(w, 3, K, N, strideK, strideN, new Float64Array(packedLength(K, N, 'test')).fill(NaN));
        expect(wp.length).toBe(Math.ceil(N / PANEL) * PANEL * K);
        for (let o = 0; o < Math.ceil(N / PANEL) * PANEL; o++) {
          for (let i = 0; i < K; i++) {
            const at = (o - (o % PANEL)) * K + i * PANEL + (o % PANEL);
            expect(wp[at]).toBe(o < N ? weight(w, 3, strideK, strideN, i, o) : 0);
          }
        }
      }
    }
  });

  it('packedLength names the caller when the packed filter would pass 2^31 − 1 values', () => {
    expect(packedLength(512, 1024, 'pointwiseConv2d')).toBe(512 * 1024);
    expect(() => packedLength(65536, 32768, 'pointwiseConv2d')).toThrow(RangeError);
    expect(() => packedLength(65536, 32768, 'pointwiseConv2d')).toThrow(/pointwiseConv2d/);
  });

  it('gemmImpl gives the same results when the rows go in rebased slices (small index limit)', () => {
    for (const f32 of [true, false]) {
      const P = 23, K = 7, N = 13, aOff = 5;
      const a = seededData(aOff + P * K, 31, f32);
      const w = seededData(K * N, 32, false);
      const bias = new Float64Array(seededData(N, 33, false));
      const wp = packPanels(w, 0, K, N, N, 1, new Float64Array(packedLength(K, N, 'test')));
      const whole = f32 ? new Float32Array(P * N) : new Float64Array(P * N);
      const sliced = f32 ? new Float32Array(P * N) : new Float64Array(P * N);
      gemmImpl(P, K, N, a, aOff, wp, bias, -Infinity, Infinity, whole, 0, N, 1);
      gemmImpl(P, K, N, a, aOff, wp, bias, -Infinity, Infinity, sliced, 0, N, 1, 60); // 8 rows a slice
      expect(Array.from(sliced)).toEqual(Array.from(whole));
      const ref = gemmRef(P, K, N, a, aOff, (i, o) => w[i * N + o]!, bias, -Infinity, Infinity);
      for (let j = 0; j < P * N; j++) expect(whole[j]).toBeCloseTo(f32 ? Math.fround(ref[j]!) : ref[j]!, 5);
    }
  });

  it('gemmImpl clamps to [lo, hi] and writes through output strides (transposed output)', () => {
    const P = 9, K = 40, N = 11;
    const a = seededData(P * K, 41, false);
    const w = seededData(K * N, 42, false);
    const bias = new Float64Array(N);
    const wp = packPanels(w, 0, K, N, 1, K, new Float64Array(packedLength(K, N, 'test'))); // [N, K] rows
    const out = new Float64Array(P * N);
    gemmImpl(P, K, N, a, 0, wp, bias, 0, 1, out, 0, 1, P); // out[o·P + p]
    const ref = gemmRef(P, K, N, a, 0, (i, o) => w[o * K + i]!, bias, 0, 1);
    for (let p = 0; p < P; p++) for (let o = 0; o < N; o++) expect(out[o * P + p]).toBeCloseTo(ref[p * N + o]!, 12);
  });
});
