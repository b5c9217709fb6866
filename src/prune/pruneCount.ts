// How many entries a prune step removes: torch's float/int amount, TF-MOT's kept count, or a floor.
import { checkInRange, checkInteger, checkOneOf, rangeError, typeError } from '../core/index.js';

/**
 * How a fraction `amount` becomes a count of pruned entries out of `n`.
 * - `'torch'`: round-half-even(amount·n) pruned (torch.nn.utils.prune's float amount, Python `round`).
 * - `'tfmot'`: n − max(round-half-even(n·(1 − amount)), 1) pruned, in float32 as TF-MOT's
 *   `_update_mask` computes it (never prunes everything).
 * - `'floor'`: n − ⌊n·(1 − amount)⌋ pruned (the `int(keep·n)` of the movement-pruning binarizers).
 */
export type PruneRounding = 'torch' | 'tfmot' | 'floor';

/** The ways of saying how much to prune, shared by the mask functions. */
export interface PruneAmountOptions {
  /** Fraction in [0, 1] of the candidates to prune, rounded by `rounding`. */
  amount?: number;
  /** Exact number of candidates to prune, an integer in [0, candidates]. */
  count?: number;
  /** How `amount` becomes a count (default `'torch'`). */
  rounding?: PruneRounding;
}

const ROUNDINGS: readonly PruneRounding[] = ['torch', 'tfmot', 'floor'];

/** Python's `round` for a float: nearest integer, halves to even. @internal */
export function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** The number of entries to prune out of `n` candidates for `amount` under `rounding`. @internal */
export function pruneCountOf(amount: number, n: number, rounding: PruneRounding): number {
  if (n === 0) return 0;
  if (rounding === 'torch') return roundHalfEven(amount * n);
  if (rounding === 'floor') return n - Math.floor((1 - amount) * n);
  const keep = Math.max(roundHalfEven(Math.fround(Math.fround(n) * Math.fround(1 - Math.fround(amount)))), 1);
  return n - Math.min(keep, n);
}

/**
 * Validates `amount` / `count` / `rounding` and returns the number to prune out of `n`.
 * Exactly one of `amount` and `count` must be given (or `threshold` when `allowThreshold`, in which
 * case −1 is returned).
 * @internal
 */
export function resolvePruneCount(fn: string, o: PruneAmountOptions & { threshold?: number }, n: number, allowThreshold = false): number {
  const given = (o.amount !== undefined ? 1 : 0) + (o.count !== undefined ? 1 : 0) + (allowThreshold && o.threshold !== undefined ? 1 : 0);
  const names = allowThreshold ? 'amount, count or threshold' : 'amount or count';
  if (given === 0) rangeError(fn, `one of ${names} is required`);
  if (given > 1) rangeError(fn, `give only one of ${names}`);
  const rounding = checkOneOf(fn, 'rounding', o.rounding, ROUNDINGS, 'torch');
  if (o.amount !== undefined) {
    checkInRange(fn, 'amount', o.amount, 0, 1);
    return pruneCountOf(o.amount, n, rounding);
  }
  if (o.count !== undefined) return checkInteger(fn, 'count', o.count, 0, n);
  const t = o.threshold;
  if (typeof t !== 'number') typeError(fn, `threshold must be a number (got ${typeof t})`);
  if (t !== t) rangeError(fn, 'threshold must not be NaN');
  return -1;
}
