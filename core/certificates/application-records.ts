// Shared by the certificate use cases: loading an application with access checks, writing history
// events and queueing the applicant's status messages. Not a use case itself.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type ApplicationEventType, applicationEvents, certificateApplications } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { TDeliverCertificateJob } from '../notifications/jobs';
import { notifyUser } from '../notifications/notify-user';
import type { ReviewTable } from '../review/review-table';
import { applicationPolicy } from './application-policy';

export type ApplicationRow = typeof certificateApplications.$inferSelect;
/** A transaction or the db: history and state change together or not at all. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

/** The columns the shared review workflow (core/review) works on. */
export const APPLICATION_REVIEW_TABLE: ReviewTable = {
  table: certificateApplications,
  id: certificateApplications.id,
  status: certificateApplications.status,
  villageId: certificateApplications.villageId,
  ownerOfficerId: certificateApplications.ownerOfficerId,
  deadlineAt: certificateApplications.deadlineAt,
  overdueAt: certificateApplications.overdueAt,
};

export async function findApplication(db: Tx, applicationId: string, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select()
    .from(certificateApplications)
    .where(eq(certificateApplications.id, applicationId));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/**
 * An application the actor may `action` (application-policy.ts decides: someone else's is not_found
 * to the applicant side, out_of_scope to an officer of other villages, and so on).
 */
export async function loadApplicationFor(
  db: Tx,
  actor: Actor,
  applicationId: string,
  action: keyof typeof applicationPolicy,
  options: { forUpdate?: boolean } = {},
) {
  const row = await findApplication(db, applicationId, options);
  if (!row) throw new AppError('not_found');
  enforce(applicationPolicy[action], actor, row);
  return row;
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
    // Scope, ownership (首问负责) and status, under a row lock.
    const current = await loadApplicationFor(tx, actor, applicationId, 'decide', { forUpdate: true });
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
  followUp?: TDeliverCertificateJob,
): Promise<void> {
  await notifyUser({
    deps,
    message: {
      userId: row.applicantUserId,
      messageKey: `certificates:notify.${messageKey}`,
      params,
      button: { textKey: 'certificates:notify.open', path: `certificates/applications/${row.id}` },
      ...(followUp ? { followUp } : {}),
    },
  });
}

/** A 'YYYY-MM-DD HH:mm' Shanghai-time label for deadlines in chat messages (same in every language). */
export function shanghaiDateTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
