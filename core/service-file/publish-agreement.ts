import { and, eq, sql } from 'drizzle-orm';
import { serviceAgreementVersions, serviceItems } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { runtimeSettings } from '../settings/runtime-settings';
import { firstDueOn } from './item-rules';
import { serviceFilePolicy } from './service-file-policy';
import { dueFields } from './service-file-records';
import type { TPublishAgreement } from './service-file-schema';

/**
 * An admin publishes a new version of the service agreement (texts in every language). Everyone who
 * acknowledged an older version has the item due again (due as for a new departure).
 */
export async function publishAgreement(options: { deps: CoreDeps; actor: Actor; input: TPublishAgreement }) {
  const { deps, actor, input } = options;
  enforce(serviceFilePolicy.publishAgreement, actor, null as never);
  const now = deps.clock.now();
  const settings = (await runtimeSettings(deps)).serviceFile;
  const version = await deps.db.transaction(async (tx) => {
    await tx.execute(sql`lock table ${serviceAgreementVersions} in exclusive mode`);
    const [{ next } = { next: 1 }] = await tx
      .select({ next: sql<number>`coalesce(max(${serviceAgreementVersions.version}), 0)::int + 1` })
      .from(serviceAgreementVersions);
    await tx
      .insert(serviceAgreementVersions)
      .values({ version: next, texts: input.texts, publishedAt: now, publishedBy: actor.userId });
    if (next > 1)
      await tx
        .update(serviceItems)
        .set({ status: 'due_again', ...dueFields(firstDueOn(now, settings), settings), updatedAt: now })
        .where(and(eq(serviceItems.kind, 'service_agreement'), eq(serviceItems.status, 'verified')));
    return next;
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'service_agreement.publish',
      recordType: 'service_agreement',
      recordId: String(version),
    },
  });
  return { version };
}
