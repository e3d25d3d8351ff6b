// A campaign whose Worker dies mid-send: wrangler dev and workerd are SIGKILLed while the Queue
// consumers are sending, taking with them the batches in flight and the local queue's undelivered
// messages. A second Worker is started on the same database and Telegram, and the cron's sweeper
// alone must finish the campaign: nobody missed, nobody messaged more than twice (a crash costs at
// most the one duplicate of a message sent but not yet recorded). The fake Bot API outlives both
// Workers, so it sees every message either of them sent.
import { createServer } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInitData } from '../../core/auth/init-data';
import { createDb, type DbHandle } from '../../db/client';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../db/embedded-server';
import { campaignDeliveries, campaigns, campaignVariants, users } from '../../db/schema';
import { LOCAL_BOT_INFO, LOCAL_BOT_TOKEN } from '../../scripts/local-config';
import { type Stack, startStack } from '../../scripts/stack';
import { newRecipients, newVillage, PUBLICITY, PUBLICITY_2 } from '../fixtures/campaigns';
import { startTelegramSandbox, type TelegramSandbox } from '../harness/telegram-sandbox';

const RATE = 40;
const RECIPIENTS = 480;

let embedded: EmbeddedPostgres | undefined;
let databaseUrl = '';
let sandbox: TelegramSandbox;
let handle: DbHandle | undefined;
const stacks: Stack[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

async function worker(): Promise<Stack> {
  const stack = await startStack({
    port: await freePort(),
    quiet: true,
    databaseUrl,
    // "A real Bot API" to the stack: this file's sandbox, which outlives the Workers.
    telegramToken: LOCAL_BOT_TOKEN,
    telegramApiRoot: sandbox.apiRoot,
    vars: { BROADCAST_RATE_PER_SECOND: String(RATE) },
  });
  stacks.push(stack);
  return stack;
}

beforeAll(async () => {
  databaseUrl = process.env.DATABASE_URL?.trim() || '';
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres();
    databaseUrl = embedded.url;
  }
  sandbox = await startTelegramSandbox({ token: LOCAL_BOT_TOKEN, botInfo: LOCAL_BOT_INFO, port: 0 });
  sandbox.setRateLimits({ globalPerSecond: RATE, perChatPerSecond: 1 });
});

afterAll(async () => {
  for (const stack of stacks) await stack.stop().catch(() => {});
  await handle?.close();
  await sandbox?.close();
  await embedded?.stop();
});

it('finishes the campaign with nobody missed and at most one duplicate each when workerd is killed mid-send', {
  timeout: 300_000,
}, async () => {
  const first = await worker();
  handle = createDb(databaseUrl, { max: 2 });
  const db = handle.db;
  const village = await newVillage(db);
  const people = await newRecipients(db, village.id, RECIPIENTS);
  const chats = new Set(people.map((p) => p.telegramId));
  const [author] = await db.select().from(users).where(eq(users.telegramId, PUBLICITY));
  const [approver] = await db.select().from(users).where(eq(users.telegramId, PUBLICITY_2));
  const [campaign] = await db
    .insert(campaigns)
    .values({
      title: 'crash test',
      topic: 'pre_pregnancy_checkup',
      status: 'approved',
      audience: { villageIds: [village.id], languages: [], statuses: [] },
      createdBy: author!.id,
      approvedBy: approver!.id,
      approvedAt: new Date(),
    })
    .returning();
  const id = campaign!.id;
  await db
    .insert(campaignVariants)
    .values({ campaignId: id, language: 'zh-CN', text: '<b>孕前优生健康检查</b>' });

  const initData = await signInitData({
    user: { id: PUBLICITY, first_name: '陈宣传' },
    botToken: LOCAL_BOT_TOKEN,
    authDate: new Date(),
  });
  const scheduled = await fetch(`${first.url}/api/campaigns/${id}/schedule`, {
    method: 'POST',
    headers: { Authorization: `tma ${initData}`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(scheduled.status).toBe(200);

  const received = () => {
    const perChat = new Map<number, number>();
    for (const c of sandbox.calls) {
      if (c.method !== 'sendMessage' || c.status !== 200) continue;
      const chat = Number(c.params.chat_id);
      if (chats.has(chat)) perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
    }
    return perChat;
  };

  // Kill it a third of the way in, while the consumers are busy sending.
  await expect
    .poll(() => received().size, { timeout: 120_000, interval: 100 })
    .toBeGreaterThan(RECIPIENTS / 3);
  await first.kill();
  const beforeKill = received().size;
  expect(beforeKill).toBeLessThan(RECIPIENTS);

  // The sweeper waits for leases (BROADCAST_LEASE_SECONDS, at least 30 s) and stalls (at least 60 s)
  // to run out before it touches anything; let that time pass on the clocks it reads instead of
  // sleeping through it.
  await db.execute(sql`
    update campaign_deliveries
    set claimed_at = claimed_at - interval '1 hour', updated_at = updated_at - interval '1 hour'
    where campaign_id = ${id}`);
  await db.execute(sql`update campaigns set updated_at = updated_at - interval '1 hour' where id = ${id}`);

  const second = await worker();
  const status = async () =>
    (await db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, id)))[0]?.status;
  // The minute cron of the new Worker (fired by hand: wrangler dev does not run crons by itself).
  await expect
    .poll(
      async () => {
        await fetch(`${second.url}/__scheduled?cron=${encodeURIComponent('* * * * *')}`).catch(() => {});
        return status();
      },
      { timeout: 180_000, interval: 3_000 },
    )
    .toBe('sent');

  const perChat = received();
  const lost = people.filter((p) => !perChat.has(p.telegramId)).length;
  const overTwice = people.filter((p) => (perChat.get(p.telegramId) ?? 0) > 2).length;
  const duplicates = people.filter((p) => (perChat.get(p.telegramId) ?? 0) > 1).length;
  expect({ lost, overTwice }).toEqual({ lost: 0, overTwice: 0 });
  // At most the sends that were in flight when the process died: a few batches, not the campaign.
  expect(duplicates).toBeLessThan(RECIPIENTS / 4);
  const open = await db
    .select({ status: campaignDeliveries.status })
    .from(campaignDeliveries)
    .where(eq(campaignDeliveries.campaignId, id));
  expect(open.filter((d) => d.status !== 'sent')).toEqual([]);
  console.log(
    `worker killed after ${beforeKill} of ${RECIPIENTS} recipients; finished by the second Worker with ${duplicates} duplicate(s), 0 lost`,
  );
});
