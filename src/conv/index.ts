// frugal/conv: depthwise-separable convolution, padding & shapes, cost model.
export { convInfo, convOutputShape } from './convInfo.js';
export type { ConvInfo, ConvInfoOptions, ConvOptions, ConvPadding, ConvDataFormat, DimRoundingMode } from './convInfo.js';
