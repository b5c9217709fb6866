import type { FloatArray, ProbArray, Tensor } from '../core/index.js';
import type { Histogram, HistogramOptions, NumericArray } from '../entropy/histogram.js';
import type { ReductionOptions, TensorReductionOptions } from '../entropy/reduce.js';
import type { DepthwiseConv2dOptions } from '../conv/depthwiseConv2d.js';
import type { PointwiseConv2dOptions } from '../conv/pointwiseConv2d.js';
import type { SeparableConv2dOptions } from '../conv/separableConv2d.js';
import type { MagnitudeMaskOptions } from '../prune/magnitudeMask.js';
import type { DequantizeOptions } from '../quant/dequantize.js';
import type { QuantParams } from '../quant/quantParams.js';
import type { QuantizedArray, QuantizeOptions } from '../quant/quantize.js';
import { depthwiseConv2d } from './conv/depthwiseConv2d.js';
import { magnitudeMask } from './prune/magnitudeMask.js';
import { dequantize, quantize } from './quant/quantize.js';
import { pointwiseConv2d } from './conv/pointwiseConv2d.js';
import { separableConv2d } from './conv/separableConv2d.js';
import { crossEntropy } from './entropy/crossEntropy.js';
import { entropy } from './entropy/entropy.js';
import { histogram } from './entropy/histogram.js';
import { klDivergence } from './entropy/klDivergence.js';
import { createRuntime } from './runtime.js';
import type { CreateGpuOptions, GpuBackend } from './runtime.js';

/** A pair reduction on the GPU: a number for vectors, a Float32Array of lane results for Tensors. */
export interface GpuPairReduction {
  (p: Tensor<FloatArray>, q: Tensor<FloatArray>, options?: TensorReductionOptions<Float32Array>): Promise<Float32Array>;
  (p: ProbArray, q: ProbArray, options?: ReductionOptions): Promise<number>;
}

/**
 * A GPU context: the kernels of the CPU API, asynchronous and float32, on the backend in `mode`.
 * Destroy it (or `await using` it) when done: compiled kernels hold device memory.
 */
