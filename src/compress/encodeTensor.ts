// One tensor → one record (docs/format.md "Tensor record"), with its report.
import { checkFinite, rangeError } from '../core/index.js';
import type { CodingMethod } from '../coding/container.js';
import { huffmanEncode } from '../coding/huffmanEncode.js';
import { symbolEntropy } from '../entropy/symbolEntropy.js';
import { applyMask } from '../prune/applyMask.js';
import { magnitudeMask } from '../prune/magnitudeMask.js';
import type { CalibrationMethod } from '../quant/createObserver.js';
import { dequantizeCodes, planeBytesOf } from './decodeTensor.js';
import { ByteSink, PLANE_WIDTH, recordCrc, STREAM_BARE, STREAM_ZERO_RUN, writeTensorHeader } from './tensorFormat.js';
import { HEADER_BYTES as CONTAINER_HEADER_BYTES } from '../coding/container.js';
import type { AffineStorage, PlaneStorage, TensorHeader } from './tensorFormat.js';
import { float32Bytes, reconstructionError } from './tensorReport.js';
import type { TensorReport } from './tensorReport.js';
import type { NamedTensor, WeightDtype } from './types.js';
import { channelClip, defaultChannelAxis, mseScales, quantizeSymmetric, symmetricScales } from './weightQuant.js';

/** Everything that decides how one tensor is stored, already validated. */
export interface TensorPlan {
  /** keep the stored values bit-exactly (tfjs codes as codes, floats as byte planes) */
  lossless: boolean;
  /** fraction of the weights to prune by magnitude, 0 for none */
  pruneAmount: number;
  bits: number;
  /** channel axis of the scales; 'auto' picks {@link defaultChannelAxis}, −1 one scale */
  axis: number | 'auto';
  calibration: CalibrationMethod;
  percentile: number | undefined;
  coding: 'auto' | CodingMethod;
}

/** How one tensor will be stored: the header fields, the symbols to code and what decoding gives. */
interface Layout extends Pick<TensorHeader, 'encoding' | 'planeStorage' | 'affineStorage' | 'bits' | 'axis' | 'scale' | 'offset' | 'grid'> {
  /** the symbol arrays to code, one per stream */
  symbols: (Uint8Array | Int8Array | Uint16Array)[];
  /** what the decoder will produce */
  reconstruction: ArrayLike<number>;
}

