/**
 * Runs the face-api models shipped in `@vladmandic/face-api` (SSD MobileNetV1 face detector with the
 * age/gender net, and the tiny face detector) on the package's sample photos with tfjs, from weights
 * given as {@link NamedTensor}s, and compares two sets of results. Used by `npm run demo` to show that
 * decompressed models still work.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { NamedTensor } from '../src/compress/types.js';

const require = createRequire(import.meta.url);

/** The face-api models the demo compresses. */
export const FACE_MODELS = ['ssd_mobilenetv1_model', 'age_gender_model', 'tiny_face_detector_model'] as const;
/** One of {@link FACE_MODELS}. */
export type FaceModel = (typeof FACE_MODELS)[number];

/** Absolute path of the installed `@vladmandic/face-api` package. */
export const FACE_API_DIR: string = dirname(require.resolve('@vladmandic/face-api/package.json'));

/** The six sample photos shipped with face-api (`demo/sample1.jpg` … `sample6.jpg`). */
export const SAMPLE_PHOTOS: readonly string[] = [1, 2, 3, 4, 5, 6].map((i) => join(FACE_API_DIR, 'demo', `sample${i}.jpg`));

/** Paths of a model's tfjs weights manifest and its (single) weights file. */
export function modelFiles(model: FaceModel): { manifestPath: string; binPath: string } {
  const dir = join(FACE_API_DIR, 'model');
  return { manifestPath: join(dir, `${model}-weights_manifest.json`), binPath: join(dir, `${model}.bin`) };
}

/** A detected box in image pixels, `[x, y, width, height]`, with the detector's confidence. */
export interface Detection {
  readonly box: [x: number, y: number, w: number, h: number];
  readonly score: number;
}

/** An SSD face detection with the age/gender net's prediction for it. */
export interface Face extends Detection {
  readonly gender: 'male' | 'female';
  readonly genderProbability: number;
  readonly age: number;
}

/** What the models found on one photo. */
export interface PhotoResult {
  /** File name of the photo (e.g. `sample1.jpg`). */
  readonly photo: string;
  /** SSD MobileNetV1 detections (minConfidence 0.5) with age and gender. */
  readonly ssd: Face[];
  /** Tiny face detector detections (default options: inputSize 416, scoreThreshold 0.5). */
  readonly tiny: Detection[];
}

/** A face-api runner with the photos decoded once. */
export interface FaceRunner {
  /** Loads the three models from `weights` (replacing the previous weights) and runs them on every photo. */
  run(weights: Record<FaceModel, readonly NamedTensor[]>): Promise<PhotoResult[]>;
  /** Frees the photo tensors and the loaded weights. */
  dispose(): void;
  /** The tfjs backend in use (`wasm` or `cpu`). */
  readonly backend: string;
}

// ---------------------------------------------------------------------------------------------
// face-api / tfjs access. face-api's own .d.ts bundles a private copy of the tfjs declarations whose
// Tensor class is not assignable to @tensorflow/tfjs's, so only the handful of members used here are
// typed, against @tensorflow/tfjs.

type Tf = typeof import('@tensorflow/tfjs');
type NamedTensorMap = import('@tensorflow/tfjs').NamedTensorMap;
type Tensor3D = import('@tensorflow/tfjs').Tensor3D;

interface FaceApiNet {
  loadFromWeightMap(weightMap: NamedTensorMap): void;
  dispose(throwOnRedispose?: boolean): void;
  readonly isLoaded: boolean;
}

interface FaceApiBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

interface FaceApiDetection {
  readonly score: number;
  readonly box: FaceApiBox;
}

interface FaceApiAgeGenderResult {
  readonly detection: FaceApiDetection;
  readonly age: number;
  readonly gender: string;
  readonly genderProbability: number;
}

interface FaceApiDetectTask extends PromiseLike<FaceApiDetection[]> {
  withAgeAndGender(): PromiseLike<FaceApiAgeGenderResult[]>;
}

