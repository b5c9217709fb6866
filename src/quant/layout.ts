// Per-channel layout shared by the quant kernels: a row-major tensor seen as [outer, channels, inner].
import { checkInteger, checkShape, rangeError, typeError } from '../core/index.js';
import type { Tensor } from '../core/index.js';

/** A tensor's shape folded around its channel axis. @internal */
export interface ChannelLayout {
  outer: number;
  channels: number;
  inner: number;
  /** the channel axis, normalised to [0, rank) (−1 per-tensor) */
  axis: number;
  shape: number[];
}

/**
 * Checks a tensor's shape and folds it around `axis` (undefined: per-tensor, one channel).
 * @internal
 */
export function channelLayout(fn: string, name: string, t: Tensor<ArrayLike<number>>, axis: number | undefined): ChannelLayout {
  const shape = checkShape(fn, name, t);
  const n = t.data.length;
  if (axis === undefined) return { outer: 1, channels: 1, inner: n, axis: -1, shape };
  const rank = shape.length;
  if (rank === 0) rangeError(fn, `params.axis needs ${name} of rank ≥ 1 (got shape [])`);
  checkInteger(fn, 'params.axis', axis, -rank, rank - 1);
  const a = axis < 0 ? axis + rank : axis;
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < a; i++) outer *= shape[i]!;
  for (let i = a + 1; i < rank; i++) inner *= shape[i]!;
  return { outer, channels: shape[a]!, inner, axis: a, shape };
}

/** Size of the channel axis named by `params.axis` of a tensor, before the params are resolved. @internal */
export function channelCount(fn: string, name: string, t: Tensor<ArrayLike<number>>, params: unknown): number | undefined {
  const axis = typeof params === 'object' && params !== null ? (params as { axis?: unknown }).axis : undefined;
  if (axis === undefined) return undefined;
  if (typeof axis !== 'number') typeError(fn, `params.axis must be a number (got ${typeof axis})`);
  return channelLayout(fn, name, t, axis).channels;
}
