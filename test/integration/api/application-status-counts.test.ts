// The review dashboard's "by status" figures and weekly chart come from per-village counters the
// database keeps (application_status_counts, application_week_counts, migration 0022), not from
// counting applications. They must equal a
// fresh count after every kind of change an application or its certificate goes through — filed,
// submitted, decided, moved between villages or out of any, issued, revoked and restored, deleted —
// one at a time and many in one statement; and the dashboard must answer what counting would.
import { eq, inArray, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
  APPLICATION_STATUSES,
  certificateApplications,
  certificates,
  officerRoles,
  townships,
  users,
} from '../../../db/schema';
import { json, newRecipients, newVillage, nextTelegramId } from '../../fixtures/campaigns';
import { createTestApp } from '../../harness/app';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
const t = await createTestApp();

let seed = 20261202;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/** Cells whose counter differs from a fresh count, over the whole table, in one statement. */
async function drift() {
  return db.execute<{ village_id: number; status: string }>(sql`
    select village_id, status, f.n as fresh, c.n as counted from (
      select coalesce(village_id, 0) as village_id, status, count(*)::int as n
      from certificate_applications where status <> 'draft' group by 1, 2
      union all
      select coalesce(a.village_id, 0), 'revoked', count(*)::int
      from certificates r join certificate_applications a on a.id = r.application_id
      where r.status = 'revoked' and a.status <> 'draft' group by 1
    ) f full join (select * from application_status_counts where n <> 0) c using (village_id, status)
    where f.n is distinct from c.n`);
}

/** The same for the weekly chart's cells (village, Shanghai week, submitted | decided). */
async function weekDrift() {
  return db.execute<{ village_id: number; week: string; kind: string }>(sql`
    select village_id, week, kind, f.n as fresh, c.n as counted from (
      select coalesce(village_id, 0) as village_id, date_trunc('week', submitted_at at time zone 'Asia/Shanghai')::date as week,
        'submitted' as kind, count(*)::int as n
      from certificate_applications where status <> 'draft' and submitted_at is not null group by 1, 2
      union all
      select coalesce(village_id, 0), date_trunc('week', decided_at at time zone 'Asia/Shanghai')::date, 'decided', count(*)::int
      from certificate_applications where status <> 'draft' and decided_at is not null group by 1, 2
    ) f full join (select * from application_week_counts where n <> 0) c using (village_id, week, kind)
    where f.n is distinct from c.n`);
}

