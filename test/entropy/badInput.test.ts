import { describe, expect, it } from 'vitest';
import { it as fcIt } from '@fast-check/vitest';
import * as api from '../../src/entropy/index.js';
import { entropyRef } from '../support/reference/entropy.js';
import { probTensor } from '../support/arbitraries/prob.js';
import { expectClose } from '../support/close.js';

type Call = [name: string, call: (bad: unknown) => unknown];

// Every public function, with its first argument replaced by a bad value.
const firstArgument: Call[] = [
  ['entropy', (b) => api.entropy(b as never)],
  ['crossEntropy', (b) => api.crossEntropy(b as never, [1])],
  ['klDivergence', (b) => api.klDivergence(b as never, [1])],
  ['jsDivergence', (b) => api.jsDivergence(b as never, [1])],
  ['jsDistance', (b) => api.jsDistance(b as never, [1])],
  ['entr', (b) => api.entr(b as never)],
  ['relEntr', (b) => api.relEntr(b as never, [1])],
  ['softmax', (b) => api.softmax(b as never)],
  ['logSoftmax', (b) => api.logSoftmax(b as never)],
  ['softmaxCrossEntropy', (b) => api.softmaxCrossEntropy(b as never, new Int32Array([0]))],
  ['klDivLoss', (b) => api.klDivLoss(b as never, [1])],
  ['distillationLoss', (b) => api.distillationLoss(b as never, [1])],
  ['histogram', (b) => api.histogram(b as never)],
  ['symbolEntropy', (b) => api.symbolEntropy(b as never)],
  ['symbolCounts', (b) => api.symbolCounts(b as never)],
];

const wrongTypes: [string, unknown][] = [
  ['a string', 'abc'],
  ['null', null],
  ['undefined', undefined],
  ['a plain object', { a: 1 }],
  ['a Map', new Map()],
];

describe('bad input table', () => {
  for (const [name, call] of firstArgument) {
    for (const [what, value] of wrongTypes) {
      it(`${name}(${what}) throws a TypeError naming ${name}`, () => {
        expect(() => call(value)).toThrow(TypeError);
        expect(() => call(value)).toThrow(new RegExp(`^${name}: `));
      });
    }
  }

  const options: [string, () => unknown][] = [
    ['entropy', () => api.entropy([1], 'x' as never)],
    ['crossEntropy', () => api.crossEntropy([1], [1], 7 as never)],
    ['klDivergence', () => api.klDivergence([1], [1], [] as never)],
    ['jsDivergence', () => api.jsDivergence([1], [1], null as never)],
    ['softmax', () => api.softmax([1], 1 as never)],
    ['softmaxCrossEntropy', () => api.softmaxCrossEntropy([1], new Int32Array([0]), 'mean' as never)],
    ['klDivLoss', () => api.klDivLoss([0], [1], true as never)],
    ['distillationLoss', () => api.distillationLoss([1], [1], 2 as never)],
    ['histogram', () => api.histogram([1], 'auto' as never)],
    ['symbolEntropy', () => api.symbolEntropy(new Uint8Array(1), 2 as never)],
  ];
  it.each(options)('%s with non-object options throws a TypeError', (name, call) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(new RegExp(`^${name}: options must be an object`));
  });

  const lengths: [string, () => unknown][] = [
    ['crossEntropy', () => api.crossEntropy([1, 2], [1])],
    ['klDivergence', () => api.klDivergence([1, 2], [1])],
    ['jsDivergence', () => api.jsDivergence([1, 2], [1])],
    ['jsDistance', () => api.jsDistance([1, 2], [1])],
    ['relEntr', () => api.relEntr([1, 2], [1])],
  ];
  it.each(lengths)('%s with mismatched lengths throws a RangeError naming both lengths', (name, call) => {
    expect(call).toThrow(new RegExp(`^${name}: [a-z]+ and [a-z]+ differ in length \\(2 vs 1\\)$`));
  });

  const values: [string, () => unknown][] = [
    ['entropy', () => api.entropy([1, Number.NaN])],
    ['crossEntropy', () => api.crossEntropy([1, 1], [1, -1])],
    ['klDivergence', () => api.klDivergence([Infinity, 1], [1, 1])],
    ['jsDivergence', () => api.jsDivergence([1, 1], [Number.NaN, 1])],
    ['jsDistance', () => api.jsDistance([-1, 1], [1, 1])],
    ['softmax', () => api.softmax([Infinity])],
    ['softmaxCrossEntropy', () => api.softmaxCrossEntropy([Number.NaN], new Int32Array([0]))],
    ['klDivLoss', () => api.klDivLoss([0], [Number.NaN])],
    ['distillationLoss', () => api.distillationLoss([Number.NaN], [1])],
    ['histogram', () => api.histogram([Number.NaN])],
  ];
  it.each(values)('%s with NaN, ±Infinity or negative values throws a RangeError', (name, call) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(new RegExp(`^${name}: `));
  });
});

describe('Tensor lanes', () => {
  fcIt.prop([probTensor()])('entropy over any axis equals entropy of each gathered lane', ({ tensor, axis }) => {
    const { data, shape } = tensor;
    const rank = shape.length;
    const ax = axis < 0 ? axis + rank : axis;
    const len = shape[ax]!;
    const inner = shape.slice(ax + 1).reduce((a, b) => a * b, 1);
    const outer = shape.slice(0, ax).reduce((a, b) => a * b, 1);
    const before = Array.from(data);
    const r = api.entropy(tensor, { axis });
    expect(r.length).toBe(outer * inner);
    expect(r.constructor).toBe(data.constructor);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const lane = Array.from({ length: len }, (_, k) => data[o * len * inner + k * inner + i]!);
        expectClose(r[o * inner + i]!, entropyRef(lane), { rtol: data instanceof Float32Array ? 1e-6 : 1e-12, atol: 1e-7 });
      }
    }
    expect(Array.from(data)).toEqual(before);
  });
});
