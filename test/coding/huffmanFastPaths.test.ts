// The large-input paths of huffmanEncode / huffmanDecode (pair tables, word loops, unaligned
// views, codes up to 20 bits, long zero runs): the encodings are pinned (length and SHA-256
// prefix, written by the encoder before these paths existed), round trips are exact, and
// corrupt large containers end in a FormatError or the original.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FormatError, huffmanDecode, huffmanEncode, huffmanInfo } from '../../src/coding/index.js';
import { FormatErrorCode } from '../../src/core/index.js';
import { encodeWithPlan, planEncoding, sparseSample, symbolCountsImpl } from '../../src/coding/huffmanEncode.js';
import { symbolCounts } from '../../src/entropy/index.js';
import { createRng } from '../../src/core/prng.js';
import type { AnySymbols } from '../support/arbitraries/coding.js';
import { fastPathCases } from './fastPathCases.js';

const TIMEOUT = 60_000;

/** Length and SHA-256 prefix of each case's container, from the encoder of commit a389cf8. */
const PINNED: Record<string, string> = {
  "dense auto": "126620 11506c25d57acf1e",
  "dense auto view+1": "126618 4a042ad392cb663f",
  "dense auto view+3": "126617 d6a0368f0fee4d8e",
  "dense huffman": "126620 11506c25d57acf1e",
  "dense huffman view+1": "126618 4a042ad392cb663f",
  "dense huffman view+3": "126617 d6a0368f0fee4d8e",
  "dense zero-run": "141497 d7086e8ccd152f54",
  "dense zero-run view+1": "141495 2b0e069eb5f5be75",
  "dense zero-run view+3": "141495 ae1cbb11e1cbce72",
  "pruned auto": "22986 00434ad410b43172",
  "pruned auto view+1": "22986 6ca0e2bac96f09c4",
  "pruned auto view+3": "22986 4517017acd7da2ee",
  "pruned huffman": "36730 f4f3b2dd83592bf7",
  "pruned huffman view+1": "36730 8a802e0a77b9ce29",
  "pruned huffman view+3": "36730 4478c3c53a7dd35f",
  "pruned zero-run": "22986 00434ad410b43172",
  "pruned zero-run view+1": "22986 6ca0e2bac96f09c4",
  "pruned zero-run view+3": "22986 4517017acd7da2ee",
  "sparse auto": "2562 8c6d50f40df383ba",
  "sparse auto view+1": "2562 bc74fcd8258333aa",
  "sparse auto view+3": "2561 b62893ab0c246a20",
  "sparse huffman": "38433 946ad4a7cc3ab654",
  "sparse huffman view+1": "38433 2f772b02fbb9817c",
  "sparse huffman view+3": "38433 948c6fdc0f5c9d25",
  "sparse zero-run": "2562 8c6d50f40df383ba",
  "sparse zero-run view+1": "2562 bc74fcd8258333aa",
  "sparse zero-run view+3": "2561 b62893ab0c246a20",
  "halfPruned auto": "33978 460378ab5862fadc",
  "halfPruned auto view+1": "33977 a1bb8876492a78ff",
  "halfPruned auto view+3": "33976 f9efa461f3260dd4",
  "halfPruned huffman": "33978 460378ab5862fadc",
  "halfPruned huffman view+1": "33977 a1bb8876492a78ff",
  "halfPruned huffman view+3": "33976 f9efa461f3260dd4",
  "halfPruned zero-run": "33998 4dc63a559555738c",
  "halfPruned zero-run view+1": "33997 9a866e9108aa1a1b",
  "halfPruned zero-run view+3": "33996 3df4afa6035b7faa",
  "deep auto": "37610 493e3f2b43ae4699",
  "deep auto view+1": "37609 c97030fc9f3d374a",
  "deep auto view+3": "37609 53a625fdf5552412",
  "deep huffman": "37610 493e3f2b43ae4699",
  "deep huffman view+1": "37609 c97030fc9f3d374a",
  "deep huffman view+3": "37609 53a625fdf5552412",
  "deep zero-run": "37629 982dd2b662ed39ff",
  "deep zero-run view+1": "37628 fab0e5b029e9a802",
  "deep zero-run view+3": "37628 267e817e4f56b8b6",
  "wide auto": "49196 87a22c239e2e859b",
  "wide auto view+1": "49194 41f84a31e12dc288",
  "wide auto view+3": "49195 d8a9d8551a90da99",
  "wide huffman": "49196 87a22c239e2e859b",
  "wide huffman view+1": "49194 41f84a31e12dc288",
  "wide huffman view+3": "49195 d8a9d8551a90da99",
  "wide zero-run": "49470 24a010434d6a81fa",
  "wide zero-run view+1": "49469 eae477ff05350f33",
  "wide zero-run view+3": "49469 62a472cc742870ab",
  "deep huffman max 20": "37610 d8dbe79a96a12d20",
  "deep zero-run max 20": "37629 debcfb1e631d0924",
  "deep huffman max 13": "37624 0bc80786d333f2f9",
  "dense huffman max 8": "137032 117754ce6cb159fd",
  "wide huffman max 20": "49196 87a22c239e2e859b",
};

