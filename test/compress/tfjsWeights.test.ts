import { readFileSync, readdirSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
// Plain examples use vitest's it: @fast-check/vitest's it would rerun each of them numRuns times.
import { fc, test } from '@fast-check/vitest';
import {
  decodeTfjsWeights,
  encodeTfjsWeights,
  flattenManifest,
  FormatError,
  FormatErrorCode,
  parseTfjsModelJson,
  toTfjsModelJson,
} from '../../src/compress/index.js';
import type { TfjsModelJson, TfjsNamedTensor, TfjsWeightsManifest, TfjsWeightsManifestEntry } from '../../src/compress/index.js';
import type { NamedTensor } from '../../src/compress/types.js';
import { tfReady } from '../support/reference/convTfjs.js';
import { expectFormatError } from '../support/errors.js';

// ---------------------------------------------------------------------------------------------
// helpers


/** Only our three error classes may escape; anything else (or a JS engine error) fails the test. */
function expectOnlyOurErrors(call: () => unknown): unknown {
  try {
    return call();
  } catch (e) {
    const ok = e instanceof TypeError || e instanceof RangeError || e instanceof FormatError;
    if (!ok) throw e;
    const msg = (e as Error).message;
    expect(msg, String(e)).toMatch(/^(decodeTfjsWeights|encodeTfjsWeights|flattenManifest|parseTfjsModelJson|toTfjsModelJson): /);
    return e;
  }
}

/** A copy of the bytes of a typed array (bit patterns, so NaN payloads and -0 compare exactly). */
function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice();
}

/** Byte-for-byte equality that stays fast on megabytes and names the first differing byte. */
function expectSameBytes(actual: ArrayBufferView, expected: ArrayBufferView, label = ''): void {
  const a = new Uint8Array(actual.buffer, actual.byteOffset, actual.byteLength);
  const b = new Uint8Array(expected.buffer, expected.byteOffset, expected.byteLength);
  expect(a.length, `${label} byte length`).toBe(b.length);
  if (Buffer.compare(a, b) !== 0) {
    const i = a.findIndex((v, k) => v !== b[k]);
    expect.fail(`${label}: byte ${i} is ${a[i]}, expected ${b[i]}`);
  }
}

/** tfjs-core's own decoder (cpu backend): name → { dtype, bytes of dataSync() }. */
async function tfDecode(entries: TfjsWeightsManifestEntry[], data: Uint8Array): Promise<{ dtype: string; shape: number[]; bytes: Uint8Array }[]> {
  await tfReady();
  const buffer = data.slice().buffer;
  const map = tf.io.decodeWeights(buffer, entries as tf.io.WeightsManifestEntry[]);
  const out = entries.map((e) => {
    const t = map[e.name]!;
    return { dtype: t.dtype, shape: t.shape, bytes: bytesOf(t.dataSync() as unknown as ArrayBufferView) };
  });
  tf.dispose(Object.values(map));
  return out;
}

// ---------------------------------------------------------------------------------------------
// arbitraries: a weights "file" (entries + concatenated bytes) with every dtype/quantization tfjs reads

type Kind = 'float32' | 'int32' | 'bool' | 'uint8→float32' | 'uint16→float32' | 'float16→float32' | 'uint8→int32' | 'uint16→int32';
const KINDS: Kind[] = ['float32', 'int32', 'bool', 'uint8→float32', 'uint16→float32', 'float16→float32', 'uint8→int32', 'uint16→int32'];
const WIDTH: Record<Kind, number> = {
  float32: 4, int32: 4, bool: 1, 'uint8→float32': 1, 'uint16→float32': 2, 'float16→float32': 2, 'uint8→int32': 1, 'uint16→int32': 2,
};

const shapeArb = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 });

const entryArb = (name: string): fc.Arbitrary<{ entry: TfjsWeightsManifestEntry; bytes: Uint8Array }> =>
  fc
    .record({
      kind: fc.constantFrom(...KINDS),
      shape: shapeArb,
      scale: fc.oneof(fc.double({ min: 1e-6, max: 10, noNaN: true }), fc.constant(0.5)),
      min: fc.oneof(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.constant(-2.5)),
      originalDtype: fc.option(fc.constantFrom('float32', 'int32'), { nil: undefined }),
      group: fc.option(fc.constantFrom('model', 'optimizer'), { nil: undefined }),
      seed: fc.integer(),
    })
    .chain((r) => {
      const n = r.shape.reduce((a, b) => a * b, 1);
      return fc.uint8Array({ minLength: n * WIDTH[r.kind], maxLength: n * WIDTH[r.kind] }).map((bytes) => {
        const [stored, dtype] = r.kind.includes('→') ? (r.kind.split('→') as [string, string]) : [undefined, r.kind];
        const entry: TfjsWeightsManifestEntry = { name, shape: r.shape, dtype };
        if (stored !== undefined) {
          const q: NonNullable<TfjsWeightsManifestEntry['quantization']> = { dtype: stored as 'uint8' | 'uint16' | 'float16' };
          if (stored !== 'float16') {
            q.scale = r.scale;
            q.min = r.min;
          }
          if (r.originalDtype !== undefined) q.original_dtype = r.originalDtype;
          entry.quantization = q;
        }
        if (r.group !== undefined) entry.group = r.group;
        return { entry, bytes };
      });
    });

