// frugal/compress: the Deep Compression pipeline, its tensor record and model container.
export { compressTensor } from './compressTensor.js';
export type { CompressTensorOptions, PruneSpec, QuantizeSpec } from './compressOptions.js';
export { decompressTensor } from './decompressTensor.js';
export type { DecompressTensorOptions } from './decompressTensor.js';
export type { TensorReport } from './tensorReport.js';
export { compressModel } from './compressModel.js';
export type { CompressModelOptions, ModelReport, StoredTensorReport } from './compressModel.js';
export { decompressModel } from './decompressModel.js';
export { readModelEntries } from './readModelEntries.js';
export { readModelStream } from './readModelStream.js';
export type { ReadModelStreamOptions, ByteChunks } from './readModelStream.js';
export { inspectModel } from './inspectModel.js';
export type { TensorInfo } from './inspectModel.js';
export type { ReadModelOptions } from './modelLimits.js';
export type { NamedTensor, TfjsQuantization, WeightDtype } from './types.js';
export { loadCompressedWeights } from './loadCompressedWeights.js';
export type { LoadedWeight } from './loadCompressedWeights.js';
export { frugalIOHandler } from './frugalIOHandler.js';
export type { FrugalIOHandler, FrugalModelArtifacts, FrugalModelSource } from './frugalIOHandler.js';
// tfjs weights in and out, and the float16 codec they use.
export { halfToFloat, floatToHalf, decodeFloat16, encodeFloat16 } from './float16.js';
export { decodeTfjsWeights, encodeTfjsWeights, flattenManifest, parseTfjsModelJson, toTfjsModelJson } from './tfjsWeights.js';
export type {
  TfjsWeightsManifestEntry,
  TfjsWeightsGroup,
  TfjsWeightsManifest,
  TfjsModelJson,
  TfjsStoredQuantization,
  TfjsNamedTensor,
} from './tfjsWeights.js';
export { FormatError, FormatErrorCode } from '../core/errors.js';
export type { FormatErrorCodeValue } from '../core/errors.js';
