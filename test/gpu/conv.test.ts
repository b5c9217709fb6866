import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { createGpu } from '../../src/gpu/index.js';
import type { GpuContext } from '../../src/gpu/index.js';
import { depthwiseConv2d, pointwiseConv2d, separableConv2d } from '../../src/conv/index.js';
import type { Tensor } from '../../src/index.js';
import { EPS32, gpuModesUnderTest } from '../support/backends.js';

// GPU.md §6: per element |gpu − cpu| ≤ (K + 2)·ε·Sᵢ, Sᵢ = |b| + Σ|x·w| (the CPU conv on absolute values).
const abs = (t: Tensor<Float32Array>): Tensor<Float32Array> => ({ data: t.data.map(Math.abs), shape: t.shape });
const absList = (b: number[]): number[] => b.map(Math.abs);

function expectWithin(actual: Float32Array, expected: ArrayLike<number>, scale: ArrayLike<number>, k: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const bound = (k + 2) * EPS32 * scale[i]! * 2 + 1e-30;
    if (!(Math.abs(actual[i]! - expected[i]!) <= bound)) expect.fail(`element ${i}: gpu ${actual[i]} vs cpu ${expected[i]} (bound ${bound})`);
  }
}

const values = (n: number) => fc.array(fc.float({ min: Math.fround(-2), max: Math.fround(2), noNaN: true }).map((v) => (Math.abs(v) < 2 ** -126 ? 0 : v)), { minLength: n, maxLength: n }).map((a) => Float32Array.from(a));

const depthwiseCase = fc
  .record({
    n: fc.integer({ min: 1, max: 2 }), h: fc.integer({ min: 1, max: 9 }), w: fc.integer({ min: 1, max: 9 }), c: fc.integer({ min: 1, max: 4 }), m: fc.integer({ min: 1, max: 2 }),
    kh: fc.integer({ min: 1, max: 3 }), kw: fc.integer({ min: 1, max: 3 }), s: fc.integer({ min: 1, max: 2 }), d: fc.integer({ min: 1, max: 2 }),
    padding: fc.constantFrom('same' as const, 'valid' as const, 1), nchw: fc.boolean(), act: fc.constantFrom('linear' as const, 'relu' as const, 'relu6' as const),
  })
  .filter((r) => r.padding !== 'valid' || ((r.kh - 1) * r.d + 1 <= r.h && (r.kw - 1) * r.d + 1 <= r.w))
  .filter((r) => r.padding !== 1 || ((r.kh - 1) * r.d + 1 <= r.h + 2 && (r.kw - 1) * r.d + 1 <= r.w + 2))
  .chain((r) => fc.record({ r: fc.constant(r), x: values(r.n * r.h * r.w * r.c), f: values(r.kh * r.kw * r.c * r.m), b: values(r.c * r.m) }));

