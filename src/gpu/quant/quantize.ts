// GPU twins of src/quant/quantize.ts and dequantize.ts: the same parameter checks and layouts;
// x / scale in float32 on the device (the CPU's `arithmetic: 'float32'`), codes converted on the host.
import { checkNoOverlap, checkOneOf, checkOptions, dispatcher, rangeError, typeError } from '../../core/index.js';
import type { FloatArray, Tensor } from '../../core/index.js';
import { dequantize as dequantizeCpu, resolveForCodes } from '../../quant/dequantize.js';
import type { DequantizeOptions } from '../../quant/dequantize.js';
import { channelCount, channelLayout } from '../../quant/layout.js';
import type { ChannelLayout } from '../../quant/layout.js';
import { resolveParams } from '../../quant/quantParams.js';
import type { QuantParams, ResolvedParams } from '../../quant/quantParams.js';
import { quantize as quantizeCpu, quantizedOut, ROUNDINGS } from '../../quant/quantize.js';
import type { QuantizedArray, QuantizeOptions } from '../../quant/quantize.js';
import { MAX_ELEMENTS_PER_LAUNCH } from '../runtime.js';
import type { GpuRuntime } from '../runtime.js';
import { dequantizeAffine, quantizeAffine } from './kernels.js';

type WithRuntime<T> = T & { rt: GpuRuntime };

const quantizeDispatch = /*#__PURE__*/ dispatcher('quantize', ['x', 'params', 'options'], {
  'Float32Array | Float64Array | Array | Tensor, any, any': runQuantize,
});

const dequantizeDispatch = /*#__PURE__*/ dispatcher('dequantize', ['q', 'params', 'options'], {
  'Int8Array | Uint8Array | Tensor, any, any': runDequantize,
});

/** GPU quantize (float32 arithmetic): see the CPU function. @internal */
export async function quantize(
  rt: GpuRuntime, x: FloatArray | number[] | Tensor<FloatArray>, params: QuantParams, options: Omit<QuantizeOptions, 'arithmetic'> = {},
): Promise<QuantizedArray | Tensor<QuantizedArray>> {
  return quantizeDispatch(x, params, { ...checkOptions('quantize', options), rt }) as Promise<QuantizedArray | Tensor<QuantizedArray>>;
}

/** GPU dequantize (float32 output): see the CPU function. @internal */
export async function dequantize(
  rt: GpuRuntime, q: QuantizedArray | Tensor<QuantizedArray>, params: QuantParams, options: DequantizeOptions = {},
): Promise<Float32Array | Tensor<Float32Array>> {
  return dequantizeDispatch(q, params, { ...checkOptions('dequantize', options), rt }) as Promise<Float32Array | Tensor<Float32Array>>;
}

const MODES: Record<string, number> = { 'half-even': 0, 'half-away': 1, 'half-up': 2 };

async function runQuantize(x: FloatArray | number[] | Tensor<FloatArray>, params: unknown, o: WithRuntime<QuantizeOptions>): Promise<QuantizedArray | Tensor<QuantizedArray>> {
  const fn = 'quantize';
  const rt = o.rt;
  if ((o as { arithmetic?: unknown }).arithmetic !== undefined && (o as { arithmetic?: unknown }).arithmetic !== 'float32') {
    rangeError(fn, `the GPU computes x / scale in float32: arithmetic must be 'float32' or absent (got ${String((o as { arithmetic?: unknown }).arithmetic)})`);
  }
  const tensor = !Array.isArray(x) && !ArrayBuffer.isView(x);
  const data = tensor ? (x as Tensor<FloatArray>).data : (x as FloatArray | number[]);
  if (tensor && !(data instanceof Float32Array || data instanceof Float64Array)) typeError(fn, 'x.data must be a Float32Array or Float64Array');
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (typeof v !== 'number') typeError(fn, `x[${i}] must be a number (got ${typeof v})`);
    if (v !== v) rangeError(fn, `x[${i}] is NaN`);
  }
  const rp = tensor ? resolveParams(fn, params, channelCount(fn, 'x', x as Tensor<FloatArray>, params)) : resolveParams(fn, params);
  const layout: ChannelLayout = tensor ? channelLayout(fn, 'x', x as Tensor<FloatArray>, rp.axis) : { outer: 1, channels: 1, inner: data.length, axis: -1, shape: [data.length] };
  const rounding = checkOneOf(fn, 'rounding', o.rounding, ROUNDINGS, 'half-even');
  const out = quantizedOut(fn, o.out, rp.dtype, data.length);
  if (ArrayBuffer.isView(data)) checkNoOverlap(fn, 'out', out, 'x', data);
  const x32 = data instanceof Float32Array ? data : Float32Array.from(data);
  const cpu = (): QuantizedArray => {
    const { rt: _rt, out: _out, ...cpuOptions } = o;
    const cpuParams = params as QuantParams;
    const r = tensor ? quantizeCpu({ data: x32, shape: layout.shape }, cpuParams, { ...cpuOptions, arithmetic: 'float32' }).data : quantizeCpu(x32, cpuParams, { ...cpuOptions, arithmetic: 'float32' });
    out.set(r);
    return out;
  };
  const n = data.length;
  const codes = n === 0 || n < rt.cpuHandoff || !launchable(layout)
    ? cpu()
    : await rt.guarded(async () => {
      await elementwise(rt, layout, rp, n, (start, len, c0, r0, scale, zp) =>
        rt.run('quantizeAffine', quantizeAffine, len, [x32.subarray(start, start + len), scale, zp, layout.inner, layout.channels, c0, r0, rp.qmin, rp.qmax, MODES[rounding]!]),
      (start, part) => out.set(part, start));
      return out;
    }, cpu);
  return tensor ? { data: codes.length === n ? codes : codes.subarray(0, n), shape: layout.shape } : codes;
}

