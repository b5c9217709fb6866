import { checkInRange, checkOptions, checkPositive, dispatcher, rangeError, typeError } from '../core/index.js';
import type { FloatArray } from '../core/index.js';
import { checkLogits, logSumExpImpl } from './softmax.js';
import { batchOf, classIndexLossesImpl } from './softmaxCrossEntropy.js';
import type { Logits } from './softmaxCrossEntropy.js';

/** Options of {@link distillationLoss}. */
export interface DistillationLossOptions {
  /** Softening temperature T > 0 (default 1). */
  temperature?: number;
  /** Weight α ∈ [0, 1] of the soft term (default 0.5 with `hardTargets`, 1 without). */
  alpha?: number;
  /** Class indices (Int32Array, one per sample) for the hard cross-entropy term. */
  hardTargets?: Int32Array;
}

const dispatch = /*#__PURE__*/ dispatcher('distillationLoss', ['studentLogits', 'teacherLogits', 'options'], {
  'Float32Array | Float64Array | Array | Tensor, Float32Array | Float64Array | Array | Tensor, Object': run,
});

/**
 * Knowledge-distillation loss (Hinton, Vinyals & Dean 2015):
 * α · T² · KL(softmax(t/T) ‖ softmax(s/T)) + (1 − α) · CE(s, hardTargets).
 *
 * @remarks
 * The KL term is averaged over the batch (`kl_div(..., reduction='batchmean')`, the usual
 * PyTorch recipe); the hard term is `softmaxCrossEntropy(s, hardTargets)` with 'mean'. The T²
 * factor keeps the soft term's gradients on the scale of the hard term. Without `hardTargets`
 * the loss is α · T² · KL with α = 1 by default.
 *
 * @param studentLogits - [N, C] Tensor or one vector of C logits
 * @param teacherLogits - same shape as `studentLogits`
 * @param options - {@link DistillationLossOptions}
 * @returns the loss (a number)
 * @throws TypeError for arguments of the wrong type
 * @throws RangeError for mismatched shapes, bad logits, targets or options
 *
 * @example
 * ```ts
 * distillationLoss([1, 2, 3], [1, 2, 3], { temperature: 4 }); // 0
 * ```
 */
export function distillationLoss(studentLogits: Logits, teacherLogits: Logits, options: DistillationLossOptions = {}): number {
  return dispatch(studentLogits, teacherLogits, checkOptions('distillationLoss', options)) as number;
}

function run(student: Logits, teacher: Logits, o: DistillationLossOptions): number {
  const fn = 'distillationLoss';
  const s = batchOf(fn, 'studentLogits', student);
  const t = batchOf(fn, 'teacherLogits', teacher);
  if (s.n !== t.n || s.c !== t.c) rangeError(fn, `studentLogits [${s.n}, ${s.c}] and teacherLogits [${t.n}, ${t.c}] differ in shape`);
  if (s.c === 0) rangeError(fn, 'logits must have at least one class (C = 0)');
  checkLogits(fn, s.x, { outer: s.n, len: s.c, inner: 1 });
  checkLogits(fn, t.x, { outer: t.n, len: t.c, inner: 1 });
  const temperature = o.temperature === undefined ? 1 : checkPositive(fn, 'temperature', o.temperature);
  const hard = o.hardTargets;
  if (hard !== undefined && !(hard instanceof Int32Array)) typeError(fn, 'hardTargets must be an Int32Array of class indices');
  const alpha = o.alpha === undefined ? (hard === undefined ? 1 : 0.5) : checkInRange(fn, 'alpha', o.alpha, 0, 1);
  const soft = alpha === 0 ? 0 : softKlImpl(s.n, s.c, s.x, t.x, temperature) * temperature * temperature;
  if (hard === undefined) return alpha * soft;
  if (hard.length !== s.n) rangeError(fn, `hardTargets has ${hard.length} entries, logits have N = ${s.n} rows`);
  for (let i = 0; i < hard.length; i++) {
    if (!(hard[i]! >= 0 && hard[i]! < s.c)) rangeError(fn, `hardTargets[${i}] = ${hard[i]} is not a class in [0, ${s.c})`);
  }
  const losses = new Float64Array(s.n);
  const denominator = classIndexLossesImpl(s.n, s.c, s.x, hard, undefined, -100, 0, losses);
  let ce = 0;
  for (let i = 0; i < s.n; i++) ce += losses[i]!;
  return alpha * soft + (1 - alpha) * (ce / denominator);
}

/** (1/N) Σₙ KL(softmax(tₙ/T) ‖ softmax(sₙ/T)) in nats. Unchecked. @internal */
export function softKlImpl(n: number, c: number, s: FloatArray, t: FloatArray, temperature: number): number {
  const sRow = new Float64Array(c);
  const tRow = new Float64Array(c);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < c; k++) {
      sRow[k] = s[i * c + k]! / temperature;
      tRow[k] = t[i * c + k]! / temperature;
    }
    const sLse = logSumExpImpl(c, sRow, 1, 0);
    const tLse = logSumExpImpl(c, tRow, 1, 0);
    let kl = 0;
    for (let k = 0; k < c; k++) {
      const logPt = tRow[k]! - tLse;
      if (logPt === -Infinity) continue;
      kl += Math.exp(logPt) * (logPt - (sRow[k]! - sLse));
    }
    total += kl;
  }
  return total / n;
}
