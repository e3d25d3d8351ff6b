// Pure campaign rules: Telegram HTML in the campaign schema, the variant fallback, signed click
// tokens, how each Telegram answer changes a delivery, and how the sender classifies Telegram's answers.
import { Api, GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { classify, grammyCampaignSender } from '../../../bot/campaign-sender';
import { pickVariant } from '../../../core/campaigns/campaign-message';
import { ZVariantInputSchema } from '../../../core/campaigns/campaign-schema';
import { clickToken, readClickToken } from '../../../core/campaigns/click-token';
import { outcomeRow } from '../../../core/campaigns/outcome-writer';
import { checkTelegramHtml, escapeHtml } from '../../../core/campaigns/telegram-html';

// Which HTML Telegram accepts is tested case by case in telegram-html.test.ts; here, what the
// campaign schema does with it.
describe('Telegram HTML in a campaign', () => {
  it('measures the visible length, not the markup', () => {
    expect(checkTelegramHtml('<b>ab</b>&amp;')).toEqual({ ok: true, text: 'ab&', visibleLength: 3 });
    expect(ZVariantInputSchema.safeParse({ text: `<b>${'字'.repeat(4096)}</b>` }).success).toBe(true);
    expect(ZVariantInputSchema.safeParse({ text: '字'.repeat(4097) }).success).toBe(false);
    expect(escapeHtml('a<b>&')).toBe('a&lt;b&gt;&amp;');
  });

  it('refuses a message Telegram would refuse, with the formatting message', () => {
    const parsed = ZVariantInputSchema.safeParse({ text: '<b>never closed' });
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(['campaigns:validation.html']);
  });
});

describe('variants', () => {
  it('gives each recipient their language, and Simplified Chinese when there is none', () => {
    const variants = [{ language: 'zh-CN' }, { language: 'en' }];
    expect(pickVariant(variants, 'en')?.language).toBe('en');
    expect(pickVariant(variants, 'zh-TW')?.language).toBe('zh-CN');
  });
});

describe('click tokens', () => {
  it('round-trips a delivery id and refuses forged or altered tokens', async () => {
    const token = await clickToken('secret', 123_456);
    expect(await readClickToken('secret', token)).toBe(123_456);
    expect(await readClickToken('other secret', token)).toBeNull();
    expect(await readClickToken('secret', token.replace(/^[0-9a-z]+/, '2n9d'))).toBeNull();
    expect(await readClickToken('secret', 'nonsense')).toBeNull();
  });
});

describe('what a Telegram answer does to a delivery', () => {
  const now = new Date('2026-11-27T02:00:00Z');
  it('records a sent message with its id', () => {
    expect(outcomeRow(1, { kind: 'sent', messageId: 42 }, now, 5)).toMatchObject({
      status: 'sent',
      messageId: 42,
    });
  });
  it('retries a 429 after retry_after, and 5xx with exponential backoff until the attempts are used', () => {
    expect(outcomeRow(1, { kind: 'rate_limited', retryAfterSeconds: 7 }, now, 5)).toMatchObject({
      status: 'pending',
      notBefore: new Date(now.getTime() + 7000),
    });
    const backoff = [1, 2, 3].map(
      (a) =>
        outcomeRow(a, { kind: 'transient', description: '' }, now, 5).notBefore!.getTime() - now.getTime(),
    );
    expect(backoff).toEqual([1000, 2000, 4000]);
    expect(outcomeRow(5, { kind: 'transient', description: 'Bad Gateway' }, now, 5)).toMatchObject({
      status: 'failed',
      errorCode: 'network',
    });
  });
  it('marks 403 blocked and other 4xx failed with the reason', () => {
    expect(
      outcomeRow(1, { kind: 'blocked', description: 'Forbidden: bot was blocked by the user' }, now, 5),
    ).toMatchObject({
      status: 'blocked',
    });
    expect(
      outcomeRow(1, { kind: 'bad_request', description: 'Bad Request: chat not found' }, now, 5),
    ).toMatchObject({
      status: 'failed',
      errorReason: 'Bad Request: chat not found',
    });
  });
});

describe('classifying grammY errors', () => {
  const error = (code: number, description: string, retry_after?: number) =>
    new GrammyError(
      'call failed',
      { ok: false, error_code: code, description, ...(retry_after ? { parameters: { retry_after } } : {}) },
      'sendMessage',
      {},
    );
  it('maps 429, 403, 5xx, other 4xx and network errors', () => {
    expect(classify(error(429, 'Too Many Requests', 3))).toEqual({
      kind: 'rate_limited',
      retryAfterSeconds: 3,
    });
    expect(classify(error(403, 'Forbidden: bot was blocked by the user')).kind).toBe('blocked');
    expect(classify(error(502, 'Bad Gateway')).kind).toBe('transient');
    expect(classify(error(400, 'Bad Request: chat not found')).kind).toBe('bad_request');
    expect(classify(new HttpError('Network request failed', new Error('ECONNRESET'))).kind).toBe('transient');
    expect(() => classify(new TypeError('bug'))).toThrow('bug');
  });
});

describe('the sender posting JSON to the Bot API', () => {
  const calls: { url: string; body: Record<string, unknown> }[] = [];
  const answering =
    (answer: () => Response): typeof fetch =>
    async (input, init) => {
      calls.push({ url: String(input), body: JSON.parse(String(init?.body)) as Record<string, unknown> });
      return answer();
    };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const sender = (answer: () => Response) =>
    grammyCampaignSender(new Api('1:x'), {
      token: '1:x',
      apiRoot: 'https://bot.example',
      timeoutMs: 1000,
      fetch: answering(answer),
    });
  const message = {
    chatId: 42,
    html: '<b>Hi</b>',
    button: { text: 'Open', url: 'https://township.example/app/', kind: 'web_app' as const },
  };
  const noPhoto = () => Promise.reject(new Error('no photo'));

  it('sends the message with its button and returns Telegram’s message id', async () => {
    calls.length = 0;
    const outcome = await sender(() => json(200, { ok: true, result: { message_id: 7 } })).send(
      message,
      noPhoto,
    );
    expect(outcome).toEqual({ kind: 'sent', messageId: 7 });
    expect(calls[0]!.url).toBe('https://bot.example/bot1:x/sendMessage');
    expect(calls[0]!.body).toEqual({
      chat_id: 42,
      text: '<b>Hi</b>',
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      reply_markup: {
        inline_keyboard: [[{ text: 'Open', web_app: { url: 'https://township.example/app/' } }]],
      },
    });
  });

  it('maps 429, 403, 5xx, other 4xx, answers that are not JSON and network errors', async () => {
    const refused = (status: number, description: string, retry_after?: number) =>
      sender(() =>
        json(status, {
          ok: false,
          error_code: status,
          description,
          ...(retry_after ? { parameters: { retry_after } } : {}),
        }),
      ).send(message, noPhoto);
    expect(await refused(429, 'Too Many Requests', 3)).toEqual({
      kind: 'rate_limited',
      retryAfterSeconds: 3,
    });
    expect((await refused(403, 'Forbidden: bot was blocked by the user')).kind).toBe('blocked');
    expect((await refused(502, 'Bad Gateway')).kind).toBe('transient');
    expect(await refused(400, 'Bad Request: chat not found')).toEqual({
      kind: 'bad_request',
      description: 'Bad Request: chat not found',
    });
    const html502 = await sender(() => new Response('<html>bad gateway</html>', { status: 502 })).send(
      message,
      noPhoto,
    );
    expect(html502.kind).toBe('transient');
    const offline = grammyCampaignSender(new Api('1:x'), {
      token: '1:x',
      apiRoot: 'https://bot.example',
      timeoutMs: 1000,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    expect((await offline.send(message, noPhoto)).kind).toBe('transient');
  });
});
