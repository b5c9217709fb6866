import { describe, expect, it } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { entr, histogram, relEntr, symbolCounts, symbolEntropy } from '../../src/entropy/index.js';
import { entropyRef, histogramRef } from '../support/reference/entropy.js';
import { expectArraysClose, expectClose, snapshot } from '../support/close.js';
import fixtures from '../support/fixtures/entropy-scipy.json' with { type: 'json' };

const num = (v: number | string): number => (typeof v === 'number' ? v : Number(v));

describe('entr', () => {
  it('entr matches scipy.special.entr including 0, negatives and huge values', () => {
    for (const [x, y] of fixtures.elementwise.entr) expectClose(entr(num(x!)), num(y!), { rtol: 4.5e-16, atol: 0 });
    expect(entr(Number.NaN)).toBeNaN();
    expect(entr(Infinity)).toBe(-Infinity);
  });

  it('entr over arrays keeps the float type and fills out', () => {
    const x = new Float32Array([0, 0.5, 1]);
    const out = new Float32Array(3);
    expect(entr(x, { out })).toBe(out);
    expectArraysClose(out, [0, Math.fround(0.5 * Math.LN2), 0], { rtol: 1e-7 });
    expect(entr([0.5])).toBeInstanceOf(Float64Array);
  });

  it('entr rejects bad arguments', () => {
    expect(() => entr('a' as never)).toThrow(new TypeError('entr: x must be number or Array or Float32Array or Float64Array (got string)'));
    const x = new Float64Array(4);
    expect(() => entr(x, { out: x.subarray(1) as Float64Array })).toThrow(new RangeError('entr: out has length 3, needs 4'));
    expect(() => entr(x, { out: new Float64Array(x.buffer, 8, 3) as Float64Array })).toThrow(RangeError);
  });
});

describe('relEntr', () => {
  it('relEntr matches scipy.special.rel_entr on every accuracy branch and edge', () => {
    // Within 2 ulp: V8's Math.log and glibc's log may differ in the last bit.
    for (const [x, y, v] of fixtures.elementwise.relEntr) expectClose(relEntr(num(x!), num(y!)), num(v!), { rtol: 4.5e-16, atol: 0 });
    expect(relEntr(Number.NaN, 1)).toBeNaN();
  });

  it('relEntr near x = y keeps relative accuracy (log1p branch)', () => {
    expectClose(relEntr(1, 1 + 1e-12), -1e-12, { rtol: 1e-9 });
  });

  it('relEntr over arrays checks lengths and aliasing', () => {
    expectArraysClose(relEntr([0, 1], [1, 0]), [0, Infinity]);
    expect(() => relEntr([1], [1, 2])).toThrow(new RangeError('relEntr: x and y differ in length (1 vs 2)'));
    const y = new Float64Array([1, 2]);
    expect(() => relEntr([1, 2], y, { out: y })).toThrow(new RangeError('relEntr: out overlaps y'));
  });

  fcIt.prop([fc.double({ min: 1e-300, max: 1e300, noNaN: true }), fc.double({ min: 1e-300, max: 1e300, noNaN: true })])(
    'relEntr(x, y) = x·log(x/y) within rounding',
    (x, y) => {
      const naive = x * (Math.log(x) - Math.log(y));
      expectClose(relEntr(x, y), naive, { rtol: 1e-9, atol: 1e-300 + Math.abs(x) * 1e-15 * Math.max(1, Math.abs(Math.log(x))) });
    },
  );
});

