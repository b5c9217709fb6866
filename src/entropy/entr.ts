import { checkNoOverlap, checkOptions, checkOut, dispatcher, toFloatArray } from '../core/index.js';
import type { FloatArray, ProbArray } from '../core/index.js';


/** Options of {@link entr}. */
export interface EntrOptions<O extends FloatArray = FloatArray> {
  /** Destination; returned as given. Must not overlap `x`. */
  out?: O;
}

const dispatch = /*#__PURE__*/ dispatcher('entr', ['x', 'options'], {
  'number, Object': (x: number) => entrScalar(x),
  'Float32Array | Float64Array | Array, Object': entrArray,
});

/**
 * Elementwise −x · log x, `scipy.special.entr` (and `torch.special.entr`).
 *
 * @remarks
 * entr(0) = 0, entr(x < 0) = −Infinity, entr(NaN) = NaN, entr(Infinity) = −Infinity; nothing is
 * rejected by value (a ufunc). Arrays give the input's float type (number[] → Float64Array).
 *
 * @param x - a number or an array
 * @param options - {@link EntrOptions}
 * @returns −x · log x, elementwise
 * @throws TypeError for other argument types
 * @throws RangeError if `out` is short or overlaps `x`
 *
 * @example
 * ```ts
 * entr(0.5); // 0.34657359027997264
 * entr([0, 1]); // Float64Array [0, -0]
 * ```
 */
export function entr(x: number): number;
export function entr<O extends FloatArray = Float64Array>(x: ProbArray, options?: EntrOptions<O>): O;
export function entr(x: number | ProbArray, options: EntrOptions = {}): number | FloatArray {
  return dispatch(x, checkOptions('entr', options)) as number | FloatArray;
}

function entrArray(x: ProbArray, o: EntrOptions): FloatArray {
  const xf = toFloatArray('entr', 'x', x);
  const ctor = xf instanceof Float32Array ? Float32Array : Float64Array;
  const out = checkOut('entr', o.out, ctor as unknown as { new (n: number): FloatArray; readonly name: string }, xf.length);
  checkNoOverlap('entr', 'out', out, 'x', x);
  for (let i = 0; i < xf.length; i++) out[i] = entrScalar(xf[i]!);
  return out;
}

/** scipy's entr for one value. @internal */
export function entrScalar(x: number): number {
  if (x !== x) return NaN;
  if (x > 0) return -x * Math.log(x);
  if (x === 0) return 0;
  return -Infinity;
}
