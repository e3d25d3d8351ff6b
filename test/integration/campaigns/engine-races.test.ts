// The delivery engine when things overlap or break halfway: one send job given to two consumers at
// once, a consumer that comes back after its lease expired and was taken over (the fencing token),
// and a job that fails mid-batch — it records what it sent and gives back what it did not, so the
// queue's retry of the job finishes the campaign without waiting for the sweeper and sends nobody
// the message twice.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runJob } from '../../../api/queue';
import type { CampaignSender, SendOutcome } from '../../../core/campaigns/campaign-sender';
import { localGovernor, type SendGovernor } from '../../../core/campaigns/governor';
import { sendCampaignBatch } from '../../../core/campaigns/send-campaign-batch';
import { campaignDeliveries, campaigns } from '../../../db/schema';
import {
  approvedCampaign,
  newRecipients,
  newVillage,
  PUBLICITY,
  type Recipient,
} from '../../fixtures/campaigns';
import { createTestApp, type TestApp } from '../../harness/app';
import { queueSimulator } from '../../harness/broadcast';
import { onEmbeddedPostgres, testDatabaseUrl, useTestDb } from '../../harness/db';
import { type Fault, flakyDb } from '../../harness/db-faults';

const db = useTestDb();
const RATE = 100;
/**
 * The clock of these tests: real time plus a skew. Sleeping on `warp` adds to the skew instead of
 * waiting, so slot waits and retry back-offs pass at once; the lease test moves it forward by hand.
 */
let skew = 0;
const now = () => Date.now() + skew;
const clock = { now: () => new Date(now()) };
const warp = {
  now,
  sleep: async (ms: number) => {
    skew += Math.max(0, ms);
    await new Promise((r) => setImmediate(r));
  },
};
/** The services' database: the suite's, except while a test takes it away. */
let fault: (query: string) => Fault = () => null;
const flaky = flakyDb(testDatabaseUrl(), (q) => fault(q), onEmbeddedPostgres() ? 1 : 4);
afterAll(() => flaky.close());
const broadcast = queueSimulator();
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock, db: () => flaky.db, env: { BROADCAST: broadcast } });
});

beforeEach(() => {
  t.sandbox.reset();
  skew = 0;
  fault = () => null;
});

/** A campaign of `n` new people, started and materialised: its send jobs, not yet run. */
async function started(n: number) {
  const village = await newVillage(db);
  const people = await newRecipients(db, village.id, n);
  const id = await approvedCampaign(t, { villageIds: [village.id] });
  expect((await t.call('POST', `/api/campaigns/${id}/schedule`, { as: PUBLICITY, body: {} })).status).toBe(
    200,
  );
  const jobs: { type: 'campaign-send'; campaignId: string; deliveryIds: number[] }[] = [];
  await broadcast.drain({
    consume: async (job) => {
      if (job.type === 'campaign-send') jobs.push(job);
      else await runJob(job, t.services());
    },
  });
  return { id, people, jobs };
}

function messagesTo(p: Recipient) {
  return t.sandbox.calls.filter(
    (c) => c.method === 'sendMessage' && c.params.chat_id === p.telegramId && c.status === 200,
  );
}

async function rows(campaignId: string) {
  return db.select().from(campaignDeliveries).where(eq(campaignDeliveries.campaignId, campaignId));
}

async function campaignStatus(campaignId: string) {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  return row?.status;
}

/**
 * From now on, for `forMs` of the test clock, the services' database is away: the first statement
 * containing `lose` runs and commits but its answer is lost; every other statement is refused.
 */
function databaseAway(forMs: number, lose: string) {
  const until = now() + forMs;
  const stats = { lost: 0, refused: 0 };
  fault = (query) => {
    if (now() >= until) return null;
    if (stats.lost === 0 && query.includes(lose)) {
      stats.lost += 1;
      return 'after';
    }
    stats.refused += 1;
    return 'before';
  };
  return stats;
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { open, opened };
}

