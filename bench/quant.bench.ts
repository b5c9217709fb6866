// Quantization benchmarks: frugal against a naive loop and tfjs-core (cpu and wasm backends) in the
// same process. Throughput in M elements/s. tfjs inputs are uploaded once; its cases include the
// dataSync() download of the result, since frugal returns a typed array.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { depthwiseConv2d, pointwiseConv2d } from 'frugal/conv';
import {
  calibrate, dequantize, multiplyByQuantizedMultiplier, quantize, quantizedDepthwiseConv2d, quantizedPointwiseConv2d, quantizeMultiplier,
} from 'frugal/quant';
import { gaussianFloats } from './support/data.js';
import { int32Accumulators, int8Tensor, naiveDequantize, naiveQuantize, naiveQuantizePerChannel, naiveRequantizeFloat } from './support/quant-data.js';
import { runSuite } from './support/report.js';

type Case = { name: string; fn: () => void };
type Backend = 'cpu' | 'wasm';

let sink = 0;
const consume = (d: ArrayLike<number>): void => {
  sink += d[0]! + d[d.length - 1]!;
};

function onBackend(name: Backend): void {
  void tf.setBackend(name); // already initialised: switches synchronously
  if (tf.getBackend() !== name) throw new Error(`quant bench: tfjs backend ${name} not active`);
}

function tfPair<R extends tf.Rank>(make: () => tf.Tensor<R>): Record<Backend, tf.Tensor<R>> {
  onBackend('cpu');
  const cpu = make();
  onBackend('wasm');
  const wasm = make();
  return { cpu, wasm };
}

function tfCases(run: (b: Backend) => tf.Tensor): Case[] {
  return (['cpu', 'wasm'] as const).map((b) => ({
    name: `tfjs-${b}`,
    fn: () => {
      onBackend(b);
      const y = tf.tidy(() => run(b));
      consume(y.dataSync());
      y.dispose();
    },
  }));
}

const SCALE = 0.02;
const ZP = 3;
const params = { scale: SCALE, zeroPoint: ZP };

function quantizeSuites(n: number): void {
  const x = gaussianFloats(n, 1, 'float32', 11) as Float32Array;
  const out = new Int8Array(n);
  const tx = tfPair(() => tf.tensor1d(x));
  // tf.round is half-to-even (banker's), so this is the same result as frugal's default
  runSuite(`frugal:quantize:float32:per-tensor:n=${n}`, [
    { name: 'frugal half-even', fn: () => consume(quantize(x, params, { out })) },
    { name: 'frugal half-away', fn: () => consume(quantize(x, params, { rounding: 'half-away', out })) },
    { name: 'naive Math.round', fn: () => consume(naiveQuantize(x, SCALE, ZP, out)) },
    ...tfCases((b) => tf.cast(tf.clipByValue(tf.add(tf.round(tf.div(tx[b], SCALE)), ZP), -128, 127), 'int32')),
  ], n);

  const channels = 32;
  const shape = [n / channels, channels];
  const scales = Float64Array.from({ length: channels }, (_, c) => 0.01 + c * 0.0005);
  const pc = { scale: scales, zeroPoint: 0, axis: 1 };
  const tScale = tfPair(() => tf.tensor1d(Float32Array.from(scales)));
  const tx2 = tfPair(() => tf.tensor2d(x, shape as [number, number]));
  runSuite(`frugal:quantize:float32:per-channel(axis=-1,C=32):n=${n}`, [
    { name: 'frugal half-even', fn: () => consume(quantize({ data: x, shape }, pc, { out }).data) },
    { name: 'naive Math.round', fn: () => consume(naiveQuantizePerChannel(x, scales, out)) },
    ...tfCases((b) => tf.cast(tf.clipByValue(tf.round(tf.div(tx2[b], tScale[b])), -128, 127), 'int32')),
  ], n);

  const q = quantize(x, params) as Int8Array;
  const fout = new Float32Array(n);
  const tq = tfPair(() => tf.tensor1d(Int32Array.from(q), 'int32'));
  runSuite(`frugal:dequantize:int8:per-tensor:n=${n}`, [
    { name: 'frugal', fn: () => consume(dequantize(q, params, { out: fout })) },
    { name: 'naive loop', fn: () => consume(naiveDequantize(q, SCALE, ZP, fout)) },
    ...tfCases((b) => tf.mul(tf.cast(tf.sub(tq[b], ZP), 'float32'), SCALE)),
  ], n);
  runSuite(`frugal:dequantize:int8:per-channel(axis=-1,C=32):n=${n}`, [
    { name: 'frugal', fn: () => consume(dequantize({ data: q, shape }, pc, { out: fout }).data) },
  ], n);
  for (const b of ['cpu', 'wasm'] as const) {
    tx[b].dispose();
    tx2[b].dispose();
    tq[b].dispose();
    tScale[b].dispose();
  }
}

