import { describe, expect, it } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { crossEntropy, entropy, klDivergence } from '../../src/entropy/index.js';
import { entropyRef } from '../support/reference/entropy.js';
import { probPair, probVector } from '../support/arbitraries/prob.js';
import { expectArraysClose, expectClose, snapshot } from '../support/close.js';
import fixtures from '../support/fixtures/entropy-scipy.json' with { type: 'json' };

const num = (v: number | string): number => (typeof v === 'number' ? v : Number(v));

describe('entropy', () => {
  it('a single-symbol float32 or float64 vector has entropy exactly 0, and crossEntropy(p, p) is exactly 0, at every exponent and position', () => {
    for (const F of [Float32Array, Float64Array]) {
      for (let e = -120; e <= 120; e += 7) {
        for (const m of [1, 1.0009765625, 1.5, 1.999]) {
          for (const [n, at] of [[1, 0], [5, 4], [8, 3], [1029, 1027]] as const) {
            const p = new F(n);
            p[at] = m * 2 ** e;
            expect(entropy(p)).toBe(0);
            expect(crossEntropy(p, p)).toBe(0);
          }
        }
      }
    }
  });

  it('entropy([0.5, 0.5], {base: 2}) is 1 bit', () => {
    expect(entropy([0.5, 0.5], { base: 2 })).toBe(1);
  });

  it('entropy of scipy docstring examples matches to the last bit', () => {
    expect(entropy(new Float64Array([0.9, 0.1]), { base: 2 })).toBe(0.46899559358928117);
    expect(entropy([1, 1])).toBe(Math.LN2);
  });

  it('entropy follows scipy edge cases: 0·log 0 = 0, empty → 0, one symbol → 0', () => {
    expect(entropy([1, 0])).toBe(0);
    expect(entropy([])).toBe(0);
    expect(entropy(new Float32Array([7]))).toBe(0);
    expect(entropy([0, 0, 3])).toBe(0);
  });

  it('entropy(p) agrees with scipy.stats.entropy on the recorded fixtures', () => {
    for (const c of fixtures.cases) {
      const base = c.base ?? undefined;
      expectClose(entropy(c.p, { base }), num(c.entropy), { rtol: 1e-13, atol: 1e-15 });
      expectClose(entropy(Float64Array.from(c.p), { base }), num(c.entropy), { rtol: 1e-13, atol: 1e-15 });
    }
  });

  it('entropy of a Tensor reduces the last axis by default and axis 0 on request (scipy axis semantics)', () => {
    const t = { data: Float64Array.from(fixtures.axis.data.flat()), shape: [2, 2] };
    expectArraysClose(entropy(t), fixtures.axis.axis1.map(num), { rtol: 1e-14 });
    expectArraysClose(entropy(t, { axis: 0 }), fixtures.axis.axis0.map(num), { rtol: 1e-14 });
    expectArraysClose(entropy(t, { axis: -2 }), fixtures.axis.axis0.map(num), { rtol: 1e-14 });
  });

  it('entropy of a 3-D Float32 Tensor gives one float32 value per lane', () => {
    const data = new Float32Array(24).map((_, i) => (i % 5) + 1);
    const r = entropy({ data, shape: [2, 3, 4] }, { axis: 1 });
    expect(r).toBeInstanceOf(Float32Array);
    expect(r.length).toBe(8);
    for (let a = 0; a < 2; a++) {
      for (let b = 0; b < 4; b++) {
        const lane = [0, 1, 2].map((k) => data[a * 12 + k * 4 + b]!);
        expectClose(r[a * 4 + b]!, Math.fround(entropyRef(lane)), { rtol: 1e-7 });
      }
    }
  });

  it('entropy writes Tensor results into out and returns it', () => {
    const out = new Float64Array(3);
    const r = entropy({ data: new Float64Array([1, 1, 1, 3, 2, 2]), shape: [3, 2] }, { out });
    expect(r).toBe(out);
    expectClose(out[0]!, Math.LN2);
  });

  it('entropy with normalize: false uses the values as given', () => {
    expectClose(entropy([0.5, 0.25], { normalize: false }), -(0.5 * Math.log(0.5) + 0.25 * Math.log(0.25)));
  });

  it('entropy honours nanPolicy: raise (default), propagate, omit', () => {
    expect(() => entropy([Number.NaN, 1])).toThrow(new RangeError("entropy: p[0] is NaN (nanPolicy 'raise'; use 'omit' or 'propagate')"));
    expect(entropy([Number.NaN, 1], { nanPolicy: 'propagate' })).toBeNaN();
    expect(entropy([Number.NaN, 1, 1], { nanPolicy: 'omit' })).toBe(Math.LN2);
  });

  it('entropy rejects bad input with messages naming function and argument', () => {
    expect(() => entropy([-1, 2])).toThrow(new RangeError('entropy: p[0] must be finite and ≥ 0 (got -1)'));
    expect(() => entropy([Infinity, 2])).toThrow(new RangeError('entropy: p[0] must be finite and ≥ 0 (got Infinity)'));
    expect(() => entropy([1, -Infinity])).toThrow(RangeError);
    expect(() => entropy([0, 0])).toThrow(new RangeError('entropy: p sums to 0 and cannot be normalized (pass normalize: false)'));
    expect(() => entropy(new Int8Array(2) as never)).toThrow(new TypeError('entropy: p must be Array or Float32Array or Float64Array or Tensor (got Int8Array)'));
    expect(() => entropy(['a'] as never)).toThrow(new TypeError('entropy: p[0] must be a number (got string)'));
    expect(() => entropy([1], { base: 1 })).toThrow(new RangeError('entropy: base must be a finite number > 0 and ≠ 1 (got 1)'));
    expect(() => entropy([1], { base: -2 })).toThrow(RangeError);
    expect(() => entropy([1], { base: Number.NaN })).toThrow(RangeError);
    expect(() => entropy([1], { nanPolicy: 'skip' as never })).toThrow(new RangeError("entropy: nanPolicy must be one of 'raise', 'propagate', 'omit' (got skip)"));
    expect(() => entropy([1], { normalize: 'yes' as never })).toThrow(new TypeError('entropy: normalize must be a boolean (got string)'));
    expect(() => entropy([1], { axis: 0 })).toThrow(new RangeError('entropy: axis applies to Tensor input only'));
    expect(() => entropy([1], 3 as never)).toThrow(new TypeError('entropy: options must be an object (got number)'));
    expect(() => entropy({ data: new Float64Array(3), shape: [2, 2] })).toThrow(new RangeError('entropy: p.shape [2, 2] needs 4 elements, data has 3'));
    expect(() => entropy({ data: new Float64Array(4), shape: [2, 2] }, { axis: 2 })).toThrow(new RangeError('entropy: axis must be an integer in [-2, 1] (got 2)'));
    expect(() => entropy({ data: new Float64Array([1, 1, 1, 1]), shape: [2, 2] }, { out: new Float64Array(1) })).toThrow(new RangeError('entropy: out has length 1, needs 2'));
    expect(() => entropy({ data: new Float64Array([1, 1, 1, 1]), shape: [2, 2] }, { out: new Float32Array(2) as never })).toThrow(new TypeError('entropy: out must be a Float64Array (got Float32Array)'));
  });

  it('entropy handles huge values and sums that overflow a double', () => {
    expectClose(entropy([1e308, 1e308]), Math.LN2);
    expectClose(entropy(new Float32Array([3e38, 3e38, 3e38])), Math.log(3), { rtol: 1e-14 });
    expectClose(entropy([1e-300, 1e-300]), Math.LN2);
  });

  it('entropy of subnormal float32 values takes the exact slow path', () => {
    const tiny = new Float32Array([1e-40, 1e-40]);
    expectClose(entropy(tiny), Math.LN2, { rtol: 1e-12 });
  });

  it('entropy with a zero, a subnormal or a NaN (omitted) at every position of short and block-crossing vectors', () => {
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 13, 255, 258, 261]) {
      for (let at = 0; at < n; at += n > 20 ? 37 : 1) {
        for (const special of [0, 1e-40, NaN]) {
          const p = new Float32Array(n).map((_, i) => 0.01 + ((i * 37) % 11) / 100);
          p[at] = special;
          const kept = Array.from(p).filter((v) => v === v);
          if (kept.every((v) => v === 0)) continue;
          expectClose(entropy(p, { nanPolicy: 'omit' }), entropyRef(kept), { rtol: 1e-12, atol: 1e-15 });
          const p64 = Float64Array.from(p);
          expectClose(entropy(p64, { nanPolicy: 'omit' }), entropyRef(kept), { rtol: 1e-12, atol: 1e-15 });
        }
      }
    }
  });

  it('entropy at n = 1e5 within 1e-12 of the float64 reference, for lengths off the block size', () => {
    for (const n of [255, 256, 257, 100003]) {
      const p = new Float32Array(n).map((_, i) => ((i * 7919) % 1000) / 1000 + 1e-4);
      expectClose(entropy(p), entropyRef(Array.from(p)), { rtol: 1e-12 });
    }
  });

  fcIt.prop([probVector({ maxLength: 300 })])('entropy(p) agrees with the float64 reference', (p) => {
    const s = Array.from(p).reduce((a, b) => a + b, 0);
    expectClose(entropy(p), entropyRef(Array.from(p)), { rtol: 1e-12, atol: 1e-14 * (1 + Math.abs(Math.log(s))) });
  });

  fcIt.prop([probVector({ maxLength: 100 })])('entropy(p) is in [0, log n] and leaves p untouched', (p) => {
    const before = snapshot(p);
    const h = entropy(p);
    expect(h).toBeGreaterThanOrEqual(-1e-15);
    expect(h).toBeLessThanOrEqual(Math.log(p.length) * (1 + 1e-12) + 1e-15);
    expect(Array.from(p)).toEqual(before);
  });

  fcIt.prop([probPair({ maxLength: 100 })])('crossEntropy(p, q) = entropy(p) + klDivergence(p, q) within 1e-12', ([p, q]) => {
    const h = entropy(p);
    const kl = klDivergence(p, q);
    const ce = crossEntropy(p, q);
    const sp = Array.from(p).reduce((a, b) => a + b, 0);
    expectClose(ce, h + kl, { rtol: 1e-12, atol: 1e-13 * (1 + Math.abs(Math.log(sp))) });
  });

  fcIt.prop([probVector({ maxLength: 50 }), fc.constantFrom(2, 10, 0.5)])('entropy in base b is entropy in nats over ln b', (p, base) => {
    expectClose(entropy(p, { base }), entropy(p) / Math.log(base), { rtol: 1e-14, atol: 1e-15 });
  });
});
