// TensorFlow.js weights in and out: weights manifests (model.json / *-weights_manifest.json) and the
// concatenated shard bytes, decoded exactly as @tensorflow/tfjs-core 4.22 io.decodeWeights decodes them
// (tfjs-core/src/io/io_utils.ts decodeWeight). No tfjs import: the manifest types are mirrored here.
import { describe, FormatErrorCode, formatError, rangeError, typeError } from '../core/index.js';
import { LITTLE_ENDIAN } from '../core/endian.js';
import { decodeFloat16Impl } from './float16.js';
import type { NamedTensor, TfjsQuantization, WeightDtype } from './types.js';

/**
 * One weight of a tfjs weights manifest (tfjs `WeightsManifestEntry`).
 *
 * @example
 * ```ts
 * const e: TfjsWeightsManifestEntry = { name: 'conv/b', shape: [2], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } };
 * e.shape; // [2]
 * ```
 */
export interface TfjsWeightsManifestEntry {
  /** The weight's name. */
  name: string;
  /** Dimensions (empty for a scalar). */
  shape: number[];
  /** tfjs dtype of the weight: 'float32', 'int32' and 'bool' are decoded; 'string' and 'complex64' are rejected. */
  dtype: string;
  /** Present when the bytes are quantized codes rather than raw values. */
  quantization?: {
    /** Storage type of the codes. */
    dtype: 'uint8' | 'uint16' | 'float16';
    /** Step of the affine codes (uint8/uint16). */
    scale?: number;
    /** Value of code 0 (uint8/uint16). */
    min?: number;
    /** Written by the Python converter; tfjs 4.22 does not read it (the entry's `dtype` decides). */
    original_dtype?: string;
  };
  /** 'model' or 'optimizer' in tfjs-layers saves. */
  group?: string;
}

/**
 * One group of a weights manifest: the shard files and the weights they hold, in order.
 *
 * @example
 * ```ts
 * const g: TfjsWeightsGroup = { paths: ['group1-shard1of1.bin'], weights: [] };
 * g.paths.length; // 1
 * ```
 */
export interface TfjsWeightsGroup {
  /** Shard file names, relative to the model.json; their concatenation holds `weights` in order. */
  paths: string[];
  /** The weights of the group. */
  weights: TfjsWeightsManifestEntry[];
}

/**
 * A tfjs weights manifest: the groups, in the order of the bytes.
 *
 * @example
 * ```ts
 * const m: TfjsWeightsManifest = [{ paths: ['w.bin'], weights: [{ name: 'b', shape: [], dtype: 'float32' }] }];
 * m[0].weights[0].name; // 'b'
 * ```
 */
export type TfjsWeightsManifest = TfjsWeightsGroup[];

/**
 * The on-disk model.json of tfjs (`ModelJSON`): topology, weights manifest and whatever else it holds.
 *
 * @example
 * ```ts
 * const j: TfjsModelJson = { format: 'graph-model', modelTopology: {}, weightsManifest: [] };
 * j.format; // 'graph-model'
 * ```
 */
export interface TfjsModelJson {
  /** Keras JSON or the GraphDef as JSON; kept as it is. */
  modelTopology?: unknown;
  /** The weights manifest. */
  weightsManifest: TfjsWeightsManifest;
  /** 'layers-model' or 'graph-model'. */
  format?: string;
  /** The library that wrote the model. */
  generatedBy?: string;
  /** The converter that wrote it (null: saved from tfjs directly). */
  convertedBy?: string | null;
  /** Other fields (signature, userDefinedMetadata, trainingConfig, …) pass through unchanged. */
  [extra: string]: unknown;
}

/**
 * A {@link TfjsQuantization} that also keeps the manifest's `original_dtype`, so that
 * {@link encodeTfjsWeights} writes the entry back unchanged.
 *
 * @example
 * ```ts
 * const q: TfjsStoredQuantization = { dtype: 'uint8', scale: 1, min: 0, originalDtype: 'int32', codes: new Uint8Array([7]) };
 * q.originalDtype; // 'int32'
 * ```
 */
