// `npm run bench:certificates`: request latency of the certificate API with 10,000 applications in
// the database — submitting an application (validation, documents check, deadline, history event,
// notification job) and a reviewer listing the queue. Runs the real Hono app in-process through
// app.request() (auth HMAC, zod, use case, SQL) against a fresh database: embedded PGlite, or a new
// database on the PostgreSQL server in DATABASE_URL.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createApp } from '../api/app';
import { signInitData } from '../core/auth/init-data';
import type { TJob } from '../core/notifications/jobs';
import { createDb } from '../db/client';
import { startEmbeddedPostgres } from '../db/embedded-server';
import { migrateDatabase } from '../db/migrate';
import { seedDemoData } from '../db/seed';
import {
  LOCAL_BOT_TOKEN,
  LOCAL_CERT_SIGNING_KEY,
  LOCAL_CERT_SIGNING_KEY_ID,
  LOCAL_WEBHOOK_SECRET,
} from '../scripts/local-config';
import { validForm } from '../test/fixtures/certificates';
import { writeResultsSection } from './results-file';

const APPLICATIONS = 10_000;
const SUBMITS = 300;
const LISTINGS = 300;
const REVIEWER = 900002; // 王审核: two villages
const ADMIN = 900001; // whole township

async function database(): Promise<{ url: string; kind: string; stop(): Promise<void> }> {
  const server = process.env.DATABASE_URL?.trim();
  if (!server) {
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, kind: 'embedded PGlite (in memory)', stop: () => embedded.stop() };
  }
  const name = `bench_${Date.now()}`;
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1)! };
}

const db = await database();
await migrateDatabase(db.url);
const handle = createDb(db.url, { max: 1 });
await seedDemoData(handle.db);

// 10,000 applicants with one application each, spread over the five villages and every status.
const form = JSON.stringify(validForm());
const seedStart = performance.now();
await handle.db.execute(sql`
  insert into users (telegram_id, display_name, language, village_id, population_status)
  select 700000000 + g, 'bench ' || g, 'zh-CN', (select id from villages order by id offset (g % 5) limit 1), 'moved_away'
  from generate_series(1, ${APPLICATIONS + SUBMITS}) g`);
await handle.db.execute(sql`
  insert into certificate_applications (applicant_user_id, village_id, status, form, version, submission_count,
    submitted_at, deadline_at, decided_at, created_at, updated_at)
  select u.id, u.village_id,
    (array['submitted','in_review','returned','issued','rejected','draft'])[1 + (u.telegram_id % 6)],
    ${form}::jsonb, 3, 1,
    now() - (u.telegram_id % 30) * interval '1 day',
    now() - (u.telegram_id % 30) * interval '1 day' + interval '5 days',
    case when u.telegram_id % 6 in (3, 4) then now() - (u.telegram_id % 20) * interval '1 day' end,
    now() - interval '40 days', now()
  from users u where u.telegram_id between 700000001 and ${700_000_000 + APPLICATIONS}`);
// The submitters: a draft each with the three documents already uploaded.
await handle.db.execute(sql`
  insert into certificate_applications (applicant_user_id, village_id, status, form, version)
  select u.id, u.village_id, 'draft', ${form}::jsonb, 1
  from users u where u.telegram_id > ${700_000_000 + APPLICATIONS} and u.telegram_id <= ${700_000_000 + APPLICATIONS + SUBMITS}`);
await handle.db.execute(sql`
  with drafts as (
    select a.id as application_id, a.applicant_user_id, k.kind
    from certificate_applications a cross join unnest(array['id_card','hukou_page','marriage_certificate']) as k(kind)
    where a.status = 'draft' and a.applicant_user_id in (select id from users where telegram_id > ${700_000_000 + APPLICATIONS})
  ), files as (
    insert into stored_files (object_key, owner_user_id, content_type, size_bytes, sha256, purpose)
    select 'bench/' || application_id || '/' || kind, applicant_user_id, 'image/jpeg', 1000, repeat('0', 64), 'certificate_document'
    from drafts returning id, object_key
  )
  insert into application_documents (application_id, kind, file_id, source)
  select d.application_id, d.kind, f.id, 'mini_app' from drafts d
  join files f on f.object_key = 'bench/' || d.application_id || '/' || d.kind`);
await handle.db.execute(sql`analyze`);
const seedSeconds = (performance.now() - seedStart) / 1000;

