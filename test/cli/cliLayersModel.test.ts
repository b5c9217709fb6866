// A real tfjs layers model on disk (model.json + shard) through the CLI, loaded back by tfjs:
// from the decompressed files, and directly from the container with frugalIOHandler.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { frugalIOHandler } from '../../src/compress/index.js';

const run = promisify(execFile);
const bin = new URL('../../dist/cli/index.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'frugal-layers-'));
const input = tf.tensor4d(Array.from({ length: 2 * 6 * 6 * 3 }, (_, i) => Math.cos(i * 0.7)), [2, 6, 6, 3]);
let want: Float32Array;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const model = tf.sequential();
  model.add(tf.layers.separableConv2d({ inputShape: [6, 6, 3], filters: 8, kernelSize: 3, depthwiseInitializer: tf.initializers.randomNormal({ seed: 5 }), pointwiseInitializer: tf.initializers.randomNormal({ seed: 6 }), biasInitializer: tf.initializers.randomNormal({ seed: 7 }) }));
  model.add(tf.layers.batchNormalization({ gammaInitializer: tf.initializers.randomUniform({ minval: 0.5, maxval: 1.5, seed: 8 }) }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 4, kernelInitializer: tf.initializers.randomNormal({ seed: 9 }) }));
  want = (model.predict(input) as tf.Tensor).dataSync() as Float32Array;
  await model.save(tf.io.withSaveHandler(async (a) => {
    const weightsManifest = [{ paths: ['weights.bin'], weights: a.weightSpecs! }];
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ modelTopology: a.modelTopology, format: a.format, generatedBy: a.generatedBy, convertedBy: a.convertedBy, weightsManifest }));
    writeFileSync(join(dir, 'weights.bin'), new Uint8Array(a.weightData as ArrayBuffer));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
});

async function frugal(...args: string[]): Promise<string> {
  return (await run(process.execPath, [bin, ...args], { cwd: dir })).stdout;
}

function fromFiles(jsonPath: string): tf.io.IOHandler {
  const json = JSON.parse(readFileSync(jsonPath, 'utf8'));
  const group = json.weightsManifest[0];
  const data = readFileSync(join(jsonPath, '..', group.paths[0]));
  return tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: group.weights, weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) });
}

describe('frugal CLI on a tfjs layers model', () => {
  it('lossless: decompressed files and the IOHandler give the same predictions', async () => {
    await frugal('compress', 'model.json', '--lossless', '-o', 'exact.frugal');
    await frugal('decompress', 'exact.frugal', '-o', 'exact');
    const fromDisk = await tf.loadLayersModel(fromFiles(join(dir, 'exact', 'model.json')));
    expect(Array.from((fromDisk.predict(input) as tf.Tensor).dataSync())).toEqual(Array.from(want));
    const direct = await tf.loadLayersModel(frugalIOHandler(new Uint8Array(readFileSync(join(dir, 'exact.frugal')))));
    expect(Array.from((direct.predict(input) as tf.Tensor).dataSync())).toEqual(Array.from(want));
    expect(readFileSync(join(dir, 'exact', 'group1-shard1of1.bin')).equals(readFileSync(join(dir, 'weights.bin')))).toBe(true);
  });

  it('8-bit: predictions stay close', async () => {
    const out = JSON.parse(await frugal('compress', 'model.json', '--bits', '8', '--calibration', 'mse', '--json', '-o', 'q8.frugal'));
    expect(out.report.sqnrDb).toBeGreaterThan(35);
    const model = await tf.loadLayersModel(frugalIOHandler(async () => new Uint8Array(readFileSync(join(dir, 'q8.frugal')))));
    const got = (model.predict(input) as tf.Tensor).dataSync();
    const scale = Math.max(...Array.from(want, Math.abs));
    got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(0.03 * scale));
  });
});
