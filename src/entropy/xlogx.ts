// The fused float64-accumulating loops behind entropy and crossEntropy (klDivergence: klSums.ts).
// Each walks [start, end) once and reads values through an Int32 view of their bits (fastLog.ts).
// The hot loops take two (float64) or four (float32) elements per iteration and contain no calls: a
// group holding a value that is not a positive normal float (zero, subnormal, negative, ±Infinity,
// NaN) is only counted there, and a second, cheap pass (`…Specials`) adds the exact terms of those
// groups and counts the values a caller must reject in `irregular`. (A Math.log call left in the hot loop, even untaken, halved
// its speed: measured with bench/entropy.bench.ts.)
import { C3, CHUNK, chunkSums, FLUSH_BLOCK } from './chunks.js';
import { fastLog, float32LogTables, float32TableLog, logTables } from './fastLog.js';
import type { Float32LogTables } from './fastLog.js';
import type { FloatArray } from '../core/types.js';

// Terms are summed in three plain levels. Float64 loops: two lanes of 128 terms per 256-term block,
// 256 block sums per 65536-term chunk, then the chunk sums; float32 and KL chunk loops (chunks.ts):
// four lanes of 256 terms per 1024-term block, 64 block sums per chunk. Same-sign error ≤
// (256 + 256 + n/65536)·ε relative: 1.2e-13 at n = 1e7. (Neumaier compensation per block cost a
// third of the speed here.)
const BLOCK = 256;
const LN2 = Math.LN2;
const MIN_NORMAL_F32 = 1.1754943508222875e-38;
const MIN_NORMAL_F64 = 2.2250738585072014e-308;
// float32 bit patterns of the positive normal floats: [MIN_NORMAL_BITS, MIN_NORMAL_BITS + NORMAL_SPAN)
const MIN_NORMAL_BITS = 0x00800000;
const NORMAL_SPAN = 0x7f000000;
const TWO_M20 = 9.5367431640625e-7; // 2^-20
const TWO_M52 = 2.220446049250313e-16; // 2^-52

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

/** Σ p and Σ p·ln p over a Float32Array (four elements per iteration). @internal */
export function sumXLogXF32(p: Float32Array, bits: Int32Array, start: number, end: number, out: XLogXSums): XLogXSums {
  const tables = float32LogTables();
  const end4 = end - ((end - start) & 3);
  let sAll = 0, tAll = 0, specials = 0;
  for (let c0 = start; c0 < end4; c0 += CHUNK) {
    tAll += (xLogXChunkF32 ??= makeXLogXChunkF32(tables))(p, bits, c0, Math.min(end4, c0 + CHUNK));
    sAll += chunkSums[0]!;
    specials += chunkSums[2]!;
  }
  for (let i = end4; i < end; i++) {
    // the last (end − start) mod 4 values, by the chunk loop's formula
    if ((bits[i]! - MIN_NORMAL_BITS) >>> 0 >= NORMAL_SPAN) specials++;
    else {
      const v = p[i]!;
      sAll += v;
      tAll += v * float32TableLog(v);
    }
  }
  out.sumP = sAll;
  out.sumTerm = tAll;
  out.irregular = 0;
  return specials === 0 ? out : xLogXSpecials(p, start, end, 4, out);
}

/** A chunk loop of entropy: Σ p·ln p over whole groups of four in [c0, c1) (see chunks.ts). */
type XLogXChunk = (p: Float32Array, bits: Int32Array, c0: number, c1: number) => number;

let xLogXChunkF32: XLogXChunk | undefined;

