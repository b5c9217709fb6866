// Seeded PRNG: xoshiro128** 1.1 (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c),
// state seeded by SplitMix32 from a 32-bit seed. Only 32-bit integer ops (Math.imul, shifts),
// so every platform and engine produces the same stream.

/**
 * A seeded random stream. The same seed gives the same numbers everywhere.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.nextUint32(); // 32-bit unsigned integer
 * rng.nextFloat();  // uniform in [0, 1), 53 random bits
 * ```
 */
export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform float64 in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** Uniform integer in [0, n) without modulo bias, for 1 ≤ n ≤ 2^32. */
  nextInt(n: number): number;
  /** Standard normal deviate (Marsaglia polar method). */
  nextGaussian(): number;
}

/**
 * Creates a xoshiro128** stream seeded through SplitMix32.
 *
 * @param seed - any number; its low 32 bits (after truncation toward zero) select the stream
 * @example
 * ```ts
 * const a = createRng(7).nextUint32();
 * const b = createRng(7).nextUint32(); // a === b
 * ```
 */
export function createRng(seed: number): Rng {
  let sm = (Math.trunc(seed) | 0) >>> 0;
  const splitMix32 = (): number => {
    sm = (sm + 0x9e3779b9) | 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitMix32(), s1 = splitMix32(), s2 = splitMix32(), s3 = splitMix32();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  let spare = NaN;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const nextFloat = (): number => {
    const hi = nextUint32() >>> 5; // 27 bits
    const lo = nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  const nextInt = (n: number): number => {
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const v = nextUint32();
      if (v < limit) return v % n;
    }
  };
  const nextGaussian = (): number => {
    if (spare === spare) {
      const v = spare;
      spare = NaN;
      return v;
    }
    for (;;) {
      const u = 2 * nextFloat() - 1;
      const v = 2 * nextFloat() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        spare = v * f;
        return u * f;
      }
    }
  };
  return { nextUint32, nextFloat, nextInt, nextGaussian };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
