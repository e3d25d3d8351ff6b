// Node test suites: unit tests and integration tests (API through app.request(), bot through
// handleUpdate and the webhook) against a real Postgres — embedded PGlite unless DATABASE_URL is set.
// The workerd suite (vitest.workers.config.ts) and the browser suite (vitest.e2e.config.ts) are separate.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    exclude: ['test/workers/**', 'test/e2e/**', '**/node_modules/**'],
    globalSetup: ['test/harness/global-setup.ts'],
    environment: 'node',
    fileParallelism: true,
    testTimeout: 15_000,
    hookTimeout: 30_000,
  },
});