// The float32 entropy chunk loop, its tables captured as constants; a group of four holding a value
// that is not a positive normal float is skipped and counted.
function makeXLogXChunkF32(tables: Float32LogTables): XLogXChunk {
  const { lnHead, inverse } = tables;
  const minNormalBits = MIN_NORMAL_BITS;
  const normalSpan = NORMAL_SPAN;
  const c3 = C3;
  const blockMask = FLUSH_BLOCK - 1;
  return function xLogXChunk(p: Float32Array, bits: Int32Array, c0: number, c1: number): number {
    let sc = 0, tc = 0, specials = 0;
    let s0 = 0, s1 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    for (let i = c0; i < c1; i += 4) {
      if (((i - c0) & blockMask) === 0) {
        sc += s0 + s1;
        tc += (t0 + t1) + (t2 + t3);
        s0 = s1 = t0 = t1 = t2 = t3 = 0;
      }
      const w0 = bits[i]!;
      const w1 = bits[i + 1]!;
      const w2 = bits[i + 2]!;
      const w3 = bits[i + 3]!;
      if (
        (w0 - minNormalBits) >>> 0 >= normalSpan || (w1 - minNormalBits) >>> 0 >= normalSpan ||
        (w2 - minNormalBits) >>> 0 >= normalSpan || (w3 - minNormalBits) >>> 0 >= normalSpan
      ) { specials++; continue; }
      const h0 = w0 >>> 13;
      const h1 = w1 >>> 13;
      const h2 = w2 >>> 13;
      const h3 = w3 >>> 13;
      const v0 = p[i]!;
      const v1 = p[i + 1]!;
      const v2 = p[i + 2]!;
      const v3 = p[i + 3]!;
      const r0 = v0 * inverse[h0]! - 1;
      const r1 = v1 * inverse[h1]! - 1;
      const r2 = v2 * inverse[h2]! - 1;
      const r3 = v3 * inverse[h3]! - 1;
      const q0 = r0 * r0;
      const q1 = r1 * r1;
      const q2 = r2 * r2;
      const q3 = r3 * r3;
      s0 += v0 + v1;
      s1 += v2 + v3;
      t0 += v0 * (lnHead[h0]! + (r0 + q0 * ((-0.5 + r0 * c3) + q0 * (-0.25 + r0 * 0.2))));
      t1 += v1 * (lnHead[h1]! + (r1 + q1 * ((-0.5 + r1 * c3) + q1 * (-0.25 + r1 * 0.2))));
      t2 += v2 * (lnHead[h2]! + (r2 + q2 * ((-0.5 + r2 * c3) + q2 * (-0.25 + r2 * 0.2))));
      t3 += v3 * (lnHead[h3]! + (r3 + q3 * ((-0.5 + r3 * c3) + q3 * (-0.25 + r3 * 0.2))));
    }
    chunkSums[0] = sc + (s0 + s1);
    chunkSums[2] = specials;
    return tc + ((t0 + t1) + (t2 + t3));
  };
}

/** Σ p and Σ p·ln p over a Float64Array. @internal */
export function sumXLogXF64(p: Float64Array, bits: Int32Array, start: number, end: number, out: XLogXSums): XLogXSums {
  const { centre, inverse, logCentre } = logTables();
  let sAll = 0, tAll = 0, specials = 0;
  for (let c0 = start; c0 < end; c0 += CHUNK) {
    const c1 = Math.min(end, c0 + CHUNK);
    let sc = 0, tc = 0;
    for (let b0 = c0; b0 < c1; b0 += BLOCK) {
      const b1 = Math.min(c1, b0 + BLOCK);
      let s0 = 0, t0 = 0, s1 = 0, t1 = 0;
      let i = b0;
      for (; i + 1 < b1; i += 2) {
        const h0 = bits[2 * i + 1]!;
        const h1 = bits[2 * i + 3]!;
        const e0 = h0 >> 20;
        const e1 = h1 >> 20;
        if (e0 < 1 || e0 > 2046 || e1 < 1 || e1 > 2046) { specials++; continue; }
        const j0 = (h0 >>> 10) & 1023;
        const j1 = (h1 >>> 10) & 1023;
        const r0 = (1 + (h0 & 0xfffff) * TWO_M20 + (bits[2 * i]! >>> 0) * TWO_M52 - centre[j0]!) * inverse[j0]!;
        const r1 = (1 + (h1 & 0xfffff) * TWO_M20 + (bits[2 * i + 2]! >>> 0) * TWO_M52 - centre[j1]!) * inverse[j1]!;
        const q0 = r0 * r0;
        const q1 = r1 * r1;
        const v0 = p[i]!;
        const v1 = p[i + 1]!;
        s0 += v0;
        s1 += v1;
        t0 += v0 * ((e0 - 1023 + (j0 >> 9)) * LN2 + logCentre[j0]! + (r0 + q0 * ((-0.5 + r0 * C3) + q0 * (-0.25 + r0 * 0.2))));
        t1 += v1 * ((e1 - 1023 + (j1 >> 9)) * LN2 + logCentre[j1]! + (r1 + q1 * ((-0.5 + r1 * C3) + q1 * (-0.25 + r1 * 0.2))));
      }
      if (i < b1) {
        const h = bits[2 * i + 1]!;
        const e = h >> 20;
        if (e < 1 || e > 2046) specials++;
        else {
          const j = (h >>> 10) & 1023;
          const r = (1 + (h & 0xfffff) * TWO_M20 + (bits[2 * i]! >>> 0) * TWO_M52 - centre[j]!) * inverse[j]!;
          const q = r * r;
          const v = p[i]!;
          s0 += v;
          t0 += v * ((e - 1023 + (j >> 9)) * LN2 + logCentre[j]! + (r + q * ((-0.5 + r * C3) + q * (-0.25 + r * 0.2))));
        }
      }
      sc += s0 + s1;
      tc += t0 + t1;
    }
    sAll += sc;
    tAll += tc;
  }
  out.sumP = sAll;
  out.sumTerm = tAll;
  out.irregular = 0;
  return specials === 0 ? out : xLogXSpecials(p, start, end, 2, out);
}

