import { describe, expect, it } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { distillationLoss, klDivLoss, logSoftmax, softmax, softmaxCrossEntropy } from '../../src/entropy/index.js';
import type { FloatArray } from '../../src/index.js';
import { crossEntropyLossIndexRef, crossEntropyLossProbRef, logSoftmaxRef, softmaxRef } from '../support/reference/entropy.js';
import { logitsBatch } from '../support/arbitraries/prob.js';
import { expectArraysClose, expectClose, snapshot } from '../support/close.js';
import torch from '../support/fixtures/losses-torch.json' with { type: 'json' };

const num = (v: number | string): number => (typeof v === 'number' ? v : Number(v));
const rowsOf = (x: ArrayLike<number>, n: number, c: number): number[][] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: c }, (_, k) => x[i * c + k]!));

describe('softmax and logSoftmax', () => {
  it('softmax([0, ln 3]) is [0.25, 0.75]', () => {
    expectArraysClose(softmax([0, Math.log(3)]), [0.25, 0.75], { rtol: 1e-15 });
  });

  it('softmax and logSoftmax agree with torch on the recorded fixtures (logits up to ±1e4)', () => {
    for (const c of torch.softmax) {
      const t = { data: Float64Array.from(c.x), shape: c.shape };
      expectArraysClose(softmax(t), c.softmax, { rtol: 1e-13, atol: 1e-300 });
      expectArraysClose(logSoftmax(t), c.logSoftmax, { rtol: 1e-13, atol: 1e-12 });
    }
  });

  it('softmax is stable for logits of ±1e4 and masks −Infinity classes', () => {
    expectArraysClose(softmax([1e4, -1e4, 1e4]), [0.5, 0, 0.5]);
    expectArraysClose(softmax([0, -Infinity]), [1, 0]);
    expectArraysClose(logSoftmax(new Float32Array([1e4, 1e4])), [-Math.LN2, -Math.LN2], { rtol: 1e-7 });
  });

  it('softmax along axis 0 of a [2, 3] Tensor normalises columns', () => {
    const r = softmax({ data: new Float64Array([0, 1, 2, 0, 1, 2]), shape: [2, 3] }, { axis: 0 });
    expectArraysClose(r, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
  });

  it('softmax writes into out, keeps the float type and leaves the input untouched', () => {
    const x = new Float32Array([1, 2, 3]);
    const before = snapshot(x);
    const out = new Float32Array(3);
    expect(softmax(x, { out })).toBe(out);
    expect(Array.from(x)).toEqual(before);
    expect(softmax(x)).toBeInstanceOf(Float32Array);
  });

  it('softmax rejects NaN, +Infinity, all −Infinity lanes, aliasing and bad options', () => {
    expect(() => softmax([Number.NaN])).toThrow(new RangeError('softmax: logits[0] must be finite or -Infinity (got NaN)'));
    expect(() => softmax([1, Infinity])).toThrow(new RangeError('softmax: logits[1] must be finite or -Infinity (got Infinity)'));
    expect(() => logSoftmax([-Infinity, -Infinity])).toThrow(new RangeError('logSoftmax: logits lane 0 is all -Infinity'));
    const x = new Float64Array([1, 2]);
    expect(() => softmax(x, { out: x })).toThrow(new RangeError('softmax: out overlaps logits'));
    expect(() => softmax(x, { out: new Float64Array(1) })).toThrow(new RangeError('softmax: out has length 1, needs 2'));
    expect(() => softmax(x, { axis: 0 })).toThrow(new RangeError('softmax: axis applies to Tensor input only'));
    expect(() => softmax('x' as never)).toThrow(TypeError);
  });

  fcIt.prop([logitsBatch({ range: 1e4 })])('softmax rows sum to 1 and match the reference', ({ data, n, c }) => {
    const r = softmax({ data, shape: [n, c] });
    const tol = data instanceof Float32Array ? 1e-6 : 1e-14;
    for (let i = 0; i < n; i++) {
      const row = Array.from(r.subarray(i * c, (i + 1) * c));
      expectClose(row.reduce((a, b) => a + b, 0), 1, { rtol: tol * c });
      expectArraysClose(row, softmaxRef(Array.from(data.subarray(i * c, (i + 1) * c))), { rtol: tol, atol: data instanceof Float32Array ? 1.2e-38 : 1e-300 });
    }
  });

  fcIt.prop([logitsBatch({ range: 100 })])('logSoftmax equals log(softmax) and the reference', ({ data, n, c }) => {
    const r = logSoftmax({ data, shape: [n, c] });
    for (let i = 0; i < n; i++) {
      const ref = logSoftmaxRef(Array.from(data.subarray(i * c, (i + 1) * c)));
      expectArraysClose(Array.from(r.subarray(i * c, (i + 1) * c)), ref, { rtol: data instanceof Float32Array ? 1e-6 : 1e-13, atol: 1e-12 });
    }
  });
});

describe('softmaxCrossEntropy', () => {
  it('softmaxCrossEntropy matches tfjs-verified values (ANCHORS §1.2)', () => {
    const logits = { data: new Float64Array([2, 1, 0, 0, 0, 0]), shape: [2, 3] };
    const onehot = { data: new Float64Array([1, 0, 0, 0, 1, 0]), shape: [2, 3] };
    expectClose(softmaxCrossEntropy(logits, onehot, { reduction: 'none' })[0]!, 0.40760596444438, { rtol: 1e-12 });
    expectClose(softmaxCrossEntropy(logits, new Int32Array([0, 1])), (0.40760596444438 + Math.log(3)) / 2, { rtol: 1e-12 });
  });

  it('softmaxCrossEntropy agrees with torch.nn.functional.cross_entropy for every option combination', () => {
    for (const c of torch.crossEntropy) {
      const logits = { data: Float64Array.from(c.x), shape: c.shape };
      const o = { reduction: c.reduction as 'none' | 'mean' | 'sum', labelSmoothing: c.labelSmoothing, ...(c.weight ? { weight: c.weight } : {}) };
      const index = softmaxCrossEntropy(logits, Int32Array.from(c.target), o);
      const prob = softmaxCrossEntropy(logits, { data: Float64Array.from(c.probTarget), shape: c.shape }, o);
      const tag = JSON.stringify({ shape: c.shape, o });
      if (c.reduction === 'none') {
        expectArraysClose(index as unknown as FloatArray, c.index as number[], { rtol: 1e-12, atol: 1e-12 });
        expectArraysClose(prob as unknown as FloatArray, c.prob as number[], { rtol: 1e-12, atol: 1e-12 });
      } else {
        expect(Math.abs((index as number) - num(c.index as number)), tag).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(num(c.index as number))));
        expect(Math.abs((prob as number) - num(c.prob as number)), tag).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(num(c.prob as number))));
      }
    }
  });

  it('softmaxCrossEntropy mean over only ignored samples is NaN, as torch', () => {
    expect(softmaxCrossEntropy({ data: new Float64Array([1, 2]), shape: [1, 2] }, new Int32Array([-100]))).toBeNaN();
  });

  it('softmaxCrossEntropy of a single vector treats it as one sample', () => {
    expectClose(softmaxCrossEntropy([0, 0, 0, 0], new Int32Array([2])), Math.log(4));
    expect(softmaxCrossEntropy(new Float32Array([0, 0]), new Int32Array([1]), { reduction: 'none' })).toBeInstanceOf(Float32Array);
  });

  it('softmaxCrossEntropy rejects bad targets and options with named messages', () => {
    const logits = { data: new Float64Array(6), shape: [2, 3] };
    expect(() => softmaxCrossEntropy(logits, new Int32Array([0, 3]))).toThrow(new RangeError('softmaxCrossEntropy: target[1] = 3 is not a class in [0, 3) nor ignoreIndex -100'));
    expect(() => softmaxCrossEntropy(logits, new Int32Array([0]))).toThrow(new RangeError('softmaxCrossEntropy: target has 1 class indices, logits have N = 2 rows'));
    expect(() => softmaxCrossEntropy(logits, new Int32Array([0, 1]), { weight: [1, 2] })).toThrow(new RangeError('softmaxCrossEntropy: weight has length 2, needs C = 3'));
    expect(() => softmaxCrossEntropy(logits, new Int32Array([0, 1]), { labelSmoothing: 1.5 })).toThrow(new RangeError('softmaxCrossEntropy: labelSmoothing must be in [0, 1] (got 1.5)'));
    expect(() => softmaxCrossEntropy(logits, new Int32Array([0, 1]), { reduction: 'avg' as never })).toThrow(RangeError);
    expect(() => softmaxCrossEntropy(logits, { data: new Float64Array(6), shape: [2, 3] }, { ignoreIndex: 0 })).toThrow(
      new RangeError('softmaxCrossEntropy: ignoreIndex is not supported for probability targets (got 0)'),
    );
    expect(() => softmaxCrossEntropy(logits, { data: new Float64Array(4), shape: [2, 2] })).toThrow(new RangeError('softmaxCrossEntropy: target shape [2, 2] differs from logits shape [2, 3]'));
    expect(() => softmaxCrossEntropy(logits, new Uint8Array(2) as never)).toThrow(TypeError);
    expect(() => softmaxCrossEntropy({ data: new Float64Array([Number.NaN, 0]), shape: [1, 2] }, new Int32Array([0]))).toThrow(RangeError);
  });

  fcIt.prop([logitsBatch(), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('none', 'mean', 'sum' as const), fc.boolean()])(
    'softmaxCrossEntropy with class indices agrees with the reference for any smoothing, weight and reduction',
    ({ data, n, c }, eps, reduction, weighted) => {
      const target = Int32Array.from({ length: n }, (_, i) => (i * 7 + 3) % c);
      if (n > 1) target[0] = -100;
      const weight = weighted ? Array.from({ length: c }, (_, k) => 0.5 + k / c) : undefined;
      const before = snapshot(data);
      const o = { labelSmoothing: eps, reduction, ...(weight ? { weight } : {}) };
      const actual = softmaxCrossEntropy({ data, shape: [n, c] }, target, o) as number | FloatArray;
      const expected = crossEntropyLossIndexRef(rowsOf(data, n, c), Array.from(target), o);
      if (typeof expected === 'number') expectClose(actual as number, expected, { rtol: 1e-10, atol: 1e-12 });
      else expectArraysClose(actual as FloatArray, expected, { rtol: data instanceof Float32Array ? 1e-6 : 1e-10, atol: 1e-6 });
      expect(Array.from(data)).toEqual(before);
    },
  );

  fcIt.prop([logitsBatch(), fc.double({ min: 0, max: 1, noNaN: true })])('softmaxCrossEntropy with probability targets agrees with the reference', ({ data, n, c }, eps) => {
    const probs = Float64Array.from({ length: n * c }, (_, i) => ((i * 13) % 5) / 4);
    const actual = softmaxCrossEntropy({ data, shape: [n, c] }, { data: probs, shape: [n, c] }, { labelSmoothing: eps });
    expectClose(actual, crossEntropyLossProbRef(rowsOf(data, n, c), rowsOf(probs, n, c), { labelSmoothing: eps }) as number, { rtol: 1e-10, atol: 1e-12 });
  });
});

