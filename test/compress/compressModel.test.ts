import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { compressModel, decompressModel, inspectModel, readModelEntries, readModelStream } from '../../src/compress/index.js';
import type { NamedTensor } from '../../src/compress/index.js';

function f32(...v: number[]): Float32Array {
  return Float32Array.from(v);
}

function tfjsUint8(name: string, codes: number[], scale: number, min: number, shape: number[]): NamedTensor {
  const c = Uint8Array.from(codes);
  const data = new Float32Array(c.length);
  for (let i = 0; i < c.length; i++) data[i] = c[i]! * scale + min;
  return { name, shape, dtype: 'float32', data, quantization: { dtype: 'uint8', scale, min, codes: c } };
}

const mixed: NamedTensor[] = [
  { name: 'conv/kernel', shape: [3, 3, 2, 4], dtype: 'float32', data: Float32Array.from({ length: 72 }, (_, i) => Math.sin(i) * (i % 5)) },
  { name: 'conv/bias', shape: [4], dtype: 'float32', data: f32(0.1, -0.2, 0.3, 0) },
  { name: 'steps', shape: [2], dtype: 'int32', data: Int32Array.of(-5, 2 ** 31 - 1) },
  { name: 'flags', shape: [3], dtype: 'bool', data: Uint8Array.of(1, 0, 1) },
  tfjsUint8('q/kernel', [0, 17, 255, 128, 3, 3], 0.0123456789, -1.5, [2, 3]),
  { name: 'half', shape: [3], dtype: 'float32', data: f32(1, -2, 65504), quantization: { dtype: 'float16', codes: Uint16Array.of(0x3c00, 0xc000, 0x7bff) } },
  { name: 'scalar', shape: [], dtype: 'float32', data: f32(42) },
  { name: 'empty', shape: [0, 3], dtype: 'float32', data: f32() },
  { name: 'ünï/çødé', shape: [1], dtype: 'float32', data: f32(-1) },
];

