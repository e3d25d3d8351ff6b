// The broadcast engine's Cloudflare wiring in the real Workers runtime: the BroadcastGovernor Durable
// Object over RPC, the BROADCAST queue and its consumer, and the minute cron — a campaign goes from
// "send now" to every recipient's chat through the Telegram sandbox.
import { createScheduledController, env, runInDurableObject } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { BroadcastGovernor } from '../../api/broadcast-governor';
import worker from '../../api/index';
import { buildServices } from '../../api/services';
import { startCampaign } from '../../core/campaigns/start-campaign';
import { campaignDeliveries, campaigns, campaignVariants, townships, users, villages } from '../../db/schema';
import { bindings, randomTelegramId, sandboxCalls, testDb } from './helpers';

const governors = (env as unknown as { GOVERNOR: DurableObjectNamespace<BroadcastGovernor> }).GOVERNOR;

describe('the broadcast governor Durable Object', () => {
  it('paces every caller on one schedule and keeps one chat to a message a second', async () => {
    const stub = governors.get(governors.idFromName('test-pacing'));
    const a = await stub.acquire({ chatIds: [1, 2, 3] });
    const b = await stub.acquire({ chatIds: [4, 1] });
    const all = [...a.grants, ...b.grants].map((g) => g.at);
    // At least 0.8 × 1 s ÷ rate apart (epoch milliseconds with fractions: allow for rounding).
    for (let i = 1; i < all.length; i++)
      expect(all[i]! - all[i - 1]!).toBeGreaterThan(0.8 * (1000 / 30) - 0.01);
    expect(b.deferred.map((d) => d.chatId)).toEqual([1]);
    const rate = await runInDurableObject(stub, (instance: BroadcastGovernor) => instance.rate());
    expect(rate).toBe(30);
  });
});

describe('a campaign in the Worker', () => {
  it('is materialised, queued, paced by the governor and delivered once to each recipient', async () => {
    const db = testDb();
    const [township] = await db.select().from(townships).where(eq(townships.code, 'demo'));
    const code = `w${Date.now().toString(36)}`;
    const [village] = await db
      .insert(villages)
      .values({ townshipId: township!.id, code, name: code })
      .returning();
    const people = await db
      .insert(users)
      .values(
        Array.from({ length: 12 }, (_, i) => ({
          telegramId: randomTelegramId(),
          displayName: `W${i}`,
          language: i % 2 === 0 ? ('en' as const) : ('zh-CN' as const),
          villageId: village!.id,
        })),
      )
      .returning();
    const [campaign] = await db
      .insert(campaigns)
      .values({
        title: 'workerd',
        topic: 'birth_policy',
        status: 'approved',
        audience: { villageIds: [village!.id], languages: [], statuses: [] },
        createdBy: people[0]!.id,
      })
      .returning();
    await db.insert(campaignVariants).values([
      { campaignId: campaign!.id, language: 'zh-CN', text: '<b>生育支持政策</b>' },
      { campaignId: campaign!.id, language: 'en', text: '<b>Birth support</b>' },
    ]);
    const deps = buildServices(bindings, {}, { requestId: 'workerd-campaign' }).deps;
    expect(await startCampaign({ deps, campaignId: campaign!.id, actorUserId: null })).toBe(true);

    const deadline = Date.now() + 25_000;
    let status = 'sending';
    while (status !== 'sent' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      const [row] = await testDb().select().from(campaigns).where(eq(campaigns.id, campaign!.id));
      status = row!.status;
    }
    expect(status).toBe('sent');
    const calls = await sandboxCalls();
    for (const p of people) {
      const mine = calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === p.telegramId);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.params.text).toBe(p.language === 'en' ? '<b>Birth support</b>' : '<b>生育支持政策</b>');
    }
    const rows = await testDb()
      .select()
      .from(campaignDeliveries)
      .where(eq(campaignDeliveries.campaignId, campaign!.id));
    expect(rows.every((r) => r.status === 'sent' && r.telegramMessageId !== null)).toBe(true);
  });

  it('starts a scheduled campaign from the minute cron', async () => {
    const db = testDb();
    const [author] = await db
      .insert(users)
      .values({ telegramId: randomTelegramId(), displayName: 'A' })
      .returning();
    const [campaign] = await db
      .insert(campaigns)
      .values({
        title: 'cron',
        topic: 'birth_policy',
        status: 'scheduled',
        scheduledAt: new Date(Date.now() - 1000),
        // No village has this id: an empty audience finishes at once.
        audience: { villageIds: [2_000_000_000], languages: [], statuses: [] },
        createdBy: author!.id,
      })
      .returning();
    await worker.scheduled(
      createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }),
      bindings,
    );
    const [row] = await testDb().select().from(campaigns).where(eq(campaigns.id, campaign!.id));
    expect(['sending', 'sent']).toContain(row!.status);
  });
});
