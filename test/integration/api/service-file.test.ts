// The "eight ones" service file through the HTTP API and its cron use cases on real Postgres with an
// injected clock: opening a file, consent before a health upload, review on the shared workflow with
// a signed receipt, return with every reason, consent withdrawal, retention purge, reminders (stages,
// cancellation on submit, weekly grouping, quiet hours, planned vs actual) and completeness figures.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CampaignMessage } from '../../../core/campaigns/campaign-message';
import { localGovernor } from '../../../core/campaigns/governor';
import { fixedClock } from '../../../core/runtime';
import { planReminders } from '../../../core/service-file/plan-reminders';
import { purgeServiceReports } from '../../../core/service-file/purge-service-reports';
import { refreshCompleteness } from '../../../core/service-file/refresh-completeness';
import { sendDueReminders } from '../../../core/service-file/send-due-reminders';
import {
  auditLog,
  serviceItems,
  serviceReminders,
  serviceSubmissions,
  townships,
  users,
  villages,
} from '../../../db/schema';
import { pngWithText } from '../../fixtures/certificates';
import { createTestApp, type ErrorBody, type TestApp } from '../../harness/app';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
// Monday 30 November 2026, 10:00 in Shanghai.
const clock = fixedClock('2026-11-30T02:00:00Z');
let t: TestApp;
const REVIEWER_EAST = 900002;
const REVIEWER_SOUTH = 900006;
const ADMIN = 900001;

let seq = 0;
async function migrant(village = 'dongshan') {
  seq += 1;
  const telegramId = 810_000_000 + (Date.now() % 1_000_000) * 10 + seq;
  const [v] = await db.select({ id: villages.id }).from(villages).where(eq(villages.code, village));
  expect((await t.call('PATCH', '/api/me', { as: telegramId, body: { villageId: v!.id } })).status).toBe(200);
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
  expect((await t.call('POST', '/api/service-file/departure', { as: telegramId })).status).toBe(200);
  return { telegramId, userId: u!.id };
}
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
function checkupForm(extra: Record<string, string> = {}) {
  const f = new FormData();
  for (const [k, v] of Object.entries({
    clinic: '深圳市人民医院',
    city: '深圳',
    examDate: '2026-11-20',
    ...extra,
  }))
    f.set(k, v);
  f.set('file', new File([pngWithText() as Uint8Array<ArrayBuffer>], 'report.png'));
  return f;
}
async function item(userId: string, kind: string) {
  const [row] = await db
    .select()
    .from(serviceItems)
    .where(and(eq(serviceItems.userId, userId), eq(serviceItems.kind, kind as 'training')));
  return row!;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
});

