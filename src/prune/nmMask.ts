import { checkInteger, checkOptions, checkShape, describe, dispatcher, rangeError, typeError } from '../core/index.js';
import type { FloatArray, IntArray, Tensor } from '../core/index.js';
import { axisOf, checkNoNaN, floatTensor, lanesOf, maskOut } from './args.js';

/** Options of {@link nmMask}. */
export interface NmMaskOptions {
  /** Entries kept per group (N of N:M; default 2). Apex `m4n2` = group 4 keep 2; TF-MOT `(2, 4)` = 2 zeros per 4. */
  keep?: number;
  /** Group size (M of N:M; default 4). */
  group?: number;
  /** Axis along which groups of consecutive entries run: the input-channel axis (default −1, the last). */
  axis?: number;
  /** Where to write the mask. */
  out?: Uint8Array;
}

/** Options of {@link isNM}. */
export type IsNmOptions = Omit<NmMaskOptions, 'out'>;

const dispatch = /*#__PURE__*/ dispatcher('nmMask', ['x', 'options'], {
  'Float32Array | Float64Array | Tensor, Object': (x: FloatArray | Tensor<FloatArray>, o: NmMaskOptions) => run(x, o),
});

function groupOptions(fn: string, o: IsNmOptions, rank: number): { keep: number; group: number; axis: number } {
  const group = o.group === undefined ? 4 : checkInteger(fn, 'group', o.group, 1, 65536);
  const keep = o.keep === undefined ? Math.min(2, group) : checkInteger(fn, 'keep', o.keep, 0, group);
  const axis = axisOf(fn, o.axis, rank, -1);
  return { keep, group, axis };
}

/**
 * N:M semi-structured sparsity mask: in every group of `group` consecutive entries along `axis`,
 * keep the `keep` largest |x| (2:4 by default, the pattern of NVIDIA sparse tensor cores).
 *
 * @remarks
 * Matches NVIDIA ASP `m4n2_1d` and TF-MOT `sparsity_m_by_n` (which names the zeros: TF-MOT
 * `(2, 4)` = `{ keep: 2, group: 4 }`). Groups run along `axis`, which should be the input-channel
 * axis of the layout: the last one for PyTorch Linear `[out, in]` and TFLite, 1 for PyTorch conv
 * `[out, in, kh, kw]`, 2 for tfjs conv2d `[kh, kw, in, out]`, 0 for tfjs Dense `[in, out]`. When the
 * axis length is not a multiple of `group`, the tail group is zero-padded as TF-MOT does, so it keeps
 * its min(keep, r) largest entries. Ties: the lower index is pruned first (ASP/TF-MOT's top_k keep
 * the lower index instead; only all-equal groups differ). A FloatArray is one lane. NaN is a RangeError.
 *
 * @param x - weights (FloatArray or Tensor)
 * @param options - {@link NmMaskOptions}
 * @returns a Uint8Array mask with exactly min(keep, group size) ones per group
 * @throws TypeError for a wrong argument type
 * @throws RangeError for NaN, a bad shape, `group` < 1, `keep` outside [0, group], a bad `axis` or `out`
 *
 * @example
 * ```ts
 * nmMask(new Float32Array([0.1, -0.9, 0.5, 0.2, 3, 1, -2, 0])); // Uint8Array [0, 1, 1, 0, 1, 0, 1, 0]
 * nmMask({ data: new Float64Array([1, 4, 2, 3, 5, 6]), shape: [3, 2] }, { keep: 1, group: 2, axis: 0 }); // Uint8Array [0, 1, 1, 0, 1, 1]
 * ```
 */
export function nmMask(x: FloatArray | Tensor<FloatArray>, options: NmMaskOptions = {}): Uint8Array {
  return dispatch(x, checkOptions('nmMask', options)) as Uint8Array;
}