export interface TfjsStoredQuantization extends TfjsQuantization {
  /** The manifest's `quantization.original_dtype`, when it had one. */
  readonly originalDtype?: string;
}

/**
 * A {@link NamedTensor} as {@link decodeTfjsWeights} returns it: also the manifest entry's `group`
 * and `original_dtype`, so that {@link encodeTfjsWeights} reproduces the entry exactly.
 *
 * @example
 * ```ts
 * const t: TfjsNamedTensor = { name: 'w', shape: [1], dtype: 'float32', data: new Float32Array([1]), group: 'model' };
 * t.group; // 'model'
 * ```
 */
export interface TfjsNamedTensor extends NamedTensor {
  /** The manifest entry's `group`, when it had one. */
  readonly group?: string;
  /** Present when the file stored the weight tfjs-quantized. */
  readonly quantization?: TfjsStoredQuantization;
}

type QuantDtype = 'uint8' | 'uint16' | 'float16';

/** Bytes per stored element: tfjs DTYPE_VALUE_SIZE_MAP. */
const BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };
/** Every dtype tfjs knows; 'string' and 'complex64' are known but not decoded here. */
const TFJS_DTYPES = ['float32', 'int32', 'bool', 'string', 'complex64'];
const QUANT_DTYPES: readonly string[] = ['uint8', 'uint16', 'float16'];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer);
}

/**
 * Validates one manifest entry and returns a normalised copy (known fields only).
 * TypeError for wrong JS types, RangeError for a bad shape, FormatError BadField for a dtype or
 * quantization tfjs cannot load. @internal
 */
export function checkEntry(fn: string, path: string, e: unknown): TfjsWeightsManifestEntry {
  if (!isPlainObject(e)) typeError(fn, `${path} must be an object (got ${describe(e)})`);
  const { name, shape, dtype, quantization, group } = e;
  if (typeof name !== 'string') typeError(fn, `${path}.name must be a string (got ${describe(name)})`);
  if (!Array.isArray(shape)) typeError(fn, `${path}.shape must be an Array (got ${describe(shape)})`);
  const dims: number[] = [];
  for (let k = 0; k < shape.length; k++) {
    const d: unknown = shape[k];
    if (typeof d !== 'number') typeError(fn, `${path}.shape[${k}] must be a number (got ${describe(d)})`);
    if (!Number.isSafeInteger(d) || d < 0) rangeError(fn, `${path}.shape[${k}] must be a non-negative safe integer (got ${d})`);
    dims.push(d);
  }
  if (typeof dtype !== 'string') typeError(fn, `${path}.dtype must be a string (got ${describe(dtype)})`);
  if (!TFJS_DTYPES.includes(dtype)) {
    formatError(fn, FormatErrorCode.BadField, `${path}.dtype '${dtype}' of weight '${name}' is not a tfjs dtype (${TFJS_DTYPES.join(', ')})`);
  }
  if (group !== undefined && typeof group !== 'string') typeError(fn, `${path}.group must be a string (got ${describe(group)})`);
  const out: TfjsWeightsManifestEntry = { name, shape: dims, dtype };
  if (quantization !== undefined) {
    const q = quantization;
    const qp = `${path}.quantization`;
    if (!isPlainObject(q)) typeError(fn, `${qp} must be an object (got ${describe(q)})`);
    if (typeof q.dtype !== 'string') typeError(fn, `${qp}.dtype must be a string (got ${describe(q.dtype)})`);
    if (!QUANT_DTYPES.includes(q.dtype)) {
      formatError(fn, FormatErrorCode.BadField, `${qp}.dtype '${q.dtype}' of weight '${name}' is not one of 'uint8', 'uint16', 'float16'`);
    }
    for (const k of ['scale', 'min'] as const) {
      const v = q[k];
      if (v === undefined) {
        if (q.dtype !== 'float16') formatError(fn, FormatErrorCode.BadField, `${qp}.${k} is missing: weight '${name}' is quantized to ${q.dtype}`);
        continue;
      }
      if (typeof v !== 'number') typeError(fn, `${qp}.${k} must be a number (got ${describe(v)})`);
      if (!Number.isFinite(v)) formatError(fn, FormatErrorCode.BadField, `${qp}.${k} of weight '${name}' must be finite (got ${v})`);
    }
    const od = q.original_dtype;
    if (od !== undefined && typeof od !== 'string') typeError(fn, `${qp}.original_dtype must be a string (got ${describe(od)})`);
    if (dtype === 'bool' || (q.dtype === 'float16' && dtype === 'int32')) {
      formatError(fn, FormatErrorCode.BadField, `weight '${name}' of dtype ${dtype} cannot be quantized to ${q.dtype} (tfjs cannot load it)`);
    }
    const qc: NonNullable<TfjsWeightsManifestEntry['quantization']> = { dtype: q.dtype as QuantDtype };
    if (q.scale !== undefined) qc.scale = q.scale as number;
    if (q.min !== undefined) qc.min = q.min as number;
    if (od !== undefined) qc.original_dtype = od;
    out.quantization = qc;
  }
  if (group !== undefined) out.group = group;
  return out;
}