describe('the service file', () => {
  it('opens eight items on departure, the personal file met at once, the others due in 30 days', async () => {
    const p = await migrant();
    const body = await json<{ file: { items: { kind: string; status: string; dueOn: string | null }[] } }>(
      await t.call('GET', '/api/service-file', { as: p.telegramId }),
    );
    expect(body.file.items.map((i) => i.kind)).toEqual([
      'training',
      'health_checkup',
      'certificate',
      'service_agreement',
      'contact_details',
      'residence_proof',
      'personal_file',
      'livelihood',
    ]);
    expect(body.file.items.find((i) => i.kind === 'personal_file')!.status).toBe('verified');
    expect(body.file.items.find((i) => i.kind === 'health_checkup')).toMatchObject({
      status: 'not_started',
      dueOn: '2026-12-30',
    });
  });

  it('refuses a health upload before the consent, then takes it, and a reviewer verifies it with a receipt', async () => {
    const p = await migrant();
    const refused = await t.call('POST', '/api/service-file/items/health_checkup/upload', {
      as: p.telegramId,
      body: checkupForm(),
    });
    expect(refused.status).toBe(409);
    expect((await json<ErrorBody>(refused)).error.code).toBe('consent_required');
    expect(
      (await t.call('POST', '/api/service-file/health-consent', { as: p.telegramId, body: { version: 1 } }))
        .status,
    ).toBe(200);
    // No field for results or pregnancy: anything beyond clinic, city and date is refused.
    const extra = await t.call('POST', '/api/service-file/items/health_checkup/upload', {
      as: p.telegramId,
      body: checkupForm({ clinic: '', city: '深圳' }),
    });
    expect(extra.status).toBe(400);
    const up = await t.call('POST', '/api/service-file/items/health_checkup/upload', {
      as: p.telegramId,
      body: checkupForm(),
    });
    expect(up.status).toBe(201);
    const it0 = await item(p.userId, 'health_checkup');
    expect(it0.status).toBe('submitted');

    // Out of scope: another village's reviewer cannot see it.
    expect(
      (await t.call('GET', `/api/review/service-file/items/${it0.id}`, { as: REVIEWER_SOUTH })).status,
    ).toBe(403);
    // Verify before claiming: not the owner.
    expect(
      (await t.call('POST', `/api/review/service-file/items/${it0.id}/verify`, { as: REVIEWER_EAST })).status,
    ).toBe(403);
    expect(
      (await t.call('POST', `/api/review/service-file/items/${it0.id}/claim`, { as: REVIEWER_EAST })).status,
    ).toBe(200);
    // A second claim finds it taken.
    expect(
      (await t.call('POST', `/api/review/service-file/items/${it0.id}/claim`, { as: REVIEWER_EAST })).status,
    ).toBe(409);
    const view = await t.call('GET', `/api/review/service-file/items/${it0.id}`, { as: REVIEWER_EAST });
    expect(view.status).toBe(200);
    const reads = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'service_file.read_health'), eq(auditLog.recordId, it0.id)));
    expect(reads.length).toBe(1);

    const verified = await json<{ status: string; receipt: string }>(
      await t.call('POST', `/api/review/service-file/items/${it0.id}/verify`, { as: REVIEWER_EAST }),
    );
    expect(verified.status).toBe('verified');
    const check = await json<{ result: string; fields: { kind: string } }>(
      await t.call('POST', '/api/service-file/receipts/verify', { body: { receipt: verified.receipt } }),
    );
    expect(check).toMatchObject({ result: 'valid', fields: { kind: 'health_checkup' } });
    const after = await item(p.userId, 'health_checkup');
    expect(after).toMatchObject({ status: 'verified', lastMetOn: '2026-11-30', dueOn: '2027-11-30' });
  });

  it('returns a proof with every reason at once and takes the corrected one back to the same reviewer', async () => {
    const p = await migrant();
    const f = new FormData();
    f.set('label', '居住证');
    f.set('file', new File([pngWithText() as Uint8Array<ArrayBuffer>], 'proof.png'));
    expect(
      (await t.call('POST', '/api/service-file/items/residence_proof/upload', { as: p.telegramId, body: f }))
        .status,
    ).toBe(201);
    const proof = await item(p.userId, 'residence_proof');
    await t.call('POST', `/api/review/service-file/items/${proof.id}/claim`, { as: REVIEWER_EAST });
    const items = [
      { target: 'file', note: '照片看不清' },
      { target: 'field:label', note: '请写明证明名称' },
    ];
    const ret = await t.call('POST', `/api/review/service-file/items/${proof.id}/return`, {
      as: REVIEWER_EAST,
      body: { items },
    });
    expect(ret.status).toBe(200);
    const own = await json<{ file: { items: { kind: string; status: string; returnItems: unknown }[] } }>(
      await t.call('GET', '/api/service-file', { as: p.telegramId }),
    );
    expect(own.file.items.find((i) => i.kind === 'residence_proof')).toMatchObject({
      status: 'returned',
      returnItems: items,
    });
    const f2 = new FormData();
    f2.set('label', '深圳居住证');
    f2.set('file', new File([pngWithText() as Uint8Array<ArrayBuffer>], 'proof.png'));
    expect(
      (await t.call('POST', '/api/service-file/items/residence_proof/upload', { as: p.telegramId, body: f2 }))
        .status,
    ).toBe(201);
    const again = await item(p.userId, 'residence_proof');
    expect(again.status).toBe('submitted');
    expect(again.ownerOfficerId).toBe(proof.ownerOfficerId ?? again.ownerOfficerId);
    expect(again.ownerOfficerId).not.toBeNull();
  });

  it('names the other reviewers of the village for a handover, and the item moves to the one chosen', async () => {
    const p = await migrant();
    const f = new FormData();
    f.set('file', new File([pngWithText() as Uint8Array<ArrayBuffer>], 'proof.png'));
    await t.call('POST', '/api/service-file/items/residence_proof/upload', { as: p.telegramId, body: f });
    const it0 = await item(p.userId, 'residence_proof');
    const officers = (as: number) =>
      t.call('GET', `/api/review/service-file/items/${it0.id}/officers`, { as });
    // Before anyone owns it: both reviewers of 东山村, not the other village's.
    const before = await json<{ officers: { displayName: string }[] }>(await officers(REVIEWER_EAST));
    expect(before.officers.map((o) => o.displayName)).toEqual(expect.arrayContaining(['王审核', '孙审核']));
    expect(before.officers.map((o) => o.displayName)).not.toContain('周审核');
    // Out of scope, and a person, are refused.
    expect((await officers(REVIEWER_SOUTH)).status).toBe(403);
    expect((await officers(p.telegramId)).status).toBe(403);
    expect(
      (await t.call('GET', '/api/review/service-file/items/not-a-uuid/officers', { as: REVIEWER_EAST }))
        .status,
    ).toBe(400);

    await t.call('POST', `/api/review/service-file/items/${it0.id}/claim`, { as: REVIEWER_EAST });
    const after = await json<{ officers: { userId: string; displayName: string }[] }>(
      await officers(REVIEWER_EAST),
    );
    // The owner is not offered to themself.
    expect(after.officers.map((o) => o.displayName)).not.toContain('王审核');
    const target = after.officers.find((o) => o.displayName === '孙审核')!;
    const handed = await t.call('POST', `/api/review/service-file/items/${it0.id}/handover`, {
      as: REVIEWER_EAST,
      body: { toOfficerUserId: target.userId, note: '请协助核实' },
    });
    expect(handed.status).toBe(200);
    expect((await item(p.userId, 'residence_proof')).ownerOfficerId).toBe(target.userId);
    // No longer the owner: the former owner cannot hand it over again.
    const again = await t.call('POST', `/api/review/service-file/items/${it0.id}/handover`, {
      as: REVIEWER_EAST,
      body: { toOfficerUserId: target.userId },
    });
    expect(again.status).toBe(403);
  });

  it("hides a person's file from another person", async () => {
    const a = await migrant();
    const b = await migrant();
    const f = new FormData();
    f.set('file', new File([pngWithText() as Uint8Array<ArrayBuffer>], 'proof.png'));
    await t.call('POST', '/api/service-file/items/residence_proof/upload', { as: a.telegramId, body: f });
    const sub = (await item(a.userId, 'residence_proof')).currentSubmissionId!;
    expect(
      (await t.call('GET', `/api/service-file/submissions/${sub}/file`, { as: b.telegramId })).status,
    ).toBe(404);
    expect(
      (await t.call('GET', `/api/service-file/submissions/${sub}/file`, { as: a.telegramId })).status,
    ).toBe(200);
  });
});

