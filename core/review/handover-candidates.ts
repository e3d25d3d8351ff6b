// Who a record under review can be handed over to (首问负责): the reviewers of its village other than
// its owner. Shared by every review workflow (certificate applications, service-file items).
import { and, eq, ne, sql } from 'drizzle-orm';
import { officerRoles, users } from '../../db/schema';
import type { CoreDeps } from '../deps';
import type { OwnedRecord } from './review-ownership';
import { REVIEW_DECIDERS } from './review-ownership';

export function handoverCandidates(db: CoreDeps['db'], record: OwnedRecord) {
  return db
    .selectDistinct({ userId: users.id, displayName: users.displayName })
    .from(officerRoles)
    .innerJoin(users, eq(users.id, officerRoles.userId))
    .where(
      and(
        eq(officerRoles.role, REVIEW_DECIDERS[0]),
        record.villageId === null
          ? sql`${officerRoles.villageIds} is null`
          : sql`(${officerRoles.villageIds} is null or ${record.villageId} = any(${officerRoles.villageIds}))`,
        ...(record.ownerOfficerId ? [ne(users.id, record.ownerOfficerId)] : []),
      ),
    )
    .orderBy(users.displayName, users.id);
}