const fileArb = fc.integer({ min: 0, max: 6 }).chain((k) =>
  fc.tuple(...Array.from({ length: k }, (_, i) => entryArb(`layer${i}/w`))).map((ws) => {
    const entries = ws.map((w) => w.entry);
    const total = ws.reduce((a, w) => a + w.bytes.length, 0);
    const data = new Uint8Array(total);
    let o = 0;
    for (const w of ws) {
      data.set(w.bytes, o);
      o += w.bytes.length;
    }
    return { entries, data };
  }),
);

// ---------------------------------------------------------------------------------------------

describe('decodeTfjsWeights', () => {
  it('decodeTfjsWeights(entries, data) dequantizes uint8 as code·scale + min in float64, then float32', () => {
    const entries: TfjsWeightsManifestEntry[] = [
      { name: 'w', shape: [2, 2], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.1, min: -0.3 } },
      { name: 'b', shape: [2], dtype: 'float32' },
      { name: 'step', shape: [], dtype: 'int32' },
      { name: 'flag', shape: [3], dtype: 'bool' },
    ];
    const data = new Uint8Array([0, 1, 3, 255, 0, 0, 128, 63, 0, 0, 0, 192, 42, 0, 0, 0, 1, 0, 1]);
    const [w, b, step, flag] = decodeTfjsWeights(entries, data) as [TfjsNamedTensor, TfjsNamedTensor, TfjsNamedTensor, TfjsNamedTensor];
    expect(w.data).toEqual(Float32Array.from([0 * 0.1 - 0.3, 1 * 0.1 - 0.3, 3 * 0.1 - 0.3, 255 * 0.1 - 0.3]));
    expect(w.data[2]).toBe(Math.fround(3 * 0.1 - 0.3));
    expect(w.quantization).toEqual({ dtype: 'uint8', scale: 0.1, min: -0.3, codes: new Uint8Array([0, 1, 3, 255]) });
    expect(w.shape).toEqual([2, 2]);
    expect(b.data).toEqual(new Float32Array([1, -2]));
    expect(b.quantization).toBeUndefined();
    expect(step).toEqual({ name: 'step', shape: [], dtype: 'int32', data: new Int32Array([42]) });
    expect(flag.data).toEqual(new Uint8Array([1, 0, 1]));
  });

  it('decodeTfjsWeights(entries, data) rounds int32 weights with Math.round (halves up) and keeps original_dtype and group', () => {
    const entries: TfjsWeightsManifestEntry[] = [
      { name: 'i', shape: [4], dtype: 'int32', quantization: { dtype: 'uint16', scale: 0.5, min: -1, original_dtype: 'int32' }, group: 'model' },
    ];
    const data = new Uint8Array(new Uint16Array([0, 1, 3, 65535]).buffer);
    const [t] = decodeTfjsWeights(entries, data) as [TfjsNamedTensor];
    expect(t.data).toEqual(new Int32Array([-1, Math.round(-0.5), Math.round(0.5), Math.round(65535 * 0.5 - 1)]));
    expect(Array.from(t.data)).toEqual([-1, 0, 1, 32767]);
    expect(t.quantization?.originalDtype).toBe('int32');
    expect(t.quantization?.codes).toEqual(new Uint16Array([0, 1, 3, 65535]));
    expect(t.group).toBe('model');
  });

  it('decodeTfjsWeights(entries, data) handles the empty manifest, scalars and zero-size tensors', () => {
    expect(decodeTfjsWeights([], new Uint8Array(0))).toEqual([]);
    expect(decodeTfjsWeights([], new ArrayBuffer(0))).toEqual([]);
    const entries: TfjsWeightsManifestEntry[] = [
      { name: 'z', shape: [0, 3], dtype: 'float32' },
      { name: 's', shape: [], dtype: 'float32', quantization: { dtype: 'float16' } },
      { name: 'huge-but-empty', shape: [2 ** 53 - 1, 0], dtype: 'int32' },
      { name: 'zq', shape: [0], dtype: 'float32', quantization: { dtype: 'uint8', scale: 1, min: 0 } },
    ];
    const [z, s, h, zq] = decodeTfjsWeights(entries, new Uint8Array([0x00, 0x3c]));
    expect(z!.data).toEqual(new Float32Array(0));
    expect(z!.shape).toEqual([0, 3]);
    expect(s!.data).toEqual(new Float32Array([1]));
    expect(s!.shape).toEqual([]);
    expect(s!.quantization).toEqual({ dtype: 'float16', codes: new Uint16Array([0x3c00]) });
    expect(h!.data).toEqual(new Int32Array(0));
    expect(zq!.quantization!.codes).toEqual(new Uint8Array(0));
  });

  it('decodeTfjsWeights(entries, data) keeps NaN payloads, ±Infinity and −0 of float32 weights bit-exactly', () => {
    const bits = new Uint32Array([0x7fc00000, 0x7f800001, 0xffffffff, 0x7fa5a5a5, 0x7f800000, 0xff800000, 0x80000000, 0x00000001]);
    const data = new Uint8Array(bits.buffer.slice(0));
    const [t] = decodeTfjsWeights([{ name: 'x', shape: [8], dtype: 'float32' }], data);
    expect(Array.from(new Uint32Array((t!.data as Float32Array).buffer))).toEqual(Array.from(bits));
    const again = encodeTfjsWeights([t!]);
    expectSameBytes(again.data, data);
  });

  it('decodeTfjsWeights(entries, data) reads from unaligned views and ArrayBuffers, returns copies and leaves its inputs alone', () => {
    const backing = new Uint8Array(11);
    const view = backing.subarray(1, 11); // odd byteOffset
    view.set([0, 0, 128, 63, 7, 0, 0, 0x3c, 0, 0]);
    const entries: TfjsWeightsManifestEntry[] = [
      { name: 'f', shape: [1], dtype: 'float32' },
      { name: 'q', shape: [2], dtype: 'float32', quantization: { dtype: 'uint8', scale: 2, min: 1 } },
      { name: 'h', shape: [2], dtype: 'float32', quantization: { dtype: 'float16' } },
    ];
    const before = structuredClone(entries);
    const bytesBefore = Array.from(backing);
    const out = decodeTfjsWeights(entries, view);
    expect(out.map((t) => Array.from(t.data))).toEqual([[1], [15, 1], [1, 0]]);
    expect(entries).toEqual(before);
    expect(Array.from(backing)).toEqual(bytesBefore);
    for (const t of out) {
      expect(t.data.buffer).not.toBe(backing.buffer);
      if (t.quantization) expect(t.quantization.codes.buffer).not.toBe(backing.buffer);
      expect(t.shape).not.toBe(entries.find((e) => e.name === t.name)!.shape);
    }
    backing.fill(0xff);
    expect(Array.from(out[0]!.data)).toEqual([1]);
    expect(Array.from(out[1]!.quantization!.codes)).toEqual([7, 0]);
    // ArrayBuffer and Node Buffer (whose slice() is a view) as data
    const ab = new Uint8Array([0, 0, 128, 63]).buffer;
    expect(Array.from(decodeTfjsWeights([{ name: 'f', shape: [], dtype: 'float32' }], ab)[0]!.data)).toEqual([1]);
    const buf = Buffer.from([5, 6]);
    const [b] = decodeTfjsWeights([{ name: 'b', shape: [2], dtype: 'bool' }], buf);
    buf[0] = 9;
    expect(Array.from(b!.data)).toEqual([5, 6]);
    expect(b!.data.constructor).toBe(Uint8Array);
  });

  it('decodeTfjsWeights(entries, data) checks every size before allocating (Truncated, TrailingData)', () => {
    const w = (shape: number[], dtype = 'float32'): TfjsWeightsManifestEntry => ({ name: 'conv/w', shape, dtype });
    expectFormatError(() => decodeTfjsWeights([w([10, 30])], new Uint8Array(800)), FormatErrorCode.Truncated, "decodeTfjsWeights: weight 'conv/w' needs 1200 bytes but the data has 800");
    expectFormatError(
      () => decodeTfjsWeights([w([1]), { name: 'b', shape: [2], dtype: 'int32' }], new Uint8Array(8)),
      FormatErrorCode.Truncated,
      "weight 'b' needs 8 bytes but the data has 4 left after byte 4",
    );
    expectFormatError(() => decodeTfjsWeights([w([2 ** 53 - 1, 2 ** 53 - 1])], new Uint8Array(8)), FormatErrorCode.Truncated, "weight 'conv/w' needs 3.24518553658426");
    expectFormatError(() => decodeTfjsWeights([w([1])], new Uint8Array(0)), FormatErrorCode.Truncated, 'needs 4 bytes but the data has 0');
    expectFormatError(() => decodeTfjsWeights([w([1])], new Uint8Array(5)), FormatErrorCode.TrailingData, 'decodeTfjsWeights: 1 bytes remain after the last weight (the weights take 4 of 5)');
    expectFormatError(() => decodeTfjsWeights([], new Uint8Array(3)), FormatErrorCode.TrailingData, '3 bytes remain');
  });

  it('decodeTfjsWeights(entries, data) rejects dtypes and quantizations tfjs cannot load', () => {
    const d = new Uint8Array(4);
    const one = (e: object) => () => decodeTfjsWeights([e as TfjsWeightsManifestEntry], d);
    expectFormatError(one({ name: 'x', shape: [1], dtype: 'float64' }), FormatErrorCode.BadField, "entries[0].dtype 'float64' of weight 'x' is not a tfjs dtype");
    expectFormatError(one({ name: 'x', shape: [4], dtype: 'float32', quantization: { dtype: 'int8', scale: 1, min: 0 } }), FormatErrorCode.BadField, "entries[0].quantization.dtype 'int8' of weight 'x' is not one of");
    expectFormatError(one({ name: 'x', shape: [4], dtype: 'float32', quantization: { dtype: 'uint8', scale: 1 } }), FormatErrorCode.BadField, "entries[0].quantization.min is missing: weight 'x' is quantized to uint8");
    expectFormatError(one({ name: 'x', shape: [2], dtype: 'int32', quantization: { dtype: 'float16' } }), FormatErrorCode.BadField, "weight 'x' of dtype int32 cannot be quantized to float16");
    expectFormatError(one({ name: 'x', shape: [4], dtype: 'bool', quantization: { dtype: 'uint8', scale: 1, min: 0 } }), FormatErrorCode.BadField, 'cannot be quantized');
    expectFormatError(one({ name: 'x', shape: [4], dtype: 'float32', quantization: { dtype: 'uint8', scale: Infinity, min: 0 } }), FormatErrorCode.BadField, 'entries[0].quantization.scale of weight \'x\' must be finite (got Infinity)');
    expect(one({ name: 's', shape: [1], dtype: 'string' })).toThrow(new RangeError("decodeTfjsWeights: weight 's' has dtype string, which is unsupported"));
    expect(one({ name: 'c', shape: [1], dtype: 'complex64' })).toThrow(RangeError);
    expect(one({ name: 'x', shape: [-1], dtype: 'float32' })).toThrow(new RangeError('decodeTfjsWeights: entries[0].shape[0] must be a non-negative safe integer (got -1)'));
    expect(one({ name: 'x', shape: [1.5], dtype: 'float32' })).toThrow(RangeError);
    expect(one({ name: 'x', shape: [2 ** 53], dtype: 'float32' })).toThrow(RangeError);
    expect(one({ name: 'x', shape: ['1'], dtype: 'float32' })).toThrow(new TypeError('decodeTfjsWeights: entries[0].shape[0] must be a number (got string)'));
    expect(one({ name: 'x', shape: 4, dtype: 'float32' })).toThrow(new TypeError('decodeTfjsWeights: entries[0].shape must be an Array (got number)'));
    expect(one({ shape: [1], dtype: 'float32' })).toThrow(new TypeError('decodeTfjsWeights: entries[0].name must be a string (got undefined)'));
    expect(one({ name: 'x', shape: [1], dtype: 'float32', quantization: { dtype: 'uint8', scale: '1', min: 0 } })).toThrow(TypeError);
    expect(() => decodeTfjsWeights([null as never], d)).toThrow(new TypeError('decodeTfjsWeights: entries[0] must be an object (got null)'));
    expect(() => decodeTfjsWeights({} as never, d)).toThrow(new TypeError('decodeTfjsWeights: entries must be an Array (got Object)'));
    expect(() => decodeTfjsWeights([], [1, 2] as never)).toThrow(new TypeError('decodeTfjsWeights: data must be a Uint8Array or ArrayBuffer (got Array)'));
    expect(() => decodeTfjsWeights([], new Int8Array(0) as never)).toThrow(TypeError);
  });

  it('decodeTfjsWeights agrees bit-exactly with tfjs io.decodeWeights on every dtype and quantization', async () => {
    const codes16 = new Uint16Array([0, 1, 2, 1000, 32768, 65535, 0x7c00, 0x7e01, 0xfc00, 0x8000, 0x3555, 0x0001]);
    const f32bits = new Uint32Array([0x3f800000, 0x7fc00001, 0xff800000, 0x80000000, 0x00000001, 0x7f7fffff]);
    const parts: [TfjsWeightsManifestEntry, Uint8Array][] = [
      [{ name: 'f32', shape: [2, 3], dtype: 'float32' }, new Uint8Array(f32bits.buffer)],
      [{ name: 'i32', shape: [3], dtype: 'int32' }, new Uint8Array(new Int32Array([-1, 2 ** 31 - 1, -(2 ** 31)]).buffer)],
      [{ name: 'bool', shape: [4], dtype: 'bool' }, new Uint8Array([0, 1, 1, 0])],
      [{ name: 'u8', shape: [256], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.009007044399485869, min: -1.2069439495311063 } }, Uint8Array.from({ length: 256 }, (_, i) => i)],
      [{ name: 'u16', shape: [12], dtype: 'float32', quantization: { dtype: 'uint16', scale: 3.0517578125e-5 / 3, min: -0.7 } }, new Uint8Array(codes16.buffer)],
      [{ name: 'f16', shape: [3, 4], dtype: 'float32', quantization: { dtype: 'float16' } }, new Uint8Array(codes16.buffer)],
      [{ name: 'u8i', shape: [256], dtype: 'int32', quantization: { dtype: 'uint8', scale: 0.5, min: -64.5, original_dtype: 'int32' } }, Uint8Array.from({ length: 256 }, (_, i) => 255 - i)],
      [{ name: 'u16i', shape: [12], dtype: 'int32', quantization: { dtype: 'uint16', scale: 1e5, min: -1e9 } }, new Uint8Array(codes16.buffer)],
      [{ name: 'scalar', shape: [], dtype: 'float32', quantization: { dtype: 'uint8', scale: 1, min: 0 } }, new Uint8Array([9])],
    ];
    const entries = parts.map((p) => p[0]);
    const data = new Uint8Array(parts.reduce((a, p) => a + p[1].length, 0));
    let o = 0;
    for (const [, b] of parts) {
      data.set(b, o);
      o += b.length;
    }
    const ours = decodeTfjsWeights(entries, data);
    const theirs = await tfDecode(entries, data);
    ours.forEach((t, i) => {
      expect(t.dtype, t.name).toBe(theirs[i]!.dtype);
      expect(t.shape, t.name).toEqual(theirs[i]!.shape);
      expectSameBytes(t.data, theirs[i]!.bytes, t.name);
    });
    const again = encodeTfjsWeights(ours);
    expect(again.entries).toEqual(entries);
    expectSameBytes(again.data, data);
  });

  test.prop([fileArb], { numRuns: 60 })('decodeTfjsWeights agrees bit-exactly with tfjs io.decodeWeights on random manifests', async ({ entries, data }) => {
    const named = entries.map((e, i) => ({ ...e, name: `w${i}` }));
    const ours = decodeTfjsWeights(named, data);
    const theirs = await tfDecode(named, data);
    ours.forEach((t, i) => {
      expect(t.dtype).toBe(theirs[i]!.dtype);
      expectSameBytes(t.data, theirs[i]!.bytes);
    });
  });
});

