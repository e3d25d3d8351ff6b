import { eq } from 'drizzle-orm';
import { guidePages } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { guidePolicy } from './guide-policy';

/** Removes a page (publicity officers, admins); audited. */
export async function deleteGuidePage(options: { deps: CoreDeps; actor: Actor; slug: string }) {
  const { deps, actor } = options;
  enforce(guidePolicy.edit, actor, undefined);
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
