import { defineConfig } from 'tsup';

// splitting: true makes CJS entries share one copy of each module (one FormatError class across
// entries). No minification: gpu.js re-parses kernel bodies from their source text (GPU.md L10).
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'entropy/index': 'src/entropy/index.ts',
    'coding/index': 'src/coding/index.ts',
    'conv/index': 'src/conv/index.ts',
    'quant/index': 'src/quant/index.ts',
    'prune/index': 'src/prune/index.ts',
    'gpu/index': 'src/gpu/index.ts',
    'compress/index': 'src/compress/index.ts',
    'cli/index': 'src/cli/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  target: 'es2022',
  minify: false,
  external: ['gpu.js', 'webgpu', 'gl'],
});