describe.each(gpuModesUnderTest())('frugal/gpu conv family on %s', (mode) => {
  let gpu: GpuContext;
  beforeAll(async () => {
    gpu = await createGpu({ mode, cpuHandoff: 0, fallback: false });
  });
  afterAll(async () => {
    await gpu.destroy();
  });

  fcIt.prop([depthwiseCase], { numRuns: 20 })('depthwiseConv2d agrees with the CPU kernel (shapes × strides × paddings × dilations × multipliers × layouts)', async ({ r, x, f, b }) => {
    const xs = r.nchw ? [r.n, r.c, r.h, r.w] : [r.n, r.h, r.w, r.c];
    const fs = r.nchw ? [r.c * r.m, 1, r.kh, r.kw] : [r.kh, r.kw, r.c, r.m];
    const o = { strides: r.s, dilations: r.d, padding: r.padding, dataFormat: r.nchw ? ('NCHW' as const) : ('NHWC' as const), bias: Array.from(b), activation: r.act };
    const xt = { data: x, shape: xs };
    const ft = { data: f, shape: fs };
    const before = Array.from(x);
    const g = await gpu.depthwiseConv2d(xt, ft, o);
    const c = depthwiseConv2d(xt, ft, o);
    const s = depthwiseConv2d(abs(xt), abs(ft), { ...o, bias: absList(Array.from(b)), activation: 'linear' });
    expect(g.shape).toEqual(c.shape);
    expectWithin(g.data, c.data, s.data, r.kh * r.kw);
    expect(Array.from(x)).toEqual(before);
  });

  fcIt.prop([fc.record({ p: fc.integer({ min: 1, max: 40 }), cin: fc.integer({ min: 1, max: 1100 }), cout: fc.integer({ min: 1, max: 6 }), nchw: fc.boolean() })], { numRuns: 8, examples: [[{ p: 3, cin: 1500, cout: 2, nchw: false }]] })(
    'pointwiseConv2d agrees with the CPU kernel, Cin above the 1000-iteration cap included',
    async ({ p, cin, cout, nchw }) => {
      const x = Float32Array.from({ length: p * cin }, (_, i) => Math.sin(i) * 1.5);
      const f = Float32Array.from({ length: cin * cout }, (_, i) => Math.cos(i * 0.7));
      const xt = { data: x, shape: nchw ? [1, cin, 1, p] : [1, 1, p, cin] };
      const ft = { data: f, shape: nchw ? [cout, cin, 1, 1] : [1, 1, cin, cout] };
      const o = { dataFormat: nchw ? ('NCHW' as const) : ('NHWC' as const), bias: Array.from({ length: cout }, (_, i) => i - 1) };
      const g = await gpu.pointwiseConv2d(xt, ft, o);
      const c = pointwiseConv2d(xt, ft, o);
      const s = pointwiseConv2d(abs(xt), abs(ft), { ...o, bias: absList(o.bias) });
      expectWithin(g.data, c.data, s.data, cin);
    },
  );

  it('separableConv2d agrees with the CPU fused block (MobileNet-like, relu6 after each stage)', async () => {
    const [n, h, w, c, m, cout] = [1, 14, 14, 8, 1, 16];
    const x = { data: Float32Array.from({ length: n * h * w * c }, (_, i) => Math.sin(i * 0.37)), shape: [n, h, w, c] };
    const dw = { data: Float32Array.from({ length: 9 * c * m }, (_, i) => Math.cos(i * 0.11)), shape: [3, 3, c, m] };
    const pw = { data: Float32Array.from({ length: c * m * cout }, (_, i) => Math.sin(i * 0.05)), shape: [1, 1, c * m, cout] };
    const o = { strides: 2, padding: 'same' as const, depthwiseBias: Array.from({ length: c }, (_, i) => i / 10), depthwiseActivation: 'relu6' as const, bias: Array.from({ length: cout }, () => 0.1), activation: 'relu6' as const };
    const g = await gpu.separableConv2d(x, dw, pw, o);
    const cpu = separableConv2d(x, dw, pw, o);
    const s = separableConv2d(abs(x), abs(dw), abs(pw), { ...o, depthwiseActivation: 'linear', activation: 'linear', depthwiseBias: absList(o.depthwiseBias), bias: absList(o.bias) });
    expect(g.shape).toEqual(cpu.shape);
    expectWithin(g.data, cpu.data, s.data, 9 + c * m);
  });

  it('conv errors are the CPU messages', async () => {
    const x = { data: new Float32Array(16), shape: [1, 4, 4, 1] };
    await expect(gpu.depthwiseConv2d(x, { data: new Float32Array(18), shape: [3, 3, 2, 1] })).rejects.toThrow(RangeError);
    await expect(gpu.pointwiseConv2d(x, { data: new Float32Array(9), shape: [3, 3, 1, 1] })).rejects.toThrow('pointwiseConv2d: filter must be [1, 1, Cin, Cout] (got [3, 3, 1, 1])');
    await expect(gpu.depthwiseConv2d(x, { data: new Float32Array(1), shape: [1, 1, 1, 1] }, { bias: [1, 2] })).rejects.toThrow(RangeError);
  });
});
