// The fused float64-accumulating loops behind entropy, crossEntropy and klDivergence.
// Each walks [start, end) once, reads values through an Int32 view of their bits (fastLog.ts),
// sums 256-term blocks plainly and adds the block sums with Neumaier compensation.
// The hot loops contain no calls: a value that is not a positive normal float (zero, subnormal,
// negative, ±Infinity, NaN) is only counted there, and a second, cheap pass (`…Specials`) adds
// the exact terms of those values and counts the ones a caller must reject in `irregular`.
// (A Math.log call left in the hot loop, even untaken, halved its speed: measured in bench/.)
import { logTables } from './fastLog.js';
import type { FloatArray } from '../core/types.js';

const BLOCK = 256;
const LN2 = Math.LN2;
const TWO_M23 = 1.1920928955078125e-7; // 2^-23
const TWO_M20 = 9.5367431640625e-7; // 2^-20
const TWO_M52 = 2.220446049250313e-16; // 2^-52
// log1p(r) for |r| ≤ 2^-10: degree-5 Taylor coefficients (see fastLog.ts)
const C3 = 0.3333333333333333;

/** Results of the fused loops: sums and the count of values that are not finite and ≥ 0. @internal */
export interface XLogXSums {
  /** Σ p */
  sumP: number;
  /** Σ q (crossEntropy and the KL sums pass) */
  sumQ: number;
  /** Σ p·ln p (entropy) or Σ p·ln q (crossEntropy) */
  sumTerm: number;
  /** entries that are negative, NaN or ±Infinity */
  irregular: number;
}

/** A zeroed {@link XLogXSums}. @internal */
export function xLogXSums(): XLogXSums {
  return { sumP: 0, sumQ: 0, sumTerm: 0, irregular: 0 };
}

/** Σ p and Σ p·ln p over a Float32Array. @internal */
export function sumXLogXF32(p: Float32Array, bits: Int32Array, start: number, end: number, out: XLogXSums): XLogXSums {
  const { centre, inverse, logCentre } = logTables();
  let sHi = 0, sLo = 0, tHi = 0, tLo = 0, specials = 0;
  for (let b0 = start; b0 < end; b0 += BLOCK) {
    const b1 = Math.min(end, b0 + BLOCK);
    let s = 0, t = 0;
    for (let i = b0; i < b1; i++) {
      const w = bits[i]!;
      const ex = w >> 23;
      if (ex < 1 || ex > 254) { specials++; continue; }
      const idx = (w >>> 13) & 1023;
      const r = (1 + (w & 0x7fffff) * TWO_M23 - centre[idx]!) * inverse[idx]!;
      const lg = (ex - 127 + (idx >> 9)) * LN2 + logCentre[idx]! + r * (1 + r * (-0.5 + r * (C3 + r * (-0.25 + r * 0.2))));
      const v = p[i]!;
      s += v;
      t += v * lg;
    }
    let u = sHi + s;
    sLo += Math.abs(sHi) >= Math.abs(s) ? sHi - u + s : s - u + sHi;
    sHi = u;
    u = tHi + t;
    tLo += Math.abs(tHi) >= Math.abs(t) ? tHi - u + t : t - u + tHi;
    tHi = u;
  }
  out.sumP = finish(sHi, sLo);
  out.sumTerm = finish(tHi, tLo);
  out.irregular = 0;
  return specials === 0 ? out : xLogXSpecials(p, start, end, out);
}

