import { checkInteger, checkNoOverlap, checkOptions, dispatcher, rangeError, typeError } from '../core/index.js';

/** Options of {@link multiplyByQuantizedMultiplier}. */
export interface MultiplyByQuantizedMultiplierOptions {
  /** Destination for Int32Array input: Int32Array of at least acc's length; returned as given. */
  out?: Int32Array;
}

const INT32_MIN = -2147483648;
const TWO31 = 2147483648;

const dispatch = /*#__PURE__*/ dispatcher('multiplyByQuantizedMultiplier', ['acc', 'multiplier', 'shift', 'options'], {
  'number, number, number, any': (x: number, m: number, s: number) => scalar(x, m, s),
  'Int32Array, number | Int32Array, number | Int32Array, any': (x: Int32Array, m: number | Int32Array, s: number | Int32Array, o: MultiplyByQuantizedMultiplierOptions) =>
    vector(x, m, s, o),
});

/**
 * Fixed-point requantization: round(acc · multiplier · 2^(shift − 31)), bit-exact with TFLite's
 * `MultiplyByQuantizedMultiplier` (gemmlowp double rounding).
 *
 * @remarks
 * `RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(acc · 2^max(shift, 0), multiplier), max(−shift, 0))`:
 * the high-mul rounds to nearest with ties toward +∞ (nudge 2^30 or 1 − 2^30, then C truncating
 * division) and saturates only INT32_MIN · INT32_MIN; the power-of-two division rounds half away
 * from zero. The left shift wraps
 * like TFLite's int32 multiply. The 64-bit product is formed from 16-bit limbs in float64, with no
 * BigInt. For an Int32Array `acc`, `multiplier` and `shift` are numbers (per-tensor) or Int32Arrays
 * of C entries applied to element i as channel i mod C (NHWC, channel innermost).
 *
 * @param acc - int32 accumulator(s): a number or an Int32Array
 * @param multiplier - Q31 multiplier(s) from {@link quantizeMultiplier} (int32)
 * @param shift - exponent(s) in [−31, 31]
 * @param options - {@link MultiplyByQuantizedMultiplierOptions}
 * @returns the requantized int32 value, or an Int32Array
 * @throws TypeError for wrong argument types
 * @throws RangeError for values that are not int32, a shift outside [−31, 31], channel arrays whose
 * length does not divide acc's, or a short/overlapping `out`
 *
 * @example
 * ```ts
 * const { multiplier, shift } = quantizeMultiplier(0.0023);
 * multiplyByQuantizedMultiplier(10000, multiplier, shift); // 23
 * multiplyByQuantizedMultiplier(new Int32Array([217, -217]), 1073741824, -3); // Int32Array [14, -14]
 * ```
 */
export function multiplyByQuantizedMultiplier(acc: number, multiplier: number, shift: number): number;
export function multiplyByQuantizedMultiplier(
  acc: Int32Array, multiplier: number | Int32Array, shift: number | Int32Array, options?: MultiplyByQuantizedMultiplierOptions,
): Int32Array;
export function multiplyByQuantizedMultiplier(
  acc: number | Int32Array, multiplier: number | Int32Array, shift: number | Int32Array, options: MultiplyByQuantizedMultiplierOptions = {},
): number | Int32Array {
  return dispatch(acc, multiplier, shift, checkOptions('multiplyByQuantizedMultiplier', options)) as number | Int32Array;
}

const FN = 'multiplyByQuantizedMultiplier';

function scalar(x: number, m: number, s: number): number {
  checkInteger(FN, 'acc', x, INT32_MIN, 2147483647);
  checkInteger(FN, 'multiplier', m, INT32_MIN, 2147483647);
  checkInteger(FN, 'shift', s, -31, 31);
  return multiplyByQuantizedMultiplierImpl(x, m, s);
}