const jobs: TJob[] = [];
const env = {
  APP_ENV: 'test',
  DATABASE_URL: db.url,
  TELEGRAM_BOT_TOKEN: LOCAL_BOT_TOKEN,
  TELEGRAM_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
  TELEGRAM_BOT_USERNAME: 'township_dev_bot',
  CERT_SIGNING_KEY: LOCAL_CERT_SIGNING_KEY,
  CERT_SIGNING_KEY_ID: LOCAL_CERT_SIGNING_KEY_ID,
  FILES: { put: async () => ({}), get: async () => null, delete: async () => {} },
  JOBS: { send: async (j: TJob) => void jobs.push(j), sendBatch: async () => {} },
};
const app = createApp({ db: () => handle.db });
const auth = async (telegramId: number) =>
  `tma ${await signInitData({ user: { id: telegramId, first_name: 'bench' }, botToken: LOCAL_BOT_TOKEN, authDate: new Date() })}`;

const drafts = (await handle.db.execute<{ id: string; telegram_id: string }>(sql`
  select a.id, u.telegram_id from certificate_applications a join users u on u.id = a.applicant_user_id
  where a.status = 'draft' and u.telegram_id > ${700_000_000 + APPLICATIONS}`)) as unknown as {
  id: string;
  telegram_id: string;
}[];

async function time(request: () => Response | Promise<Response>, expected: number): Promise<number> {
  const start = performance.now();
  const res = await request();
  const ms = performance.now() - start;
  if (res.status !== expected)
    throw new Error(`expected ${expected}, got ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
  return ms;
}

// Warm-up: first requests compile code paths and fill caches; not measured.
const reviewerAuth = await auth(REVIEWER);
const adminAuth = await auth(ADMIN);
for (let i = 0; i < 20; i++) {
  await app.request('/api/review/applications', { headers: { Authorization: reviewerAuth } }, env);
}

const submit: number[] = [];
for (const d of drafts.slice(0, SUBMITS)) {
  const header = await auth(Number(d.telegram_id));
  submit.push(
    await time(
      () =>
        app.request(
          `/api/certificates/applications/${d.id}/submit`,
          { method: 'POST', headers: { Authorization: header } },
          env,
        ),
      200,
    ),
  );
}
const queueReviewer: number[] = [];
const queueAdmin: number[] = [];
const queueOverdue: number[] = [];
for (let i = 0; i < LISTINGS; i++) {
  queueReviewer.push(
    await time(
      () => app.request('/api/review/applications', { headers: { Authorization: reviewerAuth } }, env),
      200,
    ),
  );
  queueAdmin.push(
    await time(
      () => app.request('/api/review/applications', { headers: { Authorization: adminAuth } }, env),
      200,
    ),
  );
  queueOverdue.push(
    await time(
      () =>
        app.request(
          '/api/review/applications?overdue=true&view=open',
          { headers: { Authorization: adminAuth } },
          env,
        ),
      200,
    ),
  );
}
const [{ n } = { n: 0 }] = (await handle.db.execute<{ n: number }>(
  sql`select count(*)::int as n from certificate_applications`,
)) as unknown as { n: number }[];

const rows = [
  ['submit an application (POST …/submit)', summary(submit), SUBMITS],
  ['queue, reviewer of 2 villages (first page of 50)', summary(queueReviewer), LISTINGS],
  ['queue, township-wide (first page of 50)', summary(queueAdmin), LISTINGS],
  ['queue, overdue only, township-wide', summary(queueOverdue), LISTINGS],
] as const;
const table = [
  '| request | p50 ms | p95 ms | max ms | samples |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...rows.map(
    ([name, s, count]) =>
      `| ${name} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(1)} | ${count} |`,
  ),
].join('\n');
console.log(`${db.kind}: ${n} applications (seeded in ${seedSeconds.toFixed(1)} s)\n${table}`);

writeResultsSection(
  `Certificate API latency (${db.kind.startsWith('PostgreSQL') ? 'PostgreSQL' : 'PGlite'})`,
  `Measured ${new Date().toISOString().slice(0, 10)} with \`${process.env.DATABASE_URL ? 'DATABASE_URL=postgres://postgres@127.0.0.1:5432/test ' : ''}npm run bench:certificates\` on the 2-core machine.
${db.kind}, ${n} applications in the table (all statuses, five villages). The real Hono app in-process
(\`app.request()\`: init-data HMAC, zod, use case, SQL); one pooled connection; sequential requests after 20 warm-up requests.

${table}`,
);
await handle.close();
await db.stop();
