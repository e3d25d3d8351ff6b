// Tests inside workerd (the real Workers runtime, via Miniflare): bindings (Queue, R2, cron) and
// database I/O through postgres.js over workerd sockets — the parts Node tests cannot prove.
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import {
  LOCAL_BOT_TOKEN,
  LOCAL_CERT_SIGNING_KEY,
  LOCAL_CERT_SIGNING_KEY_ID,
  LOCAL_WEBHOOK_SECRET,
} from './scripts/local-config';

// No internet here: keep wrangler/miniflare from calling Cloudflare.
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
process.env.WRANGLER_SEND_METRICS ??= 'false';

export default defineConfig({
  plugins: [
    cloudflareTest(async ({ inject }) => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          APP_ENV: 'test',
          DATABASE_URL: inject<string>('databaseUrl'),
          TELEGRAM_API_ROOT: inject<string>('sandboxUrl'),
          TELEGRAM_BOT_TOKEN: LOCAL_BOT_TOKEN,
          TELEGRAM_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
          CERT_SIGNING_KEY: LOCAL_CERT_SIGNING_KEY,
          CERT_SIGNING_KEY_ID: LOCAL_CERT_SIGNING_KEY_ID,
          // Queue jobs and the cron have no request origin; links need this.
          PUBLIC_URL: 'https://township.example',
        },
      },
    })),
  ],
  test: {
    include: ['test/workers/**/*.test.ts'],
    globalSetup: ['test/workers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
