import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// Plain examples use vitest's it: @fast-check/vitest's it would rerun each of them numRuns times.
import { fc, test } from '@fast-check/vitest';
import { constantSparsity, magnitudeMask, polynomialDecay } from '../../src/prune/index.js';
import { total } from '../support/reference/prune.js';

interface Fixtures {
  counts: Array<{ n: number; amount: number; torch: number; tfmot: number; floor: number }>;
  polynomialDecay: Array<{
    initialSparsity: number; finalSparsity: number; beginStep: number; endStep: number; power: number; frequency: number;
    steps: number[]; sparsity: number[]; shouldPrune: boolean[];
  }>;
  constantSparsity: Array<{ target: number; beginStep: number; endStep: number; frequency: number; steps: number[]; sparsity: number; shouldPrune: boolean[] }>;
}
const fixtures = JSON.parse(readFileSync(new URL('../support/fixtures/prune-anchors.json', import.meta.url), 'utf8')) as Fixtures;

describe('pruned counts (fixture: torch / TF-MOT / binarizer arithmetic in Python)', () => {
  it('magnitudeMask prunes the count each rounding mode prescribes', () => {
    for (const c of fixtures.counts) {
      const x = new Float32Array(c.n).fill(1);
      expect(c.n - total(magnitudeMask(x, { amount: c.amount }))).toBe(c.torch);
      expect(c.n - total(magnitudeMask(x, { amount: c.amount, rounding: 'tfmot' }))).toBe(c.tfmot);
      expect(c.n - total(magnitudeMask(x, { amount: c.amount, rounding: 'floor' }))).toBe(c.floor);
    }
  });
});

