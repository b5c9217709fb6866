// Agreement with torch.ao.nn.quantized.functional.conv2d (scripts/fixtures/quant_conv_torch.py).
// torch requantizes in float and TFLite (our semantics) in fixed point, so an output may differ by
// one step; anything more is a real disagreement.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quantizedDepthwiseConv2d, quantizedPointwiseConv2d } from '../../src/quant/index.js';

interface TorchQuantConvCase {
  name: string;
  depthwise: boolean;
  stride: number;
  padding: [number, number, number, number];
  inputScale: number;
  inputZeroPoint: number;
  filterScales: number[];
  outputScale: number;
  outputZeroPoint: number;
  bias: number[];
  x: { shape: number[]; data: number[] };
  w: { shape: number[]; data: number[] };
  y: { shape: number[]; data: number[] };
}

const fixtures = JSON.parse(readFileSync(join(__dirname, '../support/fixtures/quant-conv-torch.json'), 'utf8')) as {
  source: string; engine: string; cases: TorchQuantConvCase[];
};

describe('int8 conv fixtures (torch.ao.nn.quantized.functional.conv2d)', () => {
  it('the fixture file names its script and holds depthwise (groups = C) and pointwise cases', () => {
    expect(fixtures.source).toMatch(/^scripts\/fixtures\/quant_conv_torch\.py \(torch\.ao\.nn\.quantized\.functional\.conv2d/);
    expect(fixtures.cases.some((f) => f.depthwise)).toBe(true);
    expect(fixtures.cases.some((f) => !f.depthwise)).toBe(true);
  });

  for (const f of fixtures.cases) {
    it(`${f.depthwise ? 'quantizedDepthwiseConv2d' : 'quantizedPointwiseConv2d'} is within one step of torch, and equal for ≥ 95% of outputs: ${f.name}`, () => {
      const x = { data: Int8Array.from(f.x.data), shape: f.x.shape };
      const w = { data: Int8Array.from(f.w.data), shape: f.w.shape };
      const options = {
        inputQuant: { scale: f.inputScale, zeroPoint: f.inputZeroPoint },
        filterQuant: { scale: f.filterScales },
        outputQuant: { scale: f.outputScale, zeroPoint: f.outputZeroPoint },
        bias: Int32Array.from(f.bias),
      };
      const y = f.depthwise
        ? quantizedDepthwiseConv2d(x, w, { ...options, strides: f.stride, padding: f.padding })
        : quantizedPointwiseConv2d(x, w, options);
      expect(y.shape).toEqual(f.y.shape);
      let equal = 0;
      let worst = 0;
      for (let i = 0; i < f.y.data.length; i++) {
        const d = Math.abs(y.data[i]! - f.y.data[i]!);
        if (d === 0) equal++;
        worst = Math.max(worst, d);
      }
      expect(f.depthwise || (f.stride === 1 && f.padding.every((p) => p === 0))).toBe(true);
      expect(worst).toBeLessThanOrEqual(1);
      expect(equal / f.y.data.length).toBeGreaterThanOrEqual(0.95);
    });
  }
});
