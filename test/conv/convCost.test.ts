import { describe, expect, it } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { convCost, modelCost } from '../../src/conv/index.js';
import type { ConvLayer } from '../../src/conv/index.js';

/** MobileNet v1 (Howard et al. 2017, Table 1; α = 1, 224×224; the last dw is stride 1, fixing the table's typo). */
function mobileNetV1(): ConvLayer[] {
  const layers: ConvLayer[] = [{ type: 'conv2d', inputShape: [224, 224, 3], kernelSize: 3, outChannels: 32, strides: 2 }];
  const blocks: Array<[number, number, number, number]> = [
    // [input size, input channels, output channels, depthwise stride]
    [112, 32, 64, 1], [112, 64, 128, 2], [56, 128, 128, 1], [56, 128, 256, 2], [28, 256, 256, 1], [28, 256, 512, 2],
    [14, 512, 512, 1], [14, 512, 512, 1], [14, 512, 512, 1], [14, 512, 512, 1], [14, 512, 512, 1],
    [14, 512, 1024, 2], [7, 1024, 1024, 1],
  ];
  for (const [size, cin, cout, s] of blocks) {
    layers.push({ type: 'depthwise', inputShape: [size, size, cin], kernelSize: 3, strides: s });
    const o = Math.ceil(size / s);
    layers.push({ type: 'pointwise', inputShape: [o, o, cin], outChannels: cout });
  }
  layers.push({ type: 'dense', inputShape: [1024], outChannels: 1000, bias: true });
  return layers;
}

describe('convCost', () => {
  it('convCost of MobileNet Table 3 (14×14×512 → 512, 3×3): 462M vs 52.3M MACs, 2.36M vs 0.27M params', () => {
    const std = convCost({ type: 'conv2d', inputShape: [14, 14, 512], kernelSize: 3, outChannels: 512 });
    const sep = convCost({ type: 'separable', inputShape: [14, 14, 512], kernelSize: 3, outChannels: 512 });
    expect([std.macs, std.params]).toEqual([462_422_016, 2_359_296]);
    expect([sep.macs, sep.params]).toEqual([52_283_392, 266_752]);
    expect((std.macs / sep.macs).toFixed(2)).toBe('8.84');
  });

  fcIt.prop([fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 128 }), fc.integer({ min: 1, max: 7 })])(
    'convCost: separable / standard = 1/N + 1/k² (MobileNet eq. 5)',
    (size, m, n, k) => {
      const std = convCost({ type: 'conv2d', inputShape: [size, size, m], kernelSize: k, outChannels: n });
      const sep = convCost({ type: 'separable', inputShape: [size, size, m], kernelSize: k, outChannels: n });
      expect(sep.macs / std.macs).toBeCloseTo(1 / n + 1 / (k * k), 12);
      const dw = convCost({ type: 'depthwise', inputShape: [size, size, m], kernelSize: k });
      const pw = convCost({ type: 'pointwise', inputShape: dw.outputShape, outChannels: n });
      expect(sep.macs).toBe(dw.macs + pw.macs);
      expect(sep.params).toBe(dw.params + pw.params);
    },
  );

  it('convCost counts groups, channel multipliers, strides, valid padding and biases', () => {
    expect(convCost({ type: 'conv2d', inputShape: [8, 8, 6], kernelSize: [3, 1], outChannels: 9, groups: 3, bias: true })).toEqual({ type: 'conv2d', macs: 8 * 8 * 9 * 3 * 2, params: 3 * 2 * 9 + 9, outputShape: [8, 8, 9] });
    expect(convCost({ type: 'depthwise', inputShape: [9, 9, 4], kernelSize: 3, channelMultiplier: 2, strides: 2, padding: 'valid', bias: true })).toEqual({ type: 'depthwise', macs: 4 * 4 * 8 * 9, params: 72 + 8, outputShape: [4, 4, 8] });
    expect(convCost({ type: 'dense', inputShape: [7, 7, 2], outChannels: 10 })).toEqual({ type: 'dense', macs: 980, params: 980, outputShape: [10] });
  });

  const bad: Array<[string, () => unknown, ErrorConstructor, string]> = [
    ['unknown type', () => convCost({ type: 'pool' as never, inputShape: [4, 4, 1] }), RangeError, "convCost: layer.type must be one of 'conv2d', 'depthwise', 'pointwise', 'separable', 'dense' (got pool)"],
    ['missing kernel', () => convCost({ type: 'depthwise', inputShape: [4, 4, 1] }), RangeError, 'convCost: layer.kernelSize is required'],
    ['missing outChannels', () => convCost({ type: 'conv2d', inputShape: [4, 4, 1], kernelSize: 3 }), RangeError, 'convCost: layer.outChannels is required'],
    ['bad shape rank', () => convCost({ type: 'conv2d', inputShape: [4, 4], kernelSize: 3, outChannels: 1 }), RangeError, 'convCost: layer.inputShape must be [H, W, C] (got [4, 4])'],
    ['kernel 0', () => convCost({ type: 'conv2d', inputShape: [4, 4, 1], kernelSize: 0, outChannels: 1 }), RangeError, 'convCost: layer.kernelSize must be a positive integer (got 0)'],
    ['layer not an object', () => convCost(3 as never), TypeError, 'convCost: layer must be an object (got number)'],
    ['layers not an array', () => modelCost({} as never), TypeError, 'modelCost: layers must be an Array (got Object)'],
    ['bad layer in a model', () => modelCost([{ type: 'dense', inputShape: [4], outChannels: 2 }, { type: 'pointwise', inputShape: [2, 2, 2] }]), RangeError, 'modelCost: layers[1].outChannels is required'],
    ['kernel larger than valid input', () => convCost({ type: 'conv2d', inputShape: [2, 2, 1], kernelSize: 3, outChannels: 1, padding: 'valid' }), RangeError, 'convCost: kernel 3×3 (dilated) is larger than the padded input 2×2 (input [2, 2, 1], filter [3, 3, 1, 1])'],
  ];
  for (const [what, call, ctor, message] of bad) {
    it(`convCost rejects ${what}`, () => {
      expect(call).toThrow(new ctor(message));
    });
  }
});

