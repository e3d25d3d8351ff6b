import { Api, type Bot } from 'grammy';
import { grammyCampaignSender } from '../bot/campaign-sender';
import type { BotContext } from '../bot/context';
import { createBot } from '../bot/create-bot';
import type { SendGovernor } from '../core/campaigns/governor';
import type { CoreConfig } from '../core/config';
import type { CoreDeps } from '../core/deps';
import { AppError } from '../core/errors';
import { logEvent } from '../core/log';
import type { JobQueue } from '../core/notifications/jobs';
import { rateLimitPolicies } from '../core/rate-limit/policies';
import { DEFAULT_CHINA_CALENDAR, parseHolidayList } from '../core/review/working-days';
import { cryptoIds, systemClock } from '../core/runtime';
import { parseServiceFileSettings } from '../core/service-file/item-rules';
import type { ServiceFileSettings } from '../core/service-file/service-file-schema';
import { createDb, type Db } from '../db/client';
import type { AppOptions, Services } from './context';
import { type AppConfig, botIdFromToken, databaseUrl, type WorkerBindings, ZEnvSchema } from './env';
import { durableObjectGovernor, processGovernor } from './governor-client';
import { durableObjectLimiter, processLimiter } from './limiter-client';

export type ServiceOptions = AppOptions & { db?: (url: string) => Db };

/**
 * Parses the env (fail fast, naming the variable, never its value) and builds the services of one
 * request, queue batch or cron run. The Postgres client is created here, per invocation, because
 * workerd forbids sharing sockets across requests; tests inject a pooled `db` instead.
 */
export function buildServices(
  env: WorkerBindings | undefined,
  options: ServiceOptions,
  context: { requestId: string; origin?: string },
): Services {
  const parsed = ZEnvSchema.safeParse(env ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => i.message).join('; ');
    logEvent('error', 'invalid worker configuration', { problems });
    throw new AppError('config_invalid', { message: problems });
  }
  const config = parsed.data;
  const url = databaseUrl(config);
  const db = options.db ? options.db(url) : createDb(url).db;
  // Queue jobs and the cron have no request to take an origin from: they need PUBLIC_URL.
  const publicOrigin = config.PUBLIC_URL ?? context.origin;
  if (!publicOrigin) {
    logEvent('error', 'invalid worker configuration', { problems: 'PUBLIC_URL is missing' });
    throw new AppError('config_invalid', {
      message: 'PUBLIC_URL is required where there is no request (queue jobs, cron)',
    });
  }
  const deps: CoreDeps = {
    db,
    clock: options.clock ?? systemClock,
    ids: options.ids ?? cryptoIds,
    requestId: context.requestId,
    config: coreConfig(config, publicOrigin),
    files: config.FILES,
    jobs: config.JOBS as unknown as JobQueue,
    broadcast: (config.BROADCAST ?? config.JOBS) as unknown as JobQueue,
  };
  let bot: Bot<BotContext> | undefined;
  let governor: SendGovernor | undefined;
  const services: Services = {
    config,
    deps,
    bot() {
      bot ??= createBot(
        config.TELEGRAM_BOT_TOKEN,
        {
          core: deps,
          miniAppUrl: new URL('/app/', publicOrigin).toString(),
          downloadFile: async (filePath) => {
            const url = `${config.TELEGRAM_API_ROOT}/file/bot${config.TELEGRAM_BOT_TOKEN}/${filePath}`;
            const res = await (options.botFetch ?? fetch)(url);
            if (!res.ok) throw new Error(`file download failed with ${res.status}`);
            return new Uint8Array(await res.arrayBuffer());
          },
          limiter: () => services.limiter(),
        },
        {
          botInfo: {
            id: botIdFromToken(config.TELEGRAM_BOT_TOKEN),
            is_bot: true,
            first_name: config.TELEGRAM_BOT_USERNAME,
            username: config.TELEGRAM_BOT_USERNAME,
            can_join_groups: false,
            can_read_all_group_messages: false,
            supports_inline_queries: false,
            can_connect_to_business: false,
            has_main_web_app: true,
          } as never,
          apiRoot: config.TELEGRAM_API_ROOT,
          fetch: options.botFetch,
        },
      );
      return bot;
    },
    governor() {
      if (options.governor) return options.governor;
      // One client for the invocation: its send jobs share it, and so the batching of their reports.
      governor ??= config.GOVERNOR
        ? durableObjectGovernor(config.GOVERNOR)
        : processGovernor(config.BROADCAST_RATE_PER_SECOND);
      return governor;
    },
    limiter() {
      if (options.rateLimiter) return options.rateLimiter;
      return config.RATE_LIMITER ? durableObjectLimiter(config.RATE_LIMITER) : processLimiter();
    },
    campaignSender() {
      // Its own Api with a short timeout: a hung request must end long before the delivery's lease.
      const api = new Api(config.TELEGRAM_BOT_TOKEN, {
        apiRoot: config.TELEGRAM_API_ROOT,
        timeoutSeconds: 20,
        ...(options.botFetch ? { fetch: options.botFetch as never } : {}),
      });
      return grammyCampaignSender(api, {
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        timeoutMs: 20_000,
        ...(options.botFetch ? { fetch: options.botFetch } : {}),
      });
    },
    async loadAsset(path) {
      if (options.loadAsset) return options.loadAsset(path);
      if (!config.ASSETS) return null;
      const res = await config.ASSETS.fetch(new Request(new URL(path, publicOrigin)));
      return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
    },
  };
  return services;
}