function calibrationSuite(n: number): void {
  const x = gaussianFloats(n, 1, 'float32', 12) as Float32Array;
  const sorted = new Float32Array(n);
  runSuite(`frugal:calibrate:float32:n=${n}`, [
    { name: "frugal 'minmax'", fn: () => (sink += calibrate(x).scale as number) },
    { name: "frugal 'percentile'", fn: () => (sink += calibrate(x, { method: 'percentile' }).scale as number) },
    { name: "frugal 'mse'", fn: () => (sink += calibrate(x, { method: 'mse' }).scale as number) },
    { name: "frugal 'entropy'", fn: () => (sink += calibrate(x, { method: 'entropy' }).scale as number) },
    {
      name: 'naive sort percentile',
      fn: () => {
        for (let i = 0; i < n; i++) sorted[i] = Math.abs(x[i]!);
        sorted.sort();
        sink += sorted[Math.min(n - 1, Math.floor(0.9999 * n))]!;
      },
    },
  ], n);
}

function requantSuite(n: number): void {
  const acc = int32Accumulators(n, 13);
  const out = new Int32Array(n);
  const { multiplier, shift } = quantizeMultiplier(0.0023);
  const perChannel = quantizeMultiplier(Float64Array.from({ length: 64 }, (_, c) => 0.001 + c * 1e-4));
  const m = BigInt(multiplier);
  runSuite(`frugal:multiplyByQuantizedMultiplier:int32:n=${n}`, [
    { name: 'frugal per-tensor', fn: () => consume(multiplyByQuantizedMultiplier(acc, multiplier, shift, { out })) },
    { name: 'frugal per-channel', fn: () => consume(multiplyByQuantizedMultiplier(acc, perChannel.multiplier, perChannel.shift, { out })) },
    { name: 'float Math.round (inexact)', fn: () => consume(naiveRequantizeFloat(acc, 0.0023, out)) },
    {
      name: 'BigInt reference',
      fn: () => {
        // SRDHM + RDBPOT with BigInt, the obvious way (exact)
        const right = BigInt(-shift);
        const mask = (1n << right) - 1n;
        for (let i = 0; i < n; i++) {
          const ab = BigInt(acc[i]!) * m;
          const h = (ab + (ab >= 0n ? 1n << 30n : 1n - (1n << 30n))) / (1n << 31n);
          const rem = h & mask;
          out[i] = Number((h >> right) + (rem > (mask >> 1n) + (h < 0n ? 1n : 0n) ? 1n : 0n));
        }
        consume(out);
      },
    },
  ], n);
}

function int8ConvSuites(): void {
  const [h, c] = [56, 128];
  const x = int8Tensor([1, h, h, c], 21);
  const dw = int8Tensor([3, 3, c, 1], 22);
  const pw = int8Tensor([1, 1, c, c], 23);
  const q = { inputQuant: { scale: 0.05, zeroPoint: -3 }, filterQuant: { scale: Array.from({ length: c }, (_, i) => 0.002 + i * 1e-5) }, outputQuant: { scale: 0.1, zeroPoint: 2 } };
  const xf = { data: Float32Array.from(x.data, (v) => (v + 3) * 0.05), shape: x.shape };
  const dwf = { data: Float32Array.from(dw.data, (v) => v * 0.002), shape: dw.shape };
  const pwf = { data: Float32Array.from(pw.data, (v) => v * 0.002), shape: pw.shape };
  const dwOut = new Int8Array(h * h * c);
  runSuite(`frugal:quantizedDepthwiseConv2d:1x${h}x${h}x${c},3x3,s1,same`, [
    { name: 'frugal int8', fn: () => consume(quantizedDepthwiseConv2d(x, dw, { ...q, padding: 'same', out: dwOut }).data) },
    { name: 'frugal float32', fn: () => consume(depthwiseConv2d(xf, dwf, { padding: 'same' }).data) },
  ], h * h * c * 9, { unit: 'MMAC/s' });
  runSuite(`frugal:quantizedPointwiseConv2d:1x${h}x${h}x${c}→${c}`, [
    { name: 'frugal int8', fn: () => consume(quantizedPointwiseConv2d(x, pw, { ...q, out: dwOut }).data) },
    { name: 'frugal float32', fn: () => consume(pointwiseConv2d(xf, pwf).data) },
  ], h * h * c * c, { unit: 'MMAC/s' });
}

export async function run(): Promise<void> {
  await tf.setBackend('wasm');
  await tf.setBackend('cpu');
  await tf.ready();
  const only = process.env.QUANT_BENCH_ONLY; // e.g. 'quantize,requant'
  const want = (f: string): boolean => only === undefined || only.split(',').includes(f);
  if (want('quantize')) for (const n of [1e5, 1e6, 1e7]) quantizeSuites(n);
  if (want('calibrate')) for (const n of [1e6, 1e7]) calibrationSuite(n);
  if (want('requant')) requantSuite(1e6);
  if (want('conv')) int8ConvSuites();
  if (!Number.isFinite(sink)) throw new Error('quant bench: a result was not finite');
}
