import { and, eq, sql } from 'drizzle-orm';
import { campaigns } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { audienceCondition } from './audience';
import { enqueueSends, finishCampaignIfDone } from './delivery-records';

/** Recipients inserted per job: memory and transaction size are O(chunk), never O(audience). */
export const MATERIALIZE_CHUNK = 1000;

/**
 * The 'campaign-materialize' job: writes the next chunk of recipients (keyset by user id) into the
 * delivery outbox — INSERT … SELECT … ON CONFLICT DO NOTHING, so a replay adds nothing twice —,
 * enqueues send jobs for the whole chunk, and only then moves the cursor and enqueues the next
 * chunk. A crash anywhere replays the chunk: no recipient is skipped, and re-enqueued deliveries
 * that were already sent are skipped by the claim.
 */
export async function materializeRecipients(options: {
  deps: CoreDeps;
  campaignId: string;
  chunkSize?: number;
}): Promise<{ inserted: number; enqueued: number; done: boolean }> {
  const { deps, campaignId } = options;
  const chunkSize = options.chunkSize ?? MATERIALIZE_CHUNK;
  const [campaign] = await deps.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (campaign?.status !== 'sending' || campaign.materialized)
    return { inserted: 0, enqueued: 0, done: true };
  const now = deps.clock.now().toISOString();
  const cursor = campaign.materializeCursor;
  const condition = audienceCondition({
    topic: campaign.topic,
    audience: campaign.audience,
    resendOf: campaign.resendOf,
  });
  const [chunk] = await deps.db.execute<{ n: number; last: string | null; inserted: number }>(sql`
    with chunk as (
      select u.id, u.telegram_id, u.language, u.village_id from users u
      where ${condition} ${cursor ? sql`and u.id > ${cursor}` : sql``}
      order by u.id limit ${chunkSize}
    ), ins as (
      insert into campaign_deliveries (campaign_id, user_id, chat_id, language, village_id, created_at, updated_at)
      select ${campaignId}, id, telegram_id, language, village_id, ${now}::timestamptz, ${now}::timestamptz from chunk
      on conflict (campaign_id, user_id) do nothing
      returning 1
    )
    select (select count(*)::int from chunk) as n,
      (select id::text from chunk order by id desc limit 1) as last,
      (select count(*)::int from ins) as inserted`);
  const n = chunk?.n ?? 0;
  const last = chunk?.last ?? null;

  let enqueued = 0;
  if (last) {
    // Every open delivery of this chunk, including those a crashed earlier attempt inserted.
    const ids = await deps.db.execute<{ id: string }>(sql`
      select id::text from campaign_deliveries
      where campaign_id = ${campaignId} and status = 'pending'
        and user_id <= ${last} ${cursor ? sql`and user_id > ${cursor}` : sql``}
      order by id`);
    enqueued = await enqueueSends(
      deps,
      campaignId,
      ids.map((r) => Number(r.id)),
    );
  }
  const done = n < chunkSize;
  await deps.db
    .update(campaigns)
    .set({
      ...(last ? { materializeCursor: last } : {}),
      materialized: done,
      updatedAt: deps.clock.now(),
    })
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.status, 'sending')));
  if (done) await finishCampaignIfDone(deps, campaignId);
  else await deps.broadcast.send({ type: 'campaign-materialize', campaignId });
  return { inserted: chunk?.inserted ?? 0, enqueued, done };
}
