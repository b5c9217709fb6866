// Shared plumbing of the int8 conv kernels (TFLite int8 semantics): option checks, per-channel
// requantization multipliers and the fused activation range.
import { checkInteger, checkOneOf, rangeError, typeError, checkShape } from '../core/index.js';
import type { Tensor } from '../core/index.js';
import type { ConvOptions } from '../conv/convInfo.js';
import { quantizeMultiplierImpl } from './quantizeMultiplier.js';

/** Quantization of one conv operand: per-tensor scale/zero point, or per-channel scales for the filter. */
export interface ConvQuantParams {
  /** real = (q − zeroPoint)·scale; the filter may give one scale per output channel */
  readonly scale: number | ArrayLike<number>;
  /** zero point (int8); must be 0 for the filter (TFLite symmetric weights) */
  readonly zeroPoint?: number;
}

/** Options of {@link quantizedDepthwiseConv2d} and {@link quantizedPointwiseConv2d}. */
export interface QuantizedConvOptions extends Pick<ConvOptions, 'strides' | 'padding' | 'dilations'> {
  /** Input scale and zero point (TFLite activations: asymmetric per-tensor int8). */
  inputQuant: ConvQuantParams;
  /** Filter scale(s): one number, or one per output channel (TFLite per-channel symmetric weights, zero point 0). */
  filterQuant: ConvQuantParams;
  /** Output scale and zero point. */
  outputQuant: ConvQuantParams;
  /** int32 bias per output channel, in units of inputScale·filterScale[c] (TFLite), default none. */
  bias?: Int32Array;
  /** Fused activation, clamped in the quantized domain as TFLite's CalculateActivationRangeQuantized (default 'linear'). */
  activation?: 'linear' | 'relu' | 'relu6';
  /** Precomputed per-channel multipliers and shifts (TFLite model values); default computed from the scales with {@link quantizeMultiplier}. */
  requant?: { multiplier: Int32Array; shift: Int32Array };
  /** Destination: Int8Array of at least the output size; returned as the result's data. */
  out?: Int8Array;
}

/** Checked quantization state of an int8 conv. @internal */
export interface QuantConvState {
  inputOffset: number;
  outputOffset: number;
  multiplier: Int32Array;
  shift: Int32Array;
  bias: Int32Array | undefined;
  actMin: number;
  actMax: number;
}

function scalarParam(fn: string, name: string, v: unknown, zeroOnly: boolean): { scale: number; zeroPoint: number } {
  if (typeof v !== 'object' || v === null) typeError(fn, `${name} must be an object { scale, zeroPoint } (got ${v === null ? 'null' : typeof v})`);
  const p = v as ConvQuantParams;
  if (typeof p.scale !== 'number') typeError(fn, `${name}.scale must be a number (got ${typeof p.scale})`);
  if (!(p.scale > 0 && p.scale < Infinity)) rangeError(fn, `${name}.scale must be finite and > 0 (got ${p.scale})`);
  const zp = p.zeroPoint === undefined ? 0 : checkInteger(fn, `${name}.zeroPoint`, p.zeroPoint, -128, 127);
  if (zeroOnly && zp !== 0) rangeError(fn, `${name}.zeroPoint must be 0 (got ${zp})`);
  return { scale: p.scale, zeroPoint: zp };
}

/** Checks the int8 tensor arguments. @internal */
export function int8Tensor(fn: string, name: string, t: Tensor<Int8Array>): number[] {
  if (!(t.data instanceof Int8Array)) {
    typeError(fn, `${name}.data must be an Int8Array (got ${Array.isArray(t.data) ? 'Array' : (t.data as object).constructor.name})`);
  }
  return checkShape(fn, name, t);
}

/**
 * Checks the quantization options of an int8 conv with `channels` output channels and derives the
 * TFLite per-channel multipliers: M_c = inputScale·filterScale[c]/outputScale (float64), then
 * QuantizeMultiplier. @internal
 */
