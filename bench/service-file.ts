// `DATABASE_URL=postgres://… npm run bench:service-file`: the service file (八个一) at township scale on
// a real PostgreSQL — 5,000 and 50,000 people who moved away (40,000 and 400,000 items), each in its
// own throw-away database next to DATABASE_URL's (bench_sf_<time>, dropped at the end). Measures:
// - the completeness dashboard (getCompleteness, in-process) read from its snapshot: whole township and
//   one village, p50/p99; and the snapshot's refresh (refreshCompleteness, the cron's run) separately;
// - one reminder planner run on a fresh register (every begun stage at once: the worst backlog) and
//   the daily runs after it (items entering a stage that day): duration and peak memory;
// - one send-due run (sendDueReminders: claims 100 due reminders, renders and sends them through the
//   governor path) with a no-op sender (no Telegram: answers "sent" at once) and a governor at
//   100,000 messages/s, so the figure is the database and rendering cost, not Telegram's pace;
// and prints the EXPLAIN of every statement these run, flagging sequential scans of growing tables.
//   BENCH_SCALES=5000,50000 (default) · BENCH_KEEP=1 keeps the databases.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Actor } from '../core/auth/actor';
import type { CampaignMessage } from '../core/campaigns/campaign-message';
import { localGovernor } from '../core/campaigns/governor';
import { type CoreConfig, DEFAULT_TIPOFF_SETTINGS } from '../core/config';
import type { CoreDeps } from '../core/deps';
import { cryptoIds, fixedClock } from '../core/runtime';
import { getCompleteness } from '../core/service-file/get-completeness';
import { planReminders } from '../core/service-file/plan-reminders';
import { refreshCompleteness } from '../core/service-file/refresh-completeness';
import { sendDueReminders } from '../core/service-file/send-due-reminders';
import { DEFAULT_SERVICE_FILE_SETTINGS } from '../core/service-file/service-file-schema';
import { migrateDatabase } from '../db/migrate';
import { seedDemoData } from '../db/seed';
import { writeResultsSection } from './results-file';
import { openThrowawayDatabase } from './throwaway-db';

const SCALES = (process.env.BENCH_SCALES ?? '5000,50000').split(',').map(Number);
const READS = 30;
const WARMUP = 5;
const SEND_RUNS = 10;
const REFRESH_RUNS = 5;
const EXTRA_VILLAGES = 20;
/** Tables whose size follows the population: a sequential scan of one of these is a finding. */
const GROWING = new Set([
  'users',
  'service_files',
  'service_items',
  'service_reminders',
  'service_submissions',
  'service_item_events',
]);
const START = Date.parse('2026-11-30T02:00:00Z'); // Monday 10:00 in Beijing

const fullGc = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();
const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs `fn` once, sampling the heap every 2 ms: duration and the peak heap above the level before. */
async function watched<T>(fn: () => Promise<T>): Promise<{ ms: number; peakMb: string; result: T }> {
  fullGc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 2);
  const s = performance.now();
  const result = await fn();
  const ms = performance.now() - s;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { ms, peakMb: mb(peak - base), result };
}

function scansOf(plan: unknown, out: string[] = []): string[] {
  if (plan && typeof plan === 'object') {
    const p = plan as Record<string, unknown>;
    if (typeof p['Relation Name'] === 'string')
      out.push(`${p['Node Type']} on ${p['Relation Name']}${p['Index Name'] ? ` (${p['Index Name']})` : ''}`);
    for (const child of (p.Plans as unknown[]) ?? []) scansOf(child, out);
    if (p.Plan) scansOf(p.Plan, out);
  }
  return out;
}

interface ScaleResult {
  people: number;
  items: number;
  reminders: number;
  seedS: string;
  township: { p50: number; p99: number; peakMb: string };
  village: { p50: number; p99: number; peakMb: string; people: number };
  refresh: { p50: number; max: number; peakMb: string; villages: number };
  backlog: { ms: number; peakMb: string; items: number; planned: number };
  daily: { p50: number; max: number; peakMb: string; items: number };
  send: { p50: number; max: number; peakMb: string; sent: number };
  plans: { name: string; statement: string; scans: string[]; text: string }[];
}

