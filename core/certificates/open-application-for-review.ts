import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { loadApplicationFor } from './application-records';
import { applicationView, officerExtras } from './application-view';

/**
 * A reviewer or admin opens an application: its data, documents, history, owner and what they may do
 * now. Opening changes nothing — taking it up is its own action (claim-application.ts), offered on
 * the screen — but every officer read is audited.
 */
export async function openApplicationForReview(options: {
  deps: CoreDeps;
  actor: Actor;
  applicationId: string;
}) {
  const { deps, actor } = options;
  const row = await loadApplicationFor(deps.db, actor, options.applicationId, 'view');
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'certificate_application.read',
      recordType: 'certificate_application',
      recordId: row.id,
    },
  });
  const view = await applicationView(deps, row, { forOfficer: true });
  return { ...view, ...(await officerExtras(deps, row, actor, view)) };
}