describe('office actions', () => {
  const texts = (n: string) => ({
    'zh-CN': `服务协议第${n}版：镇人口服务办公室为外出务工人员提供免费服务。`,
    'zh-TW': `服務協議第${n}版：鎮人口服務辦公室為外出務工人員提供免費服務。`,
    en: `Service agreement, edition ${n}: the township office serves people working away for free.`,
  });

  it('publishes a new agreement version: those who acknowledged are asked again, and acknowledge the new one', async () => {
    const p = await migrant();
    const agreement = async () =>
      json<{ current: { version: number; texts: Record<string, string> } | null }>(
        await t.call('GET', '/api/review/service-file/agreement', { as: ADMIN }),
      );
    // Make sure there is a version to acknowledge first.
    if (!(await agreement()).current)
      await t.call('PUT', '/api/review/service-file/agreement', { as: ADMIN, body: { texts: texts('一') } });
    const before = (await agreement()).current!;
    expect(Object.keys(before.texts).sort()).toEqual(['en', 'zh-CN', 'zh-TW']);
    expect(
      (
        await t.call('POST', '/api/service-file/agreement/acknowledge', {
          as: p.telegramId,
          body: { version: before.version },
        })
      ).status,
    ).toBe(200);
    expect((await item(p.userId, 'service_agreement')).status).toBe('verified');

    // Only an admin publishes; every language is needed.
    expect((await t.call('GET', '/api/review/service-file/agreement', { as: REVIEWER_EAST })).status).toBe(
      403,
    );
    expect(
      (
        await t.call('PUT', '/api/review/service-file/agreement', {
          as: REVIEWER_EAST,
          body: { texts: texts('二') },
        })
      ).status,
    ).toBe(403);
    const missing = await t.call('PUT', '/api/review/service-file/agreement', {
      as: ADMIN,
      body: { texts: { 'zh-CN': texts('二')['zh-CN'], en: texts('二').en } },
    });
    expect(missing.status).toBe(400);

    const sentBefore = t.jobs.sent.length;
    const published = await json<{ version: number; asked: number }>(
      await t.call('PUT', '/api/review/service-file/agreement', { as: ADMIN, body: { texts: texts('二') } }),
    );
    expect(published.version).toBe(before.version + 1);
    expect(published.asked).toBeGreaterThanOrEqual(1);
    expect((await agreement()).current).toMatchObject({ version: published.version, texts: texts('二') });
    // The person's item is due again, and they are told in chat with a button to the agreement.
    expect((await item(p.userId, 'service_agreement')).status).toBe('due_again');
    const told = t.jobs.sent.slice(sentBefore).find((j) => j.type === 'notify-user' && j.userId === p.userId);
    expect(told).toMatchObject({
      messageKey: 'serviceFile:notify.agreementChanged',
      params: { version: published.version },
      button: { path: 'service-file/items/service_agreement' },
    });
    // The old version is no longer the one to acknowledge; the new one is.
    const own = await json<{ agreement: { version: number } }>(
      await t.call('GET', '/api/service-file', { as: p.telegramId }),
    );
    expect(own.agreement.version).toBe(published.version);
    const old = await t.call('POST', '/api/service-file/agreement/acknowledge', {
      as: p.telegramId,
      body: { version: before.version },
    });
    expect(old.status).toBe(400);
    const ok = await t.call('POST', '/api/service-file/agreement/acknowledge', {
      as: p.telegramId,
      body: { version: published.version },
    });
    expect(ok.status).toBe(200);
    expect((await item(p.userId, 'service_agreement')).status).toBe('verified');
  });

  it('records the pre-departure training as attended by a reviewer of the village, once', async () => {
    const p = await migrant();
    const training = await item(p.userId, 'training');
    const file = await json<{ items: { kind: string; can: Record<string, boolean> }[] }>(
      await t.call('GET', `/api/review/service-file/people/${p.userId}`, { as: REVIEWER_EAST }),
    );
    expect(file.items.find((i) => i.kind === 'training')?.can.record).toBe(true);
    const path = `/api/review/service-file/items/${training.id}/record`;
    expect((await t.call('POST', path, { as: REVIEWER_SOUTH })).status).toBe(403);
    expect((await t.call('POST', path, { as: p.telegramId })).status).toBe(403);
    const recorded = await json<{ status: string; receipt: string }>(
      await t.call('POST', path, { as: REVIEWER_EAST }),
    );
    expect(recorded.status).toBe('verified');
    expect(recorded.receipt).toMatch(/^HYBY1\|/);
    expect(await item(p.userId, 'training')).toMatchObject({ status: 'verified', lastMetOn: '2026-11-30' });
    // Recording it again is refused: it is met.
    expect((await t.call('POST', path, { as: REVIEWER_EAST })).status).toBe(409);
  });
});

