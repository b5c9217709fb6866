#!/usr/bin/env node
// The `frugal` command. Subcommands arrive with the Deep Compression issue.
import { VERSION } from '../version.js';

const args = process.argv.slice(2);
if (args[0] === '--version' || args[0] === '-v') {
  process.stdout.write(`${VERSION}\n`);
} else {
  process.stdout.write(`frugal ${VERSION}\nusage: frugal --version\n`);
  if (args.length > 0 && args[0] !== '--help' && args[0] !== '-h') {
    process.stderr.write(`frugal: unknown command '${args[0]}'\n`);
    process.exitCode = 2;
  }
}