/** Σ p and Σ p·ln p over a Float64Array. @internal */
export function sumXLogXF64(p: Float64Array, bits: Int32Array, start: number, end: number, out: XLogXSums): XLogXSums {
  const { centre, inverse, logCentre } = logTables();
  let sHi = 0, sLo = 0, tHi = 0, tLo = 0, specials = 0;
  for (let b0 = start; b0 < end; b0 += BLOCK) {
    const b1 = Math.min(end, b0 + BLOCK);
    let s = 0, t = 0;
    for (let i = b0; i < b1; i++) {
      const hi = bits[2 * i + 1]!;
      const ex = hi >> 20;
      if (ex < 1 || ex > 2046) { specials++; continue; }
      const idx = (hi >>> 10) & 1023;
      const r = (1 + (hi & 0xfffff) * TWO_M20 + (bits[2 * i]! >>> 0) * TWO_M52 - centre[idx]!) * inverse[idx]!;
      const lg = (ex - 1023 + (idx >> 9)) * LN2 + logCentre[idx]! + r * (1 + r * (-0.5 + r * (C3 + r * (-0.25 + r * 0.2))));
      const v = p[i]!;
      s += v;
      t += v * lg;
    }
    let u = sHi + s;
    sLo += Math.abs(sHi) >= Math.abs(s) ? sHi - u + s : s - u + sHi;
    sHi = u;
    u = tHi + t;
    tLo += Math.abs(tHi) >= Math.abs(t) ? tHi - u + t : t - u + tHi;
    tHi = u;
  }
  out.sumP = finish(sHi, sLo);
  out.sumTerm = finish(tHi, tLo);
  out.irregular = 0;
  return specials === 0 ? out : xLogXSpecials(p, start, end, out);
}

// The values the hot loop skipped: zeros add nothing, subnormals add their exact terms,
// negative / infinite / NaN values are counted as irregular.
function xLogXSpecials(p: FloatArray, start: number, end: number, out: XLogXSums): XLogXSums {
  const minNormal = p instanceof Float32Array ? 1.1754943508222875e-38 : 2.2250738585072014e-308;
  let s = 0, t = 0, irregular = 0;
  for (let i = start; i < end; i++) {
    const v = p[i]!;
    if (v > 0 && v < minNormal) { s += v; t += v * Math.log(v); }
    else if (!(v >= 0 && v < Infinity)) irregular++;
  }
  out.sumP += s;
  out.sumTerm += t;
  out.irregular = irregular;
  return out;
}

/** Σ p, Σ q and Σ p·ln q over Float32Arrays (a term with p = 0 is 0; q = 0 where p > 0 gives −Infinity). @internal */
export function sumXLogYF32(
  p: Float32Array, q: Float32Array, qBits: Int32Array, start: number, end: number, out: XLogXSums,
): XLogXSums {
  const { centre, inverse, logCentre } = logTables();
  let pHi = 0, pLo = 0, qHi = 0, qLo = 0, tHi = 0, tLo = 0, specials = 0;
  for (let b0 = start; b0 < end; b0 += BLOCK) {
    const b1 = Math.min(end, b0 + BLOCK);
    let sp = 0, sq = 0, t = 0;
    for (let i = b0; i < b1; i++) {
      const v = p[i]!;
      const w = qBits[i]!;
      const ex = w >> 23;
      if (!(v >= 0 && v < Infinity) || ex < 1 || ex > 254) { specials++; continue; }
      const idx = (w >>> 13) & 1023;
      const r = (1 + (w & 0x7fffff) * TWO_M23 - centre[idx]!) * inverse[idx]!;
      const lg = (ex - 127 + (idx >> 9)) * LN2 + logCentre[idx]! + r * (1 + r * (-0.5 + r * (C3 + r * (-0.25 + r * 0.2))));
      sp += v;
      sq += q[i]!;
      t += v * lg;
    }
    let u = pHi + sp;
    pLo += Math.abs(pHi) >= Math.abs(sp) ? pHi - u + sp : sp - u + pHi;
    pHi = u;
    u = qHi + sq;
    qLo += Math.abs(qHi) >= Math.abs(sq) ? qHi - u + sq : sq - u + qHi;
    qHi = u;
    u = tHi + t;
    tLo += Math.abs(tHi) >= Math.abs(t) ? tHi - u + t : t - u + tHi;
    tHi = u;
  }
  out.sumP = finish(pHi, pLo);
  out.sumQ = finish(qHi, qLo);
  out.sumTerm = finish(tHi, tLo);
  out.irregular = 0;
  return specials === 0 ? out : xLogYSpecials(p, q, start, end, out);
}

