// What the chunked summation loops of the entropy kernels share.
//
// Each kernel walks its range in chunks of CHUNK elements, calling a chunk loop that is a closure
// made once, with its tables captured as constants: V8 then compiles the loop with the tables'
// addresses and lengths known. (Bundlers such as esbuild and tsup turn module-level consts into
// vars, which V8 reloads in the loop, and tables passed as arguments cost registers: the closure was
// 1.2–1.3× faster than either, measured on esbuild bundles of the source, built as dist/ is.) A chunk loop is one flat loop that adds
// its lanes into the chunk's sums every FLUSH_BLOCK elements (a nested block loop was 1.1–1.15×
// slower), and it is called once per chunk rather than looping over all chunks itself, so V8 sees
// its exit before optimising it (a single loop over everything was entered by on-stack replacement
// and de-optimised at its exit on every call).

/** Elements per chunk. @internal */
export const CHUNK = 65536;
/** Elements between two flushes of a chunk loop's lanes (a power of two). @internal */
export const FLUSH_BLOCK = 1024;
/** 1/3, the cubic coefficient of log1p. @internal */
export const C3 = 0.3333333333333333;
/** Σp, Σq and the skipped-group count of the chunk a chunk loop just summed. @internal */
export const chunkSums = /*#__PURE__*/ new Float64Array(3);
