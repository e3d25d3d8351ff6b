// The delivery engine's back-off on Telegram's 5xx, observed on a fake clock: the engine's clock,
// its pacing clock, the governor and the queue's delays all read one number that only waiting moves,
// so the schedule (1, 2, 4, 8 s, then failed) is seen exactly, without sleeping through it.
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { runJob } from '../../../api/queue';
import type { CampaignSender } from '../../../core/campaigns/campaign-sender';
import { localGovernor } from '../../../core/campaigns/governor';
import { sendCampaignBatch } from '../../../core/campaigns/send-campaign-batch';
import type { TJob } from '../../../core/notifications/jobs';
import { campaignDeliveries, campaigns } from '../../../db/schema';
import { approvedCampaign, newRecipients, newVillage, PUBLICITY } from '../../fixtures/campaigns';
import { createTestApp, type TestApp } from '../../harness/app';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
let fake = Date.parse('2026-11-27T02:00:00Z');
const clock = { now: () => new Date(fake) };
const time = {
  now: () => fake,
  sleep: async (ms: number) => {
    fake += Math.max(0, ms);
  },
};
/** The BROADCAST queue on the fake clock: a message becomes visible `delaySeconds` after it was sent. */
const queue: { body: TJob; visibleAt: number }[] = [];
const broadcast = {
  async send(body: TJob, o?: { delaySeconds?: number }) {
    queue.push({ body: structuredClone(body), visibleAt: fake + (o?.delaySeconds ?? 0) * 1000 });
  },
  async sendBatch(messages: Iterable<{ body: TJob; delaySeconds?: number }>) {
    for (const m of messages) await broadcast.send(m.body, m);
  },
};
const governor = localGovernor({ ratePerSecond: 30, now: () => fake });
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    clock,
    governor,
    env: { BROADCAST: broadcast, BROADCAST_MAX_ATTEMPTS: '5' },
  });
});

/** Runs the next visible job (the clock moves to it, as if the consumer had waited for it). */
async function runNext(sender: CampaignSender, options: { early?: boolean } = {}): Promise<TJob | undefined> {
  queue.sort((a, b) => a.visibleAt - b.visibleAt);
  const entry = queue.shift();
  if (!entry) return undefined;
  if (!options.early) fake = Math.max(fake, entry.visibleAt);
  if (entry.body.type === 'campaign-send')
    await sendCampaignBatch({ deps: t.services().deps, job: entry.body, governor, sender, time });
  else await runJob(entry.body, t.services());
  return entry.body;
}

it('retries a 5xx after 1, 2, 4 and 8 seconds, never earlier even when the job comes back early, then fails it', async () => {
  const village = await newVillage(db);
  const [p] = await newRecipients(db, village.id, 1);
  t.sandbox.injectFailure({ status: 502, chatId: p!.telegramId, times: 10 });
  const sendsAt: number[] = [];
  const real = t.services().campaignSender();
  const sender: CampaignSender = {
    send(message, loadPhoto) {
      sendsAt.push(fake);
      return real.send(message, loadPhoto);
    },
  };
  const id = await approvedCampaign(t, { villageIds: [village.id] });
  expect((await t.call('POST', `/api/campaigns/${id}/schedule`, { as: PUBLICITY, body: {} })).status).toBe(
    200,
  );

  // Materialise, then the first attempt.
  while (sendsAt.length === 0) expect(await runNext(sender)).toBeDefined();
  // The retry's job delivered at once (the queue redelivers early sometimes): nothing is sent.
  expect(await runNext(sender, { early: true })).toMatchObject({ type: 'campaign-send' });
  expect(sendsAt).toHaveLength(1);

  for (let guard = 0; guard < 20 && (await row(id))?.status !== 'failed'; guard++) await runNext(sender);
  const gaps = sendsAt.slice(1).map((at, i) => at - sendsAt[i]!);
  // Each retry waits its back-off, and not a second more (the slot may add a few milliseconds).
  expect(gaps.map((g) => Math.floor(g / 1000))).toEqual([1, 2, 4, 8]);
  expect(await row(id)).toMatchObject({ status: 'failed', errorCode: 'network', attempts: 5 });
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  expect(campaign?.status).toBe('sent');
});

async function row(campaignId: string) {
  const [r] = await db.select().from(campaignDeliveries).where(eq(campaignDeliveries.campaignId, campaignId));
  return r;
}
