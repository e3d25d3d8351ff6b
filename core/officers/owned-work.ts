// 首问负责: the open work an officer owns, in every aggregate with an owner — certificate applications
// under review, tip-off cases (their case handler) and service-file items under review — and who may
// take each over. The one place changing or removing an officer checks (change-officer.ts) and the
// officers' list counts (list-officers.ts); each aggregate hands over through its own use case.
import { and, count, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import { certificateApplications, serviceItems, tips } from '../../db/schema';
import { type Actor, hasRole } from '../auth/actor';
import { canOwn } from '../certificates/application-policy';
import { handOverApplication } from '../certificates/hand-over-application';
import type { CoreDeps } from '../deps';
import { canOwnInVillage } from '../review/review-ownership';
import { handOverServiceItem } from '../service-file/review-service-item';
import { handOverTip } from '../tipoffs/hand-over-tip';
import { OWNED_WORK_KINDS, type OwnedWorkKind } from './officer-schema';

/** Statuses in which an application has an owning reviewer who must never just disappear. */
export const OWNED_APPLICATION_STATUSES = ['submitted', 'in_review', 'returned'] as const;

interface OwnedRecord {
  id: string;
  villageId: number | null;
}

interface OwnedWork {
  /** The open records `userId` owns. */
  owned(deps: CoreDeps, userId: string): Promise<OwnedRecord[]>;
  /** Open records per owner, for the officers' list. */
  countByOwner(deps: CoreDeps): Promise<{ userId: string | null; n: number }[]>;
  /** Whether `actor` (the officer after the change, or a successor) may own the record. */
  canOwn(actor: Actor, record: OwnedRecord): boolean;
  /** The aggregate's own hand-over use case: history, audit and the new owner told. */
  handOver(deps: CoreDeps, admin: Actor, id: string, toUserId: string): Promise<void>;
}

const applicationOpen = inArray(certificateApplications.status, [...OWNED_APPLICATION_STATUSES]);
/** A tip case is owned until it is closed (the owner writes the closing summary). */
const tipOpen = ne(tips.status, 'closed');
/** A service-file item is owned only while its submission waits for the owning reviewer. */
const itemOpen = eq(serviceItems.status, 'submitted');

export const OWNED_WORK: Record<OwnedWorkKind, OwnedWork> = {
  application: {
    owned: (deps, userId) =>
      deps.db
        .select({ id: certificateApplications.id, villageId: certificateApplications.villageId })
        .from(certificateApplications)
        .where(and(eq(certificateApplications.ownerOfficerId, userId), applicationOpen)),
    countByOwner: (deps) =>
      deps.db
        .select({ userId: certificateApplications.ownerOfficerId, n: count() })
        .from(certificateApplications)
        .where(and(applicationOpen, isNotNull(certificateApplications.ownerOfficerId)))
        .groupBy(certificateApplications.ownerOfficerId),
    canOwn: (actor, r) => canOwn(actor, r),
    handOver: async (deps, admin, id, toUserId) => {
      await handOverApplication({
        deps,
        actor: admin,
        applicationId: id,
        input: { toOfficerUserId: toUserId },
      });
    },
  },
  tip: {
    owned: (deps, userId) =>
      deps.db
        .select({ id: tips.id, villageId: tips.villageId })
        .from(tips)
        .where(and(eq(tips.ownerOfficerId, userId), tipOpen)),
    countByOwner: (deps) =>
      deps.db
        .select({ userId: tips.ownerOfficerId, n: count() })
        .from(tips)
        .where(and(tipOpen, isNotNull(tips.ownerOfficerId)))
        .groupBy(tips.ownerOfficerId),
    // Tips are township-wide: any case handler may take one over (tipoff-policy.ts).
    canOwn: (actor) => hasRole(actor, 'case_handler'),
    handOver: async (deps, admin, id, toUserId) => {
      await handOverTip({ deps, actor: admin, tipId: id, input: { toOfficerUserId: toUserId } });
    },
  },
  service_item: {
    owned: (deps, userId) =>
      deps.db
        .select({ id: serviceItems.id, villageId: serviceItems.villageId })
        .from(serviceItems)
        .where(and(eq(serviceItems.ownerOfficerId, userId), itemOpen)),
    countByOwner: (deps) =>
      deps.db
        .select({ userId: serviceItems.ownerOfficerId, n: count() })
        .from(serviceItems)
        .where(and(itemOpen, isNotNull(serviceItems.ownerOfficerId)))
        .groupBy(serviceItems.ownerOfficerId),
    canOwn: (actor, r) => canOwnInVillage(actor, r.villageId),
    handOver: async (deps, admin, id, toUserId) => {
      await handOverServiceItem({ deps, actor: admin, itemId: id, input: { toOfficerUserId: toUserId } });
    },
  },
};

export type OwnedCounts = Record<OwnedWorkKind, number>;

/** The records, per kind, that `after` (the officer's roles and scope after a change) could no longer own. */
export async function strandedWork(deps: CoreDeps, userId: string, after: Actor) {
  const stranded = {} as Record<OwnedWorkKind, OwnedRecord[]>;
  for (const kind of OWNED_WORK_KINDS) {
    const work = OWNED_WORK[kind];
    stranded[kind] = (await work.owned(deps, userId)).filter((r) => !work.canOwn(after, r));
  }
  return stranded;
}

/** Open records per officer and kind (what a removal would have to hand over). */
export async function ownedCountsByOfficer(deps: CoreDeps): Promise<Map<string, OwnedCounts>> {
  const counts = new Map<string, OwnedCounts>();
  for (const kind of OWNED_WORK_KINDS) {
    for (const row of await OWNED_WORK[kind].countByOwner(deps)) {
      if (!row.userId) continue;
      const c = counts.get(row.userId) ?? { application: 0, tip: 0, service_item: 0 };
      c[kind] = row.n;
      counts.set(row.userId, c);
    }
  }
  return counts;
}
