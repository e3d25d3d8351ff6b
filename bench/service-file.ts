// `npm run bench:service-file`: the service file at township scale — 50,000 people who moved away
// (400,000 items) on PostgreSQL (a fresh database on the server in DATABASE_URL, else embedded PGlite):
// latency and memory of the completeness dashboard (every village, and one village) and of the
// reminder planner's run on a day when a 1/60 share of items enters a reminder stage.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Actor } from '../core/auth/actor';
import type { CoreConfig } from '../core/config';
import type { CoreDeps } from '../core/deps';
import { cryptoIds, fixedClock } from '../core/runtime';
import { getCompleteness } from '../core/service-file/get-completeness';
import { planReminders } from '../core/service-file/plan-reminders';
import { DEFAULT_SERVICE_FILE_SETTINGS } from '../core/service-file/service-file-schema';
import { createDb } from '../db/client';
import { startEmbeddedPostgres } from '../db/embedded-server';
import { migrateDatabase } from '../db/migrate';
import { seedDemoData } from '../db/seed';
import { writeResultsSection } from './results-file';

const PEOPLE = 50_000;
const RUNS = 20;

async function database(): Promise<{ url: string; kind: string; stop(): Promise<void> }> {
  const server = process.env.DATABASE_URL?.trim();
  if (!server) {
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, kind: 'embedded PGlite (in memory)', stop: () => embedded.stop() };
  }
  const name = `bench_sf_${Date.now()}`;
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

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: q(0.5).toFixed(1), p95: q(0.95).toFixed(1), max: s.at(-1)!.toFixed(1) };
}

async function main() {
  const target = await database();
  const handle = createDb(target.url, { max: 4 });
  const db = handle.db;
  try {
    await migrateDatabase(target.url);
    await seedDemoData(db);
    const clock = fixedClock('2026-11-30T02:00:00Z');
    const t0 = performance.now();
    // 50,000 people spread over the villages, each with a file and eight items whose due dates are
    // spread over a year around today (a realistic mix of met, due, overdue and returned items).
    await db.execute(sql`
      insert into users (telegram_id, display_name, village_id, population_status)
      select 700000000 + g, 'bench ' || g, (select id from villages order by id offset (g % (select count(*) from villages)) limit 1), 'moved_away'
      from generate_series(1, ${PEOPLE}) g`);
    await db.execute(sql`
      insert into service_files (user_id, village_id, departed_at, created_at, updated_at)
      select id, village_id, now() - interval '200 days', now(), now() from users where display_name like 'bench %'`);
    await db.execute(sql`
      insert into service_items (file_id, user_id, village_id, kind, status, due_on, next_remind_on, last_met_on, updated_at)
      select f.id, f.user_id, f.village_id, k.kind,
        (array['not_started','verified','verified','submitted','returned','due_again'])[1 + (abs(hashtext(f.id::text || k.kind)) % 6)],
        d.due, d.due - 14, case when abs(hashtext(k.kind || f.id::text)) % 2 = 0 then date '2026-01-01' end, now()
      from service_files f
      cross join unnest(array['training','health_checkup','certificate','service_agreement','contact_details','residence_proof','personal_file','livelihood']) as k(kind)
      cross join lateral (select date '2026-11-30' + ((abs(hashtext(f.id::text || k.kind || 'd')) % 365) - 180) as due) d`);
    await db.execute(sql`analyze`);
    const loadMs = performance.now() - t0;
    const [{ n } = { n: 0 }] = (await db.execute(
      sql`select count(*)::int as n from service_items`,
    )) as unknown as {
      n: number;
    }[];
    const deps = {
      db,
      clock,
      ids: cryptoIds,
      requestId: 'bench',
      config: { serviceFile: DEFAULT_SERVICE_FILE_SETTINGS } as CoreConfig,
      files: null as never,
      jobs: { send: async () => {}, sendBatch: async () => {} },
      broadcast: { send: async () => {}, sendBatch: async () => {} },
    } satisfies CoreDeps;
    const [adminRow] = (await db.execute(
      sql`select id from users where telegram_id = 900001`,
    )) as unknown as { id: string }[];
    const actor: Actor = {
      userId: adminRow!.id,
      telegramId: 900001,
      villageId: null,
      roles: [{ role: 'admin', villageIds: null }],
    };
    const [one] = (await db.execute(sql`select id from villages order by id limit 1`)) as unknown as {
      id: number;
    }[];

    const measure = async (fn: () => Promise<unknown>, runs: number) => {
      const times: number[] = [];
      let peak = 0;
      for (let i = 0; i < runs; i++) {
        global.gc?.();
        const before = process.memoryUsage().heapUsed;
        const s = performance.now();
        await fn();
        times.push(performance.now() - s);
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
      return { ...stats(times), heapMb: (peak / 1048576).toFixed(1) };
    };
    const all = await measure(() => getCompleteness({ deps, actor, query: {} }), RUNS);
    const village = await measure(
      () => getCompleteness({ deps, actor, query: { villageId: one!.id } }),
      RUNS,
    );
    // The planner: the first run of the day takes up every item whose stage began (the backlog of a
    // fresh register); then each following day only the items entering a stage that day.
    const first = await measure(() => planReminders({ deps, maxChunks: 1000 }), 1);
    const [{ r } = { r: 0 }] = (await db.execute(
      sql`select count(*)::int as r from service_reminders`,
    )) as unknown as { r: number }[];
    const days: number[] = [];
    for (let d = 1; d <= 7; d++) {
      clock.set(new Date(Date.parse('2026-11-30T02:00:00Z') + d * 86_400_000));
      const s = performance.now();
      await planReminders({ deps, maxChunks: 1000 });
      days.push(performance.now() - s);
    }
    const daily = stats(days);
    const body = `Run ${new Date().toISOString().slice(0, 10)} on ${target.kind}; ${PEOPLE.toLocaleString('en')} people, ${n.toLocaleString('en')} items (load ${(loadMs / 1000).toFixed(1)} s).

| operation | p50 ms | p95 ms | max ms | heap Δ MB |
| --- | --- | --- | --- | --- |
| completeness, whole township (${RUNS} runs) | ${all.p50} | ${all.p95} | ${all.max} | ${all.heapMb} |
| completeness, one village (${RUNS} runs) | ${village.p50} | ${village.p95} | ${village.max} | ${village.heapMb} |
| reminder planner, first run (backlog → ${r.toLocaleString('en')} reminders) | ${first.p50} | ${first.p95} | ${first.max} | ${first.heapMb} |
| reminder planner, each following day (7 days) | ${daily.p50} | ${daily.p95} | ${daily.max} | — |

What keeps them flat: completeness is two grouped scans over \`service_items_village_kind_idx\`
(village, kind, status, due_on); the planner reads only items whose next stage has begun
(\`next_remind_on\`, partial index \`service_items_remind_idx\`) in batches of 2,000 and writes each
batch's stage keys in one \`update … from unnest(…)\`, so a day's run costs the items entering a stage
that day, not the register.`;
    writeResultsSection('Service file (八个一) at 50,000 people', body);
    console.log(body);
  } finally {
    await handle.close();
    await target.stop();
  }
}

await main();
