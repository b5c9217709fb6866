// frugal/gpu: the gpu.js runtime and the GPU twins of the CPU kernels. The only entry that loads
// gpu.js (with import(), so it stays an optional peer dependency).
export { createGpu } from './createGpu.js';
export type { GpuContext, GpuPairReduction } from './createGpu.js';
export { CPU_HANDOFF_ELEMENTS, MAX_ELEMENTS_PER_LAUNCH } from './runtime.js';
export type { CreateGpuOptions, GpuBackend, GpuMode } from './runtime.js';
