// The members of typed-function 4.2 that frugal uses; the package ships no types.
declare module 'typed-function' {
  export interface TypeDef {
    name: string;
    test: (x: unknown) => boolean;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type AnyFn = (...args: any[]) => unknown;
  export interface TypedFunction {
    (name: string, signatures: Record<string, AnyFn>): AnyFn;
    create(): TypedFunction;
    addTypes(types: TypeDef[], beforeSpec?: string): void;
  }
  const typed: TypedFunction;
  export default typed;
}
