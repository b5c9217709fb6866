// The MobileNet depthwise 3×3 (M = 1, stride 1 or 2 on both axes, dilation 1) over whole bands of
// output rows: the channel loop outside the row loop, so each channel's nine weights are loaded once
// per band (not once per row), and two output rows per pass share the input rows they have in
// common. Private to depthwiseConv2d.
import type { FloatArray } from '../core/index.js';
import { interiorRange, tapRange } from './common.js';
import type { ConvInfo } from './convInfo.js';

/**
 * The clamp bounds pass through this array on entry to each kernel, so that they are unboxed
 * float64s in the loops (see depthwiseConv2d.ts: tagged bounds box every result).
 */
const loHi = new Float64Array(2);

/** The kernels wrap index sums in `| 0`; they run only when every index fits in int32. */
const INT32_MAX = 0x7fffffff;

/**
 * Input bytes one channel pass over a band may touch: one 64-byte line per input pixel of the
 * band's rows (channels ≥ 16 apart share no line). Kept within L1d so that the next 15 channels
 * find their lines there; a whole 112×112 image per pass ran at 0.45× the row-by-row kernel.
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
  const C = info.inChannels;
  const s = info.strideWidth;
  const OH = info.outHeight;
  const OR = info.outWidth * C;
  const rs = info.inWidth * C;
  const { rows, owS, peelL, peelR, nMid } = plan;
  const col = (owS * s - info.padLeft) * C;
  for (let oh = 0; oh < OH; oh += rows) {
    const n = Math.min(rows, OH - oh);
    const top = plan.top && oh === 0;
    const bottom = plan.bottom && oh + n === OH;
    const p0 = xOff + (oh * s - info.padTop) * rs + col; // may be one row above the image (top)
    const o0 = oOff + oh * OR + owS * C;
    if (x instanceof Float32Array) {
      if (s === 1) band3x3S1F32(x, w, bias, lo, hi, out, C, p0, rs, o0, OR, n, top, bottom, nMid, peelL, peelR);
      else band3x3S2F32(x, w, bias, lo, hi, out, C, p0, rs, o0, OR, n, top, bottom, nMid, peelL, peelR);
    } else if (s === 1) {
      band3x3S1F64(x, w, bias, lo, hi, out, C, p0, rs, o0, OR, n, top, bottom, nMid, peelL, peelR);
    } else {
      band3x3S2F64(x, w, bias, lo, hi, out, C, p0, rs, o0, OR, n, top, bottom, nMid, peelL, peelR);
    }
  }
}

/**
 * `nRows` output rows of a 3×3, M = 1, stride-1, dilation-1 depthwise conv, channel by channel.
 * Interior rows go two per pass: rows k and k + 1 read input rows 0–2 and 1–3 of their four, so
 * each step along the row loads one new column of four values for two outputs. A `top` first row
 * (kernel rows 1–2 only) and a `bottom` last row (kernel rows 0–1 only) slide over their two input
 * rows after the interior rows. `p0`: input index of the first row's window top row (one above the
 * image when `top`), left column (owS − padLeft), channel 0; `rs`: input row stride; `o0`: output
 * index of (first row, owS); `OR`: output row stride; `nMid`: outputs per row with all three columns,
 * between the peeled `peelL` / `peelR` border outputs whose outer tap lies in the padding.
 * {@link band3x3S1F64} is the float64-input twin.
 */
