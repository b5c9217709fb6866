// npm run bench -- gpu: the frugal/gpu kernels on every backend that starts here, beside the CPU
// kernels, warm (benchmark.js) and first call (compile + upload + readback), upload and readback
// included in every GPU time. On a CPU-only machine webgpu runs on lavapipe: not GPU numbers.
import { crossEntropy, entropy, histogram, klDivergence } from '../src/entropy/index.js';
import { createGpu } from '../src/gpu/index.js';
import type { GpuBackend, GpuContext } from '../src/gpu/index.js';
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
      ];
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
  } finally {
    for (const g of contexts) await g.destroy();
  }
  if (!Number.isFinite(sink)) throw new Error('gpu bench: a result is not finite');
}
