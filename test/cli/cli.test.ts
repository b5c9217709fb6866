// The `frugal` bin as users run it: the built dist/cli (npm test builds first), real face-api files.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { flattenManifest, parseTfjsModelJson } from '../../src/compress/index.js';

const run = promisify(execFile);
const bin = new URL('../../dist/cli/index.js', import.meta.url).pathname;
const models = new URL('../../node_modules/@vladmandic/face-api/model/', import.meta.url).pathname;
const tiny = join(models, 'tiny_face_detector_model-weights_manifest.json');
const dir = mkdtempSync(join(tmpdir(), 'frugal-cli-'));

async function frugal(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('frugal CLI', () => {
  it('compress --lossless, then decompress, gives back the shipped .bin byte for byte', async () => {
    const c = await frugal('compress', tiny, '--lossless', '-o', 'tiny.frugal');
    expect(c.code).toBe(0);
    expect(c.stderr).toBe('');
    expect(c.stdout).toMatch(/tiny_face_detector_model-weights_manifest.json: 193,321 weights in 19 tensors/);
    const d = await frugal('decompress', 'tiny.frugal', '-o', 'out');
    expect(d.code).toBe(0);
    const binOut = readFileSync(join(dir, 'out', 'tiny_face_detector_model.bin'));
    expect(binOut.equals(readFileSync(join(models, 'tiny_face_detector_model.bin')))).toBe(true);
    const written = flattenManifest(parseTfjsModelJson(JSON.parse(readFileSync(join(dir, 'out', 'tiny_face_detector_model-weights_manifest.json'), 'utf8'))).manifest).entries;
    const original = flattenManifest(parseTfjsModelJson(JSON.parse(readFileSync(tiny, 'utf8'))).manifest).entries;
    expect(written).toEqual(original);
  });

  it('compress lossy with --json reports per tensor; inspect shows the table', async () => {
    const c = await frugal('compress', tiny, '--sparsity', '0.5', '--bits', '6', '--calibration', 'mse', '--json', '-o', 'lossy.frugal');
    expect(c.code).toBe(0);
    const out = JSON.parse(c.stdout);
    expect(out.output).toBe('lossy.frugal');
    expect(out.report.tensors.length).toBe(19);
    const kernels = out.report.tensors.filter((t: { shape: number[] }) => t.shape.length >= 2);
    for (const t of kernels) expect(t.sparsity).toBeGreaterThanOrEqual(0.5);
    expect(out.bytes).toBe(readFileSync(join(dir, 'lossy.frugal')).length);
    const i = await frugal('inspect', 'lossy.frugal');
    expect(i.code).toBe(0);
    expect(i.stdout).toMatch(/^tensor\s+shape\s+storage\s+bits/);
    expect(i.stdout).toMatch(/19 tensors, 193,321 weights/);
    const j = JSON.parse((await frugal('inspect', 'lossy.frugal', '--json')).stdout);
    expect(j.tensors[0].sparsity).toBeGreaterThanOrEqual(0);
    expect(j.tensors.filter((t: { shape: number[] }) => t.shape.length >= 2).every((t: { measured: { sqnrDb: number } }) => t.measured.sqnrDb > 0)).toBe(true);
  });

  it('exits 2 with the usage on a bad command line', async () => {
    for (const args of [[], ['frobnicate'], ['compress'], ['compress', tiny, '--bits', '9'], ['compress', tiny, '--lossless', '--bits', '4'], ['compress', tiny, '--wat'], ['decompress', 'x.frugal'], ['compress', tiny, '--percentile', '99']]) {
      const r = await frugal(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr + r.stdout).toMatch(/usage:/);
    }
  });

  it('exits 1 with a clear message on unreadable or corrupt input', async () => {
    const missing = await frugal('compress', 'nope.json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/frugal compress: ENOENT: cannot open/);
    writeFileSync(join(dir, 'junk.frugal'), new Uint8Array([70, 77, 68, 76, 1, 0, 0, 0, 9]));
    const junk = await frugal('inspect', 'junk.frugal');
    expect(junk.code).toBe(1);
    expect(junk.stderr).toMatch(/frugal inspect: inspectModel: the container ends inside its header/);
    const bad = await frugal('decompress', join(models, 'tiny_face_detector_model.bin'), '-o', 'x');
    expect(bad.code).toBe(1);
    expect(existsSync(join(dir, 'x'))).toBe(false);
    writeFileSync(join(dir, 'evil-weights_manifest.json'), JSON.stringify([{ paths: ['../../etc/passwd'], weights: [] }]));
    expect((await frugal('compress', 'evil-weights_manifest.json')).stderr).toMatch(/leaves the model's folder/);
  });

  it('prints its version', async () => {
    const v = await frugal('--version');
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
