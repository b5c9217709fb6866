import { describe, expect, it } from 'vitest';
// Plain examples use vitest's it: @fast-check/vitest's it would rerun each of them numRuns times.
import { fc, test } from '@fast-check/vitest';
import { FormatError, FormatErrorCode } from '../../src/core/index.js';
import { deepCompressionSize, fromCSR, packMask, relativeIndexDecode, relativeIndexEncode, toCSR, unpackMask } from '../../src/prune/index.js';
import { weights } from '../support/arbitraries/prune.js';
import { snapshot } from '../support/close.js';
import { expectFormatError } from '../support/errors.js';


/** Sparse weights: mostly zeros with long gaps. */
const sparseWeights = fc
  .tuple(fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) }), { maxLength: 300 }), fc.boolean())
  .map(([v, f32]) => (f32 ? Float32Array.from(v) : Float64Array.from(v)));

describe('packMask / unpackMask', () => {
  it('packMask packs 8 entries per byte like numpy.packbits (big and little bit order)', () => {
    expect(packMask(new Uint8Array([1, 0, 1, 1, 0, 0, 0, 0, 1]))).toEqual(new Uint8Array([176, 128]));
    expect(packMask(new Uint8Array([1, 0, 1, 1]), { bitOrder: 'little' })).toEqual(new Uint8Array([13]));
    expect(packMask(new Uint8Array([5, 0, 0, 0, 0, 0, 0, 255]))).toEqual(new Uint8Array([129]));
    expect(packMask(new Uint8Array(0))).toEqual(new Uint8Array(0));
    const m = new Uint8Array([1, 1]);
    const out = new Uint8Array(2);
    expect(packMask(m, { out })).toBe(out);
    expect(snapshot(m)).toEqual([1, 1]);
  });

  it('unpackMask validates the byte count and the padding bits', () => {
    expect(unpackMask(new Uint8Array([176, 128]), 9)).toEqual(new Uint8Array([1, 0, 1, 1, 0, 0, 0, 0, 1]));
    expect(unpackMask(new Uint8Array([13]), 4, { bitOrder: 'little' })).toEqual(new Uint8Array([1, 0, 1, 1]));
    expect(unpackMask(new Uint8Array(0), 0)).toEqual(new Uint8Array(0));
    expectFormatError(() => unpackMask(new Uint8Array([1]), 9), FormatErrorCode.Truncated, 'unpackMask: bits has 1 bytes, 9 entries need 2');
    expectFormatError(() => unpackMask(new Uint8Array([1, 2, 3]), 9), FormatErrorCode.TrailingData, 'unpackMask: bits has 3 bytes, 9 entries need only 2');
    expectFormatError(() => unpackMask(new Uint8Array([0, 0x40]), 9), FormatErrorCode.Inconsistent, 'unpackMask: the 7 padding bits of the last byte must be 0');
    expectFormatError(() => unpackMask(new Uint8Array([0x10]), 4, { bitOrder: 'little' }), FormatErrorCode.Inconsistent, 'padding bits');
    expect(() => unpackMask(new Uint8Array(1), -1)).toThrow(new RangeError('unpackMask: n must be an integer in [0, 4294967295] (got -1)'));
    expect(() => unpackMask([1] as never, 1)).toThrow(TypeError);
    expect(() => packMask(new Int8Array(2) as never)).toThrow(/^packMask: mask must be Uint8Array/);
    expect(() => packMask(new Uint8Array(9), { out: new Uint8Array(1) })).toThrow(new RangeError('packMask: out has length 1, needs 2'));
    expect(() => packMask(new Uint8Array(9), { bitOrder: 'middle' as never })).toThrow(RangeError);
  });

  test.prop([fc.uint8Array({ max: 1, maxLength: 200 }), fc.constantFrom('big', 'little' as const)])('unpackMask(packMask(m)) = m', (m, bitOrder) => {
    const p = packMask(m, { bitOrder });
    expect(p.length).toBe(Math.ceil(m.length / 8));
    expect(unpackMask(p, m.length, { bitOrder })).toEqual(m);
  });

  test.prop([fc.uint8Array({ maxLength: 12 }), fc.nat({ max: 100 })])('unpackMask on garbage ends in a FormatError or a 0/1 mask', (bytes, n) => {
    try {
      const m = unpackMask(bytes, n);
      expect(m.length).toBe(n);
      expect(m.every((v) => v === 0 || v === 1)).toBe(true);
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
    }
  });
});

