// `npm start`: the whole system on this machine, no Telegram account needed.
import { LOCAL_BOT_TOKEN, LOCAL_BOT_USERNAME } from './local-config';
import { startStack } from './stack';

const port = Number(process.env.PORT ?? 8787);
const stack = await startStack({
  port,
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: '.data/pglite',
  persistTo: '.data/wrangler',
  sandboxPort: Number(process.env.TELEGRAM_SANDBOX_PORT ?? 8790),
  telegramToken: process.env.TELEGRAM_BOT_TOKEN || undefined,
  telegramApiRoot: process.env.TELEGRAM_API_ROOT || undefined,
  telegramBotUsername: process.env.TELEGRAM_BOT_USERNAME || undefined,
  webhookSecret: process.env.TELEGRAM_WEBHOOK_SECRET || undefined,
  certSigningKey: process.env.CERT_SIGNING_KEY || undefined,
  certSigningKeyId: process.env.CERT_SIGNING_KEY_ID || undefined,
});

const lines = [
  '',
  'Township population services is running:',
  `  mini app        ${stack.url}/app/`,
  `  dev login       ${stack.url}/dev/login`,
  `  OpenAPI         ${stack.url}/api/openapi.json`,
  `  health          ${stack.url}/healthz`,
  stack.sandbox
    ? `  Telegram        local sandbox at ${stack.sandbox.apiRoot} (bot @${LOCAL_BOT_USERNAME}, token ${LOCAL_BOT_TOKEN})\n  talk to the bot npm run chat -- --user 900101`
    : '  Telegram        real Bot API, long polling into the webhook handler',
  '',
];
console.log(lines.join('\n'));

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
