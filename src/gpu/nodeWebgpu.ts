// WebGPU in Node: gpu.js only reads globalThis.navigator.gpu, which Node lacks. The optional
// `webgpu` package (Dawn, ≥ 0.6) provides it. This module installs and removes it (GPU.md §1).

interface WebgpuModule {
  create(flags: string[]): { requestAdapter(): Promise<unknown> };
  globals: Record<string, unknown>;
}

interface NavigatorLike {
  gpu?: unknown;
  hardwareConcurrency?: number;
}

let installed: Promise<{ ok: boolean; why?: string }> | undefined;

/**
 * Installs `navigator.gpu` from the `webgpu` package when it is present and an adapter answers.
 * Idempotent; resolves to `{ ok: false, why }` instead of throwing.
 * @internal
 */
export function installNodeWebgpu(): Promise<{ ok: boolean; why?: string }> {
  installed ??= (async () => {
    const g = globalThis as unknown as { navigator?: NavigatorLike };
    if (g.navigator?.gpu !== undefined) return { ok: true };
    let mod: WebgpuModule;
    try {
      if (typeof process !== 'undefined' && process.env.XDG_RUNTIME_DIR === undefined) process.env.XDG_RUNTIME_DIR = '/tmp';
      const imported = (await import('webgpu')) as unknown as WebgpuModule & { default?: WebgpuModule };
      mod = typeof imported.create === 'function' ? imported : (imported.default as WebgpuModule);
    } catch (e) {
      return { ok: false, why: `the optional 'webgpu' package is not installed (npm install webgpu): ${firstLine(e)}` };
    }
    try {
      Object.assign(globalThis, mod.globals);
      const gpu = mod.create([]);
      if (g.navigator !== undefined) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
      else g.navigator = { gpu, hardwareConcurrency: 4 };
      const adapter = await gpu.requestAdapter();
      if (adapter === null || adapter === undefined) {
        return { ok: false, why: 'no WebGPU adapter answered (install a Vulkan driver, e.g. Mesa ≥ 25 lavapipe)' };
      }
      return { ok: true };
    } catch (e) {
      return { ok: false, why: `WebGPU failed to start: ${firstLine(e)}` };
    }
  })();
  return installed;
}

/** Removes what {@link installNodeWebgpu} installed, so the process can exit. @internal */
export function uninstallNodeWebgpu(): void {
  const g = globalThis as unknown as { navigator?: NavigatorLike };
  if (g.navigator !== undefined && 'gpu' in g.navigator) {
    try {
      delete g.navigator.gpu;
    } catch {
      g.navigator.gpu = undefined;
    }
  }
  installed = undefined;
}

/** The first line of an error's message. @internal */
export function firstLine(e: unknown): string {
  return String((e as { message?: unknown } | null)?.message ?? e).split('\n')[0] ?? '';
}
