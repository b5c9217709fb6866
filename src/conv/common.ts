// Private plumbing of the conv ops: argument checks, bias/activation, layout transposes.
import { checkNoOverlap, checkOneOf, checkOut, checkShape, describe, rangeError, typeError } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import type { ConvOptions } from './convInfo.js';

/** Activation fused after the bias: identity, max(0, x) or min(max(0, x), 6). */
/**
 * Largest index the kernels' int32 (`| 0`) index arithmetic may form: `| 0` spares V8 an
 * overflow check per access (1.04–1.2× in the depthwise loops, 1.03–1.10× in the GEMM), so those
 * loops run only on arrays whose indices fit. @internal
 */
export const INT32_MAX = 0x7fffffff;

export type ConvActivation = 'linear' | 'relu' | 'relu6';

/** Options of the conv ops that carry one bias and one activation. */
export interface FusedConvOptions<O extends FloatArray = FloatArray> extends ConvOptions {
  /** One value per output channel, added before the activation. */
  bias?: FloatArray | readonly number[];
  /** Activation fused after the bias (default `'linear'`). */
  activation?: ConvActivation;
  /** Destination for the output data, of the input's float type; returned as the result's `data`. */
  out?: O;
}

const ACTIVATIONS: readonly ConvActivation[] = ['linear', 'relu', 'relu6'];

/** [lo, hi] clamp of an activation (NaN passes through the clamp). @internal */
export function clampOf(fn: string, name: string, a: unknown): [number, number] {
  const act = checkOneOf(fn, name, a, ACTIVATIONS, 'linear');
  return act === 'linear' ? [-Infinity, Infinity] : act === 'relu' ? [0, Infinity] : [0, 6];
}

/** A float Tensor's data and checked shape. @internal */
export function floatTensor(fn: string, name: string, t: Tensor<FloatArray>): number[] {
  if (!(t.data instanceof Float32Array || t.data instanceof Float64Array)) {
    typeError(fn, `${name}.data must be Float32Array or Float64Array (got ${describe(t.data)})`);
  }
  return checkShape(fn, name, t);
}

/** Bias as a Float64Array of length n (zeros when absent). @internal */
export function biasOf(fn: string, name: string, bias: unknown, n: number): Float64Array {
  const out = new Float64Array(n);
  if (bias === undefined) return out;
  if (!(bias instanceof Float32Array || bias instanceof Float64Array || Array.isArray(bias))) {
    typeError(fn, `${name} must be Float32Array, Float64Array or number[] (got ${describe(bias)})`);
  }
  const b = bias as ArrayLike<unknown>;
  if (b.length !== n) rangeError(fn, `${name} has length ${b.length}, expected ${n} (one per output channel)`);
  for (let i = 0; i < n; i++) {
    const v = b[i];
    if (typeof v !== 'number') typeError(fn, `${name}[${i}] must be a number (got ${describe(v)})`);
    out[i] = v;
  }
  return out;
}

/** The output buffer: `out` checked (type of x, length, no overlap) or a new one. @internal */
export function outputOf<T extends FloatArray>(fn: string, x: T, out: unknown, n: number, inputs: ReadonlyArray<[string, ArrayLike<number>]>): T {
  const ctor = x.constructor as unknown as { new (n: number): T; readonly name: string };
  const o = checkOut(fn, out, ctor, n);
  if (out !== undefined) for (const [name, a] of inputs) checkNoOverlap(fn, 'out', o, name, a);
  return o;
}

/** The result Tensor: out's first `size` values (a view when `out` is longer), with its shape. @internal */
export function resultOf<T extends FloatArray>(out: T, size: number, shape: readonly number[]): Tensor<T> {
  return { data: (out.length === size ? out : out.subarray(0, size)) as T, shape: shape.slice() };
}

/** Valid tap range [lo, hi) of a kernel axis for the window starting at `start` over an axis of length n. @internal */
export function tapRange(start: number, dil: number, k: number, n: number): [number, number] {
  let lo = 0;
  if (start < 0) lo = Math.min(k, Math.ceil(-start / dil));
  let hi = k;
  const last = n - 1 - start; // need start + t·dil ≤ n − 1
  if (last < 0) hi = 0;
  else hi = Math.min(k, Math.floor(last / dil) + 1);
  return [lo, Math.max(lo, hi)];
}

/** Output index range [lo, hi) whose windows use only in-range input along an axis (the interior). @internal */
export function interiorRange(out: number, stride: number, pad: number, effK: number, n: number): [number, number] {
  // o·s − pad ≥ 0 and o·s − pad + effK − 1 ≤ n − 1
  const lo = Math.min(out, Math.ceil(pad / stride));
  const hiRaw = Math.floor((n - effK + pad) / stride) + 1;
  const hi = Math.max(lo, Math.min(out, hiRaw));
  return [lo, hi];
}

/** Float64 scratch buffers reused across calls, one per slot, grown on demand (never shrunk). */
const scratchSlots: Float64Array[] = [];

/**
 * A reusable float64 scratch of at least `n` values for `slot` (0: packed pointwise weights,
 * 1: the separable tile or pointwise NCHW transpose, 2: the separable NCHW transpose), so a call
 * allocates nothing but its output. Contents are garbage; the kernels are synchronous, so two
 * calls never share a slot at the same time. The largest buffer of each slot stays alive (e.g.
 * 8 MB for a 1024 → 1024 pointwise filter). Unchecked. @internal
 */
export function scratchOf(slot: number, n: number): Float64Array {
  const have = scratchSlots[slot];
  if (have !== undefined && have.length >= n) return have;
  const grown = new Float64Array(n);
  scratchSlots[slot] = grown;
  return grown;
}

/** Copies one NCHW image (C planes of hw values from `offset`) into NHWC order in `out`. Unchecked. @internal */
export function nchwImageToNhwc(x: ArrayLike<number>, offset: number, C: number, hw: number, out: FloatArray): FloatArray {
  for (let c = 0; c < C; c++) {
    const plane = offset + c * hw;
    for (let p = 0; p < hw; p++) out[p * C + c] = x[plane + p]!;
  }
  return out;
}