function checkStringArray(fn: string, path: string, v: unknown): string[] {
  if (!Array.isArray(v)) typeError(fn, `${path} must be an Array (got ${describe(v)})`);
  const out: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const s: unknown = v[i];
    if (typeof s !== 'string') typeError(fn, `${path}[${i}] must be a string (got ${describe(s)})`);
    out.push(s);
  }
  return out;
}

function checkEntries(fn: string, path: string, v: unknown): TfjsWeightsManifestEntry[] {
  if (!Array.isArray(v)) typeError(fn, `${path} must be an Array (got ${describe(v)})`);
  const out: TfjsWeightsManifestEntry[] = [];
  for (let i = 0; i < v.length; i++) out.push(checkEntry(fn, `${path}[${i}]`, v[i]));
  return out;
}

/** Validates a manifest and returns a normalised deep copy. @internal */
export function checkManifest(fn: string, path: string, v: unknown): TfjsWeightsManifest {
  if (!Array.isArray(v)) typeError(fn, `${path} must be an Array of groups (got ${describe(v)})`);
  const out: TfjsWeightsManifest = [];
  for (let g = 0; g < v.length; g++) {
    const group: unknown = v[g];
    const gp = `${path}[${g}]`;
    if (!isPlainObject(group)) typeError(fn, `${gp} must be an object { paths, weights } (got ${describe(group)})`);
    out.push({ paths: checkStringArray(fn, `${gp}.paths`, group.paths), weights: checkEntries(fn, `${gp}.weights`, group.weights) });
  }
  return out;
}

/** Number of elements of a checked shape, or Infinity when it exceeds `cap` (no overflow). */
function sizeUpTo(shape: readonly number[], cap: number): number {
  if (shape.includes(0)) return 0;
  let n = 1;
  for (const d of shape) {
    n *= d;
    if (n > cap) return Infinity;
  }
  return n;
}

