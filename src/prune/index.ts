// frugal/prune: pruning masks, schedules and sparse formats.
export { magnitudeMask } from './magnitudeMask.js';
export type { MagnitudeMaskOptions } from './magnitudeMask.js';
export { globalMagnitudeMasks } from './globalMagnitudeMasks.js';
export type { GlobalMagnitudeMasksOptions } from './globalMagnitudeMasks.js';
export { randomMask } from './randomMask.js';
export type { RandomMaskOptions } from './randomMask.js';
export { applyMask } from './applyMask.js';
export type { ApplyMaskOptions } from './applyMask.js';
export { sparsity, axisDensity } from './sparsity.js';
export type { PruneAmountOptions, PruneRounding } from './pruneCount.js';
export { nmMask, isNM } from './nmMask.js';
export type { NmMaskOptions, IsNmOptions } from './nmMask.js';
export { lnStructuredMask } from './lnStructuredMask.js';
export type { LnStructuredMaskOptions, LnStructuredMaskResult } from './lnStructuredMask.js';
export { blockMask } from './blockMask.js';
export type { BlockMaskOptions } from './blockMask.js';
export { constantSparsity, polynomialDecay } from './schedules.js';
export type { PruningSchedule, ConstantSparsityOptions, PolynomialDecayOptions } from './schedules.js';
