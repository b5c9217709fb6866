import { describe, expect, it } from 'vitest';
// Plain examples use vitest's it: @fast-check/vitest's it would rerun each of them numRuns times.
import { fc, test } from '@fast-check/vitest';
import { magnitudeMask } from '../../src/prune/index.js';
import { firstDifference, magnitudeMaskRef, pruneCountRef, thresholdMaskRef, total } from '../support/reference/prune.js';
import { weights, weightsAndMask } from '../support/arbitraries/prune.js';
import { snapshot } from '../support/close.js';

const sum = total;

describe('magnitudeMask', () => {
  it('magnitudeMask(x, {amount: 0.4}) prunes the two smallest of five', () => {
    const x = new Float32Array([0.5, -0.1, 0.3, -0.9, 0.2]);
    expect(magnitudeMask(x, { amount: 0.4 })).toEqual(new Uint8Array([1, 0, 1, 1, 0]));
    expect(magnitudeMask(x, { count: 3 })).toEqual(new Uint8Array([1, 0, 0, 1, 0]));
    expect(magnitudeMask(x, { threshold: 0.3 })).toEqual(new Uint8Array([1, 0, 1, 1, 0]));
  });

  it('magnitudeMask(x, {amount}) rounds half to even like torch: 0.5·5 → 2, 0.5·7 → 4 (3.5 → 4)', () => {
    expect(sum(magnitudeMask(new Float64Array(5).fill(1), { amount: 0.5 }))).toBe(3);
    expect(sum(magnitudeMask(new Float64Array(7).fill(1), { amount: 0.5 }))).toBe(3);
    expect(sum(magnitudeMask(new Float64Array(3).fill(1), { amount: 0.5 }))).toBe(1); // 1.5 → 2 pruned
  });

  it('magnitudeMask(x, {rounding}) reproduces the tfmot and floor counts', () => {
    const x = new Float64Array(5).fill(1);
    // tfmot: keep max(round(5·0.5), 1) = 2 (2.5 → 2); floor: keep ⌊2.5⌋ = 2; torch: prune round(2.5) = 2
    expect(sum(magnitudeMask(x, { amount: 0.5, rounding: 'tfmot' }))).toBe(2);
    expect(sum(magnitudeMask(x, { amount: 0.5, rounding: 'floor' }))).toBe(2);
    expect(sum(magnitudeMask(x, { amount: 0.5, rounding: 'torch' }))).toBe(3);
    // tfmot never prunes everything
    expect(sum(magnitudeMask(x, { amount: 1, rounding: 'tfmot' }))).toBe(1);
    expect(sum(magnitudeMask(x, { amount: 1 }))).toBe(0);
    // tfmot computes in float32: 0.7 pruned of 10 keeps round(f32(10)·f32(1 − f32(0.7))) = 3
    expect(sum(magnitudeMask(new Float32Array(10).fill(2), { amount: 0.7, rounding: 'tfmot' }))).toBe(3);
  });

  it('magnitudeMask(x) prunes the lower index first among equal magnitudes, and −0 equals +0', () => {
    expect(magnitudeMask(new Float64Array([1, -1, 1, 1]), { count: 2 })).toEqual(new Uint8Array([0, 0, 1, 1]));
    expect(magnitudeMask(new Float32Array([0, -0, 0, 5]), { count: 1 })).toEqual(new Uint8Array([0, 1, 1, 1]));
    expect(magnitudeMask(new Float32Array([3, -0, 2, 0]), { count: 2 })).toEqual(new Uint8Array([1, 0, 1, 0]));
  });

  it('magnitudeMask(x) ranks ±Infinity as the largest and huge values correctly', () => {
    const x = new Float64Array([Infinity, -3e300, 1e-300, -Infinity, 0]);
    expect(magnitudeMask(x, { count: 3 })).toEqual(new Uint8Array([1, 0, 0, 1, 0]));
    expect(magnitudeMask(new Float32Array([-Infinity, 3.4e38, 1e-45]), { count: 2 })).toEqual(new Uint8Array([1, 0, 0]));
  });

  it('magnitudeMask(x) of an empty array is empty, of one entry prunes it or not', () => {
    expect(magnitudeMask(new Float32Array(0), { amount: 0.5 })).toEqual(new Uint8Array(0));
    expect(magnitudeMask(new Float32Array([7]), { amount: 0.5 })).toEqual(new Uint8Array([1])); // round(0.5) = 0
    expect(magnitudeMask(new Float32Array([7]), { amount: 0.6 })).toEqual(new Uint8Array([0]));
    expect(magnitudeMask(new Float64Array([7]), { count: 0 })).toEqual(new Uint8Array([1]));
  });

  it('magnitudeMask(x, {scores}) ranks by |scores| instead of |x|', () => {
    const x = new Float32Array([1, 2, 3, 4]);
    const scores = new Float64Array([4, -3, 2, -1]);
    expect(magnitudeMask(x, { count: 2, scores })).toEqual(new Uint8Array([1, 1, 0, 0]));
  });

  it('magnitudeMask(x, {mask}) prunes a fraction of the still-kept entries only (PruningContainer)', () => {
    const x = new Float64Array([1, 2, 3, 4, 5, 6]);
    const mask = new Uint8Array([0, 1, 1, 0, 1, 1]);
    // 4 candidates, amount 0.5 → 2 pruned: 2 and 3
    expect(magnitudeMask(x, { amount: 0.5, mask })).toEqual(new Uint8Array([0, 0, 0, 0, 1, 1]));
    expect(magnitudeMask(x, { threshold: 2.5, mask })).toEqual(new Uint8Array([0, 0, 1, 0, 1, 1]));
    expect(magnitudeMask(x, { count: 0, mask })).toEqual(mask);
  });

  it('magnitudeMask(x, {count}) on a Tensor uses its data', () => {
    const t = { data: new Float32Array([1, -5, 2, 0.5, 3, 4]), shape: [2, 3] };
    expect(magnitudeMask(t, { count: 2 })).toEqual(new Uint8Array([0, 1, 1, 0, 1, 1]));
  });

  it('magnitudeMask(x, {out}) returns out as given and leaves inputs untouched', () => {
    const x = new Float32Array([3, 1, 2]);
    const scores = new Float64Array([1, 2, 3]);
    const mask = new Uint8Array([1, 1, 1]);
    const before = [snapshot(x), snapshot(scores), snapshot(mask)];
    const out = new Uint8Array(4).fill(9);
    expect(magnitudeMask(x, { count: 1, scores, mask, out })).toBe(out);
    expect(Array.from(out)).toEqual([0, 1, 1, 9]);
    expect([snapshot(x), snapshot(scores), snapshot(mask)]).toEqual(before);
  });

  it('magnitudeMask works past the first radix digit on 50 000 values sharing their top bits', () => {
    const n = 50_000;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = 1 + ((i * 7919) % 1000) * 2 ** -23; // 1000 distinct values, 50 ties each
    const k = 23_457;
    expect(firstDifference(magnitudeMask(x, { count: k }), magnitudeMaskRef(x, k))).toBe(-1);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = -(1 + ((i * 7919) % 5000) * 2 ** -50); // differ in the low word only
    expect(firstDifference(magnitudeMask(y, { count: k }), magnitudeMaskRef(y, k))).toBe(-1);
  });

  const bad: Array<[string, () => unknown, ErrorConstructor, string]> = [
    ['x of the wrong type', () => magnitudeMask([1, 2] as unknown as Float32Array, { count: 1 }), TypeError, 'magnitudeMask: x must be'],
    ['Int8Array x', () => magnitudeMask(new Int8Array(2) as unknown as Float32Array, { count: 1 }), TypeError, 'magnitudeMask: x must be'],
    ['missing options', () => (magnitudeMask as (x: unknown) => unknown)(new Float32Array(2)), RangeError, 'magnitudeMask: one of amount, count or threshold is required'],
    ['options not an object', () => magnitudeMask(new Float32Array(2), 3 as never), TypeError, 'magnitudeMask: options must be an object'],
    ['no amount/count/threshold', () => magnitudeMask(new Float32Array(2), {}), RangeError, 'magnitudeMask: one of amount, count or threshold is required'],
    ['two of them', () => magnitudeMask(new Float32Array(2), { amount: 0.5, count: 1 }), RangeError, 'magnitudeMask: give only one of amount, count or threshold'],
    ['amount > 1', () => magnitudeMask(new Float32Array(2), { amount: 1.5 }), RangeError, 'magnitudeMask: amount must be in [0, 1] (got 1.5)'],
    ['amount NaN', () => magnitudeMask(new Float32Array(2), { amount: NaN }), RangeError, 'magnitudeMask: amount must be in [0, 1] (got NaN)'],
    ['amount a string', () => magnitudeMask(new Float32Array(2), { amount: '0.5' as never }), TypeError, 'magnitudeMask: amount must be a number'],
    ['count > n', () => magnitudeMask(new Float32Array(2), { count: 3 }), RangeError, 'magnitudeMask: count must be an integer in [0, 2] (got 3)'],
    ['count fractional', () => magnitudeMask(new Float32Array(2), { count: 1.5 }), RangeError, 'magnitudeMask: count must be an integer'],
    ['threshold NaN', () => magnitudeMask(new Float32Array(2), { threshold: NaN }), RangeError, 'magnitudeMask: threshold must not be NaN'],
    ['bad rounding', () => magnitudeMask(new Float32Array(2), { amount: 0.5, rounding: 'up' as never }), RangeError, "magnitudeMask: rounding must be one of 'torch', 'tfmot', 'floor'"],
    ['NaN in x', () => magnitudeMask(new Float32Array([1, NaN]), { count: 1 }), RangeError, 'magnitudeMask: x[1] is NaN'],
    ['NaN in x, float64', () => magnitudeMask(new Float64Array([NaN, 1]), { amount: 0.5 }), RangeError, 'magnitudeMask: x[0] is NaN'],
    ['NaN in x, count 0', () => magnitudeMask(new Float64Array([NaN, 1]), { count: 0 }), RangeError, 'magnitudeMask: x[0] is NaN'],
    ['NaN in scores', () => magnitudeMask(new Float32Array(2), { count: 1, scores: new Float32Array([0, NaN]) }), RangeError, 'magnitudeMask: scores[1] is NaN'],
    ['scores short', () => magnitudeMask(new Float32Array(2), { count: 1, scores: new Float32Array(1) }), RangeError, 'magnitudeMask: x and scores differ in length (2 vs 1)'],
    ['scores wrong type', () => magnitudeMask(new Float32Array(2), { count: 1, scores: [1, 2] as never }), TypeError, 'magnitudeMask: scores must be Float32Array or Float64Array (got Array)'],
    ['mask wrong type', () => magnitudeMask(new Float32Array(2), { count: 1, mask: new Int8Array(2) as never }), TypeError, 'magnitudeMask: mask must be a Uint8Array (got Int8Array)'],
    ['mask short', () => magnitudeMask(new Float32Array(2), { count: 1, mask: new Uint8Array(1) }), RangeError, 'magnitudeMask: mask has length 1, expected 2'],
    ['count > kept of mask', () => magnitudeMask(new Float32Array(2), { count: 2, mask: new Uint8Array([1, 0]) }), RangeError, 'magnitudeMask: count must be an integer in [0, 1] (got 2)'],
    ['short out', () => magnitudeMask(new Float32Array(3), { count: 1, out: new Uint8Array(2) }), RangeError, 'magnitudeMask: out has length 2, needs 3'],
    ['out wrong type', () => magnitudeMask(new Float32Array(3), { count: 1, out: new Float32Array(3) as never }), TypeError, 'magnitudeMask: out must be a Uint8Array'],
    ['out overlapping mask', () => { const m = new Uint8Array([1, 1]); return magnitudeMask(new Float32Array(2), { count: 1, mask: m, out: m }); }, RangeError, 'magnitudeMask: out overlaps mask'],
    ['tensor shape mismatch', () => magnitudeMask({ data: new Float32Array(5), shape: [2, 3] }, { count: 1 }), RangeError, 'magnitudeMask: x.shape [2, 3] needs 6 elements'],
    ['tensor of ints', () => magnitudeMask({ data: new Int32Array(6), shape: [2, 3] } as never, { count: 1 }), TypeError, 'magnitudeMask: x.data must be Float32Array or Float64Array (got Int32Array)'],
  ];
  it.each(bad)('magnitudeMask rejects %s', (_name, call, ctor, message) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(message);
  });

  test.prop([weights(80), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('torch', 'tfmot', 'floor' as const)])(
    'magnitudeMask(x, {amount, rounding}) equals the sort-based reference',
    (x, amount, rounding) => {
      const k = pruneCountRef(amount, x.length, rounding);
      expect(magnitudeMask(x, { amount, rounding })).toEqual(magnitudeMaskRef(x, k));
    },
  );

  test.prop([weightsAndMask(80), fc.double({ min: 0, max: 1, noNaN: true })])(
    'magnitudeMask(x, {count, mask}) equals the reference and is a subset of mask',
    ([x, mask], frac) => {
      const kept = sum(mask);
      const k = Math.floor(frac * kept);
      const m = magnitudeMask(x, { count: k, mask });
      expect(m).toEqual(magnitudeMaskRef(x, k, mask));
      for (let i = 0; i < m.length; i++) expect(m[i]! <= mask[i]!).toBe(true);
      expect(sum(m)).toBe(kept - k);
    },
  );

  test.prop([weights(80), weights(80), fc.nat()])('magnitudeMask(x, {scores}) ranks by the scores', (x, s, seed) => {
    const n = Math.min(x.length, s.length);
    const xs = x.subarray(0, n);
    const ss = s.subarray(0, n);
    const k = n === 0 ? 0 : seed % (n + 1);
    expect(magnitudeMask(xs, { count: k, scores: ss })).toEqual(magnitudeMaskRef(ss, k));
  });

  test.prop([weightsAndMask(60), fc.double({ min: 0, max: 5, noNaN: true })])('magnitudeMask(x, {threshold}) keeps exactly |x| ≥ threshold', ([x, mask], t) => {
    expect(magnitudeMask(x, { threshold: t, mask })).toEqual(thresholdMaskRef(x, t, mask));
  });

  test.prop([weights(60), fc.nat(), fc.nat()])('magnitudeMask keeps every entry at least as large as every pruned one, and composes monotonically', (x, a, b) => {
    const n = x.length;
    const k1 = n === 0 ? 0 : a % (n + 1);
    const m1 = magnitudeMask(x, { count: k1 });
    let minKept = Infinity;
    let maxPruned = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = Math.abs(x[i]!);
      if (m1[i]) minKept = Math.min(minKept, v);
      else maxPruned = Math.max(maxPruned, v);
    }
    expect(minKept >= maxPruned).toBe(true);
    const k2 = (n - k1) === 0 ? 0 : b % (n - k1 + 1);
    const m2 = magnitudeMask(x, { count: k2, mask: m1 });
    expect(sum(m2)).toBe(n - k1 - k2);
    // pruning k1 then k2 of the rest equals pruning k1 + k2 at once (same order of magnitudes)
    expect(m2).toEqual(magnitudeMask(x, { count: k1 + k2 }));
  });
});
