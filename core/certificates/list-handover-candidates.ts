import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { handoverCandidates } from '../review/handover-candidates';
import { loadApplicationFor } from './application-records';

/** Reviewers of the application's village, other than its owner: who it can be handed over to. */
export async function listHandoverCandidates(options: {
  deps: CoreDeps;
  actor: Actor;
  applicationId: string;
}) {
  const { deps, actor } = options;
  const row = await loadApplicationFor(deps.db, actor, options.applicationId, 'view');
  return handoverCandidates(deps.db, row);
}
