import { describe, formatError, FormatErrorCode, typeError } from '../core/index.js';
import { decodeTensorRecord, namedTensor } from './decodeTensor.js';
import { NO_NAME, readEntrySpan, readModelHeader } from './modelFormat.js';
import type { EntrySpan, ModelHeader, ModelLimits } from './modelFormat.js';
import { modelLimits } from './modelLimits.js';
import type { ReadModelOptions } from './modelLimits.js';
import type { NamedTensor } from './types.js';

/**
 * The tensors of a model container, decoded one at a time as the generator is advanced.
 *
 * @remarks
 * Memory stays at one decoded tensor beyond what the caller keeps. A corrupt entry throws
 * FormatError when it is reached (the entries before it have been yielded). The metadata is
 * read by {@link decompressModel} or {@link inspectModel}.
 *
 * @param bytes - a container written by {@link compressModel}
 * @param options - {@link ReadModelOptions} caps
 * @returns a generator of NamedTensors, in stored order
 * @throws TypeError when bytes is not a Uint8Array
 * @throws FormatError for corrupt, truncated or unsupported data, or data over a cap
 *
 * @example
 * ```ts
 * const { bytes } = compressModel([{ name: 'b', shape: [2], dtype: 'int32', data: new Int32Array([7, -7]) }]);
 * [...readModelEntries(bytes)].map((t) => t.name); // ['b']
 * ```
 */
export function* readModelEntries(bytes: Uint8Array, options: ReadModelOptions = {}): Generator<NamedTensor, void, undefined> {
  const fn = 'readModelEntries';
  if (!(bytes instanceof Uint8Array)) typeError(fn, `bytes must be a Uint8Array (got ${describe(bytes)})`);
  const limits = modelLimits(fn, options);
  const header = wholeHeader(fn, bytes, limits);
  yield* entries(fn, bytes, header, limits);
}

/** The header of a complete container (a missing byte is Truncated). */
export function wholeHeader(fn: string, bytes: Uint8Array, limits: ModelLimits): ModelHeader {
  const h = readModelHeader(fn, bytes, limits);
  if (h === undefined) formatError(fn, FormatErrorCode.Truncated, `the container ends inside its header (${bytes.length} bytes)`);
  return h;
}

/** The entries of a complete container after its header, in order; checks that nothing follows. */
export function* entrySpans(fn: string, bytes: Uint8Array, header: ModelHeader, limits: ModelLimits): Generator<EntrySpan, void, undefined> {
  let at = header.entriesStart;
  let previous = NO_NAME;
  for (let i = 0; i < header.tensorCount; i++) {
    const span = readEntrySpan(fn, bytes, at, limits, previous);
    if (span === undefined) formatError(fn, FormatErrorCode.Truncated, `the container ends inside tensor ${i} of ${header.tensorCount}`);
    yield span;
    at = span.recordEnd;
    previous = span.nameBytes;
  }
  if (at !== bytes.length) formatError(fn, FormatErrorCode.TrailingData, `${bytes.length - at} bytes follow the last tensor`);
}

/** Decodes the entries of a complete container after its header, one at a time. */
export function* entries(fn: string, bytes: Uint8Array, header: ModelHeader, limits: ModelLimits): Generator<NamedTensor, void, undefined> {
  for (const span of entrySpans(fn, bytes, header, limits)) {
    yield namedTensor(span.name, decodeTensorRecord(fn, bytes, limits.maxElements, span.recordStart, span.recordEnd));
  }
}

/** The caller's metadata inside the container's JSON (its `model` member). */
export function userMetadata(json: Record<string, unknown>): Record<string, unknown> {
  const m = json['model'];
  return m !== null && typeof m === 'object' && !Array.isArray(m) ? (m as Record<string, unknown>) : {};
}