describe('encodeTfjsWeights', () => {
  it('encodeTfjsWeights(tensors) writes raw little-endian values and the manifest entries', () => {
    const { entries, data } = encodeTfjsWeights([
      { name: 'a', shape: [2], dtype: 'float32', data: new Float32Array([1, -2]) },
      { name: 'b', shape: [], dtype: 'int32', data: new Int32Array([-1]) },
      { name: 'c', shape: [3], dtype: 'bool', data: new Uint8Array([1, 0, 1]) },
      { name: 'd', shape: [0], dtype: 'float32', data: new Float32Array(0) },
    ]);
    expect(entries).toEqual([
      { name: 'a', shape: [2], dtype: 'float32' },
      { name: 'b', shape: [], dtype: 'int32' },
      { name: 'c', shape: [3], dtype: 'bool' },
      { name: 'd', shape: [0], dtype: 'float32' },
    ]);
    expect(Array.from(data)).toEqual([0, 0, 128, 63, 0, 0, 0, 192, 255, 255, 255, 255, 1, 0, 1]);
    expect(encodeTfjsWeights([])).toEqual({ entries: [], data: new Uint8Array(0) });
  });

  it('encodeTfjsWeights(tensors) writes quantized tensors as their codes with the same quantization entry', () => {
    const codes = new Uint8Array([0, 2, 4]);
    const t: TfjsNamedTensor = {
      name: 'q', shape: [3], dtype: 'float32', group: 'model',
      data: Float32Array.from(codes, (c) => c * 0.25 - 1),
      quantization: { dtype: 'uint8', scale: 0.25, min: -1, originalDtype: 'float32', codes },
    };
    const { entries, data } = encodeTfjsWeights([t]);
    expect(entries).toEqual([{ name: 'q', shape: [3], dtype: 'float32', group: 'model', quantization: { dtype: 'uint8', scale: 0.25, min: -1, original_dtype: 'float32' } }]);
    expect(data).toEqual(new Uint8Array([0, 2, 4]));
    expect(data.buffer).not.toBe(codes.buffer);
  });

  it('encodeTfjsWeights(tensors) rejects data that differs from its quantization codes, and bad tensors', () => {
    const codes = new Uint8Array([0, 2]);
    const q = { dtype: 'uint8' as const, scale: 0.5, min: 0, codes };
    const ok: NamedTensor = { name: 'q', shape: [2], dtype: 'float32', data: new Float32Array([0, 1]), quantization: q };
    expect(() => encodeTfjsWeights([ok])).not.toThrow();
    expect(() => encodeTfjsWeights([{ ...ok, data: new Float32Array([0, 1.5]) }])).toThrow(
      new RangeError("encodeTfjsWeights: tensors[0] ('q').data[1] = 1.5 differs from what its quantization codes decode to (1); drop quantization to write raw values"),
    );
    const bad = (t: object) => () => encodeTfjsWeights([t as NamedTensor]);
    expect(bad({ ...ok, data: new Float64Array(2) })).toThrow(new TypeError("encodeTfjsWeights: tensors[0] ('q').data must be a Float32Array for dtype float32 (got Float64Array)"));
    expect(bad({ ...ok, shape: [3] })).toThrow(new RangeError("encodeTfjsWeights: tensors[0] ('q').data has 2 elements, shape [3] needs 3"));
    expect(bad({ ...ok, shape: [-2] })).toThrow(RangeError);
    expect(bad({ ...ok, dtype: 'string' })).toThrow(new RangeError("encodeTfjsWeights: tensors[0] ('q').dtype must be one of 'float32', 'int32', 'bool' (got 'string')"));
    expect(bad({ ...ok, quantization: { ...q, codes: new Uint16Array(2) } })).toThrow(new TypeError("encodeTfjsWeights: tensors[0] ('q').quantization.codes must be a Uint8Array for uint8 (got Uint16Array)"));
    expect(bad({ ...ok, quantization: { ...q, codes: new Uint8Array(3) } })).toThrow(RangeError);
    expect(bad({ ...ok, quantization: { ...q, scale: undefined } })).toThrow(new RangeError("encodeTfjsWeights: tensors[0] ('q').quantization.scale is required for uint8 codes"));
    expect(bad({ ...ok, quantization: { ...q, min: NaN } })).toThrow(RangeError);
    expect(bad({ ...ok, quantization: { ...q, dtype: 'int4' } })).toThrow(RangeError);
    expect(bad({ ...ok, dtype: 'bool', data: new Uint8Array(2) })).toThrow(RangeError);
    expect(bad({ ...ok, dtype: 'int32', data: new Int32Array(2), quantization: { dtype: 'float16', codes: new Uint16Array(2) } })).toThrow(RangeError);
    expect(bad({ ...ok, name: 3 })).toThrow(new TypeError('encodeTfjsWeights: tensors[0].name must be a string (got number)'));
    expect(() => encodeTfjsWeights('x' as never)).toThrow(TypeError);
    expect(() => encodeTfjsWeights([null as never])).toThrow(TypeError);
  });

  test.prop([fileArb])('decode → encode reproduces the bytes and entries exactly, and leaves the tensors alone', ({ entries, data }) => {
    const tensors = decodeTfjsWeights(entries, data);
    const copies = tensors.map((t) => ({ data: bytesOf(t.data), codes: t.quantization ? bytesOf(t.quantization.codes) : null }));
    const again = encodeTfjsWeights(tensors);
    expect(again.entries).toEqual(entries);
    expectSameBytes(again.data, data);
    tensors.forEach((t, i) => {
      expectSameBytes(t.data, copies[i]!.data);
      if (t.quantization) expectSameBytes(t.quantization.codes, copies[i]!.codes!);
    });
  });

  const rawTensorArb = fc
    .tuple(shapeArb, fc.constantFrom('float32', 'int32', 'bool'), fc.integer({ min: 0, max: 1 }))
    .chain(([shape, dtype]) => {
      const n = shape.reduce((a, b) => a * b, 1);
      const data =
        dtype === 'float32'
          ? fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: n, maxLength: n }).map((b) => new Float32Array(Uint32Array.from(b).buffer))
          : dtype === 'int32'
            ? fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: n, maxLength: n }).map((v) => Int32Array.from(v))
            : fc.uint8Array({ minLength: n, maxLength: n, max: 1 });
      return data.map((d): NamedTensor => ({ name: `t${n}`, shape, dtype: dtype as 'float32', data: d }));
    });

  test.prop([fc.array(rawTensorArb, { maxLength: 6 })])('encode → decode gives the tensors back bit-exactly', (tensors) => {
    const { entries, data } = encodeTfjsWeights(tensors);
    const back = decodeTfjsWeights(entries, data);
    expect(back.length).toBe(tensors.length);
    back.forEach((t, i) => {
      const src = tensors[i]!;
      expect(t.name).toBe(src.name);
      expect(t.shape).toEqual(src.shape);
      expect(t.dtype).toBe(src.dtype);
      expect(t.data.constructor).toBe(src.data.constructor);
      expectSameBytes(t.data, bytesOf(src.data));
      expect(t.quantization).toBeUndefined();
    });
  });
});

