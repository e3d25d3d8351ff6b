import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, GrammyError, InputFile, webhookCallback } from 'grammy';
import type { Message, Update } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RecordedCall, startTelegramSandbox, type TelegramSandbox } from '../harness/telegram-sandbox';
import { callbackUpdate, textUpdate } from '../harness/telegram-updates';

const token = '123456:sandbox-test-token';
const botInfo = {
  id: 123456,
  is_bot: true as const,
  first_name: 'Township Services',
  username: 'township_services_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: true,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};
const resident = { id: 900001, first_name: '王芳', language_code: 'zh-hans' };

let sandbox: TelegramSandbox;
let bot: Bot;
const servers: Server[] = [];

beforeEach(async () => {
  sandbox = await startTelegramSandbox({ token, botInfo });
  bot = new Bot(token, { botInfo, client: { apiRoot: sandbox.apiRoot } });
});

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await sandbox.close();
});

async function rejection(promise: Promise<unknown>): Promise<GrammyError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GrammyError);
  return err as GrammyError;
}

/** A local HTTP server standing in for the bot's webhook endpoint. */
async function startWebhookServer(
  handle: (body: string, headers: IncomingHttpHeaders) => { status: number; body?: string },
): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = handle(Buffer.concat(chunks).toString('utf8'), req.headers);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body ?? '');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
}

describe('Telegram sandbox: sending', () => {
  it('answers sendMessage with a Telegram-like message and records the call', async () => {
    const first = await bot.api.sendMessage(resident.id, '您好', {
      reply_markup: { inline_keyboard: [[{ text: 'English', callback_data: 'lang:en' }]] },
    });
    const second = await bot.api.sendMessage(resident.id, 'again');

    expect(first).toMatchObject({
      message_id: 1,
      chat: { id: resident.id, type: 'private' },
      from: { id: botInfo.id, is_bot: true, username: botInfo.username },
      text: '您好',
      reply_markup: { inline_keyboard: [[{ text: 'English', callback_data: 'lang:en' }]] },
    });
    expect(typeof first.date).toBe('number');
    expect(second.message_id).toBe(2);
    const calls = sandbox.callsTo('sendMessage');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ method: 'sendMessage', status: 200, params: { chat_id: resident.id } });
    expect(calls[0]?.params.text).toBe('您好');
  });

  it('rejects a wrong bot token with 401 Unauthorized', async () => {
    const intruder = new Bot('999:not-the-token', { botInfo, client: { apiRoot: sandbox.apiRoot } });

    const err = await rejection(intruder.api.sendMessage(resident.id, 'hi'));

    expect(err.error_code).toBe(401);
    expect(err.description).toBe('Unauthorized');
  });

  it('answers 404 for a method the Bot API does not have', async () => {
    const res = await fetch(`${sandbox.apiRoot}/bot${token}/sendHologram`, { method: 'POST' });

    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      ok: false,
      error_code: 404,
      description: 'Not Found: method not found',
    });
  });

  it('refuses an empty message text and a missing chat like Telegram', async () => {
    const noText = await rejection(bot.api.sendMessage(resident.id, ''));
    const noChat = await rejection(bot.api.raw.sendMessage({ text: 'x' } as never));

    expect(noText.description).toBe('Bad Request: message text is empty');
    expect(noChat.error_code).toBe(400);
    expect(sandbox.calls.map((c) => c.status)).toEqual([400, 400]);
  });

  it('rejects malformed HTML and returns entities for well-formed HTML', async () => {
    const broken = await rejection(bot.api.sendMessage(resident.id, '<b>unclosed', { parse_mode: 'HTML' }));
    const ok = await bot.api.sendMessage(resident.id, '<b>办事</b> &amp; 指南', { parse_mode: 'HTML' });

    expect(broken.description).toMatch(/^Bad Request: can't parse entities/);
    expect(ok.text).toBe('办事 & 指南');
    expect(ok.entities).toEqual([{ type: 'bold', offset: 0, length: 2 }]);
  });

  it('edits a sent message and refuses an edit that changes nothing', async () => {
    const sent = await bot.api.sendMessage(resident.id, 'before');

    const edited = await bot.api.editMessageText(resident.id, sent.message_id, 'after');
    const unchanged = await rejection(bot.api.editMessageText(resident.id, sent.message_id, 'after'));

    expect(edited).toMatchObject({ message_id: sent.message_id, text: 'after' });
    expect(unchanged.description).toMatch(/^Bad Request: message is not modified/);
  });
});

