/**
 * True when typed arrays store multi-byte values little-endian on this platform (every engine
 * frugal targets today); the bit-view fast paths check it and fall back otherwise.
 * @internal
 */
export const LITTLE_ENDIAN: boolean = /*#__PURE__*/ (() => new Uint8Array(new Uint16Array([1]).buffer)[0] === 1)();
