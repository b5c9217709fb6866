// The three subcommands. Each returns the text for stdout; errors propagate to index.ts.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { compressModel } from '../compress/compressModel.js';
import type { CompressModelOptions, ModelReport } from '../compress/compressModel.js';
import { decompressModel } from '../compress/decompressModel.js';
import { inspectModel } from '../compress/inspectModel.js';
import { choiceFlag, numberFlag, parseArgs, UsageError } from './args.js';
import type { FlagSpec, ParsedArgs } from './args.js';
import { formatBytes, formatDb, formatTable, progressBar } from './terminal.js';
import { readTfjsModel, writeTfjsModel } from './tfjsFiles.js';
import type { TfjsSource } from './tfjsFiles.js';

const COMMON: FlagSpec = { json: { kind: 'boolean' }, quiet: { kind: 'boolean', alias: 'q' }, output: { kind: 'string', alias: 'o' } };

function onePath(args: ParsedArgs, what: string): string {
  if (args.positional.length !== 1) throw new UsageError(`expected one ${what} (got ${args.positional.length})`);
  return args.positional[0]!;
}

/** JSON with Infinity (an exact tensor's SQNR) written as null. */
function json(v: unknown): string {
  return `${JSON.stringify(v, (_, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x), 2)}\n`;
}

export const COMPRESS_FLAGS: FlagSpec = {
  ...COMMON,
  lossless: { kind: 'boolean' },
  sparsity: { kind: 'string' },
  bits: { kind: 'string' },
  'per-channel': { kind: 'boolean' },
  'per-tensor': { kind: 'boolean' },
  calibration: { kind: 'string' },
  percentile: { kind: 'string' },
  'vector-bits': { kind: 'string' },
  exact: { kind: 'string' },
  coding: { kind: 'string' },
};

/** Pipeline options from the command line. */
export function compressOptions(args: ParsedArgs): CompressModelOptions {
  const lossy = ['sparsity', 'bits', 'per-channel', 'per-tensor', 'calibration', 'percentile', 'vector-bits', 'exact'].filter((f) => args.flags.has(f));
  if (args.flags.has('lossless') && lossy.length > 0) throw new UsageError(`--lossless keeps values exact; it cannot be combined with --${lossy[0]}`);
  if (args.flags.has('per-channel') && args.flags.has('per-tensor')) throw new UsageError('--per-channel and --per-tensor exclude each other');
  const coding = choiceFlag(args, 'coding', ['auto', 'huffman', 'zero-run', 'raw'] as const);
  if (args.flags.has('lossless')) return { lossless: true, ...(coding === undefined ? {} : { coding }) };
  const sparsity = numberFlag(args, 'sparsity', 0, 1);
  const bits = numberFlag(args, 'bits', 2, 8, true);
  const vectorBits = numberFlag(args, 'vector-bits', 2, 8, true);
  const exactFlag = args.flags.get('exact');
  let exact: RegExp | undefined;
  if (typeof exactFlag === 'string') {
    try {
      exact = new RegExp(exactFlag);
    } catch {
      throw new UsageError(`--exact must be a regular expression (got '${exactFlag}')`);
    }
  }
  const calibration = choiceFlag(args, 'calibration', ['minmax', 'percentile', 'mse', 'entropy'] as const);
  const percentile = numberFlag(args, 'percentile', Number.MIN_VALUE, 100);
  if (percentile !== undefined && calibration !== 'percentile') throw new UsageError('--percentile needs --calibration percentile');
  return {
    ...(sparsity === undefined || sparsity === 0 ? {} : { prune: { amount: sparsity } }),
    quantize: {
      ...(bits === undefined ? {} : { bits }),
      ...(args.flags.has('per-tensor') ? { axis: null } : {}),
      ...(calibration === undefined ? {} : { calibration }),
      ...(percentile === undefined ? {} : { percentile }),
    },
    ...(vectorBits === undefined ? {} : { vectorBits }),
    ...(exact === undefined ? {} : { exact }),
    ...(coding === undefined ? {} : { coding }),
  };
}

