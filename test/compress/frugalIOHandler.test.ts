// The IOHandler loads compressed models into real tfjs (layers and graph models).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { compressModel, frugalIOHandler, loadCompressedWeights } from '../../src/compress/index.js';
import type { NamedTensor } from '../../src/compress/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function layersArtifacts(): Promise<tf.io.ModelArtifacts> {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.randomNormal({ seed: 1 }) }));
  model.add(tf.layers.depthwiseConv2d({ kernelSize: 3, depthwiseInitializer: tf.initializers.randomNormal({ seed: 2 }) }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 3, kernelInitializer: tf.initializers.randomNormal({ seed: 3 }), biasInitializer: tf.initializers.randomNormal({ seed: 4 }) }));
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    saved = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  model.dispose();
  return saved!;
}

function tensorsOf(a: tf.io.ModelArtifacts): NamedTensor[] {
  const map = tf.io.decodeWeights(a.weightData as ArrayBuffer, a.weightSpecs!);
  return a.weightSpecs!.map((s) => ({ name: s.name, shape: s.shape, dtype: 'float32' as const, data: map[s.name]!.dataSync() as Float32Array }));
}

const input = tf.tensor4d(Array.from({ length: 192 }, (_, i) => Math.sin(i)), [1, 8, 8, 3]);

describe('frugalIOHandler', () => {
  it('tf.loadLayersModel loads a compressed layers model that predicts like the original', async () => {
    const a = await layersArtifacts();
    const original = await tf.loadLayersModel(tf.io.fromMemory(a));
    const want = (original.predict(input) as tf.Tensor).dataSync();
    const { modelTopology, format, generatedBy, convertedBy } = a;
    const meta = { tfjs: { model: { modelTopology, format, generatedBy, convertedBy }, stem: 'model', extras: {} } };
    const lossless = compressModel(tensorsOf(a), { lossless: true, metadata: meta }).bytes;
    const same = await tf.loadLayersModel(frugalIOHandler(lossless));
    expect(Array.from((same.predict(input) as tf.Tensor).dataSync())).toEqual(Array.from(want));
    const lossy = compressModel(tensorsOf(a), { quantize: { bits: 8 }, metadata: meta }).bytes;
    const close = await tf.loadLayersModel(frugalIOHandler(async () => lossy.buffer.slice(0) as ArrayBuffer));
    const got = (close.predict(input) as tf.Tensor).dataSync();
    const scale = Math.max(...Array.from(want, Math.abs));
    got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(0.05 * scale));
  });

  it('tf.loadGraphModel loads a compressed graph model', async () => {
    const w = new Float32Array([1.5, -2, 0.25, 4]);
    const modelTopology = {
      node: [
        { name: 'x', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: [{ size: '-1' }, { size: '2' }] } } } },
        { name: 'w', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '2' }, { size: '2' }] } } } } },
        { name: 'y', op: 'MatMul', input: ['x', 'w'], attr: { T: { type: 'DT_FLOAT' }, transpose_a: { b: false }, transpose_b: { b: false } } },
      ],
      versions: { producer: 1 },
    };
    const bytes = compressModel([{ name: 'w', shape: [2, 2], dtype: 'float32', data: w }], { lossless: true, metadata: { tfjs: { model: { format: 'graph_model', modelTopology }, stem: 'model', extras: {} } } }).bytes;
    const model = await tf.loadGraphModel(frugalIOHandler(bytes));
    const y = model.predict(tf.tensor2d([[1, 1]])) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([1.75, 2]);
  });

  it('loadCompressedWeights gives tensors tfjs accepts as they are', () => {
    const bytes = compressModel([
      { name: 'a', shape: [2, 2], dtype: 'float32', data: new Float32Array([1, 2, 3, 4]) },
      { name: 'n', shape: [1], dtype: 'int32', data: Int32Array.of(7) },
    ], { lossless: true }).bytes;
    const ws = loadCompressedWeights(bytes);
    const t = ws.map((x) => tf.tensor(x.data, x.shape, x.dtype));
    expect(t[0]!.shape).toEqual([2, 2]);
    expect(t[1]!.dtype).toBe('int32');
    expect(Array.from(t[0]!.dataSync())).toEqual([1, 2, 3, 4]);
  });

  it('rejects bad sources, failing fetches and corrupt bytes', async () => {
    expect(() => frugalIOHandler(42 as never)).toThrow(/frugalIOHandler: source/);
    await expect(frugalIOHandler(async () => 'x' as never).load()).rejects.toThrow(TypeError);
    await expect(frugalIOHandler(new Uint8Array([1, 2, 3])).load()).rejects.toMatchObject({ name: 'FormatError' });
    await expect(frugalIOHandler('http://127.0.0.1:9/none.frugal').load()).rejects.toThrow();
  });
});
