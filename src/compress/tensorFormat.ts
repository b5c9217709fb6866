// The frugal tensor record (docs/format.md, "Tensor record"): byte layout, writer and a
// reader that checks every field against the buffer and the caller's caps before allocating.
import { formatError, FormatErrorCode } from '../core/index.js';
import { crc32Impl } from '../coding/crc32.js';
import type { WeightDtype } from './types.js';

export const TENSOR_MAGIC = [0x46, 0x54, 0x4e, 0x53] as const; // 'FTNS'
export const TENSOR_VERSION = 1;
export const MAX_RANK = 8;
export const DEFAULT_MAX_ELEMENTS = 2 ** 27;

export const DTYPE_CODES: readonly WeightDtype[] = ['float32', 'int32', 'bool']; // code = index + 1

/** planes: the element bytes, one Huffman stream per byte plane; affine: integer codes + scales. */
export type TensorEncoding = 'planes' | 'affine';
export const ENCODINGS: readonly TensorEncoding[] = ['planes', 'affine'];

/** How a stream is stored: 0 bare little-endian symbols, else the method of a headerless Huffman container. */
export const STREAM_BARE = 0;
export const STREAM_HUFFMAN = 1;
export const STREAM_ZERO_RUN = 2;

/** One stream of a record. */
export interface TensorStream {
  /** STREAM_BARE, STREAM_HUFFMAN or STREAM_ZERO_RUN */
  tag: number;
  /** the Huffman container's CRC-32 (coded streams) */
  crc: number;
  /** byte range of the symbols (bare) or of the container body (coded) */
  start: number;
  end: number;
}

/** What the planes hold: the element bytes of this storage type. */
export type PlaneStorage = 'float32' | 'int32' | 'uint8' | 'float16';
export const PLANE_STORAGES: readonly PlaneStorage[] = ['float32', 'int32', 'uint8', 'float16'];
export const PLANE_WIDTH: Record<PlaneStorage, number> = { float32: 4, int32: 4, uint8: 1, float16: 2 };

/**
 * symmetric: signed codes, value = code·scale (float32 scales); tfjs-uint8/16: tfjs affine codes,
 * value = code·scale + min; grid: signed codes on a grid aligned with a source step g, value =
 * code·k·g (one float64 g, a small integer k per channel).
 */
export type AffineStorage = 'symmetric' | 'tfjs-uint8' | 'tfjs-uint16' | 'grid';
export const AFFINE_STORAGES: readonly AffineStorage[] = ['symmetric', 'tfjs-uint8', 'tfjs-uint16', 'grid'];

/** Everything a tensor record says before its streams. */
export interface TensorHeader {
  dtype: WeightDtype;
  shape: number[];
  size: number;
  encoding: TensorEncoding;
  /** planes only */
  planeStorage: PlaneStorage;
  /** affine only */
  affineStorage: AffineStorage;
  /** affine only: bits per code (1..16) */
  bits: number;
  /** affine only: channel axis, -1 for per-tensor */
  axis: number;
  /** affine only: one scale and one offset per channel */
  scale: Float64Array;
  offset: Float64Array;
  /** grid storage only: the source step g (every scale is a whole multiple of it) */
  grid: number;
  /** the streams, in order */
  streams: TensorStream[];
}

