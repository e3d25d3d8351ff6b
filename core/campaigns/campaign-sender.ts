// The port through which the delivery engine talks to Telegram. core never imports grammY: the bot
// side (bot/campaign-sender.ts) implements this with grammY's Api and classifies Telegram's answers.
import type { CampaignMessage } from './campaign-message';

export type SendOutcome =
  | { kind: 'sent'; messageId: number; photoFileId?: string }
  /** 429: wait retry_after, then retry. */
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  /** 403: the person blocked the bot (or deleted their account). */
  | { kind: 'blocked'; description: string }
  /** Any other 4xx: permanent, with Telegram's description as the reason. */
  | { kind: 'bad_request'; description: string }
  /** 5xx, network error or timeout: retry with backoff. */
  | { kind: 'transient'; description: string };

export interface CampaignSender {
  /** Sends one message; never throws for Telegram's or the network's answers, only for bugs. */
  send(message: CampaignMessage, loadPhoto: () => Promise<Uint8Array>): Promise<SendOutcome>;
}
