// Shared plumbing of the probability-vector reductions (entropy, crossEntropy, klDivergence, JS):
// input conversion, the `axis` lanes of a Tensor, and scipy's nan_policy.
import { checkInteger, checkOneOf, checkOut, checkShape, rangeError } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';

/** How NaN entries are treated: scipy's `nan_policy`. */
export type NanPolicy = 'raise' | 'propagate' | 'omit';

/** Options shared by the probability-vector reductions. */
export interface ReductionOptions {
  /** Logarithm base (default e; 2 gives bits). Must be finite, > 0 and ≠ 1. */
  base?: number;
  /** Divide the inputs by their sums first (default true, as scipy.stats.entropy). */
  normalize?: boolean;
  /** For Tensor input: the axis reduced (default -1, the last). */
  axis?: number;
  /** NaN entries: 'raise' (default, RangeError), 'propagate' (result NaN) or 'omit' (dropped). */
  nanPolicy?: NanPolicy;
}

/** Options of the reductions that take Tensor input and may write into `out`. */
export interface TensorReductionOptions<O extends FloatArray = FloatArray> extends ReductionOptions {
  /** Destination for the per-lane results (Tensor input only); returned as given. */
  out?: O;
}

const NAN_POLICIES: readonly NanPolicy[] = ['raise', 'propagate', 'omit'];

/** Reads the nanPolicy option. @internal */
export function nanPolicyOf(fn: string, v: unknown): NanPolicy {
  return checkOneOf(fn, 'nanPolicy', v, NAN_POLICIES, 'raise');
}

/** Brings two vectors to one float type: Float64Array unless both are Float32Array. @internal */
export function sameFloatType(p: FloatArray, q: FloatArray): [FloatArray, FloatArray] {
  if (p.constructor === q.constructor) return [p, q];
  return [p instanceof Float64Array ? p : Float64Array.from(p), q instanceof Float64Array ? q : Float64Array.from(q)];
}

/** Row function of a reduction: one lane of p (and q) in, one value out. @internal */
export type LaneFn = (p: FloatArray, q: FloatArray | undefined) => number;

/** The lanes of a Tensor reduction and its output, gathered on demand. @internal */
export interface Lanes<O extends FloatArray> {
  readonly out: O;
  readonly count: number;
  /** Lane i of p (and q): zero-copy views along the last axis, gathered copies otherwise (reused buffers). */
  lane(i: number): [FloatArray, FloatArray | undefined];
}

/**
 * Checks the shapes and `axis` of a Tensor reduction and prepares its lanes and `out` (given, or a
 * new array of p's float type, Float64Array when p and q differ).
 * @internal
 */
export function prepareLanes<O extends FloatArray>(
  fn: string,
  p: Tensor<FloatArray>,
  q: Tensor<FloatArray> | undefined,
  options: TensorReductionOptions<O>,
  float32Out = false,
): Lanes<O> {
  const shape = checkShape(fn, 'p', p);
  if (shape.length === 0) rangeError(fn, 'p must have rank ≥ 1 (got shape [])');
  if (q !== undefined) {
    const qShape = checkShape(fn, 'q', q);
    if (qShape.length !== shape.length || qShape.some((d, i) => d !== shape[i])) {
      rangeError(fn, `p and q differ in shape ([${shape.join(', ')}] vs [${qShape.join(', ')}])`);
    }
  }
  const rank = shape.length;
  const axisOpt = options.axis ?? -1;
  checkInteger(fn, 'axis', axisOpt, -rank, rank - 1);
  const axis = axisOpt < 0 ? axisOpt + rank : axisOpt;
  const len = shape[axis]!;
  let outer = 1;
  for (let d = 0; d < axis; d++) outer *= shape[d]!;
  let inner = 1;
  for (let d = axis + 1; d < rank; d++) inner *= shape[d]!;

  const [pData, qData] = q === undefined ? [p.data, undefined] : sameFloatType(p.data, q.data);
  const ctor = (float32Out || pData instanceof Float32Array ? Float32Array : Float64Array) as unknown as { new (n: number): O; readonly name: string };
  const out = checkOut(fn, options.out, ctor, outer * inner);
  const pLane = inner === 1 ? undefined : new (pData.constructor as new (n: number) => FloatArray)(len);
  const qLane = inner === 1 || qData === undefined ? undefined : new (qData.constructor as new (n: number) => FloatArray)(len);
  return {
    out,
    count: outer * inner,
    lane(index: number): [FloatArray, FloatArray | undefined] {
      const o = Math.floor(index / inner);
      const i = index - o * inner;
      const base = o * len * inner + i;
      if (pLane === undefined) return [pData.subarray(base, base + len), qData?.subarray(base, base + len)];
      for (let k = 0; k < len; k++) pLane[k] = pData[base + k * inner]!;
      if (qLane !== undefined && qData !== undefined) {
        for (let k = 0; k < len; k++) qLane[k] = qData[base + k * inner]!;
      }
      return [pLane, qLane];
    },
  };
}

/**
 * Applies `lane` to every lane of `p` (and `q`) along `axis` and returns the results, in `out`
 * when given, else in a new array of p's float type. Lanes along the last axis are zero-copy views.
 * @internal
 */
export function reduceLanes<O extends FloatArray>(
  fn: string,
  p: Tensor<FloatArray>,
  q: Tensor<FloatArray> | undefined,
  options: TensorReductionOptions<O>,
  lane: LaneFn,
): O {
  const lanes = prepareLanes(fn, p, q, options);
  for (let i = 0; i < lanes.count; i++) {
    const [pv, qv] = lanes.lane(i);
    lanes.out[i] = lane(pv, qv);
  }
  return lanes.out;
}

/**
 * The slow path for lanes whose fast kernel met a value that is not finite and ≥ 0: throws for
 * negative or infinite entries and for NaN under 'raise'; returns NaN under 'propagate'; under
 * 'omit' returns copies without the NaN positions (pairs dropped together).
 * @internal
 */
export function resolveIrregular(
  fn: string,
  policy: NanPolicy,
  p: FloatArray,
  q: FloatArray | undefined,
): { p: FloatArray; q: FloatArray | undefined } | undefined {
  let nan = 0;
  const scan = (name: string, x: FloatArray): void => {
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v !== v) {
        if (policy === 'raise') rangeError(fn, `${name}[${i}] is NaN (nanPolicy 'raise'; use 'omit' or 'propagate')`);
        nan++;
      } else if (!(v >= 0 && v < Infinity)) {
        rangeError(fn, `${name}[${i}] must be finite and ≥ 0 (got ${v})`);
      }
    }
  };
  scan('p', p);
  if (q !== undefined) scan('q', q);
  if (nan === 0 || policy === 'propagate') return undefined;
  const keep: number[] = [];
  for (let i = 0; i < p.length; i++) {
    if (p[i] === p[i] && (q === undefined || q[i] === q[i])) keep.push(i);
  }
  const ctor = p.constructor as new (n: number) => FloatArray;
  const p2 = new ctor(keep.length);
  const q2 = q === undefined ? undefined : new (q.constructor as new (n: number) => FloatArray)(keep.length);
  for (let k = 0; k < keep.length; k++) {
    p2[k] = p[keep[k]!]!;
    if (q2 !== undefined && q !== undefined) q2[k] = q[keep[k]!]!;
  }
  return { p: p2, q: q2 };
}