async function runDequantize(q: QuantizedArray | Tensor<QuantizedArray>, params: unknown, o: WithRuntime<DequantizeOptions>): Promise<Float32Array | Tensor<Float32Array>> {
  const fn = 'dequantize';
  const rt = o.rt;
  const tensor = !ArrayBuffer.isView(q);
  const codes = tensor ? (q as Tensor<QuantizedArray>).data : (q as QuantizedArray);
  if (!(codes instanceof Int8Array || codes instanceof Uint8Array)) typeError(fn, 'q.data must be an Int8Array or Uint8Array');
  const rp = tensor ? resolveForCodes(fn, codes, params, channelCount(fn, 'q', q as Tensor<QuantizedArray>, params)) : resolveForCodes(fn, codes, params);
  const layout: ChannelLayout = tensor ? channelLayout(fn, 'q', q as Tensor<QuantizedArray>, rp.axis) : { outer: 1, channels: 1, inner: codes.length, axis: -1, shape: [codes.length] };
  const n = codes.length;
  if (o.out !== undefined && !(o.out instanceof Float32Array)) typeError(fn, 'out must be a Float32Array on the GPU');
  const out = o.out ?? new Float32Array(n);
  if (out.length < n) rangeError(fn, `out has length ${out.length}, needs ${n}`);
  checkNoOverlap(fn, 'out', out, 'q', codes);
  const cpu = (): Float32Array => {
    const cpuParams = params as QuantParams;
    return (tensor ? dequantizeCpu({ data: codes, shape: layout.shape }, cpuParams, { out }).data : dequantizeCpu(codes, cpuParams, { out })) as Float32Array;
  };
  const values = n === 0 || n < rt.cpuHandoff || !launchable(layout)
    ? cpu()
    : await rt.guarded(async () => {
      const q32 = Float32Array.from(codes);
      await elementwise(rt, layout, rp, n, (start, len, c0, r0, scale, zp) =>
        rt.run('dequantizeAffine', dequantizeAffine, len, [q32.subarray(start, start + len), scale, zp, layout.inner, layout.channels, c0, r0]),
      (start, part) => out.set(part, start));
      return out;
    }, cpu);
  return tensor ? { data: values.length === n ? values : values.subarray(0, n), shape: layout.shape } : values;
}

// A channel index stays exact in float32 while r0 + j < 2^24 (GPU.md L2).
function launchable(layout: ChannelLayout): boolean {
  return layout.channels === 1 || layout.inner < MAX_ELEMENTS_PER_LAUNCH / 2;
}

async function elementwise(
  rt: GpuRuntime, layout: ChannelLayout, rp: ResolvedParams, n: number,
  launch: (start: number, len: number, c0: number, r0: number, scale: Float32Array, zp: Float32Array) => Promise<Float32Array>,
  store: (start: number, part: Float32Array) => void,
): Promise<void> {
  const scale = Float32Array.from(rp.scale);
  const zp = Float32Array.from(rp.zeroPoint);
  const chunk = layout.channels === 1 ? MAX_ELEMENTS_PER_LAUNCH : MAX_ELEMENTS_PER_LAUNCH - layout.inner;
  const inner = layout.channels === 1 ? Math.max(1, n) : layout.inner;
  for (let start = 0; start < n; start += chunk) {
    const len = Math.min(chunk, n - start);
    const c0 = Math.floor(start / inner) % layout.channels;
    const r0 = start % inner;
    store(start, await launch(start, len, c0, r0, scale, zp));
  }
}
