import { and, asc, eq, isNull, ne, notInArray, sql } from 'drizzle-orm';
import { officerRoles, townships } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import { canOwn } from '../certificates/application-policy';
import { handOverApplication } from '../certificates/hand-over-application';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { loadActorById } from '../users/load-actor-by-id';
import { parseOrThrow } from '../validation';
import { checkVillagesExist } from './check-villages';
import { officerPolicy } from './officer-policy';
import { ZChangeOfficerSchema } from './officer-schema';
import { ownedApplications } from './owned-applications';

/**
 * Changes an officer's roles and scope, or removes them (no roles). Takes effect on their next
 * request, since roles are loaded per request (core/users/load-actor.ts). Never leaves an application
 * without an owner: those the officer could no longer own are first handed over to `handoverTo`
 * (the hand-over use case, each one in the application's history); without one the change is
 * refused with handover_required and the count. The last township-wide admin cannot be removed.
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

  const orphans = (await ownedApplications(deps, userId)).filter((a) => !canOwn(after, a));
  if (orphans.length) {
    if (!input.handoverTo) throw new AppError('handover_required', { params: { count: orphans.length } });
    const target = await loadActorById({ deps, userId: input.handoverTo });
    if (!target || target.userId === userId || !orphans.every((a) => canOwn(target, a))) {
      throw new AppError('validation_failed', {
        fields: [{ path: 'handoverTo', message: 'certificates:validation.handoverTarget' }],
      });
    }
    for (const a of orphans) {
      await handOverApplication({
        deps,
        actor,
        applicationId: a.id,
        input: { toOfficerUserId: target.userId },
      });
    }
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
        handedOver: orphans.length,
        ...(orphans.length ? { handoverTo: input.handoverTo ?? null } : {}),
      },
    },
  });
  return { handedOver: orphans.length };
}
