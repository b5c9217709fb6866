import { describe, expect, it } from 'vitest';
import { it as itFc, fc } from '@fast-check/vitest';
import { conv2d, depthwiseConv2d } from '../../src/conv/index.js';
import { dequantize, quantizedDepthwiseConv2d, quantizedPointwiseConv2d, quantizeMultiplier } from '../../src/quant/index.js';
import { quantConvRef } from '../support/reference/quantConv.js';
import type { QuantConvRefCase } from '../support/reference/quantConv.js';
import { snapshot } from '../support/close.js';

const unitQ = { inputQuant: { scale: 1 }, filterQuant: { scale: 1 }, outputQuant: { scale: 1 } };

/** A random int8 conv case: depthwise [kh, kw, C, M] or pointwise [1, 1, C, O]. */
function convCase(depthwise: boolean): fc.Arbitrary<QuantConvRefCase> {
  return fc
    .record({
      n: fc.integer({ min: 1, max: 2 }),
      h: fc.integer({ min: 1, max: 6 }),
      w: fc.integer({ min: 1, max: 6 }),
      c: fc.integer({ min: 1, max: 4 }),
      m: fc.integer({ min: 1, max: depthwise ? 3 : 5 }),
      k: fc.integer({ min: 1, max: depthwise ? 3 : 1 }),
      strides: fc.integer({ min: 1, max: 2 }),
      padding: depthwise ? fc.constantFrom<'same' | 'valid' | number>('same', 'valid', 1) : fc.constant<'valid'>('valid'),
      dilations: depthwise ? fc.integer({ min: 1, max: 2 }) : fc.constant(1),
      inScale: fc.double({ min: 0.005, max: 0.2, noNaN: true }),
      inZp: fc.integer({ min: -128, max: 127 }),
      outScale: fc.double({ min: 0.01, max: 2, noNaN: true }),
      outZp: fc.integer({ min: -128, max: 127 }),
      withBias: fc.boolean(),
      seed: fc.integer({ min: 1, max: 1 << 30 }),
    })
    .filter((r) => r.padding === 'same' || (r.k - 1) * r.dilations + 1 <= Math.min(r.h, r.w) + (r.padding === 1 ? 2 : 0))
    .map((r) => {
      let s = r.seed;
      const next = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) / 16777216;
      const oc = depthwise ? r.c * r.m : r.m;
      const x = Int8Array.from({ length: r.n * r.h * r.w * r.c }, () => Math.floor(next() * 256) - 128);
      const wShape = depthwise ? [r.k, r.k, r.c, r.m] : [1, 1, r.c, r.m];
      const w = Int8Array.from({ length: wShape.reduce((a, b) => a * b, 1) }, () => Math.floor(next() * 255) - 127);
      const wScale = Array.from({ length: oc }, () => 0.001 + next() * 0.05);
      const bias = r.withBias ? Int32Array.from({ length: oc }, () => Math.floor((next() - 0.5) * 20000)) : undefined;
      return {
        x, xShape: [r.n, r.h, r.w, r.c], w, wShape, inScale: r.inScale, inZp: r.inZp, wScale, outScale: r.outScale, outZp: r.outZp,
        ...(bias === undefined ? {} : { bias }), strides: r.strides, padding: r.padding, dilations: r.dilations,
      };
    });
}

function optionsOf(c: QuantConvRefCase) {
  return {
    inputQuant: { scale: c.inScale, zeroPoint: c.inZp },
    filterQuant: { scale: c.wScale },
    outputQuant: { scale: c.outScale, zeroPoint: c.outZp },
    ...(c.bias === undefined ? {} : { bias: c.bias }),
    ...(c.strides === undefined ? {} : { strides: c.strides }),
  };
}

