// GPU twin of src/prune/magnitudeMask.ts. The rank selection (which magnitude is the k-th
// smallest) runs on the host by radix select over float32 bits; the device compares every entry
// with it; the host resolves ties in index order (lower index pruned first, as on the CPU).
import { checkOptions, dispatcher } from '../../core/index.js';
import type { FloatArray, Tensor } from '../../core/index.js';
import { checkNoNaN } from '../../prune/args.js';
import { magnitudeMask as magnitudeMaskCpu, magnitudeMaskArgs } from '../../prune/magnitudeMask.js';
import type { MagnitudeMaskOptions } from '../../prune/magnitudeMask.js';
import { radixSelectU32 } from '../../prune/select.js';
import { MAX_ELEMENTS_PER_LAUNCH } from '../runtime.js';
import type { GpuRuntime } from '../runtime.js';
import { compareMagnitude, compareMagnitudeMasked } from './kernels.js';

const FN = 'magnitudeMask';

const dispatch = /*#__PURE__*/ dispatcher(FN, ['x', 'options'], {
  'Float32Array | Float64Array | Tensor, Object': run,
});

/** GPU magnitudeMask: see the CPU function; magnitudes are ranked as float32. @internal */
export async function magnitudeMask(rt: GpuRuntime, x: FloatArray | Tensor<FloatArray>, options: MagnitudeMaskOptions): Promise<Uint8Array> {
  return dispatch(x, { ...checkOptions(FN, options), rt }) as Promise<Uint8Array>;
}

async function run(xIn: FloatArray | Tensor<FloatArray>, o: MagnitudeMaskOptions & { rt: GpuRuntime }): Promise<Uint8Array> {
  const rt = o.rt;
  const { x, keys, keyName, mask, candidates, k, out } = magnitudeMaskArgs(FN, xIn, o);
  const n = x.length;
  checkNoNaN(FN, keyName, keys);
  const keys32 = keys instanceof Float32Array ? keys : Float32Array.from(keys);
  const cpu = (): Uint8Array => {
    const { rt: _rt, ...cpuOptions } = o;
    return magnitudeMaskCpu(x instanceof Float32Array ? x : Float32Array.from(x), { ...cpuOptions, ...(o.scores === undefined ? {} : { scores: keys32 }), out });
  };
  if (n === 0 || n < rt.cpuHandoff || k === 0) return cpu();
  let threshold: number;
  let tiesToPrune = 0;
  if (k < 0) {
    threshold = float32AtLeast(o.threshold!);
  } else {
    const bits = magnitudeBits(keys32, mask, candidates);
    const selected = radixSelectU32(bits, candidates, k - 1);
    threshold = new Float32Array(new Uint32Array([selected.value]).buffer)[0]!;
    tiesToPrune = k - selected.below;
  }
  return rt.guarded(async () => {
    for (let offset = 0; offset < n; offset += MAX_ELEMENTS_PER_LAUNCH) {
      const len = Math.min(MAX_ELEMENTS_PER_LAUNCH, n - offset);
      const xs = len === n ? keys32 : keys32.subarray(offset, offset + len);
      const codes = mask === null
        ? await rt.run('compareMagnitude', compareMagnitude, len, [xs, threshold])
        : await rt.run('compareMagnitudeMasked', compareMagnitudeMasked, len, [xs, len === n ? mask : mask.subarray(offset, offset + len), threshold]);
      for (let i = 0; i < len; i++) {
        const c = codes[i]!;
        if (c === 2) {
          // |key| equals the threshold: prune the lowest indices first (threshold mode keeps them).
          out[offset + i] = k >= 0 && tiesToPrune > 0 ? (tiesToPrune--, 0) : 1;
        } else {
          out[offset + i] = c;
        }
      }
    }
    return out;
  }, cpu);
}

/** The bit patterns of |keys| (float32) over the candidate entries, as unsigned keys for the radix select. */
function magnitudeBits(keys: Float32Array, mask: Uint8Array | null, candidates: number): Uint32Array {
  const bits = new Uint32Array(candidates);
  const abs = new Float32Array(1);
  const absBits = new Uint32Array(abs.buffer);
  let m = 0;
  for (let i = 0; i < keys.length; i++) {
    if (mask !== null && mask[i] === 0) continue;
    abs[0] = Math.abs(keys[i]!);
    bits[m++] = absBits[0]!;
  }
  return bits;
}

/** The smallest float32 ≥ t, so that |x| ≥ t and |x| ≥ it agree for every float32 x. */
function float32AtLeast(t: number): number {
  const f = Math.fround(t);
  if (f >= t || !Number.isFinite(f)) return f;
  const buf = new Float32Array([f]);
  const u = new Int32Array(buf.buffer);
  u[0] = f >= 0 ? u[0]! + 1 : u[0]! - 1;
  return buf[0]!;
}
