// frugal/coding: Huffman code lengths, canonical codes, bit I/O, the codec and its container.
export { huffmanCodeLengths } from './codeLengths.js';
export type { Frequencies, HuffmanCodeLengthsOptions } from './codeLengths.js';
export { canonicalCodes } from './canonicalCodes.js';
export { validateCodeLengths } from './validateCodeLengths.js';
export type { CodeLengths, CodeLengthsReport } from './validateCodeLengths.js';
export { expectedCodeLength } from './expectedCodeLength.js';
export { FormatError, FormatErrorCode } from '../core/errors.js';
export type { FormatErrorCodeValue } from '../core/errors.js';
