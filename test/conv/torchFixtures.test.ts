// Agreement with torch.nn.functional.conv2d (scripts/fixtures/conv_torch.py): float64 cases within
// float64 rounding, float32 cases (computed by torch in float32) within float32 tolerance.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conv2d, depthwiseConv2d, pointwiseConv2d } from '../../src/conv/index.js';
import { convTolerance, oihwToHwio, toNchw, toNhwc } from '../support/reference/conv.js';
import { expectArraysClose } from '../support/close.js';

interface TorchCase {
  name: string;
  dtype: 'float32' | 'float64';
  groups: number;
  strides: [number, number];
  dilations: [number, number];
  padding: [number, number, number, number];
  x: { shape: [number, number, number, number]; data: number[] };
  w: { shape: [number, number, number, number]; data: number[] };
  bias: number[] | null;
  y: { shape: [number, number, number, number]; data: number[] };
}

const fixtures = JSON.parse(readFileSync(join(__dirname, '../support/fixtures/conv-torch.json'), 'utf8')) as { source: string; cases: TorchCase[] };

describe('conv fixtures (torch.nn.functional.conv2d)', () => {
  it('the fixture file names its script and covers depthwise, grouped, standard and 1×1 cases in both dtypes', () => {
    expect(fixtures.source).toMatch(/^scripts\/fixtures\/conv_torch\.py \(torch\.nn\.functional\.conv2d/);
    const names = fixtures.cases.map((f) => f.name).join('\n');
    for (const word of ['depthwise', 'groups=2', 'groups=1', 'pointwise', 'float32']) expect(names).toContain(word);
  });

  for (const f of fixtures.cases) {
    const f32 = f.dtype === 'float32';
    const Float = f32 ? Float32Array : Float64Array;
    const geometry = { strides: f.strides, dilations: f.dilations, padding: f.padding };
    const [n, c, h, w] = f.x.shape;
    const [cout, cig, kh, kw] = f.w.shape;
    const x = { data: Float.from(f.x.data), shape: f.x.shape };
    const wt = { data: Float.from(f.w.data), shape: f.w.shape };
    const bias = f.bias === null ? undefined : Float.from(f.bias);
    const tol = convTolerance(f32, cig * kh * kw, 16);
    const nhwcInput = { data: Float.from(toNhwc(x.data, n, c, h, w)), shape: [n, h, w, c] };

    it(`conv2d NCHW and NHWC match torch: ${f.name}`, () => {
      const yc = conv2d(x, wt, { ...geometry, groups: f.groups, bias, dataFormat: 'NCHW' });
      expect(yc.shape).toEqual(f.y.shape);
      expect(yc.data).toBeInstanceOf(Float);
      expectArraysClose(yc.data, f.y.data, tol);
      const yh = conv2d(nhwcInput, { data: Float.from(oihwToHwio(wt.data, cout, cig, kh, kw)), shape: [kh, kw, cig, cout] }, { ...geometry, groups: f.groups, bias });
      const [, oh, ow] = yh.shape as [number, number, number, number];
      expectArraysClose(toNchw(yh.data, n, oh, ow, cout), f.y.data, tol);
    });

    if (f.groups === c && cig === 1) {
      it(`depthwiseConv2d NCHW and NHWC match torch: ${f.name}`, () => {
        const yc = depthwiseConv2d(x, wt, { ...geometry, bias, dataFormat: 'NCHW' });
        expectArraysClose(yc.data, f.y.data, tol);
        const filter = { data: Float.from(oihwToHwio(wt.data, cout, 1, kh, kw)), shape: [kh, kw, c, cout / c] };
        const yh = depthwiseConv2d(nhwcInput, filter, { ...geometry, bias });
        const [, oh, ow] = yh.shape as [number, number, number, number];
        expectArraysClose(toNchw(yh.data, n, oh, ow, cout), f.y.data, tol);
      });
    }

    if (kh === 1 && kw === 1 && f.groups === 1) {
      it(`pointwiseConv2d NCHW and NHWC match torch: ${f.name}`, () => {
        const yc = pointwiseConv2d(x, wt, { bias, dataFormat: 'NCHW' });
        expectArraysClose(yc.data, f.y.data, tol);
        const yh = pointwiseConv2d(nhwcInput, { data: Float.from(oihwToHwio(wt.data, cout, c, 1, 1)), shape: [1, 1, c, cout] }, { bias });
        expectArraysClose(toNchw(yh.data, n, h, w, cout), f.y.data, tol);
      });
    }
  }
});