it('keeps every cell equal to a fresh count, and the dashboard equal to counting, after every kind of change', {
  timeout: 120_000,
}, async () => {
  const villages = [(await newVillage(db)).id, (await newVillage(db)).id, (await newVillage(db)).id];
  const [township] = await db.select().from(townships).where(eq(townships.code, 'demo'));
  // A reviewer of the first two villages only: their dashboard counts nothing of anyone else's.
  const reviewerTelegramId = nextTelegramId();
  const [reviewer] = await db
    .insert(users)
    .values({ telegramId: reviewerTelegramId, displayName: '计数审核', language: 'zh-CN' })
    .returning();
  await db.insert(officerRoles).values({
    userId: reviewer!.id,
    townshipId: township!.id,
    role: 'reviewer',
    villageIds: [villages[0]!, villages[1]!],
  });
  const people = (await newRecipients(db, villages[0]!, 40)).map((p) => p.id);
  const apps: string[] = [];
  let serial = 0;
  let weeklySeen = 0;

  const compare = async (step: string) => {
    expect(await drift(), step).toEqual([]);
    expect(await weekDrift(), step).toEqual([]);
    const res = await t.call('GET', '/api/review/dashboard', { as: reviewerTelegramId });
    expect(res.status, step).toBe(200);
    const { byStatus, weekly } = await json<{
      byStatus: Record<string, number>;
      weekly: { week: string; submitted: number; decided: number }[];
    }>(res);
    // The weekly chart as counting the applications of the last eight Shanghai weeks gives it.
    const weeks = await db.execute<{ week: string; submitted: number; decided: number }>(sql`
      with weeks as (select generate_series(date_trunc('week', now() at time zone 'Asia/Shanghai') - interval '7 weeks',
        date_trunc('week', now() at time zone 'Asia/Shanghai'), interval '1 week') as week)
      select to_char(w.week, 'YYYY-MM-DD') as week,
        (select count(*)::int from certificate_applications a where a.village_id in (${villages[0]!}, ${villages[1]!})
          and a.status <> 'draft' and date_trunc('week', a.submitted_at at time zone 'Asia/Shanghai') = w.week) as submitted,
        (select count(*)::int from certificate_applications a where a.village_id in (${villages[0]!}, ${villages[1]!})
          and a.status <> 'draft' and date_trunc('week', a.decided_at at time zone 'Asia/Shanghai') = w.week) as decided
      from weeks w order by w.week`);
    weeklySeen += weekly.reduce((n, x) => n + x.submitted + x.decided, 0);
    expect(weekly, step).toEqual(
      weeks.map((r) => ({ ...r, submitted: Number(r.submitted), decided: Number(r.decided) })),
    );
    const counted = await db.execute<{ status: string; n: number }>(sql`
      select a.status, count(*)::int as n from certificate_applications a
      where a.village_id in (${villages[0]!}, ${villages[1]!}) and a.status <> 'draft' group by 1`);
    const [revoked] = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from certificates r join certificate_applications a on a.id = r.application_id
      where r.status = 'revoked' and a.village_id in (${villages[0]!}, ${villages[1]!}) and a.status <> 'draft'`);
    const of = (s: string) => Number(counted.find((c) => c.status === s)?.n ?? 0);
    expect(byStatus, step).toEqual({
      submitted: of('submitted'),
      in_review: of('in_review'),
      returned: of('returned'),
      issued: of('issued') - Number(revoked!.n),
      revoked: Number(revoked!.n),
      rejected: of('rejected'),
    });
  };

  const issue = async (applicationId: string) => {
    serial += 1;
    await db.execute(sql`
      insert into certificates (application_id, holder_user_id, village_id, township_id, serial, year, seq,
        data, issued_at, valid_until, issued_by, key_id, check_code, payload, status)
      select a.id, a.applicant_user_id, a.village_id, ${township!.id}, ${`COUNT-${seed}-${serial}`}, 2099,
        ${900_000_000 + Math.floor(random() * 90_000_000)}, '{}'::jsonb, now(), date '2100-01-01', ${reviewer!.id},
        'dev-1', 'ABCDEFGH', 'payload', ${random() < 0.3 ? 'revoked' : 'valid'}
      from certificate_applications a where a.id = ${applicationId}
      on conflict do nothing`);
  };

  await compare('nothing filed');
  for (let step = 0; step < 200; step++) {
    const op = Math.floor(random() * 10);
    const app = apps.length ? pick(apps) : undefined;
    if (op <= 1 || !app) {
      const person = people.pop();
      if (!person) continue;
      const [row] = await db
        .insert(certificateApplications)
        .values({
          applicantUserId: person,
          villageId: random() < 0.1 ? null : pick(villages),
          status: pick(['draft', 'draft', 'submitted', 'in_review']),
          submittedAt: random() < 0.8 ? daysAgo(random() * 84) : null,
          form: {},
        })
        .returning({ id: certificateApplications.id });
      apps.push(row!.id);
    } else if (op === 2) {
      // A status change (any: the counters do not know the workflow's rules, only what changed),
      // sometimes resubmitted or decided in another week.
      await db
        .update(certificateApplications)
        .set({
          status: pick(APPLICATION_STATUSES),
          ...(random() < 0.3 ? { submittedAt: daysAgo(random() * 60) } : {}),
          ...(random() < 0.3 ? { decidedAt: random() < 0.2 ? null : daysAgo(random() * 60) } : {}),
        })
        .where(eq(certificateApplications.id, app));
    } else if (op === 3) {
      // Moved to another village, or out of any.
      await db
        .update(certificateApplications)
        .set({ villageId: random() < 0.2 ? null : pick(villages) })
        .where(eq(certificateApplications.id, app));
    } else if (op === 4) {
      await db
        .update(certificateApplications)
        .set({ status: 'issued', decidedAt: daysAgo(random() * 70) })
        .where(eq(certificateApplications.id, app));
      await issue(app);
    } else if (op === 5) {
      // Revoked, or restored (a correction): the certificate's status flips.
      await db.execute(sql`update certificates set status = case when status = 'revoked' then 'valid' else 'revoked' end
        where application_id = ${app}`);
    } else if (op === 6) {
      // Many in one statement: both the status and the village, including a no-op on counted columns.
      await db.execute(sql`update certificate_applications set
          village_id = case when random() < 0.5 then village_id else ${pick(villages)}::int end,
          status = case when status = 'submitted' then 'in_review' else status end,
          form = '{"touched": true}'::jsonb
        where id in ${apps.slice(0, 8)}`);
    } else if (op === 7) {
      await db.execute(sql`delete from certificates where application_id = ${app}`);
    } else if (op === 8) {
      // Deleted (only one without a certificate can be).
      const deleted = await db.execute(
        sql`delete from certificate_applications a where a.id = ${app}
          and not exists (select 1 from certificates r where r.application_id = a.id) returning a.id`,
      );
      if (deleted.length) apps.splice(apps.indexOf(app), 1);
    } else {
      // Edited without moving a cell: nothing written.
      await db
        .update(certificateApplications)
        .set({ form: { edited: step } })
        .where(eq(certificateApplications.id, app));
    }
    if (step % 25 === 24) await compare(`step ${step}`);
  }
  // A whole village merged into another, in one statement.
  await db
    .update(certificateApplications)
    .set({ villageId: villages[0]! })
    .where(eq(certificateApplications.villageId, villages[2]!));
  await compare('village merged');
  const [revokedSeen] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from certificates r join certificate_applications a on a.id = r.application_id
    where r.status = 'revoked' and a.id in ${apps}`);
  expect(Number(revokedSeen!.n)).toBeGreaterThan(0);
  expect(weeklySeen).toBeGreaterThan(0);

  // Repair: drifted cells are rebuilt from the rows.
  await db.execute(sql`update application_status_counts set n = n + 3 where village_id = ${villages[0]!}`);
  expect((await drift()).length).toBeGreaterThan(0);
  await db.execute(sql`select application_status_counts_recount()`);
  await compare('recounted');

  await db.delete(certificates).where(inArray(certificates.applicationId, apps));
  await db.delete(certificateApplications).where(inArray(certificateApplications.id, apps));
  await compare('all deleted');
});