/** Reverses each `width`-byte group of `bytes` in place (big-endian hosts only). */
function swapBytes(bytes: Uint8Array, width: number): void {
  for (let i = 0; i + width <= bytes.length; i += width) {
    for (let a = i, b = i + width - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}

/**
 * Dequantizes codes as tfjs 4.22 decodeWeight does: float64 `code * scale + min` stored into a
 * Float32Array (float32) or `Math.round` of it stored into an Int32Array (int32); float16 codes by
 * the table decoder. Unchecked. @internal
 */
export function dequantizeTfjs(q: { dtype: QuantDtype; scale?: number; min?: number }, dtype: string, codes: Uint8Array | Uint16Array): Float32Array | Int32Array {
  const n = codes.length;
  if (q.dtype === 'float16') return decodeFloat16Impl(codes as Uint16Array, new Float32Array(n));
  const scale = q.scale!;
  const min = q.min!;
  if (dtype === 'int32') {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.round(codes[i]! * scale + min);
    return out;
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = codes[i]! * scale + min;
  return out;
}

/**
 * Decodes the weights of a tfjs weights manifest from the concatenated shard bytes.
 *
 * @remarks
 * Takes what tfjs's `io.decodeWeights(buffer, specs)` takes — the entries of all groups in order
 * ({@link flattenManifest}) and the shards concatenated in manifest order — and gives the same values
 * bit for bit: raw float32/int32/bool little-endian; `uint8`/`uint16` codes as float64
 * `code * scale + min` stored to float32 (dtype float32) or `Math.round` of it stored to int32 (dtype
 * int32); `float16` codes by tfjs's table decoder ({@link decodeFloat16}, NaN payloads kept).
 * `quantization.original_dtype` is carried but not used, as in tfjs. Quantized weights keep their
 * stored codes in `quantization.codes`; every array returned is a fresh copy, never a view of `data`.
 * All sizes are checked against `data` before anything is allocated.
 *
 * @param entries - manifest entries of all groups, in order
 * @param data - the shard bytes concatenated in manifest order
 * @returns one {@link TfjsNamedTensor} per entry
 * @throws TypeError if an argument or a manifest field has the wrong type
 * @throws RangeError if a shape is not a list of non-negative safe integers, or a weight has dtype
 * 'string' or 'complex64' (unsupported)
 * @throws FormatError BadField for a dtype/quantization tfjs cannot load (unknown dtype, uint8 without
 * scale or min, …), Truncated when the data ends before a weight, TrailingData when bytes remain
 *
 * @example
 * ```ts
 * const entries = [
 *   { name: 'w', shape: [2, 2], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
 *   { name: 'step', shape: [], dtype: 'int32' },
 * ];
 * const [w, step] = decodeTfjsWeights(entries, new Uint8Array([0, 1, 2, 4, 7, 0, 0, 0]));
 * w.data; // Float32Array [-1, -0.5, 0, 1]
 * w.quantization.codes; // Uint8Array [0, 1, 2, 4]
 * step.data; // Int32Array [7]
 * ```
 */
export function decodeTfjsWeights(entries: readonly TfjsWeightsManifestEntry[], data: Uint8Array | ArrayBuffer): TfjsNamedTensor[] {
  const fn = 'decodeTfjsWeights';
  let bytes: Uint8Array;
  if (data instanceof Uint8Array) bytes = data;
  else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
  else typeError(fn, `data must be a Uint8Array or ArrayBuffer (got ${describe(data)})`);
  const specs = checkEntries(fn, 'entries', entries);
  // Pass 1: every size against the buffer, before any allocation.
  const counts: number[] = [];
  let offset = 0;
  for (const s of specs) {
    if (s.dtype === 'string' || s.dtype === 'complex64') rangeError(fn, `weight '${s.name}' has dtype ${s.dtype}, which is unsupported`);
    const width = BYTES[s.quantization?.dtype ?? s.dtype]!;
    const left = bytes.length - offset;
    const count = sizeUpTo(s.shape, Math.floor(left / width));
    const need = count * width;
    if (!(need <= left)) {
      const needText = count === Infinity ? s.shape.reduce((a, d) => a * d, width) : need;
      formatError(fn, FormatErrorCode.Truncated, `weight '${s.name}' needs ${needText} bytes but the data has ${left}${offset > 0 ? ` left after byte ${offset}` : ''}`);
    }
    counts.push(count);
    offset += need;
  }
  if (offset !== bytes.length) {
    formatError(fn, FormatErrorCode.TrailingData, `${bytes.length - offset} bytes remain after the last weight (the weights take ${offset} of ${bytes.length})`);
  }
  // Pass 2: decode from fresh copies.
  const le = LITTLE_ENDIAN;
  const out: TfjsNamedTensor[] = [];
  offset = 0;
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i]!;
    const q = s.quantization;
    const width = BYTES[q?.dtype ?? s.dtype]!;
    const count = counts[i]!;
    // A copy aligned at 0 (not bytes.slice: Node's Buffer.slice returns a view).
    const chunk = new Uint8Array(count * width);
    chunk.set(bytes.subarray(offset, offset + chunk.length));
    offset += chunk.length;
    if (!le && width > 1) swapBytes(chunk, width);
    const dtype = s.dtype as WeightDtype;
    const base = { name: s.name, shape: s.shape, dtype };
    let t: TfjsNamedTensor;
    if (q === undefined) {
      const values = dtype === 'float32' ? new Float32Array(chunk.buffer) : dtype === 'int32' ? new Int32Array(chunk.buffer) : chunk;
      t = { ...base, data: values };
    } else {
      const codes = q.dtype === 'uint8' ? chunk : new Uint16Array(chunk.buffer);
      const stored: { -readonly [K in keyof TfjsStoredQuantization]: TfjsStoredQuantization[K] } = { dtype: q.dtype, codes };
      if (q.scale !== undefined) stored.scale = q.scale;
      if (q.min !== undefined) stored.min = q.min;
      if (q.original_dtype !== undefined) stored.originalDtype = q.original_dtype;
      t = { ...base, data: dequantizeTfjs(q, dtype, codes), quantization: stored };
    }
    out.push(s.group === undefined ? t : { ...t, group: s.group });
  }
  return out;
}

const DATA_CTOR: Readonly<Record<WeightDtype, { new (n: number): Float32Array | Int32Array | Uint8Array; readonly name: string }>> = {
  float32: Float32Array,
  int32: Int32Array,
  bool: Uint8Array,
};

interface Planned {
  entry: TfjsWeightsManifestEntry;
  bytes: Uint8Array;
  width: number;
}

function planTensor(fn: string, i: number, t: unknown): Planned {
  const path = `tensors[${i}]`;
  if (!isPlainObject(t)) typeError(fn, `${path} must be an object (got ${describe(t)})`);
  const { name, shape, dtype, data, quantization, group } = t as Partial<TfjsNamedTensor> & Record<string, unknown>;
  if (typeof name !== 'string') typeError(fn, `${path}.name must be a string (got ${describe(name)})`);
  const label = `${path} ('${name}')`;
  if (!Array.isArray(shape)) typeError(fn, `${label}.shape must be an Array (got ${describe(shape)})`);
  const dims: number[] = [];
  let size = 1;
  for (let k = 0; k < shape.length; k++) {
    const d: unknown = shape[k];
    if (typeof d !== 'number') typeError(fn, `${label}.shape[${k}] must be a number (got ${describe(d)})`);
    if (!Number.isSafeInteger(d) || d < 0) rangeError(fn, `${label}.shape[${k}] must be a non-negative safe integer (got ${d})`);
    dims.push(d);
    size *= d;
  }
  if (typeof dtype !== 'string') typeError(fn, `${label}.dtype must be a string (got ${describe(dtype)})`);
  if (dtype !== 'float32' && dtype !== 'int32' && dtype !== 'bool') rangeError(fn, `${label}.dtype must be one of 'float32', 'int32', 'bool' (got '${dtype}')`);
  const ctor = DATA_CTOR[dtype];
  if (!(data instanceof ctor)) typeError(fn, `${label}.data must be a ${ctor.name} for dtype ${dtype} (got ${describe(data)})`);
  if (data.length !== size) rangeError(fn, `${label}.data has ${data.length} elements, shape [${dims.join(', ')}] needs ${size}`);
  if (group !== undefined && typeof group !== 'string') typeError(fn, `${label}.group must be a string (got ${describe(group)})`);
  const entry: TfjsWeightsManifestEntry = { name, shape: dims, dtype };
  let raw: ArrayBufferView = data;
  let width = BYTES[dtype]!;
  if (quantization !== undefined) {
    const q: unknown = quantization;
    const qp = `${label}.quantization`;
    if (!isPlainObject(q)) typeError(fn, `${qp} must be an object (got ${describe(q)})`);
    const qd = q.dtype;
    if (qd !== 'uint8' && qd !== 'uint16' && qd !== 'float16') rangeError(fn, `${qp}.dtype must be one of 'uint8', 'uint16', 'float16' (got ${String(qd)})`);
    if (dtype === 'bool' || (qd === 'float16' && dtype === 'int32')) rangeError(fn, `${label} of dtype ${dtype} cannot be quantized to ${qd}`);
    const qe: NonNullable<TfjsWeightsManifestEntry['quantization']> = { dtype: qd };
    for (const k of ['scale', 'min'] as const) {
      const v = q[k];
      if (v === undefined) {
        if (qd !== 'float16') rangeError(fn, `${qp}.${k} is required for ${qd} codes`);
        continue;
      }
      if (typeof v !== 'number') typeError(fn, `${qp}.${k} must be a number (got ${describe(v)})`);
      if (!Number.isFinite(v)) rangeError(fn, `${qp}.${k} must be finite (got ${v})`);
      qe[k] = v;
    }
    const od = q.originalDtype;
    if (od !== undefined) {
      if (typeof od !== 'string') typeError(fn, `${qp}.originalDtype must be a string (got ${describe(od)})`);
      qe.original_dtype = od;
    }
    const codes = q.codes;
    const codeCtor = qd === 'uint8' ? Uint8Array : Uint16Array;
    if (!(codes instanceof codeCtor)) typeError(fn, `${qp}.codes must be a ${codeCtor.name} for ${qd} (got ${describe(codes)})`);
    if (codes.length !== size) rangeError(fn, `${qp}.codes has ${codes.length} elements, shape [${dims.join(', ')}] needs ${size}`);
    // The codes are written, so data must be exactly what they decode to (else the edit would be lost).
    const decoded = dequantizeTfjs(qe, dtype, codes);
    const a = new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
    const b = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    for (let j = 0; j < a.length; j++) {
      if (a[j] !== b[j]) {
        const at = Math.floor(j / 4);
        rangeError(fn, `${label}.data[${at}] = ${data[at]} differs from what its quantization codes decode to (${decoded[at]}); drop quantization to write raw values`);
      }
    }
    entry.quantization = qe;
    raw = codes;
    width = BYTES[qd]!;
  }
  if (group !== undefined) entry.group = group;
  return { entry, bytes: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), width };
}