describe('Telegram sandbox: limits and failures', () => {
  it('answers 429 with retry_after when a chat gets a second message within a second', async () => {
    sandbox.setRateLimits({ perChatPerSecond: 1 });

    await bot.api.sendMessage(resident.id, 'one');
    const err = await rejection(bot.api.sendMessage(resident.id, 'two'));
    await bot.api.sendMessage(resident.id + 1, 'another chat is not limited');

    expect(err.error_code).toBe(429);
    expect(err.description).toMatch(/^Too Many Requests: retry after \d+$/);
    expect(err.parameters.retry_after).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(err.parameters.retry_after)).toBe(true);
    expect(sandbox.callsTo('sendMessage').map((c) => c.status)).toEqual([200, 429, 200]);
  });

  it('counts the global limit across chats', async () => {
    sandbox.setRateLimits({ globalPerSecond: 2 });

    await bot.api.sendMessage(1, 'a');
    await bot.api.sendPhoto(2, sandbox.putFile(new Uint8Array([1, 2, 3])).file_id);
    const err = await rejection(bot.api.sendMessage(3, 'c'));

    expect(err.error_code).toBe(429);
    expect(err.parameters.retry_after).toBeGreaterThanOrEqual(1);
  });

  it('surfaces an injected 403 as "bot was blocked by the user" only as many times as asked', async () => {
    sandbox.injectFailure({ method: 'sendMessage', chatId: resident.id, status: 403, times: 2 });

    const first = await rejection(bot.api.sendMessage(resident.id, 'one'));
    await rejection(bot.api.sendMessage(resident.id, 'two'));
    await bot.api.sendMessage(resident.id, 'three');

    expect(first.error_code).toBe(403);
    expect(first.description).toBe('Forbidden: bot was blocked by the user');
    expect(sandbox.callsTo('sendMessage').map((c) => c.status)).toEqual([403, 403, 200]);
  });

  it('answers an injected 429 with the given retry_after and leaves other chats alone', async () => {
    sandbox.injectFailure({ chatId: 5, status: 429, retryAfter: 7, times: Number.POSITIVE_INFINITY });

    const err = await rejection(bot.api.sendMessage(5, 'x'));
    await rejection(bot.api.sendMessage(5, 'y'));
    await bot.api.sendMessage(6, 'z');

    expect(err.parameters.retry_after).toBe(7);
    expect(err.description).toBe('Too Many Requests: retry after 7');
  });

  it('forgets calls and failures on reset', async () => {
    sandbox.injectFailure({ status: 500 });
    await bot.api.sendMessage(1, 'x').catch(() => undefined);

    sandbox.reset();
    await bot.api.sendMessage(1, 'y');

    expect(sandbox.calls.map((c) => c.status)).toEqual([200]);
  });
});