function sameBytes(a: AnySymbols, b: AnySymbols): boolean {
  if (a.constructor !== b.constructor || a.length !== b.length) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

describe('huffmanEncode / huffmanDecode on large inputs', () => {
  const cases = fastPathCases();

  it('huffmanEncode(x) is byte-identical to the pinned encodings', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(PINNED).sort());
    for (const c of cases) {
      const b = huffmanEncode(c.symbols, c.options);
      expect(`${b.length} ${createHash('sha256').update(b).digest('hex').slice(0, 16)}`, c.name).toBe(PINNED[c.name]);
    }
  }, TIMEOUT);

  it('huffmanDecode(huffmanEncode(x)) is x, fresh and into an out array', () => {
    for (const c of cases) {
      const bytes = huffmanEncode(c.symbols, c.options);
      expect(sameBytes(huffmanDecode(bytes), c.symbols), c.name).toBe(true);
      const C = c.symbols.constructor as new (n: number) => AnySymbols;
      const out = new C(c.symbols.length + 5).fill(9);
      expect(huffmanDecode(bytes, { out })).toBe(out);
      expect(sameBytes(out.subarray(0, c.symbols.length), c.symbols), c.name).toBe(true);
      expect(out[c.symbols.length]).toBe(9);
    }
  }, TIMEOUT);

  it('8-bit Huffman decoding (CRC-32 taken per block) into out views at byte offsets 1..3 is exact; a changed symbol or stored CRC is BadChecksum', () => {
    for (const c of cases) {
      if (c.symbols.BYTES_PER_ELEMENT !== 1 || c.options.method === 'zero-run' || c.name.includes('view')) continue;
      const bytes = huffmanEncode(c.symbols, c.options);
      if (huffmanInfo(bytes).method !== 'huffman') continue;
      const C = c.symbols.constructor as new (buffer: ArrayBuffer, offset: number, length: number) => AnySymbols;
      for (const offset of [1, 2, 3]) {
        const out = new C(new ArrayBuffer(c.symbols.length + 8), offset, c.symbols.length);
        expect(huffmanDecode(bytes, { out })).toBe(out);
        expect(sameBytes(out, c.symbols), `${c.name} out+${offset}`).toBe(true);
      }
      const badCrc = bytes.slice();
      badCrc[16]! ^= 4; // the stored CRC-32 (bytes 16..19)
      expect(() => huffmanDecode(badCrc), c.name).toThrow(expect.objectContaining({ code: FormatErrorCode.BadChecksum }));
    }
  }, TIMEOUT);

  it('symbolCountsImpl(x) equals symbolCounts(x) at every alignment', () => {
    const x = cases[0]!.symbols as Int8Array;
    for (let from = 0; from < 5; from++) {
      const view = x.subarray(from, x.length - from);
      const u = new Uint8Array(view.buffer, view.byteOffset, view.length);
      expect(Array.from(symbolCountsImpl(u))).toEqual(Array.from(symbolCounts(view)));
    }
    const tiny = new Uint8Array([5, 5, 0, 255, 3]);
    expect(Array.from(symbolCountsImpl(tiny))).toEqual(Array.from(symbolCounts(tiny)));
  });

  it('the one-scan path of sparse-looking 8-bit streams writes what histogram-then-plan writes', () => {
    const rng = createRng(78);
    const n = 200_000;
    // dense except where sparseSample looks: its capacity guess is far too small and the scan grows
    const fooled = new Uint8Array(n);
    for (let i = 0; i < n; i++) fooled[i] = 1 + Math.floor(rng.nextFloat() * 5);
    const step = Math.floor((n - 64) / 63);
    for (let b = 0; b < 64; b++) fooled.fill(0, b * step, b * step + 64);
    const pruned = cases.find((c) => c.name === 'pruned auto')!.symbols as Int8Array;
    const inputs: Array<[string, Uint8Array | Int8Array]> = [['fooled', fooled], ['fooled view+1', fooled.subarray(1, n - 2)], ['pruned', pruned], ['pruned view+3', pruned.subarray(3)]];
    for (const [name, x] of inputs) {
      const u = new Uint8Array(x.buffer, x.byteOffset, x.length);
      expect(sparseSample(u), name).toBeGreaterThanOrEqual(0);
      for (const method of ['auto', 'zero-run'] as const) {
        const reference = encodeWithPlan(x, planEncoding(x, symbolCountsImpl(u), 15, method));
        const bytes = huffmanEncode(x, { method });
        expect(sameBytes(bytes, reference), `${name} ${method}`).toBe(true);
        expect(sameBytes(huffmanDecode(bytes), x), `${name} ${method}`).toBe(true);
      }
    }
    expect(huffmanInfo(huffmanEncode(fooled)).method).toBe('huffman');
  }, TIMEOUT);

  it('runs at the zero-run scan\'s long-run escape (2^23 − 1 zeros for 8-bit, 2^15 − 1 for 16-bit) encode as pinned', () => {
    // pinned from the encoder of commit 662d083, before the scan packed runs with values
    const pinned: Record<string, string> = {
      '8-bit auto': '58 50df37a5852d5efb',
      '8-bit zero-run': '58 50df37a5852d5efb',
      '16-bit auto': '62 5132bf0a60fb2b36',
      '16-bit zero-run': '62 5132bf0a60fb2b36',
    };
    const a = new Uint8Array(16_800_000);
    let p = 5;
    for (const r of [0x7ffffe, 0x7fffff, 31, 0]) {
      a[p] = 200;
      p += r + 1;
    }
    a[p] = 7;
    const b = new Int16Array(300_000);
    p = 3;
    for (const r of [32766, 32767, 32768, 100_000, 5]) {
      b[p] = -300;
      p += r + 1;
    }
    b[p] = 9;
    for (const [name, x] of [['8-bit', a], ['16-bit', b]] as const) {
      for (const method of ['auto', 'zero-run'] as const) {
        const e = huffmanEncode(x, { method });
        expect(`${e.length} ${createHash('sha256').update(e).digest('hex').slice(0, 16)}`, `${name} ${method}`).toBe(pinned[`${name} ${method}`]);
        expect(sameBytes(huffmanDecode(e), x), `${name} ${method}`).toBe(true);
      }
    }
  }, TIMEOUT);

  it('zero-run decoding reads runs of 2^17 and more zeros (two pieces of extra bits) inside the payload', () => {
    const rng = createRng(79);
    for (const C of [Uint8Array, Int16Array]) {
      const x = new C(1_000_000);
      for (let i = 0; i < x.length; i++) if ((i < 300_000 || i >= 700_000) && i !== 850_000 && rng.nextFloat() < 0.3) x[i] = 1 + Math.floor(rng.nextFloat() * 40);
      x.fill(0, 850_000, 850_000 + (1 << 17)); // exactly 2^17 zeros before the next value, and more
      for (const method of ['auto', 'zero-run'] as const) {
        const bytes = huffmanEncode(x, { method });
        expect(sameBytes(huffmanDecode(bytes), x), `${C.name} ${method}`).toBe(true);
        const out = new C(x.length).fill(3);
        expect(sameBytes(huffmanDecode(bytes, { out }), x), `${C.name} ${method} out`).toBe(true);
      }
    }
  }, TIMEOUT);

  it('huffmanDecode(a large container with flipped payload bits or cut short) is a FormatError or the original', () => {
    const rng = createRng(77);
    for (const c of cases) {
      if (c.name.includes('view')) continue;
      const bytes = huffmanEncode(c.symbols, c.options);
      for (let k = 0; k < 6; k++) {
        const copy = bytes.slice();
        const at = 20 + Math.floor(rng.nextFloat() * (bytes.length - 20));
        copy[at]! ^= 1 << Math.floor(rng.nextFloat() * 8);
        if (k >= 3) copy[20 + Math.floor(rng.nextFloat() * (bytes.length - 20))]! ^= 0xff;
        for (const input of [copy, copy.subarray(0, copy.length - 1 - k)]) {
          try {
            const r = huffmanDecode(input);
            expect(sameBytes(r, c.symbols), c.name).toBe(true);
          } catch (e) {
            expect(e, c.name).toBeInstanceOf(FormatError);
            expect((e as Error).message.startsWith('huffmanDecode: ')).toBe(true);
          }
        }
      }
    }
  }, TIMEOUT);
});
