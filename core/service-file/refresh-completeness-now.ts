// An officer's "refresh now" on the completeness dashboard: after verifying items they need not wait
// up to 15 minutes for the cron. The snapshot is recomputed only when it is a minute old or more — one
// run a minute township-wide, whoever asks; simultaneous asks queue on refreshCompleteness's advisory
// lock and the later ones find it fresh — then the figures are answered as GET does (O(villages)).
import type { Actor } from '../auth/actor';
import { ruleScope } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { getCompleteness } from './get-completeness';
import { COMPLETENESS_MANUAL_MIN_AGE_MS, refreshCompleteness } from './refresh-completeness';
import { serviceFilePolicy } from './service-file-policy';
import type { TCompletenessQuery } from './service-file-schema';

export async function refreshCompletenessNow(options: {
  deps: CoreDeps;
  actor: Actor;
  query: TCompletenessQuery;
}) {
  const { deps, actor, query } = options;
  // Refused before any work: the recompute reads every item.
  ruleScope(serviceFilePolicy.view, actor);
  const { refreshed } = await refreshCompleteness({
    deps,
    onlyIfStale: true,
    staleAfterMs: COMPLETENESS_MANUAL_MIN_AGE_MS,
  });
  return { refreshed, ...(await getCompleteness({ deps, actor, query })) };
}
