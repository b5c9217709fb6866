// The MobileNet depthwise 3×3 (M = 1, stride 1 or 2 on both axes, dilation 1) over whole bands of
// output rows: the channel loop (two channels per pass) outside the row loop, so each channel's
// nine weights are loaded once per band (not once per row), two output rows per pass share the
// input rows they have in common, and channels c and c + 1 share their cache lines. Private to
// depthwiseConv2d.
import type { FloatArray } from '../core/index.js';
import { INT32_MAX, interiorRange, tapRange } from './common.js';
import type { ConvInfo } from './convInfo.js';

/**
 * The clamp bounds, written by {@link depthwiseBandsImpl} and read back by the kernels, so that they
 * are unboxed float64s in the loops (tagged bounds box every result: see depthwiseConv2d.ts).
 */
const loHi = new Float64Array(2);

/**
 * Input bytes one pass over a band may touch: one 64-byte line per input pixel of the band's rows.
 * About L1d, so that the next channels can find their lines there: a whole 112×112 image per pass
 * ran at 0.45× the row-by-row kernel (one channel per pass); 16 KB and 64 KB measured the same as
 * 32 KB (two channels per pass, 56² and 28² shapes).
 */
const BAND_BYTES = 32768;

/** Where {@link depthwiseBandsImpl} applies: the band height and the row/column split. @internal */
export interface DepthwiseBands {
  /** Output rows per band. */
  readonly rows: number;
  /** Row 0 has only kernel rows 1–2 inside the input (padTop 1). */
  readonly top: boolean;
  /** The last row has only kernel rows 0–1 inside the input. */
  readonly bottom: boolean;
  /** First output column the kernels write: 0 when `peelL`, else the first interior column. */
  readonly owS: number;
  /** The first output's left tap lies in the padding (skipped). */
  readonly peelL: boolean;
  /** The last output's right tap lies in the padding (skipped). */
  readonly peelR: boolean;
  /** Outputs per row with all three kernel columns inside the input. */
  readonly nMid: number;
}

/**
 * The band plan for a depthwise conv, or null when its rows must go one by one (other kernels,
 * multipliers, dilations or strides; wider padding; images too small for a sliding window).
 * @internal
 */
export function depthwiseBandsOf(info: ConvInfo, x: FloatArray, out: FloatArray): DepthwiseBands | null {
  const { inWidth: W, inHeight: H, outWidth: OW, outHeight: OH, strideWidth: s, padLeft: pl } = info;
  if (!(info.channelMultiplier === 1 && info.filterHeight === 3 && info.filterWidth === 3 && info.dilationWidth === 1 &&
    info.dilationHeight === 1 && (s === 1 || s === 2) && info.strideHeight === s &&
    x.length <= INT32_MAX && out.length <= INT32_MAX)) return null;
  const [owA, owB] = interiorRange(OW, s, pl, 3, W);
  const peelL = owA === 1 && pl === 1;
  const iwLast = (OW - 1) * s - pl;
  const peelR = OW - owB === 1 && iwLast + 2 === W;
  if (owB <= owA || !(owA === 0 || peelL) || !(owB === OW || peelR)) return null;
  const [ohA, ohB] = interiorRange(OH, s, info.padTop, 3, H);
  if (ohB <= ohA || ohA > 1 || OH - ohB > 1) return null;
  const top = ohA === 1;
  const bottom = ohB === OH - 1;
  if (top) {
    const [i0, i1] = tapRange(-info.padTop, 1, 3, H);
    if (i0 !== 1 || i1 !== 3) return null;
  }
  if (bottom) {
    const [i0, i1] = tapRange((OH - 1) * s - info.padTop, 1, 3, H);
    if (i0 !== 0 || i1 !== 2) return null;
  }
  const inRows = Math.floor(BAND_BYTES / (W * 64)); // input rows whose lines fit
  let rows = s === 2 ? ((inRows - 1) >> 2) << 1 : (inRows - 2) & ~1; // even: rows go in pairs
  rows = Math.max(2, rows);
  return { rows, top, bottom, owS: peelL ? 0 : owA, peelL, peelR, nMid: owB - owA };
}

/**
 * One image of a depthwise conv planned by {@link depthwiseBandsOf}: `x` from `xOff`, `out` from
 * `oOff`, band by band. Same sums in the same order as the row-by-row kernels (bias, then the
 * in-range taps row by row, column by column, in float64). Unchecked.
 * @internal
 */
export function depthwiseBandsImpl(
  info: ConvInfo, plan: DepthwiseBands, x: FloatArray, xOff: number, w: Float64Array, bias: Float64Array,
  lo: number, hi: number, out: FloatArray, oOff: number,
): void {
  const OH = info.outHeight;
  const OR = info.outWidth * info.inChannels;
  for (let oh = 0; oh < OH; oh += plan.rows) {
    depthwiseBandRowsImpl(info, plan, x, xOff, w, bias, lo, hi, out, oOff + oh * OR, oh, Math.min(plan.rows, OH - oh));
  }
}

/**
 * Output rows [oh, oh + n) of one image of a depthwise conv planned by {@link depthwiseBandsOf}, row oh
 * written at `oOff` (the fused separable block's tile). Same sums as {@link depthwiseBandsImpl}. Unchecked.
 * @internal
 */
export function depthwiseBandRowsImpl(
  info: ConvInfo, plan: DepthwiseBands, x: FloatArray, xOff: number, w: Float64Array, bias: Float64Array,
  lo: number, hi: number, out: FloatArray, oOff: number, oh: number, n: number,
): void {
  const C = info.inChannels;
  const s = info.strideWidth;
  const OR = info.outWidth * C;
  const rs = info.inWidth * C;
  const { owS, peelL, peelR, nMid } = plan;
  loHi[0] = lo;
  loHi[1] = hi;
  const top = plan.top && oh === 0;
  const bottom = plan.bottom && oh + n === info.outHeight;
  const p0 = xOff + (oh * s - info.padTop) * rs + (owS * s - info.padLeft) * C; // may be one row above the image (top)
  const o0 = oOff + owS * C;
  if (x instanceof Float32Array) {
    if (s === 1) band3x3S1F32(x, w, bias, out, C, p0, rs, o0, OR, n, top, bottom, nMid, peelL, peelR);
    else band3x3S2F32(x, w, bias, out, C, p0, rs, o0, OR, n, top, bottom, nMid, peelL, peelR);
  } else if (s === 1) {
    band3x3S1F64(x, w, bias, out, C, p0, rs, o0, OR, n, top, bottom, nMid, peelL, peelR);
  } else {
    band3x3S2F64(x, w, bias, out, C, p0, rs, o0, OR, n, top, bottom, nMid, peelL, peelR);
  }
}

