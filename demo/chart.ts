/**
 * A dependency-free SVG scatter chart of compressed size against SQNR for the demo's report.
 */

/** One compressed model: its size, its weights' SQNR and whether its outputs agree with the original's. */
export interface SizeErrorPoint {
  /** Short label drawn beside the marker (e.g. `prune 50% + 5 bit`). */
  readonly label: string;
  /** Series the point belongs to (one colour and marker shape per model). */
  readonly model: string;
  /** Compressed size in bytes (> 0). */
  readonly bytes: number;
  /** Signal-to-quantization-noise ratio in dB; `Infinity` for lossless (drawn on an "∞" row at the top). */
  readonly sqnrDb: number;
  /** The decompressed model's outputs agree with the original's: filled marker, else hollow. */
  readonly agree: boolean;
}

/** Title and size of the chart. */
export interface SizeErrorChartOptions {
  readonly title?: string;
  /** Default 720. */
  readonly width?: number;
  /** Default 420. */
  readonly height?: number;
}

/** Okabe–Ito colours (distinguishable with colour-vision deficiencies). */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];
const SHAPES = ['circle', 'square', 'diamond', 'triangle'] as const;
type Shape = (typeof SHAPES)[number];

/** Escapes text for SVG character data and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A coordinate with at most 2 decimals (deterministic output, no `-0`). */
function n(x: number): string {
  const r = Math.round(x * 100) / 100;
  return String(r === 0 ? 0 : r);
}

/** Bytes as `512 B`, `20 KB`, `1.5 MB` (decimal units: 1 KB = 1000 bytes). */
export function formatBytes(bytes: number): string {
  const fmt = (v: number): string => String(Number(v.toPrecision(3)));
  if (bytes < 1e3) return `${fmt(bytes)} B`;
  if (bytes < 1e6) return `${fmt(bytes / 1e3)} KB`;
  if (bytes < 1e9) return `${fmt(bytes / 1e6)} MB`;
  return `${fmt(bytes / 1e9)} GB`;
}

/** "Nice" linear ticks (steps of 1, 2 or 5 × 10^k) covering [lo, hi], about `count` of them. */
function linearTicks(lo: number, hi: number, count: number): { ticks: number[]; lo: number; hi: number } {
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const first = Math.floor(lo / step) * step;
  const last = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let i = 0; first + i * step <= last + step * 1e-9; i++) ticks.push(Number((first + i * step).toPrecision(12)));
  return { ticks, lo: first, hi: last };
}

/** Ticks 1, 2, 5 × 10^k inside [lo, hi] (log axis); falls back to more ticks when the range is narrow. */
function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  if (out.length >= 3) return out;
  return linearTicks(lo, hi, 4).ticks.filter((v) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) && v > 0);
}

function marker(shape: Shape, x: number, y: number, r: number, colour: string, filled: boolean): string {
  const style = `fill="${filled ? colour : '#ffffff'}" stroke="${colour}" stroke-width="2"`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" ${style}/>`;
    case 'square':
      return `<rect x="${n(x - r)}" y="${n(y - r)}" width="${n(2 * r)}" height="${n(2 * r)}" ${style}/>`;
    case 'diamond': {
      const d = r * 1.3;
      return `<polygon points="${n(x)},${n(y - d)} ${n(x + d)},${n(y)} ${n(x)},${n(y + d)} ${n(x - d)},${n(y)}" ${style}/>`;
    }
    case 'triangle': {
      const d = r * 1.25;
      return `<polygon points="${n(x)},${n(y - d)} ${n(x + d)},${n(y + d * 0.8)} ${n(x - d)},${n(y + d * 0.8)}" ${style}/>`;
    }
  }
}

/**
 * An SVG chart of compressed size (x; log scale when sizes span 10× or more, else linear; KB/MB
 * ticks, 1 KB = 1000 bytes) against SQNR in dB (y), one colour and marker shape per model with a
 * legend, markers filled where the decompressed model's outputs agree with the original's and hollow
 * where they do not, every point labelled. Points of a model are joined by a thin line in size
 * order (lossless points excluded). `Infinity` SQNR (lossless) is drawn on an "∞" row above the axis; points with NaN or
 * −Infinity SQNR or a non-finite/non-positive size are left out (and counted in the chart's `<desc>`).
 * Pure and deterministic; all text is XML-escaped.
 */