/**
 * Encodes named tensors as tfjs weights: the manifest entries and the bytes of one shard.
 *
 * @remarks
 * The inverse of {@link decodeTfjsWeights}: a tensor with `quantization` is written as its stored codes
 * with the same quantization entry (`scale`, `min`, `originalDtype` → `original_dtype`, and `group`
 * when present), so decode → encode reproduces the original bytes and entries exactly; its `data` must
 * be exactly what the codes decode to (RangeError otherwise — drop `quantization` after changing
 * values). Other tensors are written raw, little-endian: float32, int32, bool as one byte each.
 * The inputs are not modified.
 *
 * @param tensors - {@link NamedTensor}s, e.g. from {@link decodeTfjsWeights}
 * @returns `entries` (one per tensor, in order) and `data` (their bytes, concatenated)
 * @throws TypeError if a field has the wrong type (`data` not the dtype's array, codes not the
 * quantization's array, …)
 * @throws RangeError for a bad shape or dtype, a length that does not match the shape, a quantization
 * without finite scale and min, or data that differs from its codes
 *
 * @example
 * ```ts
 * const { entries, data } = encodeTfjsWeights([{ name: 'b', shape: [2], dtype: 'float32', data: new Float32Array([1, -2]) }]);
 * entries; // [{ name: 'b', shape: [2], dtype: 'float32' }]
 * data; // Uint8Array [0, 0, 128, 63, 0, 0, 0, 192]
 * decodeTfjsWeights(entries, data)[0].data; // Float32Array [1, -2]
 * ```
 */