/**
 * `nRows` output rows of a 3×3, M = 1, stride-1, dilation-1 depthwise conv, two channels per pass.
 * Interior rows go two per pass: rows k and k + 1 read input rows 0–2 and 1–3 of their four, so
 * each step along the row loads one new column of four values per channel for two outputs. A `top`
 * first row (kernel rows 1–2 only) and a `bottom` last row (kernel rows 0–1 only) slide over their
 * two input rows after the interior rows. Channels c and c + 1 go together because they share their
 * cache lines: with C a power of two ≥ 64 all pixels of one channel map to a few L1d sets (pixel
 * stride a multiple of 4 KB at C = 1024, 2 KB at 512), so a one-channel pass over a band evicted its
 * own lines before the next channel came back to them. `p0`: input index of the first row's window
 * top row (one above the image when `top`), left column (owS − padLeft), channel 0; `rs`: input row
 * stride; `o0`: output index of (first row, owS); `OR`: output row stride; `nMid`: outputs per row
 * with all three columns, between the peeled `peelL` / `peelR` border outputs whose outer tap lies
 * in the padding. {@link band3x3S1F64} is the float64-input twin.
 */
function band3x3S1F32(
  x: Float32Array, w: Float64Array, bias: Float64Array, out: FloatArray,
  C: number, p0: number, rs: number, o0: number, OR: number, nRows: number, top: boolean, bottom: boolean,
  nMid: number, peelL: boolean, peelR: boolean,
): void {
  const lo = loHi[0]!, hi = loHi[1]!; // written by the caller: unboxed float64s (see loHi)
  const rs2 = 2 * rs;
  const rs3 = 3 * rs;
  const jE = bottom ? nRows - 1 : nRows;
  for (let c = 0; c < C; c += 2) {
    const d = c + 1 < C ? 1 : 0; // the second channel: c + 1, or c again (same outputs twice) when C is odd
    const w0 = w[c]!, v0 = w[c + d]!;
    const w1 = w[C + c]!, v1 = w[C + c + d]!;
    const w2 = w[2 * C + c]!, v2 = w[2 * C + c + d]!;
    const w3 = w[3 * C + c]!, v3 = w[3 * C + c + d]!;
    const w4 = w[4 * C + c]!, v4 = w[4 * C + c + d]!;
    const w5 = w[5 * C + c]!, v5 = w[5 * C + c + d]!;
    const w6 = w[6 * C + c]!, v6 = w[6 * C + c + d]!;
    const w7 = w[7 * C + c]!, v7 = w[7 * C + c + d]!;
    const w8 = w[8 * C + c]!, v8 = w[8 * C + c + d]!;
    const b = bias[c]!, bb = bias[c + d]!;
    let j = top ? 1 : 0;
    for (; j + 1 < jE; j += 2) {
      const p = (p0 + j * rs + c) | 0;
      let o = (o0 + j * OR + c) | 0;
      const q = peelL ? (p + C) | 0 : p; // left column of the first window in range
      const u = (q + C) | 0;
      const qd = (q + d) | 0, ud = (u + d) | 0;
      let a0 = x[q]!, a1 = x[(q + rs) | 0]!, a2 = x[(q + rs2) | 0]!, a3 = x[(q + rs3) | 0]!;
      let e0 = x[qd]!, e1 = x[(qd + rs) | 0]!, e2 = x[(qd + rs2) | 0]!, e3 = x[(qd + rs3) | 0]!;
      let m0 = x[u]!, m1 = x[(u + rs) | 0]!, m2 = x[(u + rs2) | 0]!, m3 = x[(u + rs3) | 0]!;
      let g0 = x[ud]!, g1 = x[(ud + rs) | 0]!, g2 = x[(ud + rs2) | 0]!, g3 = x[(ud + rs3) | 0]!;
      let r = (u + C) | 0;
      if (peelL) {
        let s = b;
        s += a0 * w1; s += m0 * w2; s += a1 * w4; s += m1 * w5; s += a2 * w7; s += m2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a1 * w1; t += m1 * w2; t += a2 * w4; t += m2 * w5; t += a3 * w7; t += m3 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        let s2 = bb;
        s2 += e0 * v1; s2 += g0 * v2; s2 += e1 * v4; s2 += g1 * v5; s2 += e2 * v7; s2 += g2 * v8;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        let t2 = bb;
        t2 += e1 * v1; t2 += g1 * v2; t2 += e2 * v4; t2 += g2 * v5; t2 += e3 * v7; t2 += g3 * v8;
        out[(o + OR + d) | 0] = t2 < lo ? lo : t2 > hi ? hi : t2;
        o = (o + C) | 0;
      }
      for (let k = 0; k < nMid; k++) {
        const rd = (r + d) | 0;
        const c0 = x[r]!; const c1 = x[(r + rs) | 0]!; const c2 = x[(r + rs2) | 0]!; const c3 = x[(r + rs3) | 0]!;
        const f0 = x[rd]!; const f1 = x[(rd + rs) | 0]!; const f2 = x[(rd + rs2) | 0]!; const f3 = x[(rd + rs3) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a1 * w0; t += m1 * w1; t += c1 * w2; t += a2 * w3; t += m2 * w4; t += c2 * w5; t += a3 * w6; t += m3 * w7; t += c3 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        let s2 = bb;
        s2 += e0 * v0; s2 += g0 * v1; s2 += f0 * v2; s2 += e1 * v3; s2 += g1 * v4; s2 += f1 * v5; s2 += e2 * v6; s2 += g2 * v7; s2 += f2 * v8;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        let t2 = bb;
        t2 += e1 * v0; t2 += g1 * v1; t2 += f1 * v2; t2 += e2 * v3; t2 += g2 * v4; t2 += f2 * v5; t2 += e3 * v6; t2 += g3 * v7; t2 += f3 * v8;
        out[(o + OR + d) | 0] = t2 < lo ? lo : t2 > hi ? hi : t2;
        a0 = m0; a1 = m1; a2 = m2; a3 = m3; m0 = c0; m1 = c1; m2 = c2; m3 = c3;
        e0 = g0; e1 = g1; e2 = g2; e3 = g3; g0 = f0; g1 = f1; g2 = f2; g3 = f3;
        o = (o + C) | 0;
        r = (r + C) | 0;
      }
      if (peelR) {
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4; s += a2 * w6; s += m2 * w7;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a1 * w0; t += m1 * w1; t += a2 * w3; t += m2 * w4; t += a3 * w6; t += m3 * w7;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        let s2 = bb;
        s2 += e0 * v0; s2 += g0 * v1; s2 += e1 * v3; s2 += g1 * v4; s2 += e2 * v6; s2 += g2 * v7;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        let t2 = bb;
        t2 += e1 * v0; t2 += g1 * v1; t2 += e2 * v3; t2 += g2 * v4; t2 += e3 * v6; t2 += g3 * v7;
        out[(o + OR + d) | 0] = t2 < lo ? lo : t2 > hi ? hi : t2;
      }
    }
    for (let e = 0; e < 3; e++) {
      // e = 0: the leftover interior row (all three kernel rows); e = 1 / 2: the top / bottom border
      // row (kernel rows 1–2 / 0–1), whose two rows in range take the weights u / z
      if (e === 0 ? j >= jE : e === 1 ? !top : !bottom) continue;
      const jb = e === 0 ? j : e === 1 ? 0 : nRows - 1;
      const full = e === 0;
      const u0 = e === 1 ? w3 : w0, u1 = e === 1 ? w4 : w1, u2 = e === 1 ? w5 : w2;
      const u3 = e === 1 ? w6 : w3, u4 = e === 1 ? w7 : w4, u5 = e === 1 ? w8 : w5;
      const z0 = e === 1 ? v3 : v0, z1 = e === 1 ? v4 : v1, z2 = e === 1 ? v5 : v2;
      const z3 = e === 1 ? v6 : v3, z4 = e === 1 ? v7 : v4, z5 = e === 1 ? v8 : v5;
      const p = (p0 + jb * rs + (e === 1 ? rs : 0) + c) | 0; // left column, first input row in range
      let o = (o0 + jb * OR + c) | 0;
      const q = peelL ? (p + C) | 0 : p;
      const u = (q + C) | 0;
      const qd = (q + d) | 0, ud = (u + d) | 0;
      let a0 = x[q]!, a1 = x[(q + rs) | 0]!, a2 = full ? x[(q + rs2) | 0]! : 0;
      let e0 = x[qd]!, e1 = x[(qd + rs) | 0]!, e2 = full ? x[(qd + rs2) | 0]! : 0;
      let m0 = x[u]!, m1 = x[(u + rs) | 0]!, m2 = full ? x[(u + rs2) | 0]! : 0;
      let g0 = x[ud]!, g1 = x[(ud + rs) | 0]!, g2 = full ? x[(ud + rs2) | 0]! : 0;
      let r = (u + C) | 0;
      if (peelL) {
        let s = b;
        s += a0 * u1; s += m0 * u2; s += a1 * u4; s += m1 * u5;
        if (full) { s += a2 * w7; s += m2 * w8; }
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let s2 = bb;
        s2 += e0 * z1; s2 += g0 * z2; s2 += e1 * z4; s2 += g1 * z5;
        if (full) { s2 += e2 * v7; s2 += g2 * v8; }
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        o = (o + C) | 0;
      }
      for (let k = 0; k < nMid; k++) {
        const rd = (r + d) | 0;
        const c0 = x[r]!; const c1 = x[(r + rs) | 0]!;
        const f0 = x[rd]!; const f1 = x[(rd + rs) | 0]!;
        let s = b;
        s += a0 * u0; s += m0 * u1; s += c0 * u2; s += a1 * u3; s += m1 * u4; s += c1 * u5;
        let s2 = bb;
        s2 += e0 * z0; s2 += g0 * z1; s2 += f0 * z2; s2 += e1 * z3; s2 += g1 * z4; s2 += f1 * z5;
        if (full) {
          const c2 = x[(r + rs2) | 0]!, f2 = x[(rd + rs2) | 0]!;
          s += a2 * w6; s += m2 * w7; s += c2 * w8;
          s2 += e2 * v6; s2 += g2 * v7; s2 += f2 * v8;
          a2 = m2; m2 = c2; e2 = g2; g2 = f2;
        }
        out[o] = s < lo ? lo : s > hi ? hi : s;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        a0 = m0; a1 = m1; m0 = c0; m1 = c1;
        e0 = g0; e1 = g1; g0 = f0; g1 = f1;
        o = (o + C) | 0;
        r = (r + C) | 0;
      }
      if (peelR) {
        let s = b;
        s += a0 * u0; s += m0 * u1; s += a1 * u3; s += m1 * u4;
        if (full) { s += a2 * w6; s += m2 * w7; }
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let s2 = bb;
        s2 += e0 * z0; s2 += g0 * z1; s2 += e1 * z3; s2 += g1 * z4;
        if (full) { s2 += e2 * v6; s2 += g2 * v7; }
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
      }
    }
  }
}

/**
 * `nRows` output rows of a 3×3, M = 1, stride-2, dilation-1 depthwise conv, two channels per pass
 * (see {@link band3x3S1F32}). Interior rows go two per pass: rows k and k + 1 read input rows 0–2
 * and 2–4 of their five, so the shared row is loaded once for both; along the row the window
 * slides by two columns, carrying its right column (the next window's left). Border rows,
 * pointers and peeled pixels as in {@link band3x3S1F32} (rows of the band 2·rs apart in the input,
 * `p0` at column owS·2 − padLeft). {@link band3x3S2F64} is the float64-input twin.
 */
function band3x3S2F32(
  x: Float32Array, w: Float64Array, bias: Float64Array, out: FloatArray,
  C: number, p0: number, rs: number, o0: number, OR: number, nRows: number, top: boolean, bottom: boolean,
  nMid: number, peelL: boolean, peelR: boolean,
): void {
  const lo = loHi[0]!, hi = loHi[1]!; // written by the caller: unboxed float64s (see loHi)
  const rs2 = 2 * rs;
  const rs3 = 3 * rs;
  const rs4 = 4 * rs;
  const C2 = 2 * C;
  const jE = bottom ? nRows - 1 : nRows;
  for (let c = 0; c < C; c += 2) {
    const d = c + 1 < C ? 1 : 0; // the second channel: c + 1, or c again (same outputs twice) when C is odd
    const w0 = w[c]!, v0 = w[c + d]!;
    const w1 = w[C + c]!, v1 = w[C + c + d]!;
    const w2 = w[2 * C + c]!, v2 = w[2 * C + c + d]!;
    const w3 = w[3 * C + c]!, v3 = w[3 * C + c + d]!;
    const w4 = w[4 * C + c]!, v4 = w[4 * C + c + d]!;
    const w5 = w[5 * C + c]!, v5 = w[5 * C + c + d]!;
    const w6 = w[6 * C + c]!, v6 = w[6 * C + c + d]!;
    const w7 = w[7 * C + c]!, v7 = w[7 * C + c + d]!;
    const w8 = w[8 * C + c]!, v8 = w[8 * C + c + d]!;
    const b = bias[c]!, bb = bias[c + d]!;
    let j = top ? 1 : 0;
    for (; j + 1 < jE; j += 2) {
      let r = (p0 + j * rs2 + C + c) | 0; // middle column of the current window, top row
      let o = (o0 + j * OR + c) | 0;
      const q = peelL ? (r + C) | 0 : (r - C) | 0; // the column carried into the loop
      const qd = (q + d) | 0;
      let a0 = x[q]!, a1 = x[(q + rs) | 0]!, a2 = x[(q + rs2) | 0]!, a3 = x[(q + rs3) | 0]!, a4 = x[(q + rs4) | 0]!;
      let e0 = x[qd]!, e1 = x[(qd + rs) | 0]!, e2 = x[(qd + rs2) | 0]!, e3 = x[(qd + rs3) | 0]!, e4 = x[(qd + rs4) | 0]!;
      if (peelL) {
        const rd = (r + d) | 0;
        const m0 = x[r]!, m1 = x[(r + rs) | 0]!, m2 = x[(r + rs2) | 0]!, m3 = x[(r + rs3) | 0]!, m4 = x[(r + rs4) | 0]!;
        const n0 = x[rd]!, n1 = x[(rd + rs) | 0]!, n2 = x[(rd + rs2) | 0]!, n3 = x[(rd + rs3) | 0]!, n4 = x[(rd + rs4) | 0]!;
        let s = b;
        s += m0 * w1; s += a0 * w2; s += m1 * w4; s += a1 * w5; s += m2 * w7; s += a2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += m2 * w1; t += a2 * w2; t += m3 * w4; t += a3 * w5; t += m4 * w7; t += a4 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        let s2 = bb;
        s2 += n0 * v1; s2 += e0 * v2; s2 += n1 * v4; s2 += e1 * v5; s2 += n2 * v7; s2 += e2 * v8;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        let t2 = bb;
        t2 += n2 * v1; t2 += e2 * v2; t2 += n3 * v4; t2 += e3 * v5; t2 += n4 * v7; t2 += e4 * v8;
        out[(o + OR + d) | 0] = t2 < lo ? lo : t2 > hi ? hi : t2;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      for (let k = 0; k < nMid; k++) {
        const rd = (r + d) | 0;
        const cc = (r + C) | 0;
        const cd = (cc + d) | 0;
        const m0 = x[r]!; const n0 = x[rd]!; const c0 = x[cc]!; const f0 = x[cd]!;
        const m1 = x[(r + rs) | 0]!; const n1 = x[(rd + rs) | 0]!; const c1 = x[(cc + rs) | 0]!; const f1 = x[(cd + rs) | 0]!;
        const m2 = x[(r + rs2) | 0]!; const n2 = x[(rd + rs2) | 0]!; const c2 = x[(cc + rs2) | 0]!; const f2 = x[(cd + rs2) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let s2 = bb;
        s2 += e0 * v0; s2 += n0 * v1; s2 += f0 * v2; s2 += e1 * v3; s2 += n1 * v4; s2 += f1 * v5; s2 += e2 * v6; s2 += n2 * v7; s2 += f2 * v8;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        const m3 = x[(r + rs3) | 0]!; const n3 = x[(rd + rs3) | 0]!; const c3 = x[(cc + rs3) | 0]!; const f3 = x[(cd + rs3) | 0]!;
        const m4 = x[(r + rs4) | 0]!; const n4 = x[(rd + rs4) | 0]!; const c4 = x[(cc + rs4) | 0]!; const f4 = x[(cd + rs4) | 0]!;
        let t = b;
        t += a2 * w0; t += m2 * w1; t += c2 * w2; t += a3 * w3; t += m3 * w4; t += c3 * w5; t += a4 * w6; t += m4 * w7; t += c4 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        let t2 = bb;
        t2 += e2 * v0; t2 += n2 * v1; t2 += f2 * v2; t2 += e3 * v3; t2 += n3 * v4; t2 += f3 * v5; t2 += e4 * v6; t2 += n4 * v7; t2 += f4 * v8;
        out[(o + OR + d) | 0] = t2 < lo ? lo : t2 > hi ? hi : t2;
        a0 = c0; a1 = c1; a2 = c2; a3 = c3; a4 = c4;
        e0 = f0; e1 = f1; e2 = f2; e3 = f3; e4 = f4;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      if (peelR) {
        const rd = (r + d) | 0;
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!; const m2 = x[(r + rs2) | 0]!; const m3 = x[(r + rs3) | 0]!; const m4 = x[(r + rs4) | 0]!;
        const n0 = x[rd]!; const n1 = x[(rd + rs) | 0]!; const n2 = x[(rd + rs2) | 0]!; const n3 = x[(rd + rs3) | 0]!; const n4 = x[(rd + rs4) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4; s += a2 * w6; s += m2 * w7;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a2 * w0; t += m2 * w1; t += a3 * w3; t += m3 * w4; t += a4 * w6; t += m4 * w7;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        let s2 = bb;
        s2 += e0 * v0; s2 += n0 * v1; s2 += e1 * v3; s2 += n1 * v4; s2 += e2 * v6; s2 += n2 * v7;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        let t2 = bb;
        t2 += e2 * v0; t2 += n2 * v1; t2 += e3 * v3; t2 += n3 * v4; t2 += e4 * v6; t2 += n4 * v7;
        out[(o + OR + d) | 0] = t2 < lo ? lo : t2 > hi ? hi : t2;
      }
    }
    for (let e = 0; e < 3; e++) {
      // e = 0: the leftover interior row (all three kernel rows); e = 1 / 2: the top / bottom border
      // row (kernel rows 1–2 / 0–1), whose two rows in range take the weights u / z
      if (e === 0 ? j >= jE : e === 1 ? !top : !bottom) continue;
      const jb = e === 0 ? j : e === 1 ? 0 : nRows - 1;
      const full = e === 0;
      const u0 = e === 1 ? w3 : w0, u1 = e === 1 ? w4 : w1, u2 = e === 1 ? w5 : w2;
      const u3 = e === 1 ? w6 : w3, u4 = e === 1 ? w7 : w4, u5 = e === 1 ? w8 : w5;
      const z0 = e === 1 ? v3 : v0, z1 = e === 1 ? v4 : v1, z2 = e === 1 ? v5 : v2;
      const z3 = e === 1 ? v6 : v3, z4 = e === 1 ? v7 : v4, z5 = e === 1 ? v8 : v5;
      let r = (p0 + jb * rs2 + (e === 1 ? rs : 0) + C + c) | 0; // middle column, first input row in range
      let o = (o0 + jb * OR + c) | 0;
      const q = peelL ? (r + C) | 0 : (r - C) | 0;
      const qd = (q + d) | 0;
      let a0 = x[q]!, a1 = x[(q + rs) | 0]!, a2 = full ? x[(q + rs2) | 0]! : 0;
      let e0 = x[qd]!, e1 = x[(qd + rs) | 0]!, e2 = full ? x[(qd + rs2) | 0]! : 0;
      if (peelL) {
        const rd = (r + d) | 0;
        const m0 = x[r]!, m1 = x[(r + rs) | 0]!, n0 = x[rd]!, n1 = x[(rd + rs) | 0]!;
        let s = b;
        s += m0 * u1; s += a0 * u2; s += m1 * u4; s += a1 * u5;
        let s2 = bb;
        s2 += n0 * z1; s2 += e0 * z2; s2 += n1 * z4; s2 += e1 * z5;
        if (full) {
          const m2 = x[(r + rs2) | 0]!, n2 = x[(rd + rs2) | 0]!;
          s += m2 * w7; s += a2 * w8;
          s2 += n2 * v7; s2 += e2 * v8;
        }
        out[o] = s < lo ? lo : s > hi ? hi : s;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      for (let k = 0; k < nMid; k++) {
        const rd = (r + d) | 0;
        const cc = (r + C) | 0;
        const cd = (cc + d) | 0;
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!; const c0 = x[cc]!; const c1 = x[(cc + rs) | 0]!;
        const n0 = x[rd]!; const n1 = x[(rd + rs) | 0]!; const f0 = x[cd]!; const f1 = x[(cd + rs) | 0]!;
        let s = b;
        s += a0 * u0; s += m0 * u1; s += c0 * u2; s += a1 * u3; s += m1 * u4; s += c1 * u5;
        let s2 = bb;
        s2 += e0 * z0; s2 += n0 * z1; s2 += f0 * z2; s2 += e1 * z3; s2 += n1 * z4; s2 += f1 * z5;
        if (full) {
          const m2 = x[(r + rs2) | 0]!, c2 = x[(cc + rs2) | 0]!, n2 = x[(rd + rs2) | 0]!, f2 = x[(cd + rs2) | 0]!;
          s += a2 * w6; s += m2 * w7; s += c2 * w8;
          s2 += e2 * v6; s2 += n2 * v7; s2 += f2 * v8;
          a2 = c2; e2 = f2;
        }
        out[o] = s < lo ? lo : s > hi ? hi : s;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        a0 = c0; a1 = c1; e0 = f0; e1 = f1;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      if (peelR) {
        const rd = (r + d) | 0;
        const m0 = x[r]!, m1 = x[(r + rs) | 0]!, n0 = x[rd]!, n1 = x[(rd + rs) | 0]!;
        let s = b;
        s += a0 * u0; s += m0 * u1; s += a1 * u3; s += m1 * u4;
        let s2 = bb;
        s2 += e0 * z0; s2 += n0 * z1; s2 += e1 * z3; s2 += n1 * z4;
        if (full) {
          const m2 = x[(r + rs2) | 0]!, n2 = x[(rd + rs2) | 0]!;
          s += a2 * w6; s += m2 * w7;
          s2 += e2 * v6; s2 += n2 * v7;
        }
        out[o] = s < lo ? lo : s > hi ? hi : s;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
      }
    }
  }
}

/** {@link band3x3S1F32} for a Float64Array input. */
function band3x3S1F64(
  x: Float64Array, w: Float64Array, bias: Float64Array, out: FloatArray,
  C: number, p0: number, rs: number, o0: number, OR: number, nRows: number, top: boolean, bottom: boolean,
  nMid: number, peelL: boolean, peelR: boolean,
): void {
  const lo = loHi[0]!, hi = loHi[1]!; // written by the caller: unboxed float64s (see loHi)
  const rs2 = 2 * rs;
  const rs3 = 3 * rs;
  const jE = bottom ? nRows - 1 : nRows;
  for (let c = 0; c < C; c += 2) {
    const d = c + 1 < C ? 1 : 0; // the second channel: c + 1, or c again (same outputs twice) when C is odd
    const w0 = w[c]!, v0 = w[c + d]!;
    const w1 = w[C + c]!, v1 = w[C + c + d]!;
    const w2 = w[2 * C + c]!, v2 = w[2 * C + c + d]!;
    const w3 = w[3 * C + c]!, v3 = w[3 * C + c + d]!;
    const w4 = w[4 * C + c]!, v4 = w[4 * C + c + d]!;
    const w5 = w[5 * C + c]!, v5 = w[5 * C + c + d]!;
    const w6 = w[6 * C + c]!, v6 = w[6 * C + c + d]!;
    const w7 = w[7 * C + c]!, v7 = w[7 * C + c + d]!;
    const w8 = w[8 * C + c]!, v8 = w[8 * C + c + d]!;
    const b = bias[c]!, bb = bias[c + d]!;
    let j = top ? 1 : 0;
    for (; j + 1 < jE; j += 2) {
      const p = (p0 + j * rs + c) | 0;
      let o = (o0 + j * OR + c) | 0;
      const q = peelL ? (p + C) | 0 : p; // left column of the first window in range
      const u = (q + C) | 0;
      const qd = (q + d) | 0, ud = (u + d) | 0;
      let a0 = x[q]!, a1 = x[(q + rs) | 0]!, a2 = x[(q + rs2) | 0]!, a3 = x[(q + rs3) | 0]!;
      let e0 = x[qd]!, e1 = x[(qd + rs) | 0]!, e2 = x[(qd + rs2) | 0]!, e3 = x[(qd + rs3) | 0]!;
      let m0 = x[u]!, m1 = x[(u + rs) | 0]!, m2 = x[(u + rs2) | 0]!, m3 = x[(u + rs3) | 0]!;
      let g0 = x[ud]!, g1 = x[(ud + rs) | 0]!, g2 = x[(ud + rs2) | 0]!, g3 = x[(ud + rs3) | 0]!;
      let r = (u + C) | 0;
      if (peelL) {
        let s = b;
        s += a0 * w1; s += m0 * w2; s += a1 * w4; s += m1 * w5; s += a2 * w7; s += m2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a1 * w1; t += m1 * w2; t += a2 * w4; t += m2 * w5; t += a3 * w7; t += m3 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        let s2 = bb;
        s2 += e0 * v1; s2 += g0 * v2; s2 += e1 * v4; s2 += g1 * v5; s2 += e2 * v7; s2 += g2 * v8;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        let t2 = bb;
        t2 += e1 * v1; t2 += g1 * v2; t2 += e2 * v4; t2 += g2 * v5; t2 += e3 * v7; t2 += g3 * v8;
        out[(o + OR + d) | 0] = t2 < lo ? lo : t2 > hi ? hi : t2;
        o = (o + C) | 0;
      }
      for (let k = 0; k < nMid; k++) {
        const rd = (r + d) | 0;
        const c0 = x[r]!; const c1 = x[(r + rs) | 0]!; const c2 = x[(r + rs2) | 0]!; const c3 = x[(r + rs3) | 0]!;
        const f0 = x[rd]!; const f1 = x[(rd + rs) | 0]!; const f2 = x[(rd + rs2) | 0]!; const f3 = x[(rd + rs3) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a1 * w0; t += m1 * w1; t += c1 * w2; t += a2 * w3; t += m2 * w4; t += c2 * w5; t += a3 * w6; t += m3 * w7; t += c3 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        let s2 = bb;
        s2 += e0 * v0; s2 += g0 * v1; s2 += f0 * v2; s2 += e1 * v3; s2 += g1 * v4; s2 += f1 * v5; s2 += e2 * v6; s2 += g2 * v7; s2 += f2 * v8;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        let t2 = bb;
        t2 += e1 * v0; t2 += g1 * v1; t2 += f1 * v2; t2 += e2 * v3; t2 += g2 * v4; t2 += f2 * v5; t2 += e3 * v6; t2 += g3 * v7; t2 += f3 * v8;
        out[(o + OR + d) | 0] = t2 < lo ? lo : t2 > hi ? hi : t2;
        a0 = m0; a1 = m1; a2 = m2; a3 = m3; m0 = c0; m1 = c1; m2 = c2; m3 = c3;
        e0 = g0; e1 = g1; e2 = g2; e3 = g3; g0 = f0; g1 = f1; g2 = f2; g3 = f3;
        o = (o + C) | 0;
        r = (r + C) | 0;
      }
      if (peelR) {
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4; s += a2 * w6; s += m2 * w7;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a1 * w0; t += m1 * w1; t += a2 * w3; t += m2 * w4; t += a3 * w6; t += m3 * w7;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        let s2 = bb;
        s2 += e0 * v0; s2 += g0 * v1; s2 += e1 * v3; s2 += g1 * v4; s2 += e2 * v6; s2 += g2 * v7;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        let t2 = bb;
        t2 += e1 * v0; t2 += g1 * v1; t2 += e2 * v3; t2 += g2 * v4; t2 += e3 * v6; t2 += g3 * v7;
        out[(o + OR + d) | 0] = t2 < lo ? lo : t2 > hi ? hi : t2;
      }
    }
    for (let e = 0; e < 3; e++) {
      // e = 0: the leftover interior row (all three kernel rows); e = 1 / 2: the top / bottom border
      // row (kernel rows 1–2 / 0–1), whose two rows in range take the weights u / z
      if (e === 0 ? j >= jE : e === 1 ? !top : !bottom) continue;
      const jb = e === 0 ? j : e === 1 ? 0 : nRows - 1;
      const full = e === 0;
      const u0 = e === 1 ? w3 : w0, u1 = e === 1 ? w4 : w1, u2 = e === 1 ? w5 : w2;
      const u3 = e === 1 ? w6 : w3, u4 = e === 1 ? w7 : w4, u5 = e === 1 ? w8 : w5;
      const z0 = e === 1 ? v3 : v0, z1 = e === 1 ? v4 : v1, z2 = e === 1 ? v5 : v2;
      const z3 = e === 1 ? v6 : v3, z4 = e === 1 ? v7 : v4, z5 = e === 1 ? v8 : v5;
      const p = (p0 + jb * rs + (e === 1 ? rs : 0) + c) | 0; // left column, first input row in range
      let o = (o0 + jb * OR + c) | 0;
      const q = peelL ? (p + C) | 0 : p;
      const u = (q + C) | 0;
      const qd = (q + d) | 0, ud = (u + d) | 0;
      let a0 = x[q]!, a1 = x[(q + rs) | 0]!, a2 = full ? x[(q + rs2) | 0]! : 0;
      let e0 = x[qd]!, e1 = x[(qd + rs) | 0]!, e2 = full ? x[(qd + rs2) | 0]! : 0;
      let m0 = x[u]!, m1 = x[(u + rs) | 0]!, m2 = full ? x[(u + rs2) | 0]! : 0;
      let g0 = x[ud]!, g1 = x[(ud + rs) | 0]!, g2 = full ? x[(ud + rs2) | 0]! : 0;
      let r = (u + C) | 0;
      if (peelL) {
        let s = b;
        s += a0 * u1; s += m0 * u2; s += a1 * u4; s += m1 * u5;
        if (full) { s += a2 * w7; s += m2 * w8; }
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let s2 = bb;
        s2 += e0 * z1; s2 += g0 * z2; s2 += e1 * z4; s2 += g1 * z5;
        if (full) { s2 += e2 * v7; s2 += g2 * v8; }
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        o = (o + C) | 0;
      }
      for (let k = 0; k < nMid; k++) {
        const rd = (r + d) | 0;
        const c0 = x[r]!; const c1 = x[(r + rs) | 0]!;
        const f0 = x[rd]!; const f1 = x[(rd + rs) | 0]!;
        let s = b;
        s += a0 * u0; s += m0 * u1; s += c0 * u2; s += a1 * u3; s += m1 * u4; s += c1 * u5;
        let s2 = bb;
        s2 += e0 * z0; s2 += g0 * z1; s2 += f0 * z2; s2 += e1 * z3; s2 += g1 * z4; s2 += f1 * z5;
        if (full) {
          const c2 = x[(r + rs2) | 0]!, f2 = x[(rd + rs2) | 0]!;
          s += a2 * w6; s += m2 * w7; s += c2 * w8;
          s2 += e2 * v6; s2 += g2 * v7; s2 += f2 * v8;
          a2 = m2; m2 = c2; e2 = g2; g2 = f2;
        }
        out[o] = s < lo ? lo : s > hi ? hi : s;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        a0 = m0; a1 = m1; m0 = c0; m1 = c1;
        e0 = g0; e1 = g1; g0 = f0; g1 = f1;
        o = (o + C) | 0;
        r = (r + C) | 0;
      }
      if (peelR) {
        let s = b;
        s += a0 * u0; s += m0 * u1; s += a1 * u3; s += m1 * u4;
        if (full) { s += a2 * w6; s += m2 * w7; }
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let s2 = bb;
        s2 += e0 * z0; s2 += g0 * z1; s2 += e1 * z3; s2 += g1 * z4;
        if (full) { s2 += e2 * v6; s2 += g2 * v7; }
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
      }
    }
  }
}

/** {@link band3x3S2F32} for a Float64Array input. */
function band3x3S2F64(
  x: Float64Array, w: Float64Array, bias: Float64Array, out: FloatArray,
  C: number, p0: number, rs: number, o0: number, OR: number, nRows: number, top: boolean, bottom: boolean,
  nMid: number, peelL: boolean, peelR: boolean,
): void {
  const lo = loHi[0]!, hi = loHi[1]!; // written by the caller: unboxed float64s (see loHi)
  const rs2 = 2 * rs;
  const rs3 = 3 * rs;
  const rs4 = 4 * rs;
  const C2 = 2 * C;
  const jE = bottom ? nRows - 1 : nRows;
  for (let c = 0; c < C; c += 2) {
    const d = c + 1 < C ? 1 : 0; // the second channel: c + 1, or c again (same outputs twice) when C is odd
    const w0 = w[c]!, v0 = w[c + d]!;
    const w1 = w[C + c]!, v1 = w[C + c + d]!;
    const w2 = w[2 * C + c]!, v2 = w[2 * C + c + d]!;
    const w3 = w[3 * C + c]!, v3 = w[3 * C + c + d]!;
    const w4 = w[4 * C + c]!, v4 = w[4 * C + c + d]!;
    const w5 = w[5 * C + c]!, v5 = w[5 * C + c + d]!;
    const w6 = w[6 * C + c]!, v6 = w[6 * C + c + d]!;
    const w7 = w[7 * C + c]!, v7 = w[7 * C + c + d]!;
    const w8 = w[8 * C + c]!, v8 = w[8 * C + c + d]!;
    const b = bias[c]!, bb = bias[c + d]!;
    let j = top ? 1 : 0;
    for (; j + 1 < jE; j += 2) {
      let r = (p0 + j * rs2 + C + c) | 0; // middle column of the current window, top row
      let o = (o0 + j * OR + c) | 0;
      const q = peelL ? (r + C) | 0 : (r - C) | 0; // the column carried into the loop
      const qd = (q + d) | 0;
      let a0 = x[q]!, a1 = x[(q + rs) | 0]!, a2 = x[(q + rs2) | 0]!, a3 = x[(q + rs3) | 0]!, a4 = x[(q + rs4) | 0]!;
      let e0 = x[qd]!, e1 = x[(qd + rs) | 0]!, e2 = x[(qd + rs2) | 0]!, e3 = x[(qd + rs3) | 0]!, e4 = x[(qd + rs4) | 0]!;
      if (peelL) {
        const rd = (r + d) | 0;
        const m0 = x[r]!, m1 = x[(r + rs) | 0]!, m2 = x[(r + rs2) | 0]!, m3 = x[(r + rs3) | 0]!, m4 = x[(r + rs4) | 0]!;
        const n0 = x[rd]!, n1 = x[(rd + rs) | 0]!, n2 = x[(rd + rs2) | 0]!, n3 = x[(rd + rs3) | 0]!, n4 = x[(rd + rs4) | 0]!;
        let s = b;
        s += m0 * w1; s += a0 * w2; s += m1 * w4; s += a1 * w5; s += m2 * w7; s += a2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += m2 * w1; t += a2 * w2; t += m3 * w4; t += a3 * w5; t += m4 * w7; t += a4 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        let s2 = bb;
        s2 += n0 * v1; s2 += e0 * v2; s2 += n1 * v4; s2 += e1 * v5; s2 += n2 * v7; s2 += e2 * v8;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        let t2 = bb;
        t2 += n2 * v1; t2 += e2 * v2; t2 += n3 * v4; t2 += e3 * v5; t2 += n4 * v7; t2 += e4 * v8;
        out[(o + OR + d) | 0] = t2 < lo ? lo : t2 > hi ? hi : t2;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      for (let k = 0; k < nMid; k++) {
        const rd = (r + d) | 0;
        const cc = (r + C) | 0;
        const cd = (cc + d) | 0;
        const m0 = x[r]!; const n0 = x[rd]!; const c0 = x[cc]!; const f0 = x[cd]!;
        const m1 = x[(r + rs) | 0]!; const n1 = x[(rd + rs) | 0]!; const c1 = x[(cc + rs) | 0]!; const f1 = x[(cd + rs) | 0]!;
        const m2 = x[(r + rs2) | 0]!; const n2 = x[(rd + rs2) | 0]!; const c2 = x[(cc + rs2) | 0]!; const f2 = x[(cd + rs2) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let s2 = bb;
        s2 += e0 * v0; s2 += n0 * v1; s2 += f0 * v2; s2 += e1 * v3; s2 += n1 * v4; s2 += f1 * v5; s2 += e2 * v6; s2 += n2 * v7; s2 += f2 * v8;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        const m3 = x[(r + rs3) | 0]!; const n3 = x[(rd + rs3) | 0]!; const c3 = x[(cc + rs3) | 0]!; const f3 = x[(cd + rs3) | 0]!;
        const m4 = x[(r + rs4) | 0]!; const n4 = x[(rd + rs4) | 0]!; const c4 = x[(cc + rs4) | 0]!; const f4 = x[(cd + rs4) | 0]!;
        let t = b;
        t += a2 * w0; t += m2 * w1; t += c2 * w2; t += a3 * w3; t += m3 * w4; t += c3 * w5; t += a4 * w6; t += m4 * w7; t += c4 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        let t2 = bb;
        t2 += e2 * v0; t2 += n2 * v1; t2 += f2 * v2; t2 += e3 * v3; t2 += n3 * v4; t2 += f3 * v5; t2 += e4 * v6; t2 += n4 * v7; t2 += f4 * v8;
        out[(o + OR + d) | 0] = t2 < lo ? lo : t2 > hi ? hi : t2;
        a0 = c0; a1 = c1; a2 = c2; a3 = c3; a4 = c4;
        e0 = f0; e1 = f1; e2 = f2; e3 = f3; e4 = f4;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      if (peelR) {
        const rd = (r + d) | 0;
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!; const m2 = x[(r + rs2) | 0]!; const m3 = x[(r + rs3) | 0]!; const m4 = x[(r + rs4) | 0]!;
        const n0 = x[rd]!; const n1 = x[(rd + rs) | 0]!; const n2 = x[(rd + rs2) | 0]!; const n3 = x[(rd + rs3) | 0]!; const n4 = x[(rd + rs4) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4; s += a2 * w6; s += m2 * w7;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a2 * w0; t += m2 * w1; t += a3 * w3; t += m3 * w4; t += a4 * w6; t += m4 * w7;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        let s2 = bb;
        s2 += e0 * v0; s2 += n0 * v1; s2 += e1 * v3; s2 += n1 * v4; s2 += e2 * v6; s2 += n2 * v7;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        let t2 = bb;
        t2 += e2 * v0; t2 += n2 * v1; t2 += e3 * v3; t2 += n3 * v4; t2 += e4 * v6; t2 += n4 * v7;
        out[(o + OR + d) | 0] = t2 < lo ? lo : t2 > hi ? hi : t2;
      }
    }
    for (let e = 0; e < 3; e++) {
      // e = 0: the leftover interior row (all three kernel rows); e = 1 / 2: the top / bottom border
      // row (kernel rows 1–2 / 0–1), whose two rows in range take the weights u / z
      if (e === 0 ? j >= jE : e === 1 ? !top : !bottom) continue;
      const jb = e === 0 ? j : e === 1 ? 0 : nRows - 1;
      const full = e === 0;
      const u0 = e === 1 ? w3 : w0, u1 = e === 1 ? w4 : w1, u2 = e === 1 ? w5 : w2;
      const u3 = e === 1 ? w6 : w3, u4 = e === 1 ? w7 : w4, u5 = e === 1 ? w8 : w5;
      const z0 = e === 1 ? v3 : v0, z1 = e === 1 ? v4 : v1, z2 = e === 1 ? v5 : v2;
      const z3 = e === 1 ? v6 : v3, z4 = e === 1 ? v7 : v4, z5 = e === 1 ? v8 : v5;
      let r = (p0 + jb * rs2 + (e === 1 ? rs : 0) + C + c) | 0; // middle column, first input row in range
      let o = (o0 + jb * OR + c) | 0;
      const q = peelL ? (r + C) | 0 : (r - C) | 0;
      const qd = (q + d) | 0;
      let a0 = x[q]!, a1 = x[(q + rs) | 0]!, a2 = full ? x[(q + rs2) | 0]! : 0;
      let e0 = x[qd]!, e1 = x[(qd + rs) | 0]!, e2 = full ? x[(qd + rs2) | 0]! : 0;
      if (peelL) {
        const rd = (r + d) | 0;
        const m0 = x[r]!, m1 = x[(r + rs) | 0]!, n0 = x[rd]!, n1 = x[(rd + rs) | 0]!;
        let s = b;
        s += m0 * u1; s += a0 * u2; s += m1 * u4; s += a1 * u5;
        let s2 = bb;
        s2 += n0 * z1; s2 += e0 * z2; s2 += n1 * z4; s2 += e1 * z5;
        if (full) {
          const m2 = x[(r + rs2) | 0]!, n2 = x[(rd + rs2) | 0]!;
          s += m2 * w7; s += a2 * w8;
          s2 += n2 * v7; s2 += e2 * v8;
        }
        out[o] = s < lo ? lo : s > hi ? hi : s;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      for (let k = 0; k < nMid; k++) {
        const rd = (r + d) | 0;
        const cc = (r + C) | 0;
        const cd = (cc + d) | 0;
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!; const c0 = x[cc]!; const c1 = x[(cc + rs) | 0]!;
        const n0 = x[rd]!; const n1 = x[(rd + rs) | 0]!; const f0 = x[cd]!; const f1 = x[(cd + rs) | 0]!;
        let s = b;
        s += a0 * u0; s += m0 * u1; s += c0 * u2; s += a1 * u3; s += m1 * u4; s += c1 * u5;
        let s2 = bb;
        s2 += e0 * z0; s2 += n0 * z1; s2 += f0 * z2; s2 += e1 * z3; s2 += n1 * z4; s2 += f1 * z5;
        if (full) {
          const m2 = x[(r + rs2) | 0]!, c2 = x[(cc + rs2) | 0]!, n2 = x[(rd + rs2) | 0]!, f2 = x[(cd + rs2) | 0]!;
          s += a2 * w6; s += m2 * w7; s += c2 * w8;
          s2 += e2 * v6; s2 += n2 * v7; s2 += f2 * v8;
          a2 = c2; e2 = f2;
        }
        out[o] = s < lo ? lo : s > hi ? hi : s;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
        a0 = c0; a1 = c1; e0 = f0; e1 = f1;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      if (peelR) {
        const rd = (r + d) | 0;
        const m0 = x[r]!, m1 = x[(r + rs) | 0]!, n0 = x[rd]!, n1 = x[(rd + rs) | 0]!;
        let s = b;
        s += a0 * u0; s += m0 * u1; s += a1 * u3; s += m1 * u4;
        let s2 = bb;
        s2 += e0 * z0; s2 += n0 * z1; s2 += e1 * z3; s2 += n1 * z4;
        if (full) {
          const m2 = x[(r + rs2) | 0]!, n2 = x[(rd + rs2) | 0]!;
          s += a2 * w6; s += m2 * w7;
          s2 += e2 * v6; s2 += n2 * v7;
        }
        out[o] = s < lo ? lo : s > hi ? hi : s;
        out[(o + d) | 0] = s2 < lo ? lo : s2 > hi ? hi : s2;
      }
    }
  }
}
