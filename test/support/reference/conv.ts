// Plain float64 references for the conv kernels, written from the definition: one grouped
// convolution with every loop spelled out, zero padding by skipping out-of-range taps.

/** Geometry the reference needs (pads and output sizes come from convInfo, tested against tfjs). */
export interface RefGeometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  outC: number;
  kh: number;
  kw: number;
  groups: number;
  strides: readonly [number, number];
  dilations: readonly [number, number];
  padTop: number;
  padLeft: number;
}

/**
 * Grouped conv, NHWC input, filter in `[kh, kw, inC/groups, outC]` order (a tfjs depthwise filter
 * `[kh, kw, C, M]` is exactly this with groups = C), bias then activation clamp.
 */
export function conv2dRef(
  g: RefGeometry,
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  bias?: ArrayLike<number>,
  activation: 'linear' | 'relu' | 'relu6' = 'linear',
): Float64Array {
  const cig = g.inC / g.groups;
  const cog = g.outC / g.groups;
  const out = new Float64Array(g.batch * g.outH * g.outW * g.outC);
  for (let n = 0; n < g.batch; n++) {
    for (let oh = 0; oh < g.outH; oh++) {
      for (let ow = 0; ow < g.outW; ow++) {
        for (let gr = 0; gr < g.groups; gr++) {
          for (let oc = 0; oc < cog; oc++) {
            const o = gr * cog + oc;
            let s = bias === undefined ? 0 : bias[o]!;
            for (let i = 0; i < g.kh; i++) {
              const ih = oh * g.strides[0] - g.padTop + i * g.dilations[0];
              if (ih < 0 || ih >= g.inH) continue;
              for (let j = 0; j < g.kw; j++) {
                const iw = ow * g.strides[1] - g.padLeft + j * g.dilations[1];
                if (iw < 0 || iw >= g.inW) continue;
                for (let ci = 0; ci < cig; ci++) {
                  const xv = x[((n * g.inH + ih) * g.inW + iw) * g.inC + gr * cig + ci]!;
                  const wv = w[((i * g.kw + j) * cig + ci) * g.outC + o]!;
                  s += xv * wv;
                }
              }
            }
            if (activation !== 'linear' && s < 0) s = 0;
            if (activation === 'relu6' && s > 6) s = 6;
            out[((n * g.outH + oh) * g.outW + ow) * g.outC + o] = s;
          }
        }
      }
    }
  }
  return out;
}

/** NCHW data → NHWC data. */
export function toNhwc(x: ArrayLike<number>, n: number, c: number, h: number, w: number): Float64Array {
  const out = new Float64Array(n * c * h * w);
  for (let b = 0; b < n; b++) for (let k = 0; k < c; k++) for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) {
    out[((b * h + i) * w + j) * c + k] = x[((b * c + k) * h + i) * w + j]!;
  }
  return out;
}

/** NHWC data → NCHW data. */
export function toNchw(x: ArrayLike<number>, n: number, h: number, w: number, c: number): Float64Array {
  const out = new Float64Array(n * c * h * w);
  for (let b = 0; b < n; b++) for (let k = 0; k < c; k++) for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) {
    out[((b * c + k) * h + i) * w + j] = x[((b * h + i) * w + j) * c + k]!;
  }
  return out;
}

/** A filter `[O, I, kh, kw]` (PyTorch/ONNX) → `[kh, kw, I, O]` (tfjs). Depthwise `[C·M, 1, kh, kw]` → `[kh, kw, 1, C·M]` = `[kh, kw, C, M]` data. */
export function oihwToHwio(w: ArrayLike<number>, o: number, i: number, kh: number, kw: number): Float64Array {
  const out = new Float64Array(o * i * kh * kw);
  for (let a = 0; a < o; a++) for (let b = 0; b < i; b++) for (let r = 0; r < kh; r++) for (let s = 0; s < kw; s++) {
    out[((r * kw + s) * i + b) * o + a] = w[((a * i + b) * kh + r) * kw + s]!;
  }
  return out;
}

/** `[kh, kw, I, O]` → `[O, I, kh, kw]`. */
export function hwioToOihw(w: ArrayLike<number>, kh: number, kw: number, i: number, o: number): Float64Array {
  const out = new Float64Array(o * i * kh * kw);
  for (let a = 0; a < o; a++) for (let b = 0; b < i; b++) for (let r = 0; r < kh; r++) for (let s = 0; s < kw; s++) {
    out[((a * i + b) * kh + r) * kw + s] = w[((r * kw + s) * i + b) * o + a]!;
  }
  return out;
}

/**
 * Tolerance for a conv output against the float64 reference: `rtolFor(dtype)` relative (float32
 * results are one rounding of a float64 sum) plus an absolute term for cancellation, proportional
 * to the number of terms summed and the largest |x·w| (float64 reorderings are ~1e-16 of that).
 */
export function convTolerance(f32: boolean, terms: number, maxProduct = 4): { rtol: number; atol: number } {
  return { rtol: f32 ? 1e-6 : 1e-12, atol: (f32 ? 1e-7 : 1e-14) * Math.max(1, terms) * maxProduct };
}

/** RefGeometry of an NHWC ConvInfo-like record. */
export function geometryOf(info: {
  batch: number; inHeight: number; inWidth: number; inChannels: number; outHeight: number; outWidth: number; outChannels: number;
  filterHeight: number; filterWidth: number; groups: number; strideHeight: number; strideWidth: number;
  dilationHeight: number; dilationWidth: number; padTop: number; padLeft: number;
}): RefGeometry {
  return {
    batch: info.batch, inH: info.inHeight, inW: info.inWidth, inC: info.inChannels,
    outH: info.outHeight, outW: info.outWidth, outC: info.outChannels, kh: info.filterHeight, kw: info.filterWidth,
    groups: info.groups, strides: [info.strideHeight, info.strideWidth], dilations: [info.dilationHeight, info.dilationWidth],
    padTop: info.padTop, padLeft: info.padLeft,
  };
}
