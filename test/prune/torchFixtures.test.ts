import { describe, expect, it } from 'vitest';
import { globalMagnitudeMasks, lnStructuredMask, magnitudeMask, randomMask } from '../../src/prune/index.js';
import torch from '../support/fixtures/prune-torch.json' with { type: 'json' };

// Masks recorded from torch.nn.utils.prune 1.13 (scripts/fixtures/prune_torch.py). torch's int
// amount is our `count`; its float amount our `amount`.
const amountOf = (c: { amount: number; isInt: boolean }) => (c.isInt ? { count: c.amount } : { amount: c.amount });

describe('torch.nn.utils.prune fixtures', () => {
  it('magnitudeMask equals l1_unstructured for float and int amounts', () => {
    for (const c of torch.l1) {
      expect(Array.from(magnitudeMask(Float32Array.from(c.x), amountOf(c))), JSON.stringify({ n: c.x.length, amount: c.amount })).toEqual(c.mask);
    }
  });

  it('lnStructuredMask equals ln_structured for p = 1, 2, Infinity along dims 0 and 1', () => {
    for (const c of torch.ln) {
      const p = c.p === 'Infinity' ? Infinity : (c.p as number);
      const r = lnStructuredMask({ data: Float32Array.from(c.x), shape: c.shape }, { axis: c.dim, p, ...amountOf(c) });
      expect(Array.from(r.mask), JSON.stringify({ shape: c.shape, p: c.p, dim: c.dim, amount: c.amount })).toEqual(c.mask);
    }
  });

  it('globalMagnitudeMasks equals global_unstructured with L1Unstructured', () => {
    for (const c of torch.global) {
      const [a, b] = globalMagnitudeMasks([Float32Array.from(c.a), Float32Array.from(c.b)], amountOf(c));
      expect(Array.from(a!)).toEqual(c.maskA);
      expect(Array.from(b!)).toEqual(c.maskB);
    }
  });

  it('magnitudeMask over an existing mask equals torch’s PruningContainer (amount of the remaining entries)', () => {
    for (const c of torch.composed) {
      expect(Array.from(magnitudeMask(Float32Array.from(c.x), { ...amountOf(c), mask: Uint8Array.from(c.first) }))).toEqual(c.mask);
    }
  });

  it('randomMask over an existing mask keeps as many entries as random_unstructured', () => {
    for (const c of torch.random) {
      const m = randomMask(c.n, { ...amountOf(c), mask: Uint8Array.from(c.first), seed: 3 });
      expect(m.reduce((s, v) => s + v, 0)).toBe(c.kept);
      for (let i = 0; i < c.n; i++) if (c.first[i] === 0) expect(m[i]).toBe(0);
    }
  });
});
