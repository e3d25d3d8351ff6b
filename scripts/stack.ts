// Starts the whole system locally — database (embedded PGlite unless DATABASE_URL), migrations and
// demo data, the Telegram sandbox (unless TELEGRAM_BOT_TOKEN), and the Worker under wrangler dev
// with its Queue, R2 bucket and cron simulated. Used by `npm start` and by the browser tests.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setupTelegram } from '../bot/setup-telegram';
import { createDb } from '../db/client';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../db/embedded-server';
import { migrateDatabase } from '../db/migrate';
import { seedDemoData } from '../db/seed';
import { startTelegramSandbox, type TelegramSandbox } from '../test/harness/telegram-sandbox';
import { killProcessGroup, stopProcessGroup } from './child-process-group';
import { StartupError, waitForHealthy } from './health-check';
import {
  LOCAL_BOT_INFO,
  LOCAL_BOT_TOKEN,
  LOCAL_BOT_USERNAME,
  LOCAL_CERT_SIGNING_KEY,
  LOCAL_CERT_SIGNING_KEY_ID,
  LOCAL_TIPOFF_RECEIPT_KEY,
  LOCAL_WEBHOOK_SECRET,
} from './local-config';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface StackOptions {
  port?: number;
  /** Existing Postgres; otherwise embedded PGlite with data in `dataDir` (undefined = in memory). */
  databaseUrl?: string;
  dataDir?: string;
  /** Where wrangler keeps the simulated R2 and Queue state. */
  persistTo?: string;
  sandboxPort?: number;
  /** A real bot token: long-poll the Bot API at telegramApiRoot instead of starting the sandbox. */
  telegramToken?: string;
  telegramApiRoot?: string;
  telegramBotUsername?: string;
  webhookSecret?: string;
  /** Certificate signing key; default: the local, non-secret dev key. */
  certSigningKey?: string;
  certSigningKeyId?: string;
  /** More Worker vars (e.g. CERT_DEADLINE_WORKING_DAYS) for this run. */
  vars?: Record<string, string>;
  quiet?: boolean;
}

export interface Stack {
  url: string;
  databaseUrl: string;
  sandbox?: TelegramSandbox;
  stop(): Promise<void>;
  /**
   * SIGKILL to wrangler and workerd at once — a crash, not a shutdown: in-flight requests, queue
   * batches and the local queue's undelivered messages die with it. The database and the sandbox
   * stay up (tests start a second stack on them).
   */
  kill(): Promise<void>;
}

