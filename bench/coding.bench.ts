// frugal/coding against native zlib (deflateRaw Huffman-only and RLE) and fflate level 1, on
// 4 MiB int8 streams shaped like quantized weights, the same after 90% magnitude pruning, and
// uniform bytes. Prints MB/s, bits/symbol and ratios; results in bench/results/coding.json.
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { deflateSync as fflateDeflate, inflateSync as fflateInflate } from 'fflate';
import { codingReport, huffmanDecode, huffmanEncode } from 'frugal/coding';
import { symbolEntropy } from 'frugal/entropy';
import { gaussianInt8, laplaceInt8, uniformBytes } from './support/data.js';
import { magnitudePruned } from './support/coding-data.js';
import { runSuite } from './support/report.js';

const N = 4 * 1024 * 1024;

export function run(): void {
  const laplace = laplaceInt8(N, 8, 1);
  const gaussian = gaussianInt8(N, 10, 2);
  const streams: Array<[string, Int8Array | Uint8Array]> = [
    ['laplace-int8', laplace],
    ['gaussian-int8', gaussian],
    ['laplace-int8-pruned90', magnitudePruned(laplace, 0.9)],
    ['gaussian-int8-pruned90', magnitudePruned(gaussian, 0.9)],
    ['uniform-bytes', uniformBytes(N, 3)],
  ];
  for (const [name, data] of streams) {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const huffOnly = { strategy: constants.Z_HUFFMAN_ONLY };
    const rle = { strategy: constants.Z_RLE };
    const ours = huffmanEncode(data);
    const zHuff = deflateRawSync(bytes, huffOnly);
    const zRle = deflateRawSync(bytes, rle);
    const ff = fflateDeflate(bytes, { level: 1 });
    const bits = (n: number): string => ((n * 8) / N).toFixed(4);
    const h = symbolEntropy(data);
    const report = codingReport(data);
    console.log(`\n${name}: entropy ${h.toFixed(4)} bits/symbol; frugal ${bits(ours.length)} (${report.method}, +${((report.huffmanBits / h - 1) * 100).toFixed(2)}% vs entropy), zlib-huffman ${bits(zHuff.length)}, zlib-rle ${bits(zRle.length)}, fflate-1 ${bits(ff.length)}`);
    let sink = 0;
    runSuite(
      `frugal:huffmanEncode:${name}:n=${N}`,
      [
        { name: 'frugal', fn: () => { sink += huffmanEncode(data).length; }, extra: { bitsPerSymbol: bits(ours.length), method: report.method } },
        { name: 'zlib-huffman-only', fn: () => { sink += deflateRawSync(bytes, huffOnly).length; }, extra: { bitsPerSymbol: bits(zHuff.length) } },
        { name: 'zlib-rle', fn: () => { sink += deflateRawSync(bytes, rle).length; }, extra: { bitsPerSymbol: bits(zRle.length) } },
        { name: 'fflate-level1', fn: () => { sink += fflateDeflate(bytes, { level: 1 }).length; }, extra: { bitsPerSymbol: bits(ff.length) } },
      ],
      N,
      { unit: 'MB/s' },
    );
    runSuite(
      `frugal:huffmanDecode:${name}:n=${N}`,
      [
        { name: 'frugal', fn: () => { sink += huffmanDecode(ours).length; } },
        { name: 'zlib-huffman-only', fn: () => { sink += inflateRawSync(zHuff).length; } },
        { name: 'zlib-rle', fn: () => { sink += inflateRawSync(zRle).length; } },
        { name: 'fflate-level1', fn: () => { sink += fflateInflate(ff).length; } },
      ],
      N,
      { unit: 'MB/s' },
    );
    if (!(sink > 0)) throw new Error('coding bench: nothing was produced');
  }
}