describe('health data', () => {
  it('withdrawing the consent erases the report files and the check-up details', async () => {
    const p = await migrant();
    await t.call('POST', '/api/service-file/health-consent', { as: p.telegramId, body: { version: 1 } });
    await t.call('POST', '/api/service-file/items/health_checkup/upload', {
      as: p.telegramId,
      body: checkupForm(),
    });
    const objectsBefore = t.files.objects.size;
    const res = await json<{ erasedSubmissions: number }>(
      await t.call('DELETE', '/api/service-file/health-consent', { as: p.telegramId }),
    );
    expect(res.erasedSubmissions).toBe(1);
    expect(t.files.objects.size).toBe(objectsBefore - 1);
    const [sub] = await db.select().from(serviceSubmissions).where(eq(serviceSubmissions.userId, p.userId));
    expect(sub).toMatchObject({ details: null, fileId: null });
    expect(sub!.healthErasedAt).not.toBeNull();
    expect((await item(p.userId, 'health_checkup')).status).toBe('not_started');
  });

  it('deletes a verified report file 90 days after verification and keeps the fact', async () => {
    const local = fixedClock('2026-11-30T02:00:00Z');
    const app = await createTestApp({ clock: local });
    const p = { telegramId: 820_000_000 + (Date.now() % 1_000_000), userId: '' };
    const [v] = await db.select({ id: villages.id }).from(villages).where(eq(villages.code, 'dongshan'));
    await app.call('PATCH', '/api/me', { as: p.telegramId, body: { villageId: v!.id } });
    await app.call('POST', '/api/service-file/departure', { as: p.telegramId });
    await app.call('POST', '/api/service-file/health-consent', { as: p.telegramId, body: { version: 1 } });
    await app.call('POST', '/api/service-file/items/health_checkup/upload', {
      as: p.telegramId,
      body: checkupForm(),
    });
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, p.telegramId));
    const it0 = await item(u!.id, 'health_checkup');
    await app.call('POST', `/api/review/service-file/items/${it0.id}/claim`, { as: REVIEWER_EAST });
    await app.call('POST', `/api/review/service-file/items/${it0.id}/verify`, { as: REVIEWER_EAST });
    const deps = app.services().deps;
    local.set('2027-02-27T02:00:00Z'); // 89 days
    await purgeServiceReports({ deps });
    let [sub] = await db.select().from(serviceSubmissions).where(eq(serviceSubmissions.itemId, it0.id));
    expect(sub!.fileId).not.toBeNull();
    local.set('2027-03-01T02:00:00Z'); // 91 days
    await purgeServiceReports({ deps });
    [sub] = await db.select().from(serviceSubmissions).where(eq(serviceSubmissions.itemId, it0.id));
    expect(sub).toMatchObject({ fileId: null, status: 'verified' });
    expect(sub!.receipt).toMatch(/^HYBY1\|/);
    expect(sub!.details).toMatchObject({ clinic: '深圳市人民医院' });
  });
});

