import { checkInteger, rangeError, typeError } from '../core/index.js';

/**
 * Writes bit fields most-significant-bit first into a growing byte buffer: the first bit
 * written is bit 7 of byte 0.
 *
 * @remarks
 * `writeBits(value, count)` appends the low `count` bits (0 to 32) of `value` in one call;
 * higher bits of `value` are ignored. `finish()` pads the last byte with zero bits and returns
 * the written bytes (a fresh copy). This is the bit order of our container and of JPEG, not
 * DEFLATE's LSB-first packing.
 *
 * @example
 * ```ts
 * const w = new BitWriter();
 * w.writeBits(0b101, 3);
 * w.writeBits(0xff, 8);
 * w.bitLength; // 11
 * w.finish(); // Uint8Array [191, 224]
 * ```
 */
export class BitWriter {
  private buffer: Uint8Array;
  private bytePos = 0;
  /** pending bits not yet in a whole byte, right-aligned */
  private acc = 0;
  /** number of pending bits, 0..7 */
  private accBits = 0;

  /** @param initialBytes - starting capacity in bytes (grows as needed; default 256) */
  constructor(initialBytes = 256) {
    checkInteger('BitWriter', 'initialBytes', initialBytes, 0, 2 ** 31);
    this.buffer = new Uint8Array(Math.max(8, initialBytes));
  }

  /** Number of bits written so far. */
  get bitLength(): number {
    return this.bytePos * 8 + this.accBits;
  }

  /**
   * Appends the low `count` bits of `value`, most significant first.
   * @param value - an integer; only its low `count` bits are used
   * @param count - number of bits, an integer in [0, 32]
   * @throws TypeError if `value` or `count` is not a number
   * @throws RangeError if `count` is not an integer in [0, 32]
   */
  writeBits(value: number, count: number): void {
    if (typeof value !== 'number') typeError('BitWriter.writeBits', `value must be a number (got ${typeof value})`);
    if (typeof count !== 'number') typeError('BitWriter.writeBits', `count must be a number (got ${typeof count})`);
    if (!(count >= 0 && count <= 32 && count === Math.floor(count))) rangeError('BitWriter.writeBits', `count must be an integer in [0, 32] (got ${count})`);
    if (count > 16) {
      this.put(value >>> 16, count - 16);
      this.put(value & 0xffff, 16);
    } else {
      this.put(value, count);
    }
  }

  /** Pads with zero bits up to the next byte boundary. */
  alignToByte(): void {
    if (this.accBits > 0) this.put(0, 8 - this.accBits);
  }

  /** Pads to a byte boundary and returns a copy of the bytes written. */
  finish(): Uint8Array {
    this.alignToByte();
    return this.buffer.slice(0, this.bytePos);
  }

  /** Appends count ≤ 16 bits (unchecked). @internal */
  put(value: number, count: number): void {
    if (this.bytePos + 4 > this.buffer.length) this.grow();
    const acc = (this.acc << count) | (value & ((1 << count) - 1));
    let bits = this.accBits + count;
    while (bits >= 8) {
      bits -= 8;
      this.buffer[this.bytePos++] = acc >>> bits;
    }
    this.acc = acc & ((1 << bits) - 1);
    this.accBits = bits;
  }

  private grow(): void {
    const next = new Uint8Array(this.buffer.length * 2);
    next.set(this.buffer.subarray(0, this.bytePos));
    this.buffer = next;
  }
}
