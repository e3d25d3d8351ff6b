// Shared by the tip-off use cases: finding a tip by its receipt or for an officer, writing its
// history, deleting its content, and queueing messages to the reporter (opt-in) and to handlers.
// Not a use case itself.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  officerRoles,
  storedFiles,
  type TipEventType,
  tipAttachments,
  tipEvents,
  tipMessages,
  tipNotificationLinks,
  tips,
  townships,
} from '../../db/schema';
import type { Actor } from '../auth/actor';
import { couldEver, enforce } from '../auth/policy';
import { shanghaiDateOf } from '../certificates/working-days';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { receiptHash } from './tip-receipt';
import { tipPolicy } from './tipoff-policy';
import { normalizeReceipt } from './tipoff-schema';

export type TipRow = typeof tips.$inferSelect;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

/** Today in Shanghai: the only time a reporter's action leaves. */
export function today(deps: CoreDeps): string {
  return shanghaiDateOf(deps.clock.now());
}

/** The start of a Shanghai day as an instant (what a reporter's file row records as its time). */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/**
 * The tip a receipt opens, or not_found (a wrong receipt and a malformed one answer alike). The
 * receipt's keyed hash is looked up through the unique index: no secret is compared in code.
 */
export async function findTipByReceipt(
  db: Tx,
  deps: CoreDeps,
  receipt: string,
  options: { forUpdate?: boolean } = {},
): Promise<TipRow> {
  const digits = normalizeReceipt(receipt);
  if (!digits) throw new AppError('not_found');
  const hash = await receiptHash(deps.config.tipoffs.receiptKey, digits);
  const query = db.select().from(tips).where(eq(tips.receiptHash, hash));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found');
  return row;
}

export async function findTip(db: Tx, tipId: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(tips).where(eq(tips.id, tipId));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** A tip the officer may `action` (tipoff-policy.ts decides), or not_found / the refusal. */
export async function loadTipFor(
  db: Tx,
  actor: Actor,
  tipId: string,
  action: keyof typeof tipPolicy,
  options: { forUpdate?: boolean } = {},
): Promise<TipRow> {
  // Role first: a person without an office learns nothing about which ids exist.
  if (!couldEver(tipPolicy[action], actor)) throw new AppError('forbidden');
  const row = await findTip(db, tipId, options);
  if (!row) throw new AppError('not_found');
  enforce(tipPolicy[action], actor, row);
  return row;
}

export async function addTipEvent(
  db: Tx,
  deps: CoreDeps,
  event: {
    tipId: string;
    type: TipEventType;
    actorOfficerId: string | null;
    note?: string | null;
    visible?: boolean;
    /** Reporter's own steps: the day only. */
    reporter?: boolean;
  },
): Promise<void> {
  const now = deps.clock.now();
  await db.insert(tipEvents).values({
    tipId: event.tipId,
    type: event.type,
    actorOfficerId: event.actorOfficerId,
    note: event.note ?? null,
    visible: event.visible ?? true,
    at: event.reporter ? null : now,
    day: shanghaiDateOf(now),
  });
}

/**
 * Deletes what a tip says (private_person at once; retention after closing): the content, the
 * closing summary, every message, note and event note, and every attachment with its object.
 * Number, day, category, status, triage and finding stay.
 */
export async function deleteTipContent(
  db: Tx,
  deps: CoreDeps,
  tipId: string,
): Promise<{ objects: string[] }> {
  await db
    .update(tips)
    .set({
      villageId: null,
      place: null,
      what: null,
      period: null,
      provider: null,
      closingSummary: null,
      contentPurgedAt: deps.clock.now(),
    })
    .where(eq(tips.id, tipId));
  await db.delete(tipMessages).where(eq(tipMessages.tipId, tipId));
  await db.update(tipEvents).set({ note: null }).where(eq(tipEvents.tipId, tipId));
  const files = await db
    .delete(tipAttachments)
    .where(eq(tipAttachments.tipId, tipId))
    .returning({ fileId: tipAttachments.fileId });
  if (files.length === 0) return { objects: [] };
  const removed = await db
    .delete(storedFiles)
    .where(
      inArray(
        storedFiles.id,
        files.map((f) => f.fileId),
      ),
    )
    .returning({ objectKey: storedFiles.objectKey });
  return { objects: removed.map((r) => r.objectKey) };
}

/** Objects go after their rows are gone (a failed delete leaves a harmless orphan object). */
export async function deleteObjects(deps: CoreDeps, keys: string[]): Promise<void> {
  for (const key of keys) await deps.files.delete(key).catch(() => {});
}

/** Queues a message to each chat that opted in for this tip: the job carries the link's id only. */
export async function notifyReporter(
  deps: CoreDeps,
  tipId: string,
  messageKey: string,
  params: Record<string, string | number> = {},
  options: { deleteAfter?: boolean } = {},
): Promise<void> {
  const links = await deps.db
    .select({ id: tipNotificationLinks.id })
    .from(tipNotificationLinks)
    .where(eq(tipNotificationLinks.tipId, tipId));
  for (const link of links) {
    await deps.jobs.send({
      type: 'tip-notify',
      linkId: link.id,
      messageKey,
      params,
      deleteAfter: options.deleteAfter ?? false,
    });
  }
}

/** Tells officers of a role (township-wide or any village) by chat, with a button to the tip's page. */
export async function notifyOfficers(
  deps: CoreDeps,
  options: { role: 'case_handler' | 'finance'; userIds?: string[]; messageKey: string; path: string },
): Promise<void> {
  const userIds =
    options.userIds ??
    (
      await deps.db
        .select({ userId: officerRoles.userId })
        .from(officerRoles)
        .where(eq(officerRoles.role, options.role))
    ).map((r) => r.userId);
  for (const userId of userIds) {
    await deps.jobs.send({
      type: 'notify-user',
      userId,
      messageKey: options.messageKey,
      params: {},
      button: { textKey: 'tipoffs:notify.open', path: options.path },
    });
  }
}

export async function townshipCodeOf(deps: CoreDeps, townshipId: number): Promise<string> {
  const [row] = await deps.db
    .select({ code: townships.code })
    .from(townships)
    .where(eq(townships.id, townshipId));
  return row?.code ?? 'unknown';
}
