// `npm start`: the whole system on this machine, no Telegram account needed.
import { styleText } from 'node:util';
import { LOCAL_BOT_TOKEN, LOCAL_BOT_USERNAME, localSandboxUrl } from './local-config';
import { type Stack, startStack } from './stack';

const port = Number(process.env.PORT ?? 8787);
const sandboxUrl = localSandboxUrl(process.env);
let stack: Stack;
try {
  stack = await startStack({
    port,
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: '.data/pglite',
    persistTo: '.data/wrangler',
    sandboxPort: Number(new URL(sandboxUrl).port),
    telegramToken: process.env.TELEGRAM_BOT_TOKEN || undefined,
    telegramApiRoot: process.env.TELEGRAM_API_ROOT || undefined,
    telegramBotUsername: process.env.TELEGRAM_BOT_USERNAME || undefined,
    webhookSecret: process.env.TELEGRAM_WEBHOOK_SECRET || undefined,
    certSigningKey: process.env.CERT_SIGNING_KEY || undefined,
    certSigningKeyId: process.env.CERT_SIGNING_KEY_ID || undefined,
  });
} catch (e) {
  // The reason first and on its own, not lost in wrangler's output; nothing is left running.
  const reason = e instanceof Error ? e.message : String(e);
  console.error(
    `\n${styleText(['red', 'bold'], 'npm start could not start the Worker:')}\n  ${reason.replace(/\n/g, '\n  ')}\n`,
  );
  process.exit(1);
  // The Workers types declare `process` as `any`: TypeScript cannot see that exit() never returns.
  throw e;
}

// The chat client finds the sandbox by itself at the default port; another port is spelled out.
const chatCommand = `npm run chat -- --user 900101${stack.sandbox && stack.sandbox.apiRoot !== localSandboxUrl({}) ? ` --sandbox ${stack.sandbox.apiRoot}` : ''}`;

const lines = [
  '',
  'Township population services is running:',
  `  mini app        ${stack.url}/app/`,
  `  dev login       ${stack.url}/dev/login`,
  `  OpenAPI         ${stack.url}/api/openapi.json`,
  `  health          ${stack.url}/healthz`,
  stack.sandbox
    ? `  Telegram        local sandbox at ${stack.sandbox.apiRoot} (bot @${LOCAL_BOT_USERNAME}, token ${LOCAL_BOT_TOKEN})\n  talk to the bot ${chatCommand}`
    : '  Telegram        real Bot API, long polling into the webhook handler',
  '',
];
console.log(lines.join('\n'));

// The quarter-hourly maintenance once at start (wrangler dev fires no cron by itself; the stack's
// minute trigger runs it on the quarter hours): a fresh database's moved-away people get their service
// files, reminders and completeness figures now, so an officer's search finds them at once.
void fetch(`${stack.url}/__scheduled?cron=${encodeURIComponent('*/15 * * * *')}`).catch(() => {});

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
