// `npm run bench [-- area ...]`: runs bench/<area>.bench.ts for each area (all when none given).
// Each suite module exports `run(): Promise<void> | void`; results go to bench/results/<area>.json.
import Benchmark from 'benchmark';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resetResults, useBenchmark, writeResults } from './support/report.js';

useBenchmark(Benchmark);
const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.slice(0, -'.bench.ts'.length)).sort();
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((a) => !available.includes(a));
if (unknown.length > 0) {
  console.error(`bench: no suite named ${unknown.join(', ')} (have: ${available.join(', ')})`);
  process.exit(2);
}
for (const area of asked.length > 0 ? asked : available) {
  console.log(`\n=== ${area} (node ${process.version}) ===`);
  resetResults();
  const mod = (await import(pathToFileURL(join(here, `${area}.bench.ts`)).href)) as { run: () => Promise<void> | void };
  await mod.run();
  console.log(`\nwrote ${writeResults(area)}`);
}