describe('Telegram sandbox: updates', () => {
  it('posts pushed updates to the webhook with the secret token header', async () => {
    const received: { body: Update; secret: string | string[] | undefined }[] = [];
    const url = await startWebhookServer((body, headers) => {
      received.push({ body: JSON.parse(body) as Update, secret: headers['x-telegram-bot-api-secret-token'] });
      return { status: 200 };
    });
    await bot.api.setWebhook(url, { secret_token: 'Shh_123' });

    const result = await sandbox.pushUpdate(textUpdate(resident, '/start'));

    expect(result).toMatchObject({ delivered: 'webhook', webhookStatus: 200 });
    expect(received).toHaveLength(1);
    expect(received[0]?.secret).toBe('Shh_123');
    expect(received[0]?.body.update_id).toBe(result.update_id);
    expect(received[0]?.body.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    expect((await bot.api.getWebhookInfo()).url).toBe(url);
  });

  it('lets a grammY webhook bot answer a pushed update', async () => {
    bot.on('message:text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    const handle = webhookCallback(bot, 'http', { secretToken: 'Shh_123' });
    const server = createServer((req, res) => void handle(req, res));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await bot.api.setWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
      secret_token: 'Shh_123',
    });

    const result = await sandbox.pushUpdate(textUpdate(resident, '你好'));

    expect(result.webhookStatus).toBe(200);
    const reply = await sandbox.waitForCall((c) => c.method === 'sendMessage');
    expect(reply.params).toMatchObject({ chat_id: resident.id, text: 'echo: 你好' });
  });

  it('hands a queued update to a getUpdates long poll', async () => {
    const poll = bot.api.getUpdates({ timeout: 5 });
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the poll reach the sandbox and wait

    const pushed = await sandbox.pushUpdate(textUpdate(resident, 'hello'));
    const updates = await poll;

    expect(pushed.delivered).toBe('queued');
    expect(updates.map((u) => u.update_id)).toEqual([pushed.update_id]);
    expect(updates[0]?.message?.text).toBe('hello');
    // Confirming with offset removes it from the queue.
    expect(await bot.api.getUpdates({ offset: pushed.update_id + 1, timeout: 0 })).toEqual([]);
  });

  it('runs a long-polling grammY bot end to end, including a button press', async () => {
    bot.command('start', (ctx) =>
      ctx.reply('选择语言', {
        reply_markup: { inline_keyboard: [[{ text: 'English', callback_data: 'lang:en' }]] },
      }),
    );
    bot.callbackQuery('lang:en', async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText('Language: English');
    });
    const running = bot.start({ timeout: 1 });
    try {
      await sandbox.pushUpdate(textUpdate(resident, '/start'));
      const menu = await sandbox.waitForCall((c) => c.method === 'sendMessage');
      const message = (menu.response as { result: Message }).result;

      await sandbox.pushUpdate(callbackUpdate(resident, message, 'lang:en'));
      const edit = await sandbox.waitForCall((c) => c.method === 'editMessageText');

      expect(edit.params).toMatchObject({ message_id: message.message_id, text: 'Language: English' });
      expect(sandbox.callsTo('answerCallbackQuery')).toHaveLength(1);
    } finally {
      await bot.stop();
      await running;
    }
  });

  it('reports an unreachable webhook in the push result and in getWebhookInfo', async () => {
    const url = await startWebhookServer(() => ({ status: 200 }));
    const down = servers.pop();
    down?.closeAllConnections();
    await new Promise((resolve) => down?.close(resolve));
    await bot.api.setWebhook(url);

    const result = await sandbox.pushUpdate(textUpdate(resident, 'anyone there?'));

    expect(result.delivered).toBe('webhook');
    expect(result.webhookError).toMatch(/ECONNREFUSED/);
    expect((await bot.api.getWebhookInfo()).last_error_message).toMatch(/ECONNREFUSED/);
  });

  it('ends the older of two concurrent long polls with 409, as when two bot instances run', async () => {
    const older = rejection(bot.api.getUpdates({ timeout: 5 }));
    await new Promise((resolve) => setTimeout(resolve, 50));

    const newer = bot.api.getUpdates({ timeout: 5 });
    // The newer poll must reach the sandbox before the update does, or the older one takes it.
    expect((await older).error_code).toBe(409);
    const pushed = await sandbox.pushUpdate(textUpdate(resident, 'x'));

    expect((await newer).map((u) => u.update_id)).toEqual([pushed.update_id]);
  });

  it('answers 409 to getUpdates while a webhook is set', async () => {
    await bot.api.setWebhook('http://127.0.0.1:9/hook');

    const err = await rejection(bot.api.getUpdates({ timeout: 0 }));

    expect(err.error_code).toBe(409);
  });
});

