/**
 * Codes carried by {@link FormatError}, one per check a decoder makes.
 *
 * @example
 * ```ts
 * const err = new FormatError('huffmanDecode', FormatErrorCode.Truncated, 'input ends at byte 3');
 * err.code === FormatErrorCode.Truncated; // true
 * ```
 */
export const FormatErrorCode = {
  /** The input ends before a field or the payload does. */
  Truncated: 1,
  /** The magic bytes are not ours. */
  BadMagic: 2,
  /** The format version is newer than this decoder. */
  UnsupportedVersion: 3,
  /** An unknown dtype, method or flag value. */
  BadField: 4,
  /** The code-length table is over-subscribed, incomplete where it must not be, or out of range. */
  BadCodeLengths: 5,
  /** The payload holds a bit pattern that is no code. */
  BadCode: 6,
  /** A declared count exceeds the caller's cap (`maxSymbols`, `maxBytes`). */
  TooLarge: 7,
  /** The decoded data does not match the stored checksum. */
  BadChecksum: 8,
  /** Bytes remain after the end of the container. */
  TrailingData: 9,
  /** The decoded data is inconsistent with the header (counts, shapes). */
  Inconsistent: 10,
} as const;

/** One of the values of {@link FormatErrorCode}. */
export type FormatErrorCodeValue = (typeof FormatErrorCode)[keyof typeof FormatErrorCode];

/**
 * Thrown for corrupt, truncated or unsupported encoded data.
 *
 * @remarks
 * CJS and ESM builds each carry one class, so test `err.name === 'FormatError'` and `err.code`
 * when both builds may be loaded.
 *
 * @example
 * ```ts
 * const e = new FormatError('huffmanDecode', FormatErrorCode.BadMagic, 'not a frugal container');
 * e.message; // 'huffmanDecode: not a frugal container'
 * e.name; // 'FormatError'
 * ```
 */
export class FormatError extends Error {
  /** Which check failed: a value of {@link FormatErrorCode}. */
  readonly code: number;

  constructor(fn: string, code: number, detail: string) {
    super(`${fn}: ${detail}`);
    this.name = 'FormatError';
    this.code = code;
  }
}

/** Throws a RangeError `fn: detail` whose stack starts at the caller. @internal */
export function rangeError(fn: string, detail: string): never {
  const e = new RangeError(`${fn}: ${detail}`);
  Error.captureStackTrace?.(e, rangeError);
  throw e;
}

/** Throws a TypeError `fn: detail` whose stack starts at the caller. @internal */
export function typeError(fn: string, detail: string): never {
  const e = new TypeError(`${fn}: ${detail}`);
  Error.captureStackTrace?.(e, typeError);
  throw e;
}

/** Throws a FormatError `fn: detail` with `code`. @internal */
export function formatError(fn: string, code: number, detail: string): never {
  const e = new FormatError(fn, code, detail);
  Error.captureStackTrace?.(e, formatError);
  throw e;
}
