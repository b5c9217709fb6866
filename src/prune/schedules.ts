// TF-MOT pruning schedules (tensorflow_model_optimization/.../sparsity/keras/pruning_schedule.py) as
// pure functions: the same validation, the same float32 arithmetic, the same `should prune` rule.
import { checkOptions, dispatcher, rangeError, typeError } from '../core/index.js';

/** A pruning schedule: the target sparsity at a training step, and whether to prune at that step. */
export interface PruningSchedule {
  /** Sparsity (fraction of zeros) to prune to at `step`, a float32 value as TF-MOT returns it. */
  sparsityAt(step: number): number;
  /** True when `beginStep ≤ step ≤ endStep` (or endStep = −1) and `(step − beginStep) mod frequency = 0`. */
  shouldPrune(step: number): boolean;
}

/** Options of {@link constantSparsity} (TF-MOT `ConstantSparsity`). */
export interface ConstantSparsityOptions {
  /** Sparsity in [0, 1) (TF-MOT `target_sparsity`). */
  target: number;
  /** First step at which to prune, ≥ 0 (default 0). */
  beginStep?: number;
  /** Last step at which to prune, ≥ beginStep, or −1 to prune forever (default −1). */
  endStep?: number;
  /** Prune every `frequency` steps, > 0 (default 100). */
  frequency?: number;
}

/** Options of {@link polynomialDecay} (TF-MOT `PolynomialDecay`, Zhu & Gupta 2017). */
export interface PolynomialDecayOptions {
  /** Sparsity at `beginStep`, in [0, 1). */
  initialSparsity: number;
  /** Sparsity from `endStep` on, in [0, 1). */
  finalSparsity: number;
  /** First step at which to prune, ≥ 0. */
  beginStep: number;
  /** Last step at which to prune, ≥ beginStep (−1 is not allowed). */
  endStep: number;
  /** Exponent of the decay (default 3, the cubic schedule). */
  power?: number;
  /** Prune every `frequency` steps, > 0 (default 100). */
  frequency?: number;
}

function num(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number') typeError(fn, `${name} must be a number (got ${v === undefined ? 'undefined' : typeof v})`);
  if (!Number.isFinite(v)) rangeError(fn, `${name} must be finite (got ${v})`);
  return v;
}

function int(fn: string, name: string, v: unknown): number {
  const x = num(fn, name, v);
  if (!Number.isInteger(x)) rangeError(fn, `${name} must be an integer (got ${x})`);
  return x;
}

// TF-MOT PruningSchedule._validate_step, then _validate_sparsity, with our message style.
function validateSteps(fn: string, begin: number, end: number, frequency: number, allowNegative1: boolean): void {
  if (begin < 0) rangeError(fn, `beginStep must be ≥ 0 (got ${begin})`);
  if (!allowNegative1 && end === -1) rangeError(fn, 'endStep cannot be -1');
  if (end !== -1) {
    if (end < 0) rangeError(fn, `endStep must be -1 or ≥ 0 (got ${end})`);
    if (end < begin) rangeError(fn, `beginStep must be ≤ endStep when endStep ≠ -1 (got ${begin} > ${end})`);
  }
  if (frequency <= 0) rangeError(fn, `frequency must be > 0 (got ${frequency})`);
}

function validateSparsity(fn: string, name: string, v: unknown): number {
  const s = num(fn, name, v);
  if (!(s >= 0 && s < 1)) rangeError(fn, `${name} must be in [0, 1) (got ${s})`);
  return s;
}

function stepOf(fn: string, step: unknown): number {
  return int(fn, 'step', step);
}

/** TF-MOT `_should_prune_in_step`. @internal */
export function shouldPruneImpl(step: number, begin: number, end: number, frequency: number): boolean {
  const inRange = step >= begin && (step <= end || end < 0);
  const d = step - begin;
  return inRange && d - Math.floor(d / frequency) * frequency === 0;
}

const f32 = Math.fround;

/** TF-MOT `PolynomialDecay.__call__`'s sparsity, in float32 as TF computes it. @internal */
export function polynomialSparsityImpl(step: number, si: number, sf: number, begin: number, end: number, power: number): number {
  const span = end - begin;
  let p: number;
  if (span === 0) p = step >= begin ? 1 : 0; // TF divides by zero here (NaN at step = begin); we take p = 1
  else p = Math.min(1, Math.max(0, f32(f32(step - begin) / f32(span))));
  const decay = f32(Math.pow(f32(1 - p), f32(power)));
  return f32(f32(f32(si - sf) * decay) + f32(sf));
}

const dispatchConstant = /*#__PURE__*/ dispatcher('constantSparsity', ['options'], {
  Object: (o: ConstantSparsityOptions) => makeConstant(o),
});