export function encodeTfjsWeights(tensors: readonly NamedTensor[]): { entries: TfjsWeightsManifestEntry[]; data: Uint8Array } {
  const fn = 'encodeTfjsWeights';
  if (!Array.isArray(tensors)) typeError(fn, `tensors must be an Array (got ${describe(tensors)})`);
  const planned: Planned[] = [];
  let total = 0;
  for (let i = 0; i < tensors.length; i++) {
    const p = planTensor(fn, i, tensors[i]);
    planned.push(p);
    total += p.bytes.length;
  }
  const data = new Uint8Array(total);
  const le = LITTLE_ENDIAN;
  let offset = 0;
  for (const p of planned) {
    data.set(p.bytes, offset);
    if (!le && p.width > 1) swapBytes(data.subarray(offset, offset + p.bytes.length), p.width);
    offset += p.bytes.length;
  }
  return { entries: planned.map((p) => p.entry), data };
}

/**
 * All weights and all shard paths of a manifest, each in order.
 *
 * @remarks
 * The weight bytes of a manifest are its shards concatenated in this `paths` order, and the weights
 * lie in them in this `entries` order — the two arguments of {@link decodeTfjsWeights}. Validates the
 * manifest and returns copies (known entry fields only).
 *
 * @param manifest - a weights manifest (`modelJson.weightsManifest`)
 * @returns `entries` of all groups and `paths` of all groups
 * @throws TypeError / RangeError / FormatError as {@link parseTfjsModelJson}
 *
 * @example
 * ```ts
 * const { entries, paths } = flattenManifest([
 *   { paths: ['a.bin'], weights: [{ name: 'x', shape: [1], dtype: 'float32' }] },
 *   { paths: ['b1.bin', 'b2.bin'], weights: [{ name: 'y', shape: [], dtype: 'int32' }] },
 * ]);
 * paths; // ['a.bin', 'b1.bin', 'b2.bin']
 * entries.map((e) => e.name); // ['x', 'y']
 * ```
 */
