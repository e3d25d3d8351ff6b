// Shared by the certificate use cases: loading an application with access checks, writing history
// events and queueing the applicant's status messages. Not a use case itself.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type ApplicationEventType, applicationEvents, certificateApplications } from '../../db/schema';
import { type Actor, assertCanActInVillage, canActInVillage } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { notifyUser } from '../notifications/notify-user';

export type ApplicationRow = typeof certificateApplications.$inferSelect;
/** A transaction or the db: history and state change together or not at all. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

/** Officer roles that review certificate applications; admins may look, reassign and revoke. */
export const REVIEW_ROLES = ['reviewer'] as const;
export const REVIEW_VIEW_ROLES = ['reviewer', 'admin'] as const;

/** Statuses in which the applicant may still change the form and documents. */
export const EDITABLE_STATUSES: readonly ApplicationRow['status'][] = ['draft', 'returned'];

export async function findApplication(db: Tx, applicationId: string, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select()
    .from(certificateApplications)
    .where(eq(certificateApplications.id, applicationId));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** The applicant's own application, or not_found (also for someone else's: ids cannot be probed). */
export async function loadOwnApplication(
  db: Tx,
  actor: Actor,
  applicationId: string,
  options: { forUpdate?: boolean } = {},
) {
  const row = await findApplication(db, applicationId, options);
  if (!row || row.applicantUserId !== actor.userId) throw new AppError('not_found');
  return row;
}

/** An application an officer may see: reviewers and admins whose villages include it. */
export async function loadApplicationInScope(
  db: Tx,
  actor: Actor,
  applicationId: string,
  options: { forUpdate?: boolean } = {},
) {
  const row = await findApplication(db, applicationId, options);
  // Drafts are the applicant's private notes until submitted.
  if (!row || row.status === 'draft') throw new AppError('not_found');
  assertCanActInVillage(actor, REVIEW_VIEW_ROLES, row.villageId);
  return row;
}

/** Only the owning reviewer acts on an application under review (首问负责). */
export function assertOwner(actor: Actor, row: ApplicationRow): void {
  if (!canActInVillage(actor, REVIEW_ROLES, row.villageId)) throw new AppError('out_of_scope');
  if (row.ownerOfficerId !== actor.userId) throw new AppError('not_owner');
}

export function assertStatus(row: ApplicationRow, allowed: readonly ApplicationRow['status'][]): void {
  if (!allowed.includes(row.status)) throw new AppError('invalid_transition');
}

export async function addEvent(
  db: Tx,
  deps: CoreDeps,
  event: {
    applicationId: string;
    type: ApplicationEventType;
    actorUserId: string | null;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(applicationEvents).values({ ...event, at: deps.clock.now() });
}

interface Decision {
  set: Partial<typeof certificateApplications.$inferInsert>;
  event: { type: ApplicationEventType; details?: Record<string, unknown> };
}

/**
 * A decision by the owning reviewer on an application under review: checks scope, ownership and
 * status under a row lock, applies the change and writes the history event in one transaction.
 * `decision` may be computed inside the transaction (issuing allocates a serial there).
 */
export async function decideAsOwner(
  deps: CoreDeps,
  actor: Actor,
  applicationId: string,
  decision: Decision | ((tx: Tx, current: ApplicationRow) => Promise<Decision>),
): Promise<ApplicationRow> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const current = await loadApplicationInScope(tx, actor, applicationId, { forUpdate: true });
    assertOwner(actor, current);
    assertStatus(current, ['in_review']);
    const { set, event } = typeof decision === 'function' ? await decision(tx, current) : decision;
    const [updated] = await tx
      .update(certificateApplications)
      .set({ ...set, updatedAt: now })
      .where(and(eq(certificateApplications.id, current.id), eq(certificateApplications.status, 'in_review')))
      .returning();
    await addEvent(tx, deps, { applicationId: current.id, actorUserId: actor.userId, ...event });
    return updated!;
  });
}

/** The applicant's chat message for a status change, in their language, with a button to the page. */
export async function notifyApplicant(
  deps: CoreDeps,
  row: Pick<ApplicationRow, 'id' | 'applicantUserId'>,
  messageKey: string,
  params: Record<string, string | number> = {},
): Promise<void> {
  await notifyUser({
    deps,
    message: {
      userId: row.applicantUserId,
      messageKey: `certificates:notify.${messageKey}`,
      params,
      button: { textKey: 'certificates:notify.open', path: `certificates/applications/${row.id}` },
    },
  });
}

/** A 'YYYY-MM-DD HH:mm' Shanghai-time label for deadlines in chat messages (same in every language). */
export function shanghaiDateTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
