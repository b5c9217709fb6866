// GPU twin of src/entropy/klDivergence.ts.
import { HUGE_SUM } from '../../entropy/entropy.js';
import { klDivergenceImpl } from '../../entropy/klDivergence.js';
import { sumPair, xLogXSums } from '../../entropy/xlogx.js';
import { reduceBlocks } from '../runtime.js';
import { xLogRatioPartial } from './kernels.js';
import { hasUncoveredMass, pairReduction } from './pairs.js';

const sums = /*#__PURE__*/ xLogXSums();

/** GPU klDivergence: see the CPU `klDivergence` for semantics. @internal */
export const klDivergence = /*#__PURE__*/ pairReduction('klDivergence', async (rt, p, q, normalize, policy) => {
  const n = p.length;
  if (n === 0 || n < rt.cpuHandoff) return klDivergenceImpl(p, q, normalize, policy);
  const s = sumPair(p, q, 0, n, sums);
  const { sumP, sumQ } = s;
  if (s.irregular > 0 || !(sumP > 0 && sumQ > 0 && sumP <= HUGE_SUM && sumQ <= HUGE_SUM)) return klDivergenceImpl(p, q, normalize, policy);
  if (hasUncoveredMass(p, q)) return Infinity;
  const k = normalize ? sumQ / sumP : 1;
  return rt.guarded(
    async () => {
      const t = await reduceBlocks(rt, 'xLogRatio', xLogRatioPartial, [p, q], [k]);
      return normalize ? Math.max(0, t / sumP) : t;
    },
    () => klDivergenceImpl(p, q, normalize, policy),
  );
});