function vector(x: Int32Array, m: number | Int32Array, s: number | Int32Array, o: MultiplyByQuantizedMultiplierOptions): Int32Array {
  const n = x.length;
  let out: Int32Array;
  if (o.out === undefined) out = new Int32Array(n);
  else {
    if (!(o.out instanceof Int32Array)) typeError(FN, `out must be an Int32Array (got ${typeof o.out === 'object' && o.out !== null ? (o.out as object).constructor.name : typeof o.out})`);
    if (o.out.length < n) rangeError(FN, `out has length ${o.out.length}, needs ${n}`);
    out = o.out;
    checkNoOverlap(FN, 'out', out, 'acc', x);
  }
  let channels = 1;
  if (typeof m !== 'number' || typeof s !== 'number') {
    channels = typeof m !== 'number' ? m.length : (s as Int32Array).length;
    if (typeof m !== 'number' && typeof s !== 'number' && m.length !== s.length) rangeError(FN, `multiplier and shift differ in length (${m.length} vs ${s.length})`);
    if (channels === 0 || n % channels !== 0) rangeError(FN, `acc length ${n} is not a multiple of the ${channels} channels of multiplier/shift`);
  }
  const mult = typeof m === 'number' ? Int32Array.of(checkInteger(FN, 'multiplier', m, INT32_MIN, 2147483647)) : m;
  const sh = new Int32Array(channels);
  for (let c = 0; c < channels; c++) {
    const v = typeof s === 'number' ? s : s[c]!;
    checkInteger(FN, typeof s === 'number' ? 'shift' : `shift[${c}]`, v, -31, 31);
    sh[c] = v;
  }
  const mm = new Int32Array(channels);
  for (let c = 0; c < channels; c++) mm[c] = typeof m === 'number' ? mult[0]! : mult[c]!;
  return multiplyByQuantizedMultiplierArrayImpl(n, x, channels, mm, sh, out);
}

/**
 * gemmlowp SaturatingRoundingDoublingHighMul of two int32: (a·b + nudge) / 2^31 truncated, nudge = 2^30
 * or 1 − 2^30; INT32_MIN·INT32_MIN gives INT32_MAX. Exact in float64 when |a·b| < 2^53, else the
 * 64-bit product is assembled from 16-bit limbs; no BigInt.
 * @internal
 */
export function saturatingRoundingDoublingHighMul(a: number, b: number): number {
  const ab = a * b;
  if (ab < 9007199254740992 && ab > -9007199254740992) {
    // |a·b| < 2^53: the double product, the nudge and the division by 2^31 are exact
    return ((ab + (ab >= 0 ? 1073741824 : -1073741823)) / TWO31) | 0; // | 0 truncates (and drops −0)
  }
  if (a === INT32_MIN && b === INT32_MIN) return 2147483647;
  const bh = b >> 16; // signed high half
  const bl = b & 0xffff; // unsigned low half
  const hi = a * bh; // |hi| ≤ 2^46, exact
  const lo = a * bl; // |lo| < 2^47, exact; a·b = hi·2^16 + lo
  const hq = Math.floor(hi / 32768); // hi = hq·2^15 + hr, 0 ≤ hr < 2^15
  const hr = hi - hq * 32768;
  const negative = hi * 65536 + lo < 0; // the sign survives rounding
  const r = hr * 65536 + lo + (negative ? -1073741823 : 1073741824); // |r| < 2^48, exact
  const rq = Math.floor(r / TWO31);
  // floor((a·b + nudge)/2^31) = hq + rq; C division truncates toward zero
  return hq + rq + (negative && rq * TWO31 !== r ? 1 : 0);
}

/** gemmlowp RoundingDivideByPOT: x / 2^e rounded half away from zero, e ∈ [0, 31]. @internal */
export function roundingDivideByPOT(x: number, e: number): number {
  const mask = e === 31 ? 0x7fffffff : (1 << e) - 1;
  const rem = x & mask;
  const threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (e === 0 ? x : x >> e) + (rem > threshold ? 1 : 0);
}

/** TFLite MultiplyByQuantizedMultiplier (double rounding) of int32 x, unchecked shift ∈ [−31, 31]. @internal */
export function multiplyByQuantizedMultiplierImpl(x: number, multiplier: number, shift: number): number {
  const left = shift > 0 ? shift : 0;
  const right = shift > 0 ? 0 : -shift;
  const xs = left === 0 ? x : Math.imul(x, 1 << left);
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(xs, multiplier), right);
}

/**
 * Unchecked array requantization: out[i] = MBQM(x[i], multiplier[i mod C], shift[i mod C]).
 * @internal
 */
export function multiplyByQuantizedMultiplierArrayImpl(
  n: number, x: Int32Array, channels: number, multiplier: Int32Array, shift: Int32Array, out: Int32Array,
): Int32Array {
  if (channels === 1) {
    const m = multiplier[0]!;
    const s = shift[0]!;
    for (let i = 0; i < n; i++) out[i] = multiplyByQuantizedMultiplierImpl(x[i]!, m, s);
    return out;
  }
  for (let i = 0; i < n; i += channels) {
    for (let c = 0; c < channels; c++) out[i + c] = multiplyByQuantizedMultiplierImpl(x[i + c]!, multiplier[c]!, shift[c]!);
  }
  return out;
}
