// Slow, obvious references for frugal/coding: the oracles of the property tests.

/** Total cost Σ fᵢ·ℓᵢ. */
export function codeCostRef(freqs: readonly number[], lengths: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < freqs.length; i++) s += freqs[i]! * lengths[i]!;
  return s;
}

/** Exact Kraft sum Σ 2^−ℓ (ℓ > 0) as a fraction num / 2^den. */
export function kraftRef(lengths: ArrayLike<number>): { num: bigint; den: number } {
  let max = 0;
  for (let i = 0; i < lengths.length; i++) max = Math.max(max, lengths[i]!);
  let num = 0n;
  for (let i = 0; i < lengths.length; i++) if (lengths[i]! > 0) num += 1n << BigInt(max - lengths[i]!);
  return { num, den: max };
}

/** 'complete' | 'incomplete' | 'over-subscribed' | 'empty' from the exact Kraft sum. */
export function kraftStatusRef(lengths: ArrayLike<number>): string {
  const { num, den } = kraftRef(lengths);
  if (num === 0n) return 'empty';
  const one = 1n << BigInt(den);
  return num === one ? 'complete' : num < one ? 'incomplete' : 'over-subscribed';
}

/**
 * Minimum Σ fᵢℓᵢ over all prefix codes (Kraft ≤ 1) with lengths in [1, maxLength] for the used
 * symbols, by exhaustive search. Small alphabets only (≤ 6 used symbols).
 */
export function bruteForceOptimalCost(freqs: readonly number[], maxLength: number): number {
  const used = freqs.filter((f) => f > 0);
  const n = used.length;
  if (n === 0) return 0;
  if (n === 1) return used[0]!;
  const top = Math.min(maxLength, n - 1);
  let best = Infinity;
  const l = new Array<number>(n).fill(1);
  const rec = (i: number, kraft: number, cost: number): void => {
    if (kraft > 1 + 1e-12 || cost >= best) return;
    if (i === n) {
      best = cost;
      return;
    }
    for (let len = 1; len <= top; len++) {
      l[i] = len;
      rec(i + 1, kraft + 2 ** -len, cost + used[i]! * len);
    }
  };
  rec(0, 0, 0);
  return best;
}

/** Optimal (unlimited) Huffman cost by repeatedly merging the two smallest weights (O(n²)). */
export function huffmanCostRef(freqs: readonly number[]): number {
  const w = freqs.filter((f) => f > 0);
  if (w.length === 0) return 0;
  if (w.length === 1) return w[0]!;
  let cost = 0;
  while (w.length > 1) {
    w.sort((a, b) => a - b);
    const s = w.shift()! + w.shift()!;
    cost += s;
    w.push(s);
  }
  return cost;
}

/** RFC 1951 canonical codes as bit strings, by sorting symbols by (length, symbol) and counting. */
export function canonicalCodeStringsRef(lengths: readonly number[]): string[] {
  const syms = lengths.map((l, s) => ({ l, s })).filter((x) => x.l > 0).sort((a, b) => a.l - b.l || a.s - b.s);
  const out = lengths.map(() => '');
  let code = 0n;
  let prevLen = 0;
  for (const { l, s } of syms) {
    code <<= BigInt(l - prevLen);
    prevLen = l;
    out[s] = code.toString(2).padStart(l, '0');
    code += 1n;
  }
  return out;
}

/** Writes each (value, bits) pair MSB-first into a string of '0'/'1', then packs it into bytes, zero-padded. */
export function packBitsRef(fields: ReadonlyArray<readonly [number, number]>): Uint8Array {
  let s = '';
  for (const [v, n] of fields) if (n > 0) s += (v >>> 0).toString(2).padStart(32, '0').slice(32 - n);
  while (s.length % 8 !== 0) s += '0';
  const out = new Uint8Array(s.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(8 * i, 8 * i + 8), 2);
  return out;
}

/** Empirical entropy in bits/symbol of a count vector. */
export function entropyBitsRef(counts: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i]!;
  if (n === 0) return 0;
  let h = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > 0) h -= (c / n) * Math.log2(c / n);
  }
  return h;
}

/** Standard CRC-32 (IEEE 802.3, reflected 0xEDB88320), bit by bit. */
export function crc32Ref(bytes: ArrayLike<number>): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    c ^= bytes[i]!;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
