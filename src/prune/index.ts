// frugal/prune: pruning masks, schedules and sparse formats.
export { magnitudeMask } from './magnitudeMask.js';
export type { MagnitudeMaskOptions } from './magnitudeMask.js';
export type { PruneAmountOptions, PruneRounding } from './pruneCount.js';