/** Feeds updates from a real Bot API (long polling) into the same webhook handler the sandbox uses. */
function startLongPolling(options: { apiRoot: string; token: string; webhookUrl: string; secret: string }) {
  let stopped = false;
  const controller = new AbortController();
  const api = (method: string, body: object) =>
    fetch(`${options.apiRoot}/bot${options.token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: controller.signal,
    }).then((r) => r.json() as Promise<{ ok: boolean; result: { update_id: number }[] }>);
  const loop = async () => {
    await api('deleteWebhook', {}).catch(() => {});
    let offset = 0;
    while (!stopped) {
      try {
        const res = await api('getUpdates', { offset, timeout: 25 });
        for (const update of res.result ?? []) {
          offset = update.update_id + 1;
          await fetch(options.webhookUrl, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'X-Telegram-Bot-Api-Secret-Token': options.secret,
            },
            body: JSON.stringify(update),
          });
        }
      } catch {
        if (!stopped) await new Promise((r) => setTimeout(r, 2000));
      }
    }
  };
  void loop();
  return () => {
    stopped = true;
    controller.abort();
  };
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const port = options.port ?? 8787;
  const url = `http://127.0.0.1:${port}`;
  const log = (s: string) => {
    if (!options.quiet) console.log(s);
  };

  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: options.dataDir });
    databaseUrl = embedded.url;
  }
  await migrateDatabase(databaseUrl);
  const seedHandle = createDb(databaseUrl);
  await seedDemoData(seedHandle.db);
  await seedHandle.close();

  const realTelegram = Boolean(options.telegramToken);
  const token = options.telegramToken ?? LOCAL_BOT_TOKEN;
  const secret = options.webhookSecret ?? LOCAL_WEBHOOK_SECRET;
  let sandbox: TelegramSandbox | undefined;
  let apiRoot = options.telegramApiRoot ?? 'https://api.telegram.org';
  if (!realTelegram) {
    sandbox = await startTelegramSandbox({ token, botInfo: LOCAL_BOT_INFO, port: options.sandboxPort ?? 0 });
    apiRoot = sandbox.apiRoot;
  }

  const vars: Record<string, string> = {
    APP_ENV: 'development',
    DATABASE_URL: databaseUrl,
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_WEBHOOK_SECRET: secret,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_BOT_USERNAME: options.telegramBotUsername ?? LOCAL_BOT_USERNAME,
    CERT_SIGNING_KEY: options.certSigningKey ?? LOCAL_CERT_SIGNING_KEY,
    CERT_SIGNING_KEY_ID: options.certSigningKeyId ?? LOCAL_CERT_SIGNING_KEY_ID,
    TIPOFF_RECEIPT_KEY: LOCAL_TIPOFF_RECEIPT_KEY,
    // Links in messages, the PDF's QR code and the bot's mini app buttons: the port actually chosen.
    PUBLIC_URL: url,
    ...options.vars,
  };
  const args = [
    'wrangler',
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    // A fixed port lets a profiler attach to workerd (bench/README.md); any free one otherwise.
    process.env.WORKER_INSPECTOR_PORT ?? '0',
    '--test-scheduled',
    '--show-interactive-dev-session=false',
    '--log-level',
    options.quiet ? 'error' : 'warn',
    ...(options.persistTo ? ['--persist-to', options.persistTo] : []),
    ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
  ];
  const child = spawn('npx', args, {
    cwd: ROOT,
    env: {
      ...process.env,
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_SEND_METRICS: 'false',
      FORCE_COLOR: '0',
    },
    stdio: options.quiet ? ['ignore', 'ignore', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr = (stderr + String(d)).slice(-4000);
  });
  try {
    await waitForHealthy(url, child, { timeoutMs: 60_000 });
  } catch (e) {
    // The whole group: killing npx alone would leave workerd running on the port.
    await stopProcessGroup(child);
    await sandbox?.close();
    await embedded?.stop();
    const reason = e instanceof Error ? e.message : String(e);
    throw new StartupError(stderr.trim() ? `${reason}\n\nwrangler's last output:\n${stderr.trim()}` : reason);
  }

  const webhookUrl = `${url}/telegram/webhook`;
  let stopPolling: (() => void) | undefined;
  if (sandbox) {
    await setupTelegram({ token, apiRoot, miniAppUrl: `${url}/app/`, webhook: { url: webhookUrl, secret } });
  } else {
    stopPolling = startLongPolling({ apiRoot, token, webhookUrl, secret });
  }

  // wrangler dev does not fire cron triggers by itself: do it on the same schedule (every minute;
  // the Worker runs its 15-minute maintenance on the quarter hours).
  const cron = setInterval(() => {
    fetch(`${url}/__scheduled?cron=${encodeURIComponent('* * * * *')}`).catch(() => {});
  }, 60_000);
  cron.unref();
  log(`database: ${embedded ? `embedded PGlite (${options.dataDir ?? 'in memory'})` : 'DATABASE_URL'}`);

  return {
    url,
    databaseUrl,
    sandbox,
    async stop() {
      clearInterval(cron);
      stopPolling?.();
      await stopProcessGroup(child);
      await sandbox?.close();
      await embedded?.stop();
    },
    async kill() {
      clearInterval(cron);
      stopPolling?.();
      await killProcessGroup(child);
    },
  };
}
