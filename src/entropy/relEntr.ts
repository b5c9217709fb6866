import { checkNoOverlap, checkOptions, checkOut, checkSameLength, dispatcher, toFloatArray } from '../core/index.js';
import type { FloatArray, ProbArray } from '../core/index.js';
import { sameFloatType } from './reduce.js';

/** Options of {@link relEntr}. */
export interface RelEntrOptions<O extends FloatArray = FloatArray> {
  /** Destination; returned as given. Must not overlap `x` or `y`. */
  out?: O;
}

const dispatch = /*#__PURE__*/ dispatcher('relEntr', ['x', 'y', 'options'], {
  'number, number, Object': (x: number, y: number) => relEntrScalar(x, y),
  'Float32Array | Float64Array | Array, Float32Array | Float64Array | Array, Object': relEntrArray,
});

/**
 * Elementwise relative entropy x · log(x / y), `scipy.special.rel_entr`.
 *
 * @remarks
 * scipy's definition and accuracy branches: x · log1p((x − y)/y) when 0.5 < x/y < 2,
 * x · log(x/y) otherwise, x·(log x − log y) when the ratio under- or overflows; 0 when x = 0 and
 * y ≥ 0; +Infinity when x > 0 and y = 0 or either is negative; NaN in → NaN out (elementwise,
 * like a ufunc: nothing is rejected by value). Arrays give the input's float type.
 *
 * @param x - a number or an array
 * @param y - a number or an array of the same length
 * @param options - {@link RelEntrOptions}
 * @returns the elementwise values
 * @throws TypeError for other argument types
 * @throws RangeError if lengths differ or `out` is short or overlaps an input
 *
 * @example
 * ```ts
 * relEntr(1, 2); // -0.6931471805599453
 * relEntr([0, 1], [1, 0]); // Float64Array [0, Infinity]
 * ```
 */
export function relEntr(x: number, y: number): number;
export function relEntr<O extends FloatArray = Float64Array>(x: ProbArray, y: ProbArray, options?: RelEntrOptions<O>): O;
export function relEntr(x: number | ProbArray, y: number | ProbArray, options: RelEntrOptions = {}): number | FloatArray {
  return dispatch(x, y, checkOptions('relEntr', options)) as number | FloatArray;
}

function relEntrArray(x: ProbArray, y: ProbArray, o: RelEntrOptions): FloatArray {
  checkSameLength('relEntr', 'x', x, 'y', y);
  const [xf, yf] = sameFloatType(toFloatArray('relEntr', 'x', x), toFloatArray('relEntr', 'y', y));
  const ctor = xf instanceof Float32Array ? Float32Array : Float64Array;
  const out = checkOut('relEntr', o.out, ctor as unknown as { new (n: number): FloatArray; readonly name: string }, xf.length);
  checkNoOverlap('relEntr', 'out', out, 'x', x);
  checkNoOverlap('relEntr', 'out', out, 'y', y);
  for (let i = 0; i < xf.length; i++) out[i] = relEntrScalar(xf[i]!, yf[i]!);
  return out;
}

/**
 * scipy's rel_entr for one pair (xsf `convex_analysis.h`).
 * @internal
 */
export function relEntrScalar(x: number, y: number): number {
  if (x !== x || y !== y) return NaN;
  if (x > 0 && y > 0) {
    const ratio = x / y;
    if (ratio > 0.5 && ratio < 2) return x * Math.log1p((x - y) / y);
    if (ratio > 2.2250738585072014e-308 && ratio < Infinity) return x * Math.log(ratio);
    return x * (Math.log(x) - Math.log(y));
  }
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}
