// frugal/coding: Huffman code lengths, canonical codes, bit I/O, the codec and its container.
export { huffmanCodeLengths } from './codeLengths.js';
export type { Frequencies, HuffmanCodeLengthsOptions } from './codeLengths.js';
export { canonicalCodes } from './canonicalCodes.js';
export { validateCodeLengths } from './validateCodeLengths.js';
export type { CodeLengths, CodeLengthsReport } from './validateCodeLengths.js';
export { expectedCodeLength } from './expectedCodeLength.js';
export { BitWriter } from './bitWriter.js';
export { BitReader } from './bitReader.js';
export { crc32 } from './crc32.js';
export { huffmanEncode } from './huffmanEncode.js';
export type { HuffmanEncodeOptions } from './huffmanEncode.js';
export { huffmanDecode } from './huffmanDecode.js';
export type { HuffmanDecodeOptions } from './huffmanDecode.js';
export { huffmanInfo } from './huffmanInfo.js';
export type { HuffmanInfo } from './huffmanInfo.js';
export type { CodingMethod, SymbolDtype } from './container.js';
export { FormatError, FormatErrorCode } from '../core/errors.js';
export type { FormatErrorCodeValue } from '../core/errors.js';
