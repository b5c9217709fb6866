// Large inputs (2^18 + 3 values, an unaligned tail): whatever the data — ties, constants, periodic
// patterns, ±0, subnormals, huge values — the mask equals the reference, ties at the lower index first.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { magnitudeMask } from '../../src/prune/index.js';
import { createRng } from '../../src/core/prng.js';
import { firstDifference, magnitudeMaskRef, pruneCountRef } from '../support/reference/prune.js';

const N = (1 << 18) + 3;

function data(kind: string, seed: number): Float32Array {
  const rng = createRng(seed);
  const x = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    const u = rng.nextFloat();
    switch (kind) {
      case 'uniform': x[i] = 2 * u - 1; break;
      case 'laplace': x[i] = (u < 0.5 ? 1 : -1) * Math.log(1 - Math.abs(2 * u - 1) + 1e-12); break;
      case 'few values': x[i] = Math.floor(u * 5) - 2; break;
      case 'constant': x[i] = -0.5; break;
      case 'periodic': x[i] = i % 65536 < 60000 ? 1e-3 * (i % 7) : 10 + (i % 3); break;
      case 'sorted': x[i] = i / N; break;
      case 'zeros and huge': x[i] = u < 0.5 ? (u < 0.25 ? -0 : 0) : (u < 0.75 ? 3e38 : -1e-40); break;
    }
  }
  return x;
}

const KINDS = ['uniform', 'laplace', 'few values', 'constant', 'periodic', 'sorted', 'zeros and huge'];

describe('magnitudeMask on 2^18 + 3 values', () => {
  test.prop([fc.constantFrom(...KINDS), fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 12 })(
    'equals the reference for any data and amount',
    (kind, seed, amount) => {
      const x = data(kind, seed);
      const copy = x.slice();
      const got = magnitudeMask(x, { amount });
      expect(firstDifference(got, magnitudeMaskRef(x, pruneCountRef(amount, N)))).toBe(-1);
      expect(firstDifference(x, copy)).toBe(-1);
    },
    60_000,
  );

  it('writes into an unaligned out buffer', () => {
    const x = data('laplace', 3);
    const backing = new Uint8Array(N + 5).fill(7);
    const out = backing.subarray(1, N + 1);
    magnitudeMask(x, { amount: 0.9, out });
    expect(firstDifference(out, magnitudeMaskRef(x, pruneCountRef(0.9, N)))).toBe(-1);
    expect(backing[0]).toBe(7);
    expect(backing[N + 1]).toBe(7);
  });

  it('still rejects NaN and keeps ±Infinity as the largest magnitudes', () => {
    const x = data('uniform', 9);
    x[12345] = NaN;
    expect(() => magnitudeMask(x, { amount: 0.5 })).toThrow(/NaN/);
    x[12345] = -Infinity;
    const m = magnitudeMask(x, { amount: 0.999 });
    expect(m[12345]).toBe(1);
    expect(firstDifference(m, magnitudeMaskRef(x, pruneCountRef(0.999, N)))).toBe(-1);
  });
});
