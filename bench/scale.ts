// Scale: the main officer and resident reads at 10,000, 100,000 and 1,000,000 people on a real
// PostgreSQL — latency (p50/p99 through the HTTP app in-process) and the query plan of every
// statement each read runs, flagging a scan that reads 10,000 rows or more of a table that grows
// with the population.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:scale
//   BENCH_SCALES=10000,100000 …                      # other sizes
//   BENCH_KEEP=1 …                                   # keep the bench database afterwards
//   BENCH_DB_PREFIX=h2_bench …                       # name of the throw-away database (default bench_scale)
//
// It creates its own database next to DATABASE_URL's (<BENCH_DB_PREFIX>_<time>) and drops it at the end.
// Per 1,000,000 people: 200,000 certificate applications (a few hundred open at any time, as in an
// office that keeps its deadlines; the rest decided or drafts), 1,000 campaigns, and one
// 100,000-recipient campaign whose progress is read.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import { createApp } from '../api/app';
import { signInitData } from '../core/auth/init-data';
import type { ObjectStore } from '../core/files/object-store';
import { localLimiter } from '../core/rate-limit/limiter';
import type { Db } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { campaigns, townships, users } from '../db/schema';
import { seedDemoData } from '../db/seed';
import {
  LOCAL_BOT_TOKEN,
  LOCAL_CERT_SIGNING_KEY,
  LOCAL_CERT_SIGNING_KEY_ID,
  LOCAL_WEBHOOK_SECRET,
} from '../scripts/local-config';
import { writeResultsSection } from './results-file';
import { openThrowawayDatabase } from './throwaway-db';

const SCALES = (process.env.BENCH_SCALES ?? '10000,100000,1000000').split(',').map(Number);
const CALLS = 60;
const WARMUP = 5;
/** Tables whose size follows the population: a sequential scan of one of these is a finding. */
const GROWING = new Set([
  'users',
  'subscriptions',
  'certificate_applications',
  'certificates',
  'campaign_deliveries',
  'campaigns',
  'application_events',
]);
/**
 * A read that reads this many rows of a growing table in one scan (EXPLAIN ANALYZE: rows returned
 * plus rows filtered out, times loops) is a finding, whatever the node: a sequential scan that stops
 * at a LIMIT after 1,001 rows is not, a bitmap scan through 100,000 rows is.
 */
const ROWS_READ_FINDING = 10_000;
const REVIEWER = 900002;
const PUBLICITY = 900003;
const RESIDENT = 900101;

function memoryStore(): ObjectStore {
  const objects = new Map<string, Uint8Array>();
  return {
    async put(key, value) {
      objects.set(key, typeof value === 'string' ? new TextEncoder().encode(value) : new Uint8Array(value));
    },
    async get(key) {
      const b = objects.get(key);
      return b
        ? {
            size: b.byteLength,
            arrayBuffer: async () => b.slice().buffer as ArrayBuffer,
            text: async () => new TextDecoder().decode(b),
          }
        : null;
    },
    async delete(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) objects.delete(k);
    },
    async list() {
      return { objects: [], truncated: false };
    },
  };
}

