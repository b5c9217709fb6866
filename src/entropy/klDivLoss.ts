import { checkBoolean, checkOneOf, checkOptions, checkShape, dispatcher, isTensor, rangeError, toFloatArray } from '../core/index.js';
import type { FloatArray, Tensor } from '../core/index.js';

import { reduce } from './softmaxCrossEntropy.js';

/** Options of {@link klDivLoss}. */
export interface KlDivLossOptions {
  /** 'mean' (default, as torch: over all elements), 'batchmean' (sum / shape[0]), 'sum' or 'none'. */
  reduction?: 'none' | 'mean' | 'sum' | 'batchmean';
  /** `target` holds log-probabilities (torch `log_target`, default false). */
  logTarget?: boolean;
}

const REDUCTIONS = ['none', 'mean', 'sum', 'batchmean'] as const;

const dispatch = /*#__PURE__*/ dispatcher('klDivLoss', ['input', 'target', 'options'], {
  'Float32Array | Float64Array | Array | Tensor, Float32Array | Float64Array | Array | Tensor, Object': run,
});

/**
 * KL-divergence loss with `torch.nn.functional.kl_div` semantics: `input` holds log-probabilities,
 * each element contributes target · (log target − input) (or exp(t)·(t − input) with `logTarget`).
 *
 * @remarks
 * Use `reduction: 'batchmean'` for the mathematical KL per sample; 'mean' divides by the element
 * count, as torch does. Where target = 0 the term is 0 even when input = −Infinity (torch gives
 * NaN there). Negative targets (without `logTarget`), NaN and +Infinity values are RangeErrors;
 * input may hold −Infinity.
 *
 * @param input - log-probabilities: a vector or a Tensor ([N, …] for 'batchmean')
 * @param target - probabilities (or log-probabilities with `logTarget`), same shape
 * @param options - {@link KlDivLossOptions}
 * @returns the reduced loss, or with 'none' the elementwise terms in the input's float type
 * @throws TypeError for arguments of the wrong type
 * @throws RangeError for mismatched shapes, bad values or options
 *
 * @example
 * ```ts
 * klDivLoss([Math.log(0.5), Math.log(0.5)], [0.9, 0.1], { reduction: 'sum' }); // 0.3680642071684971
 * ```
 */
export function klDivLoss(input: FloatArray | number[] | Tensor<FloatArray>, target: FloatArray | number[] | Tensor<FloatArray>, options: KlDivLossOptions & { reduction: 'none' }): FloatArray;
export function klDivLoss(input: FloatArray | number[] | Tensor<FloatArray>, target: FloatArray | number[] | Tensor<FloatArray>, options?: KlDivLossOptions): number;
export function klDivLoss(input: FloatArray | number[] | Tensor<FloatArray>, target: FloatArray | number[] | Tensor<FloatArray>, options: KlDivLossOptions = {}): number | FloatArray {
  return dispatch(input, target, checkOptions('klDivLoss', options)) as number | FloatArray;
}

type Input = FloatArray | number[] | Tensor<FloatArray>;

function flat(fn: string, name: string, v: Input): { x: FloatArray; shape: number[] } {
  if (isTensor(v)) {
    const shape = checkShape(fn, name, v as Tensor<FloatArray>);
    return { x: toFloatArray(fn, name, (v as Tensor<FloatArray>).data), shape };
  }
  const x = toFloatArray(fn, name, v as FloatArray | number[]);
  return { x, shape: [x.length] };
}

function run(input: Input, target: Input, o: KlDivLossOptions): number | FloatArray {
  const fn = 'klDivLoss';
  const reduction = checkOneOf(fn, 'reduction', o.reduction, REDUCTIONS, 'mean');
  const logTarget = checkBoolean(fn, 'logTarget', o.logTarget, false);
  const a = flat(fn, 'input', input);
  const b = flat(fn, 'target', target);
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    rangeError(fn, `input and target differ in shape ([${a.shape.join(', ')}] vs [${b.shape.join(', ')}])`);
  }
  for (let i = 0; i < a.x.length; i++) {
    if (!(a.x[i]! < Infinity)) rangeError(fn, `input[${i}] must be finite or -Infinity (got ${a.x[i]})`);
    const t = b.x[i]!;
    if (logTarget ? !(t < Infinity) : !(t >= 0 && t < Infinity)) {
      rangeError(fn, `target[${i}] must be ${logTarget ? 'finite or -Infinity' : 'finite and ≥ 0'} (got ${t})`);
    }
  }
  const terms = klDivLossImpl(a.x.length, a.x, b.x, logTarget, new Float64Array(a.x.length));
  const denominator = reduction === 'batchmean' ? (a.shape[0] ?? 1) : a.x.length;
  return reduce(terms, reduction === 'batchmean' ? 'mean' : reduction, denominator, a.x instanceof Float32Array);
}

/** Elementwise KL-loss terms into `out`. Unchecked. @internal */
export function klDivLossImpl(n: number, input: FloatArray, target: FloatArray, logTarget: boolean, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const t = target[i]!;
    if (logTarget) out[i] = t === -Infinity ? 0 : Math.exp(t) * (t - input[i]!);
    else out[i] = t === 0 ? 0 : t * (Math.log(t) - input[i]!);
  }
  return out;
}
