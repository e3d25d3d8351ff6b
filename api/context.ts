import type { Bot } from 'grammy';
import type { BotContext } from '../bot/context';
import type { Actor } from '../core/auth/actor';
import type { CampaignSender } from '../core/campaigns/campaign-sender';
import type { SendGovernor } from '../core/campaigns/governor';
import type { CoreDeps } from '../core/deps';
import type { Language } from '../core/i18n';
import type { Limiter } from '../core/rate-limit/limiter';
import type { Clock, Ids } from '../core/runtime';
import type { AppConfig, WorkerBindings } from './env';

export interface Services {
  config: AppConfig;
  deps: CoreDeps;
  /** The bot for this invocation, created lazily (only the webhook and notifications need it). */
  bot(): Bot<BotContext>;
  /** The broadcast governor: the Durable Object in the Worker, an in-process scheduler elsewhere. */
  governor(): SendGovernor;
  /** The rate limiter: the RateLimiter Durable Object in the Worker, an in-process table elsewhere. */
  limiter(): Limiter;
  /** Sends campaign messages through grammY (short timeout, errors classified for the engine). */
  campaignSender(): CampaignSender;
  /** Bytes of a static asset (e.g. the certificate font), or null when it is not there. */
  loadAsset(path: string): Promise<Uint8Array | null>;
}

export type AppEnv = {
  Bindings: WorkerBindings;
  Variables: {
    requestId: string;
    services: Services;
    actor: Actor;
    language: Language;
    /** Set when the caller is signed in at a desk (browser session) rather than the mini app. */
    deskSession?: { id: string; token: string };
  };
};

/** What tests and the Worker entry inject: external boundaries only (time, randomness, Telegram). */
export interface AppOptions {
  clock?: Clock;
  ids?: Ids;
  /** Overrides the bot's outgoing fetch (tests); default: the Bot API at TELEGRAM_API_ROOT. */
  botFetch?: typeof fetch;
  /** The broadcast governor (tests, benchmark); default: the GOVERNOR Durable Object, else in-process. */
  governor?: SendGovernor;
  /** The rate limiter (tests: a fresh table, their own clock); default: the RATE_LIMITER Durable Object, else in-process. */
  rateLimiter?: Limiter;
  /** Reads static assets where the ASSETS binding does not exist (Node tests read miniprogram/dist). */
  loadAsset?: (path: string) => Promise<Uint8Array | null>;
}
