import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { listReviewQueue } from './list-review-queue';
import { classifySearch, type TReviewSearch } from './review-search-schema';

/**
 * Searches the reviewer's queue (their villages only) by serial, ID-number tail or name. The audit
 * log keeps that a search was made, of which kind and how many it found — never the term.
 */
export async function searchReviewQueue(options: { deps: CoreDeps; actor: Actor; input: TReviewSearch }) {
  const { deps, actor, input } = options;
  const { q, ...filters } = input;
  const search = classifySearch(q);
  const result = await listReviewQueue({ deps, actor, query: { ...filters, view: 'open' }, search });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'certificate_application.search',
      recordType: 'certificate_application',
      recordId: '*',
      details: { kind: search.kind, found: result.total },
    },
  });
  return { kind: search.kind, ...result };
}
