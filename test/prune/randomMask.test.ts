import { describe, expect, it } from 'vitest';
// Plain examples use vitest's it: @fast-check/vitest's it would rerun each of them numRuns times.
import { fc, test } from '@fast-check/vitest';
import { createRng } from '../../src/core/index.js';
import { randomMask } from '../../src/prune/index.js';
import { pruneCountRef, total } from '../support/reference/prune.js';
import { snapshot } from '../support/close.js';

/** The documented stream, written out: partial Fisher–Yates over the candidate indices. */
function randomMaskRef(n: number, k: number, seed: number, mask?: Uint8Array): Uint8Array {
  const cand: number[] = [];
  for (let i = 0; i < n; i++) if (mask === undefined || mask[i]) cand.push(i);
  const rng = createRng(seed);
  for (let j = 0; j < k; j++) {
    const r = j + rng.nextInt(cand.length - j);
    [cand[j], cand[r]] = [cand[r]!, cand[j]!];
  }
  const out = new Uint8Array(n);
  for (const i of cand) out[i] = 1;
  for (let j = 0; j < k; j++) out[cand[j]!] = 0;
  return out;
}

describe('randomMask', () => {
  it('randomMask(n, {amount, seed}) prunes exactly round(amount·n) and repeats for the same seed', () => {
    const a = randomMask(1000, { amount: 0.3, seed: 42 });
    expect(total(a)).toBe(700);
    expect(randomMask(1000, { amount: 0.3, seed: 42 })).toEqual(a);
    expect(randomMask(1000, { amount: 0.3, seed: 43 })).not.toEqual(a);
    expect(randomMask(0, { amount: 0.5 })).toEqual(new Uint8Array(0));
    expect(randomMask(1, { count: 1 })).toEqual(new Uint8Array([0]));
    expect(randomMask(5, { count: 0 })).toEqual(new Uint8Array([1, 1, 1, 1, 1]));
  });

  it('randomMask(n, {mask}) prunes among kept entries only; out is returned; mask untouched', () => {
    const mask = new Uint8Array([1, 0, 1, 1, 0, 1]);
    const before = snapshot(mask);
    const out = new Uint8Array(6);
    expect(randomMask(6, { count: 2, mask, out, seed: 3 })).toBe(out);
    expect(total(out)).toBe(2);
    for (let i = 0; i < 6; i++) expect(out[i]! <= mask[i]!).toBe(true);
    expect(snapshot(mask)).toEqual(before);
  });

  it('randomMask prunes each position with frequency close to amount over many seeds', () => {
    const hits = new Float64Array(8);
    for (let s = 0; s < 2000; s++) {
      const m = randomMask(8, { count: 2, seed: s });
      for (let i = 0; i < 8; i++) hits[i]! += 1 - m[i]!;
    }
    for (let i = 0; i < 8; i++) expect(Math.abs(hits[i]! / 2000 - 0.25)).toBeLessThan(0.05);
  });

  const bad: Array<[string, () => unknown, ErrorConstructor, string]> = [
    ['n not a number', () => randomMask('3' as never, { count: 1 }), TypeError, 'randomMask: n must be number'],
    ['n negative', () => randomMask(-1, { count: 0 }), RangeError, 'randomMask: n must be an integer in'],
    ['n fractional', () => randomMask(2.5, { count: 0 }), RangeError, 'randomMask: n must be an integer in'],
    ['seed a string', () => randomMask(3, { count: 1, seed: 'a' as never }), TypeError, 'randomMask: seed must be a number'],
    ['seed NaN', () => randomMask(3, { count: 1, seed: NaN }), RangeError, 'randomMask: seed must be an integer'],
    ['threshold given', () => randomMask(3, { threshold: 1 } as never), RangeError, 'randomMask: one of amount or count is required'],
    ['count too large', () => randomMask(3, { count: 4 }), RangeError, 'randomMask: count must be an integer in [0, 3] (got 4)'],
    ['mask length', () => randomMask(3, { count: 1, mask: new Uint8Array(2) }), RangeError, 'randomMask: mask has length 2, expected 3'],
    ['short out', () => randomMask(3, { count: 1, out: new Uint8Array(2) }), RangeError, 'randomMask: out has length 2, needs 3'],
  ];
  it.each(bad)('randomMask rejects %s', (_name, call, ctor, message) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(message);
  });

  test.prop([fc.nat({ max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer()])('randomMask follows the documented stream', (n, amount, seed) => {
    const k = pruneCountRef(amount, n);
    expect(randomMask(n, { amount, seed })).toEqual(randomMaskRef(n, k, seed));
  });

  test.prop([fc.uint8Array({ max: 1, maxLength: 100 }), fc.nat(), fc.integer()])('randomMask with a mask follows the stream over the candidates', (mask, c, seed) => {
    const m = total(mask);
    const k = c % (m + 1);
    expect(randomMask(mask.length, { count: k, mask, seed })).toEqual(randomMaskRef(mask.length, k, seed, mask));
  });
});