describe('modelCost', () => {
  it('modelCost(MobileNet v1) is 568,740,352 MACs and 4,210,088 weights (paper: 569M, 4.2M)', () => {
    const m = modelCost(mobileNetV1());
    expect(m.macs).toBe(568_740_352);
    expect(m.params).toBe(4_210_088);
    expect(m.layers.at(-2)!.outputShape).toEqual([7, 7, 1024]);
  });

  it('modelCost(MobileNet v1) reproduces Table 2: 1×1 94.86% of MACs / 74.59% of params, dw 3.06% / 1.06%, FC 0.18% / 24.33%', () => {
    // the paper's parameter shares leave out the FC bias (they sum to 4,209,088)
    const m = modelCost(mobileNetV1().map((l) => (l.type === 'dense' ? { ...l, bias: false } : l)));
    expect(m.params).toBe(4_209_088);
    const share = (type: string, key: 'macs' | 'params') => (100 * m.layers.filter((l) => l.type === type).reduce((s, l) => s + l[key], 0)) / m[key];
    expect(share('pointwise', 'macs').toFixed(2)).toBe('94.86');
    expect(share('depthwise', 'macs').toFixed(2)).toBe('3.06');
    expect(share('dense', 'macs').toFixed(2)).toBe('0.18');
    expect(share('pointwise', 'params').toFixed(2)).toBe('74.59');
    expect(share('depthwise', 'params').toFixed(2)).toBe('1.06');
    expect(share('dense', 'params').toFixed(2)).toBe('24.33');
  });

  it('modelCost of the same network with standard 3×3 convs is the full-conv MobileNet (Table 4: 4866M MACs within 0.03%, 29.3M params)', () => {
    const full = mobileNetV1().flatMap((l, i, all): ConvLayer[] => {
      if (l.type === 'depthwise') {
        const pw = all[i + 1]!;
        return [{ type: 'conv2d', inputShape: l.inputShape, kernelSize: 3, strides: l.strides ?? 1, outChannels: pw.outChannels! }];
      }
      return l.type === 'pointwise' ? [] : [l];
    });
    const m = modelCost(full);
    // exact count 4,867,293,184; the paper's 4866M is within 0.02% (its rounding/accounting is not stated)
    expect(m.macs).toBe(4_867_293_184);
    expect(Math.abs(m.macs / 4866e6 - 1)).toBeLessThan(3e-4);
    expect((m.params / 1e6).toFixed(1)).toBe('29.3');
  });

  it('modelCost of no layers is zero', () => {
    expect(modelCost([])).toEqual({ macs: 0, params: 0, layers: [] });
  });
});