/** Appends the record of `t` to `sink` and reports on it. */
export function encodeTensorRecord(fn: string, sink: ByteSink, t: NamedTensor, plan: TensorPlan): TensorReport & { signal: number; noise: number } {
  const start = sink.length;
  const layout = t.dtype !== 'float32' ? losslessLayout(t) : plan.lossless ? losslessLayout(prunedFloat(fn, t, plan.pruneAmount)) : lossyLayout(fn, t, plan);
  const coded = plan.coding === 'raw' ? [] : layout.symbols.map((symbols) => huffmanEncode(symbols, { method: plan.coding }));
  const crcAt = writeTensorHeader(sink, { dtype: t.dtype, shape: [...t.shape], ...layout });
  const headerEnd = sink.length;
  const coding: CodingMethod[] = [];
  const bareSpans: [number, number][] = [];
  let streamBytes = 0;
  let valueBytes = 0;
  layout.symbols.forEach((symbols, k) => {
    const container = coded[k];
    const method = container === undefined ? 0 : container[6]!;
    const bare = plan.coding === 'raw' || method === 0 || (plan.coding === 'auto' && symbols.byteLength <= codedStreamBytes(container!) - 1);
    if (bare) {
      sink.u8(STREAM_BARE);
      const at = sink.length;
      if (symbols instanceof Uint16Array) for (let i = 0; i < symbols.length; i++) sink.u16(symbols[i]!);
      else sink.bytes(new Uint8Array(symbols.buffer, symbols.byteOffset, symbols.byteLength));
      bareSpans.push([at, sink.length]);
      coding.push('raw');
      streamBytes += symbols.byteLength;
      valueBytes += symbols.byteLength;
      return;
    }
    const body = container!.subarray(CONTAINER_HEADER_BYTES);
    const at = sink.length;
    sink.u8(method);
    sink.bytes(container!.subarray(16, 20));
    sink.varint(body.length);
    sink.bytes(body);
    const size = sink.length - at;
    coding.push(METHOD_BY_CODE[method]!);
    streamBytes += size;
    valueBytes += method === STREAM_ZERO_RUN ? valuesOnlyBytes(symbols) : size;
  });
  sink.patchU32(crcAt, recordCrc(sink, start, crcAt, headerEnd, bareSpans));
  const bytes = sink.length - start;
  const n = t.data.length;
  const err = reconstructionError(t.data, layout.reconstruction);
  const perWeight = n === 0 ? 0 : 8 / n;
  return {
    name: t.name,
    shape: [...t.shape],
    dtype: t.dtype,
    parameters: n,
    encoding: layout.encoding,
    storage: layout.encoding === 'planes' ? layout.planeStorage : layout.affineStorage,
    coding,
    axis: layout.axis,
    sparsity: n === 0 ? 0 : zerosIn(layout.reconstruction) / n,
    bits: layout.bits,
    entropyBitsPerWeight: layout.symbols.reduce((s, x) => s + (x.length === 0 ? 0 : symbolEntropy(x)), 0),
    valueBitsPerWeight: valueBytes * perWeight,
    structureBitsPerWeight: Math.max(0, streamBytes - valueBytes) * perWeight,
    overheadBitsPerWeight: (bytes - streamBytes) * perWeight,
    bitsPerWeight: bytes * perWeight,
    bytes,
    originalBytes: float32Bytes(t.dtype, n),
    ratio: bytes === 0 ? 0 : float32Bytes(t.dtype, n) / bytes,
    ...err,
  };
}

/** A lossless plan with pruning: the pruned floats, bit-exact otherwise. */
function prunedFloat(fn: string, t: NamedTensor, amount: number): NamedTensor {
  if (amount === 0) return t;
  const x = t.data as Float32Array;
  checkFinite(fn, `data of '${t.name}'`, x);
  return { name: t.name, shape: t.shape, dtype: t.dtype, data: applyMask(x, magnitudeMask(x, { amount })) };
}

/** Bytes of a coded stream after its tag: CRC, varint body length, body. */
function codedStreamBytes(container: Uint8Array): number {
  const body = container.length - CONTAINER_HEADER_BYTES;
  return 4 + Math.max(1, Math.ceil(Math.log2(body + 1) / 7)) + body;
}

const METHOD_BY_CODE: readonly CodingMethod[] = ['raw', 'huffman', 'zero-run'];

/** Coded size of the nonzero symbols alone: what the values cost without their positions. */
function valuesOnlyBytes(symbols: Uint8Array | Int8Array | Uint16Array): number {
  let nz = 0;
  for (let i = 0; i < symbols.length; i++) if (symbols[i] !== 0) nz++;
  const values = new (symbols.constructor as Uint8ArrayConstructor)(nz);
  let j = 0;
  for (let i = 0; i < symbols.length; i++) if (symbols[i] !== 0) values[j++] = symbols[i]!;
  return 1 + codedStreamBytes(huffmanEncode(values, { method: 'auto' }));
}

function zerosIn(x: ArrayLike<number>): number {
  let z = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === 0) z++;
  return z;
}

const NO_SCALES = new Float64Array(0);

