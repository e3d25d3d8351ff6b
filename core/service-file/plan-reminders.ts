import { and, isNotNull, type SQL, sql } from 'drizzle-orm';
import { serviceItems } from '../../db/schema';
import type { CoreDeps } from '../deps';
import type { ReviewTx } from '../review/review-table';
import { runtimeSettings } from '../settings/runtime-settings';
import { type ReminderOffsets, stagesOf } from './reminder-rules';
import { today } from './service-file-records';
import { ITEM_KINDS, QUIET_HOURS, REMINDER_MIN_GAP_DAYS } from './service-file-schema';

/** Items taken up per statement: the planner's memory and lock footprint, whatever the register's size. */
export const PLAN_CHUNK = 5000;
/** Serialises planner runs that overlap (cron): two runs must not both plan a first message to one person. */
const PLANNER_LOCK = sql`hashtext('service_file.plan_reminders')`;

/**
 * The cron's reminder planner, set-based. Looks only at items whose next reminder stage has begun
 * (service_items.next_remind_on, partial index), so a run costs what is due, not the size of the
 * register. Each stage (14 and 3 days before the due date, 7 and 30 after; a run-time setting) is
 * reminded once per due date. Stages of one person join their planned reminder; a new one is planned no sooner
 * than 7 days after their last one and outside 21:00–08:00 Beijing time. Items waiting for an officer
 * or no longer applicable drop out of the scan.
 *
 * One statement per chunk of PLAN_CHUNK items does it all inside PostgreSQL: the chunk is taken off
 * the front of the index (processed items move to a later day or leave it, so the next chunk starts
 * where this one stopped), the stage rule (`stageSql`, the SQL form of `currentStage`) moves each
 * item's stage key and next stage day, the items entering a stage are grouped per person and either
 * merged into that person's planned message or planned as a new one (`plannedAtSql`, the SQL form of
 * `plannedTime`). Nothing but three counts comes back to the Worker.
 */
