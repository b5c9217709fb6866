// GPU twin of src/entropy/crossEntropy.ts.
import { crossEntropyImpl } from '../../entropy/crossEntropy.js';
import { HUGE_SUM } from '../../entropy/entropy.js';
import { bitsOf } from '../../entropy/fastLog.js';
import { sumPair, sumXLogYF32, xLogXSums } from '../../entropy/xlogx.js';
import { reduceBlocks } from '../runtime.js';
import { xLogYPartial } from './kernels.js';
import { hasUncoveredMass, pairReduction } from './pairs.js';

const sums = /*#__PURE__*/ xLogXSums();

/** GPU crossEntropy: see the CPU `crossEntropy` for semantics. @internal */
export const crossEntropy = /*#__PURE__*/ pairReduction('crossEntropy', async (rt, p, q, normalize, policy) => {
  const n = p.length;
  if (n === 0 || n < rt.cpuHandoff) return crossEntropyImpl(p, q, normalize, policy);
  const s = sumPair(p, q, 0, n, sums);
  const { sumP, sumQ } = s;
  if (s.irregular > 0 || !(sumP > 0 && sumQ > 0 && sumP <= HUGE_SUM && sumQ <= HUGE_SUM)) return crossEntropyImpl(p, q, normalize, policy);
  if (hasUncoveredMass(p, q)) return Infinity;
  const t = await rt.guarded(
    () => reduceBlocks(rt, 'xLogY', xLogYPartial, [p, q], []),
    () => sumXLogYF32(p, q, bitsOf(q), 0, n, xLogXSums()).sumTerm,
  );
  if (!normalize) return -t;
  return (sumP * Math.log(sumQ) - t) / sumP;
});