describe('one send job, two consumers', () => {
  it('sends each delivery once when two consumers run the same job at the same moment', async () => {
    const { id, people, jobs } = await started(40);
    expect(jobs).toHaveLength(1);
    // Two governors: nothing but the claim stands between the two consumers.
    const consume = () =>
      sendCampaignBatch({
        deps: t.services().deps,
        job: jobs[0]!,
        governor: localGovernor({ ratePerSecond: RATE }),
        sender: t.services().campaignSender(),
      });
    const [a, b] = await Promise.all([consume(), consume()]);
    expect(a.sent + b.sent).toBe(40);
    expect(a.skipped + b.skipped).toBe(40);
    for (const p of people) expect(messagesTo(p), `chat ${p.telegramId}`).toHaveLength(1);
    expect(await campaignStatus(id)).toBe('sent');
  });

  it('does not let a consumer whose lease expired record over the consumer that took the delivery over', async () => {
    const { people, jobs } = await started(1);
    const [p] = people;
    const real = t.services().campaignSender();
    const late = { answer: gate(), sent: gate(), outcome: undefined as SendOutcome | undefined };
    const next = { proceed: gate(), entered: gate(), outcome: undefined as SendOutcome | undefined };
    // The first consumer sends, then stalls before it can record (a long GC pause, a hung socket).
    const stalled: CampaignSender = {
      async send(message, loadPhoto) {
        late.outcome = await real.send(message, loadPhoto);
        late.sent.open();
        await late.answer.opened;
        return late.outcome;
      },
    };
    const first = sendCampaignBatch({
      deps: t.services().deps,
      job: jobs[0]!,
      governor: localGovernor({ ratePerSecond: RATE }),
      sender: stalled,
    });
    await late.sent.opened;
    const [claimed] = await rows(jobs[0]!.campaignId);
    expect(claimed).toMatchObject({ status: 'sending', attempts: 1 });

    // Its lease expires; a second consumer claims the delivery and is about to send it.
    skew = t.services().deps.config.campaigns.leaseMs + 1000;
    const second = sendCampaignBatch({
      deps: t.services().deps,
      job: jobs[0]!,
      governor: localGovernor({ ratePerSecond: RATE }),
      sender: {
        async send(message, loadPhoto) {
          next.entered.open();
          await next.proceed.opened;
          next.outcome = await real.send(message, loadPhoto);
          return next.outcome;
        },
      },
    });
    await next.entered.opened;
    const [retaken] = await rows(jobs[0]!.campaignId);
    expect(retaken).toMatchObject({ status: 'sending', attempts: 2 });
    expect(retaken!.leaseId).not.toBe(claimed!.leaseId);

    // The first consumer wakes up and records: its lease id is no longer the row's, nothing changes.
    late.answer.open();
    expect(await first).toMatchObject({ sent: 0, skipped: 1 });
    expect((await rows(jobs[0]!.campaignId))[0]).toMatchObject({
      status: 'sending',
      leaseId: retaken!.leaseId,
      telegramMessageId: null,
    });

    next.proceed.open();
    expect(await second).toMatchObject({ sent: 1 });
    const [done] = await rows(jobs[0]!.campaignId);
    expect(next.outcome).toMatchObject({ kind: 'sent' });
    expect(done).toMatchObject({
      status: 'sent',
      telegramMessageId: (next.outcome as { messageId: number }).messageId,
    });
    // The one duplicate an expired lease costs, and no more.
    expect(messagesTo(p!)).toHaveLength(2);
  });
});

