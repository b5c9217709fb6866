// Which gpu.js backends the GPU tests run on. Modes listed in REQUIRE_GPU_BACKENDS (CI sets
// "webasm,webgpu") must start: a failure to start fails the suite instead of skipping it. The
// default, without the variable, is webasm (always available); add others to probe them locally.
import type { GpuBackend } from '../../src/gpu/index.js';

export function gpuModesUnderTest(): GpuBackend[] {
  const listed = (process.env.REQUIRE_GPU_BACKENDS ?? 'webasm').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const known: GpuBackend[] = ['webgpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu'];
  for (const m of listed) if (!known.includes(m as GpuBackend)) throw new Error(`REQUIRE_GPU_BACKENDS: unknown mode '${m}'`);
  return listed as GpuBackend[];
}

/** 2^-23, the float32 machine epsilon. */
export const EPS32 = 2 ** -23;
