// frugal/compress on the real ssd_mobilenetv1 weights of @vladmandic/face-api (5.56 M weights,
// tfjs uint8): compressModel / decompressModel, lossless and 4-bit, against zlib level 9 and
// fflate level 9 on the shipped .bin (size and speed, same process). Weights per second.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { gzipSync as fflateGzip, gunzipSync as fflateGunzip } from 'fflate';
import { compressModel, decodeTfjsWeights, decompressModel, flattenManifest, parseTfjsModelJson } from 'frugal/compress';
import { runSuite } from './support/report.js';

export function run(): void {
  const dir = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')), 'model');
  const { manifest } = parseTfjsModelJson(JSON.parse(readFileSync(join(dir, 'ssd_mobilenetv1_model-weights_manifest.json'), 'utf8')));
  const bin = new Uint8Array(readFileSync(join(dir, 'ssd_mobilenetv1_model.bin')));
  const tensors = decodeTfjsWeights(flattenManifest(manifest).entries, bin);
  const n = tensors.reduce((s, t) => s + t.data.length, 0);
  const lossless = compressModel(tensors, { lossless: true }).bytes;
  const fourBit = compressModel(tensors, { quantize: { bits: 4, calibration: 'mse' }, exact: /^Output\// }).bytes;
  const gz = gzipSync(bin, { level: 9 });
  const ff = fflateGzip(bin, { level: 9 });
  console.log(`\nssd_mobilenetv1: ${n} weights, .bin ${bin.length} B; frugal lossless ${lossless.length} B, frugal 4-bit ${fourBit.length} B, zlib-9 ${gz.length} B, fflate-9 ${ff.length} B`);
  let sink = 0;
  runSuite(
    `frugal:compressModel:ssd_mobilenetv1:n=${n}`,
    [
      { name: 'frugal-lossless', fn: () => { sink += compressModel(tensors, { lossless: true }).bytes.length; }, extra: { bytes: lossless.length } },
      { name: 'frugal-4bit-mse', fn: () => { sink += compressModel(tensors, { quantize: { bits: 4, calibration: 'mse' }, exact: /^Output\// }).bytes.length; }, extra: { bytes: fourBit.length } },
      { name: 'zlib-gzip-9', fn: () => { sink += gzipSync(bin, { level: 9 }).length; }, extra: { bytes: gz.length } },
      { name: 'fflate-gzip-9', fn: () => { sink += fflateGzip(bin, { level: 9 }).length; }, extra: { bytes: ff.length } },
    ],
    n,
    { unit: 'M weights/s' },
  );
  runSuite(
    `frugal:decompressModel:ssd_mobilenetv1:n=${n}`,
    [
      { name: 'frugal-lossless', fn: () => { sink += decompressModel(lossless).tensors.length; } },
      { name: 'frugal-4bit', fn: () => { sink += decompressModel(fourBit).tensors.length; } },
      { name: 'zlib-gunzip', fn: () => { sink += gunzipSync(gz).length; } },
      { name: 'fflate-gunzip', fn: () => { sink += fflateGunzip(ff).length; } },
    ],
    n,
    { unit: 'M weights/s' },
  );
  if (!(sink > 0)) throw new Error('compress bench: nothing was produced');
}