describe('klDivLoss', () => {
  it('klDivLoss agrees with torch.nn.functional.kl_div for every reduction and logTarget', () => {
    for (const c of torch.klDiv) {
      const o = { reduction: c.reduction as 'none' | 'mean' | 'sum' | 'batchmean', logTarget: c.logTarget };
      const target = (c.target as (number | string)[]).map(num);
      const r = klDivLoss({ data: Float64Array.from(c.input), shape: c.shape }, { data: Float64Array.from(target), shape: c.shape }, o);
      if (JSON.stringify(c.value).includes('NaN')) {
        // torch: exp(−∞)·(−∞ − input) = NaN; frugal defines that term as 0, i.e. the same as target 0 without logTarget.
        expect(c.logTarget).toBe(true);
        const same = klDivLoss({ data: Float64Array.from(c.input), shape: c.shape }, { data: Float64Array.from(target.map(Math.exp)), shape: c.shape }, { reduction: o.reduction });
        if (c.reduction === 'none') expectArraysClose(r as unknown as FloatArray, same as unknown as FloatArray, { rtol: 1e-12, atol: 1e-15 });
        else expectClose(r as number, same as number, { rtol: 1e-12, atol: 1e-15 });
        continue;
      }
      if (c.reduction === 'none') expectArraysClose(r as unknown as FloatArray, (c.value as (number | string)[]).map(num), { rtol: 1e-12, atol: 1e-15 });
      else expectClose(r as number, num(c.value as number), { rtol: 1e-12, atol: 1e-15 });
    }
  });

  it('klDivLoss treats target 0 as a vanishing term, even against input −Infinity', () => {
    expect(klDivLoss([-Infinity, 0], [0, 1], { reduction: 'sum' })).toBe(0);
    expect(klDivLoss([-Infinity, 0], [-Infinity, 0], { reduction: 'sum', logTarget: true })).toBe(0);
  });

  it('klDivLoss rejects negative targets, NaN and shape mismatches', () => {
    expect(() => klDivLoss([0, 0], [-0.5, 1])).toThrow(new RangeError('klDivLoss: target[0] must be finite and ≥ 0 (got -0.5)'));
    expect(() => klDivLoss([Number.NaN], [1])).toThrow(new RangeError('klDivLoss: input[0] must be finite or -Infinity (got NaN)'));
    expect(() => klDivLoss([0, 0], [1])).toThrow(new RangeError('klDivLoss: input and target differ in shape ([2] vs [1])'));
    expect(() => klDivLoss([0], [1], { reduction: 'avg' as never })).toThrow(RangeError);
    expect(() => klDivLoss([0], [1], { logTarget: 1 as never })).toThrow(new TypeError('klDivLoss: logTarget must be a boolean (got number)'));
  });
});

