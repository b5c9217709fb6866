// The frugal model container (docs/format.md, "Model container"): a header with JSON
// metadata, then one (name, tensor record) entry after another, readable entry by entry.
import { formatError, FormatErrorCode, rangeError } from '../core/index.js';
import { crc32Impl } from '../coding/crc32.js';
import { ByteSink } from './tensorFormat.js';

export const MODEL_MAGIC = [0x46, 0x4d, 0x44, 0x4c] as const; // 'FMDL'
export const MODEL_VERSION = 1;
export const MODEL_HEADER_BYTES = 20;
export const DEFAULT_MAX_METADATA_BYTES = 64 * 2 ** 20;
export const DEFAULT_MAX_TENSORS = 2 ** 20;
export const DEFAULT_MAX_RECORD_BYTES = 2 ** 31;

/** Caps a reader applies before allocating. */
export interface ModelLimits {
  maxElements: number;
  maxTensors: number;
  maxMetadataBytes: number;
  maxRecordBytes: number;
}

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Writes the container header and metadata. */
export function writeModelHeader(sink: ByteSink, metadata: Record<string, unknown>, tensorCount: number): void {
  const meta = utf8.encode(JSON.stringify(metadata));
  const start = sink.length;
  for (const b of MODEL_MAGIC) sink.u8(b);
  sink.u8(MODEL_VERSION);
  sink.u8(0);
  sink.u16(0);
  sink.u32(meta.length);
  sink.u32(tensorCount);
  sink.u32(0);
  sink.bytes(meta);
  sink.patchU32(start + 16, sink.crc(start + 20, sink.length, sink.crc(start + 4, start + 16)));
}

/** Length of the common prefix of two byte strings. */
function sharedPrefix(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length, 0xffff);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/**
 * Writes an entry's name (front-coded against the previous entry's name) and record length; the
 * record follows. Returns this name's UTF-8 bytes, the `previous` of the next entry.
 */
export function writeEntryHead(fn: string, sink: ByteSink, name: string, recordLength: number, previous: Uint8Array): Uint8Array {
  const n = utf8.encode(name);
  if (n.length > 0xffff) rangeError(fn, `tensor name '${name.slice(0, 40)}…' has ${n.length} UTF-8 bytes, more than 65535`);
  const shared = sharedPrefix(previous, n);
  sink.u16(shared);
  sink.u16(n.length - shared);
  sink.bytes(n.subarray(shared));
  sink.u32(recordLength);
  return n;
}

/** The parsed header: metadata, tensor count and where the entries start. */
export interface ModelHeader {
  metadata: Record<string, unknown>;
  tensorCount: number;
  entriesStart: number;
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/**
 * Parses the header from `bytes` (which may be only a prefix of the container). Returns
 * undefined when more bytes are needed; never allocates more than the metadata cap.
 */
export function readModelHeader(fn: string, bytes: Uint8Array, limits: ModelLimits): ModelHeader | undefined {
  for (let i = 0; i < 4 && i < bytes.length; i++) {
    if (bytes[i] !== MODEL_MAGIC[i]) formatError(fn, FormatErrorCode.BadMagic, 'not a frugal model container (magic FMDL expected)');
  }
  if (bytes.length < MODEL_HEADER_BYTES) return undefined;
  if (bytes[4] !== MODEL_VERSION) formatError(fn, FormatErrorCode.UnsupportedVersion, `model container version ${bytes[4]} is not supported (this decoder reads ${MODEL_VERSION})`);
  if (bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) formatError(fn, FormatErrorCode.BadField, 'reserved bytes 5..7 must be 0');
  const metaLength = u32(bytes, 8);
  const tensorCount = u32(bytes, 12);
  if (metaLength > limits.maxMetadataBytes) formatError(fn, FormatErrorCode.TooLarge, `metadata of ${metaLength} bytes exceeds maxMetadataBytes ${limits.maxMetadataBytes}`);
  if (tensorCount > limits.maxTensors) formatError(fn, FormatErrorCode.TooLarge, `${tensorCount} tensors exceed maxTensors ${limits.maxTensors}`);
  const end = MODEL_HEADER_BYTES + metaLength;
  if (bytes.length < end) return undefined;
  const crc = crc32Impl(bytes, MODEL_HEADER_BYTES, end, crc32Impl(bytes, 4, 16, 0));
  if (crc !== u32(bytes, 16)) formatError(fn, FormatErrorCode.BadChecksum, 'the container header and metadata do not match their checksum');
  let metadata: unknown;
  try {
    metadata = JSON.parse(utf8Strict.decode(bytes.subarray(MODEL_HEADER_BYTES, end)));
  } catch {
    formatError(fn, FormatErrorCode.BadField, 'the metadata is not UTF-8 JSON');
  }
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) formatError(fn, FormatErrorCode.BadField, 'the metadata is not a JSON object');
  return { metadata: metadata as Record<string, unknown>, tensorCount, entriesStart: end };
}

/** Where one entry lies: its name (and its UTF-8 bytes) and the record's byte range. */
export interface EntrySpan {
  name: string;
  nameBytes: Uint8Array;
  recordStart: number;
  recordEnd: number;
}

/** Parses the entry head at `at` (`previous`: the previous entry's name bytes); undefined when `bytes` ends before the whole entry. */
export function readEntrySpan(fn: string, bytes: Uint8Array, at: number, limits: ModelLimits, previous: Uint8Array): EntrySpan | undefined {
  if (bytes.length < at + 4) return undefined;
  const shared = bytes[at]! | (bytes[at + 1]! << 8);
  const suffix = bytes[at + 2]! | (bytes[at + 3]! << 8);
  if (shared > previous.length) formatError(fn, FormatErrorCode.Inconsistent, `a tensor name at byte ${at} shares ${shared} bytes with a previous name of ${previous.length}`);
  if (shared + suffix > 0xffff) formatError(fn, FormatErrorCode.BadField, `a tensor name at byte ${at} is longer than 65535 bytes`);
  const nameEnd = at + 4 + suffix;
  if (bytes.length < nameEnd + 4) return undefined;
  const nameBytes = new Uint8Array(shared + suffix);
  nameBytes.set(previous.subarray(0, shared));
  nameBytes.set(bytes.subarray(at + 4, nameEnd), shared);
  let name: string;
  try {
    name = utf8Strict.decode(nameBytes);
  } catch {
    formatError(fn, FormatErrorCode.BadField, `the tensor name at byte ${at} is not UTF-8`);
  }
  const recordLength = u32(bytes, nameEnd);
  if (recordLength > limits.maxRecordBytes) formatError(fn, FormatErrorCode.TooLarge, `tensor '${name}' has a record of ${recordLength} bytes, over maxRecordBytes ${limits.maxRecordBytes}`);
  const recordStart = nameEnd + 4;
  if (bytes.length < recordStart + recordLength) return undefined;
  return { name, nameBytes, recordStart, recordEnd: recordStart + recordLength };
}

/** The name bytes before the first entry. */
export const NO_NAME: Uint8Array = new Uint8Array(0);
