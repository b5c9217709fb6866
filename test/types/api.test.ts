import { describe, expectTypeOf, it } from 'vitest';
import { crossEntropy, entr, entropy, histogram, klDivergence, logSoftmax, softmax, softmaxCrossEntropy } from '../../src/index.js';
import type { FloatArray, Histogram } from '../../src/index.js';

// Compile-time checks of the public signatures (tsc -p . runs them; vitest runs the bodies).
describe('public types', () => {
  it('reductions return numbers for vectors and the data type for Tensors', () => {
    expectTypeOf(entropy([0.5, 0.5])).toEqualTypeOf<number>();
    expectTypeOf(entropy({ data: new Float32Array(4).fill(1), shape: [2, 2] })).toEqualTypeOf<Float32Array>();
    expectTypeOf(entropy({ data: new Float64Array(4).fill(1), shape: [2, 2] })).toEqualTypeOf<Float64Array>();
    expectTypeOf(klDivergence(new Float32Array(2).fill(1), new Float32Array(2).fill(1))).toEqualTypeOf<number>();
    expectTypeOf(crossEntropy({ data: new Float32Array(2).fill(1), shape: [2] }, { data: new Float32Array(2).fill(1), shape: [2] })).toEqualTypeOf<Float32Array>();
  });

  it('elementwise ops return numbers for numbers and arrays for arrays', () => {
    expectTypeOf(entr(0.5)).toEqualTypeOf<number>();
    expectTypeOf(entr(new Float32Array(2), { out: new Float32Array(2) })).toExtend<Float32Array>();
    expectTypeOf(softmax([1, 2])).toEqualTypeOf<Float64Array>();
    expectTypeOf(logSoftmax(new Float32Array(2), { out: new Float32Array(2) })).toExtend<Float32Array>();
  });

  it('losses return an array only with reduction none', () => {
    expectTypeOf(softmaxCrossEntropy([1, 2], new Int32Array([0]))).toEqualTypeOf<number>();
    expectTypeOf(softmaxCrossEntropy([1, 2], new Int32Array([0]), { reduction: 'none' })).toEqualTypeOf<FloatArray>();
    expectTypeOf(histogram([1, 2])).toEqualTypeOf<Histogram>();
  });
});
