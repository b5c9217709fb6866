// GPU twin of src/entropy/histogram.ts: one thread per (bin, 1024-element chunk), counts summed
// on the host. Bin indices are computed in float32 on the device.
import { checkOptions, dispatcher } from '../../core/index.js';
import { histogramImpl, histogramSetup } from '../../entropy/histogram.js';
import type { Histogram, HistogramOptions, NumericArray } from '../../entropy/histogram.js';
import { MAX_ELEMENTS_PER_LAUNCH, REDUCE_BLOCK } from '../runtime.js';
import type { GpuRuntime } from '../runtime.js';
import { histogramPartial } from './kernels.js';

const dispatch = /*#__PURE__*/ dispatcher('histogram', ['x', 'options'], {
  'Array | Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array, Object': run,
});

/** GPU histogram: see the CPU `histogram`. @internal */
export async function histogram(rt: GpuRuntime, x: NumericArray, options: HistogramOptions = {}): Promise<Histogram> {
  return dispatch(x, { ...checkOptions('histogram', options), rt }) as Promise<Histogram>;
}

async function run(x: NumericArray, o: HistogramOptions & { rt: GpuRuntime }): Promise<Histogram> {
  const rt = o.rt;
  const { bins, lower, upper, edges } = histogramSetup('histogram', x, o);
  const counts = new Float64Array(bins);
  const n = x.length;
  // More than 65536 bins would need more threads per launch than a 1024-element chunk allows.
  if (n === 0 || n < rt.cpuHandoff || bins > 65536) {
    histogramImpl(n, x, lower, upper, bins, edges, counts);
    return { counts, edges };
  }
  const x32 = x instanceof Float32Array ? x : Float32Array.from(x);
  const edges32 = Float32Array.from(edges);
  // bins · chunks threads per launch, at most 2^24 of them (GPU.md L2)
  const chunk = Math.max(REDUCE_BLOCK, Math.min(MAX_ELEMENTS_PER_LAUNCH, Math.floor(MAX_ELEMENTS_PER_LAUNCH / bins) * REDUCE_BLOCK));
  await rt.guarded(
    async () => {
      const partial = new Float64Array(bins);
      for (let offset = 0; offset < n; offset += chunk) {
        const len = Math.min(chunk, n - offset);
        const view = len === n ? x32 : x32.subarray(offset, offset + len);
        const out = await rt.run('histogram', histogramPartial, bins * Math.ceil(len / REDUCE_BLOCK), [view, edges32, lower, upper, bins, len]);
        for (let i = 0; i < out.length; i++) partial[i % bins] = partial[i % bins]! + out[i]!;
      }
      counts.set(partial);
    },
    () => {
      counts.fill(0);
      histogramImpl(n, x, lower, upper, bins, edges, counts);
    },
  );
  return { counts, edges };
}
