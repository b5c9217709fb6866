import { describe, typeError } from '../core/index.js';
import { decompressModel } from './decompressModel.js';
import type { ReadModelOptions } from './modelLimits.js';
import { encodeTfjsWeights } from './tfjsWeights.js';
import type { WeightDtype } from './types.js';

/** Where {@link frugalIOHandler} gets the container: bytes, a URL to fetch, or a function. */
export type FrugalModelSource = Uint8Array | ArrayBuffer | string | URL | (() => Promise<Uint8Array | ArrayBuffer>);

/**
 * The tfjs `ModelArtifacts` a {@link frugalIOHandler} load resolves to: assignable to tfjs's own
 * type. A stored `trainingConfig` is passed through too (untyped here).
 */
export interface FrugalModelArtifacts {
  modelTopology?: object;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: object;
  userDefinedMetadata?: Record<string, object>;
  modelInitializer?: object;
  initializerSignature?: object;
  weightSpecs: { name: string; shape: number[]; dtype: WeightDtype }[];
  weightData: ArrayBuffer;
}

/** A tfjs `IOHandler` that loads (it cannot save). */
export interface FrugalIOHandler {
  load(): Promise<FrugalModelArtifacts>;
}

const MODEL_FIELDS = ['modelTopology', 'format', 'generatedBy', 'convertedBy', 'signature', 'userDefinedMetadata', 'modelInitializer', 'initializerSignature', 'trainingConfig'];

/**
 * A TensorFlow.js IOHandler over a frugal model container, so `tf.loadLayersModel(handler)` or
 * `tf.loadGraphModel(handler)` loads a compressed model directly.
 *
 * @remarks
 * The container must carry the model's topology, as `frugal compress model.json` stores it
 * (metadata `tfjs.model`); weights come back dequantized to float32 (int32 and bool as they
 * are). A string or URL is fetched with the global `fetch` when `load()` runs. tfjs is not
 * imported: the handler is a plain object, so this works with any tfjs 4.x.
 *
 * @param source - the container bytes, a URL, or an async function returning the bytes
 * @param options - {@link ReadModelOptions} caps for the decoder
 * @returns an IOHandler with `load()`
 * @throws TypeError for a source of another type
 *
 * @example
 * ```ts
 * const { bytes } = compressModel([{ name: 'd/kernel', shape: [1, 1], dtype: 'float32', data: new Float32Array([2]) }], { metadata: { tfjs: { model: { format: 'layers-model', modelTopology: {} } } } });
 * const handler = frugalIOHandler(bytes);
 * typeof handler.load; // 'function'
 * // const model = await tf.loadLayersModel(handler);
 * ```
 */
export function frugalIOHandler(source: FrugalModelSource, options: ReadModelOptions = {}): FrugalIOHandler {
  const fn = 'frugalIOHandler';
  const ok = source instanceof Uint8Array || source instanceof ArrayBuffer || typeof source === 'string' || source instanceof URL || typeof source === 'function';
  if (!ok) typeError(fn, `source must be a Uint8Array, ArrayBuffer, URL string or async function (got ${describe(source)})`);
  return {
    async load() {
      const bytes = await fetchBytes(fn, source);
      const { metadata, tensors } = decompressModel(bytes, options);
      const tfjs = metadata['tfjs'] as { model?: Record<string, unknown> | null } | undefined;
      const model = tfjs?.model ?? null;
      const { entries, data } = encodeTfjsWeights(tensors.map((t) => ({ name: t.name, shape: t.shape, dtype: t.dtype, data: t.data })));
      const weightSpecs = entries.map((e) => ({ name: e.name, shape: e.shape, dtype: e.dtype as WeightDtype }));
      const artifacts: FrugalModelArtifacts = { weightSpecs, weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer };
      if (model !== null && typeof model === 'object') {
        for (const k of MODEL_FIELDS) if (model[k] !== undefined) (artifacts as unknown as Record<string, unknown>)[k] = model[k];
      }
      return artifacts;
    },
  };
}

async function fetchBytes(fn: string, source: FrugalModelSource): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (typeof source === 'function') {
    const b = await source();
    if (b instanceof Uint8Array) return b;
    if (b instanceof ArrayBuffer) return new Uint8Array(b);
    typeError(fn, `the source function must resolve to a Uint8Array or ArrayBuffer (got ${describe(b)})`);
  }
  const res = await fetch(source);
  if (!res.ok) throw new Error(`${fn}: fetching ${String(source)} failed: ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}
