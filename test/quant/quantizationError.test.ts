import { describe, expect, it } from 'vitest';
import { it as itFc } from '@fast-check/vitest';
import { dequantize, quantizationError, quantize } from '../../src/quant/index.js';
import { floatVector, perChannelCase, perTensorParams, roundingArb } from '../support/arbitraries/quant.js';
import { expectClose, snapshot } from '../support/close.js';

function errorRef(x: ArrayLike<number>, xhat: ArrayLike<number>): { mse: number; maxAbsError: number; sqnrDb: number } {
  let sse = 0;
  let sig = 0;
  let maxAbs = 0;
  for (let i = 0; i < x.length; i++) {
    const e = x[i]! - xhat[i]!;
    sse += e * e;
    sig += x[i]! * x[i]!;
    maxAbs = Math.max(maxAbs, Math.abs(e));
  }
  if (x.length === 0) return { mse: 0, maxAbsError: 0, sqnrDb: Infinity };
  return { mse: sse / x.length, maxAbsError: maxAbs, sqnrDb: sse === 0 ? Infinity : sig === 0 ? -Infinity : 10 * Math.log10(sig / sse) };
}

describe('quantizationError', () => {
  it('quantizationError of a hand-checked case', () => {
    const r = quantizationError([0.25, 1, -0.6], { scale: 0.5, zeroPoint: 0 });
    expectClose(r.mse, (0.25 ** 2 + 0.1 ** 2) / 3);
    expect(r.maxAbsError).toBe(0.25);
    expectClose(r.sqnrDb, 10 * Math.log10((0.0625 + 1 + 0.36) / (0.0625 + 0.01)));
  });

  it('quantizationError edge cases: empty, exact grid, all-zero x with a zero point off 0 is exact, saturated values', () => {
    expect(quantizationError([], { scale: 1, zeroPoint: 0 })).toEqual({ mse: 0, maxAbsError: 0, sqnrDb: Infinity });
    expect(quantizationError([1, 2, -3], { scale: 1, zeroPoint: 0 })).toEqual({ mse: 0, maxAbsError: 0, sqnrDb: Infinity });
    expect(quantizationError([0, 0], { scale: 0.3, zeroPoint: 7 })).toEqual({ mse: 0, maxAbsError: 0, sqnrDb: Infinity });
    expect(quantizationError([200], { scale: 1, zeroPoint: 0 })).toEqual({ mse: 73 * 73, maxAbsError: 73, sqnrDb: 10 * Math.log10(40000 / 5329) });
  });

  it('quantizationError leaves x unmodified', () => {
    const x = new Float32Array([0.1, 0.7]);
    quantizationError(x, { scale: 0.5, zeroPoint: 0 });
    expect(snapshot(x)).toEqual([Math.fround(0.1), Math.fround(0.7)]);
  });

  it.each([
    [() => quantizationError([Infinity], { scale: 1, zeroPoint: 0 }), RangeError, 'quantizationError: x[0] must be finite (got Infinity)'],
    [() => quantizationError([1, NaN], { scale: 1, zeroPoint: 0 }), RangeError, 'quantizationError: x[1] must be finite (got NaN)'],
    [() => quantizationError([1], { scale: 1, zeroPoint: 0 }, { rounding: 'up' as 'half-up' }), RangeError, 'quantizationError: rounding must be one of'],
    [() => quantizationError(new Int32Array(1) as never, { scale: 1, zeroPoint: 0 }), TypeError, 'quantizationError: x must be'],
    [() => quantizationError([1], null as never), TypeError, 'quantizationError: params must be'],
  ] as const)('quantizationError bad input %# throws naming the argument', (call, ctor, msg) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(msg);
  });

  itFc.prop([floatVector(), perTensorParams(), roundingArb])('quantizationError agrees with the reference on dequantize(quantize(x)) in float64', (x, p, rounding) => {
    const xhat = dequantize(quantize(x, { ...p }, { rounding }), { ...p }, { out: new Float64Array(x.length) });
    const ref = errorRef(x, xhat);
    const r = quantizationError(x, { ...p }, { rounding });
    expectClose(r.mse, ref.mse, { rtol: 1e-9, atol: 1e-300 });
    expect(r.maxAbsError).toBe(ref.maxAbsError);
    expectClose(r.sqnrDb, ref.sqnrDb, { rtol: 1e-9, atol: 1e-9 });
  });

  itFc.prop([perChannelCase()])('quantizationError per channel agrees with the reference', (c) => {
    const params = { scale: c.scale, zeroPoint: c.zeroPoint, dtype: c.dtype, axis: c.axis };
    const t = { data: c.data, shape: c.shape };
    const xhat = dequantize(quantize(t, params), params, { out: new Float64Array(c.data.length) }).data;
    const ref = errorRef(c.data, xhat);
    const r = quantizationError(t, params);
    expectClose(r.mse, ref.mse, { rtol: 1e-9, atol: 1e-300 });
    expect(r.maxAbsError).toBe(ref.maxAbsError);
  });
});
