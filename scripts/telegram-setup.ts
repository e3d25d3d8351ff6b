// `npm run telegram:setup -- --url https://<worker host>`: points the real bot at the deployed Worker
// (webhook with the secret header), and sets its command menu and mini app menu button.
// Reads TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET from the environment (the same values given to
// `wrangler secret put`); TELEGRAM_API_ROOT defaults to Telegram's.
import { parseArgs } from 'node:util';
import { setupTelegram } from '../bot/setup-telegram';

const { values } = parseArgs({ options: { url: { type: 'string' } } });
const token = process.env.TELEGRAM_BOT_TOKEN;
const secret = process.env.TELEGRAM_WEBHOOK_SECRET;
if (!values.url || !token || !secret) {
  console.error(
    'Usage: TELEGRAM_BOT_TOKEN=… TELEGRAM_WEBHOOK_SECRET=… npm run telegram:setup -- --url https://<worker host>',
  );
  process.exit(2);
}
const origin = new URL(values.url).origin;
await setupTelegram({
  token,
  apiRoot: process.env.TELEGRAM_API_ROOT ?? 'https://api.telegram.org',
  miniAppUrl: `${origin}/app/`,
  webhook: { url: `${origin}/telegram/webhook`, secret },
});
console.log(`Webhook, commands and menu button set for ${origin}`);
