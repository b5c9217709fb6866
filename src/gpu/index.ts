// frugal/gpu: the gpu.js runtime and GPU kernels; filled in by the GPU issue. The only entry that
// will load gpu.js (with import()); it exports nothing yet.
export {};