export async function compressCommand(argv: readonly string[]): Promise<string> {
  const args = parseArgs(argv, COMPRESS_FLAGS);
  const input = onePath(args, 'model.json or *-weights_manifest.json');
  const options = compressOptions(args);
  const t0 = performance.now();
  const { source, tensors, weightBytes } = await readTfjsModel(input);
  const bar = progressBar('compress', !args.flags.has('quiet') && !args.flags.has('json'));
  const t1 = performance.now();
  const { bytes, report } = compressModel(tensors, { ...options, metadata: { tfjs: source }, onProgress: (d, n, name) => bar.update(d, n, name) });
  const seconds = (performance.now() - t1) / 1000;
  bar.done();
  const output = (args.flags.get('output') as string | undefined) ?? `${source.stem}.frugal`;
  await writeFile(output, bytes);
  const readSeconds = (t1 - t0) / 1000;
  if (args.flags.has('json')) return json({ input, output, weightBytes, bytes: bytes.length, seconds, readSeconds, options, report });
  return `${summary(input, weightBytes, report, seconds)}\nwrote ${output}\n`;
}

function summary(input: string, weightBytes: number, r: ModelReport, seconds: number): string {
  return [
    `${basename(input)}: ${r.parameters.toLocaleString('en-US')} weights in ${r.tensors.length} tensors`,
    `  ${formatBytes(weightBytes)} of weight files → ${formatBytes(r.bytes)} (${(weightBytes / r.bytes).toFixed(2)}× smaller; ${r.ratio.toFixed(2)}× vs float32)`,
    `  ${r.bitsPerWeight.toFixed(3)} bits/weight (symbol entropy ${r.entropyBitsPerWeight.toFixed(3)}), sparsity ${(100 * r.sparsity).toFixed(1)}%, SQNR ${formatDb(r.sqnrDb)} dB, max |error| ${r.maxAbsError.toExponential(2)}`,
    `  compressed in ${seconds.toFixed(2)} s`,
  ].join('\n');
}

export async function inspectCommand(argv: readonly string[]): Promise<string> {
  const args = parseArgs(argv, COMMON);
  if (args.flags.has('output')) throw new UsageError('inspect writes to stdout; -o is not an option of inspect');
  const file = onePath(args, '.frugal file');
  const info = inspectModel(new Uint8Array(await readFile(file)));
  if (args.flags.has('json')) return json(info);
  const rows = info.tensors.map((t) => [
    t.name, `[${t.shape.join(',')}]`, t.storage, t.bits, t.coding.join('+'), t.bytes, t.bitsPerWeight.toFixed(2),
    t.entropyBitsPerWeight.toFixed(2), `${(100 * t.sparsity).toFixed(1)}%`,
    `${t.ratio.toFixed(2)}x`, formatDb(t.measured?.sqnrDb),
  ]);
  const params = info.tensors.reduce((s, t) => s + t.parameters, 0);
  const table = formatTable(['tensor', 'shape', 'storage', 'bits', 'coding', 'bytes', 'bits/w', 'entropy', 'sparsity', 'ratio', 'SQNR dB'], rows);
  return `${table}\n\n${info.tensors.length} tensors, ${params.toLocaleString('en-US')} weights, ${formatBytes(info.bytes)}, ${params === 0 ? 0 : ((8 * info.bytes) / params).toFixed(3)} bits/weight\n`;
}

export async function decompressCommand(argv: readonly string[]): Promise<string> {
  const args = parseArgs(argv, COMMON);
  const file = onePath(args, '.frugal file');
  const dir = args.flags.get('output');
  if (typeof dir !== 'string') throw new UsageError('decompress needs -o <dir>');
  const { metadata, tensors } = decompressModel(new Uint8Array(await readFile(file)));
  const stored = metadata['tfjs'] as TfjsSource | undefined;
  const source: TfjsSource = stored !== null && typeof stored === 'object' && typeof stored.stem === 'string'
    ? { model: stored.model ?? null, stem: stored.stem, extras: stored.extras ?? {} }
    : { model: null, stem: basename(file).replace(/\.frugal$/, ''), extras: {} };
  const written = await writeTfjsModel(dir, tensors, source);
  if (args.flags.has('json')) return json({ input: file, files: written, tensors: tensors.length });
  return `wrote ${written.join(', ')}\n`;
}
