// Collects benchmark.js cycles, prints one line per case with its ratio to each peer of the same
// suite, and writes bench/results/<area>.json (the source of docs/benchmarks.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Benchmark from 'benchmark';

/** One measured case. */
export interface CaseResult {
  suite: string;
  name: string;
  hz: number;
  rme: number;
  samples: number;
  /** elements (or bytes) processed per call, for throughput columns */
  itemsPerCall: number;
  /** hz × itemsPerCall / 1e6 */
  millionsPerSecond: number;
  /** free-form extra facts (bits/symbol, max error, …) */
  extra?: Record<string, number | string>;
}

const results: CaseResult[] = [];

/** Records a finished benchmark. */
export function record(suite: string, bench: Benchmark, itemsPerCall: number, extra?: Record<string, number | string>): CaseResult {
  const r: CaseResult = {
    suite,
    name: bench.name ?? '?',
    hz: bench.hz,
    rme: bench.stats.rme,
    samples: bench.stats.sample.length,
    itemsPerCall,
    millionsPerSecond: (bench.hz * itemsPerCall) / 1e6,
    ...(extra === undefined ? {} : { extra }),
  };
  results.push(r);
  return r;
}

/** Prints a suite's cases: ops/s, ±rme, M items/s and ×ratio against each other case. */
export function printSuite(suite: string, unit = 'M/s'): void {
  const rows = results.filter((r) => r.suite === suite);
  if (rows.length === 0) return;
  console.log(`\n${suite}`);
  for (const r of rows) {
    const ratios = rows.filter((o) => o !== r).map((o) => `×${(r.hz / o.hz).toFixed(2)} vs ${o.name}`).join(', ');
    const extra = r.extra === undefined ? '' : '  ' + Object.entries(r.extra).map(([k, v]) => `${k}=${v}`).join(' ');
    console.log(
      `  ${r.name.padEnd(22)} ${r.hz.toFixed(r.hz < 100 ? 2 : 0).padStart(10)} ops/s ±${r.rme.toFixed(1).padStart(4)}%  ${r.millionsPerSecond.toFixed(1).padStart(8)} ${unit}  ${ratios}${extra}`,
    );
  }
}

/**
 * Rounds per suite (`BENCH_ROUNDS`, default 3): every case runs once per round, the rounds one
 * after another, and each case is recorded from its median-speed round. On a VM whose speed drifts
 * over minutes, one long run per case puts each case in a different stretch; rounds interleave the
 * cases, so the ratios compare cases measured close together.
 */
const ROUNDS = Math.max(1, Math.floor(Number(process.env.BENCH_ROUNDS ?? 3)));

/** The run with the median speed. */
function medianRun(runs: Benchmark[]): Benchmark {
  return runs.slice().sort((a, b) => a.hz - b.hz)[(runs.length - 1) >> 1]!;
}

/** Runs one case once (synchronously), after a full garbage collection; throws its error. */
function runOnce(name: string, fn: () => void, maxTime: number): Benchmark {
  collectGarbage();
  const b = new BenchmarkCtor(name, fn, { maxTime, minSamples: 5 });
  b.run({ async: false });
  const error = (b as unknown as { error?: unknown }).error;
  if (error !== undefined) throw error;
  return b;
}

/** Runs a suite synchronously in {@link ROUNDS} interleaved rounds, recording every case. */
export function runSuite(
  suite: string,
  cases: ReadonlyArray<{ name: string; fn: () => void; extra?: Record<string, number | string> }>,
  itemsPerCall: number,
  options: { unit?: string; maxTime?: number } = {},
): void {
  const maxTime = (options.maxTime ?? Number(process.env.BENCH_MAX_TIME ?? 1)) / ROUNDS;
  const runs: Benchmark[][] = cases.map(() => []);
  for (let round = 0; round < ROUNDS; round++) cases.forEach((c, k) => runs[k]!.push(runOnce(c.name, c.fn, maxTime)));
  cases.forEach((c, k) => record(suite, medianRun(runs[k]!), itemsPerCall, c.extra));
  printSuite(suite, options.unit);
}

/**
 * A full collection before each case (`npm run bench` runs node with --expose-gc), so that no case
 * pays for the garbage of the one before it: without it the first case of a suite absorbed the
 * previous suite's (tfjs tensors, outputs), e.g. the fused separable block measured 0.72× the
 * unfused calls in the suite run and 1.02× interleaved.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

let BenchmarkCtor: typeof Benchmark;
/** Gives the report module the benchmark.js constructor (bench/run.ts does this once). */
export function useBenchmark(ctor: typeof Benchmark): void {
  BenchmarkCtor = ctor;
}

/** Writes bench/results/<area>.json with the machine facts. */
export function writeResults(area: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const file = join(here, '..', 'results', `${area}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({ area, date: new Date().toISOString(), node: process.version, platform: `${process.platform}-${process.arch}`, results }, null, 2) + '\n',
  );
  return file;
}

/** Clears recorded results (between areas). */
export function resetResults(): void {
  results.length = 0;
}

/** One case of {@link measureCases}: `setup` runs (and may be async) before the case is timed. */
export interface MeasuredCase {
  name: string;
  fn: () => void;
  setup?: () => Promise<void> | void;
  extra?: Record<string, number | string>;
}

/**
 * Times cases one after another in this process (so a case may switch a peer's backend in its
 * async `setup`), records them under `suite` and prints the suite with ratios.
 */
export async function measureCases(suite: string, cases: readonly MeasuredCase[], itemsPerCall: number, options: { unit?: string; maxTime?: number } = {}): Promise<void> {
  const maxTime = (options.maxTime ?? Number(process.env.BENCH_MAX_TIME ?? 1)) / ROUNDS;
  const runs: Benchmark[][] = cases.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [k, c] of cases.entries()) {
      await c.setup?.();
      runs[k]!.push(runOnce(c.name, c.fn, maxTime));
    }
  }
  cases.forEach((c, k) => record(suite, medianRun(runs[k]!), itemsPerCall, c.extra));
  printSuite(suite, options.unit);
}

/** An asynchronous case (GPU kernels): benchmark.js deferred mode. */
export interface MeasuredAsyncCase {
  name: string;
  fn: () => Promise<unknown>;
  setup?: () => Promise<void> | void;
  extra?: Record<string, number | string>;
}

/** Like {@link measureCases} for cases that return Promises. */
export async function measureAsyncCases(suite: string, cases: readonly MeasuredAsyncCase[], itemsPerCall: number, options: { unit?: string; maxTime?: number } = {}): Promise<void> {
  for (const c of cases) {
    await c.setup?.();
    const b = await new Promise<Benchmark>((resolve, reject) => {
      const bench: Benchmark = new BenchmarkCtor(c.name, {
        defer: true,
        maxTime: options.maxTime ?? Number(process.env.BENCH_MAX_TIME ?? 1),
        minSamples: 5,
        fn: (deferred: { resolve(): void }) => {
          c.fn().then(() => deferred.resolve(), reject);
        },
        onComplete: () => resolve(bench),
        onError: (e: unknown) => reject(e),
      } as unknown as Benchmark.Options);
      bench.run({ async: true });
    });
    record(suite, b, itemsPerCall, c.extra);
  }
  printSuite(suite, options.unit);
}
