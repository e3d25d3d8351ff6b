// The set-based reminder planner on real Postgres with an injected clock: its SQL stage and
// planned-time rules agree with the pure ones in reminder-rules.ts, and a run taken in chunks keeps
// every rule — one grouped message per person, each stage once, later stages merged into the
// planned message, submitted items and moved-back files left out.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../core/runtime';
import { plannedAtSql, planReminders, stageSql } from '../../../core/service-file/plan-reminders';
import { currentStage, plannedTime } from '../../../core/service-file/reminder-rules';
import { openFile } from '../../../core/service-file/service-file-records';
import { DEFAULT_SERVICE_FILE_SETTINGS } from '../../../core/service-file/service-file-schema';
import { serviceFiles, serviceItems, serviceReminders, users, villages } from '../../../db/schema';
import { createTestApp, type TestApp } from '../../harness/app';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
// Monday 30 November 2026, 10:00 in Shanghai.
const clock = fixedClock('2026-11-30T02:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
});

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

let seq = 0;
/** A person who moved away today (eight items, seven due in 30 days: 2026-12-30). */
async function migrant() {
  seq += 1;
  const [v] = await db.select({ id: villages.id }).from(villages).where(eq(villages.code, 'dongshan'));
  const [u] = await db
    .insert(users)
    .values({
      telegramId: 840_000_000 + (Date.now() % 1_000_000) * 10 + seq,
      displayName: 'p',
      villageId: v!.id,
    })
    .returning({ id: users.id });
  const deps = t.services().deps;
  await db.transaction((tx) => openFile(tx, deps, u!.id));
  return u!.id;
}
const remindersOf = (userId: string) =>
  db.select().from(serviceReminders).where(eq(serviceReminders.userId, userId));

describe('the planner’s SQL rules', () => {
  it('puts an item in the same stage, with the same next stage day, as the pure rule on every day around its due date', async () => {
    const due = '2026-12-31';
    for (const offsets of [
      DEFAULT_SERVICE_FILE_SETTINGS.reminderOffsets,
      { before: [30, 7, 1], after: [1] },
    ]) {
      const { stage, nextOn } = stageSql(sql`${due}::date`, sql`d.day`, offsets);
      const rows = await db.execute<{ day: string; stage: string | null; next_on: string | null }>(sql`
        select to_char(d.day, 'YYYY-MM-DD') as day, ${stage} as stage, to_char(${nextOn}, 'YYYY-MM-DD') as next_on
        from (select (date '2026-11-01' + g) as day from generate_series(0, 120) g) d`);
      expect(rows.length).toBe(121);
      for (const r of rows)
        expect({ day: r.day, stage: r.stage, nextOn: r.next_on }).toEqual({
          day: r.day,
          ...currentStage(due, r.day, offsets),
        });
    }
  });

  it('plans the same time as the pure rule at every quarter hour, with and without a message in the last week', async () => {
    // Two days of quarter hours; the last message none, 2.5 days ago (capped) or 9 days ago (free).
    const rows = await db.execute<{ now: string; last: string | null; at: string }>(sql`
      select n.now, l.last, ${plannedAtSql(sql`n.now`, sql`l.last`)} as at
      from (select timestamptz '2026-12-01T00:00:00Z' + g * interval '15 minutes' as now
            from generate_series(0, 191) g) n
      cross join lateral (values (null::timestamptz), (n.now - interval '60 hours'), (n.now - interval '9 days')) l(last)`);
    expect(rows.length).toBe(192 * 3);
    for (const r of rows) {
      const last = r.last === null ? null : new Date(r.last);
      expect({ now: r.now, at: new Date(r.at).toISOString() }).toEqual({
        now: r.now,
        at: plannedTime(new Date(r.now), last).toISOString(),
      });
    }
  });
});

describe('a planner run', () => {
  it('groups a person’s items taken in different chunks into one message, reminds each stage once and leaves out submitted items and moved-back files', async () => {
    const deps = t.services().deps;
    const a = await migrant();
    const b = await migrant();
    const gone = await migrant();
    await db
      .update(serviceItems)
      .set({ status: 'submitted', nextRemindOn: '2026-12-16' })
      .where(and(eq(serviceItems.userId, b), eq(serviceItems.kind, 'residence_proof')));
    await db.update(serviceFiles).set({ status: 'moved_back' }).where(eq(serviceFiles.userId, gone));

    // The before_14 stage of 2026-12-30 begins 2026-12-16; at 10:00 Beijing the message is planned at once.
    clock.set('2026-12-16T02:00:00Z');
    await planReminders({ deps, chunk: 3 });
    const [first] = await remindersOf(a);
    expect((await remindersOf(a)).length).toBe(1);
    expect(first!.items.map((i) => i.kind)).toEqual([
      'training',
      'health_checkup',
      'certificate',
      'service_agreement',
      'contact_details',
      'residence_proof',
      'livelihood',
    ]);
    expect(first!.items.every((i) => i.stage === 'before_14')).toBe(true);
    expect(first!.plannedAt.toISOString()).toBe('2026-12-16T02:00:00.000Z');
    const [forB] = await remindersOf(b);
    expect(forB!.items.map((i) => i.kind)).not.toContain('residence_proof');
    expect(forB!.items.length).toBe(6);
    expect(await remindersOf(gone)).toEqual([]);
    const left = await db
      .select({ next: serviceItems.nextRemindOn })
      .from(serviceItems)
      .where(inArray(serviceItems.userId, [gone]));
    expect(left.every((i) => i.next === null)).toBe(true);

    // Planning again the same day changes nothing.
    await planReminders({ deps, chunk: 3 });
    expect((await remindersOf(a)).map((r) => r.items.length)).toEqual([7]);

    // While the message is still planned, an item entering another stage (its due date moved to
    // 2026-12-18: 2 days before it, so before_3) replaces its earlier stage in that message.
    await db
      .update(serviceItems)
      .set({ dueOn: '2026-12-18', nextRemindOn: '2026-12-04', reminderKey: null })
      .where(and(eq(serviceItems.userId, a), eq(serviceItems.kind, 'health_checkup')));
    await planReminders({ deps, chunk: 3 });
    const [merged, ...none] = await remindersOf(a);
    expect(none).toEqual([]);
    expect(merged!.items.length).toBe(7);
    expect(merged!.items.filter((i) => i.kind === 'health_checkup')).toEqual([
      expect.objectContaining({ stage: 'before_3' }),
    ]);
    const [checkup] = await db
      .select()
      .from(serviceItems)
      .where(and(eq(serviceItems.userId, a), eq(serviceItems.kind, 'health_checkup')));
    expect(checkup!.reminderKey).toBe('2026-12-18:before_3');
    expect(checkup!.nextRemindOn).toBe(addDays('2026-12-18', 7));
  });
});