async function runScale(base: string, people: number): Promise<ScaleResult> {
  const name = `bench_sf_${people}_${Date.now()}`;
  const bench = await openThrowawayDatabase(base, name, { max: 4 });
  const { handle, raw } = bench;
  const { url } = bench;
  try {
    await migrateDatabase(url.toString());
    const db = handle.db;
    await seedDemoData(db);
    const t0 = performance.now();
    await db.execute(sql`
      insert into villages (township_id, code, name)
      select (select id from townships limit 1), 'sf' || g, '服务村' || g from generate_series(1, ${EXTRA_VILLAGES}) g`);
    // People spread evenly over the villages, in the four languages, each with a file of eight items
    // whose due dates spread over a year around today: a mix of met, due, overdue, submitted and
    // returned items; the reminder state as the app leaves it (next stage = 14 days before the due
    // date, none reminded yet: a fresh register, the planner's worst day).
    // In statements of 5,000: each new person's subscriptions bump shared audience counters, whose
    // row versions pile up within one statement (quadratic past ~10,000 rows in one go).
    for (let from = 1; from <= people; from += 5000)
      await db.execute(sql`
        with v as (select array_agg(id order by id) as ids from villages)
        insert into users (telegram_id, display_name, language, village_id, population_status)
        select 700000000 + g, 'bench ' || g, (array['zh-CN','zh-CN','zh-TW','en'])[1 + g % 4],
          v.ids[1 + g % array_length(v.ids, 1)], 'moved_away'
        from generate_series(${from}::int, ${Math.min(people, from + 4999)}::int) g, v`);
    await db.execute(sql`
      insert into service_files (user_id, village_id, status, departed_at, created_at, updated_at)
      select id, village_id, case when telegram_id % 50 = 0 then 'moved_back' else 'active' end,
        now() - interval '200 days', now(), now()
      from users where telegram_id > 700000000`);
    await db.execute(sql`
      insert into service_items (file_id, user_id, village_id, kind, status, due_on, next_remind_on, last_met_on, updated_at)
      select f.id, f.user_id, f.village_id, k.kind, s.status, d.due,
        case when s.status not in ('submitted', 'not_applicable') then d.due - 14 end,
        case when s.status = 'verified' then d.due - 365 end, now()
      from service_files f
      cross join unnest(array['training','health_checkup','certificate','service_agreement','contact_details','residence_proof','personal_file','livelihood']) as k(kind)
      cross join lateral (select case when f.status = 'moved_back' then 'not_applicable' else
        (array['not_started','verified','verified','verified','submitted','returned','due_again'])[1 + (abs(hashtext(f.id::text || k.kind)) % 7)] end as status) s
      cross join lateral (select date '2026-11-30' + ((abs(hashtext(f.id::text || k.kind || 'd')) % 365) - 180) as due) d`);
    // Their history: two reminders sent to each person before (the weekly cap looks them up).
    await db.execute(sql`
      insert into service_reminders (user_id, status, items, planned_at, sent_at, attempts, outcome, created_at)
      select f.user_id, 'sent', '[]'::jsonb, timestamptz '2026-11-30T02:00:00Z' - w * interval '60 days',
        timestamptz '2026-11-30T02:00:00Z' - w * interval '60 days', 1, '1', now()
      from service_files f cross join generate_series(1, 2) w`);
    await db.execute(sql`analyze`);
    const seedS = ((performance.now() - t0) / 1000).toFixed(0);
    const [counts] = await db.execute<{ items: number; due: number }>(sql`
      select count(*)::int as items,
        (count(*) filter (where next_remind_on <= date '2026-11-30'))::int as due from service_items`);

    const clock = fixedClock(new Date(START));
    const deps = {
      db,
      clock,
      ids: cryptoIds,
      requestId: 'bench',
      config: {
        serviceFile: DEFAULT_SERVICE_FILE_SETTINGS,
        publicUrl: 'https://township.example',
        // The run-time settings' defaults (core/settings) read these; the planner reads its offsets there.
        certificates: {
          deadlineWorkingDays: 3,
          documentRetentionDays: 90,
          calendar: { holidays: [], extraWorkdays: [] },
        } as unknown as CoreConfig['certificates'],
        tipoffs: { ...DEFAULT_TIPOFF_SETTINGS, receiptKey: 'bench' },
      } as CoreConfig,
      files: null as never,
      jobs: { send: async () => {}, sendBatch: async () => {} },
      broadcast: { send: async () => {}, sendBatch: async () => {} },
    } satisfies CoreDeps;
    const [adminRow] = await db.execute<{ id: string }>(sql`select id from users where telegram_id = 900001`);
    const actor: Actor = {
      userId: adminRow!.id,
      telegramId: 900001,
      villageId: null,
      roles: [{ role: 'admin', villageIds: null }],
    };
    const [one] = await db.execute<{ id: number; people: number }>(sql`
      select v.id, count(f.id)::int as people from villages v join service_files f on f.village_id = v.id
      group by v.id order by v.id limit 1`);
    const plans: ScaleResult['plans'] = [];
    const explainCaptured = async (label: string, fn: () => Promise<unknown>) => {
      const captured = await bench.capture(fn);
      for (const q of captured) {
        if (!/^\s*(select|with|update|insert|delete)/i.test(q.query) || /pg_advisory/.test(q.query)) continue;
        const params = q.params.map((p) => (p instanceof Date ? p.toISOString() : p));
        const [explained] = await raw.unsafe(`explain (format json) ${q.query}`, params as never[]);
        const plan = (explained as Record<string, unknown>)['QUERY PLAN'];
        const text = (await raw.unsafe(`explain ${q.query}`, params as never[]))
          .map((r) => (r as Record<string, string>)['QUERY PLAN'])
          .join('\n');
        const statement = q.query.replace(/\s+/g, ' ').trim().slice(0, 90);
        if (plans.some((p) => p.name === label && p.statement === statement)) continue;
        plans.push({
          name: label,
          statement,
          scans: [...new Set(scansOf(Array.isArray(plan) ? plan[0] : plan))],
          text,
        });
      }
    };

    const read = async (query: { villageId?: number }) => {
      for (let i = 0; i < WARMUP; i++) await getCompleteness({ deps, actor, query });
      const times: number[] = [];
      let peak = '0.0';
      for (let i = 0; i < READS; i++) {
        const w = await watched(() => getCompleteness({ deps, actor, query }));
        times.push(w.ms);
        if (Number(w.peakMb) > Number(peak)) peak = w.peakMb;
      }
      times.sort((a, b) => a - b);
      return { p50: pct(times, 50), p99: pct(times, 99), peakMb: peak };
    };
    // The snapshot's refresh (what the cron runs every 15 minutes), then reads of the fresh snapshot.
    const refreshTimes: number[] = [];
    let refreshPeak = '0.0';
    let refreshedVillages = 0;
    for (let i = 0; i < REFRESH_RUNS; i++) {
      const w = await watched(() => refreshCompleteness({ deps }));
      refreshTimes.push(w.ms);
      refreshedVillages = w.result.villages;
      if (Number(w.peakMb) > Number(refreshPeak)) refreshPeak = w.peakMb;
    }
    refreshTimes.sort((a, b) => a - b);
    const refresh = {
      p50: pct(refreshTimes, 50),
      max: refreshTimes.at(-1) ?? 0,
      peakMb: refreshPeak,
      villages: refreshedVillages,
    };
    await explainCaptured('completeness snapshot refresh', () => refreshCompleteness({ deps }));
    const township = await read({});
    const village = { ...(await read({ villageId: one!.id })), people: one!.people };
    await explainCaptured('completeness, whole township', () => getCompleteness({ deps, actor, query: {} }));
    await explainCaptured('completeness, one village', () =>
      getCompleteness({ deps, actor, query: { villageId: one!.id } }),
    );

    // The planner on a fresh register: every begun stage at once.
    const backlog = await watched(() => planReminders({ deps, maxChunks: 10_000 }));
    const [{ r: reminders } = { r: 0 }] = await db.execute<{ r: number }>(
      sql`select count(*)::int as r from service_reminders where status = 'planned'`,
    );
    // The send-due runs (10:05 Beijing the same day: every planned reminder is due).
    clock.set(new Date(START + 5 * 60_000));
    const governor = localGovernor({ ratePerSecond: 100_000, perChatIntervalMs: 0 });
    let sent = 0;
    const sender = {
      async send(_m: CampaignMessage) {
        sent += 1;
        return { kind: 'sent' as const, messageId: sent };
      },
    };
    const sendTimes: number[] = [];
    let sendPeak = '0.0';
    for (let i = 0; i < SEND_RUNS; i++) {
      const w = await watched(() => sendDueReminders({ deps, governor, sender }));
      sendTimes.push(w.ms);
      if (Number(w.peakMb) > Number(sendPeak)) sendPeak = w.peakMb;
    }
    await explainCaptured('send-due run', () => sendDueReminders({ deps, governor, sender }));
    sendTimes.sort((a, b) => a - b);
    // Then a week of daily runs (10:00 Beijing each day): only the items entering a stage that day.
    const days: number[] = [];
    let dayPeak = '0.0';
    let dayItems = 0;
    for (let d = 1; d <= 7; d++) {
      clock.set(new Date(START + d * 86_400_000));
      const [due] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from service_items where next_remind_on <= ${new Date(START + d * 86_400_000).toISOString().slice(0, 10)}::date`,
      );
      dayItems += due!.n;
      if (d === 7) {
        await explainCaptured('reminder planner, daily run', () => planReminders({ deps }));
        continue;
      }
      const w = await watched(() => planReminders({ deps }));
      days.push(w.ms);
      if (Number(w.peakMb) > Number(dayPeak)) dayPeak = w.peakMb;
    }
    days.sort((a, b) => a - b);
    return {
      people,
      items: counts!.items,
      reminders,
      seedS,
      township,
      village,
      refresh,
      backlog: {
        ms: backlog.ms,
        peakMb: backlog.peakMb,
        items: counts!.due,
        planned: backlog.result.planned,
      },
      daily: { p50: pct(days, 50), max: days.at(-1) ?? 0, peakMb: dayPeak, items: Math.round(dayItems / 7) },
      send: { p50: pct(sendTimes, 50), max: sendTimes.at(-1) ?? 0, peakMb: sendPeak, sent },
      plans,
    };
  } finally {
    await bench.close();
  }
}

const FLATNESS =
  'What keeps them flat: the completeness dashboard reads only the snapshot rows of the villages in the officer\'s scope (`service_completeness`, one row per village: O(villages), whatever the population), like DHIS2\'s analytics tables; counters kept by triggers cannot do it, since "met" and "overdue" compare due dates with the day. The snapshot\'s refresh reads every active item by nature (two grouped scans of `service_items`, linear in the population) but runs once per 15 minutes from the maintenance cron, or on a read that finds no snapshot for today or one older than 15 minutes (a fresh database, a new day, a cron that did not run), queued on an advisory lock so concurrent reads compute it once. The reminder planner costs what is due, not the register (a daily run reads only items whose stage began, through `service_items_remind_idx`; one statement per chunk of 5,000), and the send-due run claims 100 reminders through `service_reminders_planned_idx` and `service_reminders_sending_idx`, recording each send in its own update on purpose (written right after the message went out, so a crash cannot resend it; Telegram\'s 30 messages/s dwarfs a row update).';

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL?.trim();
  if (!base) {
    console.error(
      'bench:service-file needs a real PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)',
    );
    process.exit(2);
  }
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const version = (await admin`show server_version`)[0]?.server_version;
  await admin.end();
  const loadBefore = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const results: ScaleResult[] = [];
  for (const people of SCALES) {
    const r = await runScale(base, people);
    results.push(r);
    console.log(JSON.stringify({ ...r, plans: undefined }));
  }
  const loadAfter = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const f = (n: number) => n.toFixed(1);
  const n = (x: number) => x.toLocaleString('en');
  const rows = results.flatMap((r) => [
    `| ${n(r.people)} | completeness snapshot refresh (every village; ${n(r.refresh.villages)} rows; ${REFRESH_RUNS} runs) | ${f(r.refresh.p50)} | ${f(r.refresh.max)} (max) | ${r.refresh.peakMb} |`,
    `| ${n(r.people)} | completeness, whole township, from the snapshot (${READS} reads) | ${f(r.township.p50)} | ${f(r.township.p99)} | ${r.township.peakMb} |`,
    `| ${n(r.people)} | completeness, one village, from the snapshot (${n(r.village.people)} files; ${READS} reads) | ${f(r.village.p50)} | ${f(r.village.p99)} | ${r.village.peakMb} |`,
    `| ${n(r.people)} | reminder planner, fresh register (${n(r.backlog.items)} items in a stage → ${n(r.reminders)} messages) | ${f(r.backlog.ms)} | — | ${r.backlog.peakMb} |`,
    `| ${n(r.people)} | reminder planner, daily run (~${n(r.daily.items)} items entering a stage; 6 days) | ${f(r.daily.p50)} | ${f(r.daily.max)} (max) | ${r.daily.peakMb} |`,
    `| ${n(r.people)} | send-due run (100 reminders claimed, rendered, sent; ${SEND_RUNS} runs) | ${f(r.send.p50)} | ${f(r.send.max)} (max) | ${r.send.peakMb} |`,
  ]);
  const last = results.at(-1)!;
  const findings = results.flatMap((r) =>
    r.plans.flatMap((p) =>
      p.scans
        .filter((s) => s.startsWith('Seq Scan') && GROWING.has(s.split(' ')[3]!))
        .map((s) => `${n(r.people)} · ${p.name}: ${s}`),
    ),
  );
  const body = [
    `Run ${new Date().toISOString().slice(0, 10)} with \`DATABASE_URL=… npm run bench:service-file\` on PostgreSQL ${version} (127.0.0.1, a fresh database per size), ${5 + EXTRA_VILLAGES} villages. Load average (1/5/15 min) before ${loadBefore}, after ${loadAfter}: the 2-core machine was shared with other sessions' tests, so treat single figures as noisy.`,
    '',
    'Peak heap: the most the Node heap grew above its level before the call (sampled every 2 ms). Completeness is `getCompleteness` in-process (no HTTP), reading the fresh snapshot; its refresh (`refreshCompleteness`, what the cron runs) is measured apart. The send-due run uses a no-op sender (no Telegram; every send answers "sent") and a governor at 100,000/s, so it measures the database and rendering, not Telegram\'s pace.',
    '',
    '| people | operation | p50 ms | p99 ms | peak heap MB |',
    '| ---: | --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `Plans at ${n(last.people)} people (EXPLAIN of every statement each operation ran; seeded sizes: ${n(last.items)} items, ${n(last.people * 2)} past reminders):`,
    '',
    ...last.plans.map((p) => `- **${p.name}** \`${p.statement}…\`: ${p.scans.join(', ') || '(no table)'}`),
    '',
    findings.length
      ? `Sequential scans of growing tables: ${[...new Set(findings)].join('; ')}.`
      : 'No statement scans a table that grows with the population sequentially.',
    '',
    FLATNESS,
  ].join('\n');
  for (const p of last.plans) console.log(`\n### ${p.name}: ${p.statement}\n${p.text}`);
  writeResultsSection('Service file (八个一) at 5,000 and 50,000 people', body);
  console.log(`\n${body}`);
}

await main();