describe('distillationLoss', () => {
  it('distillationLoss agrees with the PyTorch recipe α·T²·KL(batchmean) + (1−α)·CE', () => {
    for (const c of torch.distillation) {
      const s = { data: Float64Array.from(c.student), shape: c.shape };
      const t = { data: Float64Array.from(c.teacher), shape: c.shape };
      expectClose(distillationLoss(s, t, { temperature: c.temperature, alpha: c.alpha, hardTargets: Int32Array.from(c.hard) }), num(c.value), { rtol: 1e-12, atol: 1e-14 });
      expectClose(distillationLoss(s, t, { temperature: c.temperature }), num(c.soft), { rtol: 1e-12, atol: 1e-14 });
    }
  });

  it('distillationLoss is 0 when student equals teacher and there are no hard targets', () => {
    expect(distillationLoss([1, 2, 3], [1, 2, 3], { temperature: 4 })).toBe(0);
  });

  it('distillationLoss rejects bad options', () => {
    expect(() => distillationLoss([1, 2], [1, 2], { temperature: 0 })).toThrow(new RangeError('distillationLoss: temperature must be a finite number > 0 (got 0)'));
    expect(() => distillationLoss([1, 2], [1, 2], { alpha: 2 })).toThrow(new RangeError('distillationLoss: alpha must be in [0, 1] (got 2)'));
    expect(() => distillationLoss([1, 2], [1, 2, 3])).toThrow(new RangeError('distillationLoss: studentLogits [1, 2] and teacherLogits [1, 3] differ in shape'));
    expect(() => distillationLoss([1, 2], [1, 2], { hardTargets: [0] as never })).toThrow(new TypeError('distillationLoss: hardTargets must be an Int32Array of class indices'));
    expect(() => distillationLoss([1, 2], [1, 2], { hardTargets: new Int32Array([5]) })).toThrow(new RangeError('distillationLoss: hardTargets[0] = 5 is not a class in [0, 2)'));
  });
});
