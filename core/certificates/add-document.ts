import { count, eq } from 'drizzle-orm';
import { applicationDocuments, type DocumentKind, storedFiles } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { storeFile } from '../files/store-file';
import { loadApplicationFor } from './application-records';
import { ZDocumentLabelSchema } from './application-schema';

/** Enough for front and back of each document and a few retakes; more is a mistake or abuse. */
export const MAX_DOCUMENTS_PER_APPLICATION = 12;
export const DOCUMENT_PURPOSE = 'certificate_document';

/**
 * Attaches a document (photo or PDF) to the applicant's application, from the mini app or the bot.
 * The bytes are checked and cleaned by storeFile; nothing is attached once the application is locked.
 */
export async function addDocument(options: {
  deps: CoreDeps;
  actor: Actor;
  applicationId: string;
  kind: DocumentKind;
  /** What an 'other' document is (required for that kind, refused for the others). */
  label?: string;
  source: 'mini_app' | 'bot';
  /** New bytes (with the name they were sent under), or a file this person already stored (the bot keeps a photo until told its kind). */
  file: { bytes: Uint8Array; fileName?: string | null } | { fileId: string };
}) {
  const { deps, actor } = options;
  const label = documentLabel(options.kind, options.label);
  const row = await loadApplicationFor(deps.db, actor, options.applicationId, 'edit');
  const [{ n } = { n: 0 }] = await deps.db
    .select({ n: count() })
    .from(applicationDocuments)
    .where(eq(applicationDocuments.applicationId, row.id));
  if (n >= MAX_DOCUMENTS_PER_APPLICATION) {
    throw new AppError('too_many_documents', { params: { max: MAX_DOCUMENTS_PER_APPLICATION } });
  }
  let fileId: string;
  if ('bytes' in options.file) {
    const stored = await storeFile({
      deps,
      ownerUserId: actor.userId,
      purpose: DOCUMENT_PURPOSE,
      bytes: options.file.bytes,
      fileName: options.file.fileName,
    });
    fileId = stored.id;
  } else {
    const [stored] = await deps.db.select().from(storedFiles).where(eq(storedFiles.id, options.file.fileId));
    if (!stored || stored.ownerUserId !== actor.userId) throw new AppError('not_found');
    fileId = stored.id;
  }
  const [doc] = await deps.db
    .insert(applicationDocuments)
    .values({
      applicationId: row.id,
      kind: options.kind,
      label,
      fileId,
      source: options.source,
      createdAt: deps.clock.now(),
    })
    .returning();
  return doc!;
}

/** An 'other' document must say what it is; the fixed kinds need no name and get none. */
function documentLabel(kind: DocumentKind, raw: string | undefined): string | null {
  if (kind !== 'other') {
    if (raw !== undefined && raw.trim() !== '')
      throw new AppError('validation_failed', {
        fields: [{ path: 'label', message: 'certificates:validation.invalidValue' }],
      });
    return null;
  }
  const parsed = ZDocumentLabelSchema.safeParse(raw ?? '');
  if (!parsed.success) {
    throw new AppError('validation_failed', {
      fields: [
        { path: 'label', message: parsed.error.issues[0]?.message ?? 'certificates:validation.invalidValue' },
      ],
    });
  }
  return parsed.data;
}