function run(xIn: FloatArray | Tensor<FloatArray>, o: NmMaskOptions): Uint8Array {
  const fn = 'nmMask';
  const { data, shape } = floatTensor(fn, 'x', xIn);
  if (shape.length === 0) rangeError(fn, 'x must have rank ≥ 1 (got a scalar)');
  const { keep, group, axis } = groupOptions(fn, o, shape.length);
  const out = maskOut(fn, o.out, data.length, [['x', data]]);
  const { outer, len, inner } = lanesOf(shape, axis);
  if (data instanceof Float32Array && inner === 1 && keep === 2 && group === 4 && len % 4 === 0) {
    // fast path: NaN is detected inside the kernel (its bits exceed +Infinity's); then name the entry
    if (nm24ContiguousBits(new Uint32Array(data.buffer, data.byteOffset, data.length), data.length, out)) checkNoNaN(fn, 'x', data);
    return out;
  }
  checkNoNaN(fn, 'x', data);
  return nmMaskImpl(data, outer, len, inner, keep, group, out);
}

/**
 * N:M mask over `outer × len × inner` row-major data, groups along the middle axis. Unchecked
 * (no NaN, 0 ≤ keep ≤ group). @internal
 */
export function nmMaskImpl(x: FloatArray, outer: number, len: number, inner: number, keep: number, group: number, out: Uint8Array): Uint8Array {
  if (inner === 1 && keep === 2 && group === 4 && len % 4 === 0) {
    if (x instanceof Float32Array) nm24ContiguousBits(new Uint32Array(x.buffer, x.byteOffset, x.length), outer * len, out);
    else nm24Contiguous(x, outer * len, out);
    return out;
  }
  const vals = new Float64Array(group);
  const ranks = new Int32Array(group);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      for (let g0 = 0; g0 < len; g0 += group) {
        const g = Math.min(group, len - g0);
        const prune = g - Math.min(keep, g);
        for (let j = 0; j < g; j++) {
          vals[j] = Math.abs(x[base + (g0 + j) * inner]!);
          ranks[j] = 0;
        }
        // rank_j = #{l : |x_l| < |x_j| or (|x_l| = |x_j| and l < j)}; the `prune` lowest ranks go
        for (let j = 0; j < g; j++) {
          const vj = vals[j]!;
          for (let l = j + 1; l < g; l++) {
            if (vals[l]! < vj) ranks[j]!++;
            else ranks[l]!++;
          }
        }
        for (let j = 0; j < g; j++) out[base + (g0 + j) * inner] = ranks[j]! < prune ? 0 : 1;
      }
    }
  }
  return out;
}

// 2:4 on float32 bits: |x| is bits & 0x7fffffff (ordered like the values), and (b − a) >>> 31 is
// 1 exactly when b < a, so the six comparisons are arithmetic, not branches on random data.
// Returns true when a NaN was seen (|bits| above 0x7f800000); the mask is then meaningless.
function nm24ContiguousBits(w: Uint32Array, n: number, out: Uint8Array): boolean {
  let nan = 0;
  for (let b = 0; b < n; b += 4) {
    const a0 = w[b]! & 0x7fffffff, a1 = w[b + 1]! & 0x7fffffff, a2 = w[b + 2]! & 0x7fffffff, a3 = w[b + 3]! & 0x7fffffff;
    nan |= ((0x7f800000 - a0) | (0x7f800000 - a1) | (0x7f800000 - a2) | (0x7f800000 - a3)) >>> 31;
    const c01 = (a1 - a0) >>> 31, c02 = (a2 - a0) >>> 31, c03 = (a3 - a0) >>> 31;
    const c12 = (a2 - a1) >>> 31, c13 = (a3 - a1) >>> 31, c23 = (a3 - a2) >>> 31;
    out[b] = (c01 + c02 + c03) >>> 1;
    out[b + 1] = (1 - c01 + c12 + c13) >>> 1;
    out[b + 2] = (2 - c02 - c12 + c23) >>> 1;
    out[b + 3] = (3 - c03 - c13 - c23) >>> 1;
  }
  return nan !== 0;
}

