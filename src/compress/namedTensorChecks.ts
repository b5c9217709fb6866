import { checkShape, describe, rangeError, typeError } from '../core/index.js';
import type { NamedTensor } from './types.js';

const DATA_TYPES = { float32: Float32Array, int32: Int32Array, bool: Uint8Array } as const;

/** Checks one NamedTensor: name, dtype, data type, shape; and its tfjs quantization, when present. */
export function checkNamedTensor(fn: string, path: string, t: NamedTensor): void {
  if (t === null || typeof t !== 'object') typeError(fn, `${path} must be a named tensor { name, shape, dtype, data } (got ${describe(t)})`);
  if (typeof t.name !== 'string') typeError(fn, `${path}.name must be a string (got ${describe(t.name)})`);
  const ctor = DATA_TYPES[t.dtype];
  if (ctor === undefined) rangeError(fn, `${path}.dtype must be 'float32', 'int32' or 'bool' (got ${describe(t.dtype)})`);
  if (!(t.data instanceof ctor)) typeError(fn, `${path}.data must be a ${ctor.name} for dtype ${t.dtype} (got ${describe(t.data)})`);
  if (!Array.isArray(t.shape)) typeError(fn, `${path}.shape must be an array (got ${describe(t.shape)})`);
  checkShape(fn, path, t);
  if (t.shape.length > 8) rangeError(fn, `${path} has rank ${t.shape.length}, more than 8`);
  const q = t.quantization;
  if (q === undefined) return;
  const codes = q.dtype === 'uint8' ? Uint8Array : q.dtype === 'uint16' || q.dtype === 'float16' ? Uint16Array : undefined;
  if (codes === undefined) rangeError(fn, `${path}.quantization.dtype must be 'uint8', 'uint16' or 'float16' (got ${describe(q.dtype)})`);
  if (!(q.codes instanceof codes) || q.codes.length !== t.data.length) rangeError(fn, `${path}.quantization.codes must be a ${codes.name} of length ${t.data.length}`);
  if (q.dtype !== 'float16' && !(Number.isFinite(q.scale) && Number.isFinite(q.min))) rangeError(fn, `${path}.quantization needs finite scale and min`);
}