describe('quantizedDepthwiseConv2d', () => {
  it('quantizedDepthwiseConv2d input=1x4x4x1 (1..16), f=3x3 ones, s=2, p=same gives [54, 45; 72, 54]', () => {
    const x = { data: Int8Array.from({ length: 16 }, (_, i) => i + 1), shape: [1, 4, 4, 1] };
    const w = { data: new Int8Array(9).fill(1), shape: [3, 3, 1, 1] };
    const r = quantizedDepthwiseConv2d(x, w, { ...unitQ, strides: 2, padding: 'same' });
    expect(r.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(r.data)).toEqual([54, 45, 72, 54]);
  });

  it('quantizedDepthwiseConv2d padding taps are real zeros (input zero point), saturation and relu/relu6 clamp', () => {
    const x = { data: new Int8Array([5, 5, 5, 5]), shape: [1, 2, 2, 1] };
    const w = { data: new Int8Array([1, 1, 1, 1]), shape: [2, 2, 1, 1] };
    const q = { inputQuant: { scale: 1, zeroPoint: 5 }, filterQuant: { scale: 1 }, outputQuant: { scale: 1, zeroPoint: -3 } };
    expect(Array.from(quantizedDepthwiseConv2d(x, w, { ...q, padding: 'same' }).data)).toEqual([-3, -3, -3, -3]);
    const big = { data: new Int8Array([100, 100, 100, 100]), shape: [1, 2, 2, 1] };
    expect(Array.from(quantizedDepthwiseConv2d(big, w, unitQ).data)).toEqual([127]);
    const neg = { data: new Int8Array([-100, 0, 0, 0]), shape: [1, 2, 2, 1] };
    expect(Array.from(quantizedDepthwiseConv2d(neg, w, { ...unitQ, activation: 'relu' }).data)).toEqual([0]);
    const q6 = { inputQuant: { scale: 1 }, filterQuant: { scale: 1 }, outputQuant: { scale: 0.5, zeroPoint: -10 } };
    expect(Array.from(quantizedDepthwiseConv2d(big, w, { ...q6, activation: 'relu6' }).data)).toEqual([2]); // zp + round(6/0.5)
  });

  it('quantizedDepthwiseConv2d takes precomputed TFLite multipliers (requant) over the scales', () => {
    const x = { data: new Int8Array([10, 20]), shape: [1, 1, 1, 2] };
    const w = { data: new Int8Array([3, 3]), shape: [1, 1, 2, 1] };
    const requant = { multiplier: Int32Array.of(1 << 30, 1 << 30), shift: Int32Array.of(0, -1) };
    expect(Array.from(quantizedDepthwiseConv2d(x, w, { ...unitQ, requant }).data)).toEqual([15, 15]);
  });

  it('quantizedDepthwiseConv2d returns out as given, leaves inputs unmodified, handles batch 0', () => {
    const x = { data: new Int8Array([1, 2, 3, 4]), shape: [1, 2, 2, 1] };
    const w = { data: new Int8Array([1]), shape: [1, 1, 1, 1] };
    const out = new Int8Array(4);
    const r = quantizedDepthwiseConv2d(x, w, { ...unitQ, out });
    expect(r.data).toBe(out);
    expect(snapshot(x.data)).toEqual([1, 2, 3, 4]);
    expect(snapshot(w.data)).toEqual([1]);
    expect(quantizedDepthwiseConv2d({ data: new Int8Array(0), shape: [0, 2, 2, 1] }, w, unitQ).shape).toEqual([0, 2, 2, 1]);
  });

  const x1 = { data: new Int8Array(4), shape: [1, 2, 2, 1] };
  const w1 = { data: new Int8Array(1), shape: [1, 1, 1, 1] };
  it.each([
    [() => quantizedDepthwiseConv2d({ data: new Float32Array(4), shape: [1, 2, 2, 1] } as never, w1, unitQ), TypeError, 'quantizedDepthwiseConv2d: input.data must be an Int8Array (got Float32Array)'],
    [() => quantizedDepthwiseConv2d(x1, { data: new Int8Array(2), shape: [1, 1, 2, 1] }, unitQ), RangeError, 'quantizedDepthwiseConv2d: filter channels 2 ≠ input channels 1'],
    [() => quantizedDepthwiseConv2d(x1, w1, { ...unitQ, inputQuant: { scale: 0 } }), RangeError, 'quantizedDepthwiseConv2d: inputQuant.scale must be finite and > 0 (got 0)'],
    [() => quantizedDepthwiseConv2d(x1, w1, { ...unitQ, outputQuant: { scale: 1, zeroPoint: 200 } }), RangeError, 'quantizedDepthwiseConv2d: outputQuant.zeroPoint must be an integer in [-128, 127] (got 200)'],
    [() => quantizedDepthwiseConv2d(x1, w1, { ...unitQ, filterQuant: { scale: 1, zeroPoint: 3 } }), RangeError, 'quantizedDepthwiseConv2d: filterQuant.zeroPoint must be 0 (got 3)'],
    [() => quantizedDepthwiseConv2d(x1, w1, { ...unitQ, filterQuant: { scale: [1, 2] } }), RangeError, 'quantizedDepthwiseConv2d: filterQuant.scale has 2 entries, the filter has 1 output channels'],
    [() => quantizedDepthwiseConv2d(x1, w1, { ...unitQ, bias: new Int32Array(2) }), RangeError, 'quantizedDepthwiseConv2d: bias has length 2, needs 1 (one per output channel)'],
    [() => quantizedDepthwiseConv2d(x1, w1, { ...unitQ, bias: new Float32Array(1) as never }), TypeError, 'quantizedDepthwiseConv2d: bias must be an Int32Array (got Float32Array)'],
    [() => quantizedDepthwiseConv2d(x1, w1, { ...unitQ, out: new Int8Array(3) }), RangeError, 'quantizedDepthwiseConv2d: out has length 3, needs 4'],
    [() => quantizedDepthwiseConv2d(x1, w1, { ...unitQ, activation: 'gelu' as 'relu' }), RangeError, "quantizedDepthwiseConv2d: activation must be one of 'linear', 'relu', 'relu6' (got gelu)"],
    [() => quantizedDepthwiseConv2d(x1, w1, { ...unitQ, inputQuant: undefined as never }), TypeError, 'quantizedDepthwiseConv2d: inputQuant must be an object'],
    [() => quantizedDepthwiseConv2d(x1, w1, { ...unitQ, outputQuant: { scale: 1e-12 } }), RangeError, 'quantizedDepthwiseConv2d: the requantization multiplier of channel 0 (1000000000000) is not < 2^31'],
    [() => quantizedDepthwiseConv2d(x1, { data: new Int8Array(9), shape: [3, 3, 1, 1] }, unitQ), RangeError, 'quantizedDepthwiseConv2d:'],
    [() => quantizedDepthwiseConv2d(x1, w1, undefined as never), TypeError, 'quantizedDepthwiseConv2d: inputQuant must be an object'],
  ] as const)('quantizedDepthwiseConv2d bad input %# throws naming the argument', (call, ctor, msg) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(msg);
  });

  it('quantizedDepthwiseConv2d rejects an out overlapping the input', () => {
    const buf = new Int8Array(8);
    const x = { data: buf.subarray(0, 4), shape: [1, 2, 2, 1] };
    expect(() => quantizedDepthwiseConv2d(x, w1, { ...unitQ, out: buf.subarray(2, 6) })).toThrow(new RangeError('quantizedDepthwiseConv2d: out overlaps input'));
  });

  itFc.prop([convCase(true)], { numRuns: 60 })('quantizedDepthwiseConv2d equals the TFLite reference (BigInt requantization) bit for bit', (c) => {
    const r = quantizedDepthwiseConv2d({ data: c.x, shape: c.xShape }, { data: c.w, shape: c.wShape }, {
      ...optionsOf(c), padding: c.padding!, dilations: c.dilations!,
    });
    const ref = quantConvRef(c, true);
    expect(r.shape).toEqual(ref.shape);
    expect(Array.from(r.data)).toEqual(ref.data);
  });

  itFc.prop([convCase(true)], { numRuns: 40 })('dequantized quantizedDepthwiseConv2d tracks the float depthwiseConv2d within one output step', (c) => {
    const opts = optionsOf(c);
    const r = quantizedDepthwiseConv2d({ data: c.x, shape: c.xShape }, { data: c.w, shape: c.wShape }, { ...opts, padding: c.padding!, dilations: c.dilations! });
    const xf = dequantize(c.x, { scale: c.inScale, zeroPoint: c.inZp }, { out: new Float64Array(c.x.length) });
    // the per-channel axis of a [kh, kw, C, M] filter is the output channel c·M + m: view it as [kh·kw, C·M]
    const flat = [c.wShape[0]! * c.wShape[1]!, c.wShape[2]! * c.wShape[3]!];
    const wf = dequantize({ data: c.w, shape: flat }, { scale: c.wScale, zeroPoint: 0, axis: -1 }, { out: new Float64Array(c.w.length) }).data;
    const biasF = c.bias === undefined ? undefined : Float64Array.from(c.bias, (b, i) => b * c.inScale * c.wScale[i]!);
    const f = depthwiseConv2d({ data: xf as Float64Array, shape: c.xShape }, { data: wf, shape: c.wShape }, {
      strides: c.strides!, padding: c.padding!, dilations: c.dilations!, ...(biasF === undefined ? {} : { bias: biasF }),
    });
    const y = dequantize(r.data, { scale: c.outScale, zeroPoint: c.outZp }, { out: new Float64Array(r.data.length) });
    for (let i = 0; i < y.length; i++) {
      const clamped = Math.min((127 - c.outZp) * c.outScale, Math.max((-128 - c.outZp) * c.outScale, f.data[i]!));
      // double rounding (high-mul, then power-of-two division) errs by up to 0.5 + 0.5·2^shift steps
      expect(Math.abs(y[i]! - clamped)).toBeLessThanOrEqual(c.outScale * (1 + 1e-9) + Math.abs(clamped) * 2 ** -29);
    }
  });
});

