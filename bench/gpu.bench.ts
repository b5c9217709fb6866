// npm run bench -- gpu: the frugal/gpu kernels on every backend that starts here, beside the CPU
// kernels, warm (benchmark.js) and first call (compile + upload + readback), upload and readback
// included in every GPU time. On a CPU-only machine webgpu runs on lavapipe: not GPU numbers.
import { depthwiseConv2d, pointwiseConv2d, separableConv2d } from 'frugal/conv';
import { crossEntropy, entropy, histogram, klDivergence } from 'frugal/entropy';
import { magnitudeMask } from 'frugal/prune';
import { dequantize, quantize } from 'frugal/quant';
import { createGpu } from 'frugal/gpu';
import type { GpuBackend, GpuContext } from 'frugal/gpu';
import { probVector } from './support/data.js';
import { measureAsyncCases } from './support/report.js';
import type { MeasuredAsyncCase } from './support/report.js';

const BACKENDS: GpuBackend[] = (process.env.GPU_BENCH_BACKENDS ?? 'webasm,webgpu').split(',') as GpuBackend[];

export async function run(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? '1e5,1e6,1e7').split(',').map(Number);
  const contexts: GpuContext[] = [];
  for (const mode of BACKENDS) {
    try {
      contexts.push(await createGpu({ mode, cpuHandoff: 0, fallback: false }));
    } catch (e) {
      console.log(`gpu bench: ${mode} does not start here: ${(e as Error).message}`);
    }
  }
  let sink = 0;
  try {
    for (const n of sizes) {
      const p = probVector(n, 'float32', 42) as Float32Array;
      const q = probVector(n, 'float32', 43) as Float32Array;
      const ops: { name: string; cpu: () => number; gpu: (g: GpuContext) => Promise<number> }[] = [
        { name: 'entropy', cpu: () => entropy(p), gpu: (g) => g.entropy(p) },
        { name: 'crossEntropy', cpu: () => crossEntropy(p, q), gpu: (g) => g.crossEntropy(p, q) },
        { name: 'klDivergence', cpu: () => klDivergence(p, q), gpu: (g) => g.klDivergence(p, q) },
        { name: 'histogram', cpu: () => histogram(p, { bins: 256 }).counts[0]!, gpu: async (g) => (await g.histogram(p, { bins: 256 })).counts[0]! },
        { name: 'quantize', cpu: () => quantize(p, { scale: 1e-7, zeroPoint: 0 })[0]!, gpu: async (g) => (await g.quantize(p, { scale: 1e-7, zeroPoint: 0 }))[0]! },
        { name: 'dequantize', cpu: () => dequantize(codes, { scale: 0.01, zeroPoint: 0 })[0]!, gpu: async (g) => (await g.dequantize(codes, { scale: 0.01, zeroPoint: 0 }))[0]! },
        { name: 'magnitudeMask', cpu: () => magnitudeMask(p, { amount: 0.5 })[0]!, gpu: async (g) => (await g.magnitudeMask(p, { amount: 0.5 }))[0]! },
      ];
      const codes = new Int8Array(n).map((_, i) => (i % 255) - 127);
      for (const op of ops) {
        const cases: MeasuredAsyncCase[] = [{ name: 'cpu kernel', fn: async () => { sink += op.cpu(); } }];
        for (const g of contexts) {
          const t0 = performance.now();
          sink += await op.gpu(g);
          const first = performance.now() - t0;
          cases.push({ name: `gpu ${g.mode}`, fn: async () => { sink += await op.gpu(g); }, extra: { firstCallMs: first.toFixed(1) } });
        }
        await measureAsyncCases(`frugal:gpu:${op.name}:float32:n=${n}`, cases, n);
      }
    }
    await convSuites(contexts, (v) => { sink += v; });
  } finally {
    for (const g of contexts) await g.destroy();
  }
  if (!Number.isFinite(sink)) throw new Error('gpu bench: a result is not finite');
}

// MobileNet v1 layers (float32, NHWC): a depthwise 3×3, a pointwise and the separable block.
async function convSuites(contexts: GpuContext[], consume: (v: number) => void): Promise<void> {
  const layers: Array<[number, number, number]> = [[112, 32, 64], [28, 256, 256], [14, 512, 512]];
  for (const [hw, c, cout] of layers) {
    const x = { data: Float32Array.from({ length: hw * hw * c }, (_, i) => Math.sin(i)), shape: [1, hw, hw, c] };
    const dw = { data: Float32Array.from({ length: 9 * c }, (_, i) => Math.cos(i)), shape: [3, 3, c, 1] };
    const pw = { data: Float32Array.from({ length: c * cout }, (_, i) => Math.sin(i * 0.1)), shape: [1, 1, c, cout] };
    const macs = hw * hw * c * 9 + hw * hw * c * cout;
    const ops: { name: string; cpu: () => number; gpu: (g: GpuContext) => Promise<number> }[] = [
      { name: 'depthwiseConv2d', cpu: () => depthwiseConv2d(x, dw, { padding: 'same' }).data[0]!, gpu: async (g) => (await g.depthwiseConv2d(x, dw, { padding: 'same' })).data[0]! },
      { name: 'pointwiseConv2d', cpu: () => pointwiseConv2d(x, pw).data[0]!, gpu: async (g) => (await g.pointwiseConv2d(x, pw)).data[0]! },
      { name: 'separableConv2d', cpu: () => separableConv2d(x, dw, pw, { padding: 'same', activation: 'relu6', depthwiseActivation: 'relu6' }).data[0]!,
        gpu: async (g) => (await g.separableConv2d(x, dw, pw, { padding: 'same', activation: 'relu6', depthwiseActivation: 'relu6' })).data[0]! },
    ];
    for (const op of ops) {
      const cases: MeasuredAsyncCase[] = [{ name: 'cpu kernel', fn: async () => { consume(op.cpu()); } }];
      for (const g of contexts) {
        const t0 = performance.now();
        consume(await op.gpu(g));
        const first = performance.now() - t0;
        cases.push({ name: `gpu ${g.mode}`, fn: async () => { consume(await op.gpu(g)); }, extra: { firstCallMs: first.toFixed(1) } });
      }
      await measureAsyncCases(`frugal:gpu:${op.name}:float32:1x${hw}x${hw}x${c}${op.name === 'depthwiseConv2d' ? '' : `->${cout}`}`, cases, op.name === 'separableConv2d' ? macs : op.name === 'depthwiseConv2d' ? hw * hw * c * 9 : hw * hw * c * cout, { unit: 'M MAC/s' });
    }
  }
}
