// frugal/compress: filled in by its issue. FormatError is exported here for its decoders.
export { FormatError, FormatErrorCode } from '../core/errors.js';
export type { FormatErrorCodeValue } from '../core/errors.js';
