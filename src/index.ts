// frugal: the whole CPU API, synchronous.
export * from './entropy/index.js';
export * from './coding/index.js';
export * from './conv/index.js';
export * from './quant/index.js';
export * from './prune/index.js';
export { FormatError, FormatErrorCode } from './core/errors.js';
export type { FormatErrorCodeValue } from './core/errors.js';
export type { FloatArray, ProbArray, IntArray, Tensor } from './core/types.js';
export { sumPairwise, sumKahan } from './core/sum.js';
export { createRng } from './core/prng.js';
export type { Rng } from './core/prng.js';
export { VERSION } from './version.js';
