import { describe, expect, it } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { createRng, sumKahan, sumPairwise } from '../../src/index.js';
import { checkNoOverlap, checkOut, dispatcher, isTensor } from '../../src/core/index.js';

// Exact sum of doubles by splitting each into integer multiples of 2^-1074 is overkill here; a
// BigInt sum of values scaled to integers checks the accurate sums on small-range inputs.
function exactSum(x: readonly number[]): number {
  const scale = 2 ** 60;
  let s = 0n;
  for (const v of x) s += BigInt(Math.round(v * scale));
  return Number(s) / scale;
}

describe('sumPairwise and sumKahan', () => {
  it('sumKahan recovers cancellation that a plain loop loses', () => {
    expect(sumKahan([1e100, 1, -1e100])).toBe(1);
    expect(sumKahan([1, 1e100, 1, -1e100])).toBe(2);
  });

  it('sums of empty and single inputs, sub-ranges, and infinities', () => {
    expect(sumPairwise([])).toBe(0);
    expect(sumKahan([])).toBe(0);
    expect(sumPairwise([3])).toBe(3);
    expect(sumPairwise([1, 2, 3, 4], 1, 3)).toBe(5);
    expect(sumKahan([1, 2, 3, 4], 1, 3)).toBe(5);
    expect(sumKahan([1, Infinity, 2])).toBe(Infinity);
    expect(sumPairwise([1, Infinity, 2])).toBe(Infinity);
    expect(sumKahan([1, Number.NaN])).toBeNaN();
  });

  fcIt.prop([fc.array(fc.integer({ min: -1e6, max: 1e6 }).map((v) => v / 1024), { maxLength: 1000 })])(
    'sumPairwise and sumKahan equal the exact sum of dyadic values (lengths across the unrolled remainders)',
    (x) => {
      const exact = exactSum(x);
      expect(sumKahan(x)).toBe(exact);
      expect(sumPairwise(Float64Array.from(x))).toBe(exact);
    },
  );

  fcIt.prop([fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 2000 })])('sumPairwise is within n·ε of sumKahan', (x) => {
    const k = sumKahan(x);
    const bound = x.reduce((a, v) => a + Math.abs(v), 0) * Math.log2(x.length + 1) * 2.3e-16;
    expect(Math.abs(sumPairwise(x) - k)).toBeLessThanOrEqual(bound + 1e-300);
  });
});

describe('createRng', () => {
  it('createRng(42) produces the documented xoshiro128** stream', () => {
    const rng = createRng(42);
    const first = [rng.nextUint32(), rng.nextUint32(), rng.nextUint32()];
    const again = createRng(42);
    expect([again.nextUint32(), again.nextUint32(), again.nextUint32()]).toEqual(first);
    // Values printed by the reference C code (prng.di.unimi.it xoshiro128starstar.c, SplitMix32 seeding, seed 42).
    expect(first).toEqual([2837322924, 544945897, 479756282]);
  });

  it('different seeds give different streams; seeds are taken modulo 2^32', () => {
    expect(createRng(1).nextUint32()).not.toBe(createRng(2).nextUint32());
    expect(createRng(2 ** 32 + 5).nextUint32()).toBe(createRng(5).nextUint32());
  });

  it('nextFloat is in [0, 1), nextInt in [0, n), and both look uniform', () => {
    const rng = createRng(7);
    const bins = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 20000; i++) {
      const f = rng.nextFloat();
      if (!(f >= 0 && f < 1)) outside++;
      else bins[Math.floor(f * 10)]!++;
      const k = rng.nextInt(3);
      if (!(k === 0 || k === 1 || k === 2)) outside++;
    }
    expect(outside).toBe(0);
    for (const b of bins) expect(Math.abs(b - 2000)).toBeLessThan(200);
  });

  it('nextGaussian has mean 0 and variance 1', () => {
    const rng = createRng(11);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const g = rng.nextGaussian();
      s += g;
      s2 += g * g;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.05);
  });
});

describe('core checks', () => {
  it('isTensor recognises {data, shape} objects only', () => {
    expect(isTensor({ data: new Float32Array(2), shape: [2] })).toBe(true);
    expect(isTensor({ data: [1], shape: [1] })).toBe(true);
    expect(isTensor({ data: new Float32Array(2) })).toBe(false);
    expect(isTensor(null)).toBe(false);
    expect(isTensor([1, 2])).toBe(false);
  });

  it('checkOut allocates, accepts longer buffers, rejects short or wrong ones', () => {
    expect(checkOut('f', undefined, Float32Array, 3)).toHaveLength(3);
    const long = new Float32Array(5);
    expect(checkOut('f', long, Float32Array, 3)).toBe(long);
    expect(() => checkOut('f', new Float32Array(2), Float32Array, 3)).toThrow(new RangeError('f: out has length 2, needs 3'));
    expect(() => checkOut('f', [0, 0, 0], Float32Array, 3)).toThrow(new TypeError('f: out must be a Float32Array (got Array)'));
  });

  it('checkNoOverlap compares byte ranges of one buffer', () => {
    const buf = new ArrayBuffer(32);
    const a = new Float32Array(buf, 0, 4);
    expect(() => checkNoOverlap('f', 'out', new Float32Array(buf, 16, 4), 'x', a)).not.toThrow();
    expect(() => checkNoOverlap('f', 'out', new Float32Array(buf, 12, 4), 'x', a)).toThrow(new RangeError('f: out overlaps x'));
    expect(() => checkNoOverlap('f', 'out', new Float32Array(4), 'x', a)).not.toThrow();
  });

  it('dispatcher names the argument in typed-function errors', () => {
    const f = dispatcher('f', ['alpha', 'beta'], { 'number, string': (a: number, b: string) => `${a}${b}` });
    expect(f(1, 'x')).toBe('1x');
    expect(() => f('1', 'x')).toThrow(new TypeError('f: alpha must be number (got string)'));
    expect(() => f(1, 2)).toThrow(new TypeError('f: beta must be string (got number)'));
    expect(() => f(1)).toThrow(new TypeError('f: beta is missing'));
    expect(() => f(1, 'x', 3)).toThrow(new TypeError('f: too many arguments (3 given)'));
  });
});