export function flattenManifest(manifest: TfjsWeightsManifest): { entries: TfjsWeightsManifestEntry[]; paths: string[] } {
  const groups = checkManifest('flattenManifest', 'manifest', manifest);
  const entries: TfjsWeightsManifestEntry[] = [];
  const paths: string[] = [];
  for (const g of groups) {
    for (const e of g.weights) entries.push(e);
    for (const p of g.paths) paths.push(p);
  }
  return { entries, paths };
}

function checkModelFields(fn: string, m: Record<string, unknown>): void {
  for (const k of ['format', 'generatedBy'] as const) {
    if (m[k] !== undefined && typeof m[k] !== 'string') typeError(fn, `${k} must be a string (got ${describe(m[k])})`);
  }
  const c = m.convertedBy;
  if (c !== undefined && c !== null && typeof c !== 'string') typeError(fn, `convertedBy must be a string or null (got ${describe(c)})`);
}

/**
 * Reads a parsed model.json, or a bare `*-weights_manifest.json` array, into its weights manifest and
 * the rest of the model.
 *
 * @remarks
 * Pass the value of `JSON.parse`. An object must have `weightsManifest`; its other fields are returned as
 * `model` (a shallow copy, so `modelTopology` and unknown fields pass through). An array is a bare
 * manifest and gives `model: null`. The manifest is validated and deep-copied with the known entry
 * fields (name, shape, dtype, quantization {dtype, scale, min, original_dtype}, group). Errors name the
 * field, e.g. `weightsManifest[0].weights[3].shape[1]`.
 *
 * @param json - a parsed model.json object or weights-manifest array
 * @returns `manifest` and `model` (null for a bare manifest)
 * @throws TypeError if `json` or a field has the wrong type (a string: parse it first)
 * @throws RangeError if a shape entry is not a non-negative safe integer
 * @throws FormatError BadField for a dtype or quantization tfjs does not know or cannot load
 *
 * @example
 * ```ts
 * const r = parseTfjsModelJson({ format: 'layers-model', modelTopology: {}, weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'k', shape: [3], dtype: 'float32' }] }] });
 * r.model; // { format: 'layers-model', modelTopology: {} }
 * r.manifest[0].paths; // ['w.bin']
 * parseTfjsModelJson([]).model; // null
 * ```
 */