// The groups the hot loop skipped (`group` consecutive values, one of them not a positive normal
// float) and the single values after the last whole group of a block: their terms are added with
// the logarithm the callers normalise with (float32TableLog for float32 input, fastLog for float64),
// so that a single symbol gives exactly 0 wherever it sits; zeros add nothing; negative, infinite
// and NaN values are counted as irregular.
// Groups start at multiples of `group` from `start` (BLOCK and CHUNK are multiples of 4), as in the
// hot loops, so only a range's last group can be partial.
function xLogXSpecials(p: FloatArray, start: number, end: number, group: number, out: XLogXSums): XLogXSums {
  const minNormal = p instanceof Float32Array ? MIN_NORMAL_F32 : MIN_NORMAL_F64;
  const ln = p instanceof Float32Array ? float32TableLog : fastLog;
  let s = 0, t = 0, irregular = 0;
  for (let g = start; g < end; g += group) {
    const whole = g + group <= end;
    let skipped = false;
    if (whole) {
      for (let i = g; i < g + group; i++) {
        const v = p[i]!;
        if (!(v >= minNormal && v < Infinity)) skipped = true;
      }
    }
    for (let i = g; i < Math.min(end, g + group); i++) {
      const v = p[i]!;
      if (!skipped && v >= minNormal && v < Infinity) continue;
      if (v > 0 && v < Infinity) { s += v; t += v * ln(v); }
      else if (!(v === 0)) irregular++;
    }
  }
  out.sumP += s;
  out.sumTerm += t;
  out.irregular = irregular;
  return out;
}

/**
 * Σ p, Σ q and Σ p·ln q over Float32Arrays, four elements per iteration (a term with p = 0 is 0; q = 0
 * where p > 0 gives −Infinity). The hot loop skips a group with a negative p or a q that is not a
 * positive normal float; a NaN or +Infinity p reaches the sums and is found from Σp afterwards (then
 * only `irregular` is meaningful: callers reject or drop those entries).
 * @internal
 */
export function sumXLogYF32(
  p: Float32Array, q: Float32Array, qBits: Int32Array, start: number, end: number, out: XLogXSums,
): XLogXSums {
  const tables = float32LogTables();
  const end4 = end - ((end - start) & 3);
  let pAll = 0, qAll = 0, tAll = 0, specials = 0;
  for (let c0 = start; c0 < end4; c0 += CHUNK) {
    tAll += (xLogYChunkF32 ??= makeXLogYChunkF32(tables))(p, q, qBits, c0, Math.min(end4, c0 + CHUNK));
    pAll += chunkSums[0]!;
    qAll += chunkSums[1]!;
    specials += chunkSums[2]!;
  }
  for (let i = end4; i < end; i++) {
    // the last (end − start) mod 4 pairs, by the chunk loop's formula
    const v = p[i]!;
    if (!(v >= 0 && v < Infinity) || (qBits[i]! - MIN_NORMAL_BITS) >>> 0 >= NORMAL_SPAN) specials++;
    else {
      const u = q[i]!;
      pAll += v;
      qAll += u;
      tAll += v * float32TableLog(u);
    }
  }
  out.sumP = pAll;
  out.sumQ = qAll;
  out.sumTerm = tAll;
  out.irregular = 0;
  if (!(pAll < Infinity)) return sumPair(p, q, start, end, out); // only its irregular count matters
  return specials === 0 ? out : xLogYSpecials(p, q, start, end, 4, out);
}

/** A chunk loop of crossEntropy: Σ p·ln q over whole groups of four in [c0, c1) (see chunks.ts). */
type XLogYChunk = (p: Float32Array, q: Float32Array, qBits: Int32Array, c0: number, c1: number) => number;

