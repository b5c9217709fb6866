// Conv benchmarks on MobileNet-v1 layer shapes: frugal against tfjs-core on its cpu and wasm
// (XNNPACK) backends and a naive loop, all in this process. Throughput in MMAC/s (1 MAC = 2 FLOP).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { conv2d, depthwiseConv2d, pointwiseConv2d, separableConv2d } from 'frugal/conv';
import { naiveDepthwise, naivePointwise, tensorOf } from './support/conv-data.js';
import { runSuite } from './support/report.js';

type T4 = [number, number, number, number];
type Case = { name: string; fn: () => void };

let sink = 0;
const consume = (d: ArrayLike<number>): void => {
  sink += d[0]! + d[d.length - 1]!;
};

/** Makes a tensor on each tfjs backend from the same data; `onBackend` runs `fn` with that backend active. */
function onBackend(name: 'cpu' | 'wasm'): void {
  void tf.setBackend(name); // already initialised: switches synchronously
  if (tf.getBackend() !== name) throw new Error(`conv bench: tfjs backend ${name} not active`);
}

function tfPair(data: Float32Array, shape: number[]): Record<'cpu' | 'wasm', tf.Tensor4D> {
  onBackend('cpu');
  const cpu = tf.tensor4d(data, shape as T4);
  onBackend('wasm');
  const wasm = tf.tensor4d(data, shape as T4);
  return { cpu, wasm };
}

function tfCases(label: string, run: (b: 'cpu' | 'wasm') => tf.Tensor): Case[] {
  return (['cpu', 'wasm'] as const).map((b) => ({
    name: `tfjs-${b}${label}`,
    fn: () => {
      onBackend(b);
      const y = run(b);
      consume(y.dataSync());
      y.dispose();
    },
  }));
}

function depthwiseSuite(h: number, c: number, s: number): void {
  const x = tensorOf([1, h, h, c], 'float32', 1);
  const x64 = tensorOf([1, h, h, c], 'float64', 1);
  const w = tensorOf([3, 3, c, 1], 'float32', 2);
  const o = Math.ceil(h / s);
  const macs = o * o * c * 9;
  const tx = tfPair(x.data as Float32Array, x.shape);
  const tw = tfPair(w.data as Float32Array, w.shape);
  runSuite(`frugal:depthwiseConv2d:1x${h}x${h}x${c},3x3,s${s},same`, [
    { name: 'frugal f32', fn: () => consume(depthwiseConv2d(x, w, { strides: s, padding: 'same' }).data) },
    { name: 'frugal f64', fn: () => consume(depthwiseConv2d(x64, w, { strides: s, padding: 'same' }).data) },
    { name: 'naive loop', fn: () => consume(naiveDepthwise(x.data as Float32Array, h, h, c, w.data as Float32Array, 3, s)) },
    ...tfCases('', (b) => tf.depthwiseConv2d(tx[b], tw[b], s, 'same')),
  ], macs, { unit: 'MMAC/s' });
}

function pointwiseSuite(h: number, cin: number, cout: number): void {
  const x = tensorOf([1, h, h, cin], 'float32', 3);
  const x64 = tensorOf([1, h, h, cin], 'float64', 3);
  const w = tensorOf([1, 1, cin, cout], 'float32', 4);
  const tx = tfPair(x.data as Float32Array, x.shape);
  const tw = tfPair(w.data as Float32Array, w.shape);
  const cases: Case[] = [
    { name: 'frugal f32', fn: () => consume(pointwiseConv2d(x, w).data) },
    { name: 'frugal f64', fn: () => consume(pointwiseConv2d(x64, w).data) },
  ];
  if (h * h * cin * cout <= 3e7) cases.push({ name: 'naive loop', fn: () => consume(naivePointwise(x.data as Float32Array, h * h, cin, w.data as Float32Array, cout)) });
  cases.push(...tfCases('', (b) => tf.conv2d(tx[b], tw[b], 1, 'valid')));
  runSuite(`frugal:pointwiseConv2d:${h * h}x${cin}->${cout}`, cases, h * h * cin * cout, { unit: 'MMAC/s' });
}