export function parseTfjsModelJson(json: unknown): { manifest: TfjsWeightsManifest; model: Omit<TfjsModelJson, 'weightsManifest'> | null } {
  const fn = 'parseTfjsModelJson';
  if (Array.isArray(json)) return { manifest: checkManifest(fn, 'manifest', json), model: null };
  if (!isPlainObject(json)) {
    const hint = typeof json === 'string' ? ' (parse the text with JSON.parse first)' : '';
    typeError(fn, `json must be a model.json object or a weights manifest array (got ${describe(json)})${hint}`);
  }
  if (!('weightsManifest' in json)) typeError(fn, 'json has no weightsManifest: not a tfjs model.json');
  const { weightsManifest, ...model } = json;
  const manifest = checkManifest(fn, 'weightsManifest', weightsManifest);
  checkModelFields(fn, model);
  return { manifest, model };
}

/**
 * The JSON to write back: a model.json with one weights group, or (for `model` null) a bare weights
 * manifest with one group.
 *
 * @remarks
 * The result holds copies of `model`'s fields (a `weightsManifest` among them is replaced), of the
 * validated `entries` and of `shardPaths`. Write `data` from {@link encodeTfjsWeights} as the
 * concatenation of the shard files, in order (one path for a single file). A weight with bytes needs at
 * least one shard path.
 *
 * @param model - the non-weight fields of a model.json ({@link parseTfjsModelJson}'s `model`) or null
 * @param entries - the manifest entries, e.g. from {@link encodeTfjsWeights}
 * @param shardPaths - the weight file names, relative to the model.json
 * @returns a {@link TfjsModelJson} when `model` is an object, else a {@link TfjsWeightsManifest}
 * @throws TypeError if an argument or field has the wrong type
 * @throws RangeError for a bad shape, or weights without shard paths
 * @throws FormatError BadField for a dtype or quantization tfjs does not know or cannot load
 *
 * @example
 * ```ts
 * const entries = [{ name: 'b', shape: [2], dtype: 'float32' }];
 * toTfjsModelJson(null, entries, ['w.bin']); // [{ paths: ['w.bin'], weights: [{ name: 'b', shape: [2], dtype: 'float32' }] }]
 * toTfjsModelJson({ format: 'graph-model' }, entries, ['w.bin']).format; // 'graph-model'
 * ```
 */
export function toTfjsModelJson(model: Omit<TfjsModelJson, 'weightsManifest'>, entries: readonly TfjsWeightsManifestEntry[], shardPaths: readonly string[]): TfjsModelJson;
export function toTfjsModelJson(model: null, entries: readonly TfjsWeightsManifestEntry[], shardPaths: readonly string[]): TfjsWeightsManifest;
export function toTfjsModelJson(
  model: Omit<TfjsModelJson, 'weightsManifest'> | null,
  entries: readonly TfjsWeightsManifestEntry[],
  shardPaths: readonly string[],
): TfjsModelJson | TfjsWeightsManifest;
export function toTfjsModelJson(
  model: Omit<TfjsModelJson, 'weightsManifest'> | null,
  entries: readonly TfjsWeightsManifestEntry[],
  shardPaths: readonly string[],
): TfjsModelJson | TfjsWeightsManifest {
  const fn = 'toTfjsModelJson';
  if (model !== null && !isPlainObject(model)) typeError(fn, `model must be an object or null (got ${describe(model)})`);
  const weights = checkEntries(fn, 'entries', entries);
  const paths = checkStringArray(fn, 'shardPaths', shardPaths);
  if (paths.length === 0 && weights.some((e) => !e.shape.includes(0))) rangeError(fn, `shardPaths is empty but the ${weights.length} entries hold weights`);
  const manifest: TfjsWeightsManifest = [{ paths, weights }];
  if (model === null) return manifest;
  checkModelFields(fn, model);
  return { ...model, weightsManifest: manifest };
}