let xLogYChunkF32: XLogYChunk | undefined;

// The float32 crossEntropy chunk loop, its tables captured as constants.
function makeXLogYChunkF32(tables: Float32LogTables): XLogYChunk {
  const { lnHead, inverse } = tables;
  const minNormalBits = MIN_NORMAL_BITS;
  const normalSpan = NORMAL_SPAN;
  const c3 = C3;
  const blockMask = FLUSH_BLOCK - 1;
  return function xLogYChunk(p: Float32Array, q: Float32Array, qBits: Int32Array, c0: number, c1: number): number {
    let pc = 0, qc = 0, tc = 0, specials = 0;
    let p0 = 0, p1 = 0, u0 = 0, u1 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    for (let i = c0; i < c1; i += 4) {
      if (((i - c0) & blockMask) === 0) {
        pc += p0 + p1;
        qc += u0 + u1;
        tc += (t0 + t1) + (t2 + t3);
        p0 = p1 = u0 = u1 = t0 = t1 = t2 = t3 = 0;
      }
      const v0 = p[i]!;
      const v1 = p[i + 1]!;
      const v2 = p[i + 2]!;
      const v3 = p[i + 3]!;
      const w0 = qBits[i]!;
      const w1 = qBits[i + 1]!;
      const w2 = qBits[i + 2]!;
      const w3 = qBits[i + 3]!;
      if (
        v0 < 0 || v1 < 0 || v2 < 0 || v3 < 0 ||
        (w0 - minNormalBits) >>> 0 >= normalSpan || (w1 - minNormalBits) >>> 0 >= normalSpan ||
        (w2 - minNormalBits) >>> 0 >= normalSpan || (w3 - minNormalBits) >>> 0 >= normalSpan
      ) { specials++; continue; }
      const h0 = w0 >>> 13;
      const h1 = w1 >>> 13;
      const h2 = w2 >>> 13;
      const h3 = w3 >>> 13;
      const x0 = q[i]!;
      const x1 = q[i + 1]!;
      const x2 = q[i + 2]!;
      const x3 = q[i + 3]!;
      const r0 = x0 * inverse[h0]! - 1;
      const r1 = x1 * inverse[h1]! - 1;
      const r2 = x2 * inverse[h2]! - 1;
      const r3 = x3 * inverse[h3]! - 1;
      const q0 = r0 * r0;
      const q1 = r1 * r1;
      const q2 = r2 * r2;
      const q3 = r3 * r3;
      p0 += v0 + v1;
      p1 += v2 + v3;
      u0 += x0 + x1;
      u1 += x2 + x3;
      t0 += v0 * (lnHead[h0]! + (r0 + q0 * ((-0.5 + r0 * c3) + q0 * (-0.25 + r0 * 0.2))));
      t1 += v1 * (lnHead[h1]! + (r1 + q1 * ((-0.5 + r1 * c3) + q1 * (-0.25 + r1 * 0.2))));
      t2 += v2 * (lnHead[h2]! + (r2 + q2 * ((-0.5 + r2 * c3) + q2 * (-0.25 + r2 * 0.2))));
      t3 += v3 * (lnHead[h3]! + (r3 + q3 * ((-0.5 + r3 * c3) + q3 * (-0.25 + r3 * 0.2))));
    }
    chunkSums[0] = pc + (p0 + p1);
    chunkSums[1] = qc + (u0 + u1);
    chunkSums[2] = specials;
    return tc + ((t0 + t1) + (t2 + t3));
  };
}

