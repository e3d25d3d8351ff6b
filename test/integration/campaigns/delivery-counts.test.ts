// The live progress reads per-campaign counters the database keeps (campaign_delivery_counts,
// migration 0022) instead of counting the deliveries. They must equal a fresh count after everything a
// delivery goes through — materialised, claimed, sent, failed, blocked, retried, released, taken over,
// cancelled, its person deleted — one at a time and many per statement, and an outcome written twice
// (its first answer lost with the connection) must not count twice.
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { claimDeliveries } from '../../../core/campaigns/delivery-lease';
import type { PacingClock } from '../../../core/campaigns/engine-io';
import { type ClaimedDelivery, outcomeWriter, type Recorded } from '../../../core/campaigns/outcome-writer';
import { campaignDeliveries, campaignDeliveryCounts, campaigns, users } from '../../../db/schema';
import { approvedCampaign, json, newRecipients, newVillage, PUBLICITY } from '../../fixtures/campaigns';
import { createTestApp, UNTHROTTLED_ENV } from '../../harness/app';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
const t = await createTestApp({ env: { ...UNTHROTTLED_ENV, BROADCAST_MAX_ATTEMPTS: '3' } });
const time: PacingClock = { now: () => Date.now(), sleep: async () => {} };

let seed = 20261201;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

/** Cells whose counter differs from a fresh count of the campaign's deliveries (one statement). */
async function drift(campaignId: string) {
  return db.execute<{ status: string; error_code: string; counted: number | null; fresh: number | null }>(sql`
    select status, error_code, c.n as counted, f.n as fresh from (
      select status, coalesce(error_code, '') as error_code, count(*)::int as n
      from campaign_deliveries where campaign_id = ${campaignId} group by 1, 2
    ) f full join (
      select status, error_code, sum(n)::int as n from campaign_delivery_counts
      where campaign_id = ${campaignId} group by 1, 2 having sum(n) <> 0
    ) c using (status, error_code)
    where f.n is distinct from c.n`);
}

/** What the progress poll answered before the counters: the same figures from the deliveries. */
async function progressFromRows(campaignId: string) {
  const rows = await db.execute<{ status: string; error_code: string | null; n: number }>(sql`
    select status, error_code, count(*)::int as n from campaign_deliveries
    where campaign_id = ${campaignId} group by status, error_code`);
  const out = {
    delivered: 0,
    blocked: 0,
    cancelled: 0,
    failed: 0,
    failedByReason: {} as Record<string, number>,
  };
  for (const r of rows) {
    if (r.status === 'sent') out.delivered += r.n;
    else if (r.status === 'blocked') out.blocked += r.n;
    else if (r.status === 'cancelled') out.cancelled += r.n;
    else if (r.status === 'failed') {
      out.failed += r.n;
      out.failedByReason[r.error_code ?? 'unknown'] =
        (out.failedByReason[r.error_code ?? 'unknown'] ?? 0) + r.n;
    }
  }
  return out;
}

async function expectExact(campaignId: string, step: string) {
  expect(await drift(campaignId), step).toEqual([]);
  const res = await t.call('GET', `/api/campaigns/${campaignId}/progress`, { as: PUBLICITY });
  expect(res.status).toBe(200);
  const p = await json<Record<string, unknown>>(res);
  const { delivered, blocked, cancelled, failed, failedByReason } = p;
  expect({ delivered, blocked, cancelled, failed, failedByReason }, step).toEqual(
    await progressFromRows(campaignId),
  );
}

async function claimed(campaignId: string, ids: number[], leaseId: string): Promise<ClaimedDelivery[]> {
  const rows = await db
    .select({
      id: campaignDeliveries.id,
      userId: campaignDeliveries.userId,
      attempts: campaignDeliveries.attempts,
    })
    .from(campaignDeliveries)
    .where(sql`${campaignDeliveries.campaignId} = ${campaignId} and ${campaignDeliveries.leaseId} = ${leaseId}
      and ${campaignDeliveries.id} in ${ids.length ? ids : [0]} and ${campaignDeliveries.status} = 'sending'`);
  return rows.map((r) => ({ ...r, leaseId }));
}

