import { describe, expect, it } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { backend_util } from '@tensorflow/tfjs-core';
import { convInfo, convOutputShape } from '../../src/conv/index.js';
import type { ConvPadding } from '../../src/conv/index.js';
import { convCase } from '../support/arbitraries/conv.js';
import type { ConvCase } from '../support/arbitraries/conv.js';

type TfPad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

function tfPad(p: ConvPadding, nchw: boolean): TfPad {
  if (typeof p === 'string' || typeof p === 'number') return p;
  const [t, b, l, r] = p;
  return nchw ? [[0, 0], [0, 0], [t, b], [l, r]] : [[0, 0], [t, b], [l, r], [0, 0]];
}

/** tfjs computeConv2DInfo on the same case (tfjs filter layout [kh, kw, in, out] in both formats). */
function tfInfo(k: ConvCase, depthwise: boolean, nchw: boolean, swapAxes = false) {
  const [inH, inW, kh, kw] = swapAxes ? [k.inW, k.inH, k.kw, k.kh] : [k.inH, k.inW, k.kh, k.kw];
  const s: [number, number] = swapAxes ? [k.strides[1], k.strides[0]] : k.strides;
  const d: [number, number] = swapAxes ? [k.dilations[1], k.dilations[0]] : k.dilations;
  let pad = k.padding;
  if (swapAxes && Array.isArray(pad)) pad = [pad[2], pad[3], pad[0], pad[1]];
  const inShape: [number, number, number, number] = nchw ? [k.batch, k.c, inH, inW] : [k.batch, inH, inW, k.c];
  const filterShape: [number, number, number, number] = depthwise ? [kh, kw, k.c, k.m] : [kh, kw, k.c / k.groups, k.m * k.groups];
  return backend_util.computeConv2DInfo(inShape, filterShape, s, d, tfPad(pad, nchw) as 'same', k.dimRoundingMode, depthwise, nchw ? 'channelsFirst' : 'channelsLast');
}

function ours(k: ConvCase, depthwise: boolean, nchw: boolean) {
  const inShape = nchw ? [k.batch, k.c, k.inH, k.inW] : [k.batch, k.inH, k.inW, k.c];
  const filterShape = depthwise
    ? nchw ? [k.c * k.m, 1, k.kh, k.kw] : [k.kh, k.kw, k.c, k.m]
    : nchw ? [k.m * k.groups, k.c / k.groups, k.kh, k.kw] : [k.kh, k.kw, k.c / k.groups, k.m * k.groups];
  return convInfo(inShape, filterShape, {
    depthwise,
    ...(depthwise ? {} : { groups: k.groups }),
    strides: k.strides,
    dilations: k.dilations,
    padding: k.padding,
    dataFormat: nchw ? 'NCHW' : 'NHWC',
    ...(k.dimRoundingMode === undefined ? {} : { dimRoundingMode: k.dimRoundingMode }),
  });
}