describe('a send job that fails halfway', () => {
  it('records what it sent and releases the rest when the governor fails, so the retried job finishes at once', async () => {
    const { id, people, jobs } = await started(30);
    const governor = localGovernor({ ratePerSecond: RATE, now });
    let asked = 0;
    const failing: SendGovernor = {
      ...governor,
      async acquire(request) {
        asked += 1;
        // The Durable Object's connection drops after its first answer and stays down.
        if (asked > 1) throw new Error('Network connection lost.');
        return governor.acquire({ ...request, chatIds: request.chatIds.slice(0, 10) });
      },
    };
    const job = jobs[0]!;
    const sender = t.services().campaignSender();
    await expect(
      sendCampaignBatch({ deps: t.services().deps, job, governor: failing, sender, time: warp }),
    ).rejects.toMatchObject({ name: 'CampaignBatchError', code: 'governor_failed' });
    const after = await rows(id);
    expect(after.filter((r) => r.status === 'sent')).toHaveLength(10);
    expect(after.filter((r) => r.status === 'pending' && r.attempts === 0)).toHaveLength(20);

    // The queue retries the job: the rest goes out, nobody twice, and nothing waits for the sweeper.
    await sendCampaignBatch({ deps: t.services().deps, job, governor, sender, time: warp });
    for (const p of people) expect(messagesTo(p)).toHaveLength(1);
    expect(await campaignStatus(id)).toBe('sent');
  });

  it('keeps what it sent while the database is away and writes it when it is back', async () => {
    const { id, people, jobs } = await started(40);
    const governor = localGovernor({ ratePerSecond: RATE, now });
    const real = t.services().campaignSender();
    let sent = 0;
    let away: ReturnType<typeof databaseAway> | undefined;
    const sender: CampaignSender = {
      async send(message, loadPhoto) {
        const outcome = await real.send(message, loadPhoto);
        // After the 10th message the database goes away for 30 seconds; the first write of outcomes
        // then goes through but its answer is lost.
        if (++sent === 10) away = databaseAway(30_000, 'jsonb_to_recordset(');
        return outcome;
      },
    };
    const job = jobs[0]!;
    // It may give up on a read (a cancel check), never on what it sent.
    await sendCampaignBatch({ deps: t.services().deps, job, governor, sender, time: warp }).catch((e) =>
      expect(e).toMatchObject({ name: 'CampaignBatchError', code: 'read_failed' }),
    );
    expect(away).toMatchObject({ lost: 1 });
    expect(away!.refused).toBeGreaterThan(10);
    const after = await rows(id);
    expect(after.filter((r) => r.status === 'sent')).toHaveLength(sent);
    expect(after.filter((r) => r.status === 'sending')).toEqual([]);

    await sendCampaignBatch({ deps: t.services().deps, job, governor, sender, time: warp });
    for (const p of people) expect(messagesTo(p)).toHaveLength(1);
    expect(await campaignStatus(id)).toBe('sent');
  });

  it('gives back what it claimed when the claim cannot be confirmed, so the retried job sends it at once', async () => {
    const { id, people, jobs } = await started(40);
    const governor = localGovernor({ ratePerSecond: RATE, now });
    let asked = 0;
    let away: ReturnType<typeof databaseAway> | undefined;
    // Ten deliveries at a time; right after the first ten were claimed, the database goes away for
    // 30 seconds. The next claim goes through, but its answer is lost.
    const tenAtATime: SendGovernor = {
      ...governor,
      async acquire(request) {
        if (++asked === 2) away = databaseAway(30_000, 'case when');
        return governor.acquire({ ...request, chatIds: request.chatIds.slice(0, 10) });
      },
    };
    const job = jobs[0]!;
    const sender = t.services().campaignSender();
    await expect(
      sendCampaignBatch({ deps: t.services().deps, job, governor: tenAtATime, sender, time: warp }),
    ).rejects.toMatchObject({ name: 'CampaignBatchError', code: 'claim_failed' });
    expect(away).toMatchObject({ lost: 1 });
    // The ten sent are recorded; the ten claimed without an answer are back to pending, unsent.
    const after = await rows(id);
    expect(after.filter((r) => r.status === 'sent')).toHaveLength(10);
    expect(after.filter((r) => r.status === 'pending' && r.attempts === 0)).toHaveLength(30);

    await sendCampaignBatch({ deps: t.services().deps, job, governor, sender, time: warp });
    for (const p of people) expect(messagesTo(p)).toHaveLength(1);
    expect(await campaignStatus(id)).toBe('sent');
  });
});