const OUTCOMES: Recorded[] = [
  { kind: 'sent', messageId: 7 },
  { kind: 'sent', messageId: 8 },
  { kind: 'sent', messageId: 9 },
  { kind: 'blocked', description: 'Forbidden: bot was blocked by the user' },
  { kind: 'bad_request', description: 'Bad Request: chat not found' },
  { kind: 'transient', description: 'Bad Gateway' },
  { kind: 'rate_limited', retryAfterSeconds: 1 },
];

it('keeps every cell equal to a fresh count through a random life of a campaign', {
  timeout: 120_000,
}, async () => {
  const village = await newVillage(db);
  const people = await newRecipients(db, village.id, 60);
  const id = await approvedCampaign(t, { villageIds: [village.id] });
  await db.update(campaigns).set({ status: 'sending', startedAt: new Date() }).where(eq(campaigns.id, id));
  // Materialised in two statements, as the chunked materialisation does.
  for (const chunk of [people.slice(0, 35), people.slice(35)])
    await db.execute(sql`
      insert into campaign_deliveries (campaign_id, user_id, chat_id, language, village_id)
      select ${id}, u.id, u.telegram_id, u.language, u.village_id from users u
      where u.id in ${chunk.map((p) => p.id)}`);
  await expectExact(id, 'materialised');

  const deps = t.services().deps;
  let rewritten = 0;
  for (let step = 0; step < 60; step++) {
    const open = (
      await db
        .select({ id: campaignDeliveries.id })
        .from(campaignDeliveries)
        .where(sql`${campaignDeliveries.campaignId} = ${id} and ${campaignDeliveries.status} = 'pending'`)
    ).map((r) => r.id);
    const op = Math.floor(random() * 10);
    if (op < 6 && open.length) {
      // A send batch: claim some, record an outcome for most, give the rest back.
      const ids = open.filter(() => random() < 0.4).slice(0, 12);
      const lease = { id: crypto.randomUUID(), at: new Date(Date.now() + 10_000) };
      await claimDeliveries(deps, id, ids, lease);
      const held = await claimed(id, ids, lease.id);
      const writer = outcomeWriter({ deps, campaignId: id, result: emptyish(), time });
      const unsent: number[] = [];
      for (const d of held) {
        if (random() < 0.15) unsent.push(d.id);
        else writer.add(d, pick(OUTCOMES));
      }
      if (unsent.length) writer.release(unsent, lease.id);
      await writer.close();
      if (op === 0 && held.length) {
        // The same outcomes written again, as after a lost answer: applied (same status), counted once.
        const again = outcomeWriter({ deps, campaignId: id, result: emptyish(), time });
        rewritten += 1;
        for (const d of held.filter((h) => !unsent.includes(h.id)))
          again.add(d, { kind: 'sent', messageId: 1 });
        await again.close();
      }
    } else if (op === 6 && open.length) {
      // A claim whose consumer died: the lease runs out and the sweeper's claim takes it over.
      const ids = open.slice(0, 3);
      await claimDeliveries(deps, id, ids, { id: crypto.randomUUID(), at: new Date(Date.now() - 600_000) });
      await claimDeliveries(deps, id, ids, { id: crypto.randomUUID(), at: new Date() });
    } else if (op === 7) {
      // A failed delivery's error code corrected in place (same status, another cell).
      await db.execute(sql`update campaign_deliveries set error_code = 'network'
        where campaign_id = ${id} and status = 'failed' and error_code = 'bad_request'
          and id = (select min(id) from campaign_deliveries where campaign_id = ${id} and status = 'failed' and error_code = 'bad_request')`);
    } else if (op === 8) {
      const [someone] = await db
        .select({ userId: campaignDeliveries.userId })
        .from(campaignDeliveries)
        .where(eq(campaignDeliveries.campaignId, id))
        .limit(1)
        .offset(Math.floor(random() * 10));
      if (someone) await db.delete(users).where(eq(users.id, someone.userId));
    } else {
      // Bookkeeping that moves no cell (a retry's not-before): nothing written.
      await db.execute(
        sql`update campaign_deliveries set not_before = now() where campaign_id = ${id} and status = 'pending'`,
      );
    }
    if (step % 6 === 5) await expectExact(id, `step ${step}`);
  }
  // The walk went through every kind of cell (the seed is fixed).
  const before = await progressFromRows(id);
  expect(before.delivered).toBeGreaterThan(0);
  expect(before.blocked).toBeGreaterThan(0);
  expect(Object.keys(before.failedByReason).length).toBeGreaterThan(0);
  expect(rewritten).toBeGreaterThan(0);

  // Cancelled: every open delivery in one statement.
  await db.execute(sql`update campaign_deliveries set status = 'cancelled'
    where campaign_id = ${id} and status in ('pending', 'sending')`);
  await expectExact(id, 'cancelled');

  // Repair: a drifted counter is rebuilt from the rows.
  await db.execute(sql`update campaign_delivery_counts set n = n + 5 where campaign_id = ${id}`);
  expect((await drift(id)).length).toBeGreaterThan(0);
  await db.execute(sql`select campaign_delivery_counts_recount(${id}::uuid)`);
  await expectExact(id, 'recounted');

  // Deleting the campaign takes its counters with it (no counter for a campaign that is gone).
  await db.delete(campaigns).where(eq(campaigns.id, id));
  expect(
    await db.select().from(campaignDeliveryCounts).where(eq(campaignDeliveryCounts.campaignId, id)),
  ).toEqual([]);
});

