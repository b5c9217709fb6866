// tfjs-core on its cpu backend as a second oracle (float32) for a few configurations.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

let ready: Promise<void> | undefined;

/** Selects the cpu backend once. */
export function tfReady(): Promise<void> {
  ready ??= (async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  })();
  return ready;
}

type Pad = 'same' | 'valid' | number;

/** tf.depthwiseConv2d (NHWC, filter [kh, kw, C, M]). */
export function tfDepthwise(x: Float32Array, xShape: number[], w: Float32Array, wShape: number[], strides: [number, number], pad: Pad, dilations: [number, number]): Float32Array {
  return tf.tidy(() => tf.depthwiseConv2d(tf.tensor4d(x, xShape as [number, number, number, number]), tf.tensor4d(w, wShape as [number, number, number, number]), strides, pad, 'NHWC', dilations).dataSync() as Float32Array);
}

/** tf.conv2d (NHWC, filter [kh, kw, Cin, Cout]). */
export function tfConv2d(x: Float32Array, xShape: number[], w: Float32Array, wShape: number[], strides: [number, number], pad: Pad, dilations: [number, number]): Float32Array {
  return tf.tidy(() => tf.conv2d(tf.tensor4d(x, xShape as [number, number, number, number]), tf.tensor4d(w, wShape as [number, number, number, number]), strides, pad, 'NHWC', dilations).dataSync() as Float32Array);
}

/** tf.separableConv2d (NHWC; depthwise [kh, kw, C, M], pointwise [1, 1, C·M, Cout]). */
export function tfSeparable(x: Float32Array, xShape: number[], dw: Float32Array, dwShape: number[], pw: Float32Array, pwShape: number[], strides: [number, number], pad: 'same' | 'valid', dilation: [number, number]): Float32Array {
  return tf.tidy(() => tf.separableConv2d(
    tf.tensor4d(x, xShape as [number, number, number, number]),
    tf.tensor4d(dw, dwShape as [number, number, number, number]),
    tf.tensor4d(pw, pwShape as [number, number, number, number]),
    strides, pad, dilation, 'NHWC',
  ).dataSync() as Float32Array);
}