describe('toCSR / fromCSR', () => {
  it('toCSR stores nonzeros row by row (scipy csr_matrix), or the masked entries', () => {
    const t = { data: new Float32Array([0, 2, 0, 3, 0, 4]), shape: [2, 3] };
    const before = snapshot(t.data);
    const c = toCSR(t);
    expect(snapshot(t.data)).toEqual(before);
    expect(Array.from(c.indptr)).toEqual([0, 1, 3]);
    expect(Array.from(c.indices)).toEqual([1, 0, 2]);
    expect(c.values).toEqual(new Float32Array([2, 3, 4]));
    expect(c.shape).toEqual([2, 3]);
    const m = toCSR(t, { mask: new Uint8Array([1, 0, 0, 0, 0, 1]) });
    expect(Array.from(m.indices)).toEqual([0, 2]);
    expect(m.values).toEqual(new Float32Array([0, 4]));
    const row = toCSR(new Float64Array([0, NaN, 0]));
    expect(row.shape).toEqual([1, 3]);
    expect(Array.from(row.indices)).toEqual([1]);
    const parts = [snapshot(c.indptr), snapshot(c.indices), snapshot(c.values)];
    expect(fromCSR(c).data).toEqual(t.data);
    expect([snapshot(c.indptr), snapshot(c.indices), snapshot(c.values)]).toEqual(parts);
    expect(toCSR({ data: new Float32Array(0), shape: [0, 4] }).indptr).toEqual(new Int32Array([0]));
  });

  it('fromCSR rejects an inconsistent structure with a FormatError', () => {
    const ok = () => ({ shape: [2, 3] as [number, number], indptr: new Int32Array([0, 1, 3]), indices: new Int32Array([1, 0, 2]), values: new Float32Array([2, 3, 4]) });
    const I = FormatErrorCode.Inconsistent;
    expectFormatError(() => fromCSR({ ...ok(), indptr: new Int32Array([0, 3]) }), I, 'indptr has 2 entries, 2 rows need 3');
    expectFormatError(() => fromCSR({ ...ok(), indptr: new Int32Array([1, 1, 3]) }), I, 'indptr[0] must be 0');
    expectFormatError(() => fromCSR({ ...ok(), indptr: new Int32Array([0, 1, 2]) }), I, 'indptr[2] must equal the 3 stored entries');
    expectFormatError(() => fromCSR({ ...ok(), indptr: new Int32Array([0, 4, 3]) }), I, 'indptr decreases at row 1');
    expectFormatError(() => fromCSR({ ...ok(), indices: new Int32Array([1, 0, 3]) }), I, 'indices[2] = 3 is outside [0, 3)');
    expectFormatError(() => fromCSR({ ...ok(), indices: new Int32Array([1, 2, 2]) }), I, 'indices of row 1 must increase strictly');
    expectFormatError(() => fromCSR({ ...ok(), values: new Float32Array(2) }), I, 'indices and values differ in length (3 vs 2)');
    expect(() => fromCSR({ ...ok(), indices: [1, 0, 2] as never })).toThrow(new TypeError('fromCSR: csr.indices must be an Int32Array (got Array)'));
    expect(() => fromCSR({ ...ok(), shape: [2, -1] as never })).toThrow(RangeError);
    expect(() => fromCSR(ok(), { out: new Float64Array(6) as never })).toThrow(new TypeError('fromCSR: out must be a Float32Array (got Float64Array)'));
    expect(() => fromCSR(ok(), { out: new Float32Array(5) })).toThrow(new RangeError('fromCSR: out has length 5, needs 6'));
    const out = new Float32Array(6).fill(9);
    expect(fromCSR(ok(), { out }).data).toBe(out);
    expect(Array.from(out)).toEqual([0, 2, 0, 3, 0, 4]);
    expect(() => toCSR({ data: new Float32Array(8), shape: [2, 2, 2] })).toThrow(new RangeError('toCSR: x must have rank 2 (got shape [2, 2, 2])'));
    expect(() => toCSR(new Float32Array(3), { mask: new Uint8Array(2) })).toThrow(new RangeError('toCSR: mask has length 2, expected 3'));
  });

  test.prop([fc.nat({ max: 5 }), fc.nat({ max: 5 }), fc.array(fc.integer({ min: -2, max: 8 }), { maxLength: 8 }), fc.array(fc.integer({ min: -2, max: 8 }), { maxLength: 8 })])(
    'fromCSR on arbitrary structures ends in a FormatError or a dense matrix holding every value',
    (rows, cols, indptr, indices) => {
      const csr = { shape: [rows, cols] as [number, number], indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), values: new Float64Array(indices.length).fill(1) };
      try {
        const d = fromCSR(csr);
        expect(d.data.length).toBe(rows * cols);
        expect(d.data.filter((v) => v === 1).length).toBe(indices.length);
      } catch (e) {
        expect(e).toBeInstanceOf(FormatError);
      }
    },
  );

  test.prop([fc.integer({ min: 0, max: 12 }), sparseWeights])('fromCSR(toCSR(x)) = x and storage is 2a + rows + 1 numbers', (cols0, v) => {
    const cols = Math.max(1, cols0);
    const rows = Math.floor(v.length / cols);
    const data = v.subarray(0, rows * cols);
    const c = toCSR({ data, shape: [rows, cols] });
    const a = data.filter((x) => x !== 0).length;
    expect(c.indptr.length + c.indices.length + c.values.length).toBe(2 * a + rows + 1);
    expect(Array.from(fromCSR(c).data)).toEqual(Array.from(data).map((x) => (x === 0 ? 0 : x)));
  });
});