/** The domain's settings from the parsed env; a malformed holiday list fails like a missing secret. */
function coreConfig(config: AppConfig, publicOrigin: string): CoreConfig {
  let holidays: string[];
  let extraWorkdays: string[];
  try {
    holidays = config.CERT_HOLIDAYS
      ? parseHolidayList(config.CERT_HOLIDAYS)
      : [...DEFAULT_CHINA_CALENDAR.holidays];
    extraWorkdays = config.CERT_EXTRA_WORKDAYS
      ? parseHolidayList(config.CERT_EXTRA_WORKDAYS, { name: 'CERT_EXTRA_WORKDAYS' })
      : config.CERT_HOLIDAYS
        ? []
        : [...(DEFAULT_CHINA_CALENDAR.extraWorkdays ?? [])];
  } catch (e) {
    throw new AppError('config_invalid', { message: (e as Error).message });
  }
  let serviceFile: ServiceFileSettings;
  try {
    serviceFile = parseServiceFileSettings({
      intervals: config.SERVICE_FILE_INTERVAL_MONTHS,
      reportRetentionDays: config.SERVICE_FILE_REPORT_RETENTION_DAYS,
      reviewWorkingDays: config.CERT_DEADLINE_WORKING_DAYS,
      remindBefore: config.SERVICE_FILE_REMIND_DAYS_BEFORE,
      remindAfter: config.SERVICE_FILE_REMIND_DAYS_AFTER,
    });
  } catch (e) {
    throw new AppError('config_invalid', { message: (e as Error).message });
  }
  return {
    publicUrl: publicOrigin,
    maxUploadBytes: Math.round(config.MAX_UPLOAD_MB * 1024 * 1024),
    imageLimits: {
      maxPixels: Math.round(config.MAX_IMAGE_MEGAPIXELS * 1_000_000),
      maxSide: config.MAX_IMAGE_SIDE,
    },
    certificates: {
      deadlineWorkingDays: config.CERT_DEADLINE_WORKING_DAYS,
      calendar: { holidays, extraWorkdays },
      validityYears: config.CERT_VALIDITY_YEARS,
      documentRetentionDays: config.CERT_DOCUMENT_RETENTION_DAYS,
      signingKey: { keyId: config.CERT_SIGNING_KEY_ID, seed: config.CERT_SIGNING_KEY },
      retiredPublicKeys: config.CERT_RETIRED_PUBLIC_KEYS,
    },
    tipoffs: {
      // Outside production a key derived from the bot token stands in (env.ts requires one in production).
      receiptKey: config.TIPOFF_RECEIPT_KEY ?? `tipoff-receipts:${config.TELEGRAM_BOT_TOKEN}`,
      ackWorkingDays: config.TIPOFF_ACK_WORKING_DAYS,
      triageWorkingDays: config.TIPOFF_TRIAGE_WORKING_DAYS,
      outcomeWorkingDays: config.TIPOFF_OUTCOME_WORKING_DAYS,
      secondApprovalYuan: config.TIPOFF_SECOND_APPROVAL_YUAN,
      claimWorkingDays: config.TIPOFF_CLAIM_WORKING_DAYS,
      retentionDays: config.TIPOFF_RETENTION_DAYS,
    },
    campaigns: {
      ratePerSecond: config.BROADCAST_RATE_PER_SECOND,
      maxAttempts: config.BROADCAST_MAX_ATTEMPTS,
      leaseMs: config.BROADCAST_LEASE_SECONDS * 1000,
      stallMs: config.BROADCAST_STALL_SECONDS * 1000,
      // Click links are signed with a key derived from the bot token (no extra secret to manage).
      linkSecret: `campaign-links:${config.TELEGRAM_BOT_TOKEN}`,
    },
    serviceFile,
    rateLimits: {
      policies: rateLimitPolicies({
        verifyPerMinute: config.RATE_LIMIT_VERIFY_PER_MINUTE,
        verifyGlobalPerMinute: config.RATE_LIMIT_VERIFY_GLOBAL_PER_MINUTE,
        linksPerMinute: config.RATE_LIMIT_LINKS_PER_MINUTE,
        authFailuresPerMinute: config.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE,
        uploadsPerMinute: config.RATE_LIMIT_UPLOADS_PER_MINUTE,
        costlyPerMinute: config.RATE_LIMIT_COSTLY_PER_MINUTE,
        tipReceiptFailuresPerHour: config.RATE_LIMIT_TIP_RECEIPT_FAILURES_PER_HOUR,
        tipReceiptFailuresGlobalPerHour: config.RATE_LIMIT_TIP_RECEIPT_FAILURES_GLOBAL_PER_HOUR,
        tipSubmissionsPerHour: config.RATE_LIMIT_TIP_SUBMISSIONS_PER_HOUR,
        tipSubmissionsGlobalPerHour: config.RATE_LIMIT_TIP_SUBMISSIONS_GLOBAL_PER_HOUR,
      }),
      // Like the link key: derived from the bot token, so there is no extra secret to manage.
      keySecret: `rate-limit-keys:${config.TELEGRAM_BOT_TOKEN}`,
    },
  };
}
