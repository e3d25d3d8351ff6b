import { and, eq, inArray } from 'drizzle-orm';
import { certificateApplications } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { storeFile } from '../files/store-file';
import { EDITABLE_STATUSES } from './application-policy';

export const PENDING_DOCUMENT_PURPOSE = 'certificate_document_pending';

/**
 * A photo or PDF sent to the bot: it belongs to the person's editable application (draft, or
 * returned for more information). The file is checked and kept now; the bot then asks which
 * document it is and attachDocument files it under that kind. Fails with a clear reason when
 * there is no application to attach to, or it is locked for review.
 */
export async function receiveBotDocument(options: {
  deps: CoreDeps;
  actor: Actor;
  bytes: Uint8Array;
  /** The document's name in the chat (photos have none). */
  fileName?: string | null;
}) {
  const { deps, actor } = options;
  const [open] = await deps.db
    .select({ id: certificateApplications.id, status: certificateApplications.status })
    .from(certificateApplications)
    .where(
      and(
        eq(certificateApplications.applicantUserId, actor.userId),
        inArray(certificateApplications.status, ['draft', 'submitted', 'in_review', 'returned']),
      ),
    );
  if (!open) throw new AppError('no_open_application');
  if (!EDITABLE_STATUSES.includes(open.status)) throw new AppError('application_locked');
  const file = await storeFile({
    deps,
    ownerUserId: actor.userId,
    purpose: PENDING_DOCUMENT_PURPOSE,
    bytes: options.bytes,
    fileName: options.fileName,
  });
  return { applicationId: open.id, fileId: file.id, contentType: file.contentType };
}
