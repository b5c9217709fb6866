// Slow, obvious float64 / BigInt references for the quant kernels, written from the definitions
// (ONNX QuantizeLinear, PyTorch _calculate_qparams, gemmlowp fixedpoint.h, TFLite quantization_util.cc).

export type RoundingRef = 'half-even' | 'half-away' | 'half-up';

/** Round to the nearest integer with an explicit tie rule, from floor and the fractional part. */
export function roundRef(v: number, mode: RoundingRef): number {
  const f = Math.floor(v);
  const frac = v - f;
  if (frac < 0.5) return f;
  if (frac > 0.5) return f + 1;
  if (mode === 'half-up') return f + 1;
  if (mode === 'half-away') return v < 0 ? f : f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** q = clamp(round(x/scale) + zp, qmin, qmax), per channel along axis (channel of flat index i given). */
export function quantizeRef(
  x: ArrayLike<number>, scale: number[], zp: number[], qmin: number, qmax: number, mode: RoundingRef, channelOf: (i: number) => number = () => 0,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const c = channelOf(i);
    const s = scale[c]!;
    let q: number;
    if (s === 0) q = zp[c]!;
    else {
      const v = x[i]! / s;
      q = v === Infinity ? qmax : v === -Infinity ? qmin : roundRef(v, mode) + zp[c]!;
    }
    out.push(Math.min(qmax, Math.max(qmin, q)));
  }
  return out;
}

/** Channel index of flat index i of a row-major shape with the channel at `axis`. */
export function channelOfRef(shape: readonly number[], axis: number): (i: number) => number {
  let inner = 1;
  for (let k = axis + 1; k < shape.length; k++) inner *= shape[k]!;
  return (i) => Math.floor(i / inner) % shape[axis]!;
}

/** PyTorch _calculate_qparams in float32 arithmetic. */
export function qparamsRef(
  min: number, max: number, o: { dtype: 'int8' | 'uint8'; symmetric: boolean; qmin: number; qmax: number; eps: number },
): { scale: number; zeroPoint: number } {
  const f = Math.fround;
  const minNeg = f(Math.min(min, 0));
  const maxPos = f(Math.max(max, 0));
  if (o.symmetric) {
    const m = f(Math.max(-minNeg, maxPos));
    const scale = f(Math.max(f(m / f((o.qmax - o.qmin) / 2)), f(o.eps)));
    return { scale, zeroPoint: o.dtype === 'int8' ? 0 : 128 };
  }
  const scale = f(Math.max(f(f(maxPos - minNeg) / (o.qmax - o.qmin)), f(o.eps)));
  if (scale === 0) return { scale, zeroPoint: Math.min(Math.max(0, o.qmin), o.qmax) };
  const zp = o.qmin - roundRef(f(minNeg / scale), 'half-even');
  return { scale, zeroPoint: Math.min(o.qmax, Math.max(o.qmin, zp)) };
}

const I32_MIN = -(2n ** 31n);
const I32_MAX = 2n ** 31n - 1n;

/** gemmlowp SaturatingRoundingDoublingHighMul with BigInt. */
export function srdhmRef(a: number, b: number): number {
  if (BigInt(a) === I32_MIN && BigInt(b) === I32_MIN) return Number(I32_MAX);
  const ab = BigInt(a) * BigInt(b);
  const nudge = ab >= 0n ? 1n << 30n : 1n - (1n << 30n);
  return Number((ab + nudge) / (1n << 31n)); // BigInt division truncates like C
}

/** gemmlowp RoundingDivideByPOT with BigInt. */
export function rdbpotRef(x: number, e: number): number {
  const X = BigInt(x);
  const mask = (1n << BigInt(e)) - 1n;
  const rem = X & mask;
  const threshold = (mask >> 1n) + (X < 0n ? 1n : 0n);
  return Number((X >> BigInt(e)) + (rem > threshold ? 1n : 0n));
}

/** TFLite MultiplyByQuantizedMultiplier (double rounding) with BigInt; the left shift wraps as int32. */
export function mbqmRef(x: number, m: number, shift: number): number {
  const left = Math.max(shift, 0);
  const right = Math.max(-shift, 0);
  const shifted = Number(BigInt.asIntN(32, BigInt(x) << BigInt(left)));
  return rdbpotRef(srdhmRef(shifted, m), right);
}

/** TFLite QuantizeMultiplier: frexp by repeated halving/doubling, std::round half away. */
export function quantizeMultiplierRef(m: number): { multiplier: number; shift: number } {
  if (m === 0) return { multiplier: 0, shift: 0 };
  let q = Math.abs(m);
  let e = 0;
  while (q >= 1) {
    q /= 2;
    e++;
  }
  while (q < 0.5) {
    q *= 2;
    e--;
  }
  let fixed = Math.floor(q * 2 ** 31 + 0.5); // q·2^31 < 2^31 has ulp ≤ 2^-22, so +0.5 is exact
  if (m < 0) fixed = -fixed;
  if (fixed === 2 ** 31) {
    fixed /= 2;
    e++;
  }
  if (e < -31) return { multiplier: 0, shift: 0 };
  return { multiplier: fixed, shift: e };
}

/** (q − zp)·scale rounded to float32. */
export function dequantizeRef(q: ArrayLike<number>, scale: number[], zp: number[], channelOf: (i: number) => number = () => 0): number[] {
  const out: number[] = [];
  for (let i = 0; i < q.length; i++) out.push(Math.fround((q[i]! - zp[channelOf(i)]!) * scale[channelOf(i)]!));
  return out;
}
