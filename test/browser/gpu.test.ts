import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depthwiseConv2d } from '../../src/conv/index.js';
import { entropy } from '../../src/entropy/index.js';
import { magnitudeMask } from '../../src/prune/index.js';
import { quantize } from '../../src/quant/index.js';
import type { PageResult } from './page.js';

// frugal/gpu in a real browser: Debian's Chromium, headless, driven by playwright-core, on a page
// served from 127.0.0.1. CI installs chromium (.ci/run); BROWSER_TESTS=0 turns the suite off
// explicitly where no browser is installed (it is never skipped silently).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const enabled = process.env.BROWSER_TESTS !== '0';
const here = fileURLToPath(new URL('.', import.meta.url));


describe.runIf(enabled)('frugal/gpu in headless Chromium', () => {
  let server: Server;
  let url = '';

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`browser test: ${CHROMIUM} is missing (apt-get install chromium, or BROWSER_TESTS=0)`);
    const bundle = await build({
      entryPoints: [`${here}page.ts`],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      alias: { 'frugal/gpu': fileURLToPath(new URL('../../dist/gpu/index.js', import.meta.url)) },
      external: ['webgpu', 'gl'],
      logLevel: 'silent',
    });
    const js = bundle.outputFiles[0]!.text;
    const html = '<!doctype html><meta charset="utf-8"><title>frugal gpu</title><script type="module" src="/page.js"></script>';
    server = createServer((req, res) => {
      if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
      else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/`;
  }, 60_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('runs the entropy, conv, quantize and mask kernels on the page and matches the CPU', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-unsafe-webgpu'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForFunction(() => (window as unknown as { __frugal?: unknown }).__frugal !== undefined, undefined, { timeout: 90_000 });
      const r = (await page.evaluate(() => (window as unknown as { __frugal: unknown }).__frugal)) as PageResult;
      expect(r.error).toBeUndefined();
      expect(['webgpu', 'webgl2', 'webgl', 'webasm']).toContain(r.mode);
      console.log(`browser gpu mode: ${r.mode}${r.fallbackReason ? ` (${r.fallbackReason})` : ''}`);

      const p = Float32Array.from({ length: 5000 }, (_, i) => 1 + (i % 7));
      expect(Math.abs(r.entropy! - entropy(p))).toBeLessThan(1e-5);
      const x = { data: Float32Array.from({ length: 6 * 6 * 2 }, (_, i) => Math.sin(i)), shape: [1, 6, 6, 2] };
      const f = { data: Float32Array.from({ length: 3 * 3 * 2 }, (_, i) => Math.cos(i)), shape: [3, 3, 2, 1] };
      const cpu = depthwiseConv2d(x, f, { padding: 'same', activation: 'relu6' }).data;
      expect(r.depthwise!.length).toBe(cpu.length);
      r.depthwise!.forEach((v, i) => expect(Math.abs(v - cpu[i]!)).toBeLessThan(1e-5));
      const v = Float32Array.from({ length: 2000 }, (_, i) => ((i * 37) % 101) / 10 - 5);
      expect(r.quantize).toEqual(Array.from(quantize(v, { scale: 0.125, zeroPoint: 3 })));
      expect(r.mask).toEqual(Array.from(magnitudeMask(v, { amount: 0.5 })));
    } finally {
      await browser.close();
    }
  }, 120_000);
});
