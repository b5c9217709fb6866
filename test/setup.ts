import { fc } from '@fast-check/vitest';

// The seed comes from test/globalSetup.ts (printed once); replay a failure with FRUGAL_SEED=<seed>.
const seed = Number(process.env.FRUGAL_SEED ?? 1);
fc.configureGlobal({ seed, numRuns: Number(process.env.FRUGAL_NUM_RUNS ?? 100) });