/**
 * TF-MOT `ConstantSparsity`: the same target sparsity at every pruning step in
 * [beginStep, endStep] (endStep −1 = forever), every `frequency` steps.
 *
 * @remarks
 * Validation as TF-MOT: target in [0, 1), beginStep ≥ 0, endStep −1 or ≥ beginStep,
 * frequency > 0; steps must be integers. `sparsityAt` returns the float32 value of the target
 * (TF-MOT returns a float32 tensor), e.g. 0.800000011920929 for 0.8.
 *
 * @param options - {@link ConstantSparsityOptions}
 * @returns a {@link PruningSchedule}
 * @throws TypeError for non-number fields
 * @throws RangeError for values TF-MOT rejects, and for non-integer steps
 *
 * @example
 * ```ts
 * const s = constantSparsity({ target: 0.5, beginStep: 1000, frequency: 100 });
 * s.shouldPrune(1100); // true
 * s.shouldPrune(1150); // false
 * s.sparsityAt(5000); // 0.5
 * ```
 */
export function constantSparsity(options: ConstantSparsityOptions): PruningSchedule {
  return dispatchConstant(checkOptions('constantSparsity', options)) as PruningSchedule;
}

function makeConstant(o: ConstantSparsityOptions): PruningSchedule {
  const fn = 'constantSparsity';
  const begin = o.beginStep === undefined ? 0 : int(fn, 'beginStep', o.beginStep);
  const end = o.endStep === undefined ? -1 : int(fn, 'endStep', o.endStep);
  const frequency = o.frequency === undefined ? 100 : int(fn, 'frequency', o.frequency);
  validateSteps(fn, begin, end, frequency, true);
  const target = f32(validateSparsity(fn, 'target', o.target));
  return {
    sparsityAt: (step: number) => {
      stepOf(`${fn}.sparsityAt`, step);
      return target;
    },
    shouldPrune: (step: number) => shouldPruneImpl(stepOf(`${fn}.shouldPrune`, step), begin, end, frequency),
  };
}

const dispatchPoly = /*#__PURE__*/ dispatcher('polynomialDecay', ['options'], {
  Object: (o: PolynomialDecayOptions) => makePoly(o),
});

/**
 * TF-MOT `PolynomialDecay` (Zhu & Gupta's gradual pruning): sparsity rises from
 * `initialSparsity` to `finalSparsity` as s = s_f + (s_i − s_f)·(1 − p)^power,
 * p = clamp((step − beginStep)/(endStep − beginStep), 0, 1).
 *
 * @remarks
 * Validation and arithmetic as TF-MOT: sparsities in [0, 1), beginStep ≥ 0, endStep ≥ beginStep
 * and not −1, frequency > 0; the value is computed in float32 like TF's graph. Before beginStep
 * it is `initialSparsity`, after endStep `finalSparsity`; pruning happens at beginStep,
 * beginStep + frequency, … up to endStep. Where TF-MOT divides by zero (endStep = beginStep) we
 * return finalSparsity from beginStep on.
 *
 * @param options - {@link PolynomialDecayOptions}
 * @returns a {@link PruningSchedule}
 * @throws TypeError for non-number fields
 * @throws RangeError for values TF-MOT rejects, and for non-integer steps
 *
 * @example
 * ```ts
 * const s = polynomialDecay({ initialSparsity: 0, finalSparsity: 0.5, beginStep: 0, endStep: 1000 });
 * s.sparsityAt(0); // 0
 * s.sparsityAt(500); // 0.4375
 * s.sparsityAt(2000); // 0.5
 * s.shouldPrune(300); // true
 * s.shouldPrune(1100); // false
 * ```
 */
export function polynomialDecay(options: PolynomialDecayOptions): PruningSchedule {
  return dispatchPoly(checkOptions('polynomialDecay', options)) as PruningSchedule;
}

function makePoly(o: PolynomialDecayOptions): PruningSchedule {
  const fn = 'polynomialDecay';
  const begin = int(fn, 'beginStep', o.beginStep);
  const end = int(fn, 'endStep', o.endStep);
  const frequency = o.frequency === undefined ? 100 : int(fn, 'frequency', o.frequency);
  const power = o.power === undefined ? 3 : num(fn, 'power', o.power);
  validateSteps(fn, begin, end, frequency, false);
  const si = validateSparsity(fn, 'initialSparsity', o.initialSparsity);
  const sf = validateSparsity(fn, 'finalSparsity', o.finalSparsity);
  return {
    sparsityAt: (step: number) => polynomialSparsityImpl(stepOf(`${fn}.sparsityAt`, step), si, sf, begin, end, power),
    shouldPrune: (step: number) => shouldPruneImpl(stepOf(`${fn}.shouldPrune`, step), begin, end, frequency),
  };
}
