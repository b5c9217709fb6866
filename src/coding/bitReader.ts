import { checkInteger, FormatErrorCode, formatError, rangeError, typeError } from '../core/index.js';

/**
 * Reads bit fields most-significant-bit first from bytes: the counterpart of {@link BitWriter}.
 *
 * @remarks
 * Reading past the last bit throws a {@link FormatError} with code `Truncated`, naming
 * `context` (the decoding function, `'BitReader'` by default): a decoder built on it never
 * reads garbage. The reader never copies or modifies `bytes`.
 *
 * @example
 * ```ts
 * const r = new BitReader(new Uint8Array([191, 224]));
 * r.readBits(3); // 5
 * r.readBits(8); // 255
 * r.bitsLeft; // 5
 * ```
 */
export class BitReader {
  private readonly bytes: Uint8Array;
  private readonly end: number;
  private pos: number;
  private readonly context: string;

  /**
   * @param bytes - the input
   * @param context - function name used in error messages (default `'BitReader'`)
   * @throws TypeError if `bytes` is not a Uint8Array
   */
  constructor(bytes: Uint8Array, context = 'BitReader') {
    if (!(bytes instanceof Uint8Array)) typeError('BitReader', `bytes must be a Uint8Array (got ${bytes === null ? 'null' : typeof bytes === 'object' ? (bytes as object).constructor?.name : typeof bytes})`);
    this.bytes = bytes;
    this.end = bytes.length * 8;
    this.pos = 0;
    this.context = context;
  }

  /** Position of the next bit to read, in bits from the start. */
  get bitPosition(): number {
    return this.pos;
  }

  /** Bits left to read. */
  get bitsLeft(): number {
    return this.end - this.pos;
  }

  /**
   * Reads `count` bits (0 to 32) as an unsigned integer, first bit most significant.
   * @throws RangeError if `count` is not an integer in [0, 32]
   * @throws FormatError (code `Truncated`) if fewer than `count` bits are left
   */
  readBits(count: number): number {
    if (typeof count !== 'number') typeError('BitReader.readBits', `count must be a number (got ${typeof count})`);
    if (!(count >= 0 && count <= 32 && count === Math.floor(count))) rangeError('BitReader.readBits', `count must be an integer in [0, 32] (got ${count})`);
    if (count > this.end - this.pos) this.truncated(count);
    if (count > 24) return this.take(count - 16) * 65536 + this.take(16);
    return this.take(count);
  }

  /** Skips to the next byte boundary (nothing when already on one). */
  alignToByte(): void {
    this.pos = Math.min(this.end, (this.pos + 7) & ~7);
  }

  /**
   * Moves to an absolute bit position in [0, bytes.length·8].
   * @throws RangeError for a position outside that range
   */
  seek(bitPosition: number): void {
    this.pos = checkInteger('BitReader.seek', 'bitPosition', bitPosition, 0, this.end);
  }

  /** Reads count ≤ 24 bits known to be available (unchecked). @internal */
  take(count: number): number {
    if (count === 0) return 0;
    const b = this.bytes;
    const i = this.pos >>> 3;
    const n = b.length;
    const w = (((b[i] ?? 0) << 24) | ((i + 1 < n ? b[i + 1]! : 0) << 16) | ((i + 2 < n ? b[i + 2]! : 0) << 8) | (i + 3 < n ? b[i + 3]! : 0)) >>> 0;
    const v = ((w << (this.pos & 7)) >>> 0) >>> (32 - count);
    this.pos += count;
    return v;
  }

  /** Reads count ≤ 24 bits, FormatError when they are not there. @internal */
  read(count: number): number {
    if (count > this.end - this.pos) this.truncated(count);
    return this.take(count);
  }

  private truncated(count: number): never {
    formatError(this.context, FormatErrorCode.Truncated, `input ends after ${this.end - this.pos} more bits, ${count} needed at bit ${this.pos}`);
  }
}