describe('reminders', () => {
  it('plans one grouped reminder 14 days before, cancels it on submit, defers out of quiet hours and stores the actual send time', async () => {
    const local = fixedClock('2026-11-30T02:00:00Z');
    const app = await createTestApp({ clock: local });
    const deps = app.services().deps;
    const telegramId = 830_000_000 + (Date.now() % 1_000_000);
    const [v] = await db.select({ id: villages.id }).from(villages).where(eq(villages.code, 'dongshan'));
    await app.call('PATCH', '/api/me', { as: telegramId, body: { villageId: v!.id } });
    await app.call('POST', '/api/service-file/departure', { as: telegramId });
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
    const mine = () => db.select().from(serviceReminders).where(eq(serviceReminders.userId, u!.id));

    // Due 2026-12-30: the before_14 stage begins 2026-12-16. At 22:00 Beijing → planned for 08:00 next day.
    local.set('2026-12-16T14:00:00Z');
    await planReminders({ deps });
    let rows = await mine();
    expect(rows.length).toBe(1);
    expect(rows[0]!.items.length).toBe(7); // every unmet item with that due date, grouped in one message
    expect(rows[0]!.plannedAt.toISOString()).toBe('2026-12-17T00:00:00.000Z');
    // Planning again changes nothing (each stage once).
    await planReminders({ deps });
    expect((await mine()).length).toBe(1);

    // Submitting the proof takes it out of the planned reminder at once.
    const f = new FormData();
    f.set('file', new File([pngWithText() as Uint8Array<ArrayBuffer>], 'proof.png'));
    expect(
      (await app.call('POST', '/api/service-file/items/residence_proof/upload', { as: telegramId, body: f }))
        .status,
    ).toBe(201);
    rows = await mine();
    expect(rows[0]!.items.map((i) => i.kind)).not.toContain('residence_proof');

    // Nothing is sent in the quiet hours; at 08:00 it goes out through the governor and the sender.
    const sent: CampaignMessage[] = [];
    const sender = {
      async send(m: CampaignMessage) {
        sent.push(m);
        return { kind: 'sent' as const, messageId: 77 };
      },
    };
    const governor = localGovernor({ ratePerSecond: 1000, now: () => Date.now() });
    expect((await sendDueReminders({ deps, governor, sender })).sent).toBe(0);
    expect((await mine())[0]!.status).toBe('planned');
    local.set('2026-12-17T00:05:00Z');
    // Other files' people may have reminders due too: send until ours has gone.
    for (let round = 0; round < 50 && (await mine()).some((r) => r.status === 'planned'); round++)
      await sendDueReminders({ deps, governor, sender });
    rows = await mine();
    expect(rows[0]!.status).toBe('sent');
    expect(rows[0]!.sentAt!.toISOString()).toBe('2026-12-17T00:05:00.000Z');
    expect(rows[0]!.plannedAt.toISOString()).toBe('2026-12-17T00:00:00.000Z');
    expect(sent.find((m) => m.chatId === telegramId)!.button!.url).toContain('/app/service-file');

    // Another stage begins two days later: it waits for the weekly cap (7 days after the last message).
    await db
      .update(serviceItems)
      .set({ dueOn: '2026-12-22', nextRemindOn: '2026-12-19', reminderKey: null })
      .where(and(eq(serviceItems.userId, u!.id), eq(serviceItems.kind, 'health_checkup')));
    local.set('2026-12-19T02:00:00Z');
    await planReminders({ deps });
    rows = (await mine()).filter((r) => r.status === 'planned');
    expect(rows.length).toBe(1);
    expect(rows[0]!.items.map((i) => i.stage)).toEqual(['before_3']);
    expect(rows[0]!.plannedAt.toISOString()).toBe('2026-12-24T00:05:00.000Z');
  });
});