describe('relativeIndexEncode / relativeIndexDecode / deepCompressionSize', () => {
  it('relativeIndexEncode reproduces Figure 2 of Deep Compression (3-bit differences, one filler zero)', () => {
    const x = new Float32Array(16);
    x[1] = 3.4;
    x[4] = 0.9;
    x[15] = 1.7;
    const before = snapshot(x);
    const e = relativeIndexEncode(x, { indexBits: 3 });
    // gaps 2, 3, 8 (filler at 12), 3 → codes gap − 1
    expect(Array.from(e.diffs)).toEqual([1, 2, 7, 2]);
    expect(Array.from(e.values)).toEqual([Math.fround(3.4), Math.fround(0.9), 0, Math.fround(1.7)]);
    expect([e.nonzeros, e.fillers, e.length, e.indexBits]).toEqual([3, 1, 16, 3]);
    expect(relativeIndexDecode(e)).toEqual(x);
    expect(snapshot(x)).toEqual(before);
  });

  it('relativeIndexEncode bridges a long gap with several fillers, and stores masked zeros', () => {
    const x = new Float64Array(20);
    x[19] = 5;
    const e = relativeIndexEncode(x, { indexBits: 2 }); // span 4: fillers at 3, 7, 11, 15, then 19
    expect(Array.from(e.diffs)).toEqual([3, 3, 3, 3, 3]);
    expect(e.fillers).toBe(4);
    const m = relativeIndexEncode(new Float32Array([0, 1, 0]), { indexBits: 4, mask: new Uint8Array([1, 1, 0]) });
    expect(Array.from(m.diffs)).toEqual([0, 0]);
    expect(m.nonzeros).toBe(2);
    expect(relativeIndexEncode(new Float32Array(0), { indexBits: 8 }).diffs.length).toBe(0);
    expect(() => relativeIndexEncode(x, { indexBits: 0 })).toThrow(new RangeError('relativeIndexEncode: indexBits must be an integer in [1, 16] (got 0)'));
    expect(() => relativeIndexEncode([1] as never, { indexBits: 4 })).toThrow(TypeError);
  });

  it('relativeIndexDecode rejects inconsistent encodings', () => {
    const I = FormatErrorCode.Inconsistent;
    expectFormatError(() => relativeIndexDecode({ length: 4, indexBits: 2, diffs: new Uint16Array([4]), values: new Float32Array(1) }), I, 'diffs[0] = 4 does not fit in 2 bits');
    expectFormatError(() => relativeIndexDecode({ length: 4, indexBits: 2, diffs: new Uint16Array([3, 0]), values: new Float32Array(2) }), I, 'entry 1 lands at position 4, past length 4');
    expectFormatError(() => relativeIndexDecode({ length: 4, indexBits: 2, diffs: new Uint16Array([1]), values: new Float32Array(2) }), I, 'diffs and values differ in length (1 vs 2)');
    expect(() => relativeIndexDecode({ length: 4, indexBits: 2, diffs: new Uint8Array(1) as never, values: new Float32Array(1) })).toThrow(TypeError);
  });

  it('deepCompressionSize counts bits as the paper: r = nb / (n log2 k + kb) = 3.2, and per-nonzero index bits with fillers', () => {
    const dense = deepCompressionSize({ length: 16, nonzeros: 16, fillers: 0 }, { weightBits: 2, indexBits: 0 });
    expect(dense.compressionRatio).toBe(3.2);
    expect(dense.totalBits).toBe(160);
    const x = new Float32Array(16);
    x[1] = 3.4;
    x[4] = 0.9;
    x[15] = 1.7;
    const s = deepCompressionSize(relativeIndexEncode(x, { indexBits: 3 }), { weightBits: 5, indexBits: 3, codebookSize: 0 });
    expect(s.indexBitsTotal).toBe(12);
    expect(s.indexBitsPerNonzero).toBe(4);
    expect(s.weightBitsPerNonzero).toBeCloseTo(20 / 3, 14);
    expect(s.percentOfOriginal).toBe((32 / 512) * 100);
    // AlexNet fc6-like: 9% kept, 5-bit codes, 4-bit indices, no fillers → (5 + 4)·0.09/32 + codebook
    const fc6 = deepCompressionSize({ length: 37748736, nonzeros: Math.round(0.09 * 37748736), fillers: 0 }, { weightBits: 5, indexBits: 4 });
    expect(fc6.percentOfOriginal).toBeCloseTo(((Math.round(0.09 * 37748736) * 9 + 32 * 32) / (37748736 * 32)) * 100, 10);
    expect(() => deepCompressionSize({ length: 4, nonzeros: 5, fillers: 0 }, { weightBits: 5, indexBits: 4 })).toThrow(new RangeError('deepCompressionSize: encoding.nonzeros must be an integer in [0, 4] (got 5)'));
    expect(() => deepCompressionSize({ length: 0, nonzeros: 0, fillers: 0 }, { weightBits: 5, indexBits: 4 })).toThrow(RangeError);
  });

  test.prop([sparseWeights, fc.integer({ min: 1, max: 9 })])('relativeIndexDecode(relativeIndexEncode(x)) = x, with the fewest fillers', (x, indexBits) => {
    const e = relativeIndexEncode(x, { indexBits });
    expect(Array.from(relativeIndexDecode(e))).toEqual(Array.from(x).map((v) => (v === 0 ? 0 : v)));
    // fillers: ⌈gap / 2^bits⌉ − 1 per stored weight
    let prev = -1;
    let fillers = 0;
    x.forEach((v, i) => {
      if (v !== 0) {
        fillers += Math.ceil((i - prev) / 2 ** indexBits) - 1;
        prev = i;
      }
    });
    expect(e.fillers).toBe(fillers);
    expect(e.diffs.every((d) => d < 2 ** indexBits)).toBe(true);
  });

  test.prop([fc.nat({ max: 40 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.nat({ max: 20 }), { maxLength: 10 })])('relativeIndexDecode on arbitrary codes ends in a FormatError or a consistent array', (length, indexBits, codes) => {
    try {
      const out = relativeIndexDecode({ length, indexBits, diffs: Uint16Array.from(codes), values: new Float64Array(codes.length).fill(1) });
      expect(out.length).toBe(length);
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
    }
  });

  test.prop([weights(40)])('weights() arbitrary also round-trips through CSR', (x) => {
    const c = toCSR(x);
    expect(Array.from(fromCSR(c).data)).toEqual(Array.from(x).map((v) => (v === 0 ? 0 : v)));
  });
});
