import { checkInteger, checkNoOverlap, checkOneOf, checkOptions, checkOut, dispatcher, formatError, FormatErrorCode } from '../core/index.js';

/** Options of {@link packMask} and {@link unpackMask}. */
export interface PackMaskOptions {
  /** `'big'` (default, numpy.packbits): entry 0 is the byte's most significant bit; `'little'`: its least. */
  bitOrder?: 'big' | 'little';
  /** Where to write the result. */
  out?: Uint8Array;
}

const ORDERS = ['big', 'little'] as const;

const dispatchPack = /*#__PURE__*/ dispatcher('packMask', ['mask', 'options'], {
  'Uint8Array, Object': (m: Uint8Array, o: PackMaskOptions) => runPack(m, o),
});

/**
 * Packs a mask into a bitset, 8 entries per byte (1 bit per weight instead of 8).
 *
 * @remarks
 * numpy.packbits semantics: any nonzero entry is a 1 bit; the last byte is padded with 0 bits;
 * `bitOrder: 'big'` (default) puts entry 8i at bit 7 of byte i, `'little'` at bit 0.
 * An empty mask packs to an empty array.
 *
 * @param mask - Uint8Array mask
 * @param options - {@link PackMaskOptions}
 * @returns ⌈n/8⌉ bytes
 * @throws TypeError if `mask` or `out` is not a Uint8Array
 * @throws RangeError for a bad `bitOrder`, a short or overlapping `out`
 *
 * @example
 * ```ts
 * packMask(new Uint8Array([1, 0, 1, 1, 0, 0, 0, 0, 1])); // Uint8Array [176, 128]
 * packMask(new Uint8Array([1, 0, 1, 1]), { bitOrder: 'little' }); // Uint8Array [13]
 * ```
 */
export function packMask(mask: Uint8Array, options: PackMaskOptions = {}): Uint8Array {
  return dispatchPack(mask, checkOptions('packMask', options)) as Uint8Array;
}

function runPack(mask: Uint8Array, o: PackMaskOptions): Uint8Array {
  const fn = 'packMask';
  const order = checkOneOf(fn, 'bitOrder', o.bitOrder, ORDERS, 'big');
  const nb = Math.ceil(mask.length / 8);
  const out = checkOut(fn, o.out, Uint8Array, nb);
  checkNoOverlap(fn, 'out', out, 'mask', mask);
  return packMaskImpl(mask, order === 'little', out);
}

/** Packs `mask` into `out` (⌈n/8⌉ bytes written). Unchecked. @internal */
export function packMaskImpl(mask: Uint8Array, little: boolean, out: Uint8Array): Uint8Array {
  const n = mask.length;
  const full = n >>> 3;
  // -v >>> 31 is 1 for v in 1…255 and 0 for 0: no branches on the (random) mask bits.
  if (little) {
    for (let b = 0, i = 0; b < full; b++, i += 8) {
      out[b] = (-mask[i]! >>> 31) | ((-mask[i + 1]! >>> 31) << 1) | ((-mask[i + 2]! >>> 31) << 2) | ((-mask[i + 3]! >>> 31) << 3) |
        ((-mask[i + 4]! >>> 31) << 4) | ((-mask[i + 5]! >>> 31) << 5) | ((-mask[i + 6]! >>> 31) << 6) | ((-mask[i + 7]! >>> 31) << 7);
    }
  } else {
    for (let b = 0, i = 0; b < full; b++, i += 8) {
      out[b] = ((-mask[i]! >>> 31) << 7) | ((-mask[i + 1]! >>> 31) << 6) | ((-mask[i + 2]! >>> 31) << 5) | ((-mask[i + 3]! >>> 31) << 4) |
        ((-mask[i + 4]! >>> 31) << 3) | ((-mask[i + 5]! >>> 31) << 2) | ((-mask[i + 6]! >>> 31) << 1) | (-mask[i + 7]! >>> 31);
    }
  }
  if ((n & 7) !== 0) {
    let v = 0;
    for (let i = full << 3, j = 0; i < n; i++, j++) if (mask[i] !== 0) v |= little ? 1 << j : 0x80 >>> j;
    out[full] = v;
  }
  return out;
}

const dispatchUnpack = /*#__PURE__*/ dispatcher('unpackMask', ['bits', 'n', 'options'], {
  'Uint8Array, number, Object': (b: Uint8Array, n: number, o: PackMaskOptions) => runUnpack(b, n, o),
});

/**
 * Unpacks a bitset made by {@link packMask} back into a mask of `n` entries (0 or 1).
 *
 * @remarks
 * Trusts nothing: `bits` must be exactly ⌈n/8⌉ bytes (fewer is `FormatError` Truncated, more is
 * TrailingData) and the padding bits of the last byte must be 0 (Inconsistent).
 *
 * @param bits - the packed bytes
 * @param n - the mask length
 * @param options - {@link PackMaskOptions} (same `bitOrder` as when packing)
 * @returns Uint8Array of n entries
 * @throws TypeError if `bits` or `out` is not a Uint8Array or `n` not a number
 * @throws RangeError for a bad `n`, `bitOrder` or `out`
 * @throws FormatError when `bits` does not hold exactly n entries
 *
 * @example
 * ```ts
 * unpackMask(new Uint8Array([176, 128]), 9); // Uint8Array [1, 0, 1, 1, 0, 0, 0, 0, 1]
 * ```
 */
export function unpackMask(bits: Uint8Array, n: number, options: PackMaskOptions = {}): Uint8Array {
  return dispatchUnpack(bits, n, checkOptions('unpackMask', options)) as Uint8Array;
}

function runUnpack(bits: Uint8Array, n: number, o: PackMaskOptions): Uint8Array {
  const fn = 'unpackMask';
  checkInteger(fn, 'n', n, 0, 2 ** 32 - 1);
  const order = checkOneOf(fn, 'bitOrder', o.bitOrder, ORDERS, 'big');
  const nb = Math.ceil(n / 8);
  if (bits.length < nb) formatError(fn, FormatErrorCode.Truncated, `bits has ${bits.length} bytes, ${n} entries need ${nb}`);
  if (bits.length > nb) formatError(fn, FormatErrorCode.TrailingData, `bits has ${bits.length} bytes, ${n} entries need only ${nb}`);
  const little = order === 'little';
  if ((n & 7) !== 0) {
    const r = n & 7;
    const pad = little ? bits[nb - 1]! >>> r : bits[nb - 1]! & (0xff >>> r);
    if (pad !== 0) formatError(fn, FormatErrorCode.Inconsistent, `the ${8 - r} padding bits of the last byte must be 0`);
  }
  const out = checkOut(fn, o.out, Uint8Array, n);
  checkNoOverlap(fn, 'out', out, 'bits', bits);
  return unpackMaskImpl(bits, n, little, out);
}

/** Unpacks n entries of `bits` into `out`. Unchecked. @internal */
export function unpackMaskImpl(bits: Uint8Array, n: number, little: boolean, out: Uint8Array): Uint8Array {
  for (let i = 0; i < n; i++) {
    const byte = bits[i >>> 3]!;
    out[i] = little ? (byte >>> (i & 7)) & 1 : (byte >>> (7 - (i & 7))) & 1;
  }
  return out;
}
