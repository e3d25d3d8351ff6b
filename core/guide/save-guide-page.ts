import { guidePages } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { type Actor, assertRole } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { parseOrThrow } from '../validation';
import { GUIDE_EDIT_ROLES, ZGuidePageSchema, ZGuideSlug } from './guide-schema';

/** Creates or replaces a page (publicity officers, admins); audited. */
export async function saveGuidePage(options: { deps: CoreDeps; actor: Actor; slug: string; input: unknown }) {
  const { deps, actor } = options;
  assertRole(actor, GUIDE_EDIT_ROLES);
  const slug = parseOrThrow(ZGuideSlug, options.slug);
  const input = parseOrThrow(ZGuidePageSchema, options.input);
  const now = deps.clock.now();
  const content = Object.fromEntries(Object.entries(input.content).filter(([, v]) => v !== undefined));
  await deps.db
    .insert(guidePages)
    .values({ slug, sort: input.sort, content, updatedBy: actor.userId, updatedAt: now })
    .onConflictDoUpdate({
      target: guidePages.slug,
      set: { sort: input.sort, content, updatedBy: actor.userId, updatedAt: now },
    });
  await recordAudit({
    deps,
    entry: { actorUserId: actor.userId, action: 'guide.save', recordType: 'guide_page', recordId: slug },
  });
  return { slug };
}