interface FaceApi {
  readonly tf: Tf;
  readonly version: string;
  readonly nets: { readonly ssdMobilenetv1: FaceApiNet; readonly ageGenderNet: FaceApiNet; readonly tinyFaceDetector: FaceApiNet };
  detectAllFaces(input: Tensor3D, options: unknown): FaceApiDetectTask;
  readonly SsdMobilenetv1Options: new (options?: { minConfidence?: number; maxResults?: number }) => unknown;
  readonly TinyFaceDetectorOptions: new (options?: { inputSize?: number; scoreThreshold?: number }) => unknown;
}

let faceApi: FaceApi | undefined;

/**
 * face-api's Node build for the wasm backend (CommonJS; its ESM bundle does not load in Node). It
 * requires `@tensorflow/tfjs` and `@tensorflow/tfjs-backend-wasm`; `faceApi().tf` is that tfjs.
 */
export function loadFaceApi(): FaceApi {
  if (faceApi === undefined) {
    // The build prints a banner suggesting tfjs-node; harmless.
    faceApi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApi;
  }
  return faceApi;
}

async function useBackend(tf: Tf, backend: 'wasm' | 'cpu'): Promise<void> {
  if (tf.getBackend() !== backend && !(await tf.setBackend(backend))) {
    throw new Error(`tfjs backend '${backend}' failed to initialize`);
  }
  await tf.ready();
}

/** Decodes a JPEG file into an int32 `[height, width, 3]` RGB tensor. */
function readPhoto(tf: Tf, path: string): Tensor3D {
  const jpeg = require('jpeg-js') as typeof import('jpeg-js');
  const { width, height, data } = jpeg.decode(readFileSync(path), { useTArray: true, formatAsRGBA: false });
  if (data.length !== width * height * 3) throw new Error(`${path}: decoded ${data.length} bytes for ${width}x${height} RGB`);
  return tf.tensor3d(Int32Array.from(data), [height, width, 3], 'int32');
}

function toTensorMap(tf: Tf, weights: readonly NamedTensor[]): NamedTensorMap {
  const map: NamedTensorMap = {};
  for (const w of weights) {
    if (w.name in map) throw new Error(`duplicate weight '${w.name}'`);
    // bool data is 0/1 bytes; tfjs wants an Int32Array/Uint8Array for it, float32/int32 take theirs as is.
    map[w.name] = tf.tensor(w.data, [...w.shape], w.dtype);
  }
  return map;
}

/**
 * Loads face-api once, switches tfjs to `backend`, decodes the photos once and returns a runner
 * that loads given weights into the SSD MobileNetV1, age/gender and tiny face detector nets and
 * runs them on every photo.
 *
 * Usage: `const runner = await createFaceRunner();` then
 * `const reference = await runner.run({ ssd_mobilenetv1_model: await loadReferenceWeights('ssd_mobilenetv1_model'), ... })`
 * (one `NamedTensor[]` per {@link FaceModel}), `const candidate = await runner.run(decompressed)`,
 * and `compareResults(reference, candidate)`; finally `runner.dispose()`. Every `run` replaces the
 * weights of all three nets (the previous weight tensors are disposed), so one runner serves many
 * weight sets. Per photo it runs `detectAllFaces(photo, SsdMobilenetv1Options({ minConfidence: 0.5 })).withAgeAndGender()`
 * and `detectAllFaces(photo, TinyFaceDetectorOptions())`; on the wasm backend that takes about
 * 1 s per photo for the three nets (the cpu backend is ~25× slower). Boxes are in pixels of the
 * original photo; numbers are as tfjs computed them (not rounded).
 *
 * @param options.photos JPEG paths; default the six face-api sample photos ({@link SAMPLE_PHOTOS}).
 * @param options.backend tfjs backend; default `wasm`.
 */
