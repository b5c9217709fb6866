// Slow, obvious float64 references for src/prune, written from the definitions (STYLE G8).

/** Python's round(): halves to even. */
export function roundHalfEvenRef(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - Math.trunc(v)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Pruned count for a fraction: torch round(amount·n); tfmot n − max(round(f32(n)·f32(1 − f32(s))), 1); floor n − ⌊(1−amount)·n⌋. */
export function pruneCountRef(amount: number, n: number, rounding: 'torch' | 'tfmot' | 'floor' = 'torch'): number {
  if (n === 0) return 0;
  if (rounding === 'torch') return roundHalfEvenRef(amount * n);
  if (rounding === 'floor') return n - Math.floor((1 - amount) * n);
  const f = Math.fround;
  return n - Math.min(n, Math.max(1, roundHalfEvenRef(f(f(n) * f(1 - f(amount))))));
}

/**
 * Mask pruning the k smallest |keys| among candidates (mask[i] ≠ 0), ties by lower index first:
 * sort candidate indices by (|key|, index) and zero the first k.
 */
export function magnitudeMaskRef(keys: ArrayLike<number>, k: number, mask?: ArrayLike<number>): Uint8Array {
  const n = keys.length;
  const cand: number[] = [];
  for (let i = 0; i < n; i++) if (mask === undefined || mask[i] !== 0) cand.push(i);
  cand.sort((a, b) => Math.abs(keys[a]!) - Math.abs(keys[b]!) || a - b);
  const out = new Uint8Array(n);
  for (const i of cand) out[i] = 1;
  for (let j = 0; j < k; j++) out[cand[j]!] = 0;
  return out;
}

/** Keeps |keys[i]| ≥ threshold among candidates. */
export function thresholdMaskRef(keys: ArrayLike<number>, threshold: number, mask?: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = (mask === undefined || mask[i] !== 0) && Math.abs(keys[i]!) >= threshold ? 1 : 0;
  return out;
}

/** Index of the first difference between two arrays (−1 when equal in length and content); fast for large masks. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** Sum of an array's entries (a mask's kept count). */
export function total(m: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < m.length; i++) s += m[i]!;
  return s;
}

/** Row-major index of a multi-index. */
function flatIndex(shape: readonly number[], idx: readonly number[]): number {
  let f = 0;
  for (let d = 0; d < shape.length; d++) f = f * shape[d]! + idx[d]!;
  return f;
}

/** All multi-indices of a shape, row-major. */
export function multiIndices(shape: readonly number[]): number[][] {
  const out: number[][] = [];
  const n = shape.reduce((a, b) => a * b, 1);
  for (let f = 0; f < n; f++) {
    const idx: number[] = [];
    let r = f;
    for (let d = shape.length - 1; d >= 0; d--) {
      idx.unshift(r % shape[d]!);
      r = Math.floor(r / shape[d]!);
    }
    out.push(idx);
  }
  return out;
}

/** N:M reference: for each lane along axis, groups of `group`, keep the min(keep, size) largest |x| (ties: lower index pruned first). */
export function nmMaskRef(x: ArrayLike<number>, shape: readonly number[], keep: number, group: number, axis: number): Uint8Array {
  const out = new Uint8Array(x.length);
  for (const idx of multiIndices(shape)) {
    if (idx[axis] !== 0) continue;
    const lane: number[] = [];
    for (let j = 0; j < shape[axis]!; j++) lane.push(flatIndex(shape, idx.map((v, d) => (d === axis ? j : v))));
    for (let g0 = 0; g0 < lane.length; g0 += group) {
      const members = lane.slice(g0, g0 + group);
      const k = members.length - Math.min(keep, members.length);
      const m = magnitudeMaskRef(members.map((i) => x[i]!), k);
      members.forEach((i, j) => (out[i] = m[j]!));
    }
  }
  return out;
}

/** Lp norm of each slice along axis, plainly: (Σ|x|^p)^(1/p), or max for p = Infinity. */
export function sliceNormsRef(x: ArrayLike<number>, shape: readonly number[], axis: number, p: number): number[] {
  const acc = new Array<number>(shape[axis]!).fill(0);
  multiIndices(shape).forEach((idx, f) => {
    const v = Math.abs(x[f]!);
    acc[idx[axis]!] = p === Infinity ? Math.max(acc[idx[axis]!]!, v) : acc[idx[axis]!]! + v ** p;
  });
  return acc.map((s) => (p === Infinity ? s : s ** (1 / p)));
}
