import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { loadOwnApplication } from './application-records';
import { applicationView } from './application-view';

/** The applicant's page: form, documents, the checklist of a return, history and certificate. */
export async function getOwnApplication(options: { deps: CoreDeps; actor: Actor; applicationId: string }) {
  const row = await loadOwnApplication(options.deps.db, options.actor, options.applicationId);
  return applicationView(options.deps, row, { forOfficer: false });
}
