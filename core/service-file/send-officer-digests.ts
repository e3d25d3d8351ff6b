import { and, eq, sql } from 'drizzle-orm';
import { officerRoles, serviceDigests, serviceItems } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { outOfQuietHours } from './reminder-rules';
import { today } from './service-file-records';

/**
 * Cron: once a Beijing day (outside the quiet hours), each reviewer with submitted items waiting in
 * their villages gets one message with the count; service_digests makes a second run that day a no-op.
 */
export async function sendOfficerDigests(options: { deps: CoreDeps }) {
  const { deps } = options;
  const now = deps.clock.now();
  if (outOfQuietHours(now).getTime() !== now.getTime()) return { digests: 0 };
  const day = today(deps);
  const waiting = await deps.db
    .select({
      userId: officerRoles.userId,
      n: sql<number>`count(distinct ${serviceItems.id})::int`,
    })
    .from(officerRoles)
    .innerJoin(
      serviceItems,
      and(
        eq(serviceItems.status, 'submitted'),
        sql`(${officerRoles.villageIds} is null or ${serviceItems.villageId} = any(${officerRoles.villageIds}))`,
        sql`(${serviceItems.ownerOfficerId} is null or ${serviceItems.ownerOfficerId} = ${officerRoles.userId})`,
      ),
    )
    .where(eq(officerRoles.role, 'reviewer'))
    .groupBy(officerRoles.userId);
  let digests = 0;
  for (const w of waiting) {
    const [claimed] = await deps.db
      .insert(serviceDigests)
      .values({ officerUserId: w.userId, day, waiting: w.n, sentAt: now })
      .onConflictDoNothing()
      .returning({ day: serviceDigests.day });
    if (!claimed) continue;
    await deps.jobs.send({
      type: 'notify-user',
      userId: w.userId,
      messageKey: 'serviceFile:notify.digest',
      params: { count: w.n },
      button: { textKey: 'serviceFile:notify.openReview', path: 'review/service-file' },
    });
    digests += 1;
  }
  return { digests };
}
