// The live audience count reads cells the database keeps (audience_counts, migration 0010); the
// recipients are materialised from `audienceCondition` over users. They must never disagree: after
// every kind of change a person's file or subscriptions can go through — filed, moved between
// villages or out of any, language or status changed, blocked and unblocked, unsubscribed and
// resubscribed, deleted, one at a time and many in one statement — both give the same numbers.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { audienceCondition } from '../../../core/campaigns/audience';
import { type CampaignAudience, subscriptions, users } from '../../../db/schema';
import { json, newRecipients, newVillage, PUBLICITY } from '../../fixtures/campaigns';
import { createTestApp, UNTHROTTLED_ENV } from '../../harness/app';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
const t = await createTestApp({ env: UNTHROTTLED_ENV });
const TOPICS = ['care_for_girls', 'pre_pregnancy_checkup', 'birth_policy'] as const;
const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
const STATUSES = ['resident', 'moved_away', 'newcomer'] as const;

let seed = 20261130;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

it('gives the same count as the recipients query after every kind of change', {
  timeout: 120_000,
}, async () => {
  const villages = [(await newVillage(db)).id, (await newVillage(db)).id, (await newVillage(db)).id];
  const people = (await newRecipients(db, villages[0]!, 12)).map((p) => p.id);

  const audiences: CampaignAudience[] = [
    { villageIds: villages, languages: [], statuses: [] },
    { villageIds: [villages[1]!], languages: [], statuses: [] },
    { villageIds: villages, languages: ['zh-TW', 'en'], statuses: [] },
    { villageIds: [villages[0]!, villages[2]!], languages: [], statuses: ['moved_away'] },
    { villageIds: villages, languages: ['zh-CN'], statuses: ['resident', 'newcomer'] },
  ];
  let compared = 0;
  const compare = async (step: string) => {
    for (const topic of TOPICS)
      for (const audience of audiences) {
        const query = new URLSearchParams({ topic, villageIds: audience.villageIds.join(',') });
        if (audience.languages.length) query.set('languages', audience.languages.join(','));
        if (audience.statuses.length) query.set('statuses', audience.statuses.join(','));
        const res = await t.call('GET', `/api/campaigns/audience/count?${query}`, { as: PUBLICITY });
        expect(res.status).toBe(200);
        const counted = await json<{ total: number; byLanguage: Record<string, number> }>(res);
        const rows = await db.execute<{ language: string; n: number }>(
          sql`select u.language, count(*)::int as n from users u where ${audienceCondition({ topic, audience })} group by u.language`,
        );
        const byLanguage: Record<string, number> = { 'zh-CN': 0, 'zh-TW': 0, en: 0 };
        for (const r of rows) byLanguage[r.language] = Number(r.n);
        const total = Object.values(byLanguage).reduce((a, b) => a + b, 0);
        expect(counted, `${step}: ${topic} ${JSON.stringify(audience)}`).toEqual({ total, byLanguage });
        compared += 1;
      }
  };
  await compare('filed');

  for (let step = 0; step < 240; step++) {
    const op = Math.floor(random() * 9);
    const person = people.length ? pick(people) : undefined;
    if (op === 0 || !person) {
      const [p] = await newRecipients(db, pick(villages), 1, () => ({
        language: pick(LANGUAGES),
        status: pick(STATUSES),
      }));
      people.push(p!.id);
    } else if (op === 1) {
      // Moved to another village — or out of any (null), and back later.
      await db
        .update(users)
        .set({ villageId: random() < 0.2 ? null : pick(villages) })
        .where(eq(users.id, person));
    } else if (op === 2) {
      await db
        .update(users)
        .set({ language: pick(LANGUAGES) })
        .where(eq(users.id, person));
    } else if (op === 3) {
      await db
        .update(users)
        .set({ populationStatus: pick(STATUSES) })
        .where(eq(users.id, person));
    } else if (op === 4) {
      // Blocked the bot (403), or wrote again and was unblocked.
      await db
        .update(users)
        .set({ broadcastBlockedAt: random() < 0.5 ? new Date() : null })
        .where(eq(users.id, person));
    } else if (op === 5) {
      await db
        .delete(subscriptions)
        .where(and(eq(subscriptions.userId, person), eq(subscriptions.topic, pick(TOPICS))));
    } else if (op === 6) {
      await db
        .insert(subscriptions)
        .values({ userId: person, topic: pick(TOPICS) })
        .onConflictDoNothing();
    } else if (op === 7) {
      // Several changes to one person in one statement, including a no-op on the counted columns.
      await db
        .update(users)
        .set({ villageId: pick(villages), language: pick(LANGUAGES), displayName: `moved ${step}` })
        .where(eq(users.id, person));
    } else if (random() < 0.3) {
      await db.delete(users).where(eq(users.id, person));
      people.splice(people.indexOf(person), 1);
    }
    if (step % 40 === 39) await compare(`step ${step}`);
  }

  // Many people in one statement: a whole village moves, some are blocked, some are deleted.
  await db.update(users).set({ villageId: villages[2]! }).where(eq(users.villageId, villages[0]!));
  await compare('village merged');
  const some = people.slice(0, 6);
  await db.update(users).set({ broadcastBlockedAt: new Date() }).where(inArray(users.id, some));
  await compare('blocked together');
  await db.delete(users).where(inArray(users.id, people.slice(6, 12)));
  await compare('deleted together');
  // Filed, six times during the random walk, and after each of the three bulk statements.
  expect(compared).toBe(TOPICS.length * audiences.length * 10);
});
