// The Worker's HTTP app in Node for integration tests: real Postgres (the suite's database), a real
// Telegram sandbox, in-memory stand-ins only for the Cloudflare bindings (R2, Queue) that Node lacks.
// The workerd suite (test/workers) covers the real bindings.
import { afterAll } from 'vitest';
import { createApp } from '../../api/app';
import type { Services } from '../../api/context';
import { runJob } from '../../api/queue';
import { buildServices } from '../../api/services';
import { signInitData } from '../../core/auth/init-data';
import type { SendGovernor } from '../../core/campaigns/governor';
import { loadCertificateFont } from '../../core/certificates/font-source';
import { CERT_FONT_ASSET_PATH } from '../../core/certificates/render-certificate-pdf';
import type { ObjectStore } from '../../core/files/object-store';
import type { TJob } from '../../core/notifications/jobs';
import { type Limiter, localLimiter } from '../../core/rate-limit/limiter';
import { type Clock, systemClock } from '../../core/runtime';
import type { Db } from '../../db/client';
import { DEMO_USERS } from '../../db/seed';
import {
  LOCAL_BOT_INFO,
  LOCAL_BOT_TOKEN,
  LOCAL_CERT_SIGNING_KEY,
  LOCAL_CERT_SIGNING_KEY_ID,
  LOCAL_TIPOFF_RECEIPT_KEY,
  LOCAL_WEBHOOK_SECRET,
} from '../../scripts/local-config';
import { testDatabaseUrl, testDb } from './db';
import { startTelegramSandbox, type TelegramSandbox } from './telegram-sandbox';

/** An R2 bucket in memory: enough of R2's surface for core/files. */
export function memoryObjectStore(): ObjectStore & {
  objects: Map<string, { bytes: Uint8Array; contentType?: string }>;
} {
  const objects = new Map<string, { bytes: Uint8Array; contentType?: string }>();
  return {
    objects,
    async put(key, value, options) {
      const bytes = value instanceof Uint8Array ? new Uint8Array(value) : new Uint8Array(value);
      objects.set(key, { bytes, contentType: options?.httpMetadata?.contentType });
      return {};
    },
    async get(key) {
      const o = objects.get(key);
      if (!o) return null;
      return { size: o.bytes.byteLength, arrayBuffer: async () => o.bytes.slice().buffer as ArrayBuffer };
    },
    async delete(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) objects.delete(k);
    },
  };
}

