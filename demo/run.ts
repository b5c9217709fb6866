// `npm run demo`: Deep Compression of the face-api models shipped in @vladmandic/face-api, then
// proof that the decompressed models still work: original and decompressed weights run in tfjs
// (wasm backend) on the package's sample photos and their detections are compared.
//
//   npm run demo                 every model, every setting (about 3 minutes on 2 cores)
//   npm run demo -- --quick      lossless, 8 and 6 bits only
//   npm run demo -- --json       the results as JSON on stdout
// A full run writes docs/demo/results.json and docs/compress-chart.svg.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { compressModel, decodeTfjsWeights, decompressModel, flattenManifest, parseTfjsModelJson } from 'frugal/compress';
import type { CompressModelOptions, NamedTensor } from 'frugal/compress';
import { sizeErrorChartSvg } from './chart.js';
import { compareResults, createFaceRunner, FACE_MODELS, modelFiles } from './faceModels.js';
import type { Comparison, FaceModel } from './faceModels.js';

interface Setting {
  label: string;
  options: CompressModelOptions;
}

/** SSD's anchor boxes are a constant table, not weights: kept exact in every lossy setting. */
const ANCHORS = /^Output\//;

/** Lossy settings use calibration 'mse' (each channel's b-bit error minimized) unless labelled min-max. */
const SETTINGS: readonly Setting[] = [
  { label: 'lossless', options: { lossless: true } },
  { label: '8 bit', options: { quantize: { bits: 8, calibration: 'mse' } } },
  { label: '7 bit', options: { quantize: { bits: 7, calibration: 'mse' } } },
  { label: '6 bit', options: { quantize: { bits: 6, calibration: 'mse' } } },
  { label: '5 bit', options: { quantize: { bits: 5, calibration: 'mse' } } },
  { label: '4 bit', options: { quantize: { bits: 4, calibration: 'mse' } } },
  { label: '3 bit', options: { quantize: { bits: 3, calibration: 'mse' } } },
  { label: '4 bit min-max', options: { quantize: { bits: 4 } } },
  { label: 'prune 25% + 8 bit', options: { prune: { amount: 0.25 }, quantize: { bits: 8, calibration: 'mse' } } },
  { label: 'prune 50% + 5 bit', options: { prune: { amount: 0.5 }, quantize: { bits: 5, calibration: 'mse' } } },
];
const QUICK = new Set(['lossless', '8 bit', '6 bit']);

/** What "the outputs agree" means for each model: its own outputs, others left original. */
const VERDICT: Record<FaceModel, (c: Comparison) => boolean> = {
  ssd_mobilenetv1_model: (c) => c.ssdAgree,
  age_gender_model: (c) => c.ssd.gendersEqual,
  tiny_face_detector_model: (c) => c.tinyAgree,
};

export interface DemoRow {
  model: FaceModel;
  setting: string;
  parameters: number;
  float32Bytes: number;
  binBytes: number;
  gzip9Bytes: number;
  bytes: number;
  bitsPerWeight: number;
  entropyBitsPerWeight: number;
  sqnrDb: number;
  compressMs: number;
  decompressMs: number;
  agree: boolean;
  /** largest differences of the outputs this model drives */
  maxScoreDiff: number;
  maxBoxDiffPx: number;
  minIoU: number;
  maxAgeDiff: number;
  maxGenderProbabilityDiff: number;
}

function loadModel(model: FaceModel): { tensors: NamedTensor[]; bin: Uint8Array } {
  const { manifestPath, binPath } = modelFiles(model);
  const { manifest } = parseTfjsModelJson(JSON.parse(readFileSync(manifestPath, 'utf8')));
  const bin = new Uint8Array(readFileSync(binPath));
  return { tensors: decodeTfjsWeights(flattenManifest(manifest).entries, bin), bin };
}

/** GNU gzip -9 when the machine has it (the issue's yardstick), else zlib at level 9. */
function gzip9(path: string, bin: Uint8Array): { bytes: number; tool: string } {
  try {
    return { bytes: execFileSync('gzip', ['-9', '-c', path], { maxBuffer: 1 << 28 }).length, tool: 'gzip -9' };
  } catch {
    return { bytes: gzipSync(bin, { level: 9 }).length, tool: 'zlib level 9' };
  }
}

