// The delivery engine's Telegram port implemented with grammY: sends a campaign message (text or
// photo with caption, inline button) and sorts Telegram's answers into what the engine acts on.
import { type Api, GrammyError, HttpError, InlineKeyboard, InputFile } from 'grammy';
import type { CampaignMessage } from '../core/campaigns/campaign-message';
import type { CampaignSender, SendOutcome } from '../core/campaigns/campaign-sender';

export function grammyCampaignSender(api: Api): CampaignSender {
  return {
    async send(message, loadPhoto) {
      try {
        const reply_markup = keyboard(message);
        if (message.photo) {
          const photo = message.photo.telegramFileId ?? new InputFile(await loadPhoto(), 'image');
          const sent = await api.sendPhoto(message.chatId, photo, {
            caption: message.html,
            parse_mode: 'HTML',
            ...(reply_markup ? { reply_markup } : {}),
          });
          const largest = sent.photo.at(-1)?.file_id;
          return { kind: 'sent', messageId: sent.message_id, ...(largest ? { photoFileId: largest } : {}) };
        }
        const sent = await api.sendMessage(message.chatId, message.html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(reply_markup ? { reply_markup } : {}),
        });
        return { kind: 'sent', messageId: sent.message_id };
      } catch (e) {
        return classify(e);
      }
    },
  };
}

function keyboard(message: CampaignMessage): InlineKeyboard | undefined {
  const rows = [...(message.keyboard ?? []), ...(message.button ? [[message.button]] : [])];
  if (rows.length === 0) return undefined;
  const kb = new InlineKeyboard();
  for (const row of rows) {
    for (const b of row) {
      if (b.kind === 'callback') kb.text(b.text, b.callbackData);
      else if (b.kind === 'web_app') kb.webApp(b.text, b.url);
      else kb.url(b.text, b.url);
    }
    kb.row();
  }
  return kb;
}

/** Telegram's answer → what to do: wait and retry, retry with backoff, unsubscribe, or give up. */
export function classify(e: unknown): SendOutcome {
  if (e instanceof GrammyError) {
    if (e.error_code === 429)
      return { kind: 'rate_limited', retryAfterSeconds: Math.max(1, e.parameters.retry_after ?? 1) };
    if (e.error_code === 403) return { kind: 'blocked', description: e.description };
    if (e.error_code >= 500) return { kind: 'transient', description: e.description };
    return { kind: 'bad_request', description: e.description };
  }
  // Network failures and timeouts: Telegram may or may not have the message; retried like a 5xx.
  if (e instanceof HttpError) return { kind: 'transient', description: 'network error' };
  throw e;
}
