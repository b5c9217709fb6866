import { checkOptions, dispatcher, rangeError, typeError } from '../core/index.js';

/** A real multiplier as a Q31 fixed-point multiplier and a power-of-two exponent: M ≈ multiplier · 2^(shift − 31). */
export interface QuantizedMultiplier<T = number> {
  /** Q31 mantissa in [2^30, 2^31) (or 0; negative for a negative multiplier) */
  multiplier: T;
  /** power-of-two exponent: positive shifts left, negative shifts right */
  shift: T;
}

const dispatch = /*#__PURE__*/ dispatcher('quantizeMultiplier', ['real'], {
  number: (m: number) => one(m),
  'Float32Array | Float64Array | Array': (m: ArrayLike<number>) => many(m),
});

/**
 * Splits a real multiplier into TFLite's fixed-point form: M = multiplier · 2^(shift − 31).
 *
 * @remarks
 * TFLite `QuantizeMultiplier` (quantization_util.cc), bit for bit: M = 0 gives (0, 0);
 * `q = frexp(M)` ∈ [0.5, 1); `multiplier = round(q · 2^31)` (half away from zero); when that rounds
 * to 2^31 it is halved and the shift grows by one (a negative M keeps −2^31, as TFLite); a shift below −31 flushes to (0, 0) (|M| < 2^−32).
 * Per-channel: an array of multipliers gives Int32Array multipliers and shifts, as TFLite's
 * per-channel conv prepare does with `in_scale · w_scale[c] / out_scale`.
 *
 * @param real - the multiplier (any finite number), or one per channel
 * @returns `{ multiplier, shift }` (numbers, or Int32Arrays for an array input)
 * @throws TypeError for a non-numeric argument
 * @throws RangeError for NaN, ±Infinity, or |real| ≥ 2^31 (shift > 31)
 *
 * @example
 * ```ts
 * quantizeMultiplier(0.5); // { multiplier: 1073741824, shift: 0 }
 * quantizeMultiplier(0.0023); // { multiplier: 1264438372, shift: -8 }
 * ```
 */
export function quantizeMultiplier(real: number): QuantizedMultiplier<number>;
export function quantizeMultiplier(real: ArrayLike<number>): QuantizedMultiplier<Int32Array>;
export function quantizeMultiplier(real: number | ArrayLike<number>): QuantizedMultiplier<number> | QuantizedMultiplier<Int32Array> {
  return dispatch(real) as QuantizedMultiplier<number> | QuantizedMultiplier<Int32Array>;
}

function check(name: string, m: unknown): number {
  if (typeof m !== 'number') typeError('quantizeMultiplier', `${name} must be a number (got ${typeof m})`);
  if (!(m - m === 0)) rangeError('quantizeMultiplier', `${name} must be finite (got ${m})`);
  if (Math.abs(m) >= 2147483648) rangeError('quantizeMultiplier', `${name} must be < 2^31 in magnitude (got ${m})`);
  return m;
}

function one(m: number): QuantizedMultiplier<number> {
  const r = new Int32Array(2);
  quantizeMultiplierImpl(check('real', m), r, 0);
  return { multiplier: r[0]!, shift: r[1]! };
}

function many(m: ArrayLike<number>): QuantizedMultiplier<Int32Array> {
  const n = m.length;
  const multiplier = new Int32Array(n);
  const shift = new Int32Array(n);
  const r = new Int32Array(2);
  for (let i = 0; i < n; i++) {
    quantizeMultiplierImpl(check(`real[${i}]`, m[i]), r, 0);
    multiplier[i] = r[0]!;
    shift[i] = r[1]!;
  }
  return { multiplier, shift };
}

/**
 * Unchecked TFLite QuantizeMultiplier of a finite |m| < 2^31: writes multiplier at out[at], shift at out[at + 1].
 * @internal
 */
export function quantizeMultiplierImpl(m: number, out: Int32Array, at: number): Int32Array {
  const a = Math.abs(m);
  if (a < 2.3283064365386963e-10 / 2) {
    // |m| < 2^-33: frexp exponent ≤ −32 even after the round-up case, flushed to zero by TFLite
    out[at] = 0;
    out[at + 1] = 0;
    return out;
  }
  // frexp: a = q · 2^e, q ∈ [0.5, 1)
  let e = Math.floor(Math.log2(a)) + 1;
  let q = a / 2 ** e;
  while (q >= 1) {
    e++;
    q = a / 2 ** e;
  }
  while (q < 0.5) {
    e--;
    q = a / 2 ** e;
  }
  let fixed = Math.round(q * 2147483648); // positive: half up = TfLiteRound's half away
  if (fixed === 2147483648 && m > 0) {
    // TFLite checks q_fixed == 2^31 only; a negative q rounds to −2^31, which int32 holds
    fixed /= 2;
    e++;
  }
  if (e < -31) {
    fixed = 0;
    e = 0;
  }
  out[at] = m < 0 ? -fixed : fixed;
  out[at + 1] = e;
  return out;
}
