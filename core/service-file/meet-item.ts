// Meeting an item (verified by an officer, or met by the person's own act): the submission is marked
// verified with a signed receipt, the item gets its next due date, reminders about it stop. Shared
// by verify, record, acknowledge, confirm and answer; not a use case itself.
import { eq } from 'drizzle-orm';
import { serviceSubmissions, villages } from '../../db/schema';
import { importSigningKey } from '../certificates/certificate-signing';
import type { CoreDeps } from '../deps';
import { addItemEvent, cancelRemindersFor, type LoadedItem, markMet, type Tx } from './service-file-records';
import { holderRefOf, signServiceReceipt } from './service-receipt';

export async function meetItem(
  tx: Tx,
  deps: CoreDeps,
  item: Pick<LoadedItem, 'id' | 'kind' | 'userId' | 'villageId'>,
  options: {
    /** The submission being verified; absent when the act itself meets the item (one is recorded). */
    submissionId?: string;
    decidedBy: string | null;
    metRef?: string;
    details?: Record<string, string>;
  },
): Promise<{ submissionId: string; verifiedOn: string; receipt: string }> {
  const now = deps.clock.now();
  const submissionId = options.submissionId ?? deps.ids.uuid();
  if (!options.submissionId) {
    await tx.insert(serviceSubmissions).values({
      id: submissionId,
      itemId: item.id,
      userId: item.userId,
      kind: item.kind,
      status: 'submitted',
      details: options.details ?? null,
      submittedAt: now,
    });
  }
  const verifiedOn = await markMet(tx, deps, item, options.metRef ?? submissionId);
  const [village] = item.villageId
    ? await tx.select({ code: villages.code }).from(villages).where(eq(villages.id, item.villageId))
    : [];
  const { keyId, seed } = deps.config.certificates.signingKey;
  const receipt = await signServiceReceipt(
    {
      submissionId,
      kind: item.kind,
      villageCode: village?.code ?? '-',
      verifiedOn,
      holderRef: await holderRefOf(item.userId),
    },
    await importSigningKey(seed, keyId),
  );
  await tx
    .update(serviceSubmissions)
    .set({ status: 'verified', decidedAt: now, decidedBy: options.decidedBy, receipt })
    .where(eq(serviceSubmissions.id, submissionId));
  await addItemEvent(tx, deps, { itemId: item.id, type: 'verified', actorUserId: options.decidedBy });
  await cancelRemindersFor(tx, deps, item.userId, [item.id]);
  return { submissionId, verifiedOn, receipt };
}
