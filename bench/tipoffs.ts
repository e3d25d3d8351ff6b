// `npm run bench:tipoffs`: tip-off latency in-process (Hono app.request → zod → use case → SQL) with
// 10,000 tips in the database — submitting a tip (screening, number, receipt HMAC, signed receipt)
// and looking one up by its receipt (HMAC + unique index) — and what 1,000 wrong receipts in a row
// from one client meet. Against a fresh database: embedded PGlite, or a new database on the
// PostgreSQL server in DATABASE_URL.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createApp } from '../api/app';
import type { TJob } from '../core/notifications/jobs';
import { localLimiter } from '../core/rate-limit/limiter';
import { createDb } from '../db/client';
import { startEmbeddedPostgres } from '../db/embedded-server';
import { migrateDatabase } from '../db/migrate';
import { seedDemoData } from '../db/seed';
import {
  LOCAL_BOT_TOKEN,
  LOCAL_CERT_SIGNING_KEY,
  LOCAL_CERT_SIGNING_KEY_ID,
  LOCAL_TIPOFF_RECEIPT_KEY,
  LOCAL_WEBHOOK_SECRET,
} from '../scripts/local-config';
import { writeResultsSection } from './results-file';

const TIPS = 10_000;
const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const WRONG = 1000;

async function database(): Promise<{ url: string; kind: string; stop(): Promise<void> }> {
  const server = process.env.DATABASE_URL?.trim();
  if (!server) {
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, kind: 'embedded PGlite (in memory)', stop: () => embedded.stop() };
  }
  const name = `bench_tips_${Date.now()}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const version = (await admin`show server_version`)[0]?.server_version;
  return {
    url: url.toString(),
    kind: `PostgreSQL ${version} (127.0.0.1, fresh database)`,
    async stop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const summary = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
  return { p50: at(50), p95: at(95), max: s.at(-1)! };
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

const db = await database();
await migrateDatabase(db.url);
const handle = createDb(db.url, { max: 1 });
await seedDemoData(handle.db);
await handle.db.execute(sql`
  insert into tips (township_id, number, day, category, place, what, period, content_hash, receipt_hash,
    matter_tip_id, ack_due_at, triage_due_at, outcome_due_at, status)
  select (select id from townships limit 1), g, current_date - (g % 365), 'illegal_fees', '某地', '乱收费的情况说明，共计若干元。',
    '去年', md5(g::text), md5('receipt' || g::text), gen_random_uuid(), now(), now(), now(), 'closed'
  from generate_series(1, ${TIPS}) g`);
await handle.db.execute(sql`
  insert into tip_counters (township_id, last_number) select id, ${TIPS} from townships limit 1`);
await handle.db.execute(sql`analyze`);

const jobs: TJob[] = [];
const env = (limits: Record<string, string>) => ({
  APP_ENV: 'test',
  DATABASE_URL: db.url,
  TELEGRAM_BOT_TOKEN: LOCAL_BOT_TOKEN,
  TELEGRAM_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
  TELEGRAM_BOT_USERNAME: 'township_dev_bot',
  CERT_SIGNING_KEY: LOCAL_CERT_SIGNING_KEY,
  CERT_SIGNING_KEY_ID: LOCAL_CERT_SIGNING_KEY_ID,
  TIPOFF_RECEIPT_KEY: LOCAL_TIPOFF_RECEIPT_KEY,
  PUBLIC_URL: 'https://township.example',
  FILES: { put: async () => ({}), get: async () => null, delete: async () => {} },
  JOBS: { send: async (j: TJob) => void jobs.push(j), sendBatch: async () => {} },
  ...limits,
});
const unthrottled = env({
  RATE_LIMIT_TIP_SUBMISSIONS_PER_HOUR: '1000000',
  RATE_LIMIT_TIP_SUBMISSIONS_GLOBAL_PER_HOUR: '1000000',
  RATE_LIMIT_TIP_RECEIPT_FAILURES_PER_HOUR: '1000000',
  RATE_LIMIT_TIP_RECEIPT_FAILURES_GLOBAL_PER_HOUR: '1000000',
});
const app = createApp({ db: () => handle.db, rateLimiter: localLimiter() });
const post = (a: typeof app, e: Record<string, unknown>, path: string, body: unknown, ip = '198.51.100.1') =>
  a.request(
    path,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'CF-Connecting-IP': ip },
      body: JSON.stringify(body),
    },
    e,
  );
const tip = (i: number) => ({
  category: 'abortion_drug_sales',
  place: `东街第${i}号药店`,
  what: '药店无处方出售终止妊娠药品，多次看到有人购买。',
  period: '2026年11月',
  provider: '东街药店',
});

// Warm-up (not measured).
for (let i = 0; i < 20; i++) await post(app, unthrottled, '/api/public/tips', tip(i));
const receipts: string[] = [];
const submitMs: number[] = [];
for (let i = 0; i < CALLS; i++) {
  const start = performance.now();
  const res = await post(app, unthrottled, '/api/public/tips', tip(i));
  submitMs.push(performance.now() - start);
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${await res.text()}`);
  receipts.push(((await res.json()) as { receipt: string }).receipt);
}
const lookupMs: number[] = [];
for (let i = 0; i < CALLS; i++) {
  const start = performance.now();
  const res = await post(app, unthrottled, '/api/public/tips/lookup', {
    receipt: receipts[i % receipts.length],
  });
  lookupMs.push(performance.now() - start);
  if (res.status !== 200) throw new Error(`lookup: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}
const wrongMs: number[] = [];
for (let i = 0; i < CALLS; i++) {
  const start = performance.now();
  const res = await post(app, unthrottled, '/api/public/tips/lookup', { receipt: String(1e15 + i) });
  wrongMs.push(performance.now() - start);
  if (res.status !== 404) throw new Error(`wrong: ${res.status}`);
}

// 1,000 wrong receipts in a row from one client, with the default limits.
const throttledApp = createApp({ db: () => handle.db, rateLimiter: localLimiter() });
const defaults = env({});
const statuses = new Map<number, number>();
let firstRetryAfter = '';
const bruteStart = performance.now();
for (let i = 0; i < WRONG; i++) {
  const res = await post(
    throttledApp,
    defaults,
    '/api/public/tips/lookup',
    { receipt: String(2e15 + i * 7) },
    '203.0.113.9',
  );
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  if (res.status === 429 && !firstRetryAfter) firstRetryAfter = res.headers.get('Retry-After') ?? '';
  await res.arrayBuffer();
}
const bruteSeconds = (performance.now() - bruteStart) / 1000;
const owner = await post(
  throttledApp,
  defaults,
  '/api/public/tips/lookup',
  { receipt: receipts[0] },
  '198.51.100.77',
);

const s = summary(submitMs);
const l = summary(lookupMs);
const w = summary(wrongMs);
const body = `Run ${new Date().toISOString().slice(0, 10)} on ${db.kind}, ${TIPS.toLocaleString('en')} tips already
in the database, ${CALLS} calls each, one at a time, through the Hono app in-process (\`npm run bench:tipoffs\`).

| call | p50 | p95 | max |
| --- | --- | --- | --- |
| POST /api/public/tips (screen, number, HMAC, sign) | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} |
| POST /api/public/tips/lookup, right receipt (HMAC, index, view, re-sign) | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.max)} |
| POST /api/public/tips/lookup, wrong receipt (unthrottled) | ${ms(w.p50)} | ${ms(w.p95)} | ${ms(w.max)} |

${WRONG.toLocaleString('en')} wrong receipts in a row from one client network with the default limits:
${[...statuses.entries()].map(([code, n]) => `${n} × ${code}`).join(', ')}; the first 429 says Retry-After ${firstRetryAfter} s
(the next lockout lasts twice as long, up to a day); no 5xx; ${bruteSeconds.toFixed(1)} s for all of them.
The owner of a real receipt on another network meanwhile: ${owner.status}.
`;
console.log(body);
writeResultsSection(`Tip-off latency (${db.kind.startsWith('PostgreSQL') ? 'PostgreSQL' : 'PGlite'})`, body);
await handle.close();
await db.stop();
process.exit(0);
