import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };

// Imports every built entry through `import` and `require` (npm test builds dist first: pretest).
const require = createRequire(import.meta.url);
const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
const cpuEntries = subpaths.filter((k) => k !== './gpu' && k !== './compress');

function specifier(subpath: string): string {
  return subpath === '.' ? 'frugal' : `frugal/${subpath.slice(2)}`;
}

describe('package exports', () => {
  it.each(subpaths)('%s loads through import and require', async (subpath) => {
    const esm = (await import(specifier(subpath))) as Record<string, unknown>;
    const cjs = require(specifier(subpath)) as Record<string, unknown>;
    expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).filter((k) => k !== '__esModule' && k !== 'default').sort());
  });

  it('exports the same names from frugal as from the area entries together', async () => {
    const root = (await import(specifier('.'))) as Record<string, unknown>;
    for (const subpath of cpuEntries.filter((s) => s !== '.')) {
      const area = (await import(specifier(subpath))) as Record<string, unknown>;
      for (const name of Object.keys(area)) expect(root[name], `${subpath} ${name}`).toBe(area[name]);
    }
  });

  it('FormatError is one class across entries, in ESM and in CJS', async () => {
    const withError = subpaths.filter((s) => 'FormatError' in (require(specifier(s)) as object));
    expect(withError.length).toBeGreaterThanOrEqual(2);
    const esmClasses = new Set<unknown>();
    const cjsClasses = new Set<unknown>();
    for (const s of withError) {
      esmClasses.add(((await import(specifier(s))) as { FormatError: unknown }).FormatError);
      cjsClasses.add((require(specifier(s)) as { FormatError: unknown }).FormatError);
    }
    expect(esmClasses.size).toBe(1);
    expect(cjsClasses.size).toBe(1);
  });

  it('a FormatError carries name and code', async () => {
    const { FormatError, FormatErrorCode } = (await import(specifier('.'))) as typeof import('../../src/index.js');
    const e = new FormatError('huffmanDecode', FormatErrorCode.Truncated, 'input ends at byte 3');
    expect(e.name).toBe('FormatError');
    expect(e.code).toBe(1);
    expect(e.message).toBe('huffmanDecode: input ends at byte 3');
    expect(e).toBeInstanceOf(Error);
  });

  it('the CPU entries never load gpu.js or webgpu', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dist = new URL('../../dist/', import.meta.url);
    const files = readdirSync(dist, { recursive: true }).map(String).filter((f) => /\.(c?js)$/.test(f) && !f.startsWith('gpu'));
    for (const f of files) {
      const text = readFileSync(new URL(f, dist), 'utf8');
      expect(text, f).not.toMatch(/require\(["'](gpu\.js|webgpu|gl)["']\)|from ["'](gpu\.js|webgpu|gl)["']/);
    }
  });
});
