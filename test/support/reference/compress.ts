// Slow, obvious reference of the Deep Compression tensor pipeline (STYLE G8): torch-style
// magnitude pruning, then symmetric per-channel b-bit quantization with min-max ranges,
// written from the definitions with plain arrays and float64 arithmetic.
import { channelOfRef, roundRef } from './quant.js';
import { magnitudeMaskRef, pruneCountRef } from './prune.js';

export interface CompressRefOptions {
  amount: number;
  bits: number;
  /** channel axis, −1 for one scale */
  axis: number;
}

/** The values decompressTensor must return, and the codes and scales behind them. */
export function compressRef(x: ArrayLike<number>, shape: readonly number[], o: CompressRefOptions): { values: number[]; codes: number[]; scales: number[] } {
  const n = x.length;
  const mask = magnitudeMaskRef(x, pruneCountRef(o.amount, n));
  const pruned = Array.from(x, (v, i) => (mask[i] ? v : 0));
  const channelOf = o.axis < 0 ? () => 0 : channelOfRef(shape, o.axis);
  const channels = o.axis < 0 ? 1 : shape[o.axis]!;
  const qmax = 2 ** (o.bits - 1) - 1;
  const amax = new Array<number>(channels).fill(0);
  pruned.forEach((v, i) => {
    amax[channelOf(i)] = Math.max(amax[channelOf(i)]!, Math.abs(v));
  });
  const scales = amax.map((a) => {
    const s = Math.fround(a / qmax);
    return s > 0 && Number.isFinite(s) ? s : 1;
  });
  // codes are integers: −0 is 0
  const codes = pruned.map((v, i) => Math.min(qmax, Math.max(-qmax, roundRef(v / scales[channelOf(i)]!, 'half-even'))) + 0);
  const values = codes.map((q, i) => Math.fround(q * scales[channelOf(i)]!));
  return { values, codes, scales };
}

/** Default channel axis: the last axis longer than 1 for rank ≥ 2, else −1. */
export function defaultAxisRef(shape: readonly number[]): number {
  if (shape.length < 2) return -1;
  for (let a = shape.length - 1; a >= 0; a--) if (shape[a]! > 1) return a;
  return -1;
}

/** MSE, max |error| and SQNR (dB) of x̂ against x in float64. */
export function errorRef(x: ArrayLike<number>, xHat: ArrayLike<number>): { mse: number; maxAbsError: number; sqnrDb: number } {
  let s = 0;
  let e = 0;
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - xHat[i]!;
    s += x[i]! * x[i]!;
    e += d * d;
    m = Math.max(m, Math.abs(d));
  }
  return { mse: x.length === 0 ? 0 : e / x.length, maxAbsError: m, sqnrDb: e === 0 ? Infinity : 10 * Math.log10(s / e) };
}