export function sizeErrorChartSvg(points: readonly SizeErrorPoint[], options: SizeErrorChartOptions = {}): string {
  const width = options.width ?? 720;
  const height = options.height ?? 420;
  const title = options.title ?? 'Compressed size vs. weight error';

  const drawable = points.filter((p) => Number.isFinite(p.bytes) && p.bytes > 0 && (Number.isFinite(p.sqnrDb) || p.sqnrDb === Infinity));
  const skipped = points.length - drawable.length;
  const models = [...new Set(drawable.map((p) => p.model))];
  const hasInfinite = drawable.some((p) => p.sqnrDb === Infinity);

  // Layout.
  const legendWidth = models.length > 0 ? Math.min(200, Math.max(120, 40 + 7 * Math.max(...models.map((m) => m.length), 16))) : 0;
  const left = 64;
  const right = width - 16 - legendWidth;
  const top = title ? 44 : 20;
  const bottom = height - 52;
  const infRowY = top + 10;
  const plotTop = hasInfinite ? top + 30 : top;

  // x scale.
  const sizes = drawable.map((p) => p.bytes);
  let xLo = sizes.length > 0 ? Math.min(...sizes) : 1e3;
  let xHi = sizes.length > 0 ? Math.max(...sizes) : 1e6;
  const log = xHi / xLo >= 10;
  let xTicks: number[];
  if (log) {
    xLo /= 1.25;
    xHi *= 1.25;
    xTicks = logTicks(xLo, xHi);
  } else {
    const pad = xHi > xLo ? (xHi - xLo) * 0.08 : Math.max(xLo * 0.1, 1);
    const t = linearTicks(Math.max(0, xLo - pad), xHi + pad, 5);
    xTicks = t.ticks;
    xLo = t.lo;
    xHi = t.hi;
  }
  const xOf = log
    ? (b: number): number => left + ((Math.log(b) - Math.log(xLo)) / (Math.log(xHi) - Math.log(xLo))) * (right - left)
    : (b: number): number => left + ((b - xLo) / (xHi - xLo)) * (right - left);

  // y scale.
  const finiteDb = drawable.filter((p) => Number.isFinite(p.sqnrDb)).map((p) => p.sqnrDb);
  let yLo = finiteDb.length > 0 ? Math.min(...finiteDb) : 0;
  let yHi = finiteDb.length > 0 ? Math.max(...finiteDb) : 60;
  if (yHi - yLo < 1e-9) {
    yLo -= 5;
    yHi += 5;
  }
  const yPad = (yHi - yLo) * 0.06;
  const yt = linearTicks(yLo - yPad, yHi + yPad, 6);
  yLo = yt.lo;
  yHi = yt.hi;
  const yOf = (db: number): number => (db === Infinity ? infRowY : bottom - ((db - yLo) / (yHi - yLo)) * (bottom - plotTop));

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
  );
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(
    `<desc>${escapeXml(`${drawable.length} points, ${models.length} models, x: compressed size (${log ? 'log' : 'linear'} scale), y: SQNR in dB${skipped > 0 ? `, ${skipped} points left out (non-finite values)` : ''}`)}</desc>`,
  );
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  if (title) out.push(`<text x="${n(width / 2)}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`);

  // Grid and axes.
  out.push('<g stroke="#e3e3e3" stroke-width="1">');
  for (const v of xTicks) out.push(`<line x1="${n(xOf(v))}" y1="${n(plotTop)}" x2="${n(xOf(v))}" y2="${n(bottom)}"/>`);
  for (const v of yt.ticks) out.push(`<line x1="${n(left)}" y1="${n(yOf(v))}" x2="${n(right)}" y2="${n(yOf(v))}"/>`);
  out.push('</g>');
  out.push(`<rect x="${n(left)}" y="${n(plotTop)}" width="${n(right - left)}" height="${n(bottom - plotTop)}" fill="none" stroke="#444444"/>`);
  out.push('<g fill="#333333" font-size="11">');
  for (const v of xTicks) out.push(`<text x="${n(xOf(v))}" y="${n(bottom + 16)}" text-anchor="middle">${escapeXml(formatBytes(v))}</text>`);
  for (const v of yt.ticks) out.push(`<text x="${n(left - 6)}" y="${n(yOf(v) + 4)}" text-anchor="end">${escapeXml(String(v))}</text>`);
  if (hasInfinite) {
    out.push(`<text x="${n(left - 6)}" y="${n(infRowY + 4)}" text-anchor="end">∞</text>`);
    out.push(
      `<line x1="${n(left)}" y1="${n(infRowY)}" x2="${n(right)}" y2="${n(infRowY)}" stroke="#bbbbbb" stroke-dasharray="4 3"/>`,
    );
  }
  out.push('</g>');
  out.push(
    `<text x="${n((left + right) / 2)}" y="${n(height - 14)}" text-anchor="middle" font-size="13">${escapeXml(`compressed size (${log ? 'log scale' : 'linear scale'})`)}</text>`,
  );
  const yMid = (plotTop + bottom) / 2;
  out.push(`<text x="18" y="${n(yMid)}" text-anchor="middle" font-size="13" transform="rotate(-90 18 ${n(yMid)})">SQNR (dB)</text>`);

  // Series.
  models.forEach((model, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const shape = SHAPES[i % SHAPES.length]!;
    const series = drawable
      .filter((p) => p.model === model)
      .map((p, k) => ({ p, k }))
      .sort((a, b) => a.p.bytes - b.p.bytes || a.k - b.k)
      .map(({ p }) => p);
    out.push(`<g class="series" data-model="${escapeXml(model)}">`);
    const finite = series.filter((p) => Number.isFinite(p.sqnrDb));
    if (finite.length > 1) {
      const path = finite.map((p) => `${n(xOf(p.bytes))},${n(yOf(p.sqnrDb))}`).join(' ');
      out.push(`<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="1.2" stroke-opacity="0.45"/>`);
    }
    for (const p of series) {
      const x = xOf(p.bytes);
      const y = yOf(p.sqnrDb);
      const info = `${p.model}: ${p.label}, ${formatBytes(p.bytes)}, SQNR ${Number.isFinite(p.sqnrDb) ? `${p.sqnrDb.toFixed(1)} dB` : '∞'}, outputs ${p.agree ? 'agree' : 'differ'}`;
      out.push(`<g><title>${escapeXml(info)}</title>${marker(shape, x, y, 5, colour, p.agree)}</g>`);
      const anchorEnd = x > right - 90;
      out.push(
        `<text x="${n(anchorEnd ? x - 8 : x + 8)}" y="${n(y - 7)}" text-anchor="${anchorEnd ? 'end' : 'start'}" font-size="10" fill="#333333">${escapeXml(p.label)}</text>`,
      );
    }
    out.push('</g>');
  });
  if (drawable.length === 0) {
    out.push(`<text x="${n((left + right) / 2)}" y="${n(yMid)}" text-anchor="middle" fill="#888888">no data</text>`);
  }

  // Legend.
  if (models.length > 0) {
    const lx = right + 16;
    let ly = plotTop + 8;
    out.push('<g class="legend" font-size="11">');
    models.forEach((model, i) => {
      const colour = COLOURS[i % COLOURS.length]!;
      out.push(marker(SHAPES[i % SHAPES.length]!, lx + 6, ly, 5, colour, true));
      out.push(`<text x="${n(lx + 18)}" y="${n(ly + 4)}">${escapeXml(model)}</text>`);
      ly += 20;
    });
    ly += 6;
    out.push(marker('circle', lx + 6, ly, 5, '#555555', true));
    out.push(`<text x="${n(lx + 18)}" y="${n(ly + 4)}">outputs agree</text>`);
    ly += 20;
    out.push(marker('circle', lx + 6, ly, 5, '#555555', false));
    out.push(`<text x="${n(lx + 18)}" y="${n(ly + 4)}">outputs differ</text>`);
    out.push('</g>');
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
