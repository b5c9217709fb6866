import { describe, expect, it } from 'vitest';
// Plain examples use vitest's it: @fast-check/vitest's it would rerun each of them numRuns times.
import { fc, test } from '@fast-check/vitest';
import { globalMagnitudeMasks, magnitudeMask } from '../../src/prune/index.js';
import { magnitudeMaskRef, pruneCountRef, total } from '../support/reference/prune.js';
import { weights } from '../support/arbitraries/prune.js';
import { snapshot } from '../support/close.js';

function concat(xs: ReadonlyArray<ArrayLike<number>>): number[] {
  return xs.flatMap((x) => Array.from(x));
}

describe('globalMagnitudeMasks', () => {
  it('globalMagnitudeMasks ranks all tensors together (torch global_unstructured)', () => {
    const [a, b] = globalMagnitudeMasks([new Float32Array([0.1, 5]), new Float64Array([0.2, 0.3, 4])], { amount: 0.6 });
    expect(a).toEqual(new Uint8Array([0, 1]));
    expect(b).toEqual(new Uint8Array([0, 0, 1]));
  });

  it('globalMagnitudeMasks breaks ties by tensor order then index', () => {
    const [a, b] = globalMagnitudeMasks([new Float32Array([1, 1]), new Float32Array([1, 1])], { count: 3 });
    expect([Array.from(a!), Array.from(b!)]).toEqual([[0, 0], [0, 1]]);
  });

  it('globalMagnitudeMasks with masks and scores and Tensors', () => {
    const t = { data: new Float32Array([1, 2, 3, 4]), shape: [2, 2] };
    const x = new Float64Array([5, 6]);
    const masks = [new Uint8Array([1, 1, 0, 1]), new Uint8Array([1, 1])];
    const scores = [new Float32Array([9, 8, 7, 6]), new Float64Array([1, 10])];
    const before = [snapshot(t.data), snapshot(x), ...masks.map(snapshot), ...scores.map(snapshot)];
    const [a, b] = globalMagnitudeMasks([t, x], { count: 2, masks, scores });
    expect([Array.from(a!), Array.from(b!)]).toEqual([[1, 1, 0, 0], [0, 1]]);
    expect([snapshot(t.data), snapshot(x), ...masks.map(snapshot), ...scores.map(snapshot)]).toEqual(before);
    expect(globalMagnitudeMasks([], { amount: 0.5 })).toEqual([]);
    expect(globalMagnitudeMasks([new Float32Array([1, 3]), new Float32Array([2])], { threshold: 2 })).toEqual([new Uint8Array([0, 1]), new Uint8Array([1])]);
  });

  const bad: Array<[string, () => unknown, ErrorConstructor, string]> = [
    ['tensors not an array', () => globalMagnitudeMasks(new Float32Array(2) as never, { count: 1 }), TypeError, 'globalMagnitudeMasks: tensors must be'],
    ['an entry of the wrong type', () => globalMagnitudeMasks([new Float32Array(2), [1, 2] as never], { count: 1 }), TypeError, 'globalMagnitudeMasks: tensors[1] must be Float32Array or Float64Array or Tensor (got Array)'],
    ['NaN in the second tensor', () => globalMagnitudeMasks([new Float32Array(2), new Float64Array([1, NaN])], { count: 1 }), RangeError, 'globalMagnitudeMasks: tensors[1][1] is NaN'],
    ['scores count mismatch', () => globalMagnitudeMasks([new Float32Array(2)], { count: 1, scores: [] }), RangeError, 'globalMagnitudeMasks: scores has 0 entries, tensors has 1'],
    ['scores length mismatch', () => globalMagnitudeMasks([new Float32Array(2)], { count: 1, scores: [new Float32Array(3)] }), RangeError, 'globalMagnitudeMasks: scores[0] has length 3, tensors[0] has 2'],
    ['mask length mismatch', () => globalMagnitudeMasks([new Float32Array(2)], { count: 1, masks: [new Uint8Array(3)] }), RangeError, 'globalMagnitudeMasks: masks[0] has length 3, expected 2'],
    ['count too large', () => globalMagnitudeMasks([new Float32Array(2), new Float32Array(1)], { count: 4 }), RangeError, 'globalMagnitudeMasks: count must be an integer in [0, 3] (got 4)'],
    ['no amount', () => globalMagnitudeMasks([new Float32Array(2)], {}), RangeError, 'globalMagnitudeMasks: one of amount, count or threshold is required'],
  ];
  it.each(bad)('globalMagnitudeMasks rejects %s', (_name, call, ctor, message) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(message);
  });

  test.prop([fc.array(weights(20), { maxLength: 4 }), fc.double({ min: 0, max: 1, noNaN: true })])(
    'globalMagnitudeMasks equals magnitudeMask on the concatenation, split back',
    (xs, amount) => {
      const flat = concat(xs);
      const k = pruneCountRef(amount, flat.length);
      const masks = globalMagnitudeMasks(xs, { amount });
      expect(concat(masks)).toEqual(Array.from(magnitudeMaskRef(flat, k)));
      expect(total(concat(masks))).toBe(flat.length - k);
      if (xs.length === 1) expect(masks[0]).toEqual(magnitudeMask(xs[0]!, { amount }));
    },
  );
});
