import { count, eq } from 'drizzle-orm';
import { storedFiles, tipAttachments } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { storeFile } from '../files/store-file';
import { deleteObjects, findTipByReceipt, notifyOfficers, startOfDay, today } from './tip-records';
import { MAX_ATTACHMENTS_PER_TIP } from './tipoff-schema';

/**
 * The reporter adds a photo or PDF (with the receipt). Through the one fail-closed upload pipeline:
 * real type by the bytes, size and structure checks, PDFs without active content; an image is
 * rewritten without its metadata unless the reporter chose to keep its time and place as evidence
 * (then kept as sent, after the same checks). The file row names no owner, no file name and only the day.
 */
export async function addReporterAttachment(options: {
  deps: CoreDeps;
  receipt: string;
  bytes: Uint8Array;
  keepMetadata: boolean;
}) {
  const { deps } = options;
  const tip = await findTipByReceipt(deps.db, deps, options.receipt);
  if (tip.status === 'closed' || tip.what === null) throw new AppError('invalid_transition');
  const [existing] = await deps.db
    .select({ n: count() })
    .from(tipAttachments)
    .where(eq(tipAttachments.tipId, tip.id));
  if ((existing?.n ?? 0) >= MAX_ATTACHMENTS_PER_TIP) {
    throw new AppError('too_many_attachments', { params: { max: MAX_ATTACHMENTS_PER_TIP } });
  }
  const day = today(deps);
  const file = await storeFile({
    deps,
    ownerUserId: null,
    purpose: 'tip_attachment',
    bytes: options.bytes,
    fileName: null,
    keepOriginal: options.keepMetadata,
    createdAt: startOfDay(day),
  });
  try {
    const [row] = await deps.db
      .insert(tipAttachments)
      .values({ tipId: tip.id, fileId: file.id, keptMetadata: options.keepMetadata, day })
      .returning({ id: tipAttachments.id });
    await notifyOfficers(deps, {
      role: 'case_handler',
      ...(tip.ownerOfficerId ? { userIds: [tip.ownerOfficerId] } : {}),
      messageKey: 'tipoffs:notify.officerReporterAttachment',
      path: `tips/${tip.id}`,
    });
    return {
      id: row!.id,
      contentType: file.contentType,
      sizeBytes: file.sizeBytes,
      keptMetadata: options.keepMetadata,
    };
  } catch (e) {
    await deps.db
      .delete(storedFiles)
      .where(eq(storedFiles.id, file.id))
      .catch(() => {});
    await deleteObjects(deps, [file.objectKey]);
    throw e;
  }
}
