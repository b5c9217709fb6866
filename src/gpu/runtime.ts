// The gpu.js runtime behind frugal/gpu: backend choice, a per-shape LRU kernel cache, chunked
// launches, float64 second stages on the host, and the record of what really ran (GPU.md §3, §6).
import { rangeError } from '../core/errors.js';
import { firstLine, installNodeWebgpu, uninstallNodeWebgpu } from './nodeWebgpu.js';

/** Backends `createGpu` can be asked for; 'auto' picks the best that starts. */
export type GpuMode = 'auto' | 'webgpu' | 'webgl2' | 'webgl' | 'headlessgl' | 'webasm' | 'cpu';

/** The backend a context really runs on. */
export type GpuBackend = Exclude<GpuMode, 'auto'>;

/** Options of `createGpu`. */
export interface CreateGpuOptions {
  /** Backend to use (default 'auto': webgpu, then headless-gl / webgl2 / webgl, then webasm). */
  mode?: GpuMode;
  /**
   * When a GPU kernel fails at run time, compute the result on the CPU instead and record why in
   * `fallbackReason` (default true). `false` rethrows, so a GPU failure can never pass as a result.
   */
  fallback?: boolean;
  /** Inputs with fewer elements than this run on the CPU kernels (default {@link CPU_HANDOFF_ELEMENTS}; 0 disables). */
  cpuHandoff?: number;
  /** Compiled kernels kept (one per kernel and shape); older ones are destroyed (default 32). */
  maxKernels?: number;
}

/**
 * Below this many elements a kernel is handed to the CPU implementation: on the machines we
 * measured, uploading, launching and reading back cost more than the CPU loop (GPU.md §4).
 */
export const CPU_HANDOFF_ELEMENTS = 1 << 16;

/** Flat indices are float32 inside gpu.js kernels: every launch stays at ≤ 2^24 elements (GPU.md L2). */
export const MAX_ELEMENTS_PER_LAUNCH = 1 << 24;

/** Elements one thread reduces in a first-stage reduction; the literal in the kernels must match. */
export const REDUCE_BLOCK = 1024;

const MODES: readonly GpuMode[] = ['auto', 'webgpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu'];

// The kernel class gpu.js instantiates for each backend (checked after the first launch: L15).
const KERNEL_CLASS: Record<GpuBackend, string> = {
  webgpu: 'WebGPUKernel',
  webgl2: 'WebGL2Kernel',
  webgl: 'WebGLKernel',
  headlessgl: 'HeadlessGLKernel',
  webasm: 'WebAssemblyKernel',
  cpu: 'CPUKernel',
};

/** A kernel body: a plain `function` gpu.js compiles from its source text. @internal */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KernelFunction = (this: any, ...args: any[]) => number;

/** What a kernel takes: arrays (read as float32) and numbers. @internal */
export type KernelArgument = Float32Array | Uint8Array | Int8Array | number;

interface CompiledKernel {
  (...args: KernelArgument[]): Float32Array | Promise<Float32Array>;
  destroy(): void;
  kernel?: { constructor: { name: string } };
}

interface GpuInstance {
  createKernel(fn: KernelFunction | string, settings: Record<string, unknown>): CompiledKernel;
  destroy(): void | Promise<void>;
}

interface GpuJsModule {
  GPU: (new (settings: { mode: string }) => GpuInstance) & {
    isHeadlessGLSupported?: boolean;
    isWebGL2Supported?: boolean;
    isWebGLSupported?: boolean;
  };
  WebGPUContext?: { destroy?: () => unknown };
}

/** The live runtime shared by the GPU kernels of a context. @internal */
export interface GpuRuntime {
  readonly mode: GpuBackend;
  readonly cpuHandoff: number;
  fallbackReason: string | undefined;
  /** Runs (compiling once per shape) `fn` over a 1-D output of `output` threads. */
  run(name: string, fn: KernelFunction, output: number, args: readonly KernelArgument[], constants?: Record<string, number>): Promise<Float32Array>;
  /** Runs `gpuPath`; on failure, with fallback on, records the reason and runs `cpuPath`. */
  guarded<T>(gpuPath: () => Promise<T>, cpuPath: () => T): Promise<T>;
  destroy(): Promise<void>;
}

async function loadGpuJs(): Promise<GpuJsModule> {
  try {
    const mod = (await import('gpu.js')) as unknown as GpuJsModule & { default?: GpuJsModule };
    return typeof mod.GPU === 'function' ? mod : (mod.default as GpuJsModule);
  } catch (e) {
    throw new Error(`createGpu: the optional peer dependency gpu.js is missing: npm install gpu.js (${firstLine(e)})`);
  }
}

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

