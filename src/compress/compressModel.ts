import { checkBoolean, checkInteger, checkOptions, describe, rangeError, typeError } from '../core/index.js';
import { tensorPlan } from './compressOptions.js';
import type { CompressTensorOptions } from './compressOptions.js';
import { encodeTensorRecord } from './encodeTensor.js';
import type { TensorPlan } from './encodeTensor.js';
import { NO_NAME, writeEntryHead, writeModelHeader } from './modelFormat.js';
import { ByteSink } from './tensorFormat.js';
import type { TensorReport } from './tensorReport.js';
import type { NamedTensor } from './types.js';
import { checkNamedTensor } from './namedTensorChecks.js';

/** Options of {@link compressModel}: those of {@link compressTensor}, applied per tensor, and these. */
export interface CompressModelOptions extends CompressTensorOptions {
  /** Keep every stored value bit-exactly: tfjs uint8/uint16/float16 codes as they are, floats as byte planes (overrides prune and quantize). */
  lossless?: boolean;
  /** Tensors of rank < 2 (biases, batch-norm vectors) are never pruned; 'exact' (default) stores them losslessly, a number 2..8 quantizes them with one scale. */
  vectorBits?: number | 'exact';
  /** Tensors to store losslessly whatever the other options say (anchors, embeddings): a name pattern or a predicate. */
  exact?: RegExp | ((t: NamedTensor) => boolean);
  /**
   * Per-tensor settings (mixed precision, per-layer sparsity): the options returned replace the
   * model's `prune`, `quantize` and `coding` for that tensor (vectors included); undefined keeps
   * the model's. `lossless` and `exact` take precedence.
   */
  tensorOptions?: (t: NamedTensor, index: number) => CompressTensorOptions | undefined;
  /** JSON-serialisable data stored with the weights (the tfjs model.json without its weightsManifest, for example). */
  metadata?: Record<string, unknown>;
  /** Called after each tensor. */
  onProgress?: (done: number, total: number, name: string) => void;
}

/**
 * Totals of a {@link compressModel} run, with every tensor's {@link TensorReport}.
 *
 * @example
 * ```ts
 * const { report } = compressModel([{ name: 'w', shape: [2], dtype: 'float32', data: new Float32Array([1, -1]) }]);
 * report.parameters; // 2
 * ```
 */
export interface ModelReport {
  tensors: TensorReport[];
  parameters: number;
  /** Size of the container. */
  bytes: number;
  /** Size as float32. */
  originalBytes: number;
  /** originalBytes / bytes. */
  ratio: number;
  bitsPerWeight: number;
  /** Parameter-weighted mean of the tensors' symbol entropies. */
  entropyBitsPerWeight: number;
  /** Fraction of exact zeros over all parameters. */
  sparsity: number;
  /** Over all float parameters. */
  mse: number;
  maxAbsError: number;
  /** 10·log10(Σx² / Σ(x − x̂)²) over all float parameters. */
  sqnrDb: number;
}

/**
 * Deep Compression of a whole model into one container: each named tensor is pruned,
 * quantized and entropy-coded by the rules of {@link compressTensor}, then stored with its name.
 *
 * @remarks
 * Tensors of rank ≥ 2 (kernels, matrices) take `prune` and `quantize` as given; tensors of rank
 * < 2 (biases, batch-norm vectors: few values, large effect) are never pruned and are kept exact
 * unless `vectorBits` is set; `exact` keeps chosen tensors (anchors, embeddings) exact too. int32
 * and bool tensors are always stored losslessly. When a weight arrives tfjs-quantized, its new
 * grid is aligned with the stored one (each channel's step a whole multiple of the tfjs step),
 * so channels that fit in `bits` keep their values exactly. With `lossless: true`, tfjs-quantized weights keep their uint8 /
 * uint16 / float16 codes exactly and are only entropy-coded, so decompressing reproduces the
 * shipped weights bit for bit. The container format is in docs/format.md; read it back with
 * {@link decompressModel}, {@link readModelEntries} (one tensor at a time) or
 * {@link loadCompressedWeights}.
 *
 * @param tensors - the model's weights (names unique)
 * @param options - {@link CompressModelOptions}
 * @returns the container and a {@link ModelReport}
 * @throws TypeError for wrong argument types
 * @throws RangeError for duplicate names, shapes that do not match, bad options
 *
 * @example
 * ```ts
 * const w = { name: 'dense/kernel', shape: [2, 2], dtype: 'float32' as const, data: new Float32Array([0.1, -2, 0.3, 4]) };
 * const { bytes, report } = compressModel([w], { prune: { amount: 0.5 } });
 * report.sparsity; // 0.5
 * Array.from(decompressModel(bytes).tensors[0].data, (v) => Math.round(v * 100) / 100); // [0, -2.02, 0, 4]
 * // mixed precision: the first layer at 8 bits, the others at 4
 * const mixed = compressModel([w, { ...w, name: 'out/kernel' }], { quantize: { bits: 4 }, tensorOptions: (t, i) => (i === 0 ? { quantize: { bits: 8 } } : undefined) });
 * mixed.report.tensors.map((t) => t.bits); // [8, 4]
 * ```
 */
