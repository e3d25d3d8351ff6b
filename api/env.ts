// The Worker's environment, parsed once per request with zod: a missing or malformed secret
// fails fast with a message naming the variable (never its value).
import { z } from 'zod';
import type { ObjectStore } from '../core/files/object-store';
import { DEFAULT_RATE_LIMITS } from '../core/rate-limit/policies';

const binding = <T>(name: string, method: string) =>
  z.custom<T>((v) => typeof v === 'object' && v !== null && method in v, {
    message: `${name} binding is missing`,
  });

const perMinute = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

export const ZEnvSchema = z
  .object({
    APP_ENV: z.enum(['development', 'test', 'production']).default('production'),
    TELEGRAM_BOT_TOKEN: z
      .string({ error: 'TELEGRAM_BOT_TOKEN is required (wrangler secret put TELEGRAM_BOT_TOKEN)' })
      .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'TELEGRAM_BOT_TOKEN does not look like a bot token'),
    TELEGRAM_WEBHOOK_SECRET: z
      .string({ error: 'TELEGRAM_WEBHOOK_SECRET is required (wrangler secret put TELEGRAM_WEBHOOK_SECRET)' })
      .regex(
        /^[A-Za-z0-9_-]{16,256}$/,
        'TELEGRAM_WEBHOOK_SECRET must be 16-256 characters of A-Z a-z 0-9 _ -',
      ),
    TELEGRAM_BOT_USERNAME: z.string({ error: 'TELEGRAM_BOT_USERNAME is required' }).min(1),
    TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
    DATABASE_URL: z.string().optional(),
    HYPERDRIVE: z.object({ connectionString: z.string() }).optional(),
    INIT_DATA_MAX_AGE_SECONDS: z.coerce.number().int().positive().default(3600),
    /**
     * Public origin of the Worker (links in messages, the PDF's QR code, the mini app at <PUBLIC_URL>/app/).
     * Required in production; elsewhere a request's own origin stands in, but queue jobs and the cron
     * have no request, so `npm start` and the tests always pass it.
     */
    PUBLIC_URL: z.url({ error: 'PUBLIC_URL must be a URL such as https://township.example' }).optional(),
    /** Ed25519 seed (32 bytes, base64url) that signs certificates: `npm run cert:keygen` makes one. */
    CERT_SIGNING_KEY: z
      .string({ error: 'CERT_SIGNING_KEY is required (wrangler secret put CERT_SIGNING_KEY)' })
      .regex(
        /^[A-Za-z0-9_-]{43}$/,
        'CERT_SIGNING_KEY must be a 32-byte Ed25519 seed in base64url (43 characters)',
      ),
    CERT_SIGNING_KEY_ID: z
      .string({ error: 'CERT_SIGNING_KEY_ID is required' })
      .regex(/^[A-Za-z0-9_.-]{1,16}$/, 'CERT_SIGNING_KEY_ID must be 1-16 characters of A-Z a-z 0-9 _ . -'),
    /** JSON [{ "keyId": "…", "publicKey": "<base64url>" }]: old keys that still verify older certificates. */
    CERT_RETIRED_PUBLIC_KEYS: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) return [];
        const parsed = z
          .array(z.object({ keyId: z.string().min(1), publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }))
          .safeParse(safeJson(v));
        if (!parsed.success) {
          ctx.addIssue({
            code: 'custom',
            message: 'CERT_RETIRED_PUBLIC_KEYS must be JSON [{"keyId","publicKey"}]',
          });
          return z.NEVER;
        }
        return parsed.data;
      }),
    CERT_DEADLINE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(3),
    CERT_VALIDITY_YEARS: z.coerce.number().int().min(1).max(10).default(3),
    /** Days the uploaded evidence of a decided application is kept before it is deleted. */
    CERT_DOCUMENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    /** Service file (八个一): renewal interval per item in months, e.g. "health_checkup=12,contact_details=6" (0 = once per departure). */
    SERVICE_FILE_INTERVAL_MONTHS: z.string().optional(),
    /** Days a verified check-up report file is kept (the fact stays). */
    SERVICE_FILE_REPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** Reminder offsets in days before the due date and after it, e.g. "14,3" and "7,30". */
    SERVICE_FILE_REMIND_DAYS_BEFORE: z.string().default('14,3'),
    SERVICE_FILE_REMIND_DAYS_AFTER: z.string().default('7,30'),
    /** Days off beyond weekends, 'YYYY-MM-DD' separated by commas or spaces (ranges 'a..b'); default: built-in list. */
    CERT_HOLIDAYS: z.string().optional(),
    /** Weekend days that are working days (调休). */
    CERT_EXTRA_WORKDAYS: z.string().optional(),
    MAX_UPLOAD_MB: z.coerce.number().positive().max(50).default(10),
    /** Largest image accepted (width × height, in millions of pixels), read from its header. */
    MAX_IMAGE_MEGAPIXELS: z.coerce.number().positive().max(200).default(40),
    /** Longest side of an accepted image, in pixels. */
    MAX_IMAGE_SIDE: z.coerce.number().int().min(256).max(65_535).default(16_384),
    /** Campaign messages per second across all consumers: Telegram allows ~30; paid broadcasts up to 1000. */
    BROADCAST_RATE_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(30),
    /** Attempts of one campaign message (429, 5xx, network) before it counts as failed. */
    BROADCAST_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
    /** A claimed delivery whose consumer died is sent again after this long (the one duplicate a crash may cost). */
    BROADCAST_LEASE_SECONDS: z.coerce.number().int().min(30).max(3600).default(60),
    /** A sending campaign that made no progress this long gets its open deliveries re-enqueued by the cron. */
    BROADCAST_STALL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(120),
    /** Anonymous certificate checks (page, JSON, payload check) per client network per minute. */
    RATE_LIMIT_VERIFY_PER_MINUTE: perMinute(DEFAULT_RATE_LIMITS.verifyPerMinute),
    /** The same checks from all clients together per minute. */
    RATE_LIMIT_VERIFY_GLOBAL_PER_MINUTE: perMinute(DEFAULT_RATE_LIMITS.verifyGlobalPerMinute),
    /** Campaign link redirects (/c/…) per client network per minute. */
    RATE_LIMIT_LINKS_PER_MINUTE: perMinute(DEFAULT_RATE_LIMITS.linksPerMinute),
    /** Failed sign-ins and wrong webhook secrets per client network per minute, then a doubling lockout. */
    RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: perMinute(DEFAULT_RATE_LIMITS.authFailuresPerMinute),
    /** Uploads per signed-in person per minute. */
    RATE_LIMIT_UPLOADS_PER_MINUTE: perMinute(DEFAULT_RATE_LIMITS.uploadsPerMinute),
    /** Test sends, certificate PDFs and audience counts per person (each call on its own) per minute. */
    RATE_LIMIT_COSTLY_PER_MINUTE: perMinute(DEFAULT_RATE_LIMITS.costlyPerMinute),
    /** Wrong tip-off receipts per client network per hour (then a doubling lockout, up to a day). */
    RATE_LIMIT_TIP_RECEIPT_FAILURES_PER_HOUR: perMinute(DEFAULT_RATE_LIMITS.tipReceiptFailuresPerHour),
    /** Wrong tip-off receipts from all clients together per hour. */
    RATE_LIMIT_TIP_RECEIPT_FAILURES_GLOBAL_PER_HOUR: perMinute(
      DEFAULT_RATE_LIMITS.tipReceiptFailuresGlobalPerHour,
    ),
    /** Tip-off submissions per client network (or person) per hour. */
    RATE_LIMIT_TIP_SUBMISSIONS_PER_HOUR: perMinute(DEFAULT_RATE_LIMITS.tipSubmissionsPerHour),
    /** Tip-off submissions from all clients together per hour. */
    RATE_LIMIT_TIP_SUBMISSIONS_GLOBAL_PER_HOUR: perMinute(DEFAULT_RATE_LIMITS.tipSubmissionsGlobalPerHour),
    /**
     * Key of the HMAC that keeps tip-off receipts (only their keyed hash is stored). Required in
     * production (`wrangler secret put TIPOFF_RECEIPT_KEY`, 32+ random characters); elsewhere a key
     * derived from the bot token stands in. Changing it makes every receipt unusable.
     */
    TIPOFF_RECEIPT_KEY: z
      .string()
      .min(32, 'TIPOFF_RECEIPT_KEY must be at least 32 characters')
      .max(512)
      .optional(),
    /** 限时办结 for tip-offs, in working days from the day received: acknowledge, triage, outcome. */
    TIPOFF_ACK_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(2),
    TIPOFF_TRIAGE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
    TIPOFF_OUTCOME_WORKING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Rewards at or above this (yuan) need a second approver. */
    TIPOFF_SECOND_APPROVAL_YUAN: z.coerce.number().int().min(1).max(1_000_000).default(5000),
    /** Working days the reporter has to claim an approved reward. */
    TIPOFF_CLAIM_WORKING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Days a closed tip's content is kept before it is purged (number, day, category, status stay). */
    TIPOFF_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
    FILES: binding<ObjectStore>('FILES (R2)', 'put'),
    JOBS: binding<Queue>('JOBS (Queue)', 'send'),
    /** Campaign materialisation and send batches; without it they share JOBS. */
    BROADCAST: binding<Queue>('BROADCAST (Queue)', 'send').optional(),
    /** The broadcast governor (Durable Object): one send rate for every consumer invocation. */
    GOVERNOR: binding<DurableObjectNamespace>('GOVERNOR (Durable Object)', 'idFromName').optional(),
    /** The rate limiter (Durable Object, one per policy); without it each isolate counts alone. */
    RATE_LIMITER: binding<DurableObjectNamespace>('RATE_LIMITER (Durable Object)', 'idFromName').optional(),
    ASSETS: binding<Fetcher>('ASSETS', 'fetch').optional(),
  })
  .refine((e) => e.DATABASE_URL || e.HYPERDRIVE, {
    message: 'DATABASE_URL or the HYPERDRIVE binding is required',
    path: ['DATABASE_URL'],
  })
  .refine((e) => e.APP_ENV !== 'production' || e.PUBLIC_URL?.startsWith('https://'), {
    message:
      'PUBLIC_URL is required in production: the https origin of the Worker (e.g. https://township.example), in [env.production.vars]',
    path: ['PUBLIC_URL'],
  })
  .refine((e) => e.APP_ENV !== 'production' || e.TIPOFF_RECEIPT_KEY, {
    message:
      'TIPOFF_RECEIPT_KEY is required in production (wrangler secret put TIPOFF_RECEIPT_KEY, 32+ random characters)',
    path: ['TIPOFF_RECEIPT_KEY'],
  });

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

export type AppConfig = z.infer<typeof ZEnvSchema>;
/** Raw bindings as the runtime hands them over. */
export type WorkerBindings = Record<string, unknown>;

export function databaseUrl(config: AppConfig): string {
  // Hyperdrive (production) pools connections at the edge; DATABASE_URL is for local and tests.
  return config.HYPERDRIVE?.connectionString ?? config.DATABASE_URL!;
}

export function botIdFromToken(token: string): number {
  return Number(token.split(':')[0]);
}
