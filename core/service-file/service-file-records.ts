// Shared by the service-file use cases: opening a file with its eight items, loading an item with
// access checks, meeting an item, linking the certificate item, history events, cancelling planned
// reminders and the views. Not a use case itself.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  certificates,
  serviceFiles,
  serviceItemEvents,
  serviceItems,
  serviceReminders,
  users,
} from '../../db/schema';
import type { Actor } from '../auth/actor';
import { canFlags, enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { ReviewTable, ReviewTx } from '../review/review-table';
import { shanghaiDateOf } from '../review/working-days';
import { runtimeSettings } from '../settings/runtime-settings';
import { addDays, effectiveStatus, firstDueOn, isOverdue, nextDueOn } from './item-rules';
import { firstStageStart } from './reminder-rules';
import {
  OFFICER_ITEM_ACTIONS,
  PERSON_ITEM_ACTIONS,
  type ServiceFileAction,
  type ServiceItemRecord,
  serviceFilePolicy,
} from './service-file-policy';
import {
  ITEM_ACTIONS,
  ITEM_KINDS,
  type ItemKind,
  type ItemStatus,
  type ServiceFileSettings,
} from './service-file-schema';

export type Tx = ReviewTx;
export type ItemRow = typeof serviceItems.$inferSelect;
export type FileRow = typeof serviceFiles.$inferSelect;
export type LoadedItem = ItemRow & { fileStatus: FileRow['status'] };

/** The columns the shared review workflow (core/review) works on. */
export const SERVICE_ITEM_REVIEW_TABLE: ReviewTable = {
  table: serviceItems,
  id: serviceItems.id,
  status: serviceItems.status,
  villageId: serviceItems.villageId,
  ownerOfficerId: serviceItems.ownerOfficerId,
  deadlineAt: serviceItems.deadlineAt,
  overdueAt: serviceItems.overdueAt,
};

export function today(deps: CoreDeps): string {
  return shanghaiDateOf(deps.clock.now());
}

/** A new due date, with the reminder stages starting afresh for it. */
export function dueFields(dueOn: string | null, settings: ServiceFileSettings) {
  return {
    dueOn,
    reminderKey: null,
    nextRemindOn: dueOn ? firstStageStart(dueOn, settings.reminderOffsets) : null,
  };
}

export async function findFileOf(db: Tx, userId: string): Promise<FileRow | undefined> {
  const [row] = await db.select().from(serviceFiles).where(eq(serviceFiles.userId, userId));
  return row;
}

/**
 * Opens the file of a person leaving (or starts a new departure on a moved-back file): the eight
 * items, the personal file met at once (created at registration), the certificate item linked.
 */
export async function openFile(db: Tx, deps: CoreDeps, userId: string): Promise<FileRow> {
  const now = deps.clock.now();
  const settings = (await runtimeSettings(deps, db)).serviceFile;
  const [user] = await db.select({ villageId: users.villageId }).from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('not_found');
  await db.update(users).set({ populationStatus: 'moved_away', updatedAt: now }).where(eq(users.id, userId));
  const existing = await findFileOf(db, userId);
  if (existing?.status === 'active') return existing;
  const day = shanghaiDateOf(now);
  const firstDue = firstDueOn(now, settings);
  let file: FileRow;
  if (existing) {
    [file] = (await db
      .update(serviceFiles)
      .set({
        status: 'active',
        departedAt: now,
        movedBackAt: null,
        villageId: user.villageId,
        updatedAt: now,
      })
      .where(eq(serviceFiles.id, existing.id))
      .returning()) as [FileRow];
    // A new departure: once-per-departure items are due again; periodic ones keep their dates.
    const items = await db.select().from(serviceItems).where(eq(serviceItems.fileId, file.id));
    for (const item of items) {
      const periodic = settings.intervalMonths[item.kind] !== null && item.lastMetOn !== null;
      const set =
        item.kind === 'personal_file'
          ? { status: 'verified' as const, lastMetOn: day, ...dueFields(null, settings) }
          : periodic
            ? {
                status: 'verified' as const,
                ...dueFields(nextDueOn(item.kind, item.lastMetOn!, settings), settings),
              }
            : { status: 'not_started' as const, ...dueFields(firstDue, settings) };
      await db
        .update(serviceItems)
        .set({ ...set, villageId: user.villageId, updatedAt: now })
        .where(eq(serviceItems.id, item.id));
    }
  } else {
    [file] = (await db
      .insert(serviceFiles)
      .values({ userId, villageId: user.villageId, departedAt: now, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning()) as [FileRow];
    if (!file) return (await findFileOf(db, userId))!;
    await db.insert(serviceItems).values(
      ITEM_KINDS.map((kind) => ({
        fileId: file.id,
        userId,
        villageId: user.villageId,
        kind,
        ...(kind === 'personal_file'
          ? { status: 'verified' as const, lastMetOn: day, ...dueFields(null, settings) }
          : { status: 'not_started' as const, ...dueFields(firstDue, settings) }),
        updatedAt: now,
      })),
    );
  }
  await linkCertificateItem(db, deps, userId);
  return file;
}

/**
 * The certificate item follows the person's latest certificate: met while it is valid (due on its
 * valid-until date), expired when it has expired or was revoked, not started when there is none.
 */
export async function linkCertificateItem(db: Tx, deps: CoreDeps, userId: string): Promise<void> {
  const settings = (await runtimeSettings(deps, db)).serviceFile;
  const day = today(deps);
  const [item] = await db
    .select()
    .from(serviceItems)
    .where(and(eq(serviceItems.userId, userId), eq(serviceItems.kind, 'certificate')));
  if (!item || item.status === 'not_applicable') return;
  const [cert] = await db
    .select({
      id: certificates.id,
      status: certificates.status,
      validUntil: certificates.validUntil,
      issuedAt: certificates.issuedAt,
    })
    .from(certificates)
    .where(eq(certificates.holderUserId, userId))
    .orderBy(desc(certificates.issuedAt))
    .limit(1);
  if (!cert) return;
  const valid = cert.status === 'valid' && cert.validUntil > day;
  const status: ItemStatus = valid ? 'verified' : 'expired';
  if (item.status === status && item.metRef === cert.id) return;
  await db
    .update(serviceItems)
    .set({
      status,
      metRef: cert.id,
      lastMetOn: shanghaiDateOf(cert.issuedAt),
      ...(item.dueOn === cert.validUntil && item.status !== 'verified'
        ? {}
        : dueFields(valid ? cert.validUntil : (item.dueOn ?? day), settings)),
      updatedAt: deps.clock.now(),
    })
    .where(eq(serviceItems.id, item.id));
}

export async function findItem(db: Tx, itemId: string, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select({ item: serviceItems, fileStatus: serviceFiles.status })
    .from(serviceItems)
    .innerJoin(serviceFiles, eq(serviceFiles.id, serviceItems.fileId))
    .where(eq(serviceItems.id, itemId));
  const [row] = options.forUpdate ? await query.for('update', { of: serviceItems }) : await query;
  return row ? ({ ...row.item, fileStatus: row.fileStatus } as LoadedItem) : undefined;
}

/** An item the actor may `action` (service-file-policy.ts decides). */
export async function loadItemFor(
  db: Tx,
  actor: Actor,
  itemId: string,
  action: ServiceFileAction,
  options: { forUpdate?: boolean } = {},
): Promise<LoadedItem> {
  const row = await findItem(db, itemId, options);
  if (!row) throw new AppError('not_found');
  enforce(serviceFilePolicy[action], actor, row);
  return row;
}

/** One's own item of `kind` (the person side names items by kind); not_found without a file. */
export async function loadOwnItem(
  db: Tx,
  actor: Actor,
  kind: ItemKind,
  action: ServiceFileAction,
  options: { forUpdate?: boolean } = {},
): Promise<LoadedItem> {
  const query = db
    .select({ item: serviceItems, fileStatus: serviceFiles.status })
    .from(serviceItems)
    .innerJoin(serviceFiles, eq(serviceFiles.id, serviceItems.fileId))
    .where(and(eq(serviceItems.userId, actor.userId), eq(serviceItems.kind, kind)));
  const [row] = options.forUpdate ? await query.for('update', { of: serviceItems }) : await query;
  if (!row) throw new AppError('not_found');
  const loaded = { ...row.item, fileStatus: row.fileStatus } as LoadedItem;
  enforce(serviceFilePolicy[action], actor, loaded);
  return loaded;
}

export async function addItemEvent(
  db: Tx,
  deps: CoreDeps,
  event: { itemId: string; type: string; actorUserId: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await db.insert(serviceItemEvents).values({ ...event, at: deps.clock.now() });
}

/** Marks an item met today: verified, next due date from its interval, review fields cleared. */
export async function markMet(
  db: Tx,
  deps: CoreDeps,
  item: Pick<ItemRow, 'id' | 'kind'>,
  metRef: string | null,
): Promise<string> {
  const day = today(deps);
  const settings = (await runtimeSettings(deps, db)).serviceFile;
  await db
    .update(serviceItems)
    .set({
      status: 'verified',
      lastMetOn: day,
      metRef,
      ...dueFields(nextDueOn(item.kind, day, settings), settings),
      returnItems: null,
      deadlineAt: null,
      overdueAt: null,
      ownerOfficerId: null,
      ownedSince: null,
      updatedAt: deps.clock.now(),
    })
    .where(eq(serviceItems.id, item.id));
  return day;
}

/**
 * The moment an item is handed in (or met), planned reminders stop mentioning it; a reminder left
 * with nothing to say is cancelled.
 */
export async function cancelRemindersFor(
  db: Tx,
  deps: CoreDeps,
  userId: string,
  itemIds: readonly string[] | 'all',
): Promise<number> {
  const planned = await db
    .select({ id: serviceReminders.id, items: serviceReminders.items })
    .from(serviceReminders)
    .where(and(eq(serviceReminders.userId, userId), eq(serviceReminders.status, 'planned')));
  let cancelled = 0;
  for (const r of planned) {
    const rest = itemIds === 'all' ? [] : r.items.filter((i) => !itemIds.includes(i.itemId));
    if (rest.length === r.items.length) continue;
    if (rest.length === 0) {
      await db
        .update(serviceReminders)
        .set({ status: 'cancelled', cancelledAt: deps.clock.now() })
        .where(and(eq(serviceReminders.id, r.id), eq(serviceReminders.status, 'planned')));
      cancelled += 1;
    } else {
      await db.update(serviceReminders).set({ items: rest }).where(eq(serviceReminders.id, r.id));
    }
  }
  return cancelled;
}

/** What an item looks like to the person or an officer, as of today, with the actor's `can` flags. */
export function itemView(actor: Actor, row: LoadedItem, day: string) {
  const status = effectiveStatus(row, day);
  const record: ServiceItemRecord = { ...row, status };
  const own = row.userId === actor.userId;
  return {
    id: row.id,
    kind: row.kind,
    action: ITEM_ACTIONS[row.kind],
    status,
    lastMetOn: row.lastMetOn,
    dueOn: row.dueOn,
    overdue: isOverdue(row, day),
    /** Due within the first reminder window (the card says "due soon"). */
    dueSoon:
      status === 'verified' || status === 'not_started'
        ? row.dueOn !== null && row.dueOn <= addDays(day, 14)
        : false,
    returnItems: status === 'returned' ? (row.returnItems ?? []) : null,
    submittedAt: row.submittedAt,
    deadlineAt: row.deadlineAt,
    ownerOfficerId: row.ownerOfficerId,
    currentSubmissionId: row.currentSubmissionId,
    can: own
      ? canFlags(serviceFilePolicy, actor, record, PERSON_ITEM_ACTIONS)
      : canFlags(serviceFilePolicy, actor, record, OFFICER_ITEM_ACTIONS),
  };
}
export type ItemView = ReturnType<typeof itemView>;

/** The eight items of a file, in the office's order. */
export async function loadFileItems(db: Tx, file: FileRow): Promise<LoadedItem[]> {
  const rows = await db.select().from(serviceItems).where(eq(serviceItems.fileId, file.id));
  return ITEM_KINDS.flatMap((kind) => {
    const r = rows.find((x) => x.kind === kind);
    return r ? [{ ...r, fileStatus: file.status }] : [];
  });
}

export function fileView(actor: Actor, file: FileRow, items: LoadedItem[], day: string) {
  const views = items.map((i) => itemView(actor, i, day));
  return {
    id: file.id,
    userId: file.userId,
    villageId: file.villageId,
    status: file.status,
    departedAt: file.departedAt,
    movedBackAt: file.movedBackAt,
    contactPhone: file.contactPhone,
    complete: views.every((v) => v.status === 'verified' || v.status === 'not_applicable'),
    items: views,
  };
}
export type FileView = ReturnType<typeof fileView>;

/** Persisted effective statuses for a set of items (a verified item past its due date is due again). */
export async function persistDueAgain(db: Tx, deps: CoreDeps, itemIds?: readonly string[]): Promise<number> {
  const day = today(deps);
  const rows = await db
    .update(serviceItems)
    .set({ status: 'due_again', updatedAt: deps.clock.now() })
    .where(
      and(
        eq(serviceItems.status, 'verified'),
        sql`${serviceItems.dueOn} <= ${day}`,
        ...(itemIds ? [inArray(serviceItems.id, [...itemIds])] : []),
      ),
    )
    .returning({ id: serviceItems.id });
  return rows.length;
}