describe('polynomialDecay', () => {
  it('polynomialDecay matches TF-MOT float32 values and prune steps (fixture)', () => {
    for (const f of fixtures.polynomialDecay) {
      const s = polynomialDecay(f);
      f.steps.forEach((step, i) => {
        expect(s.sparsityAt(step)).toBe(f.sparsity[i]);
        expect(s.shouldPrune(step)).toBe(f.shouldPrune[i]);
      });
    }
  });

  it('polynomialDecay hits initial at beginStep and final at endStep; endStep = beginStep gives final', () => {
    const s = polynomialDecay({ initialSparsity: 0.25, finalSparsity: 0.75, beginStep: 10, endStep: 110, frequency: 10 });
    expect(s.sparsityAt(10)).toBe(0.25);
    expect(s.sparsityAt(110)).toBe(0.75);
    expect(s.sparsityAt(0)).toBe(0.25);
    const z = polynomialDecay({ initialSparsity: 0.25, finalSparsity: 0.75, beginStep: 10, endStep: 10 });
    expect([z.sparsityAt(9), z.sparsityAt(10), z.sparsityAt(11)]).toEqual([0.25, 0.75, 0.75]);
    expect([z.shouldPrune(10), z.shouldPrune(11)]).toEqual([true, false]);
  });

  const bad: Array<[string, () => unknown, ErrorConstructor, string]> = [
    ['no options', () => (polynomialDecay as (o?: unknown) => unknown)(), TypeError, 'polynomialDecay: beginStep must be a number (got undefined)'],
    ['missing beginStep', () => polynomialDecay({ initialSparsity: 0, finalSparsity: 0.5, endStep: 10 } as never), TypeError, 'polynomialDecay: beginStep must be a number (got undefined)'],
    ['negative beginStep', () => polynomialDecay({ initialSparsity: 0, finalSparsity: 0.5, beginStep: -1, endStep: 10 }), RangeError, 'polynomialDecay: beginStep must be ≥ 0 (got -1)'],
    ['endStep -1', () => polynomialDecay({ initialSparsity: 0, finalSparsity: 0.5, beginStep: 0, endStep: -1 }), RangeError, 'polynomialDecay: endStep cannot be -1'],
    ['endStep -2', () => polynomialDecay({ initialSparsity: 0, finalSparsity: 0.5, beginStep: 0, endStep: -2 }), RangeError, 'polynomialDecay: endStep must be -1 or ≥ 0 (got -2)'],
    ['end < begin', () => polynomialDecay({ initialSparsity: 0, finalSparsity: 0.5, beginStep: 5, endStep: 4 }), RangeError, 'polynomialDecay: beginStep must be ≤ endStep when endStep ≠ -1 (got 5 > 4)'],
    ['frequency 0', () => polynomialDecay({ initialSparsity: 0, finalSparsity: 0.5, beginStep: 0, endStep: 4, frequency: 0 }), RangeError, 'polynomialDecay: frequency must be > 0 (got 0)'],
    ['final 1', () => polynomialDecay({ initialSparsity: 0, finalSparsity: 1, beginStep: 0, endStep: 4 }), RangeError, 'polynomialDecay: finalSparsity must be in [0, 1) (got 1)'],
    ['initial negative', () => polynomialDecay({ initialSparsity: -0.1, finalSparsity: 0.5, beginStep: 0, endStep: 4 }), RangeError, 'polynomialDecay: initialSparsity must be in [0, 1) (got -0.1)'],
    ['fractional step', () => polynomialDecay({ initialSparsity: 0, finalSparsity: 0.5, beginStep: 0.5, endStep: 4 }), RangeError, 'polynomialDecay: beginStep must be an integer (got 0.5)'],
    ['NaN power', () => polynomialDecay({ initialSparsity: 0, finalSparsity: 0.5, beginStep: 0, endStep: 4, power: NaN }), RangeError, 'polynomialDecay: power must be finite (got NaN)'],
    ['sparsityAt(1.5)', () => polynomialDecay({ initialSparsity: 0, finalSparsity: 0.5, beginStep: 0, endStep: 4 }).sparsityAt(1.5), RangeError, 'polynomialDecay.sparsityAt: step must be an integer (got 1.5)'],
    ['shouldPrune("1")', () => polynomialDecay({ initialSparsity: 0, finalSparsity: 0.5, beginStep: 0, endStep: 4 }).shouldPrune('1' as never), TypeError, 'polynomialDecay.shouldPrune: step must be a number (got string)'],
  ];
  it.each(bad)('polynomialDecay rejects %s', (_name, call, ctor, message) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(message);
  });

  test.prop([fc.double({ min: 0, max: 0.99, noNaN: true }), fc.double({ min: 0, max: 0.99, noNaN: true }), fc.nat({ max: 1000 }), fc.nat({ max: 1000 }), fc.integer({ min: 1, max: 5 })])(
    'polynomialDecay is monotone from initial to final and stays between them',
    (a, b, begin, span, power) => {
      const s = polynomialDecay({ initialSparsity: Math.min(a, b), finalSparsity: Math.max(a, b), beginStep: begin, endStep: begin + span, power });
      // float32 arithmetic as in TF: (s_i − s_f)·1 + s_f is s_i up to float32 rounding
      const tol = 2 ** -23 * Math.max(a, b) + 2 ** -126; // relative, plus float32 subnormals
      let prev = -1;
      for (let t = begin - 3; t <= begin + span + 3; t += Math.max(1, Math.floor(span / 17))) {
        const v = s.sparsityAt(t);
        expect(v).toBeGreaterThanOrEqual(prev);
        expect(v).toBeGreaterThanOrEqual(Math.min(a, b) - tol);
        expect(v).toBeLessThanOrEqual(Math.max(a, b) + tol);
        prev = v;
      }
      expect(s.sparsityAt(begin + span)).toBe(Math.fround(Math.max(a, b)));
      if (span > 0) expect(Math.abs(s.sparsityAt(begin) - Math.min(a, b))).toBeLessThanOrEqual(tol);
    },
  );
});

describe('constantSparsity', () => {
  it('constantSparsity matches TF-MOT (fixture), including endStep = -1 forever', () => {
    for (const f of fixtures.constantSparsity) {
      const s = constantSparsity({ target: f.target, beginStep: f.beginStep, endStep: f.endStep, frequency: f.frequency });
      f.steps.forEach((step, i) => {
        expect(s.sparsityAt(step)).toBe(f.sparsity);
        expect(s.shouldPrune(step)).toBe(f.shouldPrune[i]);
      });
    }
    const d = constantSparsity({ target: 0.5 });
    expect([d.shouldPrune(0), d.shouldPrune(100), d.shouldPrune(150), d.shouldPrune(1e9)]).toEqual([true, true, false, true]);
  });
  it('constantSparsity rejects what TF-MOT rejects', () => {
    expect(() => constantSparsity({ target: 1 })).toThrow(new RangeError('constantSparsity: target must be in [0, 1) (got 1)'));
    expect(() => constantSparsity({ target: 0.5, endStep: -3 })).toThrow(new RangeError('constantSparsity: endStep must be -1 or ≥ 0 (got -3)'));
    expect(() => constantSparsity({ target: 0.5, frequency: -1 })).toThrow(new RangeError('constantSparsity: frequency must be > 0 (got -1)'));
    expect(() => constantSparsity({ target: '0.5' as never })).toThrow(new TypeError('constantSparsity: target must be a number (got string)'));
    expect(() => constantSparsity(5 as never)).toThrow(TypeError);
  });
});
