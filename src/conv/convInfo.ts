// Shape arithmetic of every conv op (STYLE G1): output shape and padding exactly as tfjs
// conv_util.computeConv2DInfo, for NHWC/tfjs filter layouts and NCHW/PyTorch-ONNX layouts.
import { checkOptions, describe, rangeError, typeError } from '../core/index.js';

/** Padding of a conv op: tfjs `'same'`/`'valid'`, one number for all four sides, or `[top, bottom, left, right]`. */
export type ConvPadding = 'same' | 'valid' | number | readonly [number, number, number, number];

/** Memory layout of the input and output (and with it the filter layout, see {@link convInfo}). */
export type ConvDataFormat = 'NHWC' | 'NCHW';

/** Rounding of the output size for numeric/explicit padding (tfjs `dimRoundingMode`; default truncation). */
export type DimRoundingMode = 'floor' | 'round' | 'ceil';

/** Options shared by every conv op and by {@link convInfo}. */
export interface ConvOptions {
  /** `[strideHeight, strideWidth]` or one number for both (default 1). */
  strides?: number | readonly [number, number];
  /** Padding (default `'valid'`, as tfjs). */
  padding?: ConvPadding;
  /** `[dilationHeight, dilationWidth]` or one number for both (default 1). */
  dilations?: number | readonly [number, number];
  /** `'NHWC'` (default, tfjs filter layouts) or `'NCHW'` (PyTorch/ONNX filter layouts). */
  dataFormat?: ConvDataFormat;
  /** Output-size rounding for numeric or explicit padding only (tfjs `dimRoundingMode`). */
  dimRoundingMode?: DimRoundingMode;
}

/** Options of {@link convInfo}: the conv options plus which kind of layer the filter belongs to. */
export interface ConvInfoOptions extends ConvOptions {
  /** Read the filter as a depthwise filter (`[kh, kw, C, M]` / `[C·M, 1, kh, kw]`); default false. */
  depthwise?: boolean;
  /** Groups of a standard conv (default 1); a depthwise filter implies `groups = C`. */
  groups?: number;
}

/**
 * Everything a conv kernel needs about its shapes: the record of tfjs `computeConv2DInfo`
 * (`Conv2DInfo`), with padding flattened and the grouping made explicit.
 */
export interface ConvInfo {
  /** Layout of input and output. */
  readonly dataFormat: ConvDataFormat;
  /** True when the filter was read as a depthwise filter. */
  readonly depthwise: boolean;
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly outChannels: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  /** `(filterHeight − 1)·dilationHeight + 1`. */
  readonly effectiveFilterHeight: number;
  /** `(filterWidth − 1)·dilationWidth + 1`. */
  readonly effectiveFilterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
  readonly padTop: number;
  readonly padBottom: number;
  readonly padLeft: number;
  readonly padRight: number;
  /** tfjs `padInfo.type`: 'SAME', 'VALID', 'NUMBER' or 'EXPLICIT'. */
  readonly padType: 'SAME' | 'VALID' | 'NUMBER' | 'EXPLICIT';
  /** Number of groups (1 for a plain conv, `inChannels` for depthwise). */
  readonly groups: number;
  /** Input channels per group (1 for depthwise). */
  readonly inChannelsPerGroup: number;
  /** Output channels per group: the channel multiplier M of a depthwise layer. */
  readonly channelMultiplier: number;
  /** Input shape as 4-D in `dataFormat` order (rank-3 input gets batch 1). */
  readonly inShape: readonly number[];
  /** Output shape, same rank as the given input shape. */
  readonly outShape: readonly number[];
  /** Filter shape as given. */
  readonly filterShape: readonly number[];
}

