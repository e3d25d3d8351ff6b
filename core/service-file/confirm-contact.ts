import { eq } from 'drizzle-orm';
import { serviceFiles } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { meetItem } from './meet-item';
import { findItem, itemView, loadOwnItem, today } from './service-file-records';
import type { TConfirmContact } from './service-file-schema';

/**
 * The person confirms how to reach them: their Telegram chat (always one way) and, if they like, a
 * phone number. Met at once; due again after the contact interval (6 months by default).
 */
export async function confirmContact(options: { deps: CoreDeps; actor: Actor; input: TConfirmContact }) {
  const { deps, actor, input } = options;
  const result = await deps.db.transaction(async (tx) => {
    const item = await loadOwnItem(tx, actor, 'contact_details', 'confirm', { forUpdate: true });
    if (input.phone !== undefined)
      await tx
        .update(serviceFiles)
        .set({ contactPhone: input.phone, updatedAt: deps.clock.now() })
        .where(eq(serviceFiles.id, item.fileId));
    const met = await meetItem(tx, deps, item, { decidedBy: null, details: { channel: 'telegram' } });
    return { id: item.id, receipt: met.receipt };
  });
  const row = (await findItem(deps.db, result.id))!;
  return { ...itemView(actor, row, today(deps)), receipt: result.receipt };
}