function best(times: number[]): number {
  return Math.min(...times);
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const settings = SETTINGS.filter((s) => !args.has('--quick') || QUICK.has(s.label));
  const log = args.has('--json') ? (): void => undefined : (s: string): void => void process.stdout.write(s);
  log('face-api models from @vladmandic/face-api; outputs compared on its 6 sample photos with tfjs (wasm)\n\n');
  const runner = await createFaceRunner();
  const originals = Object.fromEntries(FACE_MODELS.map((m) => [m, loadModel(m)])) as Record<FaceModel, { tensors: NamedTensor[]; bin: Uint8Array }>;
  const originalWeights = Object.fromEntries(FACE_MODELS.map((m) => [m, originals[m].tensors])) as Record<FaceModel, NamedTensor[]>;
  const reference = await runner.run(originalWeights);
  const rows: DemoRow[] = [];
  let gzipTool = '';
  for (const model of FACE_MODELS) {
    const { tensors, bin } = originals[model];
    const gz = gzip9(modelFiles(model).binPath, bin);
    gzipTool = gz.tool;
    const parameters = tensors.reduce((s, t) => s + t.data.length, 0);
    for (const setting of settings) {
      const options: CompressModelOptions = setting.options.lossless === true ? setting.options : { ...setting.options, exact: ANCHORS };
      const compressTimes: number[] = [];
      let result = compressModel(tensors, options);
      for (let i = 0; i < 2; i++) {
        const t0 = performance.now();
        result = compressModel(tensors, options);
        compressTimes.push(performance.now() - t0);
      }
      const decompressTimes: number[] = [];
      let back = decompressModel(result.bytes);
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        back = decompressModel(result.bytes);
        decompressTimes.push(performance.now() - t0);
      }
      const outputs = await runner.run({ ...originalWeights, [model]: back.tensors });
      const c = compareResults(reference, outputs);
      const detector = model === 'tiny_face_detector_model' ? c.tiny : c.ssd;
      const row: DemoRow = {
        model, setting: setting.label, parameters, float32Bytes: 4 * parameters, binBytes: bin.length, gzip9Bytes: gz.bytes,
        bytes: result.bytes.length, bitsPerWeight: result.report.bitsPerWeight, entropyBitsPerWeight: result.report.entropyBitsPerWeight,
        sqnrDb: result.report.sqnrDb, compressMs: best(compressTimes), decompressMs: best(decompressTimes), agree: VERDICT[model](c),
        maxScoreDiff: detector.maxScoreDiff, maxBoxDiffPx: detector.maxBoxDiff, minIoU: detector.minIoU,
        maxAgeDiff: c.ssd.maxAgeDiff, maxGenderProbabilityDiff: c.ssd.maxGenderProbabilityDiff,
      };
      rows.push(row);
      log(`${line(row)}\n`);
    }
    log('\n');
  }
  runner.dispose();
  const summary = { generated: new Date().toISOString(), node: process.version, gzipTool, rows };
  const quick = args.has('--quick');
  if (!quick) {
    const docs = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs');
    mkdirSync(join(docs, 'demo'), { recursive: true });
    writeFileSync(join(docs, 'demo', 'results.json'), `${JSON.stringify(summary, (_, v: unknown) => (v === Infinity ? 'Infinity' : v), 2)}\n`);
    const points = rows.map((r) => ({ label: r.setting, model: r.model.replace(/_model$/, ''), bytes: r.bytes, sqnrDb: r.sqnrDb, agree: r.agree }));
    writeFileSync(join(docs, 'compress-chart.svg'), sizeErrorChartSvg(points, { title: 'face-api weights: compressed size vs SQNR (filled: outputs agree on all 6 photos)' }));
  }
  if (args.has('--json')) {
    process.stdout.write(`${JSON.stringify(summary, (_, v: unknown) => (v === Infinity ? 'Infinity' : v), 2)}\n`);
    return;
  }
  log(`${gzipTool} of the shipped .bin is the "gzip" column. Furthest agreeing setting per model (smallest size):\n`);
  for (const model of FACE_MODELS) {
    const ok = rows.filter((r) => r.model === model && r.agree).sort((a, b) => a.bytes - b.bytes)[0];
    const lossless = rows.find((r) => r.model === model && r.setting === 'lossless');
    if (ok !== undefined) log(`  ${model}: ${ok.setting}, ${kb(ok.bytes)} = ${(ok.gzip9Bytes / ok.bytes).toFixed(2)}× smaller than gzip -9${lossless ? ` (lossless: ${(lossless.gzip9Bytes / lossless.bytes).toFixed(2)}×)` : ''}\n`);
    else log(`  ${model}: no setting agrees\n`);
  }
  log('Deep Compression (Han et al. 2016, with retraining): AlexNet 35×, VGG-16 49× vs float32.\n');
  log(quick ? '(--quick: docs/ left as they are)\n' : 'wrote docs/demo/results.json, docs/compress-chart.svg\n');
}

function kb(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`;
}

export function line(r: DemoRow): string {
  const sq = r.sqnrDb === Infinity ? 'exact' : `${r.sqnrDb.toFixed(1)} dB`;
  const diffs = r.model === 'age_gender_model' ? `age ±${r.maxAgeDiff.toFixed(1)}, p(gender) ±${r.maxGenderProbabilityDiff.toFixed(3)}` : `IoU ≥ ${r.minIoU.toFixed(3)}, score ±${r.maxScoreDiff.toFixed(3)}, box ±${r.maxBoxDiffPx.toFixed(1)} px`;
  return [
    r.model.replace(/_model$/, '').padEnd(20), r.setting.padEnd(18), kb(r.bytes).padStart(9),
    `${(r.float32Bytes / r.bytes).toFixed(2)}× f32`.padStart(10), `${(r.binBytes / r.bytes).toFixed(2)}× bin`.padStart(10), `${(r.gzip9Bytes / r.bytes).toFixed(2)}× gzip`.padStart(11),
    `${r.bitsPerWeight.toFixed(2)} b/w`.padStart(9), sq.padStart(8), `${r.compressMs.toFixed(0)} ms`.padStart(8), `${r.decompressMs.toFixed(0)} ms`.padStart(7),
    (r.agree ? 'agree' : 'DIFFER').padEnd(6), diffs,
  ].join('  ');
}

await main();