/** Σ p, Σ q and Σ p·ln q over Float64Arrays (see {@link sumXLogYF32}). @internal */
export function sumXLogYF64(
  p: Float64Array, q: Float64Array, qBits: Int32Array, start: number, end: number, out: XLogXSums,
): XLogXSums {
  const { centre, inverse, logCentre } = logTables();
  let pAll = 0, qAll = 0, tAll = 0, specials = 0;
  for (let c0 = start; c0 < end; c0 += CHUNK) {
    const c1 = Math.min(end, c0 + CHUNK);
    let pc = 0, qc = 0, tc = 0;
    for (let b0 = c0; b0 < c1; b0 += BLOCK) {
      const b1 = Math.min(c1, b0 + BLOCK);
      let p0 = 0, p1 = 0, u0 = 0, u1 = 0, t0 = 0, t1 = 0;
      let i = b0;
      for (; i + 1 < b1; i += 2) {
        const v0 = p[i]!;
        const v1 = p[i + 1]!;
        const h0 = qBits[2 * i + 1]!;
        const h1 = qBits[2 * i + 3]!;
        const e0 = h0 >> 20;
        const e1 = h1 >> 20;
        if (!(v0 >= 0 && v0 < Infinity && v1 >= 0 && v1 < Infinity) || e0 < 1 || e0 > 2046 || e1 < 1 || e1 > 2046) { specials++; continue; }
        const j0 = (h0 >>> 10) & 1023;
        const j1 = (h1 >>> 10) & 1023;
        const r0 = (1 + (h0 & 0xfffff) * TWO_M20 + (qBits[2 * i]! >>> 0) * TWO_M52 - centre[j0]!) * inverse[j0]!;
        const r1 = (1 + (h1 & 0xfffff) * TWO_M20 + (qBits[2 * i + 2]! >>> 0) * TWO_M52 - centre[j1]!) * inverse[j1]!;
        const q0 = r0 * r0;
        const q1 = r1 * r1;
        p0 += v0;
        p1 += v1;
        u0 += q[i]!;
        u1 += q[i + 1]!;
        t0 += v0 * ((e0 - 1023 + (j0 >> 9)) * LN2 + logCentre[j0]! + (r0 + q0 * ((-0.5 + r0 * C3) + q0 * (-0.25 + r0 * 0.2))));
        t1 += v1 * ((e1 - 1023 + (j1 >> 9)) * LN2 + logCentre[j1]! + (r1 + q1 * ((-0.5 + r1 * C3) + q1 * (-0.25 + r1 * 0.2))));
      }
      if (i < b1) {
        const v = p[i]!;
        const h = qBits[2 * i + 1]!;
        const e = h >> 20;
        if (!(v >= 0 && v < Infinity) || e < 1 || e > 2046) specials++;
        else {
          const j = (h >>> 10) & 1023;
          const r = (1 + (h & 0xfffff) * TWO_M20 + (qBits[2 * i]! >>> 0) * TWO_M52 - centre[j]!) * inverse[j]!;
          const rr = r * r;
          p0 += v;
          u0 += q[i]!;
          t0 += v * ((e - 1023 + (j >> 9)) * LN2 + logCentre[j]! + (r + rr * ((-0.5 + r * C3) + rr * (-0.25 + r * 0.2))));
        }
      }
      pc += p0 + p1;
      qc += u0 + u1;
      tc += t0 + t1;
    }
    pAll += pc;
    qAll += qc;
    tAll += tc;
  }
  out.sumP = pAll;
  out.sumQ = qAll;
  out.sumTerm = tAll;
  out.irregular = 0;
  return specials === 0 ? out : xLogYSpecials(p, q, start, end, 2, out);
}

// Groups the hot loop skipped (p invalid, or q zero / subnormal / invalid in one of its `group`
// elements) and the single elements after a range's last whole group, added with the normalising
// logarithm (see xLogXSpecials); invalid values are counted as irregular. Groups start at multiples of `group` from `start`, as in the hot loops.
function xLogYSpecials(p: FloatArray, q: FloatArray, start: number, end: number, group: number, out: XLogXSums): XLogXSums {
  const minNormal = p instanceof Float32Array ? MIN_NORMAL_F32 : MIN_NORMAL_F64;
  const ln = q instanceof Float32Array ? float32TableLog : fastLog; // as the caller normalises (see xLogXSpecials)
  let sp = 0, sq = 0, t = 0, irregular = 0;
  for (let g = start; g < end; g += group) {
    const whole = g + group <= end;
    let skipped = false;
    if (whole) {
      for (let k = g; k < g + group; k++) {
        const v = p[k]!;
        const u = q[k]!;
        if (!(v >= 0 && v < Infinity && u >= minNormal && u < Infinity)) skipped = true;
      }
    }
    for (let k = g; k < Math.min(end, g + group); k++) {
      const v = p[k]!;
      const u = q[k]!;
      if (!skipped && v >= 0 && v < Infinity && u >= minNormal && u < Infinity) continue;
      if (!(v >= 0 && v < Infinity && u >= 0 && u < Infinity)) { irregular++; continue; }
      sp += v;
      sq += u;
      if (v !== 0) t += v * ln(u);
    }
  }
  out.sumP += sp;
  out.sumQ += sq;
  out.sumTerm += t;
  out.irregular = irregular;
  return out;
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
