// The audience SQL on real Postgres (PGlite by default; PostgreSQL 15 with DATABASE_URL): every
// combination of villages × languages × statuses, the topic subscription, blocked people, and that
// materialising in chunks inserts exactly the audience once, even when a chunk is replayed.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audienceCondition } from '../../../core/campaigns/audience';
import { materializeRecipients } from '../../../core/campaigns/materialize-recipients';
import { campaignDeliveries, campaigns, subscriptions, users } from '../../../db/schema';
import {
  approvedCampaign,
  newRecipients,
  newVillage,
  PUBLICITY,
  type Recipient,
} from '../../fixtures/campaigns';
import { createTestApp, type TestApp } from '../../harness/app';
import { queueSimulator } from '../../harness/broadcast';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
const STATUSES = ['resident', 'moved_away', 'newcomer'] as const;
const TOPIC = 'family_support';

interface Person extends Recipient {
  villageId: number;
  status: (typeof STATUSES)[number];
  subscribed: boolean;
  blocked: boolean;
}

const people: Person[] = [];
let v1: number;
let v2: number;
const broadcast = queueSimulator();
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: { BROADCAST: broadcast } });
  v1 = (await newVillage(db)).id;
  v2 = (await newVillage(db)).id;
  // Two of each village × language × status: 36 people; some unsubscribed, one blocked.
  for (const villageId of [v1, v2]) {
    const made = await newRecipients(db, villageId, 18, (i) => ({
      language: LANGUAGES[i % 3],
      status: STATUSES[Math.floor(i / 3) % 3],
    }));
    people.push(
      ...made.map((r, i) => ({
        ...r,
        villageId,
        status: STATUSES[Math.floor(i / 3) % 3]!,
        subscribed: i % 7 !== 3,
        blocked: villageId === v2 && i === 5,
      })),
    );
  }
  const unsubscribed = people.filter((p) => !p.subscribed).map((p) => p.id);
  await db
    .delete(subscriptions)
    .where(and(inArray(subscriptions.userId, unsubscribed), eq(subscriptions.topic, TOPIC)));
  const blocked = people.filter((p) => p.blocked).map((p) => p.id);
  await db.update(users).set({ broadcastBlockedAt: new Date() }).where(inArray(users.id, blocked));
});

async function sqlCount(audience: { villageIds: number[]; languages: string[]; statuses: string[] }) {
  const ids = people.map((p) => p.id);
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from users u
    where ${audienceCondition({ topic: TOPIC, audience: audience as never })}
      and u.id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`);
  return row!.n;
}

function expected(audience: { villageIds: number[]; languages: string[]; statuses: string[] }) {
  return people.filter(
    (p) =>
      p.subscribed &&
      !p.blocked &&
      (audience.villageIds.length === 0 || audience.villageIds.includes(p.villageId)) &&
      (audience.languages.length === 0 || audience.languages.includes(p.language)) &&
      (audience.statuses.length === 0 || audience.statuses.includes(p.status)),
  ).length;
}

describe('the audience query', () => {
  it('counts exactly the subscribed, unblocked people for every combination of filters', async () => {
    const villageChoices = [[], [v1], [v1, v2]];
    const languageChoices = [[], ['en'], ['zh-CN', 'zh-TW']];
    const statusChoices = [[], ['moved_away'], ['resident', 'newcomer']];
    let combinations = 0;
    for (const villageIds of villageChoices)
      for (const languages of languageChoices)
        for (const statuses of statusChoices) {
          const audience = { villageIds, languages, statuses };
          expect(await sqlCount(audience), JSON.stringify(audience)).toBe(expected(audience));
          combinations += 1;
        }
    expect(combinations).toBe(27);
    expect(expected({ villageIds: [], languages: [], statuses: [] })).toBe(29); // 36 − 6 unsubscribed − 1 blocked
  });

  it('materialises the audience in keyset chunks, once, even when a chunk is replayed after a crash', async () => {
    const id = await approvedCampaign(t, { villageIds: [v1, v2], topic: TOPIC });
    expect((await t.call('POST', `/api/campaigns/${id}/schedule`, { as: PUBLICITY, body: {} })).status).toBe(
      200,
    );
    const deps = t.services().deps;
    const first = await materializeRecipients({ deps, campaignId: id, chunkSize: 7 });
    expect(first).toMatchObject({ inserted: 7, enqueued: 1, done: false });
    // A crash after the insert but before the cursor moved: the same chunk runs again.
    const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
    await db.update(campaigns).set({ materializeCursor: null }).where(eq(campaigns.id, id));
    const replay = await materializeRecipients({ deps, campaignId: id, chunkSize: 7 });
    expect(replay).toMatchObject({ inserted: 0, enqueued: 1, done: false });
    await db.update(campaigns).set({ materializeCursor: row!.materializeCursor }).where(eq(campaigns.id, id));
    let done = false;
    for (let i = 0; i < 10 && !done; i++)
      done = (await materializeRecipients({ deps, campaignId: id, chunkSize: 7 })).done;
    expect(done).toBe(true);
    const rows = await db.select().from(campaignDeliveries).where(eq(campaignDeliveries.campaignId, id));
    expect(rows).toHaveLength(29);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(29);
    expect(rows.every((r) => people.find((p) => p.id === r.userId)?.telegramId === r.chatId)).toBe(true);
    // Every delivery went to the queue; the replayed chunk twice (harmless: claims are atomic).
    const queued = broadcast.sent.flatMap((j) =>
      j.type === 'campaign-send' && j.campaignId === id ? j.deliveryIds : [],
    );
    expect(new Set(queued).size).toBe(29);
    expect(queued.length).toBe(36);
    await t.call('POST', `/api/campaigns/${id}/cancel`, { as: PUBLICITY });
  });
});
