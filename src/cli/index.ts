#!/usr/bin/env node
// The `frugal` command: compress, inspect and decompress tfjs models.
import { VERSION } from '../version.js';
import { UsageError } from './args.js';
import { compressCommand, decompressCommand, inspectCommand } from './commands.js';

const USAGE = `frugal ${VERSION}: Deep Compression (prune → quantize → Huffman) for TensorFlow.js models

usage:
  frugal compress <model.json | *-weights_manifest.json> [-o out.frugal]
        [--lossless | --sparsity 0.5 --bits 8 --per-channel|--per-tensor
         --calibration minmax|percentile|mse|entropy [--percentile 99.9]
         --vector-bits 8 --exact <name regex>]
        [--coding auto|huffman|zero-run|raw] [--json] [--quiet]
  frugal inspect <file.frugal> [--json]
  frugal decompress <file.frugal> -o <dir> [--json]
  frugal --version

exit codes: 0 done, 1 failed (unreadable or corrupt input), 2 bad command line
`;

const COMMANDS: Record<string, (argv: readonly string[]) => Promise<string>> = {
  compress: compressCommand,
  inspect: inspectCommand,
  decompress: decompressCommand,
};

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  try {
    if (run === undefined) throw new UsageError(`unknown command '${command}'`);
    process.stdout.write(await run(rest));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`frugal: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    const detail = err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'EACCES' ? `${err.code}: cannot open '${err.path ?? ''}'` : err instanceof Error ? err.message : String(e);
    process.stderr.write(`frugal ${command}: ${detail}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`frugal: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
