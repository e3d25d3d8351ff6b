// The Telegram sandbox in a process of its own for bench/broadcast.ts: the engine's memory and event
// loop are then measured without the fake Telegram's (which keeps every call it answered). Prints
// its apiRoot as one JSON line, then serves until it is terminated.
import { LOCAL_BOT_INFO, LOCAL_BOT_TOKEN } from '../scripts/local-config';
import { startTelegramSandbox } from '../test/harness/telegram-sandbox';

const sandbox = await startTelegramSandbox({ token: LOCAL_BOT_TOKEN, botInfo: LOCAL_BOT_INFO });
console.log(JSON.stringify({ apiRoot: sandbox.apiRoot }));
const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