function separableSuite(h: number, c: number, cout: number, s: number): void {
  const x = tensorOf([1, h, h, c], 'float32', 5);
  const dw = tensorOf([3, 3, c, 1], 'float32', 6);
  const pw = tensorOf([1, 1, c, cout], 'float32', 7);
  const o = Math.ceil(h / s);
  const macs = o * o * c * (9 + cout);
  const tx = tfPair(x.data as Float32Array, x.shape);
  const tdw = tfPair(dw.data as Float32Array, dw.shape);
  const tpw = tfPair(pw.data as Float32Array, pw.shape);
  const opts = { strides: s, padding: 'same' as const, depthwiseActivation: 'relu6' as const, activation: 'relu6' as const };
  runSuite(`frugal:separableConv2d:1x${h}x${h}x${c}->${cout},3x3,s${s},relu6`, [
    { name: 'frugal fused', fn: () => consume(separableConv2d(x, dw, pw, opts).data) },
    {
      name: 'frugal dw+pw',
      fn: () => consume(pointwiseConv2d(depthwiseConv2d(x, dw, { strides: s, padding: 'same', activation: 'relu6' }), pw, { activation: 'relu6' }).data),
    },
    // tfjs has no activation between its depthwise and pointwise stages: separableConv2d then relu6
    ...tfCases(' separable+relu6', (b) => tf.tidy(() => tf.relu6(tf.separableConv2d(tx[b], tdw[b], tpw[b], s, 'same')))),
  ], macs, { unit: 'MMAC/s' });
}

function standardSuite(h: number, c: number, cout: number): void {
  const x = tensorOf([1, h, h, c], 'float32', 8);
  const w = tensorOf([3, 3, c, cout], 'float32', 9);
  const dw = tensorOf([3, 3, c, 1], 'float32', 10);
  const pw = tensorOf([1, 1, c, cout], 'float32', 11);
  const tx = tfPair(x.data as Float32Array, x.shape);
  const tw = tfPair(w.data as Float32Array, w.shape);
  runSuite(`frugal:conv2d:1x${h}x${h}x${c}->${cout},3x3,same (items = standard-conv MACs)`, [
    { name: 'frugal conv2d', fn: () => consume(conv2d(x, w, { padding: 'same' }).data) },
    { name: 'frugal separable', fn: () => consume(separableConv2d(x, dw, pw, { padding: 'same' }).data) },
    ...tfCases(' conv2d', (b) => tf.conv2d(tx[b], tw[b], 1, 'same')),
  ], h * h * c * cout * 9, { unit: 'MMAC/s' });
}

/** Runs the conv suites (tfjs cpu and wasm backends initialised first). */
export async function run(): Promise<void> {
  await tf.setBackend('wasm');
  await tf.setBackend('cpu');
  await tf.ready();
  const only = process.env.CONV_BENCH_ONLY; // e.g. 'depthwise' to run one family
  const want = (f: string): boolean => only === undefined || only.split(',').includes(f);
  if (want('depthwise')) {
    for (const [h, c] of [[112, 32], [56, 128], [28, 256], [14, 512], [7, 1024]] as const) depthwiseSuite(h, c, 1);
    for (const [h, c] of [[112, 64], [56, 128], [28, 256], [14, 512]] as const) depthwiseSuite(h, c, 2);
  }
  if (want('pointwise')) {
    for (const [h, cin, cout] of [[112, 32, 64], [56, 128, 256], [28, 256, 512], [14, 512, 512], [7, 1024, 1024]] as const) pointwiseSuite(h, cin, cout);
  }
  if (want('separable')) {
    separableSuite(112, 32, 64, 1);
    separableSuite(56, 128, 128, 1);
    separableSuite(14, 512, 512, 1);
  }
  if (want('standard')) standardSuite(14, 256, 256);
  if (!Number.isFinite(sink)) throw new Error('conv bench: a result is not finite');
}
