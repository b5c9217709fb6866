// Hostile input: every reader ends in a FormatError or the exact original, never another
// error, never a hang (vitest's timeout) and never an allocation beyond the caps.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { compressModel, compressTensor, decompressModel, decompressTensor, FormatError, FormatErrorCode, inspectModel, readModelStream } from '../../src/compress/index.js';
import type { NamedTensor } from '../../src/compress/index.js';

const tensors: NamedTensor[] = [
  { name: 'k', shape: [4, 8], dtype: 'float32', data: Float32Array.from({ length: 32 }, (_, i) => Math.cos(i * 1.7) * (i % 7)) },
  { name: 'b', shape: [8], dtype: 'float32', data: Float32Array.from({ length: 8 }, (_, i) => i / 10) },
  { name: 'n', shape: [2], dtype: 'int32', data: Int32Array.of(3, -9) },
];
const lossy = compressModel(tensors, { prune: { amount: 0.6 }, metadata: { m: 'x' } }).bytes;
const lossless = compressModel(tensors, { lossless: true }).bytes;
const codes = Uint8Array.from({ length: 48 }, (_, i) => (i * 29) % 251);
const tfjsKernel: NamedTensor = { name: 'q', shape: [6, 8], dtype: 'float32', data: Float32Array.from(codes, (c) => c * 0.02 - 2.5), quantization: { dtype: 'uint8', scale: 0.02, min: -2.5, codes } };
const gridded = compressModel([tfjsKernel], { quantize: { bits: 4 } }).bytes;
const record = compressTensor(tensors[0]!.data as Float32Array, [4, 8]).bytes;
const bareRecord = compressTensor(Float32Array.of(1.5, -2, 0.25), [3], { quantize: 'none' }).bytes;

function formatCode(run: () => unknown): number {
  try {
    run();
    return 0;
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    expect(Object.values(FormatErrorCode)).toContain(e.code);
    return e.code;
  }
}

async function streamCode(bytes: Uint8Array, cut: number): Promise<number> {
  try {
    for await (const _ of readModelStream([bytes.subarray(0, cut), bytes.subarray(cut)], { maxElements: 1 << 16 })) void _;
    return 0;
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    return e.code;
  }
}

const mutation = (base: Uint8Array) =>
  fc.oneof(
    fc.record({ at: fc.nat(base.length - 1), xor: fc.integer({ min: 1, max: 255 }) }).map(({ at, xor }) => {
      const b = base.slice();
      b[at]! ^= xor;
      return b;
    }),
    fc.nat(base.length - 1).map((n) => base.slice(0, n)),
    fc.uint8Array({ minLength: 1, maxLength: 8 }).map((extra) => Uint8Array.from([...base, ...extra])),
    fc.record({ at: fc.nat(base.length - 1), v: fc.uint8Array({ minLength: 1, maxLength: 4 }) }).map(({ at, v }) => Uint8Array.from([...base.slice(0, at), ...v, ...base.slice(at)])),
  );

describe('hostile model containers', () => {
  test.prop([fc.uint8Array({ maxLength: 200 })])('random bytes are a FormatError', (b) => {
    expect(formatCode(() => decompressModel(b))).toBeGreaterThan(0);
    expect(formatCode(() => inspectModel(b))).toBeGreaterThan(0);
    expect(formatCode(() => decompressTensor(b))).toBeGreaterThan(0);
  });

  test.prop([fc.constantFrom(lossy, lossless, gridded).chain(mutation)], { numRuns: 400 })('a mutated container decodes exactly or fails with FormatError', (b) => {
    const code = formatCode(() => decompressModel(b, { maxElements: 1 << 16 }));
    if (code === 0) {
      const got = decompressModel(b).tensors;
      const want = decompressModel(b.length === lossy.length ? lossy : b.length === lossless.length ? lossless : gridded).tensors;
      expect(got.map((t) => Array.from(t.data))).toEqual(want.map((t) => Array.from(t.data)));
    }
    formatCode(() => inspectModel(b, { maxElements: 1 << 16 }));
  });

  test.prop([mutation(lossy), fc.nat(400)], { numRuns: 100 })('the stream reader agrees with the whole-buffer reader', async (b, cut) => {
    const whole = formatCode(() => decompressModel(b, { maxElements: 1 << 16 }));
    const streamed = await streamCode(b, Math.min(cut, b.length));
    expect(streamed === 0).toBe(whole === 0);
  });

  test.prop([fc.constantFrom(record, bareRecord).chain(mutation)], { numRuns: 400 })('a mutated tensor record decodes exactly or fails with FormatError', (b) => {
    if (formatCode(() => decompressTensor(b, { maxElements: 1 << 16 })) === 0) {
      const want = decompressTensor(b.length === record.length ? record : bareRecord).data;
      expect(Array.from(decompressTensor(b).data)).toEqual(Array.from(want));
    }
  });

  it('stores a tiny tensor bare: the CRC then covers its bytes', () => {
    // 12-byte header, shape varint [3], storage byte, then 4 planes of (tag 0, 3 bytes)
    expect(bareRecord.length).toBe(12 + 1 + 1 + 4 * (1 + 3));
    expect(bareRecord[14]).toBe(0);
    expect(Array.from(decompressTensor(bareRecord).data)).toEqual([1.5, -2, 0.25]);
    const flipped = bareRecord.slice();
    flipped[flipped.length - 1]! ^= 1;
    expect(formatCode(() => decompressTensor(flipped))).toBe(FormatErrorCode.BadChecksum);
  });

  it('checks declared sizes against the caps before allocating', () => {
    const big = lossy.slice();
    new DataView(big.buffer).setUint32(8, 0xfffffff0, true);
    expect(formatCode(() => decompressModel(big))).toBe(FormatErrorCode.TooLarge);
    const many = lossy.slice();
    new DataView(many.buffer).setUint32(12, 0xffffffff, true);
    expect(formatCode(() => decompressModel(many))).toBe(FormatErrorCode.TooLarge);
    expect(formatCode(() => decompressModel(lossy, { maxTensors: 2 }))).toBe(FormatErrorCode.TooLarge);
    expect(formatCode(() => decompressModel(lossy, { maxElements: 31 }))).toBe(FormatErrorCode.TooLarge);
    expect(formatCode(() => decompressModel(lossy, { maxMetadataBytes: 4 }))).toBe(FormatErrorCode.TooLarge);
    expect(formatCode(() => decompressModel(lossy, { maxRecordBytes: 10 }))).toBe(FormatErrorCode.TooLarge);
    const hugeShape = record.slice();
    new DataView(hugeShape.buffer).setUint32(12, 0xffffffff, true);
    expect(formatCode(() => decompressTensor(hugeShape))).toBeGreaterThan(0);
  });

  it('names each failure', () => {
    expect(() => decompressModel(Uint8Array.of(1, 2, 3, 4))).toThrow(/decompressModel: not a frugal model container/);
    expect(() => decompressModel(lossy.slice(0, 10))).toThrow(/ends inside its header/);
    expect(() => decompressModel(Uint8Array.from([...lossy, 0]))).toThrow(/1 bytes follow the last tensor/);
    const v2 = lossy.slice();
    v2[4] = 2;
    expect(() => decompressModel(v2)).toThrow(/version 2 is not supported/);
    expect(() => decompressTensor(lossy)).toThrow(/decompressTensor: not a frugal tensor record/);
  });
});
