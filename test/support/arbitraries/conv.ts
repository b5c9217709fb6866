// Conv cases generated as a record, then normalised to a valid case (fast-check extraParameters style).
import { fc } from '@fast-check/vitest';
import type { ConvPadding, DimRoundingMode } from '../../../src/conv/index.js';
import { createRng } from '../../../src/core/prng.js';

/** One conv configuration in NHWC terms; `cout` is the channel multiplier for depthwise cases. */
export interface ConvCase {
  batch: number;
  inH: number;
  inW: number;
  c: number;
  kh: number;
  kw: number;
  /** depthwise: channel multiplier; conv: output channels per group */
  m: number;
  groups: number;
  strides: [number, number];
  dilations: [number, number];
  padding: ConvPadding;
  dimRoundingMode: DimRoundingMode | undefined;
}

/** Arbitrary paddings: 'same', 'valid', a number or explicit [t, b, l, r]. */
export const paddingArb: fc.Arbitrary<ConvPadding> = fc.oneof(
  fc.constant('same' as const),
  fc.constant('valid' as const),
  fc.integer({ min: 0, max: 3 }),
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
);

/**
 * A valid conv case: the (dilated) kernel always fits the padded input. Sizes stay small so a
 * 7-loop reference is fast; 1×N and N×1 filters, stride 2, dilation > 1 and odd sizes all occur.
 */
export function convCase(opts: { maxSize?: number; maxC?: number; maxM?: number; maxGroups?: number; rounding?: boolean } = {}): fc.Arbitrary<ConvCase> {
  const maxSize = opts.maxSize ?? 9;
  return fc
    .record({
      batch: fc.integer({ min: 1, max: 2 }),
      inH: fc.integer({ min: 1, max: maxSize }),
      inW: fc.integer({ min: 1, max: maxSize }),
      cPerGroup: fc.integer({ min: 1, max: opts.maxC ?? 4 }),
      groups: fc.integer({ min: 1, max: opts.maxGroups ?? 1 }),
      kh: fc.integer({ min: 1, max: 4 }),
      kw: fc.integer({ min: 1, max: 4 }),
      m: fc.integer({ min: 1, max: opts.maxM ?? 3 }),
      strides: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      dilations: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      padding: paddingArb,
      rounding: opts.rounding === true ? fc.constantFrom(undefined, 'floor' as const, 'round' as const, 'ceil' as const) : fc.constant(undefined),
    })
    .map((r) => {
      let { kh, kw } = r;
      const [dh, dw] = r.dilations;
      const pad = r.padding;
      const [pt, pb, pl, pr] = typeof pad === 'number' ? [pad, pad, pad, pad] : Array.isArray(pad) ? pad : [0, 0, 0, 0];
      // shrink the kernel until it fits the padded input ('same' always fits)
      const roomH = pad === 'same' ? Infinity : r.inH + pt + pb;
      const roomW = pad === 'same' ? Infinity : r.inW + pl + pr;
      while (kh > 1 && (kh - 1) * dh + 1 > roomH) kh--;
      while (kw > 1 && (kw - 1) * dw + 1 > roomW) kw--;
      const dimRoundingMode = typeof pad === 'string' ? undefined : r.rounding;
      return {
        batch: r.batch,
        inH: r.inH,
        inW: r.inW,
        c: r.cPerGroup * r.groups,
        kh,
        kw,
        m: r.m,
        groups: r.groups,
        strides: r.strides,
        dilations: [kh === 1 ? 1 : dh, kw === 1 ? 1 : dw] as [number, number],
        padding: pad,
        dimRoundingMode,
      };
    });
}

/** Seeded-by-fast-check float data of length n in [-2, 2], as Float64Array or Float32Array. */
export function floatData(n: number, f32: boolean): fc.Arbitrary<Float32Array | Float64Array> {
  return fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: n, maxLength: n }).map((a) => (f32 ? Float32Array.from(a) : Float64Array.from(a)));
}

/** n values uniform in [-2, 2) from a seeded stream (cheaper than fast-check arrays for big tensors). */
export function seededData(n: number, seed: number, f32: boolean): Float32Array | Float64Array {
  const rng = createRng(seed);
  const out = f32 ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 4 * rng.nextFloat() - 2;
  return out;
}
