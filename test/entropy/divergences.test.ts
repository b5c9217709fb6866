import { describe, expect, it } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { crossEntropy, jsDistance, jsDivergence, klDivergence } from '../../src/entropy/index.js';
import { crossEntropyRef, jsDivergenceRef, klDivergenceRef } from '../support/reference/entropy.js';
import { probPair, probVector } from '../support/arbitraries/prob.js';
import { expectArraysClose, expectClose, snapshot } from '../support/close.js';
import fixtures from '../support/fixtures/entropy-scipy.json' with { type: 'json' };

const num = (v: number | string): number => (typeof v === 'number' ? v : Number(v));
const sumOf = (x: ArrayLike<number>): number => Array.from(x).reduce((a, b) => a + b, 0);

// The documented absolute accuracy: ≈ 4ε·(Σ p̂ᵢ(|ln pᵢ| + |ln qᵢ|) + |ln Σp| + |ln Σq|).
const klAtol = (p: ArrayLike<number>, q: ArrayLike<number>): number => {
  const sp = sumOf(p);
  let s = Math.abs(Math.log(sp)) + Math.abs(Math.log(sumOf(q)));
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) s += (p[i]! / sp) * (Math.abs(Math.log(p[i]!)) + Math.abs(Math.log(q[i]!)));
  return 4 * 2.220446049250313e-16 * (1 + s);
};

describe('special values at every position', () => {
  it('crossEntropy and klDivergence with a zero, subnormal or extreme-ratio p or q at every position of short and block-crossing vectors', () => {
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 13, 255, 258, 261, 1029]) {
      for (let at = 0; at < n; at += n > 20 ? 37 : 1) {
        for (const [pAt, qAt] of [[0, 0.5], [1e-40, 0.5], [0.5, 1e-40], [0, 0], [1e-40, 1e-40], [1e-30, 0.5], [0.5, 1e-30], [3e38, 1e-3]]) {
          for (const F of [Float32Array, Float64Array]) {
            const p = new F(n).map((_, i) => 0.01 + ((i * 37) % 11) / 100);
            const q = new F(n).map((_, i) => 0.02 + ((i * 13) % 7) / 50);
            p[at] = pAt!;
            q[at] = qAt!;
            if (sumOf(p) === 0) continue;
            const ce = crossEntropyRef(Array.from(p), Array.from(q));
            expectClose(crossEntropy(p, q), ce, { rtol: 1e-12, atol: 1e-15 });
            expectClose(klDivergence(p, q), klDivergenceRef(Array.from(p), Array.from(q)), { rtol: 1e-11, atol: Math.max(1e-14, klAtol(p, q)) });
          }
        }
      }
    }
  });
});

describe('invalid values at every position', () => {
  it('crossEntropy and klDivergence reject a negative, NaN or infinite entry at every position (also p and q both negative) and omit NaN on request', () => {
    for (const n of [1, 3, 4, 6, 9, 1029]) {
      for (let at = 0; at < n; at += n > 20 ? 97 : 1) {
        for (const [pAt, qAt] of [[-0.5, -0.5], [-0.5, 0.5], [0.5, -0.5], [Number.NaN, 0.5], [0.5, Number.NaN], [Infinity, 0.5], [0.5, Infinity]]) {
          for (const F of [Float32Array, Float64Array]) {
            const p = new F(n).fill(0.25);
            const q = new F(n).fill(0.5);
            p[at] = pAt!;
            q[at] = qAt!;
            expect(() => klDivergence(p, q)).toThrow(RangeError);
            expect(() => crossEntropy(p, q)).toThrow(RangeError);
            if (n > 1 && Number.isNaN(pAt! + qAt!)) {
              expect(klDivergence(p, q, { nanPolicy: 'omit' })).toBe(0);
              expectClose(crossEntropy(p, q, { nanPolicy: 'omit' }), Math.log(n - 1), { rtol: 1e-14 });
            }
          }
        }
      }
    }
  });
});