export function compressModel(tensors: readonly NamedTensor[], options: CompressModelOptions = {}): { bytes: Uint8Array; report: ModelReport } {
  const fn = 'compressModel';
  if (!Array.isArray(tensors)) typeError(fn, `tensors must be an array of named tensors (got ${describe(tensors)})`);
  const o = checkOptions(fn, options);
  const lossless = checkBoolean(fn, 'lossless', o.lossless, false);
  const vectorBits = o.vectorBits === undefined || o.vectorBits === 'exact' ? 'exact' : checkInteger(fn, 'vectorBits', o.vectorBits, 2, 8);
  if (o.quantize !== undefined && o.quantize !== 'none' && typeof o.quantize === 'object' && o.quantize !== null && typeof o.quantize.axis === 'number') {
    rangeError(fn, 'quantize.axis must be omitted (each tensor\'s last axis longer than 1) or null (one scale) for a whole model');
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') typeError(fn, `onProgress must be a function (got ${describe(o.onProgress)})`);
  const metadata = o.metadata ?? {};
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) typeError(fn, `metadata must be a plain object (got ${describe(metadata)})`);
  const exact = o.exact === undefined ? () => false : o.exact instanceof RegExp ? (t: NamedTensor) => (o.exact as RegExp).test(t.name) : o.exact;
  if (typeof exact !== 'function') typeError(fn, `exact must be a RegExp or a function (got ${describe(o.exact)})`);
  if (o.tensorOptions !== undefined && typeof o.tensorOptions !== 'function') typeError(fn, `tensorOptions must be a function (got ${describe(o.tensorOptions)})`);
  const exactPlan = tensorPlan(fn, { quantize: 'none', ...(o.coding === undefined ? {} : { coding: o.coding }) });
  const modelTensorOptions: CompressTensorOptions = {
    ...(o.prune === undefined ? {} : { prune: o.prune }),
    ...(o.quantize === undefined ? {} : { quantize: o.quantize }),
    ...(o.coding === undefined ? {} : { coding: o.coding }),
  };
  const base = lossless ? exactPlan : tensorPlan(fn, o);
  const names = new Set<string>();
  tensors.forEach((t, i) => {
    checkNamedTensor(fn, `tensors[${i}]`, t);
    if (names.has(t.name)) rangeError(fn, `tensors[${i}]: the name '${t.name}' appears twice`);
    names.add(t.name);
  });
  const records: Uint8Array[] = [];
  const reports: TensorReport[] = [];
  let signal = 0;
  let noise = 0;
  tensors.forEach((t, i) => {
    const vector = t.shape.length < 2;
    const own = base.lossless || exact(t) ? undefined : o.tensorOptions?.(t, i);
    let plan: TensorPlan;
    if (own !== undefined) plan = tensorPlan(`${fn}: tensorOptions for '${t.name}'`, { ...modelTensorOptions, ...own });
    else if (exact(t) || (vector && vectorBits === 'exact')) plan = exactPlan;
    else plan = base.lossless || !vector ? base : { ...base, pruneAmount: 0, bits: vectorBits as number, axis: -1 };
    const record = new ByteSink();
    const { signal: s, noise: e, ...report } = encodeTensorRecord(own === undefined ? fn : `${fn}: tensorOptions for '${t.name}'`, record, t, plan);
    records.push(record.finish());
    if (t.dtype === 'float32') {
      signal += s;
      noise += e;
    }
    reports.push(report);
    o.onProgress?.(i + 1, tensors.length, t.name);
  });
  const sink = new ByteSink();
  writeModelHeader(sink, { model: metadata, compression: { errors: storedErrors(reports) } }, tensors.length);
  let previous = NO_NAME;
  tensors.forEach((t, i) => {
    previous = writeEntryHead(fn, sink, t.name, records[i]!.length, previous);
    sink.bytes(records[i]!);
  });
  const bytes = sink.finish();
  return { bytes, report: totals(reports, bytes.length, signal, noise) };
}

/**
 * The error measures a container keeps of its lossy tensors (what `frugal inspect` shows and
 * cannot recompute without the original), 4 significant digits.
 *
 * @example
 * ```ts
 * const { bytes } = compressModel([{ name: 'k', shape: [2, 2], dtype: 'float32', data: new Float32Array([1, 0.3, 0, -1]) }], { quantize: { bits: 2 } });
 * inspectModel(bytes).tensors[0].measured.maxAbsError; // 0.3
 * ```
 */
export interface StoredTensorReport {
  mse: number;
  maxAbsError: number;
  sqnrDb: number;
}

/** [index, sqnrDb, maxAbsError, mse] of each tensor that is not exact. */
function storedErrors(reports: readonly TensorReport[]): number[][] {
  const round = (v: number): number => Number(v.toPrecision(4));
  const out: number[][] = [];
  reports.forEach((r, i) => {
    if (r.mse > 0 || r.maxAbsError > 0) out.push([i, round(r.sqnrDb), round(r.maxAbsError), round(r.mse)]);
  });
  return out;
}

function totals(tensors: TensorReport[], bytes: number, signal: number, noise: number): ModelReport {
  let parameters = 0;
  let originalBytes = 0;
  let entropy = 0;
  let zeros = 0;
  let floats = 0;
  let maxAbsError = 0;
  for (const r of tensors) {
    parameters += r.parameters;
    originalBytes += r.originalBytes;
    entropy += r.entropyBitsPerWeight * r.parameters;
    zeros += r.sparsity * r.parameters;
    if (r.dtype === 'float32') floats += r.parameters;
    if (r.maxAbsError > maxAbsError || r.maxAbsError !== r.maxAbsError) maxAbsError = r.maxAbsError;
  }
  return {
    tensors,
    parameters,
    bytes,
    originalBytes,
    ratio: originalBytes / bytes,
    bitsPerWeight: parameters === 0 ? 0 : (8 * bytes) / parameters,
    entropyBitsPerWeight: parameters === 0 ? 0 : entropy / parameters,
    sparsity: parameters === 0 ? 0 : Math.round(zeros) / parameters,
    mse: floats === 0 ? 0 : noise / floats,
    maxAbsError,
    sqnrDb: noise === 0 ? Infinity : 10 * Math.log10(signal / noise),
  };
}
