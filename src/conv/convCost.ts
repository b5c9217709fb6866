import { checkOptions, describe, rangeError, typeError } from '../core/index.js';
import type { ConvPadding } from './convInfo.js';
import { convInfoFor } from './convInfo.js';

/** Kind of layer the cost model knows. */
export type ConvLayerType = 'conv2d' | 'depthwise' | 'pointwise' | 'separable' | 'dense';

/** One layer of a model for {@link convCost} / {@link modelCost}. */
export interface ConvLayer {
  /** What the layer is. */
  type: ConvLayerType;
  /** Input shape without batch: `[H, W, C]` for conv layers; any shape for 'dense' (flattened). */
  inputShape: readonly number[];
  /** Kernel size (conv2d, depthwise, separable): `k` or `[kh, kw]`. */
  kernelSize?: number | readonly [number, number];
  /** Output channels (conv2d, pointwise, separable) or units (dense). */
  outChannels?: number;
  /** Depthwise channel multiplier (depthwise, separable; default 1). */
  channelMultiplier?: number;
  /** Groups of a conv2d (default 1). */
  groups?: number;
  /** Strides (default 1). */
  strides?: number | readonly [number, number];
  /** Padding (default 'same' here, as MobileNet). */
  padding?: ConvPadding;
  /** Dilations (default 1). */
  dilations?: number | readonly [number, number];
  /** Count one bias per output channel in the parameters (default false; MobileNet folds them into batch norm). */
  bias?: boolean;
}

/** Cost of one layer. */
export interface LayerCost {
  /** The layer's type. */
  type: ConvLayerType;
  /** Multiply–accumulates for one input (batch 1). */
  macs: number;
  /** Weights, plus biases where `bias` is set. */
  params: number;
  /** Output shape without batch (`[H, W, C]`, or `[units]` for dense). */
  outputShape: number[];
}

/** Cost of a model: totals and the per-layer costs. */
export interface ModelCost {
  macs: number;
  params: number;
  layers: LayerCost[];
}

/**
 * Multiply–accumulates and parameters of one layer (batch 1), the MobileNet cost model.
 *
 * @remarks
 * Standard conv `kh·kw·(C/groups)·Cout·outH·outW` MACs; depthwise `kh·kw·C·M·outH·outW`;
 * pointwise `C·Cout·H·W`; separable = depthwise + pointwise on the depthwise output, which is
 * `1/Cout + 1/(kh·kw)` of the standard conv (MobileNet eq. 5); dense `in·units`. Output sizes follow
 * {@link convInfo} (default padding 'same'). Biases are counted only with `bias: true`.
 *
 * @param layer - {@link ConvLayer}
 * @returns the layer's {@link LayerCost}
 * @throws TypeError if `layer` is not an object
 * @throws RangeError for an unknown type, a missing kernel size or channel count, or shapes
 *   {@link convInfo} rejects
 *
 * @example
 * ```ts
 * const std = convCost({ type: 'conv2d', inputShape: [14, 14, 512], kernelSize: 3, outChannels: 512 });
 * const sep = convCost({ type: 'separable', inputShape: [14, 14, 512], kernelSize: 3, outChannels: 512 });
 * [std.macs, sep.macs]; // [462422016, 52283392]
 * [std.params, sep.params]; // [2359296, 266752]
 * sep.macs / std.macs; // 0.1130642361111111
 * ```
 */
export function convCost(layer: ConvLayer): LayerCost {
  return layerCost('convCost', 'layer', layer);
}

/**
 * Sums {@link convCost} over a list of layers.
 *
 * @remarks
 * Layers are costed independently: each carries its own `inputShape`, so no shape chaining is
 * assumed (pooling and other free layers are simply left out).
 *
 * @param layers - the model's {@link ConvLayer}s
 * @returns total MACs and params, and each layer's cost
 * @throws TypeError if `layers` is not an array of objects
 * @throws RangeError as {@link convCost}, naming the layer index
 *
 * @example
 * ```ts
 * const m = modelCost([
 *   { type: 'conv2d', inputShape: [224, 224, 3], kernelSize: 3, outChannels: 32, strides: 2 },
 *   { type: 'separable', inputShape: [112, 112, 32], kernelSize: 3, outChannels: 64 },
 * ]);
 * m.macs; // 40140800
 * m.layers[1].outputShape; // [112, 112, 64]
 * ```
 */
