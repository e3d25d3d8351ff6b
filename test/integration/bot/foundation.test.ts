// The bot's foundation features through the real webhook route, with replies read from the
// Telegram sandbox: /start (with a village deep link), the language picker, /help, /privacy,
// the catch-all, the error boundary, the webhook secret and update de-duplication.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setupTelegram } from '../../../bot/setup-telegram';
import { translator } from '../../../core/i18n';
import { users } from '../../../db/schema';
import { LOCAL_BOT_TOKEN } from '../../../scripts/local-config';
import { createTestApp } from '../../harness/app';
import { botDriver } from '../../harness/bot';
import { useTestDb } from '../../harness/db';
import { textUpdate } from '../../harness/telegram-updates';

const db = useTestDb();
const t = await createTestApp();
const bot = botDriver(t);

let seq = 0;
/** A person the bot has never seen, with a Telegram language. */
function stranger(language_code = 'zh-hans') {
  seq += 1;
  return { id: 600_000_000 + (Date.now() % 1_000_000) * 10 + seq, first_name: `测试${seq}`, language_code };
}

afterEach(() => vi.restoreAllMocks());

describe('/start', () => {
  it('welcomes a new person in their Telegram language with a button that opens the mini app', async () => {
    const user = stranger('en-US');
    const [reply] = await bot.send(user, '/start');
    expect(reply?.text).toContain(`Hello, ${user.first_name}`);
    expect(reply?.buttons[0]).toMatchObject({ text: translator('en', 'bot')('openApp') });
    expect(reply?.buttons[0]?.webAppUrl).toMatch(/\/app\/$/);
    const [row] = await db.select().from(users).where(eq(users.telegramId, user.id));
    expect(row?.language).toBe('en');
  });

  it('sets the village from a poster’s deep link', async () => {
    const user = stranger();
    const replies = await bot.send(user, '/start v_nanhu');
    expect(replies[0]?.text).toBe(translator('zh-CN', 'bot')('villageSet', { village: '南湖社区' }));
    const [row] = await db.select().from(users).where(eq(users.telegramId, user.id));
    expect(row?.villageId).not.toBeNull();
  });

  it('says so when the village code is unknown and keeps the village unset', async () => {
    const user = stranger();
    const replies = await bot.send(user, '/start v_atlantis');
    expect(replies[0]?.text).toBe(translator('zh-CN', 'bot')('villageUnknown'));
    const [row] = await db.select().from(users).where(eq(users.telegramId, user.id));
    expect(row?.villageId).toBeNull();
  });
});

describe('language', () => {
  it('switches the language with the picker and answers in it from then on', async () => {
    const user = stranger();
    const [picker] = await bot.send(user, '/language');
    expect(picker?.buttons.map((b) => b.data)).toEqual(['lang:zh-CN', 'lang:zh-TW', 'lang:en']);
    const replies = await bot.press(user, picker!.message!, 'lang:zh-TW');
    expect(replies.map((r) => r.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(replies[1]?.text).toBe(translator('zh-TW', 'bot')('languageSet'));
    const [help] = await bot.send(user, '/help');
    expect(help?.text).toBe(translator('zh-TW', 'bot')('help'));
  });

  it('keeps the chosen language when Telegram reports another one later', async () => {
    const user = stranger('en');
    const [picker] = await bot.send(user, '/language');
    await bot.press(user, picker!.message!, 'lang:zh-CN');
    const [help] = await bot.send({ ...user, language_code: 'en' }, '/help');
    expect(help?.text).toBe(translator('zh-CN', 'bot')('help'));
  });
});

describe('information', () => {
  it('answers /help and /privacy from the locale files', async () => {
    const user = stranger('en');
    expect((await bot.send(user, '/help'))[0]?.text).toBe(translator('en', 'bot')('help'));
    expect((await bot.send(user, '/privacy'))[0]?.text).toBe(translator('en', 'bot')('privacy'));
  });

  it('points to /help when it did not understand', async () => {
    const user = stranger();
    expect((await bot.send(user, '随便说点什么'))[0]?.text).toBe(
      translator('zh-CN', 'bot')('unknownCommand'),
    );
  });
});

describe('error boundary', () => {
  it('apologises in the person’s language and logs the request id, never the message text', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const user = stranger('en');
    await bot.send(user, '/privacy');
    t.sandbox.injectFailure({ method: 'sendMessage', chatId: user.id, status: 500 });
    const replies = await bot.send(user, '/help my ID is 110105194912310021');
    const apology = replies.find((r) => r.status === 200);
    expect(apology?.text).toMatch(/^Sorry, something went wrong/);
    const logged = errors.mock.calls.map((c) => String(c[0])).join('\n');
    expect(logged).toContain('bot update failed');
    expect(logged).toMatch(/"requestId":"[0-9a-f-]{36}"/);
    expect(logged).not.toContain('110105194912310021');
  });
});

describe('webhook', () => {
  it('refuses an update without the secret header', async () => {
    const res = await bot.post(textUpdate(stranger(), '/start', { update_id: 1 }), 'not-the-secret-at-all');
    expect(res.status).toBe(401);
  });

  it('handles a replayed update once', async () => {
    const user = stranger();
    const update = textUpdate(user, '/help', { update_id: 2_000_000_000 + seq });
    expect((await bot.post(update)).status).toBe(200);
    const replay = await bot.post(update);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ duplicate: true });
    expect(bot.callsTo(user.id)).toHaveLength(1);
  });

  it('answers 400 to a body that is not an update', async () => {
    const res = await t.call('POST', '/telegram/webhook', {
      body: { hello: 'world' },
      headers: { 'X-Telegram-Bot-Api-Secret-Token': t.env.TELEGRAM_WEBHOOK_SECRET as string },
    });
    expect(res.status).toBe(400);
  });
});

describe('Telegram setup', () => {
  it('sets the webhook with its secret, the command menu per language and the mini app menu button', async () => {
    await setupTelegram({
      token: LOCAL_BOT_TOKEN,
      apiRoot: t.sandbox.apiRoot,
      miniAppUrl: 'https://example.test/app/',
      webhook: { url: 'https://example.test/telegram/webhook', secret: 'a-secret-for-this-test' },
    });
    const webhook = t.sandbox.callsTo('setWebhook').at(-1);
    expect(webhook?.params).toMatchObject({
      url: 'https://example.test/telegram/webhook',
      secret_token: 'a-secret-for-this-test',
    });
    const english = t.sandbox.callsTo('setMyCommands').find((c) => c.params.language_code === 'en');
    expect(english?.params.commands).toContainEqual({
      command: 'privacy',
      description: translator('en', 'bot')('commands.privacy'),
    });
    const menu = t.sandbox.callsTo('setChatMenuButton').at(-1);
    expect(menu?.params.menu_button).toMatchObject({
      type: 'web_app',
      web_app: { url: 'https://example.test/app/' },
    });
  });
});