/**
 * Output shape, padding and grouping of a 2-D convolution, computed exactly like tfjs
 * `conv_util.computeConv2DInfo`.
 *
 * @remarks
 * Filter layouts: NHWC reads tfjs layouts, depthwise `[kh, kw, C, M]` and standard
 * `[kh, kw, C/groups, Cout]`; NCHW reads PyTorch/ONNX layouts, depthwise `[C·M, 1, kh, kw]`
 * and standard `[Cout, C/groups, kh, kw]`. Rank-3 input is one image (batch 1), as tfjs.
 *
 * Sizes: `'same'` gives `ceil(in/s)` with `padAlong = max(0, (out−1)·s + fEff − in)`,
 * `top = floor(padAlong/2)` (the odd pixel at the bottom/right, ONNX SAME_UPPER);
 * `'valid'` gives `ceil((in − fEff + 1)/s)`; numeric `p` and explicit `[t, b, l, r]` give
 * `round((in − fEff + t + b)/s + 1)` with truncation unless `dimRoundingMode` says otherwise.
 * One deliberate difference: tfjs computes the width of a numeric-padded conv with the filter
 * height and stride height; here each axis uses its own, so both agree whenever the filter and
 * strides are square. Dilation together with stride \> 1 is allowed (PyTorch), unlike tfjs.
 * A kernel larger than the padded input is a RangeError; with `'same'` an empty input gives an
 * empty output. A `'ceil'` rounding may make the last window reach past the padded input; the
 * kernels treat those taps as zero padding.
 *
 * @param inputShape - `[N, H, W, C]` (NHWC) or `[N, C, H, W]` (NCHW), or rank 3 without N
 * @param filterShape - rank-4 filter shape in the layout of `dataFormat`
 * @param options - {@link ConvInfoOptions}
 * @returns the {@link ConvInfo} record
 * @throws TypeError if a shape is not an array or an option has the wrong type
 * @throws RangeError for bad ranks, non-integer or non-positive sizes, strides or dilations,
 *   channel counts that do not match the filter, or a kernel larger than the padded input
 *
 * @example
 * ```ts
 * const info = convInfo([1, 4, 4, 1], [3, 3, 1, 1], { strides: 2, padding: 'same' });
 * info.outShape; // [1, 2, 2, 1]
 * [info.padTop, info.padBottom]; // [0, 1]
 * convInfo([1, 32, 112, 112], [32, 1, 3, 3], { depthwise: true, dataFormat: 'NCHW', padding: 1 }).outShape; // [1, 32, 112, 112]
 * ```
 */
export function convInfo(inputShape: readonly number[], filterShape: readonly number[], options?: ConvInfoOptions): ConvInfo {
  const o = checkOptions('convInfo', options);
  if (o.depthwise !== undefined && typeof o.depthwise !== 'boolean') typeError('convInfo', `depthwise must be a boolean (got ${describe(o.depthwise)})`);
  return convInfoFor('convInfo', inputShape, filterShape, o, o.depthwise === true, o.groups);
}

/**
 * The output shape of a 2-D convolution: `convInfo(inputShape, filterShape, options).outShape`.
 *
 * @remarks
 * Same rules and errors as {@link convInfo}.
 *
 * @param inputShape - `[N, H, W, C]` (NHWC) or `[N, C, H, W]` (NCHW), or rank 3 without N
 * @param filterShape - rank-4 filter shape in the layout of `dataFormat`
 * @param options - {@link ConvInfoOptions}
 * @returns the output shape, same rank as `inputShape`
 * @throws TypeError if a shape is not an array or an option has the wrong type
 * @throws RangeError as {@link convInfo}
 *
 * @example
 * ```ts
 * convOutputShape([1, 112, 112, 32], [3, 3, 32, 1], { depthwise: true, strides: 2, padding: 'same' }); // [1, 56, 56, 32]
 * convOutputShape([1, 5, 7, 3], [3, 3, 3, 8], { padding: 'valid' }); // [1, 3, 5, 8]
 * ```
 */
export function convOutputShape(inputShape: readonly number[], filterShape: readonly number[], options?: ConvInfoOptions): number[] {
  return convInfo(inputShape, filterShape, options).outShape.slice();
}

function pair(fn: string, name: string, v: unknown): [number, number] {
  if (v === undefined) return [1, 1];
  let a: unknown;
  let b: unknown;
  if (typeof v === 'number') {
    a = v;
    b = v;
  } else if (Array.isArray(v)) {
    if (v.length !== 2) rangeError(fn, `${name} must be a number or [height, width] (got an array of length ${v.length})`);
    a = v[0];
    b = v[1];
  } else {
    typeError(fn, `${name} must be a number or [height, width] (got ${describe(v)})`);
  }
  for (const [x, axis] of [[a, 'height'], [b, 'width']] as const) {
    if (typeof x !== 'number') typeError(fn, `${name} ${axis} must be a number (got ${describe(x)})`);
    if (!Number.isInteger(x) || x < 1) rangeError(fn, `${name} must be positive integers (got ${axis} ${String(x)})`);
  }
  return [a as number, b as number];
}

function shapeOf(fn: string, name: string, s: unknown, ranks: readonly number[]): number[] {
  if (!Array.isArray(s)) typeError(fn, `${name} must be an array of numbers (got ${describe(s)})`);
  const arr = s as unknown[];
  if (!ranks.includes(arr.length)) rangeError(fn, `${name} must have rank ${ranks.join(' or ')} (got [${arr.join(', ')}])`);
  for (let i = 0; i < arr.length; i++) {
    const d = arr[i];
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) rangeError(fn, `${name}[${i}] must be a non-negative integer (got ${String(d)})`);
  }
  return arr as number[];
}