// ---------------------------------------------------------------------------------------------
// real weights: face-api's uint8-quantized MobileNet-family models

const faceDir = new URL('../../node_modules/@vladmandic/face-api/model/', import.meta.url).pathname;
const faceManifests = readdirSync(faceDir).filter((f) => f.endsWith('-weights_manifest.json')).sort();

describe('face-api weights', () => {
  it('there are face-api manifests to test', () => {
    expect(faceManifests.length).toBeGreaterThanOrEqual(7);
  });

  it.each(faceManifests)('%s: tfjs agreement and a byte-exact round trip', async (file) => {
    const json: unknown = JSON.parse(readFileSync(faceDir + file, 'utf8'));
    const original = structuredClone(json);
    const { manifest, model } = parseTfjsModelJson(json);
    expect(model).toBeNull();
    const { entries, paths } = flattenManifest(manifest);
    expect(entries).toEqual((json as TfjsWeightsManifest).flatMap((g) => g.weights));
    const shards = paths.map((p) => readFileSync(faceDir + p));
    const data = new Uint8Array(Buffer.concat(shards));
    const tensors = decodeTfjsWeights(entries, data);
    expect(tensors.length).toBe(entries.length);
    expect(tensors.some((t) => t.quantization?.dtype === 'uint8')).toBe(true);
    const theirs = await tfDecode(entries, data);
    tensors.forEach((t, i) => {
      expect(t.dtype, t.name).toBe(theirs[i]!.dtype);
      expectSameBytes(t.data, theirs[i]!.bytes, t.name);
    });
    const again = encodeTfjsWeights(tensors);
    expect(again.entries).toEqual(entries);
    expectSameBytes(again.data, data, 'encoded');
    expect(toTfjsModelJson(null, again.entries, paths)).toEqual(json);
    expect(json).toEqual(original);
  });

  it('ssd_mobilenetv1 has uint8-quantized int32 weights that dequantize with Math.round', () => {
    const json = JSON.parse(readFileSync(faceDir + 'ssd_mobilenetv1_model-weights_manifest.json', 'utf8')) as unknown;
    const { entries, paths } = flattenManifest(parseTfjsModelJson(json).manifest);
    const data = new Uint8Array(Buffer.concat(paths.map((p) => readFileSync(faceDir + p))));
    const ints = decodeTfjsWeights(entries, data).filter((t) => t.dtype === 'int32');
    expect(ints.length).toBeGreaterThan(0);
    for (const t of ints) {
      const q = t.quantization!;
      expect(Array.from(t.data)).toEqual(Array.from(q.codes, (c) => Math.round(c * q.scale! + q.min!)));
    }
  });
});

