// Builds docs/benchmarks.md from bench/results/*.json (written by `npm run bench`) and the
// per-area notes in docs/benchmarks-<area>.md. Run: npm run bench:report
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface CaseResult {
  suite: string;
  name: string;
  hz: number;
  rme: number;
  millionsPerSecond: number;
  extra?: Record<string, number | string>;
}
interface AreaResults {
  area: string;
  date: string;
  node: string;
  platform: string;
  results: CaseResult[];
}

const root = join(import.meta.dirname, '..');
const resultsDir = join(root, 'bench', 'results');
const order = ['entropy', 'coding', 'conv', 'quant', 'prune', 'compress', 'gpu'];
const files = readdirSync(resultsDir).filter((f) => f.endsWith('.json') && !f.endsWith('.tmp.json'));
const areas = files
  .map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')) as AreaResults)
  .sort((a, b) => (order.indexOf(a.area) + 99) % 99 - (order.indexOf(b.area) + 99) % 99);

const fmt = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toPrecision(2));
const lines: string[] = [
  '# Benchmarks',
  '',
  'Measured with `npm run bench` (benchmark.js; every peer in the same process and run) and',
  'turned into this page by `npm run bench:report`. Throughput is elements (or bytes, or MACs where',
  'the suite says so) per second; "× first" is the ratio of each case to the first case of its suite',
  '(frugal), i.e. below 1 means frugal is faster by the inverse. The notes under each table were',
  'written while the area was built (some under load from parallel work); the table is the reference.',
  '',
];
for (const a of areas) {
  lines.push(`## ${a.area}`, '', `${a.date.slice(0, 16).replace('T', ' ')} UTC, Node ${a.node}, ${a.platform}.`, '');
  const suites = [...new Set(a.results.map((r) => r.suite))];
  lines.push('| suite | case | ops/s | ±% | M/s | × first | notes |', '| --- | --- | ---: | ---: | ---: | ---: | --- |');
  for (const s of suites) {
    const rows = a.results.filter((r) => r.suite === s);
    const first = rows[0]!;
    for (const r of rows) {
      const notes = r.extra === undefined ? '' : Object.entries(r.extra).map(([k, v]) => `${k}=${v}`).join(' ');
      lines.push(`| ${r === first ? s : ''} | ${r.name} | ${fmt(r.hz)} | ${r.rme.toFixed(1)} | ${fmt(r.millionsPerSecond)} | ${(r.hz / first.hz).toFixed(2)} | ${notes} |`);
    }
  }
  lines.push('');
  const notes = join(root, 'docs', `benchmarks-${a.area}.md`);
  if (existsSync(notes)) lines.push(readFileSync(notes, 'utf8').trim(), '');
}
writeFileSync(join(root, 'docs', 'benchmarks.md'), lines.join('\n') + '\n');
console.log(`wrote docs/benchmarks.md (${areas.map((a) => a.area).join(', ')})`);