/** Growable little-endian byte sink. */
export class ByteSink {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.reserve(1);
    this.buf[this.length++] = v;
  }

  u16(v: number): void {
    this.reserve(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }

  u32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }

  /** Unsigned LEB128, for values < 2^32. */
  varint(v: number): void {
    while (v >= 0x80) {
      this.u8((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.u8(v);
  }

  f32(v: number): void {
    this.reserve(4);
    this.view.setFloat32(this.length, v, true);
    this.length += 4;
  }

  f64(v: number): void {
    this.reserve(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** Overwrites 4 bytes at `at` (already written). */
  patchU32(at: number, v: number): void {
    this.view.setUint32(at, v, true);
  }

  crc(start: number, end: number, init = 0): number {
    return crc32Impl(this.buf, start, end, init);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** Little-endian reader over a byte range that throws FormatError instead of reading past it. */
export class ByteSource {
  private readonly view: DataView;
  at: number;

  constructor(
    private readonly fn: string,
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.at = start;
  }

  need(n: number, what: string): void {
    if (n > this.end - this.at) formatError(this.fn, FormatErrorCode.Truncated, `input ends inside ${what} (byte ${this.at}, ${n} needed, ${this.end - this.at} left)`);
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.at++]!;
  }

  u16(what: string): number {
    this.need(2, what);
    const v = this.view.getUint16(this.at, true);
    this.at += 2;
    return v;
  }

  u32(what: string): number {
    this.need(4, what);
    const v = this.view.getUint32(this.at, true);
    this.at += 4;
    return v;
  }

  /** Unsigned LEB128 of at most 5 bytes and value < 2^32. */
  varint(what: string): number {
    let v = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8(what);
      v += (b & 0x7f) * 2 ** (7 * i);
      if ((b & 0x80) === 0) {
        if (v > 0xffffffff) break;
        return v;
      }
    }
    return formatError(this.fn, FormatErrorCode.BadField, `${what} is not a valid varint below 2^32 (byte ${this.at})`);
  }

  f32(what: string): number {
    this.need(4, what);
    const v = this.view.getFloat32(this.at, true);
    this.at += 4;
    return v;
  }

  f64(what: string): number {
    this.need(8, what);
    const v = this.view.getFloat64(this.at, true);
    this.at += 8;
    return v;
  }

  take(n: number, what: string): [number, number] {
    this.need(n, what);
    const r: [number, number] = [this.at, this.at + n];
    this.at += n;
    return r;
  }
}

/** Shape checks shared by the writer and the reader: integers ≥ 0, rank ≤ 8, product ≤ cap. */
export function shapeSize(shape: readonly number[], maxElements: number, onError: (detail: string) => never): number {
  if (shape.length > MAX_RANK) onError(`rank ${shape.length} exceeds ${MAX_RANK}`);
  let size = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0 || d > 0xffffffff) onError(`shape [${shape.join(', ')}] has an invalid dimension`);
    size *= d;
  }
  if (size > maxElements) onError(`shape [${shape.join(', ')}] holds ${size} elements, over the cap of ${maxElements}`);
  return size;
}

/** Channel count of `axis` (−1: per-tensor, one channel). */
export function channelsOf(shape: readonly number[], axis: number): number {
  return axis < 0 ? 1 : shape[axis]!;
}

/** Writes the record's fixed header; the streams follow. Returns the offset of the CRC field. */
export function writeTensorHeader(sink: ByteSink, h: Omit<TensorHeader, 'streams' | 'size'>): number {
  for (const b of TENSOR_MAGIC) sink.u8(b);
  sink.u8(TENSOR_VERSION);
  sink.u8(DTYPE_CODES.indexOf(h.dtype) + 1);
  sink.u8(ENCODINGS.indexOf(h.encoding));
  sink.u8(h.shape.length);
  const crcAt = sink.length;
  sink.u32(0);
  for (const d of h.shape) sink.varint(d);
  if (h.encoding === 'planes') {
    sink.u8(PLANE_STORAGES.indexOf(h.planeStorage) + 1);
  } else {
    sink.u8(AFFINE_STORAGES.indexOf(h.affineStorage) + 1);
    sink.u8(h.bits);
    sink.u8(h.axis + 1);
    const c = h.scale.length;
    sink.varint(c);
    if (h.affineStorage === 'symmetric') {
      for (let i = 0; i < c; i++) sink.f32(h.scale[i]!);
    } else if (h.affineStorage === 'grid') {
      sink.f64(h.grid);
      for (let i = 0; i < c; i++) sink.varint(Math.round(h.scale[i]! / h.grid));
    } else {
      for (let i = 0; i < c; i++) sink.f64(h.scale[i]!);
      for (let i = 0; i < c; i++) sink.f64(h.offset[i]!);
    }
  }
  return crcAt;
}

/** Number of Huffman streams a record of this header carries. */
export function streamCount(h: Pick<TensorHeader, 'encoding' | 'planeStorage'>): number {
  return h.encoding === 'planes' ? PLANE_WIDTH[h.planeStorage] : 1;
}

/** Parses and checks a whole record `bytes[start, end)`: header, CRC, stream bounds. */
export function readTensorHeader(fn: string, bytes: Uint8Array, maxElements: number, start = 0, end = bytes.length): TensorHeader {
  const src = new ByteSource(fn, bytes, start, end);
  src.need(12, 'the tensor header');
  for (let i = 0; i < 4; i++) {
    if (bytes[start + i] !== TENSOR_MAGIC[i]) formatError(fn, FormatErrorCode.BadMagic, 'not a frugal tensor record (magic FTNS expected)');
  }
  src.at += 4;
  const version = src.u8('the version');
  if (version !== TENSOR_VERSION) formatError(fn, FormatErrorCode.UnsupportedVersion, `tensor record version ${version} is not supported (this decoder reads ${TENSOR_VERSION})`);
  const dtype = DTYPE_CODES[src.u8('the dtype') - 1];
  if (dtype === undefined) formatError(fn, FormatErrorCode.BadField, `unknown dtype code ${bytes[src.at - 1]}`);
  const encoding = ENCODINGS[src.u8('the encoding')];
  if (encoding === undefined) formatError(fn, FormatErrorCode.BadField, `unknown encoding code ${bytes[src.at - 1]}`);
  const rank = src.u8('the rank');
  const crcAt = src.at;
  const storedCrc = src.u32('the checksum');
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) shape.push(src.varint('the shape'));
  const size = shapeSize(shape, maxElements, (d) => formatError(fn, d.includes('cap') ? FormatErrorCode.TooLarge : FormatErrorCode.BadField, d));
  let planeStorage: PlaneStorage = 'float32';
  let affineStorage: AffineStorage = 'symmetric';
  let bits = 0;
  let axis = -1;
  let scale = new Float64Array(1);
  let offset = new Float64Array(1);
  let grid = 0;
  if (encoding === 'planes') {
    const s = PLANE_STORAGES[src.u8('the plane storage') - 1];
    if (s === undefined) formatError(fn, FormatErrorCode.BadField, `unknown plane storage code ${bytes[src.at - 1]}`);
    planeStorage = s;
    checkStorageDtype(fn, dtype, s === 'float16' ? 'float32' : s === 'uint8' ? 'bool' : s);
  } else {
    const s = AFFINE_STORAGES[src.u8('the code storage') - 1];
    if (s === undefined) formatError(fn, FormatErrorCode.BadField, `unknown code storage ${bytes[src.at - 1]}`);
    affineStorage = s;
    if (dtype === 'bool') formatError(fn, FormatErrorCode.BadField, 'a bool tensor cannot have affine codes');
    bits = src.u8('the code bits');
    const maxBits = s === 'tfjs-uint16' ? 16 : 8;
    if (bits < 1 || bits > maxBits) formatError(fn, FormatErrorCode.BadField, `code bits ${bits} outside [1, ${maxBits}]`);
    axis = src.u8('the channel axis') - 1;
    if (axis >= rank) formatError(fn, FormatErrorCode.BadField, `channel axis ${axis} is not an axis of shape [${shape.join(', ')}]`);
    const channels = src.varint('the channel count');
    if (channels !== channelsOf(shape, axis)) formatError(fn, FormatErrorCode.Inconsistent, `${channels} channels stored, shape [${shape.join(', ')}] has ${channelsOf(shape, axis)} on axis ${axis}`);
    src.need(s === 'symmetric' ? 4 * channels : s === 'grid' ? 8 + channels : 16 * channels, 'the scales and offsets');
    scale = new Float64Array(channels);
    offset = new Float64Array(channels);
    if (s === 'grid') {
      grid = src.f64('the grid step');
      if (!(grid > 0 && grid < Infinity)) formatError(fn, FormatErrorCode.BadField, `grid step ${grid} is not a positive finite number`);
      for (let i = 0; i < channels; i++) {
        const k = src.varint('a grid multiple');
        if (k < 1) formatError(fn, FormatErrorCode.BadField, `channel ${i} has grid multiple 0`);
        scale[i] = k * grid;
      }
    } else {
      for (let i = 0; i < channels; i++) scale[i] = s === 'symmetric' ? src.f32('a scale') : src.f64('a scale');
      if (s !== 'symmetric') for (let i = 0; i < channels; i++) offset[i] = src.f64('an offset');
    }
    for (let i = 0; i < channels; i++) {
      if (!Number.isFinite(scale[i]!) || !Number.isFinite(offset[i]!)) formatError(fn, FormatErrorCode.BadField, `channel ${i} has a non-finite scale or offset`);
    }
  }
  const headerEnd = src.at;
  const streams: TensorStream[] = [];
  const k = streamCount({ encoding, planeStorage });
  const bareLength = size * (encoding === 'affine' && affineStorage === 'tfjs-uint16' ? 2 : 1);
  let crc = crc32Impl(bytes, crcAt + 4, headerEnd, crc32Impl(bytes, start + 4, crcAt, 0));
  for (let i = 0; i < k; i++) {
    const tag = src.u8('a stream tag');
    if (tag === STREAM_BARE) {
      const [s0, s1] = src.take(bareLength, 'a bare stream');
      crc = crc32Impl(bytes, s0, s1, crc);
      streams.push({ tag, crc: 0, start: s0, end: s1 });
    } else if (tag === STREAM_HUFFMAN || tag === STREAM_ZERO_RUN) {
      if (size === 0) formatError(fn, FormatErrorCode.Inconsistent, 'an empty tensor cannot have a coded stream');
      const streamCrc = src.u32('a stream checksum');
      const [s0, s1] = src.take(src.varint('a stream length'), 'a stream');
      streams.push({ tag, crc: streamCrc, start: s0, end: s1 });
    } else formatError(fn, FormatErrorCode.BadField, `unknown stream tag ${tag}`);
  }
  if (src.at !== end) formatError(fn, FormatErrorCode.TrailingData, `${end - src.at} bytes after the last stream of the tensor record`);
  if (crc !== storedCrc) formatError(fn, FormatErrorCode.BadChecksum, 'the tensor record does not match its checksum');
  return { dtype, shape, size, encoding, planeStorage, affineStorage, bits, axis, scale, offset, grid, streams };
}

function checkStorageDtype(fn: string, dtype: WeightDtype, expected: WeightDtype): void {
  if (dtype !== expected) formatError(fn, FormatErrorCode.Inconsistent, `a ${dtype} tensor cannot be stored as ${expected} planes`);
}

/** Record CRC: bytes 4..crcAt (version to rank), the rest of the header after the CRC field, then each bare stream's bytes. */
export function recordCrc(sink: ByteSink, start: number, crcAt: number, headerEnd: number, bareSpans: readonly [number, number][]): number {
  let crc = sink.crc(crcAt + 4, headerEnd, sink.crc(start + 4, crcAt));
  for (const [s, e] of bareSpans) crc = sink.crc(s, e, crc);
  return crc;
}
