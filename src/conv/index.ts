// frugal/conv: depthwise-separable convolution, padding & shapes, cost model.
export { convInfo, convOutputShape } from './convInfo.js';
export type { ConvInfo, ConvInfoOptions, ConvOptions, ConvPadding, ConvDataFormat, DimRoundingMode } from './convInfo.js';
export { depthwiseConv2d } from './depthwiseConv2d.js';
export type { DepthwiseConv2dOptions } from './depthwiseConv2d.js';
export type { ConvActivation, FusedConvOptions } from './common.js';