function roundDim(v: number, mode: DimRoundingMode | undefined): number {
  if (mode === 'round') return Math.round(v);
  if (mode === 'ceil') return Math.ceil(v);
  if (mode === 'floor') return Math.floor(v);
  return Math.trunc(v);
}

/**
 * {@link convInfo} with the caller's function name in error messages, for conv ops and the int8
 * kernels of other areas. Validates everything.
 * @internal
 */
export function convInfoFor(
  fn: string,
  inputShape: readonly number[],
  filterShape: readonly number[],
  o: ConvOptions,
  depthwise: boolean,
  groupsOption?: number,
): ConvInfo {
  const dataFormat = (o.dataFormat ?? 'NHWC') as ConvDataFormat;
  if (dataFormat !== 'NHWC' && dataFormat !== 'NCHW') rangeError(fn, `dataFormat must be 'NHWC' or 'NCHW' (got ${String(dataFormat)})`);
  const xs = shapeOf(fn, 'input shape', inputShape, [3, 4]);
  const fs = shapeOf(fn, 'filter shape', filterShape, [4]);
  const x4 = xs.length === 3 ? [1, ...xs] : xs;
  const nchw = dataFormat === 'NCHW';
  const batch = x4[0]!;
  const inHeight = nchw ? x4[2]! : x4[1]!;
  const inWidth = nchw ? x4[3]! : x4[2]!;
  const inChannels = nchw ? x4[1]! : x4[3]!;
  const [strideHeight, strideWidth] = pair(fn, 'strides', o.strides);
  const [dilationHeight, dilationWidth] = pair(fn, 'dilations', o.dilations);
  const filterHeight = nchw ? fs[2]! : fs[0]!;
  const filterWidth = nchw ? fs[3]! : fs[1]!;
  if (filterHeight < 1 || filterWidth < 1) rangeError(fn, `filter must be at least 1×1 (got filter shape [${fs.join(', ')}])`);
  if (inChannels < 1) rangeError(fn, `input must have at least 1 channel (got input shape [${xs.join(', ')}])`);

  let groups: number;
  let inChannelsPerGroup: number;
  let channelMultiplier: number;
  let outChannels: number;
  const shapes = `input [${xs.join(', ')}], filter [${fs.join(', ')}]`;
  if (depthwise) {
    if (groupsOption !== undefined) rangeError(fn, 'groups applies to conv2d only');
    groups = inChannels;
    inChannelsPerGroup = 1;
    if (nchw) {
      if (fs[1] !== 1 || fs[0]! % inChannels !== 0 || fs[0] === 0) {
        rangeError(fn, `depthwise filter must be [C·M, 1, kh, kw] with C = ${inChannels} input channels (${shapes}, NCHW)`);
      }
      channelMultiplier = fs[0]! / inChannels;
    } else {
      if (fs[2] !== inChannels) rangeError(fn, `filter channels ${fs[2]} ≠ input channels ${inChannels} (${shapes}, NHWC)`);
      channelMultiplier = fs[3]!;
      if (channelMultiplier < 1) rangeError(fn, `channel multiplier must be ≥ 1 (${shapes})`);
    }
    outChannels = inChannels * channelMultiplier;
  } else {
    groups = groupsOption ?? 1;
    if (typeof groups !== 'number') typeError(fn, `groups must be a number (got ${describe(groups)})`);
    if (!Number.isInteger(groups) || groups < 1) rangeError(fn, `groups must be a positive integer (got ${groups})`);
    outChannels = nchw ? fs[0]! : fs[3]!;
    const filterIn = nchw ? fs[1]! : fs[2]!;
    if (inChannels % groups !== 0) rangeError(fn, `input channels ${inChannels} are not divisible by groups ${groups} (${shapes})`);
    if (outChannels < 1 || outChannels % groups !== 0) rangeError(fn, `output channels ${outChannels} must be a positive multiple of groups ${groups} (${shapes})`);
    inChannelsPerGroup = inChannels / groups;
    if (filterIn !== inChannelsPerGroup) {
      rangeError(fn, `filter input channels ${filterIn} ≠ input channels / groups = ${inChannelsPerGroup} (${shapes}, ${dataFormat})`);
    }
    channelMultiplier = outChannels / groups;
  }

  const effectiveFilterHeight = (filterHeight - 1) * dilationHeight + 1;
  const effectiveFilterWidth = (filterWidth - 1) * dilationWidth + 1;
  const pad = o.padding ?? 'valid';
  const mode = o.dimRoundingMode;
  if (mode !== undefined && mode !== 'floor' && mode !== 'round' && mode !== 'ceil') {
    rangeError(fn, `dimRoundingMode must be one of 'floor', 'round', 'ceil' (got ${String(mode)})`);
  }
  let padTop: number;
  let padBottom: number;
  let padLeft: number;
  let padRight: number;
  let padType: ConvInfo['padType'];
  let outHeight: number;
  let outWidth: number;
  if (pad === 'same' || pad === 'valid') {
    if (mode !== undefined) rangeError(fn, `dimRoundingMode needs numeric or explicit padding (got padding '${pad}')`);
    if (pad === 'same') {
      outHeight = Math.ceil(inHeight / strideHeight);
      outWidth = Math.ceil(inWidth / strideWidth);
      const alongH = Math.max(0, (outHeight - 1) * strideHeight + effectiveFilterHeight - inHeight);
      const alongW = Math.max(0, (outWidth - 1) * strideWidth + effectiveFilterWidth - inWidth);
      padTop = Math.floor(alongH / 2);
      padBottom = alongH - padTop;
      padLeft = Math.floor(alongW / 2);
      padRight = alongW - padLeft;
      padType = 'SAME';
    } else {
      padTop = padBottom = padLeft = padRight = 0;
      padType = 'VALID';
      checkFits(fn, shapes, inHeight, inWidth, 0, 0, effectiveFilterHeight, effectiveFilterWidth);
      outHeight = Math.ceil((inHeight - effectiveFilterHeight + 1) / strideHeight);
      outWidth = Math.ceil((inWidth - effectiveFilterWidth + 1) / strideWidth);
    }
  } else {
    if (typeof pad === 'number') {
      if (!Number.isInteger(pad) || pad < 0) rangeError(fn, `padding must be a non-negative integer (got ${pad})`);
      padTop = padBottom = padLeft = padRight = pad;
      padType = pad === 0 ? 'VALID' : 'NUMBER';
    } else if (Array.isArray(pad)) {
      if (pad.length !== 4) rangeError(fn, `padding must be [top, bottom, left, right] (got an array of length ${pad.length})`);
      for (let i = 0; i < 4; i++) {
        const p: unknown = pad[i];
        if (typeof p !== 'number' || !Number.isInteger(p) || p < 0) rangeError(fn, `padding[${i}] must be a non-negative integer (got ${String(p)})`);
      }
      [padTop, padBottom, padLeft, padRight] = pad as [number, number, number, number];
      padType = padTop === 0 && padBottom === 0 && padLeft === 0 && padRight === 0 ? 'VALID' : 'EXPLICIT';
    } else if (typeof pad === 'string') {
      rangeError(fn, `padding must be 'same', 'valid', a number or [top, bottom, left, right] (got '${pad}')`);
    } else {
      typeError(fn, `padding must be 'same', 'valid', a number or [top, bottom, left, right] (got ${describe(pad)})`);
    }
    checkFits(fn, shapes, inHeight, inWidth, padTop + padBottom, padLeft + padRight, effectiveFilterHeight, effectiveFilterWidth);
    outHeight = roundDim((inHeight - effectiveFilterHeight + padTop + padBottom) / strideHeight + 1, mode);
    outWidth = roundDim((inWidth - effectiveFilterWidth + padLeft + padRight) / strideWidth + 1, mode);
  }

  const outShape4 = nchw ? [batch, outChannels, outHeight, outWidth] : [batch, outHeight, outWidth, outChannels];
  return {
    dataFormat,
    depthwise,
    batch,
    inHeight,
    inWidth,
    inChannels,
    outHeight,
    outWidth,
    outChannels,
    filterHeight,
    filterWidth,
    effectiveFilterHeight,
    effectiveFilterWidth,
    strideHeight,
    strideWidth,
    dilationHeight,
    dilationWidth,
    padTop,
    padBottom,
    padLeft,
    padRight,
    padType,
    groups,
    inChannelsPerGroup,
    channelMultiplier,
    inShape: x4,
    outShape: xs.length === 3 ? outShape4.slice(1) : outShape4,
    filterShape: fs.slice(),
  };
}

function checkFits(fn: string, shapes: string, h: number, w: number, padH: number, padW: number, fh: number, fw: number): void {
  if (h + padH < fh || w + padW < fw) {
    rangeError(fn, `kernel ${fh}×${fw} (dilated) is larger than the padded input ${h + padH}×${w + padW} (${shapes})`);
  }
}