describe('quantizedPointwiseConv2d', () => {
  it('quantizedPointwiseConv2d of a hand-checked case (per-channel scales, zero points, half-away requantization)', () => {
    const x = { data: new Int8Array([10, 20, -10, 4]), shape: [1, 1, 2, 2] };
    const w = { data: new Int8Array([1, 2, 3, -1]), shape: [1, 1, 2, 2] };
    const opts = { inputQuant: { scale: 0.5, zeroPoint: -10 }, filterQuant: { scale: [0.25, 0.5] }, outputQuant: { scale: 1, zeroPoint: 5 } };
    expect(Array.from(quantizedPointwiseConv2d(x, w, opts).data)).toEqual([19, 8, 10, 1]);
    expect(quantizeMultiplier(0.25)).toEqual({ multiplier: 1 << 30, shift: -1 });
  });

  it('quantizedPointwiseConv2d with strides subsamples like tfjs and returns out as given', () => {
    const x = { data: Int8Array.from({ length: 9 }, (_, i) => i), shape: [1, 3, 3, 1] };
    const w = { data: new Int8Array([2]), shape: [1, 1, 1, 1] };
    const out = new Int8Array(4);
    const r = quantizedPointwiseConv2d(x, w, { ...unitQ, strides: 2, out });
    expect(r.data).toBe(out);
    expect(r.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(out)).toEqual([0, 4, 12, 16]);
  });

  const x1 = { data: new Int8Array(4), shape: [1, 2, 2, 1] };
  it.each([
    [() => quantizedPointwiseConv2d(x1, { data: new Int8Array(9), shape: [3, 3, 1, 1] }, unitQ), RangeError, 'quantizedPointwiseConv2d: filter must be [1, 1, Cin, Cout] (got [3, 3, 1, 1])'],
    [() => quantizedPointwiseConv2d(x1, { data: new Int8Array(2), shape: [1, 1, 2, 1] }, unitQ), RangeError, 'quantizedPointwiseConv2d: filter input channels 2 ≠ input channels / groups = 1'],
    [() => quantizedPointwiseConv2d(x1, { data: new Int8Array(1), shape: [1, 1, 1, 1] }, { ...unitQ, padding: 'same' } as never), RangeError, 'quantizedPointwiseConv2d: padding and dilations do not apply to a 1×1 filter'],
    [() => quantizedPointwiseConv2d(x1, { data: new Uint8Array(1), shape: [1, 1, 1, 1] } as never, unitQ), TypeError, 'quantizedPointwiseConv2d: filter.data must be an Int8Array (got Uint8Array)'],
    [() => quantizedPointwiseConv2d(x1, { data: new Int8Array(1), shape: [1, 1, 1, 1] }, { ...unitQ, requant: { multiplier: new Int32Array(1), shift: Int32Array.of(40) } }), RangeError, 'quantizedPointwiseConv2d: requant.shift[0] must be an integer in [-31, 31] (got 40)'],
  ] as const)('quantizedPointwiseConv2d bad input %# throws naming the argument', (call, ctor, msg) => {
    expect(call).toThrow(ctor);
    expect(call).toThrow(msg);
  });

  itFc.prop([convCase(false)], { numRuns: 60 })('quantizedPointwiseConv2d equals the TFLite reference (BigInt requantization) bit for bit', (c) => {
    const r = quantizedPointwiseConv2d({ data: c.x, shape: c.xShape }, { data: c.w, shape: c.wShape }, optionsOf(c));
    const ref = quantConvRef(c, false);
    expect(r.shape).toEqual(ref.shape);
    expect(Array.from(r.data)).toEqual(ref.data);
  });

  itFc.prop([convCase(false)], { numRuns: 40 })('dequantized quantizedPointwiseConv2d tracks the float 1×1 conv2d within one output step', (c) => {
    const r = quantizedPointwiseConv2d({ data: c.x, shape: c.xShape }, { data: c.w, shape: c.wShape }, optionsOf(c));
    const xf = dequantize(c.x, { scale: c.inScale, zeroPoint: c.inZp }, { out: new Float64Array(c.x.length) });
    const wf = dequantize({ data: c.w, shape: c.wShape }, { scale: c.wScale, zeroPoint: 0, axis: -1 }, { out: new Float64Array(c.w.length) }).data;
    const biasF = c.bias === undefined ? undefined : Float64Array.from(c.bias, (b, i) => b * c.inScale * c.wScale[i]!);
    const f = conv2d({ data: xf as Float64Array, shape: c.xShape }, { data: wf, shape: c.wShape }, {
      strides: c.strides!, ...(biasF === undefined ? {} : { bias: biasF }),
    });
    const y = dequantize(r.data, { scale: c.outScale, zeroPoint: c.outZp }, { out: new Float64Array(r.data.length) });
    for (let i = 0; i < y.length; i++) {
      const clamped = Math.min((127 - c.outZp) * c.outScale, Math.max((-128 - c.outZp) * c.outScale, f.data[i]!));
      // double rounding (high-mul, then power-of-two division) errs by up to 0.5 + 0.5·2^shift steps
      expect(Math.abs(y[i]! - clamped)).toBeLessThanOrEqual(c.outScale * (1 + 1e-9) + Math.abs(clamped) * 2 ** -29);
    }
  });
});
