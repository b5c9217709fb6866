import { checkInteger, checkOptions, createRng, dispatcher, typeError } from '../core/index.js';
import { countNonzero, maskOf, maskOut } from './args.js';
import { resolvePruneCount } from './pruneCount.js';
import type { PruneAmountOptions } from './pruneCount.js';

/** Options of {@link randomMask}. */
export interface RandomMaskOptions extends PruneAmountOptions {
  /** Seed of the core PRNG ({@link createRng}); default 0. */
  seed?: number;
  /** An existing mask: only its kept entries are candidates. */
  mask?: Uint8Array;
  /** Where to write the result. */
  out?: Uint8Array;
}

const dispatch = /*#__PURE__*/ dispatcher('randomMask', ['n', 'options'], {
  'number, Object': (n: number, o: RandomMaskOptions) => run(n, o),
});

/**
 * Random unstructured pruning mask of length `n` with an exact pruned count.
 *
 * @remarks
 * torch.nn.utils.prune.random_unstructured's counts (`amount` fraction rounded half-to-even, or
 * `count`); the choice is a uniformly random subset of the candidates, reproducible from `seed`:
 * the candidate indices (all, or those kept by `mask`) are listed in increasing order, then for
 * j = 0 … k−1 entry j is swapped with entry j + `createRng(seed).nextInt(m − j)` (a partial
 * Fisher–Yates shuffle, m candidates), and the first k listed are pruned. torch draws `rand_like`
 * instead, so the masks differ from torch's for the same seed; the counts agree.
 *
 * @param n - mask length, an integer ≥ 0
 * @param options - {@link RandomMaskOptions}: `amount` or `count`, `seed`
 * @returns a Uint8Array mask, 1 = keep, 0 = pruned
 * @throws TypeError if `n`, `seed`, `mask` or `out` has the wrong type
 * @throws RangeError for a bad `n`, amount or count, a mask of another length, or a short `out`
 *
 * @example
 * ```ts
 * const m = randomMask(10, { amount: 0.3, seed: 7 }); // → 3 zeros at seed-determined places
 * m.reduce((a, b) => a + b, 0); // 7
 * ```
 */
export function randomMask(n: number, options: RandomMaskOptions): Uint8Array {
  return dispatch(n, checkOptions('randomMask', options)) as Uint8Array;
}

function run(n: number, o: RandomMaskOptions): Uint8Array {
  const fn = 'randomMask';
  checkInteger(fn, 'n', n, 0, 2 ** 31 - 1);
  if (o.seed !== undefined && typeof o.seed !== 'number') typeError(fn, `seed must be a number (got ${typeof o.seed})`);
  if (o.seed !== undefined) checkInteger(fn, 'seed', o.seed, -(2 ** 53), 2 ** 53);
  const mask = maskOf(fn, 'mask', o.mask, n);
  const m = mask === null ? n : countNonzero(mask);
  const k = resolvePruneCount(fn, o, m);
  const out = maskOut(fn, o.out, n, [['mask', mask]]);
  return randomMaskImpl(n, k, o.seed ?? 0, mask, out);
}

/** Prunes k uniformly chosen candidates (see {@link randomMask} for the stream). Unchecked. @internal */
export function randomMaskImpl(n: number, k: number, seed: number, mask: Uint8Array | null, out: Uint8Array): Uint8Array {
  const cand = new Int32Array(mask === null ? n : countNonzero(mask));
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (mask === null || mask[i] !== 0) {
      cand[m++] = i;
      out[i] = 1;
    } else out[i] = 0;
  }
  const rng = createRng(seed);
  for (let j = 0; j < k; j++) {
    const r = j + rng.nextInt(m - j);
    const t = cand[r]!;
    cand[r] = cand[j]!;
    cand[j] = t;
    out[t] = 0;
  }
  return out;
}