describe('convInfo', () => {
  it('convInfo(4×4, 3×3, stride 2, same) pads 0 on top and 1 at the bottom (tfjs)', () => {
    const info = convInfo([1, 4, 4, 1], [3, 3, 1, 1], { strides: 2, padding: 'same', depthwise: true });
    expect(info.outShape).toEqual([1, 2, 2, 1]);
    expect([info.padTop, info.padBottom, info.padLeft, info.padRight]).toEqual([0, 1, 0, 1]);
    expect(info.padType).toBe('SAME');
    expect(info.channelMultiplier).toBe(1);
    expect(info.groups).toBe(1);
  });

  it('convInfo reads NCHW depthwise filters [C·M, 1, kh, kw] and keeps rank-3 input rank 3', () => {
    const info = convInfo([3, 10, 10], [6, 1, 3, 3], { depthwise: true, dataFormat: 'NCHW', padding: 1 });
    expect(info.channelMultiplier).toBe(2);
    expect(info.outChannels).toBe(6);
    expect(info.outShape).toEqual([6, 10, 10]);
    expect(info.inShape).toEqual([1, 3, 10, 10]);
    expect(info.padType).toBe('NUMBER');
  });

  it('convInfo with groups reads [kh, kw, C/groups, Cout] and [Cout, C/groups, kh, kw]', () => {
    const a = convInfo([1, 8, 8, 6], [3, 3, 2, 9], { groups: 3, padding: 'same' });
    expect([a.groups, a.inChannelsPerGroup, a.channelMultiplier, a.outChannels]).toEqual([3, 2, 3, 9]);
    const b = convInfo([1, 6, 8, 8], [9, 2, 3, 3], { groups: 3, padding: 'same', dataFormat: 'NCHW' });
    expect(b.outShape).toEqual([1, 9, 8, 8]);
  });

  it('convInfo: dilation with stride > 1 is allowed (PyTorch), output from the dilated kernel', () => {
    expect(convOutputShape([1, 11, 11, 1], [3, 3, 1, 1], { strides: 2, dilations: 2 })).toEqual([1, 4, 4, 1]);
  });

  it('convInfo: an empty input with same padding gives an empty output; batch 0 is allowed', () => {
    expect(convOutputShape([1, 0, 5, 2], [3, 3, 2, 1], { padding: 'same', depthwise: true })).toEqual([1, 0, 5, 2]);
    expect(convOutputShape([0, 5, 5, 2], [3, 3, 2, 4], { padding: 'valid' })).toEqual([0, 3, 3, 4]);
  });

  it('convInfo: numeric padding uses each axis own filter size (tfjs uses the height for both)', () => {
    const info = convInfo([1, 7, 7, 1], [1, 3, 1, 1], { padding: 0, strides: [1, 2] });
    expect([info.outHeight, info.outWidth]).toEqual([7, 3]);
    // tfjs: width computed from filterHeight 1 and strideHeight 1 → 7, which does not fit a 1×3 kernel
    const tf = backend_util.computeConv2DInfo([1, 7, 7, 1], [1, 3, 1, 1], [1, 2], 1, 0, undefined, false, 'channelsLast');
    expect(tf.outWidth).toBe(7);
  });

  const bad: Array<[string, () => unknown, ErrorConstructor, string]> = [
    ['rank-2 input', () => convInfo([4, 4], [3, 3, 1, 1]), RangeError, 'convInfo: input shape must have rank 3 or 4 (got [4, 4])'],
    ['rank-3 filter', () => convInfo([1, 4, 4, 1], [3, 3, 1]), RangeError, 'convInfo: filter shape must have rank 4 (got [3, 3, 1])'],
    ['input shape not an array', () => convInfo('x' as never, [3, 3, 1, 1]), TypeError, 'convInfo: input shape must be an array of numbers (got string)'],
    ['negative dim', () => convInfo([1, -4, 4, 1], [3, 3, 1, 1]), RangeError, 'convInfo: input shape[1] must be a non-negative integer (got -4)'],
    ['filter channels', () => convInfo([1, 4, 4, 2], [3, 3, 3, 1], { depthwise: true }), RangeError, 'convInfo: filter channels 3 ≠ input channels 2 (input [1, 4, 4, 2], filter [3, 3, 3, 1], NHWC)'],
    ['conv filter channels', () => convInfo([1, 4, 4, 2], [3, 3, 3, 1]), RangeError, 'convInfo: filter input channels 3 ≠ input channels / groups = 2 (input [1, 4, 4, 2], filter [3, 3, 3, 1], NHWC)'],
    ['groups not dividing', () => convInfo([1, 4, 4, 3], [3, 3, 1, 4], { groups: 2 }), RangeError, 'convInfo: input channels 3 are not divisible by groups 2 (input [1, 4, 4, 3], filter [3, 3, 1, 4])'],
    ['NCHW depthwise filter', () => convInfo([1, 2, 4, 4], [3, 2, 3, 3], { depthwise: true, dataFormat: 'NCHW' }), RangeError, 'convInfo: depthwise filter must be [C·M, 1, kh, kw] with C = 2 input channels (input [1, 2, 4, 4], filter [3, 2, 3, 3], NCHW)'],
    ['kernel too large', () => convInfo([1, 2, 2, 1], [3, 3, 1, 1]), RangeError, 'convInfo: kernel 3×3 (dilated) is larger than the padded input 2×2 (input [1, 2, 2, 1], filter [3, 3, 1, 1])'],
    ['dilated kernel too large', () => convInfo([1, 4, 4, 1], [2, 2, 1, 1], { dilations: 4, padding: 0 }), RangeError, 'convInfo: kernel 5×5 (dilated) is larger than the padded input 4×4 (input [1, 4, 4, 1], filter [2, 2, 1, 1])'],
    ['stride 0', () => convInfo([1, 4, 4, 1], [3, 3, 1, 1], { strides: 0 }), RangeError, 'convInfo: strides must be positive integers (got height 0)'],
    ['stride 1.5', () => convInfo([1, 4, 4, 1], [3, 3, 1, 1], { strides: [1, 1.5] }), RangeError, 'convInfo: strides must be positive integers (got width 1.5)'],
    ['stride string', () => convInfo([1, 4, 4, 1], [3, 3, 1, 1], { strides: '2' as never }), TypeError, 'convInfo: strides must be a number or [height, width] (got string)'],
    ['dilations length 3', () => convInfo([1, 4, 4, 1], [3, 3, 1, 1], { dilations: [1, 1, 1] as never }), RangeError, 'convInfo: dilations must be a number or [height, width] (got an array of length 3)'],
    ['padding string', () => convInfo([1, 4, 4, 1], [3, 3, 1, 1], { padding: 'full' as never }), RangeError, "convInfo: padding must be 'same', 'valid', a number or [top, bottom, left, right] (got 'full')"],
    ['padding negative', () => convInfo([1, 4, 4, 1], [3, 3, 1, 1], { padding: -1 }), RangeError, 'convInfo: padding must be a non-negative integer (got -1)'],
    ['padding 3 entries', () => convInfo([1, 4, 4, 1], [3, 3, 1, 1], { padding: [1, 1, 1] as never }), RangeError, 'convInfo: padding must be [top, bottom, left, right] (got an array of length 3)'],
    ['padding object', () => convInfo([1, 4, 4, 1], [3, 3, 1, 1], { padding: {} as never }), TypeError, "convInfo: padding must be 'same', 'valid', a number or [top, bottom, left, right] (got Object)"],
    ['rounding with same', () => convInfo([1, 4, 4, 1], [3, 3, 1, 1], { padding: 'same', dimRoundingMode: 'ceil' }), RangeError, "convInfo: dimRoundingMode needs numeric or explicit padding (got padding 'same')"],
    ['rounding bad', () => convInfo([1, 4, 4, 1], [3, 3, 1, 1], { padding: 1, dimRoundingMode: 'up' as never }), RangeError, "convInfo: dimRoundingMode must be one of 'floor', 'round', 'ceil' (got up)"],
    ['dataFormat bad', () => convInfo([1, 4, 4, 1], [3, 3, 1, 1], { dataFormat: 'NWHC' as never }), RangeError, "convInfo: dataFormat must be 'NHWC' or 'NCHW' (got NWHC)"],
    ['groups with depthwise', () => convInfo([1, 4, 4, 1], [3, 3, 1, 1], { depthwise: true, groups: 1 }), RangeError, 'convInfo: groups applies to conv2d only'],
    ['options not object', () => convInfo([1, 4, 4, 1], [3, 3, 1, 1], 3 as never), TypeError, 'convInfo: options must be an object (got number)'],
    ['zero channels', () => convInfo([1, 4, 4, 0], [3, 3, 0, 1], { depthwise: true }), RangeError, 'convInfo: input must have at least 1 channel (got input shape [1, 4, 4, 0])'],
  ];
  for (const [what, call, ctor, message] of bad) {
    it(`convInfo rejects ${what}`, () => {
      expect(call).toThrow(new ctor(message));
      expect(call).toThrow(ctor);
    });
  }

  for (const depthwise of [true, false]) {
    for (const nchw of [false, true]) {
      fcIt.prop([convCase({ maxSize: 12, maxGroups: depthwise ? 1 : 3, rounding: true })])(
        `convInfo agrees with tfjs computeConv2DInfo (depthwise=${depthwise}, ${nchw ? 'NCHW' : 'NHWC'})`,
        (k) => {
          const info = ours(k, depthwise, nchw);
          const tf = tfInfo(k, depthwise, nchw);
          expect(info.outChannels).toBe(tf.outChannels);
          expect(info.outHeight).toBe(tf.outHeight);
          expect([info.padTop, info.padBottom]).toEqual([tf.padInfo.top, tf.padInfo.bottom]);
          expect(info.padType).toBe(tf.padInfo.type);
          expect([info.effectiveFilterHeight, info.effectiveFilterWidth]).toEqual([tf.effectiveFilterHeight, tf.effectiveFilterWidth]);
          if (typeof k.padding === 'number') {
            // tfjs's numeric-padding width uses the height's filter and stride: compare against tfjs on the transposed case
            const tfT = tfInfo(k, depthwise, nchw, true);
            expect(info.outWidth).toBe(tfT.outHeight);
            expect([info.padLeft, info.padRight]).toEqual([tfT.padInfo.top, tfT.padInfo.bottom]);
          } else {
            expect(info.outWidth).toBe(tf.outWidth);
            expect([info.padLeft, info.padRight]).toEqual([tf.padInfo.left, tf.padInfo.right]);
            expect(info.outShape).toEqual(tf.outShape);
          }
        },
      );
    }
  }

  fcIt.prop([fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 })])(
    'convInfo throws exactly when the dilated kernel exceeds the padded input',
    (n, k, d, p) => {
      const call = () => convInfo([1, n, n, 1], [k, k, 1, 1], { dilations: d, padding: p });
      if ((k - 1) * d + 1 > n + 2 * p) expect(call).toThrow(RangeError);
      else expect(call().outHeight).toBe(Math.trunc((n + 2 * p - (k - 1) * d - 1) / 1 + 1));
    },
  );
});
