// IEEE 754 binary16 from the definition, slow and obvious: the oracle of test/compress/float16.test.ts.
// Value: (−1)^s · 2^(e−15) · (1 + m/1024) for 1 ≤ e ≤ 30, (−1)^s · 2^−14 · m/1024 for e = 0,
// ±∞ / NaN for e = 31. Rounding: the nearest of the two neighbouring halves, ties to the one with an
// even bit pattern (even mantissa), found by binary search over the (monotone) positive patterns, with
// 2^16 standing for +∞ as the neighbour above 65504 (IEEE: overflow after rounding to an unbounded exponent).

/** Value of a half bit pattern. */
export function halfValueRef(bits: number): number {
  const s = bits >= 0x8000 ? -1 : 1;
  const e = Math.floor(bits / 1024) % 32;
  const m = bits % 1024;
  if (e === 31) return m === 0 ? s * Infinity : NaN;
  if (e === 0) return s * Math.pow(2, -14) * (m / 1024);
  return s * Math.pow(2, e - 15) * (1 + m / 1024);
}

/** The magnitude pattern p in [0, 0x7c00] stands for halfValueRef(p), with 0x7c00 as 2^16 for rounding. */
function magnitude(p: number): number {
  return p === 0x7c00 ? 65536 : halfValueRef(p);
}

/** Nearest half bit pattern to x, ties to even; NaN → 0x7e00. */
export function floatToHalfRef(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= 65536) return sign + 0x7c00;
  // largest p in [0, 0x7bff] with magnitude(p) ≤ a
  let lo = 0;
  let hi = 0x7c00; // magnitude(hi) > a
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (magnitude(mid) <= a) lo = mid;
    else hi = mid;
  }
  const below = a - magnitude(lo);
  const above = magnitude(hi) - a;
  let p: number;
  if (below < above) p = lo;
  else if (above < below) p = hi;
  else p = lo % 2 === 0 ? lo : hi;
  return sign + p;
}
