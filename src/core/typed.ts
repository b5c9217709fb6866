// The only file that imports typed-function: a private instance (never the shared global one).
import typedFunction from 'typed-function';
import { isTensor } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => unknown;

/** Our typed-function universe with the typed-array types registered. @internal */
export const typed = /*#__PURE__*/ (() => {
  const t = typedFunction.create();
  t.addTypes(
    [
      { name: 'Float32Array', test: (x: unknown) => x instanceof Float32Array },
      { name: 'Float64Array', test: (x: unknown) => x instanceof Float64Array },
      { name: 'Int8Array', test: (x: unknown) => x instanceof Int8Array },
      { name: 'Uint8Array', test: (x: unknown) => x instanceof Uint8Array },
      { name: 'Int16Array', test: (x: unknown) => x instanceof Int16Array },
      { name: 'Uint16Array', test: (x: unknown) => x instanceof Uint16Array },
      { name: 'Int32Array', test: (x: unknown) => x instanceof Int32Array },
      { name: 'Uint32Array', test: (x: unknown) => x instanceof Uint32Array },
      { name: 'Tensor', test: isTensor },
    ],
    'Object',
  );
  return t;
})();

interface TypedErrorData {
  category?: string;
  index?: number;
  actual?: string[];
  expected?: string[];
}

/**
 * Builds a typed-function dispatcher whose TypeErrors name the function and the argument:
 * `klDivergence: q must be Float32Array or Float64Array or Array (got Int8Array)`.
 * @internal
 */
export function dispatcher(fn: string, argNames: readonly string[], signatures: Record<string, AnyFn>): AnyFn {
  const dispatch = typed(fn, signatures);
  return function checked(...args: unknown[]) {
    try {
      return dispatch(...args);
    } catch (e) {
      throw renameTypedError(fn, argNames, args.length, e);
    }
  };
}

function renameTypedError(fn: string, argNames: readonly string[], given: number, e: unknown): unknown {
  const data = (e as { data?: TypedErrorData } | null)?.data;
  if (!(e instanceof TypeError) || data === undefined || data.category === undefined) return e;
  const index = data.index ?? 0;
  const name = argNames[index] ?? `argument ${index + 1}`;
  if (data.category === 'tooFewArgs') return new TypeError(`${fn}: ${name} is missing`);
  if (data.category === 'tooManyArgs') return new TypeError(`${fn}: too many arguments (${given} given)`);
  const expected = (data.expected ?? []).join(' or ');
  const actual = (data.actual ?? []).join(' | ') || 'undefined';
  return new TypeError(`${fn}: ${name} must be ${expected} (got ${actual})`);
}