/** Σ p, Σ q and Σ p·ln q over Float64Arrays (see {@link sumXLogYF32}). @internal */
export function sumXLogYF64(
  p: Float64Array, q: Float64Array, qBits: Int32Array, start: number, end: number, out: XLogXSums,
): XLogXSums {
  const { centre, inverse, logCentre } = logTables();
  let pHi = 0, pLo = 0, qHi = 0, qLo = 0, tHi = 0, tLo = 0, specials = 0;
  for (let b0 = start; b0 < end; b0 += BLOCK) {
    const b1 = Math.min(end, b0 + BLOCK);
    let sp = 0, sq = 0, t = 0;
    for (let i = b0; i < b1; i++) {
      const v = p[i]!;
      const hi = qBits[2 * i + 1]!;
      const ex = hi >> 20;
      if (!(v >= 0 && v < Infinity) || ex < 1 || ex > 2046) { specials++; continue; }
      const idx = (hi >>> 10) & 1023;
      const r = (1 + (hi & 0xfffff) * TWO_M20 + (qBits[2 * i]! >>> 0) * TWO_M52 - centre[idx]!) * inverse[idx]!;
      const lg = (ex - 1023 + (idx >> 9)) * LN2 + logCentre[idx]! + r * (1 + r * (-0.5 + r * (C3 + r * (-0.25 + r * 0.2))));
      sp += v;
      sq += q[i]!;
      t += v * lg;
    }
    let u = pHi + sp;
    pLo += Math.abs(pHi) >= Math.abs(sp) ? pHi - u + sp : sp - u + pHi;
    pHi = u;
    u = qHi + sq;
    qLo += Math.abs(qHi) >= Math.abs(sq) ? qHi - u + sq : sq - u + qHi;
    qHi = u;
    u = tHi + t;
    tLo += Math.abs(tHi) >= Math.abs(t) ? tHi - u + t : t - u + tHi;
    tHi = u;
  }
  out.sumP = finish(pHi, pLo);
  out.sumQ = finish(qHi, qLo);
  out.sumTerm = finish(tHi, tLo);
  out.irregular = 0;
  return specials === 0 ? out : xLogYSpecials(p, q, start, end, out);
}

// Pairs the hot loop skipped: p invalid, or q zero / subnormal / invalid.
function xLogYSpecials(p: FloatArray, q: FloatArray, start: number, end: number, out: XLogXSums): XLogXSums {
  const minNormal = p instanceof Float32Array ? 1.1754943508222875e-38 : 2.2250738585072014e-308;
  let sp = 0, sq = 0, t = 0, irregular = 0;
  for (let i = start; i < end; i++) {
    const v = p[i]!;
    const u = q[i]!;
    const valid = v >= 0 && v < Infinity && u >= 0 && u < Infinity;
    if (!valid) { irregular++; continue; }
    if (u >= minNormal) continue;
    sp += v;
    sq += u;
    if (v !== 0) t += v * Math.log(u);
  }
  out.sumP += sp;
  out.sumQ += sq;
  out.sumTerm += t;
  out.irregular = irregular;
  return out;
}

/**
 * Σ p·ln(k·p/q) over [start, end): the KL sum with the normalisation ratio k = Σq/Σp folded into
 * each term, so that proportional p and q give exactly 0. A term with p = 0 is 0; q = 0 where
 * p > 0 gives +Infinity. Inputs must already be checked (finite, ≥ 0).
 * @internal
 */
export function sumXLogRatio(p: FloatArray, q: FloatArray, k: number, start: number, end: number): number {
  return p instanceof Float32Array ? sumXLogRatioF32(p, q as Float32Array, k, start, end) : sumXLogRatioF64(p, q as Float64Array, k, start, end);
}

const scratchF64 = /*#__PURE__*/ new Float64Array(1);
const scratchI32 = /*#__PURE__*/ new Int32Array(scratchF64.buffer);

function sumXLogRatioF32(p: Float32Array, q: Float32Array, k: number, start: number, end: number): number {
  const { centre, inverse, logCentre } = logTables();
  const f64 = scratchF64;
  const i32 = scratchI32;
  let hi = 0, lo = 0, specials = 0;
  for (let b0 = start; b0 < end; b0 += BLOCK) {
    const b1 = Math.min(end, b0 + BLOCK);
    let t = 0;
    for (let i = b0; i < b1; i++) {
      const v = p[i]!;
      if (v === 0) continue;
      f64[0] = (k * v) / q[i]!;
      const h = i32[1]!;
      const ex = h >> 20;
      if (ex < 1 || ex > 2046) { specials++; continue; }
      const idx = (h >>> 10) & 1023;
      const r = (1 + (h & 0xfffff) * TWO_M20 + (i32[0]! >>> 0) * TWO_M52 - centre[idx]!) * inverse[idx]!;
      t += v * ((ex - 1023 + (idx >> 9)) * LN2 + logCentre[idx]! + r * (1 + r * (-0.5 + r * (C3 + r * (-0.25 + r * 0.2)))));
    }
    const u = hi + t;
    lo += Math.abs(hi) >= Math.abs(t) ? hi - u + t : t - u + hi;
    hi = u;
  }
  const sum = finish(hi, lo);
  return specials === 0 ? sum : sum + xLogRatioSpecials(p, q, k, start, end);
}

