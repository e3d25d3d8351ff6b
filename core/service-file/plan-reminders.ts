import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { serviceFiles, serviceItems, serviceReminders } from '../../db/schema';
import type { CoreDeps } from '../deps';
import type { ReviewTx } from '../review/review-table';
import { runtimeSettings } from '../settings/runtime-settings';
import { currentStage, plannedTime, type ReminderOffsets, stagesOf } from './reminder-rules';
import { today } from './service-file-records';
import type { ItemKind } from './service-file-schema';

const BATCH = 2000;

type ReminderItem = { itemId: string; kind: ItemKind; stage: string };

/**
 * The cron's reminder planner. Looks only at items whose next reminder stage has begun
 * (service_items.next_remind_on, indexed), so a run costs what is due, not the size of the register.
 * Each stage (14 and 3 days before the due date, 7 and 30 after; a run-time setting) is reminded once per
 * due date. Stages of one person join their planned reminder; a new one is planned no sooner than 7
 * days after their last one and outside 21:00–08:00 Beijing time. Items waiting for an officer or no
 * longer applicable drop out of the scan.
 */
export async function planReminders(options: { deps: CoreDeps; maxBatches?: number }) {
  const { deps } = options;
  const day = today(deps);
  const now = deps.clock.now();
  const offsets = (await runtimeSettings(deps)).serviceFile.reminderOffsets;
  let planned = 0;
  let reminded = 0;
  for (let batch = 0; batch < (options.maxBatches ?? 50); batch++) {
    const rows = await deps.db
      .select({
        id: serviceItems.id,
        userId: serviceItems.userId,
        kind: serviceItems.kind,
        status: serviceItems.status,
        dueOn: serviceItems.dueOn,
        reminderKey: serviceItems.reminderKey,
        fileStatus: serviceFiles.status,
      })
      .from(serviceItems)
      .innerJoin(serviceFiles, eq(serviceFiles.id, serviceItems.fileId))
      .where(and(isNotNull(serviceItems.nextRemindOn), lte(serviceItems.nextRemindOn, day)))
      .limit(BATCH);
    if (rows.length === 0) break;
    const updates: { id: string; key: string | null; next: string | null }[] = [];
    const byUser = new Map<string, ReminderItem[]>();
    for (const r of rows) {
      if (
        r.fileStatus !== 'active' ||
        !r.dueOn ||
        r.status === 'submitted' ||
        r.status === 'not_applicable'
      ) {
        updates.push({ id: r.id, key: r.reminderKey, next: null });
        continue;
      }
      const { stage, nextOn } = currentStage(r.dueOn, day, offsets);
      const key = stage ? `${r.dueOn}:${stage}` : r.reminderKey;
      updates.push({ id: r.id, key, next: nextOn });
      if (stage && key !== r.reminderKey) {
        const list = byUser.get(r.userId) ?? [];
        list.push({ itemId: r.id, kind: r.kind, stage });
        byUser.set(r.userId, list);
      }
    }
    await deps.db.transaction(async (tx) => {
      const userIds = [...byUser.keys()];
      if (userIds.length > 0) {
        const open = await tx
          .select({ id: serviceReminders.id, userId: serviceReminders.userId, items: serviceReminders.items })
          .from(serviceReminders)
          .where(and(inArray(serviceReminders.userId, userIds), eq(serviceReminders.status, 'planned')));
        const last = await tx
          .select({
            userId: serviceReminders.userId,
            at: sql<string>`max(coalesce(${serviceReminders.sentAt}, ${serviceReminders.plannedAt}))`,
          })
          .from(serviceReminders)
          .where(
            and(
              inArray(serviceReminders.userId, userIds),
              inArray(serviceReminders.status, ['sent', 'sending']),
            ),
          )
          .groupBy(serviceReminders.userId);
        const inserts: (typeof serviceReminders.$inferInsert)[] = [];
        for (const [userId, items] of byUser) {
          const existing = open.find((o) => o.userId === userId);
          if (existing) {
            // Grouped into the message already planned: one message, the latest stage of each item.
            const merged = [
              ...existing.items.filter((i) => !items.some((n) => n.itemId === i.itemId)),
              ...items,
            ];
            await tx
              .update(serviceReminders)
              .set({ items: merged })
              .where(eq(serviceReminders.id, existing.id));
          } else {
            const lastAt = last.find((l) => l.userId === userId)?.at;
            inserts.push({
              userId,
              items,
              plannedAt: plannedTime(now, lastAt ? new Date(lastAt) : null),
              createdAt: now,
            });
          }
          reminded += items.length;
        }
        if (inserts.length > 0) await tx.insert(serviceReminders).values(inserts);
        planned += inserts.length;
      }
      // One statement for the whole batch: each item's stage key and when its next stage begins.
      await tx.execute(sql`
        update ${serviceItems} as i
        set reminder_key = u.key, next_remind_on = u.next::date
        from unnest(${sql.raw(pgArray(updates.map((u) => u.id)))}::uuid[],
                    ${sql.raw(pgArray(updates.map((u) => u.key)))}::text[],
                    ${sql.raw(pgArray(updates.map((u) => u.next)))}::text[]) as u(id, key, next)
        where i.id = u.id`);
    });
    if (rows.length < BATCH) break;
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

/** A Postgres array literal of ids, stage keys and dates (characters from our own formats only). */
function pgArray(values: (string | null)[]): string {
  const items = values.map((v) => {
    if (v === null) return 'NULL';
    if (!/^[0-9a-zA-Z:_-]+$/.test(v)) throw new Error('unexpected character in a reminder update');
    return `"${v}"`;
  });
  return `'{${items.join(',')}}'`;
}