describe('compressModel / decompressModel', () => {
  it('lossless mode reproduces every tensor and every stored code bit for bit', () => {
    const { bytes, report } = compressModel(mixed, { lossless: true, metadata: { format: 'layers-model', modelTopology: { a: [1, 2] } } });
    const back = decompressModel(bytes);
    expect(back.metadata).toEqual({ format: 'layers-model', modelTopology: { a: [1, 2] } });
    expect(back.tensors.map((t) => t.name)).toEqual(mixed.map((t) => t.name));
    back.tensors.forEach((t, i) => {
      const o = mixed[i]!;
      expect(t.shape).toEqual(o.shape);
      expect(t.dtype).toBe(o.dtype);
      expect(t.data.constructor).toBe(o.data.constructor);
      expect(Array.from(t.data)).toEqual(Array.from(o.data));
      if (o.quantization) {
        expect(t.quantization?.dtype).toBe(o.quantization.dtype);
        expect(Array.from(t.quantization!.codes)).toEqual(Array.from(o.quantization.codes));
        expect(t.quantization?.scale).toBe(o.quantization.scale);
        expect(t.quantization?.min).toBe(o.quantization.min);
      } else expect(t.quantization).toBeUndefined();
    });
    expect(report.sqnrDb).toBe(Infinity);
    expect(report.bytes).toBe(bytes.length);
    expect(report.parameters).toBe(mixed.reduce((s, t) => s + t.data.length, 0));
    expect(report.tensors.find((t) => t.name === 'q/kernel')?.storage).toBe('tfjs-uint8');
    expect(report.tensors.find((t) => t.name === 'half')?.storage).toBe('float16');
  });

  it('lossy mode prunes and quantizes rank ≥ 2 tensors, keeps vectors at vectorBits and integers exact', () => {
    const { bytes, report } = compressModel(mixed, { prune: { amount: 0.5 }, quantize: { bits: 4 }, vectorBits: 8, exact: /^half$/ });
    const back = decompressModel(bytes).tensors;
    const kernel = report.tensors[0]!;
    expect(kernel.bits).toBe(4);
    expect(kernel.sparsity).toBeGreaterThanOrEqual(0.5);
    expect(report.tensors[1]!.bits).toBe(8);
    expect(report.tensors[1]!.sparsity).toBe(0.25);
    expect(Array.from(back[2]!.data)).toEqual([-5, 2 ** 31 - 1]);
    expect(Array.from(back[3]!.data)).toEqual([1, 0, 1]);
    expect(back[4]!.quantization).toBeUndefined();
    expect(back[5]!.quantization?.dtype).toBe('float16');
    expect(report.sqnrDb).toBeGreaterThan(5);
    expect(Number.isFinite(report.sqnrDb)).toBe(true);
  });

  it('keeps vectors exact by default and aligns a tfjs-quantized kernel with its stored grid', () => {
    const codes = Array.from({ length: 64 }, (_, i) => (i * 37) % 200);
    const scale = 0.01;
    const zero = 120;
    const kernel = tfjsUint8('k', codes, scale, -zero * scale, [8, 8]);
    const { bytes, report } = compressModel([kernel, mixed[1]!], { quantize: { bits: 8 } });
    const [k, bias] = decompressModel(bytes).tensors;
    expect(Array.from(bias!.data)).toEqual(Array.from(mixed[1]!.data));
    expect(report.tensors[1]!.storage).toBe('float32');
    // every channel spans fewer than 127 steps on each side of zero: the values stay where they were
    k!.data.forEach((v, i) => expect(v).toBeCloseTo(kernel.data[i]!, 6));
    const coarse = compressModel([kernel], { quantize: { bits: 4 } });
    expect(coarse.report.tensors[0]!.storage).toBe('grid');
    // each channel's step is a whole multiple of the tfjs step: every value stays on the tfjs grid
    decompressModel(coarse.bytes).tensors[0]!.data.forEach((v) => expect(Math.abs(v / scale - Math.round(v / scale))).toBeLessThan(1e-4));
    expect(inspectModel(coarse.bytes).tensors[0]!.measured?.sqnrDb).toBeCloseTo(coarse.report.tensors[0]!.sqnrDb, 2);
  });

  it('tensorOptions sets prune, quantize and coding per tensor (vectors included)', () => {
    const seen: string[] = [];
    const { bytes, report } = compressModel(mixed, {
      quantize: { bits: 4 },
      exact: /^half$/,
      tensorOptions: (t, i) => {
        seen.push(`${i}:${t.name}`);
        if (t.name === 'conv/kernel') return { prune: { amount: 0.5 }, quantize: { bits: 6, axis: 2 } };
        if (t.name === 'conv/bias') return { quantize: { bits: 5 } };
        if (t.name === 'scalar') return { quantize: 'none' };
        return undefined;
      },
    });
    expect(seen).not.toContain('5:half');
    const byName = new Map(report.tensors.map((r) => [r.name, r]));
    expect(byName.get('conv/kernel')).toMatchObject({ bits: 6, axis: 2 });
    expect(byName.get('conv/kernel')!.sparsity).toBeGreaterThanOrEqual(0.5);
    expect(byName.get('conv/bias')).toMatchObject({ bits: 5, storage: 'symmetric' });
    expect(byName.get('scalar')!.storage).toBe('float32');
    expect(byName.get('q/kernel')).toMatchObject({ bits: 4 });
    expect(byName.get('half')!.storage).toBe('float16');
    expect(decompressModel(bytes).tensors.length).toBe(mixed.length);
    expect(() => compressModel(mixed, { tensorOptions: () => ({ quantize: { bits: 12 } }) })).toThrow(/compressModel: tensorOptions for 'conv\/kernel': quantize.bits/);
    expect(() => compressModel(mixed, { tensorOptions: (t) => (t.name === 'conv/bias' ? { quantize: { axis: 3 } } : undefined) })).toThrow(/tensorOptions for 'conv\/bias': axis 3/);
    expect(() => compressModel(mixed, { tensorOptions: 5 as never })).toThrow(TypeError);
    expect(compressModel(mixed, { lossless: true, tensorOptions: () => ({ quantize: { bits: 2 } }) }).report.sqnrDb).toBe(Infinity);
  });

  it('reports totals consistent with the tensors', () => {
    const { bytes, report } = compressModel(mixed);
    const params = report.tensors.reduce((s, t) => s + t.parameters, 0);
    expect(report.parameters).toBe(params);
    expect(report.bitsPerWeight).toBeCloseTo((8 * bytes.length) / params, 12);
    expect(report.ratio).toBeCloseTo(report.originalBytes / bytes.length, 12);
    expect(report.tensors.reduce((s, t) => s + t.bytes, 0)).toBeLessThan(bytes.length);
  });

  it('calls onProgress once per tensor, in order', () => {
    const seen: string[] = [];
    compressModel(mixed, { onProgress: (done, total, name) => seen.push(`${done}/${total} ${name}`) });
    expect(seen).toEqual(mixed.map((t, i) => `${i + 1}/${mixed.length} ${t.name}`));
  });

  it('leaves its inputs unmodified', () => {
    const copy = mixed.map((t) => ({ ...t, data: t.data.slice() }));
    compressModel(mixed, { prune: { amount: 0.7 }, quantize: { bits: 3 } });
    mixed.forEach((t, i) => expect(t.data).toEqual(copy[i]!.data));
  });

  it('rejects bad tensors and options clearly', () => {
    const w = mixed[0]!;
    expect(() => compressModel('x' as never)).toThrow(TypeError);
    expect(() => compressModel([w, w])).toThrow(/compressModel: tensors\[1\]: the name 'conv\/kernel' appears twice/);
    expect(() => compressModel([{ ...w, dtype: 'int32' }])).toThrow(/tensors\[0\]\.data must be a Int32Array/);
    expect(() => compressModel([{ ...w, dtype: 'string' as never }])).toThrow(RangeError);
    expect(() => compressModel([{ ...w, shape: [3] }])).toThrow(RangeError);
    expect(() => compressModel([w], { quantize: { axis: 0 } })).toThrow(/quantize.axis/);
    expect(() => compressModel([w], { vectorBits: 12 })).toThrow(/vectorBits/);
    expect(() => compressModel([w], { metadata: [] as never })).toThrow(TypeError);
    expect(() => compressModel([{ ...w, quantization: { dtype: 'uint8', scale: 1, min: 0, codes: new Uint8Array(3) } }])).toThrow(/quantization.codes/);
  });
});

