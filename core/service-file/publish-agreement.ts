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
 * acknowledged an older version has the item due again (due as for a new departure) and is asked by
 * chat to read and acknowledge the new one.
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
    const asked =
      next > 1
        ? await tx
            .update(serviceItems)
            .set({ status: 'due_again', ...dueFields(firstDueOn(now, settings), settings), updatedAt: now })
            .where(and(eq(serviceItems.kind, 'service_agreement'), eq(serviceItems.status, 'verified')))
            .returning({ userId: serviceItems.userId })
        : [];
    return { next, asked: asked.map((r) => r.userId) };
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'service_agreement.publish',
      recordType: 'service_agreement',
      recordId: String(version.next),
    },
  });
  // Everyone who had acknowledged an older version is asked, in their language, to read the new one.
  for (let i = 0; i < version.asked.length; i += 100)
    await deps.jobs.sendBatch(
      version.asked.slice(i, i + 100).map((userId) => ({
        body: {
          type: 'notify-user' as const,
          userId,
          messageKey: 'serviceFile:notify.agreementChanged',
          params: { version: version.next },
          button: { textKey: 'serviceFile:notify.open', path: 'service-file/items/service_agreement' },
        },
      })),
    );
  return { version: version.next, asked: version.asked.length };
}
