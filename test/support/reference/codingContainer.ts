// A slow reference decoder of the container, written from docs/format.md with bit strings and
// canonical-code dictionaries: it checks that the encoder writes exactly what the spec says.
import { canonicalCodeStringsRef, crc32Ref } from './coding.js';

class Bits {
  private pos = 0;
  constructor(private readonly s: string) {}
  read(n: number): number {
    if (this.pos + n > this.s.length) throw new Error('reference: truncated');
    const v = n === 0 ? 0 : parseInt(this.s.slice(this.pos, this.pos + n), 2);
    this.pos += n;
    return v;
  }
  code(dict: Map<string, number>): number {
    let w = '';
    while (w.length < 32) {
      w += this.s[this.pos++] ?? 'x';
      const s = dict.get(w);
      if (s !== undefined) return s;
    }
    throw new Error('reference: bad code');
  }
  align(): void {
    this.pos = Math.ceil(this.pos / 8) * 8;
  }
  get position(): number {
    return this.pos;
  }
}

function dictOf(lengths: number[]): Map<string, number> {
  const codes = canonicalCodeStringsRef(lengths);
  const m = new Map<string, number>();
  codes.forEach((c, s) => {
    if (c !== '') m.set(c, s);
  });
  return m;
}

function readTable(b: Bits, alphabet: number): number[] {
  const cl: number[] = [];
  for (let s = 0; s < 25; s++) cl.push(b.read(3));
  const dict = dictOf(cl);
  const out: number[] = [];
  while (out.length < alphabet) {
    const s = b.code(dict);
    if (s <= 20) out.push(s);
    else if (s === 21) {
      const r = 3 + b.read(2);
      const prev = out[out.length - 1]!;
      for (let k = 0; k < r; k++) out.push(prev);
    } else {
      const r = s === 22 ? 3 + b.read(3) : s === 23 ? 11 + b.read(7) : 139 + b.read(16);
      for (let k = 0; k < r; k++) out.push(0);
    }
  }
  if (out.length !== alphabet) throw new Error('reference: table overrun');
  return out;
}

/** Decodes a container per docs/format.md; returns the dtype name, method name and the values. */
export function decodeContainerRef(bytes: Uint8Array): { dtype: string; method: string; values: number[] } {
  const u32 = (at: number): number => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== 'FHUF') throw new Error('reference: magic');
  if (bytes[4] !== 1 || bytes[7] !== 0) throw new Error('reference: version/reserved');
  const dtype = ['uint8', 'int8', 'uint16', 'int16'][bytes[5]! - 1]!;
  const method = ['raw', 'huffman', 'zero-run'][bytes[6]!]!;
  const count = u32(8);
  const bodyLength = u32(12);
  const crc = u32(16);
  if (bytes.length !== 20 + bodyLength) throw new Error('reference: length');
  const body = bytes.subarray(20);
  const wide = dtype === 'uint16' || dtype === 'int16';
  const alphabet = wide ? 65536 : 256;
  const bins: number[] = [];
  if (method === 'raw') {
    for (let i = 0; i < count; i++) bins.push(wide ? body[2 * i]! | (body[2 * i + 1]! << 8) : body[i]!);
  } else {
    const b = new Bits(Array.from(body, (x) => x.toString(2).padStart(8, '0')).join(''));
    if (method === 'huffman') {
      const dict = dictOf(readTable(b, alphabet));
      b.align();
      for (let i = 0; i < count; i++) bins.push(b.code(dict));
    } else {
      const runs = dictOf(readTable(b, 59));
      const values = dictOf(readTable(b, alphabet));
      b.align();
      while (bins.length < count) {
        const s = b.code(runs);
        const r = s < 32 ? s : 2 ** (s - 27) + b.read(s - 27);
        for (let k = 0; k < r; k++) bins.push(0);
        if (bins.length === count) break;
        bins.push(b.code(values));
      }
    }
    if (Math.ceil(b.position / 8) !== body.length) throw new Error('reference: payload length');
  }
  const le: number[] = [];
  for (const v of bins) {
    if (wide) le.push(v & 0xff, v >>> 8);
    else le.push(v);
  }
  if (crc32Ref([...bytes.subarray(4, 16), ...le]) !== crc) throw new Error('reference: crc');
  const signed = dtype === 'int8' ? 8 : dtype === 'int16' ? 16 : 0;
  return { dtype, method, values: bins.map((v) => (signed > 0 && v >= 2 ** (signed - 1) ? v - 2 ** signed : v)) };
}
