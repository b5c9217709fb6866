import { describe, expect, it } from 'vitest';
import { escapeXml, formatBytes, sizeErrorChartSvg, type SizeErrorPoint } from '../../demo/chart.js';

const points: SizeErrorPoint[] = [
  { label: 'uint8', model: 'ssd', bytes: 5_600_000, sqnrDb: Infinity, agree: true },
  { label: '6-bit', model: 'ssd', bytes: 3_100_000, sqnrDb: 37.5, agree: true },
  { label: '4-bit', model: 'ssd', bytes: 2_000_000, sqnrDb: 25.1, agree: false },
  { label: '6-bit', model: 'tiny', bytes: 150_000, sqnrDb: 38.2, agree: true },
  { label: '3-bit', model: 'tiny', bytes: 70_000, sqnrDb: 19.9, agree: false },
];

/** Checks tags are balanced and properly nested (self-closing tags aside) and returns the tag names. */
function checkWellFormed(svg: string): string[] {
  const stack: string[] = [];
  const names: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*?)(\/?)>/g)) {
    const [, close, name, attrs, self] = m;
    names.push(name!);
    if (close) expect(stack.pop()).toBe(name);
    else if (!self) stack.push(name!);
    // attributes are name="value" pairs with no raw < or & that is not an entity
    for (const a of attrs!.matchAll(/\s([\w:-]+)="([^"]*)"/g)) expect(a[2]).not.toMatch(/<|&(?!(amp|lt|gt|quot|#39);)/);
  }
  expect(stack).toEqual([]);
  // text outside tags has no raw '<' or bare '&'
  const text = svg.replace(/<[^>]*>/g, '');
  expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
  return names;
}

function numbers(svg: string): number[] {
  const out: number[] = [];
  for (const m of svg.matchAll(/\s(?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"/g)) out.push(Number(m[1]));
  for (const m of svg.matchAll(/points="([^"]*)"/g)) for (const v of m[1]!.split(/[ ,]/)) out.push(Number(v));
  return out;
}

describe('sizeErrorChartSvg', () => {
  it('is a well-formed svg with finite coordinates inside the canvas', () => {
    const svg = sizeErrorChartSvg(points, { title: 'face-api' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="720" height="420"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const names = checkWellFormed(svg);
    expect(names).toContain('title');
    const nums = numbers(svg);
    expect(nums.length).toBeGreaterThan(50);
    for (const v of nums) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(720);
    }
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('has one series per model, a legend, labels, axis titles and KB/MB ticks (log x for a wide size range)', () => {
    const svg = sizeErrorChartSvg(points);
    expect(svg.match(/class="series"/g)).toHaveLength(2);
    expect(svg).toContain('data-model="ssd"');
    expect(svg).toContain('data-model="tiny"');
    expect(svg).toContain('class="legend"');
    expect(svg).toContain('outputs agree');
    expect(svg).toContain('outputs differ');
    expect(svg).toContain('SQNR (dB)');
    expect(svg).toContain('compressed size (log scale)');
    expect(svg).toMatch(/>\d+(\.\d+)? KB</);
    expect(svg).toMatch(/>\d+(\.\d+)? MB</);
    for (const p of points) expect(svg).toContain(`>${p.label}<`);
    expect(svg).toContain('>∞<'); // the lossless row
  });

  it('markers are filled when outputs agree and hollow when not', () => {
    const svg = sizeErrorChartSvg([
      { label: 'a', model: 'm', bytes: 1000, sqnrDb: 30, agree: true },
      { label: 'b', model: 'm', bytes: 1200, sqnrDb: 20, agree: false },
    ]);
    const series = svg.slice(svg.indexOf('class="series"'), svg.indexOf('class="legend"'));
    const colour = /stroke="(#[0-9A-Fa-f]{6})" stroke-width="2"/.exec(series)![1]!;
    expect(series).toContain(`fill="${colour}" stroke="${colour}"`);
    expect(series).toContain(`fill="#ffffff" stroke="${colour}"`);
    expect(svg).toContain('compressed size (linear scale)');
  });

  it('escapes text in titles, labels and model names', () => {
    const svg = sizeErrorChartSvg([{ label: 'a <b> & "c"', model: "m'<x>", bytes: 2000, sqnrDb: 10, agree: true }], { title: 'T & <T>' });
    checkWellFormed(svg);
    expect(svg).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).toContain('m&#39;&lt;x&gt;');
    expect(svg).toContain('T &amp; &lt;T&gt;');
    expect(svg).not.toContain('<b>');
  });

  it('is deterministic and honours width and height', () => {
    expect(sizeErrorChartSvg(points)).toBe(sizeErrorChartSvg([...points]));
    const svg = sizeErrorChartSvg(points, { width: 1000, height: 600 });
    expect(svg).toContain('viewBox="0 0 1000 600"');
    for (const v of numbers(svg)) expect(v).toBeLessThanOrEqual(1000);
  });

  it('handles no points, one point and non-finite values', () => {
    for (const pts of [
      [],
      [{ label: 'only', model: 'm', bytes: 1234, sqnrDb: 12, agree: true }],
      [{ label: 'lossless', model: 'm', bytes: 1234, sqnrDb: Infinity, agree: true }],
      [
        { label: 'nan', model: 'm', bytes: 1234, sqnrDb: NaN, agree: true },
        { label: 'zero', model: 'm', bytes: 0, sqnrDb: 3, agree: true },
        { label: 'ok', model: 'm', bytes: 99, sqnrDb: 3, agree: false },
      ],
    ]) {
      const svg = sizeErrorChartSvg(pts);
      checkWellFormed(svg);
      for (const v of numbers(svg)) expect(Number.isFinite(v)).toBe(true);
      expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    }
    expect(sizeErrorChartSvg([])).toContain('no data');
    expect(sizeErrorChartSvg([{ label: 'nan', model: 'm', bytes: 1, sqnrDb: NaN, agree: true }])).toContain('1 points left out');
  });
});

describe('chart helpers', () => {
  it('formatBytes uses decimal B/KB/MB/GB with 3 significant digits', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(20_000)).toBe('20 KB');
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
    expect(formatBytes(5_612_345)).toBe('5.61 MB');
    expect(formatBytes(2e9)).toBe('2 GB');
  });

  it('escapeXml escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
