import { checkInteger, checkOneOf, checkOptions, dispatcher, rangeError, typeError } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';
import { checkNoNaN, floatTensor, maskOut } from './args.js';
import { resolvePruneCount } from './pruneCount.js';
import type { PruneAmountOptions } from './pruneCount.js';
import { smallestMaskImpl } from './select.js';

/** Options of {@link blockMask}. */
export interface BlockMaskOptions extends PruneAmountOptions {
  /** Block height and width [h, w] (TF-MOT `block_size`). */
  block: readonly [number, number];
  /** How a block's |x| is pooled into its score: `'avg'` (default) or `'max'` (TF-MOT `block_pooling_type`). */
  pooling?: 'avg' | 'max';
  /** Where to write the mask. */
  out?: Uint8Array;
}

const dispatch = /*#__PURE__*/ dispatcher('blockMask', ['x', 'options'], {
  'Tensor, Object': (x: Tensor<FloatArray>, o: BlockMaskOptions) => run(x, o),
});

/**
 * Block sparsity mask of a 2-D weight: pools |x| over `block`-sized tiles, prunes the tiles of
 * smallest pooled value, and expands the tile mask back to x's shape.
 *
 * @remarks
 * TF-MOT `prune_low_magnitude(block_size, block_pooling_type)`: pooling is AVG or MAX of |w| with
 * stride = block. `amount` is a fraction of the tiles (round-half-even by default; pass
 * `rounding: 'tfmot'` for TF-MOT's count, which also never prunes every tile). Tiles are aligned
 * at row 0 and column 0; a partial edge tile is pooled over its real entries only (TF-MOT pools
 * with 'SAME' padding, which centres the padding and so shifts the tiles when a dimension exceeds
 * a multiple of the block by more than one; ours does not). Ties: lower tile index (row-major)
 * pruned first, so counts are exact. Only rank-2 tensors, as TF-MOT. NaN is a RangeError.
 *
 * @param x - a rank-2 Tensor of weights
 * @param options - {@link BlockMaskOptions}: `block`, `pooling`, and `amount` or `count` (of tiles)
 * @returns a Uint8Array mask of x's length, constant on each tile
 * @throws TypeError for wrong argument types
 * @throws RangeError for a rank other than 2, a bad block, NaN, a bad amount/count or `out`
 *
 * @example
 * ```ts
 * const w = { data: new Float32Array([1, 1, 0, 0, 1, 1, 0, 9, 5, 5, 5, 5]), shape: [3, 4] };
 * blockMask(w, { block: [2, 2], count: 1 }); // Uint8Array [0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1]
 * blockMask(w, { block: [2, 2], count: 2, pooling: 'max' }); // Uint8Array [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1]
 * ```
 */
export function blockMask(x: Tensor<FloatArray>, options: BlockMaskOptions): Uint8Array {
  return dispatch(x, checkOptions('blockMask', options)) as Uint8Array;
}

function run(xIn: Tensor<FloatArray>, o: BlockMaskOptions): Uint8Array {
  const fn = 'blockMask';
  const { data, shape } = floatTensor(fn, 'x', xIn);
  if (shape.length !== 2) rangeError(fn, `x must have rank 2 (got shape [${shape.join(', ')}])`);
  const b = o.block as unknown;
  if (!Array.isArray(b)) typeError(fn, `block must be an Array [h, w] (got ${typeof b})`);
  if (b.length !== 2) rangeError(fn, `block must have 2 entries [h, w] (got ${b.length})`);
  const bh = checkInteger(fn, 'block[0]', b[0] as number, 1, 2 ** 31 - 1);
  const bw = checkInteger(fn, 'block[1]', b[1] as number, 1, 2 ** 31 - 1);
  const pooling = checkOneOf(fn, 'pooling', o.pooling, ['avg', 'max'] as const, 'avg');
  const [rows, cols] = shape as [number, number];
  const tr = Math.ceil(rows / bh);
  const tc = Math.ceil(cols / bw);
  const k = resolvePruneCount(fn, o, tr * tc);
  const out = maskOut(fn, o.out, data.length, [['x', data]]);
  checkNoNaN(fn, 'x', data);
  return blockMaskImpl(data, rows, cols, bh, bw, pooling === 'max', k, out);
}

/** Block mask of a rows × cols matrix pruning k tiles. Unchecked. @internal */
export function blockMaskImpl(x: FloatArray, rows: number, cols: number, bh: number, bw: number, max: boolean, k: number, out: Uint8Array): Uint8Array {
  const tr = Math.ceil(rows / bh);
  const tc = Math.ceil(cols / bw);
  const pooled = new Float64Array(tr * tc);
  for (let r = 0; r < rows; r++) {
    const t0 = Math.floor(r / bh) * tc;
    for (let c = 0; c < cols; c++) {
      const t = t0 + Math.floor(c / bw);
      const v = Math.abs(x[r * cols + c]!);
      if (max) {
        if (v > pooled[t]!) pooled[t] = v;
      } else pooled[t] = pooled[t]! + v;
    }
  }
  if (!max) {
    for (let i = 0; i < tr; i++) {
      const h = Math.min(bh, rows - i * bh);
      for (let j = 0; j < tc; j++) {
        const w = Math.min(bw, cols - j * bw);
        pooled[i * tc + j] = pooled[i * tc + j]! / (h * w);
      }
    }
  }
  const tiles = smallestMaskImpl(pooled, k, null, new Uint8Array(tr * tc));
  for (let r = 0; r < rows; r++) {
    const t0 = Math.floor(r / bh) * tc;
    for (let c = 0; c < cols; c++) out[r * cols + c] = tiles[t0 + Math.floor(c / bw)]!;
  }
  return out;
}