// 2:4 on contiguous groups: six comparisons give each entry's rank; keep ranks 2 and 3.
function nm24Contiguous(x: FloatArray, n: number, out: Uint8Array): Uint8Array {
  for (let b = 0; b < n; b += 4) {
    const a0 = Math.abs(x[b]!), a1 = Math.abs(x[b + 1]!), a2 = Math.abs(x[b + 2]!), a3 = Math.abs(x[b + 3]!);
    const c01 = a1 < a0 ? 1 : 0, c02 = a2 < a0 ? 1 : 0, c03 = a3 < a0 ? 1 : 0;
    const c12 = a2 < a1 ? 1 : 0, c13 = a3 < a1 ? 1 : 0, c23 = a3 < a2 ? 1 : 0;
    const r0 = c01 + c02 + c03;
    const r1 = 1 - c01 + c12 + c13;
    const r2 = 2 - c02 - c12 + c23;
    const r3 = 3 - c03 - c13 - c23;
    out[b] = r0 >>> 1;
    out[b + 1] = r1 >>> 1;
    out[b + 2] = r2 >>> 1;
    out[b + 3] = r3 >>> 1;
  }
  return out;
}

const dispatchIs = /*#__PURE__*/ dispatcher('isNM', ['x', 'options'], {
  'Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Tensor, Object': (
    x: FloatArray | IntArray | Tensor<FloatArray | IntArray>, o: IsNmOptions,
  ) => runIs(x, o),
});

/**
 * True when every group of `group` consecutive entries along `axis` holds at most `keep` nonzeros
 * (TF-MOT `is_pruned_m_by_n`, ASP's 2:4 check) — for a mask or for pruned weights.
 *
 * @remarks
 * A tail group shorter than `group` is zero-padded (TF-MOT), so it passes with ≤ keep nonzeros.
 * NaN counts as nonzero. Same `keep`/`group`/`axis` defaults as {@link nmMask}.
 *
 * @param x - a mask or weights (any typed array, or a Tensor of one)
 * @param options - {@link IsNmOptions}
 * @returns whether the N:M pattern holds
 * @throws TypeError for a wrong argument type
 * @throws RangeError for a bad shape, `group`, `keep` or `axis`
 *
 * @example
 * ```ts
 * isNM(new Uint8Array([1, 0, 0, 1, 1, 1, 0, 0])); // true
 * isNM(new Float32Array([1, 2, 3, 0])); // false
 * ```
 */
export function isNM(x: FloatArray | IntArray | Tensor<FloatArray | IntArray>, options: IsNmOptions = {}): boolean {
  return dispatchIs(x, checkOptions('isNM', options)) as boolean;
}

function runIs(x: FloatArray | IntArray | Tensor<FloatArray | IntArray>, o: IsNmOptions): boolean {
  const fn = 'isNM';
  let data: ArrayLike<number>;
  let shape: readonly number[];
  if (ArrayBuffer.isView(x)) {
    data = x as ArrayLike<number>;
    shape = [data.length];
  } else {
    const t = x as Tensor<ArrayLike<number>>;
    if (!ArrayBuffer.isView(t.data)) typeError(fn, `x.data must be a typed array (got ${describe(t.data)})`);
    shape = checkShape(fn, 'x', t);
    data = t.data;
  }
  if (shape.length === 0) rangeError(fn, 'x must have rank ≥ 1 (got a scalar)');
  const { keep, group, axis } = groupOptions(fn, o, shape.length);
  const { outer, len, inner } = lanesOf(shape, axis);
  return isNMImpl(data, outer, len, inner, keep, group);
}

/** Whether each group has ≤ keep nonzeros. Unchecked. @internal */
export function isNMImpl(x: ArrayLike<number>, outer: number, len: number, inner: number, keep: number, group: number): boolean {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      for (let g0 = 0; g0 < len; g0 += group) {
        const end = Math.min(len, g0 + group);
        let nz = 0;
        for (let j = g0; j < end; j++) if (x[base + j * inner] !== 0) nz++;
        if (nz > keep) return false;
      }
    }
  }
  return true;
}
