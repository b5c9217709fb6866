import { describe, expect, it } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { fastLog, logTables, RATIO_EXP_MIN } from '../../src/entropy/fastLog.js';
import { sumKl } from '../../src/entropy/klSums.js';
import { sumXLogXF32, sumXLogYF32, xLogXSums } from '../../src/entropy/xlogx.js';

// The table logarithm must track Math.log to within a few ulps of the result (relative error
// below 4e-16 plus an absolute floor far under anything a sum could notice).
function expectLogClose(x: number): void {
  const expected = Math.log(x);
  const actual = fastLog(x);
  const err = Math.abs(actual - expected);
  if (!(err <= 4e-16 * Math.abs(expected) + 1e-300)) expect.fail(`fastLog(${x}) = ${actual}, Math.log = ${expected}, error ${err}`);
}

describe('fastLog', () => {
  it('fastLog agrees with Math.log at every binary exponent, at bucket edges and near 1', () => {
    for (let e = -1074; e <= 1023; e++) {
      const x = 2 ** e;
      expectLogClose(x);
      expectLogClose(x * 1.4142135623730951);
      expectLogClose(x * 1.9999999999999998);
    }
    const { centre } = logTables();
    for (let i = 0; i < centre.length; i++) {
      const lo = 1 + i / 1024;
      expectLogClose(lo);
      expectLogClose(lo + 2 ** -52);
      expectLogClose(lo / 2);
    }
    for (const d of [1e-16, 1e-12, 1e-8, 1e-4, 1e-3]) {
      expectLogClose(1 + d);
      expectLogClose(1 - d);
    }
  });

  it('fastLog returns Math.log’s special values', () => {
    expect(fastLog(0)).toBe(-Infinity);
    expect(fastLog(1)).toBe(0);
    expect(fastLog(Infinity)).toBe(Infinity);
    expect(fastLog(-1)).toBeNaN();
    expect(fastLog(Number.NaN)).toBeNaN();
    expect(fastLog(5e-324)).toBe(Math.log(5e-324));
  });

  fcIt.prop([fc.double({ min: 5e-324, max: 1.7e308, noNaN: true })])('fastLog(x) is within 4e-16 relative of Math.log(x)', (x) => {
    expectLogClose(x);
  });

  fcIt.prop([fc.float({ min: Math.fround(1e-38), max: Math.fround(3e38), noNaN: true })])('fastLog on float32 values is as accurate', (x) => {
    expectLogClose(x);
  });

  it('the float32 loops’ table logarithm tracks Math.log at every exponent and bucket edge, relatively near 1', () => {
    const words = new Int32Array(5);
    const x = new Float32Array(words.buffer);
    const ones = new Float32Array(5).fill(1);
    const out = xLogXSums();
    for (let e = 1; e <= 254; e++) {
      for (const mantissa of [0, 1, 0x1fff, 0x2000, 0x3fffff, 0x400000, 0x7fdfff, 0x7fe000, 0x7fffff, (e * 0x9e3779b1) & 0x7fffff]) {
        words.fill((e << 23) | mantissa);
        const v = x[0]!;
        const expected = Math.log(v);
        const nearOne = (e === 127 && mantissa < 0x2000) || (e === 126 && mantissa >= 0x7fe000);
        const bound = nearOne ? 4e-16 * Math.abs(expected) : 6e-16 * (1 + Math.abs(expected));
        // four lanes of the chunk loop plus one tail element, and the tail alone
        for (const [n, sum] of [[5, sumXLogXF32(x, words, 0, 5, out).sumTerm / (5 * v)], [1, sumXLogXF32(x, words, 0, 1, out).sumTerm / v], [5, sumXLogYF32(ones, x, words, 0, 5, out).sumTerm / 5]] as const) {
          if (!(Math.abs(sum - expected) <= bound)) expect.fail(`n = ${n}: ln(${v}) = ${sum}, Math.log = ${expected}`);
        }
      }
    }
    const ones5 = new Float32Array(5).fill(1);
    expect(sumXLogXF32(ones5, new Int32Array(ones5.buffer), 0, 5, out).sumTerm).toBe(0);
  });

  it('the KL loops’ ratio logarithm tracks Math.log at every covered exponent and bucket edge, relatively near 1', () => {
    const p = new Float64Array(4);
    const q = new Float64Array([1, 1, 1, 1]);
    const out = xLogXSums();
    for (let e = RATIO_EXP_MIN; e < -RATIO_EXP_MIN; e++) {
      for (const m of [1, 1 + 2 ** -52, 1 + 2 ** -11, 1 + 2 ** -10 - 2 ** -52, 1 + 2 ** -10, 1.5 - 2 ** -52, 1.5, 2 - 2 ** -10, 2 - 2 ** -52, 1 + ((e * 0x9e3779b1) >>> 0) / 2 ** 32]) {
        const x = m * 2 ** e;
        p.fill(x);
        const ln = sumKl(p, q, 0, 4, out).sumTerm / (4 * x);
        const expected = Math.log(x);
        const nearOne = (e === 0 && m < 1 + 2 ** -10) || (e === -1 && m >= 2 - 2 ** -10);
        const bound = nearOne ? 4e-16 * Math.abs(expected) : 6e-16 * (1 + Math.abs(expected));
        if (!(Math.abs(ln - expected) <= bound)) expect.fail(`ln(${x}) = ${ln}, Math.log = ${expected}`);
      }
    }
    p.fill(0.25);
    expect(sumKl(p, p, 0, 4, out).sumTerm).toBe(0);
  });

  fcIt.prop([
    fc.float({ min: Math.fround(1e-38), max: Math.fround(3e38), noNaN: true }),
    fc.float({ min: Math.fround(1e-38), max: Math.fround(3e38), noNaN: true }),
  ])('sumKl’s terms, inside or outside the ratio tables’ range, are p·ln(p/q) to within a few ulps', (v, u) => {
    const p = new Float32Array([v, v, v, v, v]);
    const q = new Float32Array([u, u, u, u, u]);
    const term = sumKl(p, q, 0, 5, xLogXSums()).sumTerm / 5;
    const expected = v * (Math.log(v) - Math.log(u));
    expect(Math.abs(term - expected)).toBeLessThanOrEqual(2e-15 * v * (1 + Math.abs(Math.log(v)) + Math.abs(Math.log(u))));
  });
});