// ---------------------------------------------------------------------------------------------

const modelJson = (): TfjsModelJson => ({
  format: 'layers-model',
  generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
  convertedBy: null,
  modelTopology: { class_name: 'Sequential', config: { layers: [] } },
  userDefinedMetadata: { note: 'kept' },
  weightsManifest: [
    { paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: [{ name: 'dense/kernel', shape: [3, 2], dtype: 'float32' }] },
    { paths: ['group2-shard1of1.bin'], weights: [{ name: 'dense/bias', shape: [2], dtype: 'float32', quantization: { dtype: 'float16' } }, { name: 'step', shape: [], dtype: 'int32', group: 'optimizer' }] },
  ],
});

describe('parseTfjsModelJson / flattenManifest / toTfjsModelJson', () => {
  it('parseTfjsModelJson(json) splits a model.json into its manifest and the rest, copying both', () => {
    const json = modelJson();
    const before = structuredClone(json);
    const { manifest, model } = parseTfjsModelJson(json);
    expect(manifest).toEqual(json.weightsManifest);
    expect(manifest).not.toBe(json.weightsManifest);
    expect(manifest[0]!.weights[0]!.shape).not.toBe(json.weightsManifest[0]!.weights[0]!.shape);
    expect(model).toEqual({ format: 'layers-model', generatedBy: 'TensorFlow.js tfjs-layers v4.22.0', convertedBy: null, modelTopology: json.modelTopology, userDefinedMetadata: { note: 'kept' } });
    expect(model).not.toHaveProperty('weightsManifest');
    expect(json).toEqual(before);
  });

  it('flattenManifest(manifest) lists entries and paths of all groups in order', () => {
    const { entries, paths } = flattenManifest(modelJson().weightsManifest);
    expect(paths).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin', 'group2-shard1of1.bin']);
    expect(entries.map((e) => e.name)).toEqual(['dense/kernel', 'dense/bias', 'step']);
    expect(flattenManifest([])).toEqual({ entries: [], paths: [] });
    expect(() => flattenManifest({} as never)).toThrow(new TypeError('flattenManifest: manifest must be an Array of groups (got Object)'));
  });

  it('toTfjsModelJson(model, entries, shardPaths) writes a model.json or a bare manifest with one group', () => {
    const { manifest, model } = parseTfjsModelJson(modelJson());
    const { entries } = flattenManifest(manifest);
    const written = toTfjsModelJson(model!, entries, ['w.bin']);
    expect(written).toEqual({ ...model, weightsManifest: [{ paths: ['w.bin'], weights: entries }] });
    expect(parseTfjsModelJson(written).model).toEqual(model);
    expect(toTfjsModelJson(null, entries, ['a', 'b'])).toEqual([{ paths: ['a', 'b'], weights: entries }]);
    expect(toTfjsModelJson(null, [], [])).toEqual([{ paths: [], weights: [] }]);
    expect(toTfjsModelJson({ weightsManifest: 'old' } as never, [], [])).toEqual({ weightsManifest: [{ paths: [], weights: [] }] });
    // a single-group model.json comes back exactly
    const one = { ...modelJson(), weightsManifest: [modelJson().weightsManifest[1]!] };
    const p = parseTfjsModelJson(one);
    expect(toTfjsModelJson(p.model!, flattenManifest(p.manifest).entries, flattenManifest(p.manifest).paths)).toEqual(one);
    expect(() => toTfjsModelJson(null, entries, [])).toThrow(new RangeError('toTfjsModelJson: shardPaths is empty but the 3 entries hold weights'));
    expect(() => toTfjsModelJson([] as never, entries, ['a'])).toThrow(new TypeError('toTfjsModelJson: model must be an object or null (got Array)'));
    expect(() => toTfjsModelJson(null, entries, [1] as never)).toThrow(new TypeError('toTfjsModelJson: shardPaths[0] must be a string (got number)'));
    expect(() => toTfjsModelJson({ format: 1 } as never, entries, ['a'])).toThrow(new TypeError('toTfjsModelJson: format must be a string (got number)'));
  });

  it('parseTfjsModelJson(json) names the offending field', () => {
    const withShape = (shape: unknown) => {
      const j = modelJson() as unknown as { weightsManifest: { weights: { shape: unknown }[] }[] };
      j.weightsManifest[1]!.weights[1]!.shape = shape;
      return j;
    };
    expect(() => parseTfjsModelJson(withShape('3'))).toThrow(new TypeError('parseTfjsModelJson: weightsManifest[1].weights[1].shape must be an Array (got string)'));
    expect(() => parseTfjsModelJson(withShape([2, -1]))).toThrow(new RangeError('parseTfjsModelJson: weightsManifest[1].weights[1].shape[1] must be a non-negative safe integer (got -1)'));
    expect(() => parseTfjsModelJson([{ paths: 'a.bin', weights: [] }])).toThrow(new TypeError('parseTfjsModelJson: manifest[0].paths must be an Array (got string)'));
    expect(() => parseTfjsModelJson([{ paths: [], weights: {} }])).toThrow(new TypeError('parseTfjsModelJson: manifest[0].weights must be an Array (got Object)'));
    expect(() => parseTfjsModelJson([7])).toThrow(new TypeError('parseTfjsModelJson: manifest[0] must be an object { paths, weights } (got number)'));
    expect(() => parseTfjsModelJson({ format: 'graph-model' })).toThrow(new TypeError('parseTfjsModelJson: json has no weightsManifest: not a tfjs model.json'));
    expect(() => parseTfjsModelJson('{}')).toThrow(new TypeError('parseTfjsModelJson: json must be a model.json object or a weights manifest array (got string) (parse the text with JSON.parse first)'));
    expect(() => parseTfjsModelJson(null)).toThrow(TypeError);
    expect(() => parseTfjsModelJson({ ...modelJson(), convertedBy: 3 })).toThrow(new TypeError('parseTfjsModelJson: convertedBy must be a string or null (got number)'));
    expectFormatError(
      () => parseTfjsModelJson([{ paths: [], weights: [{ name: 'x', shape: [], dtype: 'float32', quantization: { dtype: 'int8' } }] }]),
      FormatErrorCode.BadField,
      "manifest[0].weights[0].quantization.dtype 'int8' of weight 'x'",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// hostile input

/** Replaces the value at a random path of a JSON-like value with `v`. */
function mutateAt(root: unknown, pick: number, v: unknown): unknown {
  const slots: [Record<string | number, unknown>, string | number][] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach((c, i) => (slots.push([x as never, i]), walk(c)));
    else if (x !== null && typeof x === 'object' && !ArrayBuffer.isView(x)) for (const k of Object.keys(x)) (slots.push([x as never, k]), walk((x as Record<string, unknown>)[k]));
  };
  const copy = structuredClone(root);
  walk(copy);
  if (slots.length === 0) return v;
  const [obj, key] = slots[pick % slots.length]!;
  if (v === '__delete__') delete obj[key];
  else obj[key] = v;
  return copy;
}

const junkArb = fc.oneof(
  fc.anything(),
  fc.constant('__delete__'),
  fc.integer({ min: -5, max: 2 ** 40 }),
  fc.constantFrom(2 ** 53, 2 ** 53 - 1, -0, NaN, Infinity, 1.5, 'uint8', 'uint16', 'float16', 'string', 'bool', 'int32', 'complex64', 'float64'),
);

describe('hostile input', () => {
  test.prop([fileArb, fc.nat(), junkArb])('a mutated manifest gives a result or TypeError/RangeError/FormatError, nothing else', ({ entries, data }, pick, junk) => {
    const bad = mutateAt(entries, pick, junk) as TfjsWeightsManifestEntry[];
    expectOnlyOurErrors(() => decodeTfjsWeights(bad, data));
    expectOnlyOurErrors(() => parseTfjsModelJson(mutateAt({ weightsManifest: [{ paths: ['a'], weights: entries }] }, pick, junk)));
    expectOnlyOurErrors(() => toTfjsModelJson(null, bad, ['a']));
  });

  test.prop([fileArb, fc.nat(), fc.uint8Array({ maxLength: 8 })])('truncated or extended data ends in a FormatError', ({ entries, data }, cut, extra) => {
    if (data.length > 0) {
      const short = data.subarray(0, cut % data.length);
      expectFormatError(() => decodeTfjsWeights(entries, short), FormatErrorCode.Truncated, 'decodeTfjsWeights: weight');
    }
    if (extra.length > 0) {
      const long = new Uint8Array(data.length + extra.length);
      long.set(data);
      long.set(extra, data.length);
      expectFormatError(() => decodeTfjsWeights(entries, long), FormatErrorCode.TrailingData, 'bytes remain after the last weight');
    }
  });

  test.prop([fileArb, fc.nat(), fc.integer({ min: 0, max: 255 })])('a flipped data byte still decodes, exactly as tfjs would', async ({ entries, data }, at, xor) => {
    if (data.length === 0) return;
    const flipped = data.slice();
    flipped[at % data.length]! ^= xor;
    const named = entries.map((e, i) => ({ ...e, name: `w${i}` }));
    const ours = decodeTfjsWeights(named, flipped);
    const theirs = await tfDecode(named, flipped);
    ours.forEach((t, i) => expectSameBytes(t.data, theirs[i]!.bytes));
  });

  test.prop([fc.array(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), { minLength: 1, maxLength: 6 }), fc.constantFrom('float32', 'int32', 'bool'), fc.uint8Array({ maxLength: 64 })])(
    'huge shapes are refused with Truncated before anything is allocated',
    (shape, dtype, data) => {
      const n = shape.reduce((a, b) => a * b, 1);
      fc.pre(n * (dtype === 'bool' ? 1 : 4) > data.length);
      expectFormatError(() => decodeTfjsWeights([{ name: 'big', shape, dtype }], data), FormatErrorCode.Truncated, "weight 'big' needs");
    },
  );

  test.prop([fc.anything(), fc.anything()])('arbitrary values as arguments give only TypeError/RangeError/FormatError', (a, b) => {
    expectOnlyOurErrors(() => decodeTfjsWeights(a as never, b as never));
    expectOnlyOurErrors(() => decodeTfjsWeights([a] as never, new Uint8Array(4)));
    expectOnlyOurErrors(() => encodeTfjsWeights([a] as never));
    expectOnlyOurErrors(() => parseTfjsModelJson(a));
    expectOnlyOurErrors(() => flattenManifest([a] as never));
    expectOnlyOurErrors(() => toTfjsModelJson(a as never, [] , [] ));
  });
});