describe('histogram', () => {
  it('histogram([1, 2, 1], {bins: 2}) counts 2 and 1', () => {
    const h = histogram([1, 2, 1], { bins: 2 });
    expect(Array.from(h.counts)).toEqual([2, 1]);
    expect(Array.from(h.edges)).toEqual([1, 1.5, 2]);
  });

  it('histogram matches numpy.histogram bit for bit on the recorded fixtures', () => {
    for (const c of fixtures.histograms) {
      const h = histogram(c.x, { bins: c.bins, ...(c.range ? { range: c.range as [number, number] } : {}) });
      expect(Array.from(h.counts)).toEqual(c.counts);
      expect(Array.from(h.edges)).toEqual(c.edges);
    }
  });

  it('histogram accepts integer typed arrays and empty input', () => {
    expect(Array.from(histogram(new Int8Array([-128, 0, 127]), { bins: 3 }).counts)).toEqual([1, 1, 1]);
    const empty = histogram(new Float32Array(0), { bins: 2 });
    expect(Array.from(empty.counts)).toEqual([0, 0]);
    expect(Array.from(empty.edges)).toEqual([0, 0.5, 1]);
  });

  it('histogram ignores values outside an explicit range, infinities included', () => {
    expect(Array.from(histogram([-Infinity, 0.5, 2, Infinity], { bins: 1, range: [0, 1] }).counts)).toEqual([1]);
  });

  it('histogram rejects NaN, infinite autodetected ranges and bad options', () => {
    expect(() => histogram([1, Number.NaN])).toThrow(new RangeError('histogram: x[1] is NaN'));
    expect(() => histogram([1, Infinity])).toThrow(new RangeError('histogram: autodetected range [1, Infinity] is not finite; pass range'));
    expect(() => histogram([1], { bins: 0 })).toThrow(new RangeError('histogram: bins must be an integer in [1, 268435456] (got 0)'));
    expect(() => histogram([1], { bins: 2.5 })).toThrow(RangeError);
    expect(() => histogram([1], { range: [2, 1] })).toThrow(new RangeError('histogram: range must be finite with lower ≤ upper (got [2, 1])'));
    expect(() => histogram('abc' as never)).toThrow(TypeError);
  });

  fcIt.prop([fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => (Math.abs(v) < 1e-300 ? 0 : v)), { maxLength: 200 }), fc.integer({ min: 1, max: 40 })])(
    'histogram counts every in-range value once, in the bin the edges say',
    (x, bins) => {
      const before = snapshot(x);
      const h = histogram(x, { bins });
      expect(Array.from(h.counts)).toEqual(histogramRef(x, Array.from(h.edges)));
      expect(h.counts.reduce((a, b) => a + b, 0)).toBe(x.length);
      expect(x).toEqual(before);
    },
  );
});

describe('symbolEntropy', () => {
  it('symbolEntropy of four distinct bytes is 2 bits', () => {
    expect(symbolEntropy(new Uint8Array([0, 1, 2, 3]))).toBe(2);
    expect(symbolEntropy(new Uint8Array(0))).toBe(0);
    expect(symbolEntropy(new Int16Array([5, 5, 5]))).toBe(0);
  });

  it('symbolCounts indexes signed values by their two’s-complement bits', () => {
    const c = symbolCounts(new Int8Array([-1, -1, 0, -128]));
    expect(c.length).toBe(256);
    expect([c[255], c[0], c[128]]).toEqual([2, 1, 1]);
    expect(symbolCounts(new Int16Array([-1])).length).toBe(65536);
  });

  it('symbolEntropy rejects non-symbol arrays', () => {
    expect(() => symbolEntropy(new Float32Array(2) as never)).toThrow(new TypeError('symbolEntropy: symbols must be Int8Array or Uint8Array or Int16Array or Uint16Array (got Float32Array)'));
    expect(() => symbolEntropy(new Uint8Array(2), { base: 0 })).toThrow(RangeError);
  });

  fcIt.prop([fc.array(fc.integer({ min: -32768, max: 32767 }), { maxLength: 300 })])('symbolEntropy equals the entropy of the symbol frequencies in bits', (values) => {
    const s = Int16Array.from(values);
    const freq = new Map<number, number>();
    for (const v of values) freq.set(v, (freq.get(v) ?? 0) + 1);
    expectClose(symbolEntropy(s), values.length === 0 ? 0 : entropyRef([...freq.values()], 2), { rtol: 1e-12, atol: 1e-14 });
    expectClose(symbolEntropy(s, { base: Math.E }), symbolEntropy(s) * Math.LN2, { rtol: 1e-14, atol: 1e-15 });
  });
});
