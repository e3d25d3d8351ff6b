// The delivery engine against the Telegram sandbox with Telegram's limits switched on: the real
// core code, the real grammY sender, the real governor logic in-process and a queue simulator with
// Cloudflare's at-least-once contract. Rates are measured in bench/broadcast.ts, not asserted here.
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runJob } from '../../../api/queue';
import { localGovernor } from '../../../core/campaigns/governor';
import { sendCampaignBatch } from '../../../core/campaigns/send-campaign-batch';
import { sweepCampaigns } from '../../../core/campaigns/sweep-campaigns';
import type { TJob } from '../../../core/notifications/jobs';
import type { Clock } from '../../../core/runtime';
import { campaignDeliveries, campaigns, subscriptions, users } from '../../../db/schema';
import {
  approvedCampaign,
  json,
  newRecipients,
  newVillage,
  PUBLICITY,
  type Recipient,
} from '../../fixtures/campaigns';
import { createTestApp, type TestApp } from '../../harness/app';
import { queueSimulator } from '../../harness/broadcast';
import { useTestDb } from '../../harness/db';
import type { RecordedCall } from '../../harness/telegram-sandbox';

const db = useTestDb();
const RATE = 25;
/** The system clock plus an offset the crash tests move forward to expire leases. */
let offset = 0;
const clock: Clock = { now: () => new Date(Date.now() + offset) };
const governor = localGovernor({ ratePerSecond: RATE });
const broadcast = queueSimulator();
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    clock,
    governor,
    env: { BROADCAST: broadcast, BROADCAST_RATE_PER_SECOND: String(RATE), BROADCAST_MAX_ATTEMPTS: '3' },
  });
});

beforeEach(() => {
  t.sandbox.reset();
  // Telegram's limits, enforced by the sandbox exactly at the rate the engine is configured for.
  t.sandbox.setRateLimits({ globalPerSecond: RATE, perChatPerSecond: 1 });
  offset = 0;
});

async function status(campaignId: string) {
  const [row] = await db
    .select({ status: campaigns.status })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  return row!.status;
}

/** Runs the queue (4 consumers at once) and the cron's sweeper until the campaign is out. */
async function runCampaign(campaignId: string, consume = (job: TJob) => runJob(job, t.services())) {
  await broadcast.drain({
    consume,
    concurrency: 4,
    until: async () => ['sent', 'cancelled'].includes(await status(campaignId)),
    onIdle: async () => {
      await sweepCampaigns({ deps: t.services().deps, campaignIds: [campaignId] });
    },
    timeoutMs: 60_000,
  });
}

async function sendNow(campaignId: string) {
  const res = await t.call('POST', `/api/campaigns/${campaignId}/schedule`, { as: PUBLICITY, body: {} });
  expect(res.status).toBe(200);
}

function messagesTo(chatId: number): RecordedCall[] {
  return t.sandbox.calls.filter(
    (c) =>
      (c.method === 'sendMessage' || c.method === 'sendPhoto') &&
      c.params.chat_id === chatId &&
      c.status === 200,
  );
}

function ownRate429s(injected: number): number {
  return t.sandbox.calls.filter((c) => c.status === 429).length - injected;
}

async function deliveries(campaignId: string) {
  return db.select().from(campaignDeliveries).where(eq(campaignDeliveries.campaignId, campaignId));
}

