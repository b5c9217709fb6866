import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { createGpu } from '../../src/gpu/index.js';
import type { GpuContext } from '../../src/gpu/index.js';
import { crossEntropy, entropy, histogram, klDivergence } from '../../src/entropy/index.js';
import { EPS32, gpuModesUnderTest } from '../support/backends.js';

// Float32 probability vectors: values flushed below 2^-126 (GPU.md L8), lengths across the
// 1024-element blocks and above gpu.js's 1000-iteration loop cap (L3), changing between runs (L4).
const f32Vector = (minLength: number, maxLength: number) =>
  fc
    .array(fc.oneof(fc.constant(0), fc.float({ min: Math.fround(1e-6), max: Math.fround(1), noNaN: true })), { minLength, maxLength })
    .filter((a) => a.some((v) => v > 0))
    .map((a) => Float32Array.from(a));

const f32Pair = (minLength: number, maxLength: number) =>
  f32Vector(minLength, maxLength).chain((p) =>
    fc.array(fc.float({ min: Math.fround(1e-6), max: Math.fround(1), noNaN: true }), { minLength: p.length, maxLength: p.length }).map((q) => [p, Float32Array.from(q)] as const),
  );

// GPU.md §6: |gpu − ref| ≤ 64·ε·Σ p̂ᵢ(|ln p̂ᵢ| + |ln q̂ᵢ| + 1), a budget for float32 blocks and GPU logs.
function budget(p: Float32Array, q?: Float32Array): number {
  const sp = p.reduce((a, b) => a + b, 0);
  const sq = q === undefined ? 1 : q.reduce((a, b) => a + b, 0);
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]! / sp;
    if (a > 0) s += a * (Math.abs(Math.log(a)) + (q === undefined ? 0 : Math.abs(Math.log(q[i]! / sq))) + 1);
  }
  return 64 * EPS32 * s + 1e-12;
}