describe('completeness', () => {
  it('counts met, overdue and complete files per village as computed by hand', async () => {
    const [town] = await db.select({ id: townships.id }).from(townships).limit(1);
    const code = `sf${Date.now() % 1_000_000}`;
    const [v] = await db.insert(villages).values({ townshipId: town!.id, code, name: '测试村' }).returning();
    const people = [];
    for (let n = 0; n < 3; n++) {
      const telegramId = 840_000_000 + (Date.now() % 1_000_000) * 10 + n;
      await t.call('PATCH', '/api/me', { as: telegramId, body: { villageId: v!.id } });
      await t.call('POST', '/api/service-file/departure', { as: telegramId });
      const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
      people.push(u!.id);
    }
    // Person 0: every item met. Person 1: health check-up overdue. Person 2: as opened.
    await db
      .update(serviceItems)
      .set({ status: 'verified', lastMetOn: '2026-11-01', dueOn: null })
      .where(eq(serviceItems.userId, people[0]!));
    await db
      .update(serviceItems)
      .set({ dueOn: '2026-11-01' })
      .where(and(eq(serviceItems.userId, people[1]!), eq(serviceItems.kind, 'health_checkup')));
    // The figures are a snapshot at most 15 minutes old: the cron's refresh takes these changes in.
    await refreshCompleteness({ deps: t.services().deps });
    const body = await json<{
      villages: {
        villageId: number;
        files: number;
        completeFiles: number;
        filesWithOverdue: number;
        items: Record<string, { total: number; met: number; overdue: number }>;
      }[];
    }>(await t.call('GET', `/api/review/service-file/completeness?villageId=${v!.id}`, { as: ADMIN }));
    const row = body.villages.find((x) => x.villageId === v!.id)!;
    expect(row).toMatchObject({ files: 3, completeFiles: 1, filesWithOverdue: 1 });
    expect(row.items.health_checkup).toEqual({ total: 3, met: 1, overdue: 1 });
    expect(row.items.personal_file).toEqual({ total: 3, met: 3, overdue: 0 });
    expect(row.items.training).toEqual({ total: 3, met: 1, overdue: 0 });
    const csv = await (
      await t.call('GET', `/api/review/service-file/completeness.csv?villageId=${v!.id}`, { as: ADMIN })
    ).text();
    expect(csv).toContain(`2026-11-30,${v!.id},"测试村",health_checkup,3,1,1`);
    expect(csv).toContain(`2026-11-30,${v!.id},"测试村",whole_file,3,1,1`);
  });
});

