import { desc } from 'drizzle-orm';
import { serviceAgreementVersions } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { meetItem } from './meet-item';
import { findItem, itemView, loadOwnItem, today } from './service-file-records';
import type { TAcknowledgeAgreement } from './service-file-schema';

/**
 * The person has read the service agreement (what the office provides, how to reach it) and
 * acknowledges it: the item is met for this version; a new version makes it due again.
 */
export async function acknowledgeAgreement(options: {
  deps: CoreDeps;
  actor: Actor;
  input: TAcknowledgeAgreement;
}) {
  const { deps, actor, input } = options;
  const [current] = await deps.db
    .select({ version: serviceAgreementVersions.version })
    .from(serviceAgreementVersions)
    .orderBy(desc(serviceAgreementVersions.version))
    .limit(1);
  if (!current || current.version !== input.version)
    throw new AppError('validation_failed', {
      fields: [{ path: 'version', message: 'serviceFile:validation.agreementVersion' }],
    });
  const result = await deps.db.transaction(async (tx) => {
    const item = await loadOwnItem(tx, actor, 'service_agreement', 'acknowledge', { forUpdate: true });
    if (item.status === 'verified' && item.metRef === String(input.version))
      return { id: item.id, receipt: null };
    const met = await meetItem(tx, deps, item, {
      decidedBy: null,
      metRef: String(input.version),
      details: { version: String(input.version) },
    });
    return { id: item.id, receipt: met.receipt };
  });
  const row = (await findItem(deps.db, result.id))!;
  return { ...itemView(actor, row, today(deps)), receipt: result.receipt };
}
