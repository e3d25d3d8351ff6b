// No lost bot updates: the webhook under database faults, redelivering every non-2xx as Telegram
// does. On a real PostgreSQL the test's own backends are terminated every 30 ms while /start updates
// arrive; on the embedded PGlite (one session shared with the other test files) statements fail on
// purpose instead, with the error of a lost connection. Claims: leases, take-over, fencing, sweeping.
import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../../../core/i18n';
import {
  claimUpdate,
  completeUpdate,
  releaseUpdate,
  reopenStaleUpdateClaims,
  UPDATE_CLAIM_LEASE_SECONDS,
} from '../../../core/telegram/claim-update';
import { telegramUpdates } from '../../../db/schema';
import { LOCAL_WEBHOOK_SECRET } from '../../../scripts/local-config';
import { createTestApp } from '../../harness/app';
import { onEmbeddedPostgres, testDatabaseUrl, useTestDb } from '../../harness/db';
import { faultyDb, perRequestDbs, startBackendKiller } from '../../harness/db-faults';
import { textUpdate, type UpdateUser } from '../../harness/telegram-updates';

const db = useTestDb();
const url = testDatabaseUrl();
const realPostgres = !onEmbeddedPostgres();
const APPLICATION_NAME = 'webhook-fault-test';

// Time runs with the wall clock, plus whatever a test "waited" for a Retry-After.
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

const faulty = faultyDb(url);
const perRequest = perRequestDbs(url, APPLICATION_NAME);
let dbMode: 'faulty' | 'per-request' = 'faulty';
const t = await createTestApp({
  clock,
  db: () => (dbMode === 'per-request' ? perRequest.db() : faulty.db),
});

afterEach(() => {
  faulty.failRandomly(0);
  dbMode = 'faulty';
  vi.restoreAllMocks();
});
afterAll(async () => {
  await perRequest.closeAll();
  await faulty.close();
});

let seq = 0;
let nextUpdateId = 3_000_000_000 + (Date.now() % 1_000_000) * 100;
function stranger(): UpdateUser {
  seq += 1;
  return {
    id: 700_000_000 + (Date.now() % 100_000) * 100 + seq,
    first_name: `Fault${seq}`,
    language_code: 'en',
  };
}

const welcomePrefix = translator('en', 'bot')('welcome', { name: '§', office: '§' }).split('§')[0]!;
const welcomesTo = (user: UpdateUser) =>
  t.sandbox.calls.filter(
    (c) =>
      c.method === 'sendMessage' &&
      c.params.chat_id === user.id &&
      c.status === 200 &&
      String(c.params.text).startsWith(welcomePrefix),
  ).length;

const post = (update: object) =>
  t.call('POST', '/telegram/webhook', {
    body: update,
    headers: { 'X-Telegram-Bot-Api-Secret-Token': LOCAL_WEBHOOK_SECRET },
  });

/**
 * Delivers an update until the webhook answers 2xx, as Telegram does: after a non-2xx it waits (here:
 * moves the clock) for the Retry-After it was given. Returns every status it saw.
 */
async function deliverUntilAccepted(update: object, maxAttempts = 200): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < maxAttempts; i++) {
    const res = await post(update);
    statuses.push(res.status);
    await res.body?.cancel();
    if (res.ok) return statuses;
    offsetMs += Number(res.headers.get('Retry-After') ?? '1') * 1000;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`update never accepted: ${statuses.join(',')}`);
}

async function claimsOf(updateIds: number[]) {
  return db
    .select({ updateId: telegramUpdates.updateId, status: telegramUpdates.status })
    .from(telegramUpdates)
    .where(inArray(telegramUpdates.updateId, updateIds));
}

