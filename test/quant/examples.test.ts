// Runs every @example block of src/quant with all exports of src/index.ts in scope and checks each
// `expr; // VALUE` line whose VALUE is a literal or `TypedArrayName [a, b]` (the lead's doc-test rules).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

const dir = join(__dirname, '../../src/quant');
const TYPED = /^(Float32Array|Float64Array|Int8Array|Uint8Array|Int16Array|Uint16Array|Int32Array|Uint32Array)\s*(\[.*\])$/;

function literal(v: string): { ok: boolean; value?: unknown; typed?: string } {
  const m = TYPED.exec(v);
  if (m) return { ok: true, typed: m[1]!, value: JSON.parse(m[2]!) };
  if (!/^(-?\d|\[|\{|'|"|true|false|null|Infinity|-Infinity|NaN)/.test(v)) return { ok: false };
  try {
    return { ok: true, value: new Function(`return (${v});`)() };
  } catch {
    return { ok: false };
  }
}

function close(actual: unknown, expected: unknown): void {
  if (typeof expected === 'number') {
    const a = actual as number;
    if (Number.isNaN(expected)) expect(Number.isNaN(a)).toBe(true);
    else if (!Number.isFinite(expected)) expect(a).toBe(expected);
    else expect(Math.abs(a - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (Array.isArray(expected)) {
    const a = Array.from(actual as ArrayLike<unknown>);
    expect(a.length).toBe(expected.length);
    expected.forEach((e, i) => close(a[i], e));
  } else {
    expect(actual).toEqual(expected);
  }
}

const blocks: Array<{ file: string; code: string }> = [];
for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
  const text = readFileSync(join(dir, f), 'utf8');
  for (const m of text.matchAll(/@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g)) {
    blocks.push({ file: f, code: m[1]!.split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n') });
  }
}

describe('quant @example blocks', () => {
  it('finds the examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(12);
  });
  for (const [i, b] of blocks.entries()) {
    it(`${b.file} example ${i} runs and shows true values`, () => {
      const checks: Array<{ expected: unknown; typed?: string }> = [];
      const body = b.code.split('\n').filter((l) => !l.trim().startsWith('import ')).map((line) => {
        const m = /^(.*);\s*\/\/\s*(.+)$/.exec(line);
        if (m === null) return line;
        const lit = literal(m[2]!.trim());
        if (!lit.ok) return line;
        checks.push({ expected: lit.value, ...(lit.typed === undefined ? {} : { typed: lit.typed }) });
        return `__check(${checks.length - 1}, (${m[1]!.replace(/^\s*(const|let)\s+\w+\s*=\s*/, '')}));`;
      }).join('\n');
      const seen: unknown[] = [];
      const names = Object.keys(api);
      new Function('__check', ...names, body)((k: number, v: unknown) => (seen[k] = v), ...names.map((n) => (api as Record<string, unknown>)[n]));
      expect(checks.length).toBeGreaterThan(0);
      expect(seen.length).toBe(checks.length);
      checks.forEach((c, k) => {
        if (c.typed !== undefined) expect((seen[k] as object).constructor.name).toBe(c.typed);
        close(seen[k], c.expected);
      });
    });
  }
});