describe('klDivergence', () => {
  it('klDivergence of a fair coin against a 0.9/0.1 coin is scipy’s value in bits', () => {
    expectClose(klDivergence([0.5, 0.5], [0.9, 0.1], { base: 2 }), 0.7369655941662062, { rtol: 2e-15 });
    expectClose(klDivergence(new Float64Array([0.5, 0.5]), new Float64Array([0.9, 0.1])), Math.log(5 / 3), { rtol: 1e-15 });
  });

  it('klDivergence follows scipy: p = 0 terms vanish, q = 0 where p > 0 gives Infinity', () => {
    expectClose(klDivergence([1, 0], [0.5, 0.5]), Math.LN2);
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(klDivergence([], [])).toBe(0);
  });

  it('klDivergence of identical inputs is exactly 0, of proportional ones 0 within its absolute accuracy', () => {
    expect(klDivergence([1e6, 2e6, 3e6], [1, 2, 3])).toBeLessThan(1e-14);
    expect(klDivergence(new Float32Array([0.1, 0.7, 0.2]), new Float32Array([0.1, 0.7, 0.2]))).toBe(0);
  });

  it('klDivergence agrees with scipy.stats.entropy(p, q) on the recorded fixtures', () => {
    for (const c of fixtures.cases) {
      expectClose(klDivergence(c.p, c.q, { base: c.base ?? undefined }), num(c.kl), { rtol: 1e-12, atol: 1e-14 });
    }
  });

  it('klDivergence of Tensors reduces lanes and mixes float types into Float64Array', () => {
    const p = { data: new Float32Array([1, 1, 1, 3]), shape: [2, 2] };
    const q = { data: new Float64Array([1, 3, 1, 1]), shape: [2, 2] };
    const r = klDivergence(p, q);
    expect(r).toBeInstanceOf(Float64Array);
    expectArraysClose(r, [klDivergenceRef([1, 1], [1, 3]), klDivergenceRef([1, 3], [1, 1])], { rtol: 1e-14 });
  });

  it('klDivergence rejects mismatched and bad input', () => {
    expect(() => klDivergence(new Float64Array(10), new Float64Array(12))).toThrow(new RangeError('klDivergence: p and q differ in length (10 vs 12)'));
    expect(() => klDivergence([1, 2], [1, -2])).toThrow(new RangeError('klDivergence: q[1] must be finite and ≥ 0 (got -2)'));
    expect(() => klDivergence([1, 2], [0, 0])).toThrow(new RangeError('klDivergence: q sums to 0 and cannot be normalized (pass normalize: false)'));
    expect(() => klDivergence([1, 2], new Int8Array(2) as never)).toThrow(new TypeError('klDivergence: q must be Array or Float32Array or Float64Array (got Int8Array)'));
    expect(() => klDivergence({ data: new Float64Array(4), shape: [2, 2] }, { data: new Float64Array(4), shape: [4, 1] })).toThrow(
      new RangeError('klDivergence: p and q differ in shape ([2, 2] vs [4, 1])'),
    );
    expect(() => klDivergence([1, Number.NaN], [1, 1])).toThrow(RangeError);
    expect(klDivergence([1, Number.NaN, 1], [1, 1, 1], { nanPolicy: 'omit' })).toBe(0);
  });

  fcIt.prop([probPair({ maxLength: 200 })])('klDivergence(p, q) agrees with the float64 reference within its absolute accuracy', ([p, q]) => {
    expectClose(klDivergence(p, q), klDivergenceRef(Array.from(p), Array.from(q)), { rtol: 1e-11, atol: klAtol(p, q) });
  });

  it('klDivergence of one tiny against one large entry is 0 within that accuracy', () => {
    const p = Float32Array.from([5.7871290887592166e-30]);
    const q = Float32Array.from([0.0006699806544929743]);
    expect(klDivergence(p, q)).toBeLessThanOrEqual(klAtol(p, q));
  });

  fcIt.prop([probPair({ maxLength: 64 })])('klDivergence(p, q) is never negative (Gibbs) and leaves inputs untouched', ([p, q]) => {
    const [pb, qb] = [snapshot(p), snapshot(q)];
    expect(klDivergence(p, q)).toBeGreaterThanOrEqual(0);
    expect(klDivergence(p, p)).toBe(0);
    expect(Array.from(p)).toEqual(pb);
    expect(Array.from(q)).toEqual(qb);
  });

  fcIt.prop([probPair({ maxLength: 64, positiveQ: false })])('klDivergence is Infinity exactly when some q = 0 where p > 0', ([p, q]) => {
    const infinite = Array.from(p).some((v, i) => v > 0 && q[i] === 0);
    expect(klDivergence(p, q) === Infinity).toBe(infinite);
  });
});

