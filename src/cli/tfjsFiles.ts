// Reading and writing tfjs model files on disk (Node only; the parsing itself is in frugal/compress).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { decodeTfjsWeights, encodeTfjsWeights, flattenManifest, parseTfjsModelJson, toTfjsModelJson } from '../compress/tfjsWeights.js';
import type { TfjsModelJson, TfjsNamedTensor } from '../compress/tfjsWeights.js';
import type { NamedTensor } from '../compress/types.js';

/** What the CLI keeps in a container's metadata to write the tfjs files back. */
export interface TfjsSource {
  /** model.json without weightsManifest, or null for a bare weights manifest */
  model: Omit<TfjsModelJson, 'weightsManifest'> | null;
  /** file name stem: 'model' for model.json, 'x' for x-weights_manifest.json */
  stem: string;
  /** manifest fields a NamedTensor does not carry, by tensor name */
  extras: Record<string, { group?: string; originalDtype?: string }>;
}

/** A tfjs model read from disk. */
export interface TfjsModelFiles {
  source: TfjsSource;
  tensors: TfjsNamedTensor[];
  /** bytes of all weight shards together */
  weightBytes: number;
}

/** Reads model.json or *-weights_manifest.json and its shards (paths relative to the JSON file). */
export async function readTfjsModel(path: string): Promise<TfjsModelFiles> {
  const json: unknown = JSON.parse(await readFile(path, 'utf8'));
  const { manifest, model } = parseTfjsModelJson(json);
  const { entries, paths } = flattenManifest(manifest);
  const shards = await Promise.all(paths.map((p) => readFile(shardPath(path, p))));
  const data = new Uint8Array(shards.reduce((s, b) => s + b.length, 0));
  let at = 0;
  for (const b of shards) {
    data.set(b, at);
    at += b.length;
  }
  const tensors = decodeTfjsWeights(entries, data);
  const extras: TfjsSource['extras'] = {};
  for (const t of tensors) {
    const e: { group?: string; originalDtype?: string } = {};
    if (t.group !== undefined) e.group = t.group;
    if (t.quantization?.originalDtype !== undefined) e.originalDtype = t.quantization.originalDtype;
    if (Object.keys(e).length > 0) extras[t.name] = e;
  }
  const file = basename(path);
  const stem = file.endsWith('-weights_manifest.json') ? file.slice(0, -'-weights_manifest.json'.length) : file.replace(/\.json$/, '');
  return { source: { model, stem, extras }, tensors, weightBytes: data.length };
}

/** A shard path from a manifest, relative to the JSON file; absolute paths and '..' are refused. */
function shardPath(jsonPath: string, p: string): string {
  const rel = decodeURIComponent(p);
  if (isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) throw new Error(`weight shard path '${p}' leaves the model's folder`);
  return join(dirname(jsonPath), rel);
}

/** Writes the tensors as tfjs files into `dir`; returns the paths written. */
export async function writeTfjsModel(dir: string, tensors: readonly NamedTensor[], source: TfjsSource): Promise<string[]> {
  const withExtras: TfjsNamedTensor[] = tensors.map((t) => {
    const e = source.extras[t.name];
    if (e === undefined) return t;
    const q = t.quantization === undefined ? undefined : { ...t.quantization, ...(e.originalDtype === undefined ? {} : { originalDtype: e.originalDtype }) };
    return { ...t, ...(e.group === undefined ? {} : { group: e.group }), ...(q === undefined ? {} : { quantization: q }) };
  });
  const { entries, data } = encodeTfjsWeights(withExtras);
  await mkdir(dir, { recursive: true });
  const bin = source.model === null ? `${source.stem}.bin` : 'group1-shard1of1.bin';
  const jsonName = source.model === null ? `${source.stem}-weights_manifest.json` : 'model.json';
  const json = source.model === null ? toTfjsModelJson(null, entries, [bin]) : toTfjsModelJson(source.model, entries, [bin]);
  await writeFile(join(dir, bin), data);
  await writeFile(join(dir, jsonName), JSON.stringify(json));
  return [join(dir, jsonName), join(dir, bin)];
}
