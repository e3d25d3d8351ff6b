import { and, eq } from 'drizzle-orm';
import { storedFiles } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { PENDING_DOCUMENT_PURPOSE } from './receive-bot-document';

/** A file sent to the bot that waits for the name the applicant types next ("居住证"). */
export const AWAITING_LABEL_PURPOSE = 'certificate_document_awaiting_label';

/**
 * The applicant said a file sent to the bot is an "other" document: it now waits for its name, which
 * their next text message gives (attach-labelled-bot-document.ts). Only one file waits at a time: an
 * earlier one still waiting goes back to waiting for its kind.
 */
export async function awaitDocumentLabel(options: { deps: CoreDeps; actor: Actor; fileId: string }) {
  const { deps, actor } = options;
  await deps.db.transaction(async (tx) => {
    await tx
      .update(storedFiles)
      .set({ purpose: PENDING_DOCUMENT_PURPOSE })
      .where(and(eq(storedFiles.ownerUserId, actor.userId), eq(storedFiles.purpose, AWAITING_LABEL_PURPOSE)));
    const [marked] = await tx
      .update(storedFiles)
      .set({ purpose: AWAITING_LABEL_PURPOSE })
      .where(
        and(
          eq(storedFiles.id, options.fileId),
          eq(storedFiles.ownerUserId, actor.userId),
          eq(storedFiles.purpose, PENDING_DOCUMENT_PURPOSE),
        ),
      )
      .returning({ id: storedFiles.id });
    if (!marked) throw new AppError('not_found');
  });
}