function losslessLayout(t: NamedTensor): Layout {
  const q = t.quantization;
  const base = { axis: -1, scale: NO_SCALES, offset: NO_SCALES, grid: 0, affineStorage: 'symmetric' as AffineStorage, planeStorage: 'float32' as PlaneStorage };
  if (q !== undefined && (q.dtype === 'uint8' || q.dtype === 'uint16') && t.dtype !== 'bool') {
    const scale = Float64Array.of(q.scale ?? 1);
    const offset = Float64Array.of(q.min ?? 0);
    const affineStorage: AffineStorage = q.dtype === 'uint8' ? 'tfjs-uint8' : 'tfjs-uint16';
    const codes = q.codes;
    return {
      ...base, encoding: 'affine', affineStorage, bits: q.dtype === 'uint8' ? 8 : 16, scale, offset, symbols: [codes],
      reconstruction: dequantizeCodes(codes, t.dtype, [codes.length], -1, scale, offset),
    };
  }
  if (q !== undefined && q.dtype === 'float16' && t.dtype === 'float32') {
    return { ...base, encoding: 'planes', planeStorage: 'float16', bits: 16, symbols: bytePlanes(q.codes, 2), reconstruction: planeBytesOf('float16', q.codes) };
  }
  const planeStorage: PlaneStorage = t.dtype === 'bool' ? 'uint8' : t.dtype;
  return { ...base, encoding: 'planes', planeStorage, bits: 8 * PLANE_WIDTH[planeStorage], symbols: bytePlanes(t.data, PLANE_WIDTH[planeStorage]), reconstruction: t.data };
}

/**
 * Step of the grid the values already lie on: a tfjs uint8/uint16 tensor whose real 0 is a code
 * (tfjs-converter nudges min so that it is). 0 when there is none.
 */
export function sourceGridStep(t: NamedTensor): number {
  const q = t.quantization;
  if (q === undefined || (q.dtype !== 'uint8' && q.dtype !== 'uint16') || q.scale === undefined || q.min === undefined || !(q.scale > 0)) return 0;
  const zero = Math.round(-q.min / q.scale);
  return Math.abs(q.min + zero * q.scale) <= q.scale * 1e-6 ? q.scale : 0;
}

/** Plane k holds byte k (little-endian) of every element. */
export function bytePlanes(x: ArrayBufferView & ArrayLike<number>, width: number): Uint8Array[] {
  const n = x.length;
  const all = new Uint8Array(x.buffer, x.byteOffset, n * width);
  const planes: Uint8Array[] = [];
  for (let k = 0; k < width; k++) {
    const p = new Uint8Array(n);
    for (let i = 0, j = k; i < n; i++, j += width) p[i] = all[j]!;
    planes.push(p);
  }
  return planes;
}

function lossyLayout(fn: string, t: NamedTensor, plan: TensorPlan): Layout {
  const shape = t.shape;
  let x = t.data as Float32Array;
  checkFinite(fn, `data of '${t.name}'`, x);
  if (plan.pruneAmount > 0) x = applyMask(x, magnitudeMask(x, { amount: plan.pruneAmount }));
  const axis = plan.axis === 'auto' ? defaultChannelAxis(shape) : plan.axis;
  if (axis >= shape.length) rangeError(fn, `axis ${axis} is not an axis of '${t.name}' (shape [${shape.join(', ')}])`);
  const grid = sourceGridStep(t);
  const scale = plan.calibration === 'mse'
    ? mseScales(x, shape, axis, plan.bits, grid)
    : symmetricScales(channelClip(x, shape, axis, plan.calibration, plan.percentile, plan.pruneAmount > 0), plan.bits, grid);
  const offset = new Float64Array(scale.length);
  const codes = x.length === 0 ? new Int8Array(0) : quantizeSymmetric(x, shape, axis, scale, plan.bits);
  return {
    encoding: 'affine', planeStorage: 'float32', affineStorage: grid > 0 ? 'grid' : 'symmetric', bits: plan.bits, axis, scale, offset, grid, symbols: [codes],
    reconstruction: dequantizeCodes(codes, 'float32' as WeightDtype, shape, axis, scale, offset),
  };
}
