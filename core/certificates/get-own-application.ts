import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { loadApplicationFor } from './application-records';
import { applicationView } from './application-view';

/** The applicant's page: form, documents, the checklist of a return, history and certificate. */
export async function getOwnApplication(options: { deps: CoreDeps; actor: Actor; applicationId: string }) {
  const row = await loadApplicationFor(options.deps.db, options.actor, options.applicationId, 'readOwn');
  return applicationView(options.deps, row, { forOfficer: false });
}
