// Internal barrel of src/core: what other areas import.
export type { FloatArray, ProbArray, IntArray, Tensor } from './types.js';
export { isTensor, isFloatArray } from './types.js';
export { FormatError, FormatErrorCode, rangeError, typeError, formatError } from './errors.js';
export type { FormatErrorCodeValue } from './errors.js';
export { typed, dispatcher } from './typed.js';
export * from './checks.js';
export { sumPairwise, sumKahan, neumaierAdd } from './sum.js';
export type { Neumaier } from './sum.js';
export { createRng } from './prng.js';
export type { Rng } from './prng.js';
