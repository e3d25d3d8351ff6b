import { and, eq } from 'drizzle-orm';
import { storedFiles, tipAttachments } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { loadTipFor } from './tip-records';

/** An attachment's bytes for a case handler or admin; every read is in the audit log. */
export async function readTipAttachment(options: {
  deps: CoreDeps;
  actor: Actor;
  tipId: string;
  attachmentId: string;
}) {
  const { deps, actor } = options;
  const tip = await loadTipFor(deps.db, actor, options.tipId, 'view');
  const [row] = await deps.db
    .select({
      objectKey: storedFiles.objectKey,
      contentType: storedFiles.contentType,
      fileId: storedFiles.id,
    })
    .from(tipAttachments)
    .innerJoin(storedFiles, eq(storedFiles.id, tipAttachments.fileId))
    .where(and(eq(tipAttachments.id, options.attachmentId), eq(tipAttachments.tipId, tip.id)));
  if (!row) throw new AppError('not_found');
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'tip.attachment.read',
      recordType: 'tip',
      recordId: tip.id,
      details: { attachmentId: options.attachmentId },
    },
  });
  const object = await deps.files.get(row.objectKey);
  if (!object) throw new AppError('not_found');
  return { bytes: new Uint8Array(await object.arrayBuffer()), contentType: row.contentType };
}