/** A Queue producer that keeps what was sent, so a test can assert on it or run the consumer. */
export function recordingQueue() {
  const sent: TJob[] = [];
  return {
    sent,
    async send(body: TJob) {
      sent.push(structuredClone(body));
    },
    async sendBatch(messages: Iterable<{ body: TJob }>) {
      for (const m of messages) sent.push(structuredClone(m.body));
    },
  };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  env: Record<string, unknown>;
  sandbox: TelegramSandbox;
  files: ReturnType<typeof memoryObjectStore>;
  jobs: ReturnType<typeof recordingQueue>;
  clock: Clock;
  rateLimiter: Limiter;
  services(): Services;
  drainJobs(): Promise<TJob[]>;
  /** Signed `Authorization` header value for a Telegram user, as the mini app would send it. */
  authFor(telegramId: number, options?: { authDate?: Date; firstName?: string }): Promise<string>;
  /** app.request with JSON bodies and, when `as` is given, that user's signed init data. */
  call(
    method: string,
    path: string,
    options?: { as?: number; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
}

/** Env that lifts every rate limit: for tests about what input reaches, not about throttling. */
export const UNTHROTTLED_ENV: Record<string, string> = Object.fromEntries([
  ...['VERIFY', 'VERIFY_GLOBAL', 'LINKS', 'AUTH_FAILURES', 'UPLOADS', 'COSTLY'].map((p) => [
    `RATE_LIMIT_${p}_PER_MINUTE`,
    '1000000',
  ]),
  ...['TIP_RECEIPT_FAILURES', 'TIP_RECEIPT_FAILURES_GLOBAL', 'TIP_SUBMISSIONS', 'TIP_SUBMISSIONS_GLOBAL'].map(
    (p) => [`RATE_LIMIT_${p}_PER_HOUR`, '1000000'],
  ),
]);

/**
 * Builds the app against the suite database and a fresh Telegram sandbox; closes the sandbox after
 * the file's tests. Call at the top level of a test file (or in beforeAll).
 */
export async function createTestApp(
  options: {
    clock?: Clock;
    env?: Record<string, unknown>;
    governor?: SendGovernor;
    rateLimiter?: Limiter;
    /** The services' database (default: the suite's pooled handle); fault tests pass a flaky one. */
    db?: () => Db;
  } = {},
): Promise<TestApp> {
  const sandbox = await startTelegramSandbox({ token: LOCAL_BOT_TOKEN, botInfo: LOCAL_BOT_INFO });
  afterAll(() => sandbox.close());
  const clock = options.clock ?? systemClock;
  const files = memoryObjectStore();
  const jobs = recordingQueue();
  const env: Record<string, unknown> = {
    APP_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    TELEGRAM_BOT_TOKEN: LOCAL_BOT_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
    TELEGRAM_BOT_USERNAME: LOCAL_BOT_INFO.username,
    TELEGRAM_API_ROOT: sandbox.apiRoot,
    CERT_SIGNING_KEY: LOCAL_CERT_SIGNING_KEY,
    CERT_SIGNING_KEY_ID: LOCAL_CERT_SIGNING_KEY_ID,
    TIPOFF_RECEIPT_KEY: LOCAL_TIPOFF_RECEIPT_KEY,
    PUBLIC_URL: 'https://township.example',
    FILES: files,
    JOBS: jobs,
    ...options.env,
  };
  // Static assets the Worker reads through its ASSETS binding: here, the certificate font from disk.
  const loadAsset = async (path: string) => (path === CERT_FONT_ASSET_PATH ? loadCertificateFont() : null);
  // Rate limits: a fresh in-process table per app, on the app's clock (limits: the env's RATE_LIMIT_*).
  const rateLimiter = options.rateLimiter ?? localLimiter({ now: () => clock.now().getTime() });
  const serviceOptions = {
    clock,
    db: options.db ?? (() => testDb()),
    loadAsset,
    rateLimiter,
    ...(options.governor ? { governor: options.governor } : {}),
  };
  const app = createApp(serviceOptions);
  const services = () => buildServices(env, serviceOptions, { requestId: crypto.randomUUID() });
  let drained = 0;
  /**
   * Runs the queued jobs (notifications, certificate delivery) as the Queue consumer would, in order,
   * including those the jobs queue themselves (a PDF after its announcement); returns every job run.
   */
  const drainJobs = async () => {
    const ran: TJob[] = [];
    while (drained < jobs.sent.length) {
      const job = jobs.sent[drained]!;
      drained += 1;
      await runJob(job, services());
      ran.push(job);
    }
    return ran;
  };
  const authFor: TestApp['authFor'] = async (telegramId, o = {}) => {
    const demo = DEMO_USERS.find((u) => u.telegramId === telegramId);
    const initData = await signInitData({
      user: { id: telegramId, first_name: o.firstName ?? demo?.displayName ?? `User ${telegramId}` },
      botToken: LOCAL_BOT_TOKEN,
      authDate: o.authDate ?? clock.now(),
    });
    return `tma ${initData}`;
  };
  const call: TestApp['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.as !== undefined) headers.Authorization = await authFor(o.as);
    let body: BodyInit | undefined;
    if (o.body instanceof Uint8Array || typeof o.body === 'string' || o.body instanceof FormData) {
      body = o.body as BodyInit;
    } else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    return app.request(path, { method, headers, body }, env);
  };
  return { app, env, sandbox, files, jobs, clock, rateLimiter, authFor, call, services, drainJobs };
}

/** The error body every 4xx/5xx has. */
export interface ErrorBody {
  error: { code: string; message: string; requestId: string; fields?: { path: string; message: string }[] };
}
