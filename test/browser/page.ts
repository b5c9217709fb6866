// The page script of test/browser/gpu.test.ts: runs one kernel of each family through frugal/gpu
// in the browser and publishes the results on window.__frugal.
import { createGpu } from 'frugal/gpu';

/** What the page publishes on window.__frugal. */
export interface PageResult {
  mode?: string;
  fallbackReason?: string;
  entropy?: number;
  depthwise?: number[];
  quantize?: number[];
  mask?: number[];
  error?: string;
}

const w = window as unknown as { __frugal?: PageResult };

async function main(): Promise<PageResult> {
  const gpu = await createGpu({ cpuHandoff: 0, fallback: false });
  try {
    const p = Float32Array.from({ length: 5000 }, (_, i) => 1 + (i % 7));
    const x = { data: Float32Array.from({ length: 6 * 6 * 2 }, (_, i) => Math.sin(i)), shape: [1, 6, 6, 2] };
    const f = { data: Float32Array.from({ length: 3 * 3 * 2 }, (_, i) => Math.cos(i)), shape: [3, 3, 2, 1] };
    const v = Float32Array.from({ length: 2000 }, (_, i) => ((i * 37) % 101) / 10 - 5);
    return {
      mode: gpu.mode,
      fallbackReason: gpu.fallbackReason,
      entropy: await gpu.entropy(p),
      depthwise: Array.from((await gpu.depthwiseConv2d(x, f, { padding: 'same', activation: 'relu6' })).data),
      quantize: Array.from(await gpu.quantize(v, { scale: 0.125, zeroPoint: 3 })),
      mask: Array.from(await gpu.magnitudeMask(v, { amount: 0.5 })),
    };
  } finally {
    await gpu.destroy();
  }
}

main().then(
  (r) => { w.__frugal = r; },
  (e: unknown) => { w.__frugal = { error: String((e as Error)?.stack ?? e) }; },
);