export async function createFaceRunner(options: { photos?: string[]; backend?: 'wasm' | 'cpu' } = {}): Promise<FaceRunner> {
  const faceapi = loadFaceApi();
  const tf = faceapi.tf;
  const backend = options.backend ?? 'wasm';
  await useBackend(tf, backend);
  const photoPaths = options.photos ?? [...SAMPLE_PHOTOS];
  const photos = photoPaths.map((path) => ({ name: basename(path), tensor: readPhoto(tf, path) }));
  const nets: Record<FaceModel, FaceApiNet> = {
    ssd_mobilenetv1_model: faceapi.nets.ssdMobilenetv1,
    age_gender_model: faceapi.nets.ageGenderNet,
    tiny_face_detector_model: faceapi.nets.tinyFaceDetector,
  };
  let loaded: NamedTensorMap[] = [];
  let disposed = false;

  const unload = (): void => {
    for (const net of Object.values(nets)) if (net.isLoaded) net.dispose(false);
    // The nets dispose the tensors they kept and face-api disposes the unused ones; the rest (if any) here.
    for (const map of loaded) tf.dispose(Object.values(map));
    loaded = [];
  };

  return {
    backend: tf.getBackend(),
    async run(weights) {
      if (disposed) throw new Error('FaceRunner: run after dispose');
      // The nets are module-level singletons of face-api: make sure this runner's backend is current.
      if (tf.getBackend() !== backend) await useBackend(tf, backend);
      unload();
      for (const model of FACE_MODELS) {
        const list = weights[model];
        if (list === undefined) throw new Error(`FaceRunner: no weights for ${model}`);
        const map = toTensorMap(tf, list);
        loaded.push(map);
        nets[model].loadFromWeightMap(map);
      }
      const ssdOptions = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 });
      const tinyOptions = new faceapi.TinyFaceDetectorOptions();
      const results: PhotoResult[] = [];
      for (const { name, tensor } of photos) {
        const faces = await faceapi.detectAllFaces(tensor, ssdOptions).withAgeAndGender();
        const tiny = await faceapi.detectAllFaces(tensor, tinyOptions);
        results.push({
          photo: name,
          ssd: faces.map((f) => ({
            ...detection(f.detection),
            gender: f.gender === 'female' ? 'female' : 'male',
            genderProbability: f.genderProbability,
            age: f.age,
          })),
          tiny: tiny.map(detection),
        });
      }
      return results;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      unload();
      tf.dispose(photos.map((p) => p.tensor));
    },
  };
}

function detection(d: FaceApiDetection): Detection {
  const { x, y, width, height } = d.box;
  return { box: [x, y, width, height], score: d.score };
}

interface ManifestGroup {
  paths: string[];
  weights: import('@tensorflow/tfjs').io.WeightsManifestEntry[];
}

/**
 * The model's weights as tfjs itself decodes them (`tf.io.decodeWeights` on the manifest and its
 * `.bin` files, uint8 codes dequantized), as {@link NamedTensor}s without `quantization`. Independent
 * of frugal's own tfjs reader, so it can serve as the reference.
 */
