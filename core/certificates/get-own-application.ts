import type { Actor } from '../auth/actor';
import { canFlags } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { applicationPolicy } from './application-policy';
import { loadApplicationFor } from './application-records';
import { applicationView } from './application-view';

/** The applicant's page: form, documents, the checklist of a return, history and certificate. */
export async function getOwnApplication(options: { deps: CoreDeps; actor: Actor; applicationId: string }) {
  const row = await loadApplicationFor(options.deps.db, options.actor, options.applicationId, 'readOwn');
  const view = await applicationView(options.deps, row, { forOfficer: false });
  return { ...view, can: canFlags(applicationPolicy, options.actor, row, ['edit'] as const) };
}