async function grow(
  db: Db,
  people: number,
  villageIds: number[],
  campaignId: string,
  townshipId: number,
): Promise<void> {
  const [{ n: have } = { n: 0 }] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from users where telegram_id >= 3000000000`,
  );
  const ids = `array[${villageIds.join(',')}]`;
  const CHUNK = 100_000;
  for (let from = have; from < people; from += CHUNK) {
    const to = Math.min(people, from + CHUNK) - 1;
    // People, set-based: in production a row trigger subscribes each new person to every topic and
    // another counts each subscription into its audience cell (one upsert per subscription, the
    // cause of a 100,000-person chunk taking minutes). Here the triggers are off for the insert and
    // the same two effects are applied in bulk in the same transaction; the check after the loop
    // holds the cells equal to a fresh count.
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(
        sql.raw(`insert into users (telegram_id, display_name, language, village_id, population_status)
        select 3000000000 + g, 'P' || g, (array['zh-CN','zh-CN','zh-TW','en'])[1 + g % 4],
               (${ids})[1 + g % ${villageIds.length}], (array['resident','resident','moved_away','newcomer'])[1 + g % 4]
        from generate_series(${from}, ${to}) g`),
      );
      await tx.execute(
        sql.raw(`insert into subscriptions (user_id, topic)
        select u.id, t.code from users u cross join topics t
        where u.telegram_id between 3000000000 + ${from} and 3000000000 + ${to}`),
      );
      await tx.execute(
        sql.raw(`insert into audience_counts as c (topic, village_id, language, population_status, n)
        select s.topic, coalesce(u.village_id, 0), u.language, u.population_status, count(*)::int
        from users u join subscriptions s on s.user_id = u.id
        where u.telegram_id between 3000000000 + ${from} and 3000000000 + ${to} and u.broadcast_blocked_at is null
        group by 1, 2, 3, 4
        on conflict (topic, village_id, language, population_status) do update set n = c.n + excluded.n`),
      );
    });
    // Fresh statistics before joining the new people (stale ones make the planner loop over them).
    await db.execute(sql`analyze users`);
    // Applications: one person in five has one; 1 in 1,000 is open (submitted / in review), 1 in 50
    // returned, 1 in 20 a draft, the rest decided long ago (issued, some rejected).
    await db.execute(
      sql.raw(`insert into certificate_applications
        (applicant_user_id, village_id, status, form, submitted_at, deadline_at, decided_at, submission_count)
      select u.id, u.village_id,
        case when g % 1000 = 0 then 'submitted' when g % 1000 = 5 then 'in_review'
             when g % 50 = 1 then 'returned' when g % 20 = 2 then 'draft'
             when g % 10 = 3 then 'rejected' else 'issued' end,
        jsonb_build_object('applicant', jsonb_build_object('name', u.display_name)),
        now() - (g % 700) * interval '1 hour', now() + (g % 97) * interval '1 hour',
        case when g % 1000 in (0, 5) or g % 50 = 1 or g % 20 = 2 then null
             else now() - (g % 9000) * interval '1 hour' end,
        1
      from generate_series(${from}, ${to}) g
      join users u on u.telegram_id = 3000000000 + g
      where g % 5 = 0`),
    );
    await db.execute(sql`analyze certificate_applications`);
    // Their certificates (1 in 100 revoked): the queue and the dashboard join them.
    await db.execute(
      sql.raw(`insert into certificates
        (application_id, holder_user_id, village_id, township_id, serial, year, seq, data, issued_at,
         valid_until, issued_by, key_id, check_code, payload, status, revoked_at)
      select a.id, a.applicant_user_id, a.village_id, ${townshipId}, 'SCALE-' || g, 2026, g, '{}'::jsonb,
        a.decided_at, date '2029-12-31', (select id from users where telegram_id = ${REVIEWER}), 'dev-1',
        upper(lpad(to_hex(g), 8, '0')), 'payload', case when g % 100 = 0 then 'revoked' else 'valid' end,
        case when g % 100 = 0 then a.decided_at + interval '1 day' end
      from generate_series(${from}, ${to}) g
      join users u on u.telegram_id = 3000000000 + g
      join certificate_applications a on a.applicant_user_id = u.id and a.status = 'issued'
      where g % 5 = 0`),
    );
    // Campaigns: one per 1,000 people, all sent.
    await db.execute(
      sql.raw(`insert into campaigns (title, topic, status, audience, created_by, approved_by, approved_at, created_at, updated_at)
      select 'bench ' || g, 'pre_pregnancy_checkup', 'sent', '{"villageIds":[],"languages":[],"statuses":[]}'::jsonb,
        (select id from users where telegram_id = ${PUBLICITY}), (select id from users where telegram_id = 900007),
        now() - g * interval '1 minute', now() - g * interval '1 minute', now() - g * interval '1 minute'
      from generate_series(${from}, ${to}) g where g % 1000 = 0`),
    );
    // The big campaign's deliveries: one person in ten.
    await db.execute(
      sql.raw(`insert into campaign_deliveries (campaign_id, user_id, chat_id, language, village_id, status, sent_at, attempts)
      select '${campaignId}', u.id, u.telegram_id, u.language, u.village_id,
        (array['sent','sent','sent','sent','sent','sent','sent','failed','blocked','pending'])[1 + (g / 10) % 10],
        case when (g / 10) % 10 < 7 then now() - (g % 3600) * interval '1 second' end, 1
      from generate_series(${from}, ${to}) g
      join users u on u.telegram_id = 3000000000 + g
      where g % 10 = 0`),
    );
  }
  // What autovacuum does to a table soon after a bulk load in production: statistics, and the
  // visibility map that lets an index-only scan skip the table (without it, every "index-only" count
  // reads the heap and the figures describe the minutes after a load, not the office's steady state).
  await db.execute(sql`vacuum (analyze)`);
  const [drift] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from (
      select s.topic, coalesce(u.village_id, 0) as village_id, u.language, u.population_status, count(*)::int as n
      from users u join subscriptions s on s.user_id = u.id where u.broadcast_blocked_at is null group by 1, 2, 3, 4
    ) fresh full join (select * from audience_counts where n <> 0) c using (topic, village_id, language, population_status)
    where fresh.n is distinct from c.n`);
  if (drift!.n !== 0)
    throw new Error(`bulk seeding left ${drift!.n} audience cells unequal to a fresh count`);
  // Applications, certificates and deliveries were inserted with their triggers on: the dashboard's
  // and the progress bar's counters must equal a fresh count too.
  const [counters] = await db.execute<{ applications: number; deliveries: number }>(sql`
    select (select count(*)::int from (
      select coalesce(village_id, 0) as village_id, status, count(*)::int as n from certificate_applications
      where status <> 'draft' group by 1, 2
      union all
      select coalesce(a.village_id, 0), 'revoked', count(*)::int from certificates r
      join certificate_applications a on a.id = r.application_id where r.status = 'revoked' and a.status <> 'draft' group by 1
    ) fresh full join (select * from application_status_counts where n <> 0) c using (village_id, status)
    where fresh.n is distinct from c.n) as applications,
    (select count(*)::int from (
      select campaign_id, status, coalesce(error_code, '') as error_code, count(*)::int as n from campaign_deliveries group by 1, 2, 3
    ) fresh full join (
      select campaign_id, status, error_code, sum(n)::int as n from campaign_delivery_counts group by 1, 2, 3 having sum(n) <> 0
    ) c using (campaign_id, status, error_code) where fresh.n is distinct from c.n) as deliveries`);
  const [weeks] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from (
      select coalesce(village_id, 0) as village_id, application_week(submitted_at) as week, 'submitted' as kind, count(*)::int as n
      from certificate_applications where status <> 'draft' and submitted_at is not null group by 1, 2
      union all
      select coalesce(village_id, 0), application_week(decided_at), 'decided', count(*)::int
      from certificate_applications where status <> 'draft' and decided_at is not null group by 1, 2
    ) fresh full join (select * from application_week_counts where n <> 0) c using (village_id, week, kind)
    where fresh.n is distinct from c.n`);
  if (counters!.applications !== 0 || counters!.deliveries !== 0 || weeks!.n !== 0)
    throw new Error(
      `bulk seeding left counters unequal to a fresh count: ${JSON.stringify({ ...counters, weeks: weeks!.n })}`,
    );
}

interface Read {
  name: string;
  as: number;
  path: (ctx: { campaignId: string; villageIds: number[] }) => string;
}

const READS: Read[] = [
  { name: 'review queue (open, by deadline)', as: REVIEWER, path: () => '/api/review/applications' },
  {
    name: 'review queue (decided)',
    as: REVIEWER,
    path: () => '/api/review/applications?view=decided',
  },
  { name: 'review dashboard', as: REVIEWER, path: () => '/api/review/dashboard' },
  {
    name: 'audience count (one village)',
    as: PUBLICITY,
    path: ({ villageIds }) =>
      `/api/campaigns/audience/count?topic=pre_pregnancy_checkup&villageIds=${villageIds[0]}`,
  },
  {
    name: 'audience count (whole township)',
    as: PUBLICITY,
    path: () => '/api/campaigns/audience/count?topic=pre_pregnancy_checkup',
  },
  { name: 'campaign list', as: PUBLICITY, path: () => '/api/campaigns' },
  {
    name: 'campaign progress (100k-recipient campaign at 1M)',
    as: PUBLICITY,
    path: ({ campaignId }) => `/api/campaigns/${campaignId}/progress`,
  },
  { name: '/api/me (resident)', as: RESIDENT, path: () => '/api/me' },
  { name: 'own applications (resident)', as: RESIDENT, path: () => '/api/certificates/applications' },
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function scansOf(plan: unknown, out: { node: string; table: string; read: number }[] = []) {
  if (plan && typeof plan === 'object') {
    const p = plan as Record<string, unknown>;
    const n = (key: string) => Number(p[key] ?? 0);
    if (typeof p['Node Type'] === 'string' && typeof p['Relation Name'] === 'string')
      out.push({
        node: p['Node Type'] as string,
        table: p['Relation Name'] as string,
        read:
          (n('Actual Rows') + n('Rows Removed by Filter') + n('Rows Removed by Index Recheck')) *
          Math.max(1, n('Actual Loops')),
      });
    for (const child of (p.Plans as unknown[]) ?? []) scansOf(child, out);
    if (p.Plan) scansOf(p.Plan, out);
  }
  return out;
}

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL?.trim();
  if (!base) {
    console.error(
      'bench:scale needs a real PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)',
    );
    process.exit(2);
  }
  const prefix = process.env.BENCH_DB_PREFIX?.trim() || 'bench_scale';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix))
    throw new Error('BENCH_DB_PREFIX: lower-case letters, digits, _');
  const name = `${prefix}_${Date.now()}`;
  const bench = await openThrowawayDatabase(base, name, { max: 4 });
  const { handle, raw } = bench;
  const { url } = bench;
  const rows: string[] = [];
  const findings: string[] = [];
  const plans: string[] = [];
  /** Per read, the scans of its statements at each scale (to say which plans change with size). */
  const scansByRead = new Map<string, Map<number, string>>();
  const loads: string[] = [];
  try {
    await migrateDatabase(url.toString());
    await seedDemoData(handle.db);
    const db = handle.db;
    const [township] = await db.select().from(townships).where(eq(townships.code, 'demo'));
    const existing = await db.execute<{ id: number }>(sql`select id from villages`);
    const created = await db.execute<{ id: number }>(
      sql.raw(`insert into villages (township_id, code, name)
        select ${township!.id}, 'scale' || g, '规模村' || g from generate_series(1, 40) g returning id`),
    );
    const villageIds = [...existing, ...created].map((v) => Number(v.id));
    const [publicity] = await db.select().from(users).where(eq(users.telegramId, PUBLICITY));
    const [big] = await db
      .insert(campaigns)
      .values({
        title: 'bench progress',
        topic: 'pre_pregnancy_checkup',
        status: 'sending',
        audience: { villageIds: [], languages: [], statuses: [] },
        createdBy: publicity!.id,
        startedAt: new Date(),
      })
      .returning();
    const campaignId = big!.id;
    const env: Record<string, unknown> = {
      APP_ENV: 'test',
      DATABASE_URL: url.toString(),
      TELEGRAM_BOT_TOKEN: LOCAL_BOT_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
      TELEGRAM_BOT_USERNAME: 'township_dev_bot',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
      CERT_SIGNING_KEY: LOCAL_CERT_SIGNING_KEY,
      CERT_SIGNING_KEY_ID: LOCAL_CERT_SIGNING_KEY_ID,
      PUBLIC_URL: 'https://township.example',
      FILES: memoryStore(),
      JOBS: { send: async () => {}, sendBatch: async () => {} },
      RATE_LIMIT_COSTLY_PER_MINUTE: '1000000',
    };
    const app = createApp({ db: () => db, rateLimiter: localLimiter() });
    const auth = new Map<number, string>();
    for (const who of [REVIEWER, PUBLICITY, RESIDENT]) {
      const initData = await signInitData({
        user: { id: who, first_name: 'bench' },
        botToken: LOCAL_BOT_TOKEN,
        authDate: new Date(),
      });
      auth.set(who, `tma ${initData}`);
    }
    const call = async (read: Read) => {
      const res = await app.request(
        read.path({ campaignId, villageIds }),
        { headers: { Authorization: auth.get(read.as)! } },
        env,
      );
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${read.name}: ${res.status}`);
    };

    for (const scale of SCALES) {
      const t0 = performance.now();
      await grow(db, scale, villageIds, campaignId, township!.id);
      const seeded = ((performance.now() - t0) / 1000).toFixed(0);
      const [counts] = await db.execute<{ people: number; applications: number; deliveries: number }>(sql`
        select (select count(*) from users)::int as people,
               (select count(*) from certificate_applications)::int as applications,
               (select count(*) from campaign_deliveries)::int as deliveries`);
      console.log(
        `scale ${scale.toLocaleString('en')}: ${counts!.people} people, ${counts!.applications} applications, ${counts!.deliveries} deliveries (grown in ${seeded} s)`,
      );
      const loadBefore = loadavg()[0]!;
      for (const read of READS) {
        for (let i = 0; i < WARMUP; i++) await call(read);
        const times: number[] = [];
        for (let i = 0; i < CALLS; i++) {
          const s = performance.now();
          await call(read);
          times.push(performance.now() - s);
        }
        times.sort((a, b) => a - b);
        const captured = await bench.capture(() => call(read));
        const scans: string[] = [];
        for (const q of captured) {
          if (!/^\s*(select|with)/i.test(q.query)) continue;
          const [explained] = await raw.unsafe(
            `explain (analyze, format json) ${q.query}`,
            q.params as never[],
          );
          const plan = (explained as Record<string, unknown>)['QUERY PLAN'];
          for (const s of scansOf(Array.isArray(plan) ? plan[0] : plan)) {
            scans.push(`${s.node} on ${s.table}`);
            if (GROWING.has(s.table) && s.read >= ROWS_READ_FINDING)
              findings.push(
                `${scale.toLocaleString('en')} · ${read.name}: ${s.node} on ${s.table} read ${s.read.toLocaleString('en')} rows`,
              );
          }
        }
        const byScale = scansByRead.get(read.name) ?? new Map<number, string>();
        byScale.set(scale, [...new Set(scans)].join(', ') || '(no table scanned)');
        scansByRead.set(read.name, byScale);
        rows.push(
          `| ${scale.toLocaleString('en')} | ${read.name} | ${percentile(times, 50).toFixed(1)} ms | ${percentile(times, 99).toFixed(1)} ms | ${loadavg()[0]!.toFixed(1)} |`,
        );
        console.log(rows.at(-1));
      }
      loads.push(
        `${scale.toLocaleString('en')}: ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} (grown in ${seeded} s)`,
      );
    }
    for (const [readName, byScale] of scansByRead) {
      const last = byScale.get(SCALES.at(-1)!)!;
      const earlier = [...byScale].filter(([scale, scans]) => scale !== SCALES.at(-1) && scans !== last);
      plans.push(
        `- **${readName}**: ${last}${earlier.map(([scale, scans]) => ` (at ${scale.toLocaleString('en')}: ${scans})`).join('')}`,
      );
    }
  } finally {
    await bench.close();
  }

  const body = [
    `Run ${new Date().toISOString().slice(0, 10)} on PostgreSQL (${SCALES.map((s) => s.toLocaleString('en')).join(' → ')} people), ${CALLS} calls per read after ${WARMUP} warm-up calls, through the HTTP app in-process (auth, validation, JSON included), one call at a time.`,
    '',
    `The machine (${cpus().length} cores) was shared with other work: the load column is the 1-minute load average when the read's calls ended; per scale, before → after its reads: ${loads.join('; ')}.`,
    '',
    '| people | read | p50 | p99 | load |',
    '| ---: | --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `Tables scanned by each read at ${SCALES.at(-1)!.toLocaleString('en')} people (EXPLAIN of every statement the read ran; in brackets, a smaller scale where the plan differed):`,
    '',
    ...plans,
    '',
    findings.length
      ? `Scans of growing tables that read ${ROWS_READ_FINDING.toLocaleString('en')} rows or more (EXPLAIN ANALYZE): ${findings.join('; ')}.`
      : `No read reads ${ROWS_READ_FINDING.toLocaleString('en')} rows or more of a table that grows with the population in one scan (EXPLAIN ANALYZE).`,
  ].join('\n');
  writeResultsSection('Scale: officer and resident reads from 10,000 to 1,000,000 people', body);
  console.log(`\n${body}`);
}

await main();