describe('reading a container tensor by tensor', () => {
  const { bytes } = compressModel(mixed, { metadata: { k: 1 } });
  const whole = decompressModel(bytes);

  it('readModelEntries yields what decompressModel returns', () => {
    expect([...readModelEntries(bytes)]).toEqual(whole.tensors);
  });

  test.prop([fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 30 })])('readModelStream decodes any chunking', async (cuts) => {
    const chunks: Uint8Array[] = [];
    let at = 0;
    for (const c of cuts) {
      if (at >= bytes.length) break;
      chunks.push(bytes.slice(at, at + c));
      at += c;
    }
    chunks.push(bytes.slice(at));
    let meta: unknown;
    const got: NamedTensor[] = [];
    for await (const t of readModelStream(chunks, { onMetadata: (m) => (meta = m) })) got.push(t);
    expect(meta).toEqual({ k: 1 });
    expect(got).toEqual(whole.tensors);
  });

  it('readModelStream reads a web ReadableStream and reports a stream cut short', async () => {
    const stream = new ReadableStream<Uint8Array>({ start(c) { c.enqueue(bytes.slice(0, 100)); c.enqueue(bytes.slice(100)); c.close(); } });
    const got: NamedTensor[] = [];
    for await (const t of readModelStream(stream)) got.push(t);
    expect(got.length).toBe(mixed.length);
    const cut = async (): Promise<void> => {
      for await (const _ of readModelStream([bytes.slice(0, bytes.length - 1)])) void _;
    };
    await expect(cut()).rejects.toMatchObject({ name: 'FormatError', code: 1 });
    await expect((async () => { for await (const _ of readModelStream(42 as never)) void _; })()).rejects.toThrow(TypeError);
  });

  it('inspectModel describes every tensor from the headers, with the measured error', () => {
    const info = inspectModel(bytes);
    expect(info.metadata).toEqual({ k: 1 });
    expect(info.bytes).toBe(bytes.length);
    expect(info.tensors.map((t) => t.name)).toEqual(mixed.map((t) => t.name));
    const k = info.tensors[0]!;
    expect(k.storage).toBe('symmetric');
    expect(k.bits).toBe(8);
    expect(k.axis).toBe(3);
    expect(k.measured?.sqnrDb).toBeGreaterThan(30);
    expect(info.tensors[2]!.storage).toBe('int32');
    expect(info.tensors[2]!.measured?.sqnrDb).toBe(Infinity);
  });
});
