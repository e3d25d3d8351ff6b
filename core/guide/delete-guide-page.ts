import { eq } from 'drizzle-orm';
import { guidePages } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { type Actor, assertRole } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { GUIDE_EDIT_ROLES } from './guide-schema';

/** Removes a page (publicity officers, admins); audited. */
export async function deleteGuidePage(options: { deps: CoreDeps; actor: Actor; slug: string }) {
  const { deps, actor } = options;
  assertRole(actor, GUIDE_EDIT_ROLES);
  const removed = await deps.db.delete(guidePages).where(eq(guidePages.slug, options.slug)).returning();
  if (removed.length === 0) throw new AppError('not_found');
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'guide.delete',
      recordType: 'guide_page',
      recordId: options.slug,
    },
  });
}
