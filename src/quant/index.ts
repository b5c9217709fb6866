// frugal/quant: int8 quantization — params, quantize/dequantize, fake quant, calibration, fixed-point requantization.
export { quantParams } from './quantParams.js';
export type { QuantParams, QuantParamsOptions, QuantDtype } from './quantParams.js';
export { quantize } from './quantize.js';
export type { QuantizeOptions, QuantizedArray, Rounding, QuantArithmetic } from './quantize.js';
export { dequantize } from './dequantize.js';
export type { DequantizeOptions } from './dequantize.js';
export { fakeQuantize } from './fakeQuantize.js';
export type { FakeQuantizeOptions, FakeQuantizeResult } from './fakeQuantize.js';
export { quantizationError } from './quantizationError.js';
export type { QuantizationErrorOptions, QuantizationErrorResult } from './quantizationError.js';
export { quantizeMultiplier } from './quantizeMultiplier.js';
export type { QuantizedMultiplier } from './quantizeMultiplier.js';
export { multiplyByQuantizedMultiplier } from './multiplyByQuantizedMultiplier.js';
export type { MultiplyByQuantizedMultiplierOptions } from './multiplyByQuantizedMultiplier.js';
export { calibrate } from './calibrate.js';
export type { CalibrateDataOptions } from './calibrate.js';
export { createObserver } from './createObserver.js';
export type { CalibrateOptions, CalibrationMethod, CalibrationResult, Observer, ObserverOptions } from './createObserver.js';
