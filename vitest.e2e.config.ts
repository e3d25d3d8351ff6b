// Browser suite: the whole stack (PGlite or DATABASE_URL, wrangler dev, Telegram sandbox) started
// in-process per file by test/e2e/harness.ts, driven with playwright-core and Debian's Chromium.
// Needs the built mini app: `npm run build:app` first (`npm test` does it).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    // One stack and one browser at a time: they are heavy and share ports and CPU.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: {
      // No internet here: keep wrangler from calling Cloudflare.
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_SEND_METRICS: 'false',
    },
  },
});
