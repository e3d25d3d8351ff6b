// The delivery engine's Telegram port: sends a campaign message (text or photo with caption, inline
// button) and sorts Telegram's answers into what the engine acts on. Text messages and photos
// Telegram already has (a file id) go out as one JSON POST: at 1000 sends a second the Worker's CPU
// per send counts, and grammY's client adds as much again as the fetch itself. An image's first
// upload (multipart) goes through grammY's Api.
import { type Api, GrammyError, HttpError, InputFile } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { CampaignMessage } from '../core/campaigns/campaign-message';
import type { CampaignSender, SendOutcome } from '../core/campaigns/campaign-sender';

export interface BotApiEndpoint {
  token: string;
  apiRoot: string;
  /** A hung request must end long before the delivery's lease. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

export function grammyCampaignSender(api: Api, endpoint: BotApiEndpoint): CampaignSender {
  return {
    async send(message, loadPhoto) {
      const reply_markup = keyboard(message);
      if (message.photo && !message.photo.telegramFileId) {
        try {
          const sent = await api.sendPhoto(message.chatId, new InputFile(await loadPhoto(), 'image'), {
            caption: message.html,
            parse_mode: 'HTML',
            ...(reply_markup ? { reply_markup } : {}),
          });
          const largest = sent.photo.at(-1)?.file_id;
          return { kind: 'sent', messageId: sent.message_id, ...(largest ? { photoFileId: largest } : {}) };
        } catch (e) {
          return classify(e);
        }
      }
      const answer = message.photo
        ? await post(endpoint, 'sendPhoto', {
            chat_id: message.chatId,
            photo: message.photo.telegramFileId,
            caption: message.html,
            parse_mode: 'HTML',
            ...(reply_markup ? { reply_markup } : {}),
          })
        : await post(endpoint, 'sendMessage', {
            chat_id: message.chatId,
            text: message.html,
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...(reply_markup ? { reply_markup } : {}),
          });
      if (!answer.ok) return answer.outcome;
      return { kind: 'sent', messageId: answer.result.message_id };
    },
  };
}

interface TelegramAnswer {
  ok: boolean;
  result?: { message_id?: unknown };
  error_code?: unknown;
  description?: unknown;
  parameters?: { retry_after?: unknown };
}

/** One Bot API call with a JSON body: Telegram's message id, or what to do about its refusal. */
async function post(
  endpoint: BotApiEndpoint,
  method: string,
  payload: Record<string, unknown>,
): Promise<{ ok: true; result: { message_id: number } } | { ok: false; outcome: SendOutcome }> {
  let body: TelegramAnswer;
  let status: number;
  try {
    const res = await (endpoint.fetch ?? fetch)(`${endpoint.apiRoot}/bot${endpoint.token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
    status = res.status;
    body = (await res.json()) as TelegramAnswer;
  } catch {
    // Network failures, timeouts, an answer that is not Telegram's JSON: Telegram may or may not
    // have the message; retried like a 5xx.
    return { ok: false, outcome: { kind: 'transient', description: 'network error' } };
  }
  if (body.ok && typeof body.result?.message_id === 'number')
    return { ok: true, result: { message_id: body.result.message_id } };
  if (body.ok) return { ok: false, outcome: { kind: 'transient', description: 'unexpected answer' } };
  const code = typeof body.error_code === 'number' ? body.error_code : status;
  const description = typeof body.description === 'string' ? body.description : `error ${code}`;
  const retryAfter = body.parameters?.retry_after;
  return {
    ok: false,
    outcome: classifyAnswer(code, description, typeof retryAfter === 'number' ? retryAfter : undefined),
  };
}

/** The inline keyboard as the Bot API takes it: the message's rows, then its button on a row of its own. */
function keyboard(message: CampaignMessage): InlineKeyboardMarkup | undefined {
  const rows = [...(message.keyboard ?? []), ...(message.button ? [[message.button]] : [])];
  if (rows.length === 0) return undefined;
  return {
    inline_keyboard: rows.map((row) =>
      row.map(
        (b): InlineKeyboardButton =>
          b.kind === 'callback'
            ? { text: b.text, callback_data: b.callbackData }
            : b.kind === 'web_app'
              ? { text: b.text, web_app: { url: b.url } }
              : { text: b.text, url: b.url },
      ),
    ),
  };
}

/** Telegram's refusal → what to do: wait and retry, retry with backoff, unsubscribe, or give up. */
function classifyAnswer(code: number, description: string, retryAfter?: number): SendOutcome {
  if (code === 429) return { kind: 'rate_limited', retryAfterSeconds: Math.max(1, retryAfter ?? 1) };
  if (code === 403) return { kind: 'blocked', description };
  if (code >= 500) return { kind: 'transient', description };
  return { kind: 'bad_request', description };
}

/** grammY's errors (the image upload) → the same outcomes as Telegram's answers above. */
export function classify(e: unknown): SendOutcome {
  if (e instanceof GrammyError) return classifyAnswer(e.error_code, e.description, e.parameters.retry_after);
  // Network failures and timeouts: Telegram may or may not have the message; retried like a 5xx.
  if (e instanceof HttpError) return { kind: 'transient', description: 'network error' };
  throw e;
}