export async function loadReferenceWeights(model: FaceModel): Promise<NamedTensor[]> {
  const tf = loadFaceApi().tf;
  await tf.ready();
  const { manifestPath } = modelFiles(model);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ManifestGroup[];
  const out: NamedTensor[] = [];
  for (const group of manifest) {
    const buffers = group.paths.map((p) => {
      const b = readFileSync(join(dirname(manifestPath), p));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    });
    const map = tf.io.decodeWeights(buffers.length === 1 ? buffers[0]! : buffers, group.weights);
    try {
      for (const entry of group.weights) {
        const t = map[entry.name];
        if (t === undefined) throw new Error(`${model}: decodeWeights gave no tensor for ${entry.name}`);
        const dtype = t.dtype;
        const values = t.dataSync();
        let data: Float32Array | Int32Array | Uint8Array;
        if (dtype === 'float32') data = Float32Array.from(values as Float32Array);
        else if (dtype === 'int32') data = Int32Array.from(values as Int32Array);
        else if (dtype === 'bool') data = Uint8Array.from(values as Uint8Array);
        else throw new Error(`${model}: unsupported dtype ${dtype} for ${entry.name}`);
        out.push({ name: entry.name, shape: [...t.shape], dtype, data, quantization: undefined });
      }
    } finally {
      tf.dispose(Object.values(map));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Comparison

/** How one detector's boxes on one photo (or over all photos) compare. */
export interface DetectionComparison {
  /** Detections in the reference / the candidate. */
  readonly referenceCount: number;
  readonly candidateCount: number;
  readonly sameCount: boolean;
  /** Pairs matched greedily by IoU (highest first, IoU > 0 only). */
  readonly matched: number;
  /** Smallest IoU of the matched pairs; 0 if any detection is unmatched; 1 when there are none. */
  readonly minIoU: number;
  /** Largest |score difference| over matched pairs. */
  readonly maxScoreDiff: number;
  /** Largest |x|, |y|, |w| or |h| difference in pixels over matched pairs. */
  readonly maxBoxDiff: number;
}

/** {@link DetectionComparison} of the SSD faces, with the age/gender differences. */
export interface FaceComparison extends DetectionComparison {
  /** Every matched pair has the same gender. */
  readonly gendersEqual: boolean;
  readonly maxAgeDiff: number;
  readonly maxGenderProbabilityDiff: number;
}

/** Comparison of one photo. */
export interface PhotoComparison {
  readonly photo: string;
  readonly ssd: FaceComparison;
  readonly tiny: DetectionComparison;
  /** SSD: same count, every IoU ≥ iouMin, same genders. */
  readonly ssdAgree: boolean;
  /** Tiny detector: same count, every IoU ≥ iouMin. */
  readonly tinyAgree: boolean;
  /** `ssdAgree && tinyAgree`. */
  readonly agree: boolean;
}

/** Comparison of a candidate's results against the reference's, per photo and over all photos. */
export interface Comparison {
  readonly iouMin: number;
  readonly photos: PhotoComparison[];
  /** Aggregates over all photos (counts summed, minima/maxima/booleans combined). */
  readonly ssd: FaceComparison;
  readonly tiny: DetectionComparison;
  readonly ssdAgree: boolean;
  readonly tinyAgree: boolean;
  /** Every photo agrees: equal SSD and tiny face counts, every matched IoU ≥ iouMin, same genders. */
  readonly agree: boolean;
}

/** Intersection over union of two `[x, y, w, h]` boxes (0 when either is empty). */
export function iou(a: Detection['box'], b: Detection['box']): number {
  const ix = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 && inter > 0 ? inter / union : 0;
}

/** Greedy IoU matching: pairs sorted by IoU descending (ties by index), each detection used once. */
function matchByIoU<T extends Detection>(ref: readonly T[], cand: readonly T[]): { a: T; b: T; iou: number }[] {
  const pairs: { i: number; j: number; iou: number }[] = [];
  ref.forEach((r, i) =>
    cand.forEach((c, j) => {
      const v = iou(r.box, c.box);
      if (v > 0) pairs.push({ i, j, iou: v });
    }),
  );
  pairs.sort((p, q) => q.iou - p.iou || p.i - q.i || p.j - q.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: { a: T; b: T; iou: number }[] = [];
  for (const p of pairs) {
    if (usedA.has(p.i) || usedB.has(p.j)) continue;
    usedA.add(p.i);
    usedB.add(p.j);
    out.push({ a: ref[p.i]!, b: cand[p.j]!, iou: p.iou });
  }
  return out;
}

function compareDetections<T extends Detection>(ref: readonly T[], cand: readonly T[]) {
  const pairs = matchByIoU(ref, cand);
  const unmatched = ref.length + cand.length - 2 * pairs.length;
  let minIoU = unmatched > 0 ? 0 : 1;
  let maxScoreDiff = 0;
  let maxBoxDiff = 0;
  for (const { a, b, iou: v } of pairs) {
    minIoU = Math.min(minIoU, v);
    maxScoreDiff = Math.max(maxScoreDiff, Math.abs(a.score - b.score));
    for (let k = 0; k < 4; k++) maxBoxDiff = Math.max(maxBoxDiff, Math.abs(a.box[k]! - b.box[k]!));
  }
  const comparison: DetectionComparison = {
    referenceCount: ref.length,
    candidateCount: cand.length,
    sameCount: ref.length === cand.length,
    matched: pairs.length,
    minIoU,
    maxScoreDiff,
    maxBoxDiff,
  };
  return { comparison, pairs };
}

function compareFaces(ref: readonly Face[], cand: readonly Face[]): FaceComparison {
  const { comparison, pairs } = compareDetections(ref, cand);
  let gendersEqual = true;
  let maxAgeDiff = 0;
  let maxGenderProbabilityDiff = 0;
  for (const { a, b } of pairs) {
    gendersEqual &&= a.gender === b.gender;
    maxAgeDiff = Math.max(maxAgeDiff, Math.abs(a.age - b.age));
    maxGenderProbabilityDiff = Math.max(maxGenderProbabilityDiff, Math.abs(a.genderProbability - b.genderProbability));
  }
  return { ...comparison, gendersEqual, maxAgeDiff, maxGenderProbabilityDiff };
}

function detectionAgree(c: DetectionComparison, iouMin: number): boolean {
  return c.sameCount && c.matched === c.referenceCount && c.minIoU >= iouMin;
}

function combineDetections(list: readonly DetectionComparison[]): DetectionComparison {
  const referenceCount = list.reduce((s, c) => s + c.referenceCount, 0);
  const candidateCount = list.reduce((s, c) => s + c.candidateCount, 0);
  return {
    referenceCount,
    candidateCount,
    sameCount: list.every((c) => c.sameCount),
    matched: list.reduce((s, c) => s + c.matched, 0),
    minIoU: list.reduce((m, c) => Math.min(m, c.minIoU), 1),
    maxScoreDiff: list.reduce((m, c) => Math.max(m, c.maxScoreDiff), 0),
    maxBoxDiff: list.reduce((m, c) => Math.max(m, c.maxBoxDiff), 0),
  };
}

/**
 * Compares a candidate's results with the reference's photo by photo (photos matched by name, in the
 * reference's order). Detections are matched greedily by IoU; the result says whether the face counts
 * are equal, the smallest IoU of matched boxes, whether genders agree, and the largest score, age,
 * gender-probability and box-coordinate differences, per photo and overall. `agree` needs equal
 * SSD and tiny counts, every IoU ≥ `iouMin` and the same genders on every photo.
 *
 * @throws when the two lists do not hold the same photos.
 */
export function compareResults(reference: readonly PhotoResult[], candidate: readonly PhotoResult[], iouMin = 0.9): Comparison {
  if (reference.length !== candidate.length) {
    throw new Error(`compareResults: ${reference.length} reference photos but ${candidate.length} candidate photos`);
  }
  const byName = new Map(candidate.map((c) => [c.photo, c]));
  if (byName.size !== candidate.length) throw new Error('compareResults: duplicate photo names in candidate');
  const photos = reference.map((ref): PhotoComparison => {
    const cand = byName.get(ref.photo);
    if (cand === undefined) throw new Error(`compareResults: candidate has no result for ${ref.photo}`);
    const ssd = compareFaces(ref.ssd, cand.ssd);
    const tiny = compareDetections(ref.tiny, cand.tiny).comparison;
    const ssdAgree = detectionAgree(ssd, iouMin) && ssd.gendersEqual;
    const tinyAgree = detectionAgree(tiny, iouMin);
    return { photo: ref.photo, ssd, tiny, ssdAgree, tinyAgree, agree: ssdAgree && tinyAgree };
  });
  const ssdAll = photos.map((p) => p.ssd);
  const ssd: FaceComparison = {
    ...combineDetections(ssdAll),
    gendersEqual: ssdAll.every((c) => c.gendersEqual),
    maxAgeDiff: ssdAll.reduce((m, c) => Math.max(m, c.maxAgeDiff), 0),
    maxGenderProbabilityDiff: ssdAll.reduce((m, c) => Math.max(m, c.maxGenderProbabilityDiff), 0),
  };
  const tiny = combineDetections(photos.map((p) => p.tiny));
  const ssdAgree = photos.every((p) => p.ssdAgree);
  const tinyAgree = photos.every((p) => p.tinyAgree);
  return { iouMin, photos, ssd, tiny, ssdAgree, tinyAgree, agree: ssdAgree && tinyAgree };
}