async function webgpuReady(): Promise<{ ok: boolean; why?: string }> {
  if (isNode()) return installNodeWebgpu();
  const gpu = (globalThis as unknown as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator?.gpu;
  if (gpu === undefined) return { ok: false, why: 'this browser has no navigator.gpu' };
  const adapter = await gpu.requestAdapter();
  return adapter ? { ok: true } : { ok: false, why: 'no WebGPU adapter answered' };
}

function glReady(GPU: GpuJsModule['GPU'], mode: 'headlessgl' | 'webgl2' | 'webgl'): { ok: boolean; why?: string } {
  if (mode === 'headlessgl') {
    if (!isNode()) return { ok: false, why: 'headlessgl runs in Node only' };
    return GPU.isHeadlessGLSupported === true
      ? { ok: true }
      : { ok: false, why: 'headless-gl did not open a context (npm rebuild gl, and a DISPLAY such as xvfb-run)' };
  }
  if (isNode()) return { ok: false, why: `${mode} needs a browser (in Node use headlessgl)` };
  const ok = mode === 'webgl2' ? GPU.isWebGL2Supported === true : GPU.isWebGLSupported === true;
  return ok ? { ok } : { ok, why: `this browser has no ${mode} context` };
}

async function ready(GPU: GpuJsModule['GPU'], mode: GpuBackend): Promise<{ ok: boolean; why?: string }> {
  if (mode === 'webgpu') return webgpuReady();
  if (mode === 'headlessgl' || mode === 'webgl2' || mode === 'webgl') return glReady(GPU, mode);
  if (mode === 'webasm' && typeof WebAssembly !== 'object') return { ok: false, why: 'WebAssembly is not available' };
  return { ok: true };
}

/** Picks and starts a backend. A mode asked for by name throws when it cannot start. @internal */
export async function createRuntime(options: CreateGpuOptions): Promise<GpuRuntime> {
  const fn = 'createGpu';
  const mode = options.mode ?? 'auto';
  if (!MODES.includes(mode)) rangeError(fn, `mode must be one of ${MODES.map((m) => `'${m}'`).join(', ')} (got ${String(mode)})`);
  const fallback = options.fallback ?? true;
  const cpuHandoff = options.cpuHandoff ?? CPU_HANDOFF_ELEMENTS;
  if (!(Number.isInteger(cpuHandoff) && cpuHandoff >= 0)) rangeError(fn, `cpuHandoff must be an integer ≥ 0 (got ${cpuHandoff})`);
  const maxKernels = options.maxKernels ?? 32;
  if (!(Number.isInteger(maxKernels) && maxKernels >= 1)) rangeError(fn, `maxKernels must be an integer ≥ 1 (got ${maxKernels})`);

  const mod = await loadGpuJs();
  let backend: GpuBackend;
  const skipped: string[] = [];
  if (mode === 'auto') {
    const order: GpuBackend[] = isNode() ? ['webgpu', 'headlessgl', 'webasm', 'cpu'] : ['webgpu', 'webgl2', 'webgl', 'webasm', 'cpu'];
    backend = 'cpu';
    for (const m of order) {
      const r = await ready(mod.GPU, m);
      if (r.ok) {
        backend = m;
        break;
      }
      skipped.push(`${m}: ${r.why}`);
    }
  } else {
    const r = await ready(mod.GPU, mode);
    if (!r.ok) throw new Error(`createGpu: mode '${mode}' cannot start: ${r.why}`);
    backend = mode;
  }
  const gpu = new mod.GPU({ mode: backend });
  const cache = new Map<string, CompiledKernel>();

  const runtime: GpuRuntime = {
    mode: backend,
    cpuHandoff,
    fallbackReason: skipped.length > 0 ? skipped.join('; ') : undefined,
    async run(name, kernelFn, output, args, constants) {
      const lengths = args.map((a) => (typeof a === 'number' ? '_' : a.length)).join(',');
      const key = `${name}|${output}|${lengths}|${constants === undefined ? '' : JSON.stringify(constants)}`;
      let k = cache.get(key);
      if (k !== undefined) {
        cache.delete(key);
      } else {
        k = gpu.createKernel(kernelFn, { output: [output], tactic: 'precision', ...(constants === undefined ? {} : { constants }) });
      }
      cache.set(key, k);
      if (cache.size > maxKernels) {
        const [oldKey, old] = cache.entries().next().value as [string, CompiledKernel];
        cache.delete(oldKey);
        old.destroy();
      }
      const result = await k(...args);
      const ran = k.kernel?.constructor.name;
      if (ran !== undefined && ran !== KERNEL_CLASS[backend]) {
        throw new Error(`gpu.js ran ${name} on ${ran}, not on the ${backend} backend`);
      }
      return result;
    },
    async guarded(gpuPath, cpuPath) {
      try {
        return await gpuPath();
      } catch (e) {
        if (!fallback) throw e;
        runtime.fallbackReason = `a kernel failed on ${backend} and ran on the CPU: ${firstLine(e)}`;
        return cpuPath();
      }
    },
    async destroy() {
      for (const k of cache.values()) k.destroy();
      cache.clear();
      await gpu.destroy();
      if (backend === 'webgpu') {
        await mod.WebGPUContext?.destroy?.();
        if (isNode()) uninstallNodeWebgpu();
      }
    },
  };
  return runtime;
}

/**
 * Σ over [0, n) of a first-stage reduction kernel (one float32 partial per 1024-element block),
 * launched in chunks of ≤ 2^24 elements and finished in float64 on the host with Neumaier sums.
 * `arrays` are chunked alongside; `scalars` follow them as arguments, then the chunk length.
 * @internal
 */
export async function reduceBlocks(
  rt: GpuRuntime, name: string, fn: KernelFunction, arrays: readonly Float32Array[], scalars: readonly number[],
): Promise<number> {
  const n = arrays[0]!.length;
  let hi = 0;
  let lo = 0;
  for (let offset = 0; offset < n; offset += MAX_ELEMENTS_PER_LAUNCH) {
    const len = Math.min(MAX_ELEMENTS_PER_LAUNCH, n - offset);
    const views = arrays.map((a) => (len === n ? a : a.subarray(offset, offset + len)));
    const partial = await rt.run(name, fn, Math.ceil(len / REDUCE_BLOCK), [...views, ...scalars, len]);
    for (let i = 0; i < partial.length; i++) {
      const t = partial[i]!;
      const u = hi + t;
      lo += Math.abs(hi) >= Math.abs(t) ? hi - u + t : t - u + hi;
      hi = u;
    }
  }
  return hi - hi === 0 ? hi + lo : hi;
}
