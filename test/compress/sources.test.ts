// The readers on real sources: a Node file stream in small chunks, and a URL served over HTTP.
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compressModel, decompressModel, frugalIOHandler, readModelStream } from '../../src/compress/index.js';
import type { NamedTensor } from '../../src/compress/index.js';

const tensors: NamedTensor[] = Array.from({ length: 5 }, (_, t) => ({
  name: `layer${t}/kernel`,
  shape: [16, 32],
  dtype: 'float32' as const,
  data: Float32Array.from({ length: 512 }, (_, i) => Math.sin(i * (t + 1) * 0.37)),
}));
const { bytes } = compressModel(tensors, { quantize: { bits: 6 }, metadata: { tfjs: { model: null, stem: 'm', extras: {} } } });

describe('compressed model sources', () => {
  it('readModelStream decodes a Node file stream read 97 bytes at a time', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'frugal-src-')), 'm.frugal');
    writeFileSync(file, bytes);
    const got: NamedTensor[] = [];
    for await (const t of readModelStream(createReadStream(file, { highWaterMark: 97 }))) got.push(t);
    expect(got).toEqual(decompressModel(bytes).tensors);
  });

  it('frugalIOHandler fetches a URL (and reports an HTTP error)', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/m.frugal') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(Buffer.from(bytes));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const artifacts = await frugalIOHandler(`http://127.0.0.1:${port}/m.frugal`).load();
      expect(artifacts.weightSpecs.map((s) => s.name)).toEqual(tensors.map((t) => t.name));
      expect(artifacts.weightData.byteLength).toBe(5 * 512 * 4);
      const viaUrl = await frugalIOHandler(new URL(`http://127.0.0.1:${port}/m.frugal`)).load();
      expect(new Float32Array(viaUrl.weightData)).toEqual(new Float32Array(artifacts.weightData));
      await expect(frugalIOHandler(`http://127.0.0.1:${port}/missing.frugal`).load()).rejects.toThrow(/frugalIOHandler: fetching .* failed: 404/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