describe.each(gpuModesUnderTest())('frugal/gpu entropy family on %s', (mode) => {
  let gpu: GpuContext;
  beforeAll(async () => {
    gpu = await createGpu({ mode, cpuHandoff: 0, fallback: false });
  });
  afterAll(async () => {
    await gpu.destroy();
  });

  it('createGpu starts the requested backend', () => {
    expect(gpu.mode).toBe(mode);
    expect(gpu.fallbackReason).toBeUndefined();
  });

  it('entropy of a fair coin is 1 bit; lengths above 1000 and 1024 work', async () => {
    expect(await gpu.entropy(new Float32Array([0.5, 0.5]), { base: 2 })).toBeCloseTo(1, 6);
    const n = 5000;
    const uniform = new Float32Array(n).fill(1);
    expect(Math.abs((await gpu.entropy(uniform)) - Math.log(n))).toBeLessThan(1e-5);
  });

  fcIt.prop([f32Vector(1, 3000)], { numRuns: 15 })('entropy agrees with the CPU kernel within the float32 budget', async (p) => {
    const expected = entropy(p);
    expect(Math.abs((await gpu.entropy(p)) - expected)).toBeLessThanOrEqual(budget(p));
  });

  fcIt.prop([f32Pair(1, 3000)], { numRuns: 15 })('crossEntropy and klDivergence agree with the CPU kernels', async ([p, q]) => {
    const b = budget(p, q);
    expect(Math.abs((await gpu.crossEntropy(p, q)) - crossEntropy(p, q))).toBeLessThanOrEqual(b);
    expect(Math.abs((await gpu.klDivergence(p, q)) - klDivergence(p, q))).toBeLessThanOrEqual(b);
  });

  it('Tensor input gives one float32 value per lane', async () => {
    const data = Float32Array.from({ length: 4 * 300 }, (_, i) => (i % 7) + 1);
    const r = await gpu.entropy({ data, shape: [4, 300] }, { base: 2 });
    expect(r).toBeInstanceOf(Float32Array);
    const cpu = entropy({ data, shape: [4, 300] }, { base: 2 });
    for (let i = 0; i < 4; i++) expect(Math.abs(r[i]! - cpu[i]!)).toBeLessThan(1e-5);
  });

  it('edge cases follow the CPU semantics: Infinity, empty, errors and nanPolicy', async () => {
    expect(await gpu.klDivergence(new Float32Array([0.5, 0.5]), new Float32Array([1, 0]))).toBe(Infinity);
    expect(await gpu.crossEntropy([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(await gpu.entropy([])).toBe(0);
    await expect(gpu.entropy([1, -1])).rejects.toThrow(new RangeError('entropy: p[1] must be finite and ≥ 0 (got -1)'));
    await expect(gpu.klDivergence([1], [1, 2])).rejects.toThrow(new RangeError('klDivergence: p and q differ in length (1 vs 2)'));
    await expect(gpu.entropy('x' as never)).rejects.toThrow(TypeError);
    expect(await gpu.entropy([Number.NaN, 1, 1], { nanPolicy: 'omit' })).toBeCloseTo(Math.LN2, 12);
  });

  it('histogram counts match the CPU where no value sits on an edge', async () => {
    const x = Float32Array.from({ length: 5000 }, (_, i) => ((i * 37) % 1000) / 100 + 0.005);
    const cpu = histogram(x, { bins: 25, range: [0, 10] });
    const g = await gpu.histogram(x, { bins: 25, range: [0, 10] });
    expect(Array.from(g.counts)).toEqual(Array.from(cpu.counts));
    expect(Array.from(g.edges)).toEqual(Array.from(cpu.edges));
  });

  it('inputs are left unmodified', async () => {
    const p = Float32Array.from({ length: 2048 }, (_, i) => (i % 13) / 13);
    const before = Array.from(p);
    await gpu.entropy(p);
    await gpu.histogram(p, { bins: 4 });
    expect(Array.from(p)).toEqual(before);
  });
});

describe('createGpu', () => {
  it('auto picks a backend and says why it skipped better ones', async () => {
    const gpu = await createGpu();
    try {
      expect(['webgpu', 'headlessgl', 'webasm', 'cpu']).toContain(gpu.mode);
      if (gpu.mode !== 'webgpu') expect(gpu.fallbackReason).toMatch(/webgpu: /);
    } finally {
      await gpu.destroy();
    }
  });

  it('a named mode that cannot start in Node throws an error saying what is missing', async () => {
    await expect(createGpu({ mode: 'webgl2' })).rejects.toThrow("createGpu: mode 'webgl2' cannot start: webgl2 needs a browser (in Node use headlessgl)");
    await expect(createGpu({ mode: 'gpu' as never })).rejects.toThrow(RangeError);
    await expect(createGpu({ cpuHandoff: -1 })).rejects.toThrow(new RangeError('createGpu: cpuHandoff must be an integer ≥ 0 (got -1)'));
  });

  it('small inputs are handed to the CPU kernel and give its exact result', async () => {
    const gpu = await createGpu({ mode: 'webasm' });
    try {
      const p = new Float32Array([0.1, 0.2, 0.7]);
      expect(await gpu.entropy(p)).toBe(entropy(p));
    } finally {
      await gpu.destroy();
    }
  });

  it('a destroyed context refuses work; asyncDispose destroys it', async () => {
    const gpu = await createGpu({ mode: 'webasm' });
    await gpu[Symbol.asyncDispose]();
    await expect(gpu.entropy([1])).rejects.toThrow('GpuContext: used after destroy()');
  });
});

describe('frugal/gpu launches above 2^24 elements', () => {
  it.each(gpuModesUnderTest())('entropy of 2^24 + 4096 elements is chunked correctly on %s', async (mode) => {
    const gpu = await createGpu({ mode, fallback: false });
    try {
      const n = 2 ** 24 + 4096;
      const p = new Float32Array(n);
      for (let i = 0; i < n; i++) p[i] = 1 + (i % 3);
      const expected = entropy(p);
      const actual = await gpu.entropy(p);
      expect(Math.abs(actual - expected)).toBeLessThan(64 * EPS32 * (expected + 1));
    } finally {
      await gpu.destroy();
    }
  }, 120_000);
});
