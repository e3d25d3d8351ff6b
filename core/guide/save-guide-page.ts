import { guidePages } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { parseOrThrow } from '../validation';
import { guidePolicy } from './guide-policy';
import { ZGuidePageSchema, ZGuideSlug } from './guide-schema';

/** Creates or replaces a page (publicity officers, admins); audited. */
export async function saveGuidePage(options: { deps: CoreDeps; actor: Actor; slug: string; input: unknown }) {
  const { deps, actor } = options;
  enforce(guidePolicy.edit, actor, undefined);
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
