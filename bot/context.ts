import type { Context } from 'grammy';
import type { TFunction } from 'i18next';
import type { Actor } from '../core/auth/actor';
import type { CoreDeps } from '../core/deps';
import type { Language } from '../core/i18n';
import type { Limiter } from '../core/rate-limit/limiter';

export interface BotDeps {
  core: CoreDeps;
  /** https URL of the mini app (…/app/), opened by the web_app buttons. */
  miniAppUrl: string;
  /** Downloads a file the person sent (Bot API file_path → bytes), from Telegram or the sandbox. */
  downloadFile(filePath: string): Promise<Uint8Array>;
  /** The rate limiter the API uses too: documents sent to the bot spend the same upload budget. */
  limiter(): Limiter;
}

export type BotContext = Context & {
  deps: BotDeps;
  /** Set by the identify middleware for every update that has a sender. */
  actor: Actor;
  lang: Language;
  t: TFunction;
};