describe('Telegram sandbox: files', () => {
  it('serves a stored file through getFile and the file download URL', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);
    const stored = sandbox.putFile(bytes, { fileName: 'check-up.pdf', mimeType: 'application/pdf' });

    const file = await bot.api.getFile(stored.file_id);
    const download = await fetch(`${sandbox.apiRoot}/file/bot${token}/${file.file_path}`);

    expect(file).toMatchObject({ file_id: stored.file_id, file_size: bytes.length });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  });

  it('records a document uploaded with InputFile (multipart) and stores its bytes', async () => {
    const bytes = new TextEncoder().encode('certificate body');

    const sent = await bot.api.sendDocument(resident.id, new InputFile(bytes, '婚育证明.pdf'), {
      caption: 'your certificate',
    });

    expect(sent.document).toMatchObject({
      file_name: '婚育证明.pdf',
      mime_type: 'application/pdf',
      file_size: 16,
    });
    expect(sent.caption).toBe('your certificate');
    const call = sandbox.callsTo('sendDocument')[0];
    expect(call?.params).toMatchObject({
      chat_id: resident.id,
      caption: 'your certificate',
      document: { uploaded: true, file_name: '婚育证明.pdf', file_size: 16, file_id: sent.document?.file_id },
    });
    const file = await bot.api.getFile(sent.document?.file_id ?? '');
    const download = await fetch(`${sandbox.apiRoot}/file/bot${token}/${file.file_path}`);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  });

  it('refuses a file_id it never issued', async () => {
    const err = await rejection(bot.api.getFile('no-such-file'));

    expect(err.description).toBe('Bad Request: invalid file_id');
  });
});

describe('Telegram sandbox: inspection endpoints', () => {
  it('returns only newer calls for the given chat from /__sandbox/calls', async () => {
    await bot.api.sendMessage(1, 'old');
    const since = sandbox.calls.at(-1)?.seq ?? 0;
    await bot.api.sendMessage(2, 'for chat 2');
    await bot.api.sendMessage(1, 'for chat 1');

    const res = await fetch(`${sandbox.apiRoot}/__sandbox/calls?since=${since}&chat_id=1`);
    const { calls } = (await res.json()) as { calls: RecordedCall[] };

    expect(calls.map((c) => c.params.text)).toEqual(['for chat 1']);
  });

  it('long-polls /__sandbox/calls until a matching call arrives', async () => {
    const since = sandbox.calls.at(-1)?.seq ?? 0;
    const pending = fetch(`${sandbox.apiRoot}/__sandbox/calls?since=${since}&chat_id=7&wait=5000`);

    await bot.api.sendMessage(8, 'not for chat 7');
    await bot.api.sendMessage(7, 'for chat 7');
    const { calls } = (await (await pending).json()) as { calls: RecordedCall[] };

    expect(calls.map((c) => c.params.text)).toEqual(['for chat 7']);
  });

  it('accepts updates and files over HTTP for the chat client', async () => {
    const upload = await fetch(`${sandbox.apiRoot}/__sandbox/files?name=a.png&mime=image/png`, {
      method: 'POST',
      body: new Uint8Array([9, 8, 7]),
    });
    const stored = (await upload.json()) as { file_id: string; file_size: number };
    const push = await fetch(`${sandbox.apiRoot}/__sandbox/updates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(textUpdate(resident, 'via http')),
    });
    const pushed = (await push.json()) as { update_id: number; delivered: string };

    expect(stored.file_size).toBe(3);
    expect((await bot.api.getFile(stored.file_id)).file_path).toMatch(/\.png$/);
    expect(pushed.delivered).toBe('queued');
    expect((await bot.api.getUpdates())[0]?.update_id).toBe(pushed.update_id);
  });
});
