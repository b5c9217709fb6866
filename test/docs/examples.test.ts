import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as compress from '../../src/compress/index.js';
import * as frugalCpu from '../../src/index.js';

// Executes every @example block of src/ (STYLE G9) with the CPU API in scope. A line
// `expr; // VALUE` is checked when VALUE is a literal (number, boolean, null, Infinity, NaN,
// string, [..], {..}) or `TypedArrayName [..]`; any other comment is ignored.

const root = new URL('../../src/', import.meta.url).pathname;
const skipDirs = new Set(['gpu', 'cli']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return skipDirs.has(d.name) ? [] : sourceFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

function examples(file: string): { name: string; code: string }[] {
  const text = readFileSync(file, 'utf8');
  const out: { name: string; code: string }[] = [];
  const re = /@example\s*\n((?:\s*\*.*\n)*?)\s*\*\s*```(?:ts|js|typescript)?\s*\n((?:\s*\*.*\n)*?)\s*\*\s*```/g;
  for (const m of text.matchAll(re)) {
    const code = m[2]!.split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n');
    const line = text.slice(0, m.index).split('\n').length;
    out.push({ name: `${relative(root, file)}:${line}`, code });
  }
  return out;
}

const TYPED = /^(Float32Array|Float64Array|Int8Array|Uint8Array|Int16Array|Uint16Array|Int32Array|Uint32Array)\s*(\(\d+\)\s*)?\[(.*)\]$/;

function expectedExpression(comment: string): string | undefined {
  const c = comment.trim();
  const typed = TYPED.exec(c);
  if (typed) return `{ __typed: '${typed[1]}', values: [${typed[3]}] }`;
  if (!/^(-?\d|-?Infinity|NaN|true|false|null|'|"|\[|\{)/.test(c)) return undefined;
  try {
    new Function(`return (${c});`);
    return c;
  } catch {
    return undefined;
  }
}

function transform(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      if (/^\s*import\s/.test(line)) return '';
      const m = /^(.*?);\s*\/\/\s*(.+)$/.exec(line);
      if (!m) return line;
      const expected = expectedExpression(m[2]!);
      if (expected === undefined) return line;
      const lhs = m[1]!.trim();
      const decl = /^(const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(.*)$/.exec(lhs);
      if (decl) return `${decl[1]} ${decl[2]} = ${decl[3]}; __check(${decl[2]}, (${expected}), ${JSON.stringify(line.trim())});`;
      return `__check((${lhs}), (${expected}), ${JSON.stringify(line.trim())});`;
    })
    .join('\n');
}

function close(a: unknown, e: unknown, path: string): void {
  if (e !== null && typeof e === 'object' && '__typed' in e) {
    const t = e as { __typed: string; values: unknown[] };
    expect((a as object | null)?.constructor?.name, `${path}: type`).toBe(t.__typed);
    close(a, t.values, path);
    return;
  }
  if (typeof e === 'number') {
    expect(typeof a, path).toBe('number');
    const x = a as number;
    if (Number.isNaN(e)) expect(x, path).toBeNaN();
    else if (!Number.isFinite(e)) expect(x, path).toBe(e);
    else expect(Math.abs(x - e) <= 1e-9 * Math.abs(e) + 1e-12, `${path}: ${x} vs ${e}`).toBe(true);
  } else if (Array.isArray(e)) {
    const arr = Array.from(a as ArrayLike<unknown>);
    expect(arr.length, path).toBe(e.length);
    e.forEach((v, i) => close(arr[i], v, `${path}[${i}]`));
  } else if (e !== null && typeof e === 'object') {
    for (const [k, v] of Object.entries(e)) close((a as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else {
    expect(a, path).toEqual(e);
  }
}

// frugal/compress is not in the CPU entry (yet): its names join the scope here.
const frugal = { ...frugalCpu, ...compress };
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
const names = Object.keys(frugal);
const values = names.map((n) => (frugal as Record<string, unknown>)[n]);
const all = sourceFiles(root).flatMap(examples);

describe('@example blocks', () => {
  it('there are examples to run', () => {
    expect(all.length).toBeGreaterThan(10);
  });
  it('a wrong value in an example fails the check', async () => {
    const body = transformSync(transform('entropy([0.5, 0.5], { base: 2 }); // 2'), { loader: 'ts' }).code;
    const fn = new AsyncFunction(...names, '__check', body);
    await expect(fn(...values, (actual: unknown, expected: unknown, line: string) => close(actual, expected, line))).rejects.toThrow();
  });
  it.each(all.map((e) => [e.name, e.code] as const))('%s runs and shows true values', async (_name, code) => {
    const body = transformSync(transform(code), { loader: 'ts' }).code;
    const fn = new AsyncFunction(...names, '__check', body);
    await fn(...values, (actual: unknown, expected: unknown, line: string) => close(actual, expected, line));
  });
});
