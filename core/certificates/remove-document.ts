import { and, eq } from 'drizzle-orm';
import { applicationDocuments } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { loadApplicationFor } from './application-records';

/** The applicant takes a document off the application while it is still editable. */
export async function removeDocument(options: {
  deps: CoreDeps;
  actor: Actor;
  applicationId: string;
  documentId: string;
}) {
  const { deps, actor } = options;
  const row = await loadApplicationFor(deps.db, actor, options.applicationId, 'edit');
  const removed = await deps.db
    .delete(applicationDocuments)
    .where(
      and(eq(applicationDocuments.id, options.documentId), eq(applicationDocuments.applicationId, row.id)),
    )
    .returning({ id: applicationDocuments.id });
  if (removed.length === 0) throw new AppError('not_found');
}
