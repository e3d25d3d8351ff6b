// Talks to the bot the way Telegram does — updates POSTed to the Worker's webhook with the secret
// header — and reads the bot's answers from the Telegram sandbox.
import type { Message, Update } from 'grammy/types';
import { LOCAL_WEBHOOK_SECRET } from '../../scripts/local-config';
import type { TestApp } from './app';
import type { RecordedCall } from './telegram-sandbox';
import { callbackUpdate, documentUpdate, photoUpdate, textUpdate, type UpdateUser } from './telegram-updates';

let nextUpdateId = Math.floor(Date.now() / 1000) * 1000;

export interface BotReply {
  method: string;
  text?: string;
  status: number;
  params: Record<string, unknown>;
  /** The message Telegram answered with (to press its buttons). */
  message?: Message;
  /** Texts of the inline buttons, row by row flattened. */
  buttons: { text: string; data?: string; webAppUrl?: string; url?: string }[];
}

function toReply(call: RecordedCall): BotReply {
  const p = call.params;
  const response = call.response as { result?: unknown };
  const message =
    typeof response.result === 'object' && response.result ? (response.result as Message) : undefined;
  const markup = p.reply_markup as { inline_keyboard?: Record<string, unknown>[][] } | undefined;
  const buttons = (markup?.inline_keyboard ?? []).flat().map((b) => ({
    text: String(b.text),
    ...(typeof b.callback_data === 'string' ? { data: b.callback_data } : {}),
    ...(b.web_app ? { webAppUrl: String((b.web_app as { url: string }).url) } : {}),
    ...(typeof b.url === 'string' ? { url: b.url } : {}),
  }));
  const text = typeof p.text === 'string' ? p.text : typeof p.caption === 'string' ? p.caption : undefined;
  return { method: call.method, text, status: call.status, params: p, message, buttons };
}

export function botDriver(t: TestApp) {
  const post = async (update: Update, secret = LOCAL_WEBHOOK_SECRET) => {
    const res = await t.call('POST', '/telegram/webhook', {
      body: update,
      headers: { 'X-Telegram-Bot-Api-Secret-Token': secret },
    });
    return res;
  };

  /** Delivers an update and returns what the bot sent to that chat while handling it. */
  const deliver = async (chatId: number, update: Update): Promise<BotReply[]> => {
    const before = t.sandbox.calls.at(-1)?.seq ?? 0;
    const res = await post(update);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
    return t.sandbox.calls
      .filter((c) => c.seq > before && (c.params.chat_id === chatId || c.method === 'answerCallbackQuery'))
      .map(toReply);
  };

  const ids = () => ({ update_id: ++nextUpdateId });

  return {
    post,
    /** Delivers any update (e.g. a crafted reply) and returns what the bot sent to that chat. */
    deliver,
    /** A text message answering (replying to) one of the bot's messages, as Telegram sends it. */
    reply: (user: UpdateUser, replyTo: Message, text: string, messageId?: number) => {
      const update = textUpdate(user, text, { ...ids(), ...(messageId ? { message_id: messageId } : {}) });
      return deliver(user.id, {
        ...update,
        message: { ...update.message!, reply_to_message: replyTo },
      } as Update);
    },
    /** A photo sent as a reply to one of the bot's messages. */
    replyWithPhoto: (user: UpdateUser, replyTo: Message, bytes: Uint8Array) => {
      const stored = t.sandbox.putFile(bytes, { mimeType: 'image/jpeg' });
      const update = photoUpdate(user, stored, ids());
      return deliver(user.id, {
        ...update,
        message: { ...update.message!, reply_to_message: replyTo },
      } as Update);
    },
    /** A text message with a chosen message id (so the bot may delete it in the sandbox). */
    sendWithId: (user: UpdateUser, text: string, messageId: number) =>
      deliver(user.id, textUpdate(user, text, { ...ids(), message_id: messageId })),
    send: (user: UpdateUser, text: string) => deliver(user.id, textUpdate(user, text, ids())),
    press: (user: UpdateUser, message: Message, data: string) =>
      deliver(user.id, callbackUpdate(user, message, data, ids())),
    sendPhoto: (user: UpdateUser, bytes: Uint8Array, caption?: string) => {
      const stored = t.sandbox.putFile(bytes, { mimeType: 'image/jpeg' });
      return deliver(user.id, photoUpdate(user, stored, { ...ids(), ...(caption ? { caption } : {}) }));
    },
    sendDocument: (user: UpdateUser, bytes: Uint8Array, fileName: string, mimeType: string) => {
      const stored = t.sandbox.putFile(bytes, { fileName, mimeType });
      return deliver(
        user.id,
        documentUpdate(user, { ...stored, file_name: fileName, mime_type: mimeType }, ids()),
      );
    },
    /** Every call the bot made to this chat so far (notifications sent outside an update, too). */
    callsTo: (chatId: number) => t.sandbox.calls.filter((c) => c.params.chat_id === chatId).map(toReply),
  };
}
