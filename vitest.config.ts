import { defineConfig } from 'vitest/config';

// Tests import the packages' TypeScript sources through the `@halp/source` export condition,
// so `pnpm test` needs no build step.
const conditions = ['@halp/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@halp/source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'tests/**/*.test.ts', 'tooling/*/test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['./tooling/vitest-setup.ts'],
    reporters: ['default', './tooling/vitest-summary-reporter.ts'],
  },
});