describe('sending a campaign', () => {
  let people: Recipient[];
  let villageId: number;

  beforeAll(async () => {
    villageId = (await newVillage(db)).id;
    people = await newRecipients(db, villageId, 60, (i) => ({
      language: i % 3 === 0 ? 'en' : i % 3 === 1 ? 'zh-TW' : 'zh-CN',
    }));
  });

  it('delivers exactly one message to every recipient, in their language, without tripping the rate limit', async () => {
    const id = await approvedCampaign(t, { villageIds: [villageId] });
    await sendNow(id);
    await runCampaign(id);

    expect(await status(id)).toBe('sent');
    for (const p of people) {
      const sent = messagesTo(p.telegramId);
      expect(sent, `chat ${p.telegramId}`).toHaveLength(1);
      // zh-TW has no variant: it falls back to Simplified Chinese.
      expect(sent[0]!.params.text).toBe(
        p.language === 'en'
          ? '<b>Free pre-pregnancy check-ups</b>: book now.'
          : '<b>免费孕前优生健康检查</b>开始预约，详情请看办事指南。',
      );
    }
    expect(ownRate429s(0)).toBe(0);
    const rows = await deliveries(id);
    expect(rows).toHaveLength(60);
    expect(rows.every((d) => d.status === 'sent' && d.telegramMessageId !== null && d.sentAt !== null)).toBe(
      true,
    );
    const progress = await json<{ delivered: number; remaining: number; failed: number }>(
      await t.call('GET', `/api/campaigns/${id}/progress`, { as: PUBLICITY }),
    );
    expect(progress).toMatchObject({ delivered: 60, remaining: 0, failed: 0 });
  });

  it('waits out a 429, retries 5xx with backoff, unsubscribes who blocked the bot and fails a 400 with its reason', async () => {
    const [a, b, c, d, e] = people;
    t.sandbox.injectFailure({ status: 429, chatId: a!.telegramId, retryAfter: 1 });
    t.sandbox.injectFailure({ status: 500, chatId: b!.telegramId });
    t.sandbox.injectFailure({ status: 502, chatId: c!.telegramId, times: 2 });
    t.sandbox.injectFailure({ status: 403, chatId: d!.telegramId });
    t.sandbox.injectFailure({
      status: 400,
      chatId: e!.telegramId,
      description: 'Bad Request: chat not found',
    });
    const id = await approvedCampaign(t, { villageIds: [villageId], topic: 'women_health' });
    await sendNow(id);
    await runCampaign(id);

    expect(await status(id)).toBe('sent');
    for (const p of [a, b, c]) expect(messagesTo(p!.telegramId)).toHaveLength(1);
    expect(messagesTo(d!.telegramId)).toHaveLength(0);
    expect(messagesTo(e!.telegramId)).toHaveLength(0);
    const rows = new Map((await deliveries(id)).map((r) => [r.userId, r]));
    expect(rows.get(a!.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(rows.get(b!.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(rows.get(c!.id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(rows.get(d!.id)).toMatchObject({ status: 'blocked', errorCode: 'blocked' });
    expect(rows.get(e!.id)).toMatchObject({
      status: 'failed',
      errorCode: 'bad_request',
      errorReason: 'Bad Request: chat not found',
    });
    // The one who blocked the bot is unsubscribed and excluded from now on.
    const [blocked] = await db.select().from(users).where(eq(users.id, d!.id));
    expect(blocked?.broadcastBlockedAt).not.toBeNull();
    expect(await db.select().from(subscriptions).where(eq(subscriptions.userId, d!.id))).toEqual([]);
    // The retry of a waited-out 429 went out no earlier than retry_after.
    const calls = t.sandbox.calls.filter((x) => x.params.chat_id === a!.telegramId);
    expect(calls.map((x) => x.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(ownRate429s(1)).toBe(0);

    const stats = await json<{ failedByReason: Record<string, number>; blocked: number; delivered: number }>(
      await t.call('GET', `/api/campaigns/${id}/stats`, { as: PUBLICITY }),
    );
    expect(stats).toMatchObject({ delivered: 58, blocked: 1, failedByReason: { bad_request: 1 } });

    // "Resend to the failed only": exactly the one failed delivery, never the delivered or blocked.
    const resend = await json<{ id: string; recipients: number }>(
      await t.call('POST', `/api/campaigns/${id}/resend-failed`, { as: PUBLICITY }),
    );
    expect(resend.recipients).toBe(1);
    t.sandbox.reset();
    t.sandbox.setRateLimits({ globalPerSecond: RATE, perChatPerSecond: 1 });
    await sendNow(resend.id);
    await runCampaign(resend.id);
    const round = await deliveries(resend.id);
    expect(round.map((r) => r.userId)).toEqual([e!.id]);
    expect(messagesTo(e!.telegramId)).toHaveLength(1);
  });

  it('fails a delivery after the configured attempts when Telegram keeps answering 5xx', async () => {
    const [p] = await newRecipients(db, villageId, 1);
    t.sandbox.injectFailure({ status: 500, chatId: p!.telegramId, times: 10 });
    const id = await approvedCampaign(t, { villageIds: [villageId], topic: 'birth_policy' });
    await sendNow(id);
    await runCampaign(id);
    const [row] = await db
      .select()
      .from(campaignDeliveries)
      .where(and(eq(campaignDeliveries.campaignId, id), eq(campaignDeliveries.userId, p!.id)));
    expect(row).toMatchObject({ status: 'failed', errorCode: 'network', attempts: 3 });
  });
});

describe('crashes and cancellation', () => {
  it('completes after a consumer dies between sending and recording: nobody lost, at most one duplicate each', async () => {
    const villageId = (await newVillage(db)).id;
    const people = await newRecipients(db, villageId, 40);
    const id = await approvedCampaign(t, { villageIds: [villageId], topic: 'family_support' });
    await sendNow(id);

    // The first send batch's consumer "dies" after Telegram accepted its messages, before any result
    // is written: its sender throws after the real send.
    let crashed = false;
    const crashing = async (job: TJob) => {
      if (job.type !== 'campaign-send' || crashed) return runJob(job, t.services());
      crashed = true;
      const services = t.services();
      const sender = services.campaignSender();
      await sendCampaignBatch({
        deps: services.deps,
        job,
        governor,
        sender: {
          async send(message, loadPhoto) {
            await sender.send(message, loadPhoto);
            throw new Error('consumer died');
          },
        },
      });
    };
    await broadcast.drain({ consume: crashing, concurrency: 4, maxRetries: 5 });
    // Leases of the dead consumer's claims are still running: nothing re-sent yet.
    const stuck = (await deliveries(id)).filter((d) => d.status === 'sending');
    expect(stuck.length).toBeGreaterThan(0);
    expect(await status(id)).toBe('sending');

    // Later (after the lease), the cron's sweeper re-enqueues them and the campaign completes.
    offset = 2 * 60_000;
    await sweepCampaigns({ deps: t.services().deps, campaignIds: [id] });
    await runCampaign(id);
    expect(await status(id)).toBe('sent');
    const perChat = people.map((p) => messagesTo(p.telegramId).length);
    expect(perChat.every((n) => n >= 1)).toBe(true); // 0 lost
    expect(perChat.every((n) => n <= 2)).toBe(true); // ≤ 1 duplicate per crash
    expect(perChat.filter((n) => n === 2).length).toBeLessThanOrEqual(stuck.length);
  });

  it('re-enqueues deliveries whose send jobs were lost (database down between insert and enqueue)', async () => {
    const villageId = (await newVillage(db)).id;
    const people = await newRecipients(db, villageId, 30);
    const id = await approvedCampaign(t, { villageIds: [villageId], topic: 'care_for_girls' });
    await sendNow(id);
    // Materialise, then lose every send job (as if they were dead-lettered during an outage).
    await broadcast.drain({
      consume: async (job) => {
        if (job.type === 'campaign-materialize') await runJob(job, t.services());
      },
    });
    expect((await deliveries(id)).every((d) => d.status === 'pending')).toBe(true);
    // Within the stall threshold the sweeper leaves a campaign alone (its jobs may just be queued)…
    expect((await sweepCampaigns({ deps: t.services().deps, campaignIds: [id] })).requeued).toBe(0);
    // …after it, every due pending delivery is enqueued again.
    offset = 5 * 60_000;
    const swept = await sweepCampaigns({ deps: t.services().deps, campaignIds: [id] });
    expect(swept.requeued).toBe(30);
    await runCampaign(id);
    expect(await status(id)).toBe('sent');
    for (const p of people) expect(messagesTo(p.telegramId)).toHaveLength(1);
  });

  it('stops promptly when cancelled while sending', async () => {
    const villageId = (await newVillage(db)).id;
    const people = await newRecipients(db, villageId, 200);
    const id = await approvedCampaign(t, { villageIds: [villageId], topic: 'marriage_customs' });
    await sendNow(id);
    let cancelledAt = 0;
    const run = broadcast.drain({
      consume: (job) => runJob(job, t.services()),
      concurrency: 4,
      until: async () => broadcast.pending.length === 0 && cancelledAt > 0,
      timeoutMs: 30_000,
    });
    await t.sandbox.waitForCall((c) => c.method === 'sendMessage' && c.status === 200);
    await new Promise((r) => setTimeout(r, 300));
    const res = await t.call('POST', `/api/campaigns/${id}/cancel`, { as: PUBLICITY });
    expect(res.status).toBe(200);
    cancelledAt = Date.now();
    await run;
    const sentAfterCancel = t.sandbox.calls.filter(
      (c) => c.method === 'sendMessage' && c.at > cancelledAt + 1500,
    );
    expect(sentAfterCancel).toHaveLength(0);
    const rows = await deliveries(id);
    const sent = rows.filter((r) => r.status === 'sent').length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(people.length);
    expect(rows.filter((r) => r.status === 'pending' || r.status === 'sending')).toEqual([]);
    expect(await status(id)).toBe('cancelled');
    expect(
      await db
        .select()
        .from(campaignDeliveries)
        .where(and(eq(campaignDeliveries.campaignId, id), inArray(campaignDeliveries.status, ['cancelled']))),
    ).toHaveLength(people.length - sent);
  });
});
