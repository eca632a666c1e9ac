import { defineConfig } from 'vitest/config';

/** Builds (once per run) the seeded template database that API and browser test files copy. */
const DATABASE_SETUP = ['tests/helpers/global-setup.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    // Each API test file opens its own copy of the database; two at a time suit a 2-core machine.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      // Pure code: no database, so `npm run test:unit` starts in seconds.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'api', include: ['tests/api/**/*.test.ts'], globalSetup: DATABASE_SETUP } },
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], globalSetup: DATABASE_SETUP } },
    ],
  },
});
