// Re-routing on resubmission: an applicant may correct the village of a returned application. The
// change is recorded in its history (the applicant and reviewers see it) and, when the owning
// reviewer does not cover the new village, ownership is released so that its reviewers see and take
// it (首问负责 moves with the village) — an application is never left with an owner who cannot act.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { applicationEvents, officerRoles, villages } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { canOwn } from './application-policy';
import { type ApplicationRow, addEvent, type Tx } from './application-records';

export interface Rerouting {
  fromVillageId: number | null;
  toVillageId: number | null;
  /** The previous owner, when they no longer own it. */
  releasedFrom: string | null;
}

/** The village the office last received it for: submissions and re-routings record it. */
async function lastRoutedVillage(tx: Tx, applicationId: string): Promise<number | null | undefined> {
  const [last] = await tx
    .select({ details: applicationEvents.details })
    .from(applicationEvents)
    .where(
      and(
        eq(applicationEvents.applicationId, applicationId),
        inArray(applicationEvents.type, ['submitted', 'resubmitted', 'rerouted']),
      ),
    )
    .orderBy(desc(applicationEvents.at), desc(applicationEvents.id))
    .limit(1);
  const v = last?.details?.villageId;
  return typeof v === 'number' ? v : undefined;
}

/**
 * Decides who owns a resubmitted application: the same reviewer while they cover its village, else
 * nobody (back to the new village's queue). Writes the `rerouted` history event in the caller's
 * transaction when the village changed or the owner was released; null when nothing moved.
 */
export async function routeResubmission(
  tx: Tx,
  deps: CoreDeps,
  actor: Actor,
  row: ApplicationRow,
): Promise<{ ownerOfficerId: string | null; rerouting: Rerouting | null }> {
  const previous = await lastRoutedVillage(tx, row.id);
  const keeps = row.ownerOfficerId !== null && canOwn(await grantsOf(tx, row.ownerOfficerId), row);
  const ownerOfficerId = keeps ? row.ownerOfficerId : null;
  const moved = previous !== undefined && previous !== row.villageId;
  const released = row.ownerOfficerId !== null && !keeps;
  if (!moved && !released) return { ownerOfficerId, rerouting: null };

  const rerouting = {
    fromVillageId: previous ?? null,
    toVillageId: row.villageId,
    releasedFrom: released ? row.ownerOfficerId : null,
  };
  const names = await villageNames(tx, [rerouting.fromVillageId, rerouting.toVillageId]);
  await addEvent(tx, deps, {
    applicationId: row.id,
    type: 'rerouted',
    actorUserId: actor.userId,
    details: {
      villageId: row.villageId,
      fromVillageId: rerouting.fromVillageId,
      fromVillageName: names.get(rerouting.fromVillageId ?? -1) ?? null,
      toVillageName: names.get(rerouting.toVillageId ?? -1) ?? null,
      ownerReleased: released,
    },
  });
  return { ownerOfficerId, rerouting };
}

/** After the transaction: the audit entry, and the released owner is told it left their hands. */
export async function announceRerouting(
  deps: CoreDeps,
  actor: Actor,
  applicationId: string,
  rerouting: Rerouting,
): Promise<void> {
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'certificate_application.reroute',
      recordType: 'certificate_application',
      recordId: applicationId,
      details: {
        fromVillageId: rerouting.fromVillageId,
        toVillageId: rerouting.toVillageId,
        releasedFrom: rerouting.releasedFrom,
      },
    },
  });
  if (rerouting.releasedFrom) {
    await deps.jobs.send({
      type: 'notify-user',
      userId: rerouting.releasedFrom,
      messageKey: 'certificates:notify.officerRerouted',
      params: {},
    });
  }
}

/**
 * An officer's grants, read in the caller's transaction: the Worker's database client has one
 * connection, so a query outside the transaction would wait for it forever.
 */
async function grantsOf(tx: Tx, userId: string): Promise<Actor> {
  const roles = await tx
    .select({ role: officerRoles.role, villageIds: officerRoles.villageIds })
    .from(officerRoles)
    .where(eq(officerRoles.userId, userId));
  return { userId, telegramId: 0, villageId: null, roles };
}

async function villageNames(tx: Tx, ids: (number | null)[]) {
  const wanted = ids.filter((x): x is number => x !== null);
  if (!wanted.length) return new Map<number, string>();
  const rows = await tx
    .select({ id: villages.id, name: villages.name })
    .from(villages)
    .where(inArray(villages.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