it('counts an outcome written twice once, and a late writer whose lease was taken over not at all', async () => {
  const village = await newVillage(db);
  const people = await newRecipients(db, village.id, 4);
  const id = await approvedCampaign(t, { villageIds: [village.id] });
  await db.update(campaigns).set({ status: 'sending', startedAt: new Date() }).where(eq(campaigns.id, id));
  await db.execute(sql`
    insert into campaign_deliveries (campaign_id, user_id, chat_id, language, village_id)
    select ${id}, u.id, u.telegram_id, u.language, u.village_id from users u where u.id in ${people.map((p) => p.id)}`);
  const deps = t.services().deps;
  const ids = (
    await db
      .select({ id: campaignDeliveries.id })
      .from(campaignDeliveries)
      .where(eq(campaignDeliveries.campaignId, id))
  ).map((r) => r.id);
  const lease = { id: crypto.randomUUID(), at: new Date() };
  await claimDeliveries(deps, id, ids, lease);
  const held = await claimed(id, ids, lease.id);
  expect(held).toHaveLength(4);

  const write = async (ds: ClaimedDelivery[]) => {
    const result = emptyish();
    const writer = outcomeWriter({ deps, campaignId: id, result, time });
    for (const d of ds) writer.add(d, { kind: 'sent', messageId: 42 });
    await writer.close();
    return result;
  };
  expect((await write(held.slice(0, 2))).sent).toBe(2);
  // Written again: the statement applies it (same status) — and the count stays at 2.
  expect((await write(held.slice(0, 2))).sent).toBe(2);
  let progress = await json<{ delivered: number; remaining: number }>(
    await t.call('GET', `/api/campaigns/${id}/progress`, { as: PUBLICITY }),
  );
  expect(progress.delivered).toBe(2);
  expect(progress.remaining).toBe(2);

  // The other two: the lease expires, another consumer claims and sends; the first one's late write
  // is fenced out and counts nothing.
  const takeover = { id: crypto.randomUUID(), at: new Date(Date.now() + 3_600_000) };
  await claimDeliveries(deps, id, ids.slice(2), takeover);
  expect((await write(held.slice(2))).skipped).toBe(2);
  expect((await write(await claimed(id, ids, takeover.id))).sent).toBe(2);
  progress = await json(await t.call('GET', `/api/campaigns/${id}/progress`, { as: PUBLICITY }));
  expect(progress.delivered).toBe(4);
  expect(progress.remaining).toBe(0);
  expect(await drift(id)).toEqual([]);
});

function emptyish() {
  return { sent: 0, failed: 0, blocked: 0, retried: 0, cancelled: 0, skipped: 0 };
}