export async function planReminders(options: { deps: CoreDeps; maxChunks?: number; chunk?: number }) {
  const { deps } = options;
  const limit = options.chunk ?? PLAN_CHUNK;
  const day = today(deps);
  const now = deps.clock.now();
  const offsets = (await runtimeSettings(deps)).serviceFile.reminderOffsets;
  let planned = 0;
  let reminded = 0;
  for (let chunk = 0; chunk < (options.maxChunks ?? 50); chunk++) {
    const counts = await deps.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${PLANNER_LOCK})`);
      const [row] = await tx.execute<{ taken: number; planned: number; reminded: number }>(
        planChunkSql({ day, now, offsets, limit }),
      );
      return row!;
    });
    planned += Number(counts.planned);
    reminded += Number(counts.reminded);
    if (Number(counts.taken) < limit) break;
  }
  return { planned, reminded };
}

/**
 * After the admin changes the reminder offsets: every item with a due date looks again from the first
 * stage of the new offsets; the planner then reminds the latest stage begun (once — a stage already
 * reminded for the same due date keeps its key) and skips the rest.
 */
export async function restartReminderStages(db: ReviewTx, offsets: ReminderOffsets): Promise<void> {
  const first = stagesOf(offsets)[0];
  await db
    .update(serviceItems)
    .set({
      nextRemindOn: first ? sql`${serviceItems.dueOn} + ${first.at}::int` : null,
    })
    .where(
      and(isNotNull(serviceItems.dueOn), sql`${serviceItems.status} not in ('submitted', 'not_applicable')`),
    );
}

function planChunkSql(p: { day: string; now: Date; offsets: ReminderOffsets; limit: number }): SQL {
  const { stage, nextOn } = stageSql(sql`p.due_on`, sql`${p.day}::date`, p.offsets);
  const kindOrder = sql`array_position(array[${sql.join(
    ITEM_KINDS.map((k) => sql`${k}`),
    sql`, `,
  )}]::text[], k.kind)`;
  return sql`
    with picked as (
      select i.id, i.user_id, i.kind, i.due_on, i.reminder_key,
        (f.status = 'active' and i.due_on is not null and i.status not in ('submitted', 'not_applicable')) as live
      from service_items i
      join service_files f on f.id = i.file_id
      where i.next_remind_on is not null and i.next_remind_on <= ${p.day}::date
      order by i.next_remind_on
      limit ${p.limit}
      for update of i skip locked
    ),
    staged as (
      select p.id, p.user_id, p.kind, p.due_on, p.reminder_key,
        case when p.live then ${stage} end as stage,
        case when p.live then ${nextOn} end as next_on
      from picked p
    ),
    keyed as (
      select s.*,
        case when s.stage is null then s.reminder_key
             else to_char(s.due_on, 'YYYY-MM-DD') || ':' || s.stage end as key
      from staged s
    ),
    moved as (
      -- the chunk's ids as an array (primary key lookups): a plain join on id lets the planner
      -- hash the whole table for a chunk it expects to be PLAN_CHUNK rows long
      update service_items i set reminder_key = k.key, next_remind_on = k.next_on
      from keyed k where i.id = any (array(select id from keyed)) and i.id = k.id
    ),
    fresh as (
      select k.user_id, count(*)::int as n,
        jsonb_agg(jsonb_build_object('itemId', k.id, 'kind', k.kind, 'stage', k.stage) order by ${kindOrder}) as items
      from keyed k
      where k.stage is not null and k.key is distinct from k.reminder_key
      group by k.user_id
    ),
    open as (
      -- each person's planned message (normally one), looked up among that person's few messages
      -- (service_reminders_user_idx). The status test is wrapped in coalesce on purpose: written
      -- plainly it matches the partial index of planned messages, which the planner, misled by
      -- statistics taken while few messages were planned, walks whole once per person.
      select f.user_id, o.id
      from fresh f
      cross join lateral (
        select r.id from service_reminders r
        where r.user_id = f.user_id and coalesce(r.status = 'planned', false)
        limit 1
      ) o
    ),
    merged as (
      -- by primary key: a status re-check here would let the planner scan every planned message per
      -- person. Under the advisory lock only a sender's claim or a submission can change the row
      -- meanwhile; either way the message already left the planner's hands, as with a re-check.
      update service_reminders r
      set items = coalesce(
        (select jsonb_agg(e) from jsonb_array_elements(r.items) e
         where not exists (select 1 from jsonb_array_elements(f.items) x where x->>'itemId' = e->>'itemId')),
        '[]'::jsonb) || f.items
      from open o join fresh f on f.user_id = o.user_id
      where r.id = o.id
    ),
    added as (
      insert into service_reminders (user_id, items, planned_at, created_at)
      select f.user_id, f.items, ${plannedAtSql(sql`${p.now.toISOString()}::timestamptz`, sql`last.at`)}, ${p.now.toISOString()}::timestamptz
      from fresh f
      left join lateral (
        select max(coalesce(r.sent_at, r.planned_at)) as at
        from service_reminders r
        where r.user_id = f.user_id and r.status in ('sent', 'sending')
      ) last on true
      where not exists (select 1 from open o where o.user_id = f.user_id)
      returning 1
    )
    select (select count(*) from picked)::int as taken,
           (select count(*) from added)::int as planned,
           (select coalesce(sum(n), 0) from fresh)::int as reminded`;
}

/**
 * `currentStage` (reminder-rules.ts) in SQL, for the set-based planner: the stage an item due on
 * `dueOn` is in on `day` (the latest begun, as text; null before the first) and the date the next
 * stage begins (null after the last). Built from the configured offsets; a test holds it to the pure
 * rule day by day.
 */
export function stageSql(dueOn: SQL, day: SQL, offsets: ReminderOffsets): { stage: SQL; nextOn: SQL } {
  const stages = stagesOf(offsets);
  if (stages.length === 0) return { stage: sql`null::text`, nextOn: sql`null::date` };
  const rel = sql`(${day} - ${dueOn})`; // days past the due date (negative before it)
  const latestFirst = [...stages].reverse();
  return {
    stage: sql`(case ${sql.join(
      latestFirst.map((s) => sql`when ${rel} >= ${s.at}::int then ${s.key}::text`),
      sql` `,
    )} end)`,
    nextOn: sql`(case ${sql.join(
      stages.map((s) => sql`when ${rel} < ${s.at}::int then ${dueOn} + ${s.at}::int`),
      sql` `,
    )} end)`,
  };
}

/**
 * `plannedTime` (reminder-rules.ts) in SQL: `now`, or 7 days after `lastAt` (timestamptz expressions;
 * `lastAt` may be null), moved out of 21:00–08:00 Beijing time (UTC+8, no daylight saving) to 08:00. A test holds it
 * to the pure rule hour by hour.
 */
export function plannedAtSql(now: SQL, lastAt: SQL): SQL {
  const { from, to } = QUIET_HOURS;
  return sql`(select case
      when extract(hour from b.local) >= ${to}::int and extract(hour from b.local) < ${from}::int then e.t
      else (date_trunc('day', b.local)
            + make_interval(days => case when extract(hour from b.local) >= ${from}::int then 1 else 0 end, hours => ${to}::int)
            - interval '8 hours') at time zone 'UTC'
    end
    from (select greatest(${now},
                          ${lastAt} + make_interval(days => ${REMINDER_MIN_GAP_DAYS}::int)) as t) e,
      -- Beijing wall-clock time of t, as a timestamp without time zone
      lateral (select e.t at time zone 'UTC' + interval '8 hours' as local) b)`;
}
