import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { createGpu } from '../../src/gpu/index.js';
import type { GpuContext } from '../../src/gpu/index.js';
import { dequantize, quantize } from '../../src/quant/index.js';
import { magnitudeMask } from '../../src/prune/index.js';
import { gpuModesUnderTest } from '../support/backends.js';

const f32 = (min: number, max: number) => fc.float({ min: Math.fround(min), max: Math.fround(max), noNaN: true }).map((v) => (Math.abs(v) < 2 ** -126 ? 0 : v));

// f32-emulated reference of x / s rounded half to even (GPU.md §6: exact against float32 arithmetic).
function quantizeF32(x: Float32Array, scale: number, zp: number, qmin: number, qmax: number): number[] {
  const s = Math.fround(scale);
  return Array.from(x, (v) => {
    const y = Math.fround(Math.fround(v) / s);
    const f = Math.floor(y);
    const d = y - f;
    let r = f;
    if (d > 0.5) r = f + 1;
    else if (d === 0.5) r = f % 2 === 0 ? f : f + 1;
    return Math.min(qmax, Math.max(qmin, r + zp));
  });
}

describe.each(gpuModesUnderTest())('frugal/gpu quantize, dequantize, magnitudeMask on %s', (mode) => {
  let gpu: GpuContext;
  beforeAll(async () => {
    gpu = await createGpu({ mode, cpuHandoff: 0, fallback: false });
  });
  afterAll(async () => {
    await gpu.destroy();
  });

  it('quantize with a power-of-two scale is exact, ties to even, saturating', async () => {
    const x = new Float32Array([0.5, 1.5, 2.5, -2.5, 300, -300, 0.25 * 3]);
    const q = await gpu.quantize(x, { scale: 0.5, zeroPoint: 0 });
    expect(Array.from(q)).toEqual(Array.from(quantize(x, { scale: 0.5, zeroPoint: 0 })));
    expect(Array.from(await gpu.quantize([2.5, -2.5], { scale: 1, zeroPoint: 0 }, { rounding: 'half-away' }))).toEqual([3, -3]);
    expect(Array.from(await gpu.quantize([2.5, -2.5], { scale: 1, zeroPoint: 0 }, { rounding: 'half-up' }))).toEqual([3, -2]);
  });

  fcIt.prop([fc.array(f32(-50, 50), { minLength: 1, maxLength: 3000 }), f32(0.001, 2), fc.integer({ min: -20, max: 20 })], { numRuns: 12 })(
    'quantize equals the float32-emulated reference exactly, and the float64 CPU kernel within one code at near-ties',
    async (values, scale, zp) => {
      const x = Float32Array.from(values);
      const q = await gpu.quantize(x, { scale, zeroPoint: zp });
      expect(Array.from(q)).toEqual(quantizeF32(x, scale, zp, -128, 127));
      const cpu = quantize(x, { scale, zeroPoint: zp });
      for (let i = 0; i < x.length; i++) expect(Math.abs(q[i]! - cpu[i]!)).toBeLessThanOrEqual(1);
    },
  );

  it('per-channel quantize and dequantize follow params.axis like the CPU', async () => {
    const data = Float32Array.from({ length: 4 * 3 * 5 }, (_, i) => (i % 11) - 5 + (i % 3) * 0.25);
    const params = { scale: [0.5, 0.25, 1], zeroPoint: [0, 1, -1], axis: 1 };
    const x = { data, shape: [4, 3, 5] };
    const g = await gpu.quantize(x, params);
    const c = quantize(x, params);
    expect(g.shape).toEqual(c.shape);
    expect(Array.from(g.data)).toEqual(Array.from(c.data));
    const gd = await gpu.dequantize(g, params);
    const cd = dequantize(c, params);
    expect(Array.from(gd.data)).toEqual(Array.from(cd.data, Math.fround));
  });

  it('quantize rejects NaN and CPU-only arithmetic; dequantize checks dtype', async () => {
    await expect(gpu.quantize([1, Number.NaN], { scale: 1, zeroPoint: 0 })).rejects.toThrow(new RangeError('quantize: x[1] is NaN'));
    await expect(gpu.quantize([1], { scale: 1, zeroPoint: 0 }, { arithmetic: 'float64' } as never)).rejects.toThrow(RangeError);
    await expect(gpu.dequantize(new Uint8Array(2), { scale: 1, zeroPoint: 0, dtype: 'int8' })).rejects.toThrow(RangeError);
  });

  fcIt.prop([fc.array(f32(-4, 4), { minLength: 1, maxLength: 3000 }), fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 12 })(
    'magnitudeMask equals the CPU mask exactly, ties by index included',
    async (values, amount) => {
      const x = Float32Array.from(values, (v) => Math.round(v * 4) / 4); // many equal magnitudes
      const before = Array.from(x);
      expect(Array.from(await gpu.magnitudeMask(x, { amount }))).toEqual(Array.from(magnitudeMask(x, { amount })));
      const mask = Uint8Array.from(x, (_, i) => (i % 3 === 0 ? 0 : 1));
      expect(Array.from(await gpu.magnitudeMask(x, { amount, mask }))).toEqual(Array.from(magnitudeMask(x, { amount, mask })));
      expect(Array.from(await gpu.magnitudeMask(x, { threshold: 0.5 }))).toEqual(Array.from(magnitudeMask(x, { threshold: 0.5 })));
      expect(Array.from(x)).toEqual(before);
    },
  );

  it('magnitudeMask with a threshold between float32 values agrees with the CPU', async () => {
    const x = new Float32Array([0.1, -0.1, 0.2, 0.05]);
    const t = Math.fround(0.1) + 1e-12;
    expect(Array.from(await gpu.magnitudeMask(x, { threshold: t }))).toEqual(Array.from(magnitudeMask(x, { threshold: t })));
  });
});
