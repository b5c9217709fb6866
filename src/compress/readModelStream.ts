import { describe, formatError, FormatErrorCode, typeError } from '../core/index.js';
import { decodeTensorRecord, namedTensor } from './decodeTensor.js';
import { NO_NAME, readEntrySpan, readModelHeader } from './modelFormat.js';
import type { ModelHeader } from './modelFormat.js';
import { modelLimits } from './modelLimits.js';
import type { ReadModelOptions } from './modelLimits.js';
import { userMetadata } from './readModelEntries.js';
import type { NamedTensor } from './types.js';

/** Options of {@link readModelStream}. */
export interface ReadModelStreamOptions extends ReadModelOptions {
  /** Called once with the container's metadata, before the first tensor. */
  onMetadata?: (metadata: Record<string, unknown>) => void;
}

/** Byte chunks: an async iterable (a Node stream, a generator) or a web ReadableStream. */
export type ByteChunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array> | ReadableStream<Uint8Array>;

/**
 * Decodes a model container as its bytes arrive (a file stream, a fetch body), yielding each
 * tensor as soon as its record is complete.
 *
 * @remarks
 * Holds at most one undecoded record plus the chunk being read. Each length field is checked
 * against the caps as soon as it arrives, so a hostile header cannot make it buffer or allocate
 * beyond them; a stream that ends early is FormatError Truncated.
 *
 * @param chunks - the container's bytes in pieces of any size
 * @param options - {@link ReadModelStreamOptions}
 * @returns an async generator of NamedTensors, in stored order
 * @throws TypeError for a source that is not iterable or a chunk that is not a Uint8Array
 * @throws FormatError for corrupt, truncated or unsupported data, or data over a cap
 *
 * @example
 * ```ts
 * const { bytes } = compressModel([{ name: 'w', shape: [2], dtype: 'float32', data: new Float32Array([1, 2]) }]);
 * const names = [];
 * for await (const t of readModelStream([bytes.subarray(0, 7), bytes.subarray(7)])) names.push(t.name);
 * names; // ['w']
 * ```
 */
export async function* readModelStream(chunks: ByteChunks, options: ReadModelStreamOptions = {}): AsyncGenerator<NamedTensor, void, undefined> {
  const fn = 'readModelStream';
  const { onMetadata, ...caps } = options ?? {};
  if (onMetadata !== undefined && typeof onMetadata !== 'function') typeError(fn, `onMetadata must be a function (got ${describe(onMetadata)})`);
  const limits = modelLimits(fn, caps);
  let store = new Uint8Array(0);
  let len = 0;
  let buf = store.subarray(0, 0);
  const consume = (n: number): void => {
    store.copyWithin(0, n, len);
    len -= n;
    buf = store.subarray(0, len);
  };
  let header: ModelHeader | undefined;
  let done = 0;
  let previous = NO_NAME;
  const drain = function* (): Generator<NamedTensor> {
    if (header === undefined) {
      header = readModelHeader(fn, buf, limits);
      if (header === undefined) return;
      onMetadata?.(userMetadata(header.metadata));
      consume(header.entriesStart);
    }
    while (done < header.tensorCount) {
      const span = readEntrySpan(fn, buf, 0, limits, previous);
      if (span === undefined) return;
      const t = namedTensor(span.name, decodeTensorRecord(fn, buf, limits.maxElements, span.recordStart, span.recordEnd));
      consume(span.recordEnd);
      previous = span.nameBytes;
      done++;
      yield t;
    }
    if (buf.length > 0) formatError(fn, FormatErrorCode.TrailingData, `${buf.length} bytes follow the last tensor`);
  };
  for await (const chunk of iterate(fn, chunks)) {
    if (!(chunk instanceof Uint8Array)) typeError(fn, `every chunk must be a Uint8Array (got ${describe(chunk)})`);
    if (chunk.length === 0) continue;
    if (len + chunk.length > store.length) {
      const next = new Uint8Array(Math.max(len + chunk.length, 2 * store.length));
      next.set(buf);
      store = next;
    }
    store.set(chunk, len);
    len += chunk.length;
    buf = store.subarray(0, len);
    yield* drain();
  }
  yield* drain();
  if (header === undefined || done < header.tensorCount) {
    formatError(fn, FormatErrorCode.Truncated, header === undefined ? 'the stream ends inside the container header' : `the stream ends inside tensor ${done} of ${header.tensorCount}`);
  }
}

async function* iterate(fn: string, chunks: ByteChunks): AsyncGenerator<unknown> {
  if (chunks !== null && typeof chunks === 'object') {
    if (Symbol.asyncIterator in chunks) {
      yield* chunks as AsyncIterable<unknown>;
      return;
    }
    if (Symbol.iterator in chunks) {
      yield* chunks as Iterable<unknown>;
      return;
    }
    if (typeof (chunks as ReadableStream<Uint8Array>).getReader === 'function') {
      const reader = (chunks as ReadableStream<Uint8Array>).getReader();
      try {
        for (;;) {
          const r = await reader.read();
          if (r.done) return;
          yield r.value;
        }
      } finally {
        reader.releaseLock();
      }
    }
  }
  typeError(fn, `chunks must be an iterable, async iterable or ReadableStream of Uint8Array (got ${describe(chunks)})`);
}
