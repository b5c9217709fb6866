// Argument checks shared by every public op. Messages: `fn: what is wrong (expected vs got)`.
import { rangeError, typeError } from './errors.js';
import type { FloatArray, ProbArray, Tensor } from './types.js';

/** @internal */
export function checkSameLength(fn: string, a: string, x: ArrayLike<number>, b: string, y: ArrayLike<number>): void {
  if (x.length !== y.length) rangeError(fn, `${a} and ${b} differ in length (${x.length} vs ${y.length})`);
}

/** @internal */
export function checkNonEmpty(fn: string, name: string, x: ArrayLike<number>): void {
  if (x.length === 0) rangeError(fn, `${name} must not be empty`);
}

/** @internal */
export function checkPositive(fn: string, name: string, v: number): number {
  if (typeof v !== 'number') typeError(fn, `${name} must be a number (got ${typeof v})`);
  if (!(v > 0) || v === Infinity) rangeError(fn, `${name} must be a finite number > 0 (got ${v})`);
  return v;
}

/** @internal */
export function checkInteger(fn: string, name: string, v: number, min: number, max: number): number {
  if (typeof v !== 'number') typeError(fn, `${name} must be a number (got ${typeof v})`);
  if (!Number.isInteger(v) || !(v >= min) || !(v <= max)) rangeError(fn, `${name} must be an integer in [${min}, ${max}] (got ${v})`);
  return v;
}

/** @internal */
export function checkInRange(fn: string, name: string, v: number, min: number, max: number): number {
  if (typeof v !== 'number') typeError(fn, `${name} must be a number (got ${typeof v})`);
  if (!(v >= min && v <= max)) rangeError(fn, `${name} must be in [${min}, ${max}] (got ${v})`);
  return v;
}

/** @internal */
export function checkBoolean(fn: string, name: string, v: unknown, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') typeError(fn, `${name} must be a boolean (got ${typeof v})`);
  return v;
}

/** @internal */
export function checkOneOf<T extends string>(fn: string, name: string, v: unknown, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    rangeError(fn, `${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')} (got ${String(v)})`);
  }
  return v as T;
}

/** Checks an options argument: undefined or a plain object. @internal */
export function checkOptions<T extends object>(fn: string, options: T | undefined): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null || Array.isArray(options) || ArrayBuffer.isView(options)) {
    typeError(fn, `options must be an object (got ${describe(options)})`);
  }
  return options;
}

/**
 * Checks a logarithm base and returns ln(base): `base` must be finite, > 0 and ≠ 1.
 * @internal
 */
export function checkLogBase(fn: string, base: number | undefined): number {
  if (base === undefined) return 1;
  if (typeof base !== 'number') typeError(fn, `base must be a number (got ${typeof base})`);
  if (!(base > 0) || base === 1 || base === Infinity) rangeError(fn, `base must be a finite number > 0 and ≠ 1 (got ${base})`);
  return Math.log(base);
}

/** Every entry finite and ≥ 0 (NaN, negative and ±Infinity are rejected). @internal */
export function checkNonNegativeFinite(fn: string, name: string, x: ArrayLike<number>): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!(v >= 0 && v < Infinity)) rangeError(fn, `${name}[${i}] must be finite and ≥ 0 (got ${v})`);
  }
}

/** Every entry finite (NaN and ±Infinity are rejected). @internal */
export function checkFinite(fn: string, name: string, x: ArrayLike<number>): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!(v - v === 0)) rangeError(fn, `${name}[${i}] must be finite (got ${v})`);
  }
}

/** A tensor's shape: non-negative integers whose product is data.length. Returns the shape as an array. @internal */
export function checkShape(fn: string, name: string, t: Tensor<ArrayLike<number>>, rank?: number): number[] {
  const shape = t.shape;
  let size = 1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i]!;
    if (!Number.isInteger(d) || d < 0) rangeError(fn, `${name}.shape[${i}] must be a non-negative integer (got ${d})`);
    size *= d;
  }
  if (size !== t.data.length) rangeError(fn, `${name}.shape [${shape.join(', ')}] needs ${size} elements, data has ${t.data.length}`);
  if (rank !== undefined && shape.length !== rank) rangeError(fn, `${name} must have rank ${rank} (got shape [${shape.join(', ')}])`);
  return shape.slice();
}

/** Returns `out` after checking its constructor and length, or a fresh array when undefined. @internal */
export function checkOut<T extends ArrayLike<number>>(
  fn: string,
  out: unknown,
  ctor: { new (n: number): T; readonly name: string },
  n: number,
): T {
  if (out === undefined) return new ctor(n);
  if (!(out instanceof (ctor as unknown as new (...a: never[]) => unknown))) {
    typeError(fn, `out must be a ${ctor.name} (got ${describe(out)})`);
  }
  const o = out as T;
  if (o.length < n) rangeError(fn, `out has length ${o.length}, needs ${n}`);
  return o;
}

/** RangeError when `out` shares memory with `x` (same buffer, overlapping byte ranges). @internal */
export function checkNoOverlap(fn: string, outName: string, out: ArrayBufferView, xName: string, x: ArrayLike<number>): void {
  if (!ArrayBuffer.isView(x)) return;
  if (out.buffer !== x.buffer) return;
  const a0 = out.byteOffset;
  const a1 = a0 + out.byteLength;
  const b0 = x.byteOffset;
  const b1 = b0 + x.byteLength;
  if (a0 < b1 && b0 < a1) rangeError(fn, `${outName} overlaps ${xName}`);
}

/** A short description of a value's type for messages. @internal */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'Array';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'Object';
  return typeof v;
}

/** number[] → Float64Array, typed arrays as they are. @internal */
export function toFloatArray(fn: string, name: string, x: ProbArray): FloatArray {
  if (x instanceof Float32Array || x instanceof Float64Array) return x;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== 'number') typeError(fn, `${name}[${i}] must be a number (got ${typeof v})`);
    out[i] = v;
  }
  return out;
}
