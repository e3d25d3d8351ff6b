import { and, eq } from 'drizzle-orm';
import { applicationDocuments, storedFiles } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { loadApplicationFor } from './application-records';

/**
 * The bytes of one document of an application: for the applicant, and for reviewers (and admins)
 * of the application's village — each officer read is written to the audit log.
 */
export async function readApplicationDocument(options: {
  deps: CoreDeps;
  actor: Actor;
  applicationId: string;
  documentId: string;
}) {
  const { deps, actor } = options;
  const application = await loadApplicationFor(deps.db, actor, options.applicationId, 'readDocument');
  const isApplicant = application.applicantUserId === actor.userId;
  const [doc] = await deps.db
    .select({ kind: applicationDocuments.kind, file: storedFiles })
    .from(applicationDocuments)
    .innerJoin(storedFiles, eq(storedFiles.id, applicationDocuments.fileId))
    .where(
      and(
        eq(applicationDocuments.id, options.documentId),
        eq(applicationDocuments.applicationId, application.id),
      ),
    );
  if (!doc) throw new AppError('not_found');
  if (!isApplicant) {
    await recordAudit({
      deps,
      entry: {
        actorUserId: actor.userId,
        action: 'certificate_document.read',
        recordType: 'application_document',
        recordId: options.documentId,
        details: { applicationId: application.id, kind: doc.kind },
      },
    });
  }
  const object = await deps.files.get(doc.file.objectKey);
  if (!object) throw new AppError('not_found');
  return {
    contentType: doc.file.contentType,
    kind: doc.kind,
    bytes: new Uint8Array(await object.arrayBuffer()),
  };
}
