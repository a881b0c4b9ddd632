import fc from 'fast-check';

// Property tests explore new random cases on every local run. In CI (CI=true) they use a fixed
// seed so that a run is reproducible; FAST_CHECK_SEED overrides it to replay a reported failure.
const seed = process.env.FAST_CHECK_SEED ?? (process.env.CI ? '20261123' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
