// One record → one tensor. Every length was checked by readTensorHeader; the streams are
// decoded into buffers sized from the checked shape, never from a stream's own claim.
import { decodeContainerImpl } from '../coding/huffmanDecode.js';
import { dtypeCodeOf, HEADER_BYTES, writeHeader } from '../coding/container.js';
import { decodeFloat16 } from './float16.js';
import { PLANE_WIDTH, readTensorHeader, STREAM_BARE } from './tensorFormat.js';
import type { PlaneStorage, TensorHeader } from './tensorFormat.js';
import type { NamedTensor, TfjsQuantization, WeightDtype } from './types.js';
import { splitAxis } from './weightQuant.js';

/** A decoded record: the tensor and how the record stored it. */
export interface DecodedTensor {
  shape: number[];
  dtype: WeightDtype;
  data: Float32Array | Int32Array | Uint8Array;
  quantization?: TfjsQuantization;
}

/** Decodes the record `bytes[start, end)`. */
export function decodeTensorRecord(fn: string, bytes: Uint8Array, maxElements: number, start = 0, end = bytes.length): DecodedTensor {
  return decodeWithHeader(fn, bytes, readTensorHeader(fn, bytes, maxElements, start, end));
}

/** Decodes a record whose header {@link readTensorHeader} has parsed and checked. */
export function decodeWithHeader(fn: string, bytes: Uint8Array, h: TensorHeader, onSymbols?: SymbolsSink): DecodedTensor {
  return h.encoding === 'planes' ? decodePlanes(fn, bytes, h, onSymbols) : decodeAffine(fn, bytes, h, onSymbols);
}

/** Receives each decoded stream's symbols (the buffer may be reused afterwards). */
export type SymbolsSink = (symbols: Uint8Array | Int8Array | Uint16Array) => void;

function stream(fn: string, bytes: Uint8Array, h: TensorHeader, k: number, out: Uint8Array | Int8Array | Uint16Array, onSymbols?: SymbolsSink): void {
  decodeStream(fn, bytes, h, k, out);
  onSymbols?.(out);
}

function decodeStream(fn: string, bytes: Uint8Array, h: TensorHeader, k: number, out: Uint8Array | Int8Array | Uint16Array): void {
  const st = h.streams[k]!;
  const sub = bytes.subarray(st.start, st.end);
  if (st.tag === STREAM_BARE) {
    if (out instanceof Uint16Array) for (let i = 0; i < h.size; i++) out[i] = sub[2 * i]! | (sub[2 * i + 1]! << 8);
    else new Uint8Array(out.buffer, out.byteOffset, h.size).set(sub);
    return;
  }
  const container = new Uint8Array(HEADER_BYTES + sub.length);
  writeHeader(container, dtypeCodeOf(out), st.tag, h.size, sub.length, st.crc);
  container.set(sub, HEADER_BYTES);
  decodeContainerImpl(fn, container, h.size, out);
}

function decodePlanes(fn: string, bytes: Uint8Array, h: TensorHeader, onSymbols?: SymbolsSink): DecodedTensor {
  const width = PLANE_WIDTH[h.planeStorage];
  const n = h.size;
  const all = new Uint8Array(n * width);
  const plane = new Uint8Array(n);
  for (let k = 0; k < width; k++) {
    stream(fn, bytes, h, k, plane, onSymbols);
    for (let i = 0, j = k; i < n; i++, j += width) all[j] = plane[i]!;
  }
  const base = { shape: h.shape, dtype: h.dtype };
  if (h.planeStorage === 'float16') {
    const codes = new Uint16Array(all.buffer);
    return { ...base, data: decodeFloat16(codes), quantization: { dtype: 'float16', codes } };
  }
  return { ...base, data: planeBytesOf(h.planeStorage, all) as Float32Array | Int32Array | Uint8Array };
}

/** The elements whose little-endian bytes (or float16 codes) these are. */
export function planeBytesOf(storage: PlaneStorage, raw: Uint8Array | Uint16Array): Float32Array | Int32Array | Uint8Array {
  if (storage === 'float16') return decodeFloat16(raw as Uint16Array);
  const bytes = raw as Uint8Array;
  if (storage === 'float32') return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  if (storage === 'int32') return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  return bytes;
}

function decodeAffine(fn: string, bytes: Uint8Array, h: TensorHeader, onSymbols?: SymbolsSink): DecodedTensor {
  const signed = h.affineStorage === 'symmetric' || h.affineStorage === 'grid';
  const codes = signed ? new Int8Array(h.size) : h.affineStorage === 'tfjs-uint8' ? new Uint8Array(h.size) : new Uint16Array(h.size);
  stream(fn, bytes, h, 0, codes, onSymbols);
  const data = dequantizeCodes(codes, h.dtype, h.shape, h.axis, h.scale, h.offset);
  if (signed) return { shape: h.shape, dtype: h.dtype, data };
  const dtype = h.affineStorage === 'tfjs-uint8' ? 'uint8' : 'uint16';
  return { shape: h.shape, dtype: h.dtype, data, quantization: { dtype, scale: h.scale[0]!, min: h.offset[0]!, codes: codes as Uint8Array | Uint16Array } };
}

/** value = code·scale[c] + offset[c] in float64, stored as float32 (int32: rounded, as tfjs does). */
export function dequantizeCodes(
  codes: Int8Array | Uint8Array | Uint16Array, dtype: WeightDtype, shape: readonly number[], axis: number, scale: Float64Array, offset: Float64Array,
): Float32Array | Int32Array {
  const [outer, channels, inner] = splitAxis(codes, shape, axis);
  const out = dtype === 'int32' ? new Int32Array(codes.length) : new Float32Array(codes.length);
  const round = dtype === 'int32';
  let i = 0;
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      const s = scale[c]!;
      const b = offset[c]!;
      const end = i + inner;
      if (round) for (; i < end; i++) out[i] = Math.round(codes[i]! * s + b);
      else for (; i < end; i++) out[i] = codes[i]! * s + b;
    }
  }
  return out;
}

/** The NamedTensor of a decoded record. */
export function namedTensor(name: string, d: DecodedTensor): NamedTensor {
  return d.quantization === undefined
    ? { name, shape: d.shape, dtype: d.dtype, data: d.data }
    : { name, shape: d.shape, dtype: d.dtype, data: d.data, quantization: d.quantization };
}
