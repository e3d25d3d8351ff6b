import { and, asc, eq, isNull, ne, notInArray, sql } from 'drizzle-orm';
import { officerRoles, townships } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { loadActorById } from '../users/load-actor-by-id';
import { parseOrThrow } from '../validation';
import { checkVillagesExist } from './check-villages';
import { officerPolicy } from './officer-policy';
import { OWNED_WORK_KINDS, type OwnedWorkKind, successorFor, ZChangeOfficerSchema } from './officer-schema';
import { OWNED_WORK, strandedWork } from './owned-work';

/**
 * Changes an officer's roles and scope, or removes them (no roles). Takes effect on their next
 * request, since roles are loaded per request (core/users/load-actor.ts). Never leaves open work
 * without an owner (applications and service-file items under review, tip-off cases — owned-work.ts):
 * what the officer could no longer own is first handed over to `handoverTo` (one successor, or one per
 * kind; each aggregate's hand-over use case, so each one is in the record's history); without a
 * successor the change is refused with handover_required and the counts. The last township-wide admin
 * cannot be removed.
 */
export async function changeOfficer(options: {
  deps: CoreDeps;
  actor: Actor;
  userId: string;
  input: unknown;
}) {
  const { deps, actor, userId } = options;
  enforce(officerPolicy.manage, actor, { userId });
  const input = parseOrThrow(ZChangeOfficerSchema, options.input);
  const officer = await loadActorById({ deps, userId });
  if (!officer || officer.roles.length === 0) throw new AppError('not_found');
  if (input.roles.length) await checkVillagesExist(deps, input.villageIds);
  const after: Actor = {
    ...officer,
    roles: input.roles.map((role) => ({ role, villageIds: input.villageIds })),
  };

  const wasTownshipAdmin = officer.roles.some((g) => g.role === 'admin' && g.villageIds === null);
  const staysTownshipAdmin = after.roles.some((g) => g.role === 'admin' && g.villageIds === null);
  if (wasTownshipAdmin && !staysTownshipAdmin) {
    const [other] = await deps.db
      .select({ id: officerRoles.id })
      .from(officerRoles)
      .where(
        and(eq(officerRoles.role, 'admin'), isNull(officerRoles.villageIds), ne(officerRoles.userId, userId)),
      )
      .limit(1);
    if (!other) throw new AppError('last_admin');
  }

  // Every successor is checked before anything moves: a refusal leaves all work where it was.
  const stranded = await strandedWork(deps, userId, after);
  const kinds = OWNED_WORK_KINDS.filter((k) => stranded[k].length > 0);
  const handedOver = kinds.reduce((n, k) => n + stranded[k].length, 0);
  const missing = kinds.filter((k) => !successorFor(input.handoverTo, k));
  if (missing.length) {
    const counts = Object.fromEntries(OWNED_WORK_KINDS.map((k) => [k, stranded[k].length]));
    throw new AppError('handover_required', { params: { count: handedOver, ...counts } });
  }
  const successors = new Map<OwnedWorkKind, Actor>();
  for (const kind of kinds) {
    const target = await loadActorById({ deps, userId: successorFor(input.handoverTo, kind)! });
    if (
      !target ||
      target.userId === userId ||
      !stranded[kind].every((r) => OWNED_WORK[kind].canOwn(target, r))
    ) {
      throw new AppError('validation_failed', {
        fields: [
          {
            path: typeof input.handoverTo === 'string' ? 'handoverTo' : `handoverTo.${kind}`,
            message: `admin:validation.handoverTarget.${kind}`,
          },
        ],
      });
    }
    successors.set(kind, target);
  }
  for (const kind of kinds) {
    for (const r of stranded[kind])
      await OWNED_WORK[kind].handOver(deps, actor, r.id, successors.get(kind)!.userId);
  }

  await deps.db.transaction(async (tx) => {
    const [township] = await tx
      .select({ id: townships.id })
      .from(townships)
      .orderBy(asc(townships.id))
      .limit(1);
    await tx
      .delete(officerRoles)
      .where(
        and(
          eq(officerRoles.userId, userId),
          ...(input.roles.length ? [notInArray(officerRoles.role, input.roles)] : []),
        ),
      );
    for (const role of input.roles) {
      await tx
        .insert(officerRoles)
        .values({ userId, townshipId: township!.id, role, villageIds: input.villageIds })
        .onConflictDoUpdate({
          target: [officerRoles.userId, officerRoles.role],
          set: { villageIds: input.villageIds === null ? sql`null` : input.villageIds },
        });
    }
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: input.roles.length ? 'officer.change' : 'officer.remove',
      recordType: 'officer',
      recordId: userId,
      details: {
        roles: input.roles.join(','),
        villages: input.villageIds?.join(',') ?? 'township',
        handedOver,
        ...Object.fromEntries(kinds.map((k) => [`handoverTo_${k}`, successors.get(k)!.userId])),
      },
    },
  });
  return { handedOver };
}
