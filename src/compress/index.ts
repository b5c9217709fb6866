// frugal/compress: filled in by its issue. FormatError is exported here for its decoders.
export { FormatError, FormatErrorCode } from '../core/errors.js';
export type { FormatErrorCodeValue } from '../core/errors.js';
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