export interface GpuContext {
  /** The backend that really runs the kernels. */
  readonly mode: GpuBackend;
  /** Why 'auto' did not get a better backend, or why a kernel ran on the CPU; undefined when neither happened. */
  readonly fallbackReason: string | undefined;
  /** `entropy` on the GPU (see the CPU function for semantics). */
  entropy(p: Tensor<FloatArray>, options?: TensorReductionOptions<Float32Array>): Promise<Float32Array>;
  entropy(p: ProbArray, options?: ReductionOptions): Promise<number>;
  /** `crossEntropy` on the GPU. */
  crossEntropy: GpuPairReduction;
  /** `klDivergence` on the GPU. */
  klDivergence: GpuPairReduction;
  /** `histogram` on the GPU; bin indices computed in float32. */
  histogram(x: NumericArray, options?: HistogramOptions): Promise<Histogram>;
  /** `depthwiseConv2d` on the GPU (float32; NCHW is transposed on the host). */
  depthwiseConv2d(input: Tensor<FloatArray>, filter: Tensor<FloatArray>, options?: DepthwiseConv2dOptions<Float32Array>): Promise<Tensor<Float32Array>>;
  /** `pointwiseConv2d` on the GPU. */
  pointwiseConv2d(input: Tensor<FloatArray>, filter: Tensor<FloatArray>, options?: PointwiseConv2dOptions<Float32Array>): Promise<Tensor<Float32Array>>;
  /** `separableConv2d` on the GPU: a depthwise launch, then a pointwise launch. */
  separableConv2d(
    input: Tensor<FloatArray>, depthwiseFilter: Tensor<FloatArray>, pointwiseFilter: Tensor<FloatArray>, options?: SeparableConv2dOptions<Float32Array>,
  ): Promise<Tensor<Float32Array>>;
  /** `quantize` on the GPU: x / scale in float32 (the CPU's `arithmetic: 'float32'`), codes converted on the host. */
  quantize(x: Tensor<FloatArray>, params: QuantParams, options?: Omit<QuantizeOptions, 'arithmetic'>): Promise<Tensor<QuantizedArray>>;
  quantize(x: FloatArray | number[], params: QuantParams, options?: Omit<QuantizeOptions, 'arithmetic'>): Promise<QuantizedArray>;
  /** `dequantize` on the GPU (float32 output). */
  dequantize(q: Tensor<QuantizedArray>, params: QuantParams, options?: DequantizeOptions): Promise<Tensor<Float32Array>>;
  dequantize(q: QuantizedArray, params: QuantParams, options?: DequantizeOptions): Promise<Float32Array>;
  /** `magnitudeMask` on the GPU: the rank selection on the host, the comparisons on the device; magnitudes ranked as float32. */
  magnitudeMask(x: FloatArray | Tensor<FloatArray>, options: MagnitudeMaskOptions): Promise<Uint8Array>;
  /** Frees every compiled kernel and the device; the context is unusable afterwards. */
  destroy(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const asyncDispose: typeof Symbol.asyncDispose = (Symbol as { asyncDispose?: typeof Symbol.asyncDispose }).asyncDispose ?? (Symbol.for('Symbol.asyncDispose') as typeof Symbol.asyncDispose);

/**
 * Starts gpu.js on the best backend available (or the one named) and returns a {@link GpuContext}.
 *
 * @remarks
 * In Node, 'auto' tries WebGPU through the optional `webgpu` package (Dawn), then headless-gl
 * (the optional `gl` package and a display), then webasm, then gpu.js's cpu mode; `fallbackReason`
 * says why each better one was skipped. A mode asked for by name that cannot start throws an error
 * naming what is missing. gpu.js is an optional peer dependency: without it this throws an error
 * that says `npm install gpu.js`. Inputs below `cpuHandoff` elements run on the CPU kernels.
 *
 * @param options - {@link CreateGpuOptions}
 * @returns a context; call `destroy()` when done
 * @throws Error if gpu.js is missing or a named mode cannot start
 * @throws RangeError for an unknown mode or a bad option
 *
 * @example
 * ```ts
 * const gpu = await createGpu({ mode: 'webasm' });
 * await gpu.entropy(new Float32Array([0.5, 0.5]), { base: 2 }); // 1
 * await gpu.destroy();
 * ```
 */
export async function createGpu(options: CreateGpuOptions = {}): Promise<GpuContext> {
  const rt = await createRuntime(options);
  let destroyed = false;
  const alive = (): void => {
    if (destroyed) throw new Error('GpuContext: used after destroy()');
  };
  const destroy = async (): Promise<void> => {
    if (destroyed) return;
    destroyed = true;
    await rt.destroy();
  };
  const context = {
    get mode() {
      return rt.mode;
    },
    get fallbackReason() {
      return rt.fallbackReason;
    },
    entropy: async (p: ProbArray | Tensor<FloatArray>, o?: TensorReductionOptions<Float32Array>) => (alive(), entropy(rt, p, o)),
    crossEntropy: async (p: ProbArray | Tensor<FloatArray>, q: ProbArray | Tensor<FloatArray>, o?: TensorReductionOptions<Float32Array>) => (alive(), crossEntropy(rt, p, q, o)),
    klDivergence: async (p: ProbArray | Tensor<FloatArray>, q: ProbArray | Tensor<FloatArray>, o?: TensorReductionOptions<Float32Array>) => (alive(), klDivergence(rt, p, q, o)),
    histogram: async (x: NumericArray, o?: HistogramOptions) => (alive(), histogram(rt, x, o)),
    depthwiseConv2d: async (x: Tensor<FloatArray>, f: Tensor<FloatArray>, o?: DepthwiseConv2dOptions<Float32Array>) => (alive(), depthwiseConv2d(rt, x, f, o)),
    pointwiseConv2d: async (x: Tensor<FloatArray>, f: Tensor<FloatArray>, o?: PointwiseConv2dOptions<Float32Array>) => (alive(), pointwiseConv2d(rt, x, f, o)),
    quantize: async (x: FloatArray | number[] | Tensor<FloatArray>, p: QuantParams, o?: Omit<QuantizeOptions, 'arithmetic'>) => (alive(), quantize(rt, x, p, o)),
    dequantize: async (q: QuantizedArray | Tensor<QuantizedArray>, p: QuantParams, o?: DequantizeOptions) => (alive(), dequantize(rt, q, p, o)),
    magnitudeMask: async (x: FloatArray | Tensor<FloatArray>, o: MagnitudeMaskOptions) => (alive(), magnitudeMask(rt, x, o)),
    separableConv2d: async (x: Tensor<FloatArray>, dw: Tensor<FloatArray>, pw: Tensor<FloatArray>, o?: SeparableConv2dOptions<Float32Array>) =>
      (alive(), separableConv2d(rt, x, dw, pw, o)),
    destroy,
    [asyncDispose]: destroy,
  };
  return context as unknown as GpuContext;
}
