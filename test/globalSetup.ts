// Picks the fast-check seed once per run and prints it; workers read FRUGAL_SEED (test/setup.ts).
export default function setup(): void {
  if (process.env.FRUGAL_SEED === undefined) process.env.FRUGAL_SEED = String((Date.now() % 0x7fffffff) | 0);
  console.log(`fast-check seed: FRUGAL_SEED=${process.env.FRUGAL_SEED}`);
}
