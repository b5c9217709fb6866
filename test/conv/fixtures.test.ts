// Agreement with values recorded from scipy.signal.correlate2d (scripts/fixtures/conv.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conv2d, depthwiseConv2d } from '../../src/conv/index.js';
import { oihwToHwio, toNchw, toNhwc } from '../support/reference/conv.js';
import { expectArraysClose } from '../support/close.js';

interface Fixture {
  name: string;
  groups: number;
  strides: [number, number];
  dilations: [number, number];
  padding: [number, number, number, number];
  x: { shape: [number, number, number, number]; data: number[] };
  w: { shape: [number, number, number, number]; data: number[] };
  y: { shape: [number, number, number, number]; data: number[] };
}

const fixtures = JSON.parse(readFileSync(join(__dirname, '../support/fixtures/conv.json'), 'utf8')) as { source: string; cases: Fixture[] };
const tol = { rtol: 1e-12, atol: 1e-12 };

describe('conv fixtures (scipy.signal.correlate2d)', () => {
  it('the fixture file names its script and has cases', () => {
    expect(fixtures.source).toMatch(/^scripts\/fixtures\/conv\.py/);
    expect(fixtures.cases.length).toBeGreaterThanOrEqual(6);
  });

  for (const f of fixtures.cases) {
    const geometry = { strides: f.strides, dilations: f.dilations, padding: f.padding };
    const [n, c, h, w] = f.x.shape;
    const [cout, cig, kh, kw] = f.w.shape;
    const x = { data: Float64Array.from(f.x.data), shape: f.x.shape };
    const wt = { data: Float64Array.from(f.w.data), shape: f.w.shape };

    it(`conv2d NCHW matches: ${f.name}`, () => {
      const y = conv2d(x, wt, { ...geometry, groups: f.groups, dataFormat: 'NCHW' });
      expect(y.shape).toEqual(f.y.shape);
      expectArraysClose(y.data, f.y.data, tol);
    });

    it(`conv2d NHWC matches: ${f.name}`, () => {
      const y = conv2d({ data: toNhwc(x.data, n, c, h, w), shape: [n, h, w, c] }, { data: oihwToHwio(wt.data, cout, cig, kh, kw), shape: [kh, kw, cig, cout] }, { ...geometry, groups: f.groups });
      const [, oh, ow] = y.shape as [number, number, number, number];
      expectArraysClose(toNchw(y.data, n, oh, ow, cout), f.y.data, tol);
    });

    if (f.groups === c && cig === 1) {
      it(`depthwiseConv2d NCHW and NHWC match: ${f.name}`, () => {
        const yc = depthwiseConv2d(x, wt, { ...geometry, dataFormat: 'NCHW' });
        expectArraysClose(yc.data, f.y.data, tol);
        const yh = depthwiseConv2d({ data: toNhwc(x.data, n, c, h, w), shape: [n, h, w, c] }, { data: oihwToHwio(wt.data, cout, 1, kh, kw), shape: [kh, kw, c, cout / c] }, geometry);
        const [, oh, ow] = yh.shape as [number, number, number, number];
        expectArraysClose(toNchw(yh.data, n, oh, ow, cout), f.y.data, tol);
      });
    }
  }
});
