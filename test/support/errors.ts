// Shared assertion for decoders: the call fails with a FormatError of this code and message.
import { expect } from 'vitest';
import { FormatError } from '../../src/core/errors.js';

export function expectFormatError(call: () => unknown, code: number, message: string): void {
  let caught: unknown;
  try {
    call();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(FormatError);
  expect((caught as FormatError).name).toBe('FormatError');
  expect((caught as FormatError).code).toBe(code);
  expect((caught as FormatError).message).toContain(message);
}