describe('webhook under database faults', () => {
  it(`welcomes every person exactly once while ${realPostgres ? 'backends are terminated every 30 ms' : 'statements fail as if their connection died'}, with no 500 and no claim left processing`, async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const people: UpdateUser[] = [];
    const updates: ReturnType<typeof textUpdate>[] = [];
    const statuses: number[] = [];
    // One round of 60 people. On real PostgreSQL a connection younger than the spare is not killed (a
    // connection younger than 100 ms is spared: on a machine where a whole /start takes longer than
    // the 30 ms between kills, killing every fresh connection is a livelock nothing survives); on a
    // quiet machine a whole /start can take less than that, so no request meets a fault. Then another
    // round with a smaller spare, until faults were met.
    for (const spareYoungerThanMs of realPostgres ? [100, 40, 15, 5] : [0]) {
      const round = Array.from({ length: 60 }, () => stranger());
      const roundUpdates = round.map((p) => textUpdate(p, '/start', { update_id: ++nextUpdateId }));
      people.push(...round);
      updates.push(...roundUpdates);
      const killer = realPostgres
        ? startBackendKiller(url, { applicationName: APPLICATION_NAME, everyMs: 30, spareYoungerThanMs })
        : undefined;
      if (realPostgres) dbMode = 'per-request';
      else faulty.failRandomly(0.15);
      try {
        // Telegram keeps several deliveries in flight at once.
        const lanes = 6;
        const results = await Promise.all(
          Array.from({ length: lanes }, async (_, lane) => {
            const seen: number[] = [];
            for (let i = lane; i < roundUpdates.length; i += lanes)
              seen.push(...(await deliverUntilAccepted(roundUpdates[i]!)));
            return seen;
          }),
        );
        statuses.push(...results.flat());
      } finally {
        const killed = await killer?.stop();
        faulty.failRandomly(0);
        if (killer) expect(killed).toBeGreaterThan(0);
      }
      if (statuses.some((s) => s !== 200)) break;
    }
    if (!realPostgres) expect(faulty.injected).toBeGreaterThan(0);
    // Faults happened, and every one of them was answered "try again", never "broken".
    expect(statuses.filter((s) => s !== 200).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(people.map(welcomesTo)).toEqual(people.map(() => 1));
    // Every claim is done — or, where even the retried completion failed after the person was
    // answered, its lease runs out and the minute cron reopens it: none stays processing.
    const ids = updates.map((u) => u.update_id);
    const done = (await claimsOf(ids)).filter((c) => c.status === 'done').length;
    expect(done).toBeGreaterThan(updates.length * 0.9);
    offsetMs += (UPDATE_CLAIM_LEASE_SECONDS + 1) * 1000;
    await reopenStaleUpdateClaims({ deps: t.services().deps });
    expect((await claimsOf(ids)).filter((c) => c.status !== 'done')).toEqual([]);
  }, 120_000);

  it('answers 503 with Retry-After, not an apology, when the database fails inside a handler, and handles the redelivery at once', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const person = stranger();
    const update = textUpdate(person, '/start', { update_id: ++nextUpdateId });
    faulty.failWhen(/^insert into "users"/);
    const first = await post(update);
    expect(first.status).toBe(503);
    expect(first.headers.get('Retry-After')).toBe('5');
    expect(((await first.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
    expect(t.sandbox.calls.filter((c) => c.params.chat_id === person.id)).toEqual([]);
    // The claim was given back: the redelivery is handled now, not after the lease.
    expect((await post(update)).status).toBe(200);
    expect(welcomesTo(person)).toBe(1);
  });

  it('answers 200 once the person was answered, even when completion cannot be recorded', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const person = stranger();
    const update = textUpdate(person, '/start', { update_id: ++nextUpdateId });
    faulty.failWhen(/^update "telegram_updates" set "status"/, 3);
    expect((await post(update)).status).toBe(200);
    expect(welcomesTo(person)).toBe(1);
    // Left to its lease (and then the sweeper): Telegram got its 200 and sends nothing again.
    const [claim] = await claimsOf([update.update_id]);
    expect(claim?.status).toBe('processing');
  });
});

describe('update claims', () => {
  const deps = () => t.services().deps;

  it('answers 503 with the lease left as Retry-After while another delivery holds the claim', async () => {
    const update = textUpdate(stranger(), '/help', { update_id: ++nextUpdateId });
    const held = await claimUpdate({ deps: deps(), updateId: update.update_id });
    expect(held.outcome).toBe('claimed');
    const res = await post(update);
    expect(res.status).toBe(503);
    const retryAfter = Number(res.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(UPDATE_CLAIM_LEASE_SECONDS - 5);
    expect(retryAfter).toBeLessThanOrEqual(UPDATE_CLAIM_LEASE_SECONDS);
  });

  it('lets a later delivery take over a claim whose lease ran out, and fences the first holder out', async () => {
    const updateId = ++nextUpdateId;
    const first = await claimUpdate({ deps: deps(), updateId });
    if (first.outcome !== 'claimed') throw new Error('not claimed');
    expect((await claimUpdate({ deps: deps(), updateId })).outcome).toBe('in_progress');
    offsetMs += (UPDATE_CLAIM_LEASE_SECONDS + 1) * 1000;
    const second = await claimUpdate({ deps: deps(), updateId });
    if (second.outcome !== 'claimed') throw new Error('not taken over');
    expect(second.claim.attempt).toBe(2);
    // The first holder woke up late: it can neither complete nor release the new claim.
    expect(await completeUpdate({ deps: deps(), claim: first.claim })).toBe(false);
    await releaseUpdate({ deps: deps(), claim: first.claim });
    expect((await claimUpdate({ deps: deps(), updateId })).outcome).toBe('in_progress');
    expect(await completeUpdate({ deps: deps(), claim: second.claim })).toBe(true);
    expect((await claimUpdate({ deps: deps(), updateId })).outcome).toBe('done');
  });

  it('reopens, from the minute cron, claims whose lease ran out, and leaves live and done ones alone', async () => {
    const [stale, live, done] = [++nextUpdateId, ++nextUpdateId, ++nextUpdateId];
    await claimUpdate({ deps: deps(), updateId: stale });
    offsetMs += (UPDATE_CLAIM_LEASE_SECONDS + 1) * 1000;
    await claimUpdate({ deps: deps(), updateId: live });
    const finished = await claimUpdate({ deps: deps(), updateId: done });
    if (finished.outcome !== 'claimed') throw new Error('not claimed');
    await completeUpdate({ deps: deps(), claim: finished.claim });
    const { reopened } = await reopenStaleUpdateClaims({ deps: deps() });
    expect(reopened).toBeGreaterThanOrEqual(1);
    const left = await claimsOf([stale, live, done]);
    expect(left.map((c) => [c.updateId, c.status]).sort()).toEqual(
      [
        [live, 'processing'],
        [done, 'done'],
      ].sort(),
    );
    // The stale update is claimable again from scratch.
    expect((await claimUpdate({ deps: deps(), updateId: stale })).outcome).toBe('claimed');
    await db.delete(telegramUpdates).where(eq(telegramUpdates.updateId, stale));
  });
});