describe('completeness snapshot', () => {
  type Figures = {
    asOf: string;
    computedAt: string;
    villages: {
      villageId: number | null;
      files: number;
      items: Record<string, { total: number; met: number; overdue: number }>;
    }[];
  };
  const T0 = Date.parse('2026-12-02T02:00:00Z'); // Wednesday 10:00 in Shanghai
  const minutes = (m: number) => new Date(T0 + m * 60_000);

  it('answers from a snapshot up to 15 minutes old, refreshed by the cron or by a read after 15 minutes', async () => {
    const local = fixedClock(minutes(0));
    const app = await createTestApp({ clock: local });
    const deps = app.services().deps;
    const [town] = await db.select({ id: townships.id }).from(townships).limit(1);
    const [v] = await db
      .insert(villages)
      .values({ townshipId: town!.id, code: `sfs${Date.now() % 1_000_000}`, name: '快照村' })
      .returning();
    const people: string[] = [];
    for (let n = 0; n < 2; n++) {
      const telegramId = 850_000_000 + (Date.now() % 1_000_000) * 10 + n;
      await app.call('PATCH', '/api/me', { as: telegramId, body: { villageId: v!.id } });
      await app.call('POST', '/api/service-file/departure', { as: telegramId });
      const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
      people.push(u!.id);
    }
    const read = async (as = ADMIN) =>
      json<Figures>(
        await app.call('GET', `/api/review/service-file/completeness?villageId=${v!.id}`, { as }),
      );
    const training = (f: Figures) => f.villages.find((x) => x.villageId === v!.id)?.items.training;
    await refreshCompleteness({ deps });
    let body = await read();
    expect(body.computedAt).toBe(minutes(0).toISOString());
    expect(training(body)).toEqual({ total: 2, met: 0, overdue: 0 });

    // Within 15 minutes a change is not yet in the figures.
    const meet = (userId: string) =>
      db
        .update(serviceItems)
        .set({ status: 'verified', lastMetOn: '2026-12-02', dueOn: null })
        .where(and(eq(serviceItems.userId, userId), eq(serviceItems.kind, 'training')));
    await meet(people[0]!);
    local.set(minutes(14));
    body = await read();
    expect(training(body)).toEqual({ total: 2, met: 0, overdue: 0 });
    expect(body.computedAt).toBe(minutes(0).toISOString());

    // 15 minutes on, the read recomputes first.
    local.set(minutes(15));
    body = await read();
    expect(training(body)).toEqual({ total: 2, met: 1, overdue: 0 });
    expect(body.computedAt).toBe(minutes(15).toISOString());

    // The cron's refresh takes a change in at once.
    await meet(people[1]!);
    local.set(minutes(16));
    await refreshCompleteness({ deps });
    body = await read();
    expect(training(body)).toEqual({ total: 2, met: 2, overdue: 0 });
    expect(body.computedAt).toBe(minutes(16).toISOString());
  });

  it("takes a change in at once on an officer's 'refresh now', at most once a minute; a resident is refused", async () => {
    const local = fixedClock(minutes(60));
    const app = await createTestApp({ clock: local });
    const deps = app.services().deps;
    const [town] = await db.select({ id: townships.id }).from(townships).limit(1);
    const [v] = await db
      .insert(villages)
      .values({ townshipId: town!.id, code: `sfr${Date.now() % 1_000_000}`, name: '刷新村' })
      .returning();
    const telegramId = 855_000_000 + (Date.now() % 1_000_000) * 10;
    await app.call('PATCH', '/api/me', { as: telegramId, body: { villageId: v!.id } });
    await app.call('POST', '/api/service-file/departure', { as: telegramId });
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
    await refreshCompleteness({ deps });
    const refresh = async (as = ADMIN) => {
      const res = await app.call('POST', `/api/review/service-file/completeness/refresh?villageId=${v!.id}`, {
        as,
      });
      expect(res.status).toBe(200);
      const body = await json<Figures & { refreshed: boolean }>(res);
      return {
        refreshed: body.refreshed,
        computedAt: body.computedAt,
        training: body.villages.find((x) => x.villageId === v!.id)?.items.training,
      };
    };
    // The officer records the training (as a verification would): not in the 15-minute snapshot yet.
    await db
      .update(serviceItems)
      .set({ status: 'verified', lastMetOn: '2026-12-02', dueOn: null })
      .where(and(eq(serviceItems.userId, u!.id), eq(serviceItems.kind, 'training')));
    // Under a minute after the last computation: answered as it is, nothing recomputed.
    local.set(new Date(minutes(60).getTime() + 30_000));
    expect(await refresh()).toEqual({
      refreshed: false,
      computedAt: minutes(60).toISOString(),
      training: { total: 1, met: 0, overdue: 0 },
    });
    // A minute on, "refresh now" recomputes and the training counts as met.
    local.set(minutes(61));
    expect(await refresh()).toEqual({
      refreshed: true,
      computedAt: minutes(61).toISOString(),
      training: { total: 1, met: 1, overdue: 0 },
    });
    // Straight after, another officer's ask finds it fresh.
    expect((await refresh()).refreshed).toBe(false);
    const resident = await app.call('POST', '/api/review/service-file/completeness/refresh', { as: 900101 });
    expect(resident.status).toBe(403);
  });

  it('recomputes overdue items on a new day, and a reviewer sees only the snapshot rows of their villages', async () => {
    const local = fixedClock(minutes(30));
    const app = await createTestApp({ clock: local });
    const deps = app.services().deps;
    const [east] = await db.select({ id: villages.id }).from(villages).where(eq(villages.code, 'dongshan'));
    const [south] = await db.select({ id: villages.id }).from(villages).where(eq(villages.code, 'nanhu'));
    const [town] = await db.select({ id: townships.id }).from(townships).limit(1);
    const [fresh] = await db
      .insert(villages)
      .values({ townshipId: town!.id, code: `sfd${Date.now() % 1_000_000}`, name: '新日村' })
      .returning();
    const ids: string[] = [];
    for (const [n, village] of [fresh!, east!, south!].entries()) {
      const telegramId = 860_000_000 + (Date.now() % 1_000_000) * 10 + n;
      await app.call('PATCH', '/api/me', { as: telegramId, body: { villageId: village.id } });
      await app.call('POST', '/api/service-file/departure', { as: telegramId });
      const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
      ids.push(u!.id);
    }
    // Due tomorrow (Shanghai): not overdue today, overdue the day after.
    await db
      .update(serviceItems)
      .set({ dueOn: '2026-12-03' })
      .where(and(eq(serviceItems.userId, ids[0]!), eq(serviceItems.kind, 'health_checkup')));
    await refreshCompleteness({ deps });
    const checkups = async () => {
      const body = await json<Figures>(
        await app.call('GET', `/api/review/service-file/completeness?villageId=${fresh!.id}`, { as: ADMIN }),
      );
      return { asOf: body.asOf, figures: body.villages[0]!.items.health_checkup };
    };
    expect(await checkups()).toEqual({ asOf: '2026-12-02', figures: { total: 1, met: 0, overdue: 0 } });
    // 2026-12-04 00:05 in Shanghai, a few minutes after the last refresh: a new day recomputes.
    local.set('2026-12-03T16:05:00Z');
    expect(await checkups()).toEqual({ asOf: '2026-12-04', figures: { total: 1, met: 0, overdue: 1 } });

    // Scope on the snapshot: the east reviewer sees dongshan and xishan only, never the others or no village.
    const [xi] = await db.select({ id: villages.id }).from(villages).where(eq(villages.code, 'xishan'));
    const mine = await json<Figures>(
      await app.call('GET', '/api/review/service-file/completeness', { as: REVIEWER_EAST }),
    );
    expect(mine.villages.map((x) => x.villageId)).toContain(east!.id);
    expect(mine.villages.every((x) => x.villageId === east!.id || x.villageId === xi!.id)).toBe(true);
    const other = await json<Figures>(
      await app.call('GET', `/api/review/service-file/completeness?villageId=${south!.id}`, {
        as: REVIEWER_EAST,
      }),
    );
    expect(other.villages).toEqual([]);
    const csv = await (
      await app.call('GET', '/api/review/service-file/completeness.csv', { as: REVIEWER_EAST })
    ).text();
    expect(csv).toContain(`2026-12-04,${east!.id},`);
    expect(csv).not.toContain(`\r\n2026-12-04,${south!.id},`);
    const all = await json<Figures>(
      await app.call('GET', '/api/review/service-file/completeness', { as: ADMIN }),
    );
    expect(all.villages.map((x) => x.villageId)).toEqual(expect.arrayContaining([east!.id, south!.id]));
  });
});
