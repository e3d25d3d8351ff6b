import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import { certificateApplications, storedFiles } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { addDocument, DOCUMENT_PURPOSE } from './add-document';
import { EDITABLE_STATUSES } from './application-policy';
import { ZDocumentLabelSchema } from './application-schema';
import { AWAITING_LABEL_PURPOSE } from './await-document-label';

/** A name typed later than this is a new message, not the answer to "what is this document?". */
export const LABEL_WAIT_MS = 60 * 60 * 1000;

/**
 * The applicant's text after they chose "other" for a file sent to the bot: it names the document
 * ("居住证"), which is attached to their editable application as an 'other' document with that label.
 * Null when no file waits for a name (the text is then something else: a question, a greeting).
 */
export async function attachLabelledBotDocument(options: { deps: CoreDeps; actor: Actor; text: string }) {
  const { deps, actor } = options;
  const since = new Date(deps.clock.now().getTime() - LABEL_WAIT_MS);
  const [waiting] = await deps.db
    .select({ id: storedFiles.id, createdAt: storedFiles.createdAt })
    .from(storedFiles)
    .where(
      and(
        eq(storedFiles.ownerUserId, actor.userId),
        eq(storedFiles.purpose, AWAITING_LABEL_PURPOSE),
        gt(storedFiles.createdAt, since),
      ),
    )
    .orderBy(desc(storedFiles.createdAt))
    .limit(1);
  if (!waiting) return null;
  const label = ZDocumentLabelSchema.safeParse(options.text);
  if (!label.success) {
    throw new AppError('validation_failed', {
      fields: [
        { path: 'label', message: label.error.issues[0]?.message ?? 'certificates:validation.invalidValue' },
      ],
    });
  }
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
  // Claimed before attaching, so a redelivered or doubled message attaches the file once.
  const claimed = await setPurpose(deps, waiting.id, AWAITING_LABEL_PURPOSE, DOCUMENT_PURPOSE);
  if (!claimed) return null;
  try {
    await addDocument({
      deps,
      actor,
      applicationId: open.id,
      kind: 'other',
      label: label.data,
      source: 'bot',
      file: { fileId: waiting.id },
    });
  } catch (e) {
    await setPurpose(deps, waiting.id, DOCUMENT_PURPOSE, AWAITING_LABEL_PURPOSE);
    throw e;
  }
  return { applicationId: open.id, label: label.data };
}

async function setPurpose(deps: CoreDeps, fileId: string, from: string, to: string): Promise<boolean> {
  const rows = await deps.db
    .update(storedFiles)
    .set({ purpose: to })
    .where(and(eq(storedFiles.id, fileId), eq(storedFiles.purpose, from)))
    .returning({ id: storedFiles.id });
  return rows.length > 0;
}
