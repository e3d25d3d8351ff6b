// `DATABASE_URL=postgres://… npm run bench:service-file-search`: the officers' search of service files
// (searchServiceFiles) at 50,000 people who moved away, on a real PostgreSQL, in a throw-away database
// next to DATABASE_URL's (bench_sfs_<time>, dropped at the end). Names are Chinese (ten common
// surnames, two given characters out of 2,000) with one in eight Latin; one person in five has a
// certificate application holding an ID number, one in two a contact phone. Measures p50/p99 of the
// search as the township's admin and as a reviewer of two villages, by name prefix, by a name only
// contained, by ID tail and by phone tail, and prints the EXPLAIN (ANALYZE) of every statement.
//   BENCH_PEOPLE=50000 (default) · BENCH_KEEP=1 keeps the database.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Actor } from '../core/auth/actor';
import type { CoreConfig } from '../core/config';
import type { CoreDeps } from '../core/deps';
import { cryptoIds, fixedClock } from '../core/runtime';
import { searchServiceFiles } from '../core/service-file/search-service-files';
import { migrateDatabase } from '../db/migrate';
import { seedDemoData } from '../db/seed';
import { writeResultsSection } from './results-file';
import { openThrowawayDatabase } from './throwaway-db';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 50_000);
const READS = 30;
const EXTRA_VILLAGES = 20;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL?.trim();
  if (!base) {
    console.error('bench:service-file-search needs a real PostgreSQL: set DATABASE_URL');
    process.exit(2);
  }
  const name = `bench_sfs_${Date.now()}`;
  const bench = await openThrowawayDatabase(base, name, { max: 2 });
  const { admin, handle, raw } = bench;
  const version = (await admin`show server_version`)[0]?.server_version;
  const { url } = bench;
  try {
    await migrateDatabase(url.toString());
    const db = handle.db;
    await seedDemoData(db);
    await db.execute(sql`
      insert into villages (township_id, code, name)
      select (select id from townships limit 1), 'sf' || g, '服务村' || g from generate_series(1, ${EXTRA_VILLAGES}) g`);
    for (let from = 1; from <= PEOPLE; from += 5000)
      await db.execute(sql`
        with v as (select array_agg(id order by id) as ids from villages)
        insert into users (telegram_id, display_name, language, village_id, population_status)
        select 700000000 + g,
          case when g % 8 = 0
            then (array['Wang','Li','Zhang','Liu','Chen','Yang','Huang','Zhao','Wu','Zhou'])[1 + abs(hashtext(g::text)) % 10]
              || ' ' || (array['Wei','Fang','Min','Jing','Lei','Qiang','Yan','Jun','Hua','Ping'])[1 + abs(hashtext(g::text || 'g')) % 10]
            else (array['王','李','张','刘','陈','杨','黄','赵','吴','周'])[1 + abs(hashtext(g::text)) % 10]
              || chr(19968 + abs(hashtext(g::text || 'a')) % 2000) || chr(19968 + abs(hashtext(g::text || 'b')) % 2000)
          end,
          'zh-CN', v.ids[1 + g % array_length(v.ids, 1)], 'moved_away'
        from generate_series(${from}::int, ${Math.min(PEOPLE, from + 4999)}::int) g, v`);
    await db.execute(sql`
      insert into service_files (user_id, village_id, status, departed_at, created_at, updated_at, contact_phone)
      select id, village_id, case when telegram_id % 50 = 0 then 'moved_back' else 'active' end,
        now() - interval '200 days', now(), now(),
        case when telegram_id % 2 = 0 then '139' || lpad((telegram_id - 700000000)::text, 8, '0') end
      from users where telegram_id > 700000000`);
    await db.execute(sql`
      insert into service_items (file_id, user_id, village_id, kind, status, due_on, updated_at)
      select f.id, f.user_id, f.village_id, k.kind,
        (array['not_started','verified','verified','submitted'])[1 + (abs(hashtext(f.id::text || k.kind)) % 4)],
        date '2026-11-30' + ((abs(hashtext(f.id::text || k.kind || 'd')) % 365) - 180), now()
      from service_files f
      cross join unnest(array['training','health_checkup','certificate','service_agreement','contact_details','residence_proof','personal_file','livelihood']) as k(kind)`);
    await db.execute(sql`
      insert into certificate_applications (applicant_user_id, village_id, status, form, submitted_at, decided_at)
      select u.id, u.village_id, 'issued',
        jsonb_build_object('applicant', jsonb_build_object('name', u.display_name,
          'idNumber', '44010219900101' || lpad(((u.telegram_id - 700000000) % 10000)::text, 4, '0'))),
        now() - interval '100 days', now() - interval '99 days'
      from users u where u.telegram_id > 700000000 and u.telegram_id % 5 = 0`);
    await db.execute(sql`analyze`);

    const deps = {
      db,
      clock: fixedClock(new Date('2026-11-30T02:00:00Z')),
      ids: cryptoIds,
      requestId: 'bench',
      config: {} as CoreConfig,
      files: null as never,
      jobs: { send: async () => {}, sendBatch: async () => {} },
      broadcast: { send: async () => {}, sendBatch: async () => {} },
    } satisfies CoreDeps;
    const [adminRow] = await db.execute<{ id: string }>(sql`select id from users where telegram_id = 900001`);
    const [two] = await db.execute<{ ids: number[] }>(
      sql`select array_agg(id order by id) as ids from (select id from villages order by id limit 2) v`,
    );
    const township: Actor = {
      userId: adminRow!.id,
      telegramId: 900001,
      villageId: null,
      roles: [{ role: 'admin', villageIds: null }],
    };
    const reviewer: Actor = { ...township, roles: [{ role: 'reviewer', villageIds: two!.ids }] };
    // A rare two-character given name (contained, not a prefix) and a common surname + one character.
    const [rare] = await db.execute<{ given: string }>(sql`
      select substr(display_name, 2) as given from users where telegram_id > 700000000 and telegram_id % 8 <> 0
      order by telegram_id limit 1`);
    const cases: { label: string; q: string }[] = [
      { label: 'name prefix, common surname + 1 character (王X)', q: `王${String.fromCharCode(19968 + 7)}` },
      { label: 'name prefix, Latin, any case (wang w)', q: 'wang w' },
      { label: 'name contained only (given name, 2 characters)', q: rare!.given },
      { label: 'ID-number tail (4)', q: '0420' },
      { label: 'ID-number or phone tail (6)', q: '010420' },
    ];
    const rows: string[] = [];
    const plans: string[] = [];
    for (const [who, actor] of [
      ['township admin', township],
      ['reviewer of 2 villages', reviewer],
    ] as const) {
      for (const c of cases) {
        for (let i = 0; i < 5; i++) await searchServiceFiles({ deps, actor, input: { q: c.q } });
        const times: number[] = [];
        let found = 0;
        let more = false;
        for (let i = 0; i < READS; i++) {
          const s = performance.now();
          const r = await searchServiceFiles({ deps, actor, input: { q: c.q } });
          times.push(performance.now() - s);
          found = r.people.length;
          more = r.more;
        }
        times.sort((a, b) => a - b);
        rows.push(
          `| ${who} | ${c.label} | ${found}${more ? '+' : ''} | ${pct(times, 50).toFixed(1)} | ${pct(times, 99).toFixed(1)} |`,
        );
        const captured = await bench.capture(() => searchServiceFiles({ deps, actor, input: { q: c.q } }));
        for (const q of captured) {
          if (!/^\s*select/i.test(q.query)) continue;
          const text = (
            await raw.unsafe(`explain (analyze, costs off, timing off) ${q.query}`, q.params as never[])
          )
            .map((r) => (r as Record<string, string>)['QUERY PLAN'])
            .join('\n');
          plans.push(`### ${who} · ${c.label}\n${q.query.replace(/\s+/g, ' ').slice(0, 160)}…\n${text}`);
        }
      }
    }
    const body = [
      `Run ${new Date().toISOString().slice(0, 10)} with \`DATABASE_URL=… npm run bench:service-file-search\` on PostgreSQL ${version}: ${PEOPLE.toLocaleString('en')} people with a file (${(PEOPLE * 8).toLocaleString('en')} items), ${(PEOPLE / 5).toLocaleString('en')} certificate applications, ${5 + EXTRA_VILLAGES} villages; \`searchServiceFiles\` in-process (its audit row included), ${READS} searches each. Found: people listed (+: more, "refine your search").`,
      '',
      '| as | search | found | p50 ms | p99 ms |',
      '| --- | --- | ---: | ---: | ---: |',
      ...rows,
    ].join('\n');
    for (const p of plans) console.log(`\n${p}`);
    writeResultsSection(`Service-file search at ${PEOPLE.toLocaleString('en')} people`, body);
    console.log(`\n${body}`);
  } finally {
    await bench.close();
  }
}

await main();
