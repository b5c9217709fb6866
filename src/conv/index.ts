// frugal/conv: depthwise-separable convolution, padding & shapes, cost model.
export { convInfo, convOutputShape } from './convInfo.js';
export type { ConvInfo, ConvInfoOptions, ConvOptions, ConvPadding, ConvDataFormat, DimRoundingMode } from './convInfo.js';
export type { ConvActivation, FusedConvOptions } from './common.js';
export { depthwiseConv2d } from './depthwiseConv2d.js';
export type { DepthwiseConv2dOptions } from './depthwiseConv2d.js';
export { pointwiseConv2d } from './pointwiseConv2d.js';
export type { PointwiseConv2dOptions } from './pointwiseConv2d.js';
export { conv2d } from './conv2d.js';
export type { Conv2dOptions } from './conv2d.js';
export { separableConv2d } from './separableConv2d.js';
export type { SeparableConv2dOptions } from './separableConv2d.js';
export { convCost, modelCost } from './convCost.js';
export type { ConvLayer, ConvLayerType, LayerCost, ModelCost } from './convCost.js';