export function modelCost(layers: readonly ConvLayer[]): ModelCost {
  if (!Array.isArray(layers)) typeError('modelCost', `layers must be an Array (got ${describe(layers)})`);
  const costs = layers.map((l, i) => layerCost('modelCost', `layers[${i}]`, l));
  let macs = 0;
  let params = 0;
  for (const c of costs) {
    macs += c.macs;
    params += c.params;
  }
  return { macs, params, layers: costs };
}

function positiveInt(fn: string, name: string, v: unknown, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  if (v === undefined) rangeError(fn, `${name} is required`);
  if (typeof v !== 'number') typeError(fn, `${name} must be a number (got ${describe(v)})`);
  if (!Number.isInteger(v) || v < 1) rangeError(fn, `${name} must be a positive integer (got ${v})`);
  return v;
}

function layerCost(fn: string, name: string, layer: ConvLayer): LayerCost {
  if (typeof layer !== 'object' || layer === null || Array.isArray(layer)) typeError(fn, `${name} must be an object (got ${describe(layer)})`);
  const l = checkOptions(fn, layer);
  const type = l.type;
  const bias = l.bias === true;
  if (!Array.isArray(l.inputShape)) typeError(fn, `${name}.inputShape must be an array (got ${describe(l.inputShape)})`);
  if (type === 'dense') {
    let features = 1;
    for (const d of l.inputShape) features *= positiveInt(fn, `${name}.inputShape entry`, d);
    const units = positiveInt(fn, `${name}.outChannels`, l.outChannels);
    return { type, macs: features * units, params: features * units + (bias ? units : 0), outputShape: [units] };
  }
  if (type !== 'conv2d' && type !== 'depthwise' && type !== 'pointwise' && type !== 'separable') {
    rangeError(fn, `${name}.type must be one of 'conv2d', 'depthwise', 'pointwise', 'separable', 'dense' (got ${String(type)})`);
  }
  if (l.inputShape.length !== 3) rangeError(fn, `${name}.inputShape must be [H, W, C] (got [${l.inputShape.join(', ')}])`);
  const c = l.inputShape[2]!;
  const geometry = {
    padding: l.padding ?? 'same',
    ...(l.strides === undefined ? {} : { strides: l.strides }),
    ...(l.dilations === undefined ? {} : { dilations: l.dilations }),
  };
  const ks = (): [number, number] => {
    const k = l.kernelSize;
    if (Array.isArray(k)) return [positiveInt(fn, `${name}.kernelSize[0]`, k[0]), positiveInt(fn, `${name}.kernelSize[1]`, k[1])];
    const v = positiveInt(fn, `${name}.kernelSize`, k);
    return [v, v];
  };
  if (type === 'pointwise') {
    const cout = positiveInt(fn, `${name}.outChannels`, l.outChannels);
    const info = convInfoFor(fn, l.inputShape, [1, 1, c, cout], { padding: 'valid' }, false);
    return { type, macs: info.outHeight * info.outWidth * c * cout, params: c * cout + (bias ? cout : 0), outputShape: info.outShape.slice() };
  }
  const [kh, kw] = ks();
  if (type === 'conv2d') {
    const cout = positiveInt(fn, `${name}.outChannels`, l.outChannels);
    const groups = positiveInt(fn, `${name}.groups`, l.groups, 1);
    const info = convInfoFor(fn, l.inputShape, [kh, kw, c / groups, cout], geometry, false, groups);
    const w = kh * kw * info.inChannelsPerGroup * cout;
    return { type, macs: info.outHeight * info.outWidth * w, params: w + (bias ? cout : 0), outputShape: info.outShape.slice() };
  }
  const m = positiveInt(fn, `${name}.channelMultiplier`, l.channelMultiplier, 1);
  const info = convInfoFor(fn, l.inputShape, [kh, kw, c, m], geometry, true);
  const dwW = kh * kw * c * m;
  const pixels = info.outHeight * info.outWidth;
  if (type === 'depthwise') {
    return { type, macs: pixels * dwW, params: dwW + (bias ? c * m : 0), outputShape: info.outShape.slice() };
  }
  const cout = positiveInt(fn, `${name}.outChannels`, l.outChannels);
  return {
    type,
    macs: pixels * (dwW + c * m * cout),
    params: dwW + c * m * cout + (bias ? c * m + cout : 0),
    outputShape: [info.outHeight, info.outWidth, cout],
  };
}
