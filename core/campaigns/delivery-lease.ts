// Claiming deliveries for one send and giving back the ones that were not sent. Every claim writes a
// new lease id (the fencing token): only the holder of the current lease id may record an outcome or
// release the delivery, so a consumer whose lease expired and was taken over writes nothing.
import { and, type SQL, sql } from 'drizzle-orm';
import { campaignDeliveries } from '../../db/schema';
import type { CoreDeps } from '../deps';

/**
 * `campaign_deliveries.id = any($1)` with the ids as ONE array parameter: the statement's text is the
 * same for 1 or 50 ids, so a connection that prepares statements parses it once for all its sends.
 */
export function deliveryIdIn(ids: readonly number[]): SQL {
  const list = ids.map((id) => {
    if (!Number.isSafeInteger(id)) throw new TypeError('delivery ids are integers');
    return String(id);
  });
  return sql`${campaignDeliveries.id} = any(${`{${list.join(',')}}`}::bigint[])`;
}

export interface Lease {
  /** The fencing token written with the claim. */
  id: string;
  at: Date;
}

/**
 * pending (due) or sending with an expired lease → sending under `lease`, atomically, only while the
 * campaign is sending. Repeatable: a retry with the same lease (its first answer was lost with the
 * connection) gets back what the first attempt took, without counting another attempt.
 */
export async function claimDeliveries(
  deps: CoreDeps,
  campaignId: string,
  ids: number[],
  lease: Lease,
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const leaseCut = new Date(lease.at.getTime() - deps.config.campaigns.leaseMs);
  const ours = sql`${campaignDeliveries.leaseId} = ${lease.id} and ${campaignDeliveries.status} = 'sending'`;
  const rows = await deps.db
    .update(campaignDeliveries)
    .set({
      status: 'sending',
      claimedAt: lease.at,
      leaseId: lease.id,
      attempts: sql`case when ${ours} then ${campaignDeliveries.attempts} else ${campaignDeliveries.attempts} + 1 end`,
      updatedAt: lease.at,
    })
    .where(
      and(
        // The ids were checked to belong to the campaign when the batch was read (primary key only).
        deliveryIdIn(ids),
        sql`(${ours} or (
          ${campaignDeliveries.attempts} < ${deps.config.campaigns.maxAttempts}
          and exists (select 1 from campaigns c where c.id = ${campaignId} and c.status = 'sending')
          and ((${campaignDeliveries.status} = 'pending' and (${campaignDeliveries.notBefore} is null or ${campaignDeliveries.notBefore} <= ${lease.at.toISOString()}))
            or (${campaignDeliveries.status} = 'sending' and ${campaignDeliveries.claimedAt} < ${leaseCut.toISOString()}))))`,
      ),
    )
    .returning({ id: campaignDeliveries.id });
  return new Set(rows.map((r) => r.id));
}

/**
 * Claimed but never sent (the batch failed first): back to pending under no lease, the attempt not
 * counted, so the retried job claims it at once instead of waiting for the lease to expire. Ids that
 * this lease no longer holds are left alone. Repeatable.
 */
export async function releaseDeliveries(deps: CoreDeps, ids: number[], leaseId: string): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await deps.db
    .update(campaignDeliveries)
    .set({
      status: 'pending',
      leaseId: null,
      attempts: sql`greatest(${campaignDeliveries.attempts} - 1, 0)`,
      updatedAt: deps.clock.now(),
    })
    .where(
      and(
        deliveryIdIn(ids),
        sql`${campaignDeliveries.leaseId} = ${leaseId} and ${campaignDeliveries.status} = 'sending'`,
      ),
    )
    .returning({ id: campaignDeliveries.id });
  return rows.length;
}
