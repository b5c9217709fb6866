import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NamedTensor } from '../../src/compress/types.js';
import {
  compareResults,
  createFaceRunner,
  FACE_MODELS,
  loadFaceApi,
  loadReferenceWeights,
  modelFiles,
  SAMPLE_PHOTOS,
  type FaceModel,
  type FaceRunner,
  type PhotoResult,
} from '../../demo/faceModels.js';
import { existsSync } from 'node:fs';

// Really runs face-api (tfjs wasm backend) on one sample photo: ~1 s per run plus loading.
describe('createFaceRunner (face-api on tfjs wasm, one photo)', { timeout: 30_000 }, () => {
  let runner: FaceRunner;
  let reference: Record<FaceModel, NamedTensor[]>;
  let first: PhotoResult[];

  beforeAll(async () => {
    const entries = await Promise.all(FACE_MODELS.map(async (m) => [m, await loadReferenceWeights(m)] as const));
    reference = Object.fromEntries(entries) as Record<FaceModel, NamedTensor[]>;
    runner = await createFaceRunner({ photos: [SAMPLE_PHOTOS[0]!] });
    first = await runner.run(reference);
  }, 30_000);

  afterAll(() => runner?.dispose());

  it('model files exist and the reference weights are tfjs-decoded float32 tensors', () => {
    for (const m of FACE_MODELS) {
      const { manifestPath, binPath } = modelFiles(m);
      expect(existsSync(manifestPath) && existsSync(binPath)).toBe(true);
      for (const w of reference[m]) {
        expect(w.quantization).toBeUndefined();
        expect(w.data.length).toBe(w.shape.reduce((a, b) => a * b, 1));
        expect(w.dtype === 'float32' ? w.data instanceof Float32Array : w.data instanceof Int32Array).toBe(true);
      }
    }
    expect(reference.ssd_mobilenetv1_model.length).toBe(151);
    expect(reference.tiny_face_detector_model.length).toBe(19);
  });

  it('uses the wasm backend and finds faces with age and gender on the sample photo', () => {
    expect(runner.backend).toBe('wasm');
    expect(first).toHaveLength(1);
    const [photo] = first;
    expect(photo!.photo).toBe('sample1.jpg');
    expect(photo!.ssd.length).toBeGreaterThanOrEqual(1);
    expect(photo!.tiny.length).toBeGreaterThanOrEqual(1);
    for (const f of photo!.ssd) {
      expect(f.score).toBeGreaterThanOrEqual(0.5);
      expect(['male', 'female']).toContain(f.gender);
      expect(f.genderProbability).toBeGreaterThan(0.5);
      expect(f.age).toBeGreaterThan(0);
      expect(f.box.every(Number.isFinite)).toBe(true);
      expect(f.box[2] > 0 && f.box[3] > 0).toBe(true);
    }
  });

  it('is deterministic: a second run gives identical results and leaks no tensors', async () => {
    const tf = loadFaceApi().tf;
    const tensorsBefore = tf.memory().numTensors;
    const again = await runner.run(reference);
    expect(again).toEqual(first);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(compareResults(first, again).agree).toBe(true);
  });

  it('really swaps the weights: SSD weights × 0.5 change the SSD outputs only, and the reference weights restore them', async () => {
    const halved = reference.ssd_mobilenetv1_model.map((w) => ({ ...w, data: (w.data as Float32Array).map((v) => v * 0.5) }));
    const perturbed = await runner.run({ ...reference, ssd_mobilenetv1_model: halved });
    expect(perturbed[0]!.ssd).not.toEqual(first[0]!.ssd);
    expect(perturbed[0]!.tiny).toEqual(first[0]!.tiny);
    expect(compareResults(first, perturbed).ssdAgree).toBe(false);
    expect(compareResults(first, perturbed).tinyAgree).toBe(true);

    const restored = await runner.run(reference);
    expect(restored).toEqual(first);
  });

  it('a tiny-detector perturbation changes the tiny outputs', async () => {
    const tiny = reference.tiny_face_detector_model.map((w) => ({ ...w, data: (w.data as Float32Array).map((v) => v * 0.9) }));
    const perturbed = await runner.run({ ...reference, tiny_face_detector_model: tiny });
    expect(perturbed[0]!.tiny).not.toEqual(first[0]!.tiny);
    expect(perturbed[0]!.ssd).toEqual(first[0]!.ssd);
  });
});