export function quantConvState(fn: string, o: QuantizedConvOptions, channels: number): QuantConvState {
  const input = scalarParam(fn, 'inputQuant', o.inputQuant, false);
  const output = scalarParam(fn, 'outputQuant', o.outputQuant, false);
  const fq = o.filterQuant as unknown;
  if (typeof fq !== 'object' || fq === null) typeError(fn, `filterQuant must be an object { scale } (got ${fq === null ? 'null' : typeof fq})`);
  const fs = (fq as ConvQuantParams).scale;
  const fzp = (fq as ConvQuantParams).zeroPoint;
  if (fzp !== undefined && fzp !== 0) rangeError(fn, `filterQuant.zeroPoint must be 0 (got ${String(fzp)})`);
  const filterScale = new Float64Array(channels);
  if (typeof fs === 'number') filterScale.fill(fs);
  else if (Array.isArray(fs) || (ArrayBuffer.isView(fs) && !(fs instanceof DataView))) {
    const a = fs as ArrayLike<unknown>;
    if (a.length !== channels) rangeError(fn, `filterQuant.scale has ${a.length} entries, the filter has ${channels} output channels`);
    for (let c = 0; c < channels; c++) {
      const v = a[c];
      if (typeof v !== 'number') typeError(fn, `filterQuant.scale[${c}] must be a number (got ${typeof v})`);
      filterScale[c] = v;
    }
  } else typeError(fn, `filterQuant.scale must be a number or one number per output channel (got ${typeof fs})`);
  for (let c = 0; c < channels; c++) {
    const s = filterScale[c]!;
    if (!(s >= 0 && s < Infinity)) rangeError(fn, `filterQuant.scale${typeof fs === 'number' ? '' : `[${c}]`} must be finite and ≥ 0 (got ${s})`);
  }
  let multiplier: Int32Array;
  let shift: Int32Array;
  if (o.requant !== undefined) {
    const r = o.requant as { multiplier?: unknown; shift?: unknown };
    if (!(r.multiplier instanceof Int32Array) || !(r.shift instanceof Int32Array)) typeError(fn, 'requant must be { multiplier: Int32Array, shift: Int32Array }');
    if (r.multiplier.length !== channels || r.shift.length !== channels) {
      rangeError(fn, `requant.multiplier and requant.shift need ${channels} entries (got ${r.multiplier.length} and ${r.shift.length})`);
    }
    for (let c = 0; c < channels; c++) checkInteger(fn, `requant.shift[${c}]`, r.shift[c]!, -31, 31);
    multiplier = r.multiplier;
    shift = r.shift;
  } else {
    multiplier = new Int32Array(channels);
    shift = new Int32Array(channels);
    const tmp = new Int32Array(2);
    for (let c = 0; c < channels; c++) {
      const m = (input.scale * filterScale[c]!) / output.scale;
      if (!(m < 2147483648)) rangeError(fn, `the requantization multiplier of channel ${c} (${m}) is not < 2^31`);
      quantizeMultiplierImpl(m, tmp, 0);
      multiplier[c] = tmp[0]!;
      shift[c] = tmp[1]!;
    }
  }
  let bias: Int32Array | undefined;
  if (o.bias !== undefined) {
    if (!(o.bias instanceof Int32Array)) typeError(fn, `bias must be an Int32Array (got ${typeof o.bias === 'object' && o.bias !== null ? (o.bias as object).constructor.name : typeof o.bias})`);
    if (o.bias.length !== channels) rangeError(fn, `bias has length ${o.bias.length}, needs ${channels} (one per output channel)`);
    bias = o.bias;
  }
  const activation = checkOneOf(fn, 'activation', o.activation, ['linear', 'relu', 'relu6'] as const, 'linear');
  // TFLite CalculateActivationRangeQuantizedImpl: quantize(0) and quantize(6) with TfLiteRound
  const q = (v: number): number => {
    const t = v / output.scale;
    return output.zeroPoint + (t < 0 ? -Math.round(-t) : Math.round(t));
  };
  let actMin = -128;
  let actMax = 127;
  if (activation === 'relu') actMin = Math.max(actMin, q(0));
  else if (activation === 'relu6') {
    actMin = Math.max(actMin, q(0));
    actMax = Math.min(actMax, q(6));
  }
  return { inputOffset: -input.zeroPoint, outputOffset: output.zeroPoint, multiplier, shift, bias, actMin, actMax };
}

/** Checks or allocates the Int8Array destination. @internal */
export function int8Out(fn: string, out: unknown, n: number): Int8Array {
  if (out === undefined) return new Int8Array(n);
  if (!(out instanceof Int8Array)) typeError(fn, `out must be an Int8Array (got ${typeof out === 'object' && out !== null ? (out as object).constructor.name : typeof out})`);
  if (out.length < n) rangeError(fn, `out has length ${out.length}, needs ${n}`);
  return out;
}
