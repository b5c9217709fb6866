// npm run bench -- entropy: entropy, crossEntropy and klDivergence against a naive float64 loop
// and tfjs-core (cpu and wasm backends; float32 only, tensors made before timing).
import type * as Tf from '@tensorflow/tfjs-core';
import { crossEntropy, entropy, klDivergence } from 'frugal/entropy';
import { sumKahan } from 'frugal';
import { probVector } from './support/data.js';
import { naiveCrossEntropy, naiveEntropy, naiveKl, useTfBackend } from './support/peers.js';
import { measureCases } from './support/report.js';
import type { MeasuredCase } from './support/report.js';

type Vec = Float32Array | Float64Array;
type Op = 'entropy' | 'crossEntropy' | 'klDivergence';

const frugalOps: Record<Op, (p: Vec, q: Vec) => number> = {
  entropy: (p) => entropy(p),
  crossEntropy: (p, q) => crossEntropy(p, q),
  klDivergence: (p, q) => klDivergence(p, q),
};
const naiveOps: Record<Op, (p: Vec, q: Vec) => number> = {
  entropy: (p) => naiveEntropy(p),
  crossEntropy: (p, q) => naiveCrossEntropy(p, q),
  klDivergence: (p, q) => naiveKl(p, q),
};
const tfOps: Record<Op, (tf: typeof Tf, p: Tf.Tensor, q: Tf.Tensor) => Tf.Tensor> = {
  entropy: (tf, p) => tf.neg(tf.sum(tf.mul(p, tf.log(p)))),
  crossEntropy: (tf, p, q) => tf.neg(tf.sum(tf.mul(p, tf.log(q)))),
  klDivergence: (tf, p, q) => tf.sum(tf.mul(p, tf.log(tf.div(p, q)))),
};

// Float64 reference of scipy's definition: divide by the (compensated) sums, then a compensated
// sum of Math.log terms. frugal's error is reported against it; the naive loop skips normalising.
function reference(op: Op, p: Vec, q: Vec): number {
  const sp = sumKahan(p);
  const sq = sumKahan(q);
  const terms = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const v = p[i]! / sp;
    const u = q[i]! / sq;
    if (v === 0) continue;
    terms[i] = op === 'entropy' ? -v * Math.log(v) : op === 'crossEntropy' ? -v * Math.log(u) : v * Math.log(v / u);
  }
  return sumKahan(terms);
}

export async function run(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? '1e3,1e5,1e7').split(',').map(Number);
  let sink = 0;
  for (const n of sizes) {
    for (const dtype of ['float32', 'float64'] as const) {
      const p = probVector(n, dtype, 42);
      const q = probVector(n, dtype, 43);
      for (const op of ['entropy', 'crossEntropy', 'klDivergence'] as const) {
        const exact = reference(op, p, q);
        const relErr = (v: number): string => (Math.abs(v - exact) / Math.abs(exact)).toExponential(1);
        const cases: MeasuredCase[] = [
          { name: 'frugal', fn: () => { sink += frugalOps[op](p, q); }, extra: { relErr: relErr(frugalOps[op](p, q)) } },
          { name: 'naive f64 loop', fn: () => { sink += naiveOps[op](p, q); }, extra: { relErr: relErr(naiveOps[op](p, q)) } },
        ];
        if (dtype === 'float32') {
          for (const backend of ['cpu', 'wasm'] as const) {
            let tf: typeof Tf | undefined;
            let pt: Tf.Tensor | undefined;
            let qt: Tf.Tensor | undefined;
            cases.push({
              name: `tfjs-${backend}`,
              setup: async () => {
                tf = await useTfBackend(backend); // every round (cases take turns), tensors once
                pt ??= tf.tensor1d(p as Float32Array);
                qt ??= tf.tensor1d(q as Float32Array);
              },
              fn: () => {
                const r = tf!.tidy(() => tfOps[op](tf!, pt!, qt!));
                sink += r.dataSync()[0]!;
                r.dispose();
              },
            });
          }
        }
        await measureCases(`frugal:${op}:${dtype}:n=${n}`, cases, n);
        if (!Number.isFinite(sink)) throw new Error('entropy bench: a result is not finite');
      }
    }
  }
}