describe('crossEntropy', () => {
  it('crossEntropy of scipy’s docstring coins is H + D = 1.736965594166206 bits', () => {
    expect(crossEntropy([0.5, 0.5], [0.9, 0.1], { base: 2 })).toBe(1.736965594166206);
  });

  it('crossEntropy agrees with scipy entropy(p) + entropy(p, q) on the fixtures', () => {
    for (const c of fixtures.cases) {
      expectClose(crossEntropy(c.p, c.q, { base: c.base ?? undefined }), num(c.crossEntropy), { rtol: 1e-12, atol: 1e-14 });
    }
  });

  it('crossEntropy edge cases: single symbol 0, q = 0 where p > 0 Infinity, unnormalised values', () => {
    expect(crossEntropy([3], [5])).toBe(0);
    expect(crossEntropy([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(crossEntropy([0, 1], [0, 1])).toBe(0);
    expectClose(crossEntropy([0.5, 0.5], [0.25, 0.25], { normalize: false }), Math.log(4));
    expect(() => crossEntropy([1], [1, 2])).toThrow(new RangeError('crossEntropy: p and q differ in length (1 vs 2)'));
  });

  fcIt.prop([probPair({ maxLength: 200 })])('crossEntropy(p, q) agrees with the float64 reference', ([p, q]) => {
    expectClose(crossEntropy(p, q), crossEntropyRef(Array.from(p), Array.from(q)), { rtol: 1e-12, atol: 1e-14 * (1 + Math.abs(Math.log(sumOf(p)))) });
  });

  fcIt.prop([probPair({ maxLength: 64 })])('crossEntropy(p, q) ≥ crossEntropy(p, p) = entropy(p)', ([p, q]) => {
    expect(crossEntropy(p, q)).toBeGreaterThanOrEqual(crossEntropy(p, p) - 1e-12);
  });
});

describe('jsDivergence and jsDistance', () => {
  it('jsDistance matches scipy.spatial.distance.jensenshannon docstring values', () => {
    expect(jsDistance([1, 0, 0], [0, 1, 0], { base: 2 })).toBe(1);
    expectClose(jsDistance([1, 0], [0.5, 0.5]), 0.46450140402245893, { rtol: 1e-15 });
    expect(jsDistance([0.3, 0.7], [0.3, 0.7])).toBe(0);
  });

  it('jsDistance agrees with scipy on the recorded fixtures', () => {
    for (const c of fixtures.cases) {
      expectClose(jsDistance(c.p, c.q, { base: c.base ?? undefined }), num(c.jsDistance), { rtol: 1e-12, atol: 1e-15 });
    }
  });

  it('jsDivergence rejects an all-zero vector (scipy returns NaN)', () => {
    expect(() => jsDivergence([0, 0], [1, 0])).toThrow(new RangeError('jsDivergence: p sums to 0 and cannot be normalized (pass normalize: false)'));
  });

  it('jsDistance of Tensors gives one distance per row', () => {
    const r = jsDistance({ data: new Float64Array([1, 0, 0.5, 0.5]), shape: [2, 2] }, { data: new Float64Array([0, 1, 0.5, 0.5]), shape: [2, 2] }, { base: 2 });
    expectArraysClose(r, [1, 0], { atol: 1e-15 });
  });

  fcIt.prop([probPair({ maxLength: 64, positiveQ: false })])('jsDivergence is symmetric, in [0, log 2], and agrees with the reference', ([p, q]) => {
    const a = jsDivergence(p, q);
    expectClose(a, jsDivergence(q, p), { rtol: 1e-14, atol: 1e-16 });
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThanOrEqual(Math.LN2 * (1 + 1e-14));
    expectClose(a, jsDivergenceRef(Array.from(p), Array.from(q)), { rtol: 1e-10, atol: 1e-15 });
  });

  fcIt.prop([probPair({ maxLength: 32 }), fc.constantFrom(2, 10)])('jsDistance is √jsDivergence in every base', ([p, q], base) => {
    expectClose(jsDistance(p, q, { base }), Math.sqrt(jsDivergence(p, q, { base })), { rtol: 1e-14, atol: 1e-16 });
  });

  fcIt.prop([probVector({ maxLength: 32 })])('jsDivergence(p, p) is 0', (p) => {
    expect(jsDivergence(p, p)).toBe(0);
  });
});