function band3x3S1F32(
  x: Float32Array, w: Float64Array, bias: Float64Array, loIn: number, hiIn: number, out: FloatArray,
  C: number, p0: number, rs: number, o0: number, OR: number, nRows: number, top: boolean, bottom: boolean,
  nMid: number, peelL: boolean, peelR: boolean,
): void {
  loHi[0] = loIn; loHi[1] = hiIn;
  const lo = loHi[0]!, hi = loHi[1]!; // unboxed float64: keeps the clamp below from boxing each result
  const rs2 = 2 * rs;
  const rs3 = 3 * rs;
  const jE = bottom ? nRows - 1 : nRows;
  for (let c = 0; c < C; c++) {
    const w0 = w[c]!;
    const w1 = w[C + c]!;
    const w2 = w[2 * C + c]!;
    const w3 = w[3 * C + c]!;
    const w4 = w[4 * C + c]!;
    const w5 = w[5 * C + c]!;
    const w6 = w[6 * C + c]!;
    const w7 = w[7 * C + c]!;
    const w8 = w[8 * C + c]!;
    const b = bias[c]!;
    let j = top ? 1 : 0;
    for (; j + 1 < jE; j += 2) {
      const p = (p0 + j * rs + c) | 0; // left column of the first window, top row
      let o = (o0 + j * OR + c) | 0;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
      let r = 0; // right column of the next window
      if (peelL) {
        const q = (p + C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!; a2 = x[(q + rs2) | 0]!; a3 = x[(q + rs3) | 0]!;
        const u = (q + C) | 0;
        m0 = x[u]!; m1 = x[(u + rs) | 0]!; m2 = x[(u + rs2) | 0]!; m3 = x[(u + rs3) | 0]!;
        let s = b;
        s += a0 * w1; s += m0 * w2; s += a1 * w4; s += m1 * w5; s += a2 * w7; s += m2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a1 * w1; t += m1 * w2; t += a2 * w4; t += m2 * w5; t += a3 * w7; t += m3 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        o = (o + C) | 0;
        r = (u + C) | 0;
      } else {
        a0 = x[p]!; a1 = x[(p + rs) | 0]!; a2 = x[(p + rs2) | 0]!; a3 = x[(p + rs3) | 0]!;
        const u = (p + C) | 0;
        m0 = x[u]!; m1 = x[(u + rs) | 0]!; m2 = x[(u + rs2) | 0]!; m3 = x[(u + rs3) | 0]!;
        r = (u + C) | 0;
      }
      for (let k = 0; k < nMid; k++) {
        const c0 = x[r]!; const c1 = x[(r + rs) | 0]!; const c2 = x[(r + rs2) | 0]!; const c3 = x[(r + rs3) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a1 * w0; t += m1 * w1; t += c1 * w2; t += a2 * w3; t += m2 * w4; t += c2 * w5; t += a3 * w6; t += m3 * w7; t += c3 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        a0 = m0; a1 = m1; a2 = m2; a3 = m3; m0 = c0; m1 = c1; m2 = c2; m3 = c3;
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
      }
    }
    if (j < jE) {
      const p = (p0 + j * rs + c) | 0;
      let o = (o0 + j * OR + c) | 0;
      let a0 = 0, a1 = 0, a2 = 0, m0 = 0, m1 = 0, m2 = 0;
      let r = 0;
      if (peelL) {
        const q = (p + C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!; a2 = x[(q + rs2) | 0]!;
        const u = (q + C) | 0;
        m0 = x[u]!; m1 = x[(u + rs) | 0]!; m2 = x[(u + rs2) | 0]!;
        let s = b;
        s += a0 * w1; s += m0 * w2; s += a1 * w4; s += m1 * w5; s += a2 * w7; s += m2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o = (o + C) | 0;
        r = (u + C) | 0;
      } else {
        a0 = x[p]!; a1 = x[(p + rs) | 0]!; a2 = x[(p + rs2) | 0]!;
        const u = (p + C) | 0;
        m0 = x[u]!; m1 = x[(u + rs) | 0]!; m2 = x[(u + rs2) | 0]!;
        r = (u + C) | 0;
      }
      for (let k = 0; k < nMid; k++) {
        const c0 = x[r]!; const c1 = x[(r + rs) | 0]!; const c2 = x[(r + rs2) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = m0; a1 = m1; a2 = m2; m0 = c0; m1 = c1; m2 = c2;
        o = (o + C) | 0;
        r = (r + C) | 0;
      }
      if (peelR) {
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4; s += a2 * w6; s += m2 * w7;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    }
    for (let e = 0; e < 2; e++) {
      // the border rows: e = 0 the top one (kernel rows 1–2), e = 1 the bottom one (kernel rows 0–1)
      if (e === 0 ? !top : !bottom) continue;
      const jb = e === 0 ? 0 : nRows - 1;
      const u0 = e === 0 ? w3 : w0, u1 = e === 0 ? w4 : w1, u2 = e === 0 ? w5 : w2;
      const u3 = e === 0 ? w6 : w3, u4 = e === 0 ? w7 : w4, u5 = e === 0 ? w8 : w5;
      const p = (p0 + jb * rs + (e === 0 ? rs : 0) + c) | 0; // left column, first input row in range
      let o = (o0 + jb * OR + c) | 0;
      let a0 = 0, a1 = 0, m0 = 0, m1 = 0;
      let r = 0;
      if (peelL) {
        const q = (p + C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!;
        const u = (q + C) | 0;
        m0 = x[u]!; m1 = x[(u + rs) | 0]!;
        let s = b;
        s += a0 * u1; s += m0 * u2; s += a1 * u4; s += m1 * u5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o = (o + C) | 0;
        r = (u + C) | 0;
      } else {
        a0 = x[p]!; a1 = x[(p + rs) | 0]!;
        const u = (p + C) | 0;
        m0 = x[u]!; m1 = x[(u + rs) | 0]!;
        r = (u + C) | 0;
      }
      for (let k = 0; k < nMid; k++) {
        const c0 = x[r]!; const c1 = x[(r + rs) | 0]!;
        let s = b;
        s += a0 * u0; s += m0 * u1; s += c0 * u2; s += a1 * u3; s += m1 * u4; s += c1 * u5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = m0; a1 = m1; m0 = c0; m1 = c1;
        o = (o + C) | 0;
        r = (r + C) | 0;
      }
      if (peelR) {
        let s = b;
        s += a0 * u0; s += m0 * u1; s += a1 * u3; s += m1 * u4;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    }
  }
}

/**
 * `nRows` output rows of a 3×3, M = 1, stride-2, dilation-1 depthwise conv, channel by channel.
 * Interior rows go two per pass: rows k and k + 1 read input rows 0–2 and 2–4 of their five, so
 * the shared row is loaded once for both; along the row the window slides by two columns, carrying
 * its right column (the next window's left). Border rows, pointers and peeled pixels as in
 * {@link band3x3S1F32} (rows of the band 2·rs apart in the input, `p0` at column owS·2 − padLeft).
 * {@link band3x3S2F64} is the float64-input twin.
 */
function band3x3S2F32(
  x: Float32Array, w: Float64Array, bias: Float64Array, loIn: number, hiIn: number, out: FloatArray,
  C: number, p0: number, rs: number, o0: number, OR: number, nRows: number, top: boolean, bottom: boolean,
  nMid: number, peelL: boolean, peelR: boolean,
): void {
  loHi[0] = loIn; loHi[1] = hiIn;
  const lo = loHi[0]!, hi = loHi[1]!; // unboxed float64: keeps the clamp below from boxing each result
  const rs2 = 2 * rs;
  const rs3 = 3 * rs;
  const rs4 = 4 * rs;
  const C2 = 2 * C;
  const jE = bottom ? nRows - 1 : nRows;
  for (let c = 0; c < C; c++) {
    const w0 = w[c]!;
    const w1 = w[C + c]!;
    const w2 = w[2 * C + c]!;
    const w3 = w[3 * C + c]!;
    const w4 = w[4 * C + c]!;
    const w5 = w[5 * C + c]!;
    const w6 = w[6 * C + c]!;
    const w7 = w[7 * C + c]!;
    const w8 = w[8 * C + c]!;
    const b = bias[c]!;
    let j = top ? 1 : 0;
    for (; j + 1 < jE; j += 2) {
      let r = (p0 + j * rs2 + C + c) | 0; // middle column of the current window, top row
      let o = (o0 + j * OR + c) | 0;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0;
      if (peelL) {
        const m0 = x[r]!, m1 = x[(r + rs) | 0]!, m2 = x[(r + rs2) | 0]!, m3 = x[(r + rs3) | 0]!, m4 = x[(r + rs4) | 0]!;
        const q = (r + C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!; a2 = x[(q + rs2) | 0]!; a3 = x[(q + rs3) | 0]!; a4 = x[(q + rs4) | 0]!;
        let s = b;
        s += m0 * w1; s += a0 * w2; s += m1 * w4; s += a1 * w5; s += m2 * w7; s += a2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += m2 * w1; t += a2 * w2; t += m3 * w4; t += a3 * w5; t += m4 * w7; t += a4 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      } else {
        const q = (r - C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!; a2 = x[(q + rs2) | 0]!; a3 = x[(q + rs3) | 0]!; a4 = x[(q + rs4) | 0]!;
      }
      for (let k = 0; k < nMid; k++) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!; const m2 = x[(r + rs2) | 0]!; const m3 = x[(r + rs3) | 0]!; const m4 = x[(r + rs4) | 0]!;
        const d = (r + C) | 0;
        const c0 = x[d]!; const c1 = x[(d + rs) | 0]!; const c2 = x[(d + rs2) | 0]!; const c3 = x[(d + rs3) | 0]!; const c4 = x[(d + rs4) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a2 * w0; t += m2 * w1; t += c2 * w2; t += a3 * w3; t += m3 * w4; t += c3 * w5; t += a4 * w6; t += m4 * w7; t += c4 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        a0 = c0; a1 = c1; a2 = c2; a3 = c3; a4 = c4;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      if (peelR) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!; const m2 = x[(r + rs2) | 0]!; const m3 = x[(r + rs3) | 0]!; const m4 = x[(r + rs4) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4; s += a2 * w6; s += m2 * w7;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a2 * w0; t += m2 * w1; t += a3 * w3; t += m3 * w4; t += a4 * w6; t += m4 * w7;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
      }
    }
    if (j < jE) {
      let r = (p0 + j * rs2 + C + c) | 0;
      let o = (o0 + j * OR + c) | 0;
      let a0 = 0, a1 = 0, a2 = 0;
      if (peelL) {
        const m0 = x[r]!, m1 = x[(r + rs) | 0]!, m2 = x[(r + rs2) | 0]!;
        const q = (r + C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!; a2 = x[(q + rs2) | 0]!;
        let s = b;
        s += m0 * w1; s += a0 * w2; s += m1 * w4; s += a1 * w5; s += m2 * w7; s += a2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      } else {
        const q = (r - C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!; a2 = x[(q + rs2) | 0]!;
      }
      for (let k = 0; k < nMid; k++) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!; const m2 = x[(r + rs2) | 0]!;
        const d = (r + C) | 0;
        const c0 = x[d]!; const c1 = x[(d + rs) | 0]!; const c2 = x[(d + rs2) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = c0; a1 = c1; a2 = c2;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      if (peelR) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!; const m2 = x[(r + rs2) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4; s += a2 * w6; s += m2 * w7;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    }
    for (let e = 0; e < 2; e++) {
      // the border rows: e = 0 the top one (kernel rows 1–2), e = 1 the bottom one (kernel rows 0–1)
      if (e === 0 ? !top : !bottom) continue;
      const jb = e === 0 ? 0 : nRows - 1;
      const u0 = e === 0 ? w3 : w0, u1 = e === 0 ? w4 : w1, u2 = e === 0 ? w5 : w2;
      const u3 = e === 0 ? w6 : w3, u4 = e === 0 ? w7 : w4, u5 = e === 0 ? w8 : w5;
      let r = (p0 + jb * rs2 + (e === 0 ? rs : 0) + C + c) | 0; // middle column, first input row in range
      let o = (o0 + jb * OR + c) | 0;
      let a0 = 0, a1 = 0;
      if (peelL) {
        const m0 = x[r]!, m1 = x[(r + rs) | 0]!;
        const q = (r + C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!;
        let s = b;
        s += m0 * u1; s += a0 * u2; s += m1 * u4; s += a1 * u5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      } else {
        const q = (r - C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!;
      }
      for (let k = 0; k < nMid; k++) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!;
        const d = (r + C) | 0;
        const c0 = x[d]!; const c1 = x[(d + rs) | 0]!;
        let s = b;
        s += a0 * u0; s += m0 * u1; s += c0 * u2; s += a1 * u3; s += m1 * u4; s += c1 * u5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = c0; a1 = c1;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      if (peelR) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!;
        let s = b;
        s += a0 * u0; s += m0 * u1; s += a1 * u3; s += m1 * u4;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    }
  }
}

/** {@link band3x3S1F32} for a Float64Array input. */
function band3x3S1F64(
  x: Float64Array, w: Float64Array, bias: Float64Array, loIn: number, hiIn: number, out: FloatArray,
  C: number, p0: number, rs: number, o0: number, OR: number, nRows: number, top: boolean, bottom: boolean,
  nMid: number, peelL: boolean, peelR: boolean,
): void {
  loHi[0] = loIn; loHi[1] = hiIn;
  const lo = loHi[0]!, hi = loHi[1]!; // unboxed float64: keeps the clamp below from boxing each result
  const rs2 = 2 * rs;
  const rs3 = 3 * rs;
  const jE = bottom ? nRows - 1 : nRows;
  for (let c = 0; c < C; c++) {
    const w0 = w[c]!;
    const w1 = w[C + c]!;
    const w2 = w[2 * C + c]!;
    const w3 = w[3 * C + c]!;
    const w4 = w[4 * C + c]!;
    const w5 = w[5 * C + c]!;
    const w6 = w[6 * C + c]!;
    const w7 = w[7 * C + c]!;
    const w8 = w[8 * C + c]!;
    const b = bias[c]!;
    let j = top ? 1 : 0;
    for (; j + 1 < jE; j += 2) {
      const p = (p0 + j * rs + c) | 0; // left column of the first window, top row
      let o = (o0 + j * OR + c) | 0;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
      let r = 0; // right column of the next window
      if (peelL) {
        const q = (p + C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!; a2 = x[(q + rs2) | 0]!; a3 = x[(q + rs3) | 0]!;
        const u = (q + C) | 0;
        m0 = x[u]!; m1 = x[(u + rs) | 0]!; m2 = x[(u + rs2) | 0]!; m3 = x[(u + rs3) | 0]!;
        let s = b;
        s += a0 * w1; s += m0 * w2; s += a1 * w4; s += m1 * w5; s += a2 * w7; s += m2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a1 * w1; t += m1 * w2; t += a2 * w4; t += m2 * w5; t += a3 * w7; t += m3 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        o = (o + C) | 0;
        r = (u + C) | 0;
      } else {
        a0 = x[p]!; a1 = x[(p + rs) | 0]!; a2 = x[(p + rs2) | 0]!; a3 = x[(p + rs3) | 0]!;
        const u = (p + C) | 0;
        m0 = x[u]!; m1 = x[(u + rs) | 0]!; m2 = x[(u + rs2) | 0]!; m3 = x[(u + rs3) | 0]!;
        r = (u + C) | 0;
      }
      for (let k = 0; k < nMid; k++) {
        const c0 = x[r]!; const c1 = x[(r + rs) | 0]!; const c2 = x[(r + rs2) | 0]!; const c3 = x[(r + rs3) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a1 * w0; t += m1 * w1; t += c1 * w2; t += a2 * w3; t += m2 * w4; t += c2 * w5; t += a3 * w6; t += m3 * w7; t += c3 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        a0 = m0; a1 = m1; a2 = m2; a3 = m3; m0 = c0; m1 = c1; m2 = c2; m3 = c3;
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
      }
    }
    if (j < jE) {
      const p = (p0 + j * rs + c) | 0;
      let o = (o0 + j * OR + c) | 0;
      let a0 = 0, a1 = 0, a2 = 0, m0 = 0, m1 = 0, m2 = 0;
      let r = 0;
      if (peelL) {
        const q = (p + C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!; a2 = x[(q + rs2) | 0]!;
        const u = (q + C) | 0;
        m0 = x[u]!; m1 = x[(u + rs) | 0]!; m2 = x[(u + rs2) | 0]!;
        let s = b;
        s += a0 * w1; s += m0 * w2; s += a1 * w4; s += m1 * w5; s += a2 * w7; s += m2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o = (o + C) | 0;
        r = (u + C) | 0;
      } else {
        a0 = x[p]!; a1 = x[(p + rs) | 0]!; a2 = x[(p + rs2) | 0]!;
        const u = (p + C) | 0;
        m0 = x[u]!; m1 = x[(u + rs) | 0]!; m2 = x[(u + rs2) | 0]!;
        r = (u + C) | 0;
      }
      for (let k = 0; k < nMid; k++) {
        const c0 = x[r]!; const c1 = x[(r + rs) | 0]!; const c2 = x[(r + rs2) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = m0; a1 = m1; a2 = m2; m0 = c0; m1 = c1; m2 = c2;
        o = (o + C) | 0;
        r = (r + C) | 0;
      }
      if (peelR) {
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4; s += a2 * w6; s += m2 * w7;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    }
    for (let e = 0; e < 2; e++) {
      // the border rows: e = 0 the top one (kernel rows 1–2), e = 1 the bottom one (kernel rows 0–1)
      if (e === 0 ? !top : !bottom) continue;
      const jb = e === 0 ? 0 : nRows - 1;
      const u0 = e === 0 ? w3 : w0, u1 = e === 0 ? w4 : w1, u2 = e === 0 ? w5 : w2;
      const u3 = e === 0 ? w6 : w3, u4 = e === 0 ? w7 : w4, u5 = e === 0 ? w8 : w5;
      const p = (p0 + jb * rs + (e === 0 ? rs : 0) + c) | 0; // left column, first input row in range
      let o = (o0 + jb * OR + c) | 0;
      let a0 = 0, a1 = 0, m0 = 0, m1 = 0;
      let r = 0;
      if (peelL) {
        const q = (p + C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!;
        const u = (q + C) | 0;
        m0 = x[u]!; m1 = x[(u + rs) | 0]!;
        let s = b;
        s += a0 * u1; s += m0 * u2; s += a1 * u4; s += m1 * u5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o = (o + C) | 0;
        r = (u + C) | 0;
      } else {
        a0 = x[p]!; a1 = x[(p + rs) | 0]!;
        const u = (p + C) | 0;
        m0 = x[u]!; m1 = x[(u + rs) | 0]!;
        r = (u + C) | 0;
      }
      for (let k = 0; k < nMid; k++) {
        const c0 = x[r]!; const c1 = x[(r + rs) | 0]!;
        let s = b;
        s += a0 * u0; s += m0 * u1; s += c0 * u2; s += a1 * u3; s += m1 * u4; s += c1 * u5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = m0; a1 = m1; m0 = c0; m1 = c1;
        o = (o + C) | 0;
        r = (r + C) | 0;
      }
      if (peelR) {
        let s = b;
        s += a0 * u0; s += m0 * u1; s += a1 * u3; s += m1 * u4;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    }
  }
}

/** {@link band3x3S2F32} for a Float64Array input. */
function band3x3S2F64(
  x: Float64Array, w: Float64Array, bias: Float64Array, loIn: number, hiIn: number, out: FloatArray,
  C: number, p0: number, rs: number, o0: number, OR: number, nRows: number, top: boolean, bottom: boolean,
  nMid: number, peelL: boolean, peelR: boolean,
): void {
  loHi[0] = loIn; loHi[1] = hiIn;
  const lo = loHi[0]!, hi = loHi[1]!; // unboxed float64: keeps the clamp below from boxing each result
  const rs2 = 2 * rs;
  const rs3 = 3 * rs;
  const rs4 = 4 * rs;
  const C2 = 2 * C;
  const jE = bottom ? nRows - 1 : nRows;
  for (let c = 0; c < C; c++) {
    const w0 = w[c]!;
    const w1 = w[C + c]!;
    const w2 = w[2 * C + c]!;
    const w3 = w[3 * C + c]!;
    const w4 = w[4 * C + c]!;
    const w5 = w[5 * C + c]!;
    const w6 = w[6 * C + c]!;
    const w7 = w[7 * C + c]!;
    const w8 = w[8 * C + c]!;
    const b = bias[c]!;
    let j = top ? 1 : 0;
    for (; j + 1 < jE; j += 2) {
      let r = (p0 + j * rs2 + C + c) | 0; // middle column of the current window, top row
      let o = (o0 + j * OR + c) | 0;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0;
      if (peelL) {
        const m0 = x[r]!, m1 = x[(r + rs) | 0]!, m2 = x[(r + rs2) | 0]!, m3 = x[(r + rs3) | 0]!, m4 = x[(r + rs4) | 0]!;
        const q = (r + C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!; a2 = x[(q + rs2) | 0]!; a3 = x[(q + rs3) | 0]!; a4 = x[(q + rs4) | 0]!;
        let s = b;
        s += m0 * w1; s += a0 * w2; s += m1 * w4; s += a1 * w5; s += m2 * w7; s += a2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += m2 * w1; t += a2 * w2; t += m3 * w4; t += a3 * w5; t += m4 * w7; t += a4 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      } else {
        const q = (r - C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!; a2 = x[(q + rs2) | 0]!; a3 = x[(q + rs3) | 0]!; a4 = x[(q + rs4) | 0]!;
      }
      for (let k = 0; k < nMid; k++) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!; const m2 = x[(r + rs2) | 0]!; const m3 = x[(r + rs3) | 0]!; const m4 = x[(r + rs4) | 0]!;
        const d = (r + C) | 0;
        const c0 = x[d]!; const c1 = x[(d + rs) | 0]!; const c2 = x[(d + rs2) | 0]!; const c3 = x[(d + rs3) | 0]!; const c4 = x[(d + rs4) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a2 * w0; t += m2 * w1; t += c2 * w2; t += a3 * w3; t += m3 * w4; t += c3 * w5; t += a4 * w6; t += m4 * w7; t += c4 * w8;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
        a0 = c0; a1 = c1; a2 = c2; a3 = c3; a4 = c4;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      if (peelR) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!; const m2 = x[(r + rs2) | 0]!; const m3 = x[(r + rs3) | 0]!; const m4 = x[(r + rs4) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4; s += a2 * w6; s += m2 * w7;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        let t = b;
        t += a2 * w0; t += m2 * w1; t += a3 * w3; t += m3 * w4; t += a4 * w6; t += m4 * w7;
        out[(o + OR) | 0] = t < lo ? lo : t > hi ? hi : t;
      }
    }
    if (j < jE) {
      let r = (p0 + j * rs2 + C + c) | 0;
      let o = (o0 + j * OR + c) | 0;
      let a0 = 0, a1 = 0, a2 = 0;
      if (peelL) {
        const m0 = x[r]!, m1 = x[(r + rs) | 0]!, m2 = x[(r + rs2) | 0]!;
        const q = (r + C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!; a2 = x[(q + rs2) | 0]!;
        let s = b;
        s += m0 * w1; s += a0 * w2; s += m1 * w4; s += a1 * w5; s += m2 * w7; s += a2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      } else {
        const q = (r - C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!; a2 = x[(q + rs2) | 0]!;
      }
      for (let k = 0; k < nMid; k++) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!; const m2 = x[(r + rs2) | 0]!;
        const d = (r + C) | 0;
        const c0 = x[d]!; const c1 = x[(d + rs) | 0]!; const c2 = x[(d + rs2) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += c0 * w2; s += a1 * w3; s += m1 * w4; s += c1 * w5; s += a2 * w6; s += m2 * w7; s += c2 * w8;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = c0; a1 = c1; a2 = c2;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      if (peelR) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!; const m2 = x[(r + rs2) | 0]!;
        let s = b;
        s += a0 * w0; s += m0 * w1; s += a1 * w3; s += m1 * w4; s += a2 * w6; s += m2 * w7;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    }
    for (let e = 0; e < 2; e++) {
      // the border rows: e = 0 the top one (kernel rows 1–2), e = 1 the bottom one (kernel rows 0–1)
      if (e === 0 ? !top : !bottom) continue;
      const jb = e === 0 ? 0 : nRows - 1;
      const u0 = e === 0 ? w3 : w0, u1 = e === 0 ? w4 : w1, u2 = e === 0 ? w5 : w2;
      const u3 = e === 0 ? w6 : w3, u4 = e === 0 ? w7 : w4, u5 = e === 0 ? w8 : w5;
      let r = (p0 + jb * rs2 + (e === 0 ? rs : 0) + C + c) | 0; // middle column, first input row in range
      let o = (o0 + jb * OR + c) | 0;
      let a0 = 0, a1 = 0;
      if (peelL) {
        const m0 = x[r]!, m1 = x[(r + rs) | 0]!;
        const q = (r + C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!;
        let s = b;
        s += m0 * u1; s += a0 * u2; s += m1 * u4; s += a1 * u5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      } else {
        const q = (r - C) | 0;
        a0 = x[q]!; a1 = x[(q + rs) | 0]!;
      }
      for (let k = 0; k < nMid; k++) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!;
        const d = (r + C) | 0;
        const c0 = x[d]!; const c1 = x[(d + rs) | 0]!;
        let s = b;
        s += a0 * u0; s += m0 * u1; s += c0 * u2; s += a1 * u3; s += m1 * u4; s += c1 * u5;
        out[o] = s < lo ? lo : s > hi ? hi : s;
        a0 = c0; a1 = c1;
        o = (o + C) | 0;
        r = (r + C2) | 0;
      }
      if (peelR) {
        const m0 = x[r]!; const m1 = x[(r + rs) | 0]!;
        let s = b;
        s += a0 * u0; s += m0 * u1; s += a1 * u3; s += m1 * u4;
        out[o] = s < lo ? lo : s > hi ? hi : s;
      }
    }
  }
}