function sumXLogRatioF64(p: Float64Array, q: Float64Array, k: number, start: number, end: number): number {
  const { centre, inverse, logCentre } = logTables();
  const f64 = scratchF64;
  const i32 = scratchI32;
  let hi = 0, lo = 0, specials = 0;
  for (let b0 = start; b0 < end; b0 += BLOCK) {
    const b1 = Math.min(end, b0 + BLOCK);
    let t = 0;
    for (let i = b0; i < b1; i++) {
      const v = p[i]!;
      if (v === 0) continue;
      f64[0] = (k * v) / q[i]!;
      const h = i32[1]!;
      const ex = h >> 20;
      if (ex < 1 || ex > 2046) { specials++; continue; }
      const idx = (h >>> 10) & 1023;
      const r = (1 + (h & 0xfffff) * TWO_M20 + (i32[0]! >>> 0) * TWO_M52 - centre[idx]!) * inverse[idx]!;
      t += v * ((ex - 1023 + (idx >> 9)) * LN2 + logCentre[idx]! + r * (1 + r * (-0.5 + r * (C3 + r * (-0.25 + r * 0.2)))));
    }
    const u = hi + t;
    lo += Math.abs(hi) >= Math.abs(t) ? hi - u + t : t - u + hi;
    hi = u;
  }
  const sum = finish(hi, lo);
  return specials === 0 ? sum : sum + xLogRatioSpecials(p, q, k, start, end);
}

// Terms whose ratio k·p/q is 0, subnormal or infinite: q = 0 gives +Infinity, the others are
// computed as ln k + ln p − ln q so that under- and overflow of the quotient do not matter.
function xLogRatioSpecials(p: FloatArray, q: FloatArray, k: number, start: number, end: number): number {
  let t = 0;
  for (let i = start; i < end; i++) {
    const v = p[i]!;
    if (v === 0) continue;
    const u = q[i]!;
    const x = (k * v) / u;
    if (x >= 2.2250738585072014e-308 && x < Infinity) continue;
    t += u === 0 ? Infinity : v * (Math.log(k) + Math.log(v) - Math.log(u));
  }
  return t;
}

/** Σ p and Σ q with the count of entries that are not finite and ≥ 0 (in `irregular`). @internal */
export function sumPair(p: FloatArray, q: FloatArray, start: number, end: number, out: XLogXSums): XLogXSums {
  let pHi = 0, pLo = 0, qHi = 0, qLo = 0, irregular = 0;
  for (let b0 = start; b0 < end; b0 += BLOCK) {
    const b1 = Math.min(end, b0 + BLOCK);
    let sp = 0, sq = 0;
    for (let i = b0; i < b1; i++) {
      const v = p[i]!;
      const u = q[i]!;
      if (!(v >= 0 && v < Infinity && u >= 0 && u < Infinity)) { irregular++; continue; }
      sp += v;
      sq += u;
    }
    let u = pHi + sp;
    pLo += Math.abs(pHi) >= Math.abs(sp) ? pHi - u + sp : sp - u + pHi;
    pHi = u;
    u = qHi + sq;
    qLo += Math.abs(qHi) >= Math.abs(sq) ? qHi - u + sq : sq - u + qHi;
    qHi = u;
  }
  out.sumP = finish(pHi, pLo);
  out.sumQ = finish(qHi, qLo);
  out.sumTerm = 0;
  out.irregular = irregular;
  return out;
}

// hi + lo, except that an infinite hi stays infinite (its Neumaier correction is NaN).
function finish(hi: number, lo: number): number {
  return hi - hi === 0 ? hi + lo : hi;
}
